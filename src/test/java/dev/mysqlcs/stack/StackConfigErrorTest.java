package dev.mysqlcs.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pulumi.exceptions.RunException;
import com.pulumi.test.TestOptions;
import com.pulumi.test.internal.PulumiTestInternal;
import dev.mysqlcs.stack.offline.PlanMocks;
import dev.mysqlcs.stack.offline.StackFile;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The program itself (as `pulumi up` runs it) stops on bad config before registering anything. */
class StackConfigErrorTest {

    @AfterEach
    void cleanup() {
        PulumiTestInternal.cleanup();
    }

    @Test
    void deploymentWithoutRootPasswordFailsWithTheConfigErrorAndNoResources() {
        StackFile file = withMeshCa(PlanFixture.stackFile("Pulumi.prod.yaml"));
        var result = PulumiTestInternal.builder()
                .options(TestOptions.builder()
                        .projectName("mysqlcs")
                        .stackName("prod")
                        .preview(false)
                        .build())
                .mocks(new PlanMocks())
                .config(file.config(), file.secretKeys())
                .build()
                .runTest(ctx -> Stack.define(ctx, file.secretKeys()::contains, false));
        assertTrue(result.exitCode() != 0);
        Throwable e = result.exceptions().stream()
                .map(StackConfigErrorTest::runException)
                .filter(x -> x != null)
                .findFirst()
                .orElseThrow(() -> new AssertionError(result.exceptions()));
        assertInstanceOf(RunException.class, e);
        assertEquals(
                "1 config error(s) in stack prod; nothing was changed:\nconfig error: mysqlcs:rootPassword: is "
                        + "required (the MySQL root password of every member); allowed: a secret, set with: pulumi config set --secret "
                        + "mysqlcs:rootPassword",
                e.getMessage());
        assertTrue(result.resources().stream()
                .noneMatch(r -> r.pulumiResourceType().startsWith("pulumi:providers")));
    }

    /** The mesh CA as the engine hands it to a deployment: decrypted, the key marked secret. */
    private static StackFile withMeshCa(StackFile file) {
        Map<String, String> config = new LinkedHashMap<>(file.config());
        config.put("mysqlcs:meshCaCert", dev.mysqlcs.testing.MeshFixtures.ca().certificatePem());
        config.put("mysqlcs:meshCaKey", dev.mysqlcs.testing.MeshFixtures.ca().privateKeyPem());
        java.util.Set<String> secrets = new java.util.HashSet<>(file.secretKeys());
        secrets.add("mysqlcs:meshCaKey");
        return new StackFile(config, secrets);
    }

    private static Throwable runException(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof RunException) {
                return c;
            }
        }
        return null;
    }

    @Test
    void deploymentWithSecretRootPasswordRuns() {
        StackFile file = withMeshCa(PlanFixture.stackFile("Pulumi.prod.yaml"));
        Map<String, String> config = new LinkedHashMap<>(file.config());
        config.put("mysqlcs:rootPassword", "s3cret-from-the-engine");
        var secrets = java.util.Set.of("mysqlcs:rootPassword", "mysqlcs:meshCaKey");
        var result = PulumiTestInternal.builder()
                .options(TestOptions.builder()
                        .projectName("mysqlcs")
                        .stackName("prod")
                        .preview(false)
                        .build())
                .mocks(new PlanMocks())
                .config(config, secrets)
                .build()
                .runTest(ctx -> Stack.define(ctx, secrets::contains, false));
        assertEquals(java.util.List.of(), result.exceptions());
    }
}
