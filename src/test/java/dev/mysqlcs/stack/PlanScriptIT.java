package dev.mysqlcs.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.mysqlcs.testing.ConfigFixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** README's first command, as a user runs it: the real {@code ./plan} script in a new process, on the packaged jar. */
@Tag("slow")
class PlanScriptIT {

    record Run(int exit, String out, String err) {}

    static Run plan(String... args) throws IOException, InterruptedException {
        Path root = PlanFixture.repoRoot();
        List<String> command = new ArrayList<>(List.of(root.resolve("plan").toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile("plan", ".out");
        Path err = Files.createTempFile("plan", ".err");
        Process p = new ProcessBuilder(command)
                .directory(root.toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        assertTrue(p.waitFor(180, TimeUnit.SECONDS), "./plan did not finish");
        return new Run(
                p.exitValue(),
                Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void planProdJsonPrintsOneValidDocument() throws Exception {
        Run r = plan("prod", "--json");
        assertEquals(0, r.exit(), r.err());
        JsonObject doc = JsonParser.parseString(r.out()).getAsJsonObject();
        assertEquals("prod", doc.get("stack").getAsString());
        assertTrue(doc.getAsJsonArray("resources").size() > 5, r.out());
    }

    @Test
    void planOfTheEnterpriseExampleByPathSucceeds() throws Exception {
        Run r = plan("--config", PlanFixture.ENTERPRISE_EXAMPLE);
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith("Plan of stack 'single-cluster-enterprise': "), r.out());
        assertFalse(r.err().contains("Exception"), r.err());
    }

    @Test
    void diffExitsZeroWithoutAndThreeWithChanges() throws Exception {
        Run same = plan("prod", "--diff", "Pulumi.prod.yaml");
        assertEquals(0, same.exit(), same.err());
        assertTrue(same.out().endsWith("\nNo changes.\n"), same.out());
        Run changed = plan(
                "prod",
                "--config",
                "src/test/resources/plan/Pulumi.prod-third-cluster.yaml",
                "--diff",
                "Pulumi.prod.yaml");
        assertEquals(3, changed.exit(), changed.err());
        assertTrue(
                changed.out()
                        .contains("\n0 to add, 0 to remove, 6 to modify, 13 unchanged; MySQL steps: 0 added, "
                                + "0 removed; 4 stack output changes\n"),
                changed.out());
    }

    @Test
    void configErrorsExitTwo() throws Exception {
        Path bad = Files.createTempFile("Pulumi.bad", ".yaml");
        Files.writeString(bad, ConfigFixtures.shipped("Pulumi.dr.yaml").replace("instances: 3", "instances: 0"));
        Run r = plan("--config", bad.toString());
        assertEquals(2, r.exit(), r.err());
        assertEquals("", r.out());
        assertTrue(
                r.err().startsWith("config error: mysqlcs:clusterSet.members[0].instances: 0 is out of range"),
                r.err());
    }
}
