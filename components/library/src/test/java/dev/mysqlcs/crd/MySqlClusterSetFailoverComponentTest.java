package dev.mysqlcs.crd;

import com.pulumi.kubernetes.Provider;
import com.pulumi.kubernetes.ProviderArgs;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.test.PulumiTest;
import com.pulumi.test.TestResult;
import dev.mysqlcs.testing.RecordingMocks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The failover resource as the ClusterSet linkage will register it (it is not part of the stack yet). */
class MySqlClusterSetFailoverComponentTest {

    private final RecordingMocks mocks = new RecordingMocks();

    @AfterEach
    void cleanup() {
        PulumiTest.cleanup();
    }

    @Test
    void registersUnderTheCrdTokenWithTheWholeObjectAndReadsItsOutputsBack() {
        AtomicReference<MySqlClusterSetFailover> failover = new AtomicReference<>();
        TestResult result = PulumiTest.withMocks(mocks).runTest(ctx -> {
            Provider k8s = new Provider("k8s", ProviderArgs.builder().context("default").build());
            failover.set(new MySqlClusterSetFailover("incident-x1-force", MySqlClusterSetFailoverArgs.builder()
                    .name("incident-x1-force").namespace("clusterns2").clusterName("mycluster2").force(true)
                    .build(), CustomResourceOptions.builder().provider(k8s).build()));
        });
        assertEquals(List.of(), result.exceptions());
        var registered = mocks.named("incident-x1-force");
        assertEquals("kubernetes:mysql.oracle.com/v2:MySQLClusterSetFailover", registered.type);
        assertEquals("mysql.oracle.com/v2", registered.inputs.get("apiVersion"));
        assertEquals("MySQLClusterSetFailover", registered.inputs.get("kind"));
        assertEquals(Map.of("name", "incident-x1-force", "namespace", "clusterns2"), registered.inputs.get("metadata"));
        assertEquals(Map.of("clusterName", "mycluster2", "force", true), registered.inputs.get("spec"));
        assertTrue(registered.provider.contains("pulumi:providers:kubernetes::k8s"), registered.provider);

        assertEquals(Map.of("clusterName", "mycluster2", "force", true),
                PulumiTest.extractValue(failover.get().spec()));
        assertEquals("clusterns2", PulumiTest.extractValue(failover.get().metadata()).namespace().orElseThrow());
        assertEquals("MySQLClusterSetFailover", PulumiTest.extractValue(failover.get().kind()));
    }
}
