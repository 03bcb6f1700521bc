package dev.mysqlcs.stack;

import dev.mysqlcs.stack.offline.Plan;
import dev.mysqlcs.stack.offline.StackFile;
import dev.mysqlcs.testing.ConfigFixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Runs the real stack program under the SDK's mock engine with a shipped stack file, as {@code ./plan} does. */
public final class PlanFixture {

    public static final String PROJECT = "mysqlcs";
    public static final String ENTERPRISE_EXAMPLE = "src/examples/Pulumi.single-cluster-enterprise.yaml";

    private PlanFixture() {}

    /** The repository root (tests run in the src module directory). */
    public static Path repoRoot() {
        return ConfigFixtures.repoRoot();
    }

    public static StackFile stackFile(String relative) {
        try {
            return StackFile.read(repoRoot().resolve(relative), PROJECT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Plans {@code Pulumi.<stack>.yaml}. */
    public static Plan.Result planStack(String stack) {
        return Plan.plan(PROJECT, stack, stackFile("Pulumi." + stack + ".yaml"));
    }

    public static Plan.Result planFile(String relative, String stack) {
        return Plan.plan(PROJECT, stack, stackFile(relative));
    }

    /** Plans YAML text given inline (a {@code Pulumi.<stack>.yaml} body). */
    public static Plan.Result planYaml(String yaml, String stack) {
        try {
            Path f = Files.createTempFile("Pulumi." + stack, ".yaml");
            Files.writeString(f, yaml);
            try {
                return Plan.plan(PROJECT, stack, StackFile.read(f, PROJECT));
            } finally {
                Files.deleteIfExists(f);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
