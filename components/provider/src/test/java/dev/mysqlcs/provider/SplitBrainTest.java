package dev.mysqlcs.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mysqlcs.model.Topology;
import dev.mysqlcs.testing.ConfigFixtures;
import dev.mysqlcs.testing.PrimaryControl;
import io.grpc.StatusRuntimeException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 10 item 4: no split brain. A partition where each side sees the other differently (prd's own view: an OK
 * primary; dr's view: prd UNREACHABLE), and four clusters with one lost (cluster_set_impl.cc check_clusters_available:
 * SHERR_DBA_UNAVAILABLE_REPLICA_CLUSTERS unless it is listed in invalidateReplicaClusters).
 */
class SplitBrainTest {

    private ProviderHarness h;

    @AfterEach
    void close() {
        assertEquals(List.of(), h.lockViolations);
        h.close();
    }

    @Test
    void aForcedFailoverDuringAPartitionFencesTheOldPrimaryTheProviderStillReachesFirst() {
        h = new ProviderHarness(ConfigFixtures.prod());
        h.world.operatorCreates("prd").operatorCreates("dr");
        h.world.write("prd", "shop");
        ProviderHarness.EngineStack prod = h.stack("prod");
        ProviderHarness.EngineStack dr = h.stack("dr");
        prod.up(ConfigFixtures.prod());
        dr.up(ConfigFixtures.dr());
        // The mesh between the clusters is cut; the provider still execs into both Kubernetes clusters.
        h.world.isolate("prd", true);
        assertFalse(h.world.superReadOnly("prd", 0), "prd still takes writes");

        Topology failover = PrimaryControl.dr("dr", 1, true);
        List<String> planned = dr.preview(failover).get("mycs-primary").plannedSteps();
        assertEquals(
                List.of(
                        "fenceWrites() on the old primary cluster prd (prd-0.prd-instances.mysql-prod.svc"
                                + ".cluster.local) before the forced failover: the provider still reaches it",
                        "FORCED failover: forcePrimaryCluster('dr'); the old primary is invalidated",
                        "record primary epoch 1 on the primary cluster (tag:mysqlcs_primary_epoch)"),
                planned);
        dr.up(failover);
        assertEquals(Optional.of("dr"), h.world.clusterSetPrimary());
        assertEquals(Set.of("prd"), h.world.invalidated());
        for (int i = 0; i < 3; i++) {
            assertTrue(h.world.superReadOnly("prd", i), "prd-" + i + " is fenced: one writable primary only");
        }
        assertFalse(h.world.superReadOnly("dr", 0));
        assertEquals(
                List.of("fenceWrites", "forcePrimaryCluster", "setOption"),
                h.world
                        .mutations()
                        .subList(
                                h.world.mutations().size() - 3,
                                h.world.mutations().size()));
    }

    // ------------------------------------------------------------------ four clusters, one lost

    static final String MORE_MEMBERS = """
                  - name: prd-b
                    namespace: mysql-prod-b
                    kubeCluster: prod
                    baseServerId: 300
                    instances: 1
                    routerInstances: 0
                    edition: community
                    tls: {useSelfSigned: true}
                  - name: dr-b
                    namespace: mysql-dr-b
                    kubeCluster: dr
                    baseServerId: 400
                    instances: 1
                    routerInstances: 0
                    edition: community
                    tls: {useSelfSigned: true}
            """;

    static Topology four(String file, String primary, long epoch, String extra) {
        String yaml = ConfigFixtures.shipped(file).stripTrailing() + "\n" + MORE_MEMBERS;
        return ConfigFixtures.topology(yaml.replace(
                "    primary: prd\n", "    primary: " + primary + "\n    primaryEpoch: " + epoch + "\n" + extra));
    }

    @Test
    void withFourClustersOneLostReplicaBlocksTheSwitchoverUntilConfigListsItForInvalidation() {
        Topology prodConfig = four("Pulumi.prod.yaml", "prd", 0, "");
        Topology drConfig = four("Pulumi.dr.yaml", "prd", 0, "");
        h = new ProviderHarness(prodConfig);
        h.world
                .operatorCreates("prd")
                .operatorCreates("dr")
                .operatorCreates("prd-b")
                .operatorCreates("dr-b");
        h.world.write("prd", "shop");
        ProviderHarness.EngineStack prod = h.stack("prod");
        ProviderHarness.EngineStack dr = h.stack("dr");
        prod.up(prodConfig);
        dr.up(drConfig);
        assertEquals(Set.of("prd", "dr", "prd-b", "dr-b"), Set.copyOf(h.world.clusterSetMembers()));

        h.world.isolate("dr-b", true);
        StatusRuntimeException e =
                assertThrows(StatusRuntimeException.class, () -> dr.up(four("Pulumi.dr.yaml", "dr", 1, "")));
        String m = e.getStatus().getDescription();
        assertTrue(m.contains("refused (replica-clusters-unavailable)"), m);
        assertTrue(m.contains("set mysqlcs:clusterSet.invalidateReplicaClusters: [dr-b]"), m);
        assertEquals(Optional.of("prd"), h.world.clusterSetPrimary());

        Topology listed = four("Pulumi.dr.yaml", "dr", 1, "    invalidateReplicaClusters: [dr-b]\n");
        assertEquals(
                "switch over: setPrimaryCluster('dr'); invalidateReplicaClusters: [dr_b]",
                dr.preview(listed).get("mycs-primary").plannedSteps().get(0));
        dr.up(listed);
        assertEquals(Optional.of("dr"), h.world.clusterSetPrimary());
        assertEquals(Set.of("dr-b"), h.world.invalidated(), "only the lost replica; prd-b follows the new primary");
    }
}
