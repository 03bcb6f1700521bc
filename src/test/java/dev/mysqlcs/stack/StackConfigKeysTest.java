package dev.mysqlcs.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.pulumi.test.TestOptions;
import com.pulumi.test.internal.PulumiTestInternal;
import dev.mysqlcs.config.InvalidConfigException;
import dev.mysqlcs.stack.offline.PlanMocks;
import dev.mysqlcs.stack.offline.StackFile;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The program sees every key of the stack through the engine's PULUMI_CONFIG and refuses a misspelled one. */
class StackConfigKeysTest {

    @AfterEach
    void cleanup() {
        PulumiTestInternal.cleanup();
    }

    @Test
    void keysComeFromTheEnginesConfigVariable() {
        assertEquals(
                Optional.of(Set.of("clusterSet", "deploy", "old")),
                StackConfig.keysFromEnvironment(
                        "{\"mysqlcs:clusterSet\":\"{}\",\"mysqlcs:deploy\":\"[]\",\"mysqlcs:config:old\":\"x\","
                                + "\"kubernetes:context\":\"c\"}"));
        assertEquals(Optional.empty(), StackConfig.keysFromEnvironment(null));
        assertEquals(Optional.empty(), StackConfig.keysFromEnvironment("not json"));
    }

    @Test
    void theProgramRefusesAMisspelledKey() {
        StackFile prod = PlanFixture.stackFile("Pulumi.prod.yaml");
        Map<String, String> config = new LinkedHashMap<>(prod.config());
        config.put("mysqlcs:clustrSet", "{}");
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        PulumiTestInternal.builder()
                .options(TestOptions.builder()
                        .projectName("mysqlcs")
                        .stackName("prod")
                        .preview(true)
                        .build())
                .mocks(new PlanMocks())
                .config(config, prod.secretKeys())
                .build()
                .runTest(ctx -> {
                    Set<String> keys = new java.util.TreeSet<>();
                    config.keySet().forEach(k -> keys.add(k.substring("mysqlcs:".length())));
                    try {
                        StackConfig.read(ctx, prod.secretKeys()::contains, true, Optional.of(keys));
                    } catch (InvalidConfigException e) {
                        thrown.set(e);
                    }
                });
        InvalidConfigException e = (InvalidConfigException) thrown.get();
        assertEquals(
                "config error: mysqlcs:clustrSet: is not a setting of this project (did you mean "
                        + "'mysqlcs:clusterSet'?); allowed: mysqlcs:cilium, mysqlcs:clusterSet, mysqlcs:deploy, "
                        + "mysqlcs:kubeClusters, mysqlcs:maxConnectedClusters, mysqlcs:meshCaCert, mysqlcs:meshCaKey, "
                        + "mysqlcs:mysqlOperator, mysqlcs:rootHost, mysqlcs:rootPassword, mysqlcs:rootUser",
                e.errors().get(0).render());
    }
}
