package dev.mysqlcs.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mysqlcs.fake.FakeWorld;
import dev.mysqlcs.testing.ConfigFixtures;
import io.grpc.StatusRuntimeException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Issue 10 item 3: leaving the ClusterSet leaves a working InnoDBCluster. removeCluster dissolves the replica's InnoDB
 * cluster (cluster_set/cluster_set_impl.cc remove_cluster), which the MySQL Operator never re-creates
 * (cluster_controller.py creates only while create_time is unset): the provider re-creates it with the operator's own
 * options. Destroying the last stack does not dissolve the primary's cluster.
 */
class LeaveTest extends DeployedProdAndDr {

    LeaveTest() {
        super("shop");
    }

    @Test
    void aRemovedReplicaServesAgainAsItsOwnInnoDbClusterWithTheOperatorsOptions() {
        dr.destroy();
        assertEquals(List.of("prd"), h.world.clusterSetMembers());
        assertEquals(FakeWorld.State.ONLINE, h.world.state("dr"), "dr is an InnoDB cluster again");
        assertEquals(Set.of(0, 1, 2), h.world.instancesInMetadata("dr"));
        assertEquals(true, h.world.createOptions("dr").get("manualStartOnBoot"));
        assertEquals("ABORT_SERVER", h.world.createOptions("dr").get("exitStateAction"));
        assertEquals(false, h.world.createOptions("dr").get("gtidSetIsComplete"), "it keeps its data");
        assertTrue(h.world.userSchemas("dr", 0).contains("shop"), "the data stays");
        assertTrue(
                h.world.mutations().containsAll(List.of("removeCluster", "createCluster")),
                h.world.mutations().toString());
    }

    /**
     * Review point 17: the registrations of dr's router pods that are gone are removed from the ClusterSet's metadata
     * before removeCluster (cluster.removeRouterMetadata on dr); a live pod's registration is left.
     */
    @Test
    void aRemovalFirstRemovesTheRegistrationsOfItsRouterPodsThatAreGone() {
        String live = h.routerPod("dr", "dr-router-5c7d8-qx2lp");
        String gone = h.routerPod("dr", "dr-router-5c7d8-7wz9k");
        String prdRouter = h.routerPod("prd", "prd-router-6b7c9-k2m4p");
        h.routerPodGone("dr", "dr-router-5c7d8-7wz9k");
        dr.destroy();
        assertEquals(List.of("prd"), h.world.clusterSetMembers());
        assertEquals(Set.of(live, prdRouter), h.world.registeredRouters());
        List<String> order = h.world.mutations().stream()
                .filter(m -> m.equals("removeRouterMetadata") || m.equals("removeCluster"))
                .toList();
        assertEquals(List.of("removeRouterMetadata", "removeCluster"), order);
        assertFalse(gone.isEmpty());
    }

    /** The journal ConfigMap the provider writes in dr's namespace (Fabric8KubeActions.joinMark). */
    private Optional<String> journal() {
        var cm = h.clients
                .get("dr")
                .configMaps()
                .inNamespace("mysql-dr")
                .withName("dr-mysqlcs-clusterset")
                .get();
        return cm == null || cm.getData() == null
                ? Optional.empty()
                : Optional.ofNullable(cm.getData().get(Fabric8KubeActions.JOIN_KEY));
    }

    @Test
    void aRemovedReplicaJoinsAgainWhenItWroteNothingSinceItsRemoval() {
        dr.destroy();
        assertTrue(
                journal().orElse("").startsWith("left:mycs|"),
                "the removal is recorded with the " + "re-created cluster's own GTIDs: " + journal());
        h.world.write("prd", "orders");
        dr.up(ConfigFixtures.dr());
        assertEquals(List.of("prd", "dr"), h.world.clusterSetMembers());
        assertEquals(FakeWorld.State.ONLINE, h.world.state("dr"));
        assertEquals(Set.of(0, 1, 2), h.world.instancesInMetadata("dr"));
        assertTrue(h.world.userSchemas("dr", 0).containsAll(List.of("shop", "orders")), "a clone of prd");
        assertEquals(Optional.empty(), journal(), "the record is cleared once it is a member again");
    }

    @Test
    void aRemovedReplicaThatTookWritesSinceIsNotReAdded() {
        dr.destroy();
        h.world.write("dr", "local");
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> dr.up(ConfigFixtures.dr()));
        String m = e.getStatus().getDescription();
        assertTrue(m.contains("refused (readd-local-writes)"), m);
        assertTrue(m.contains("mysqlbinlog --include-gtids="), m);
        assertEquals(List.of("prd"), h.world.clusterSetMembers());
        assertEquals(FakeWorld.State.ONLINE, h.world.state("dr"), "nothing dissolved");
        assertTrue(h.world.userSchemas("dr", 0).contains("local"));
    }

    @Test
    void aRemovalInterruptedAfterRemoveClusterIsCompletedByTheNextDestroy() {
        h.world.failNext("createCluster", FakeWorld.Phase.BEFORE);
        assertThrows(StatusRuntimeException.class, () -> dr.destroy());
        assertEquals(FakeWorld.State.REMOVED, h.world.state("dr"), "dissolved by removeCluster, not yet re-created");
        dr.destroy();
        assertEquals(FakeWorld.State.ONLINE, h.world.state("dr"));
        assertEquals(Set.of(0, 1, 2), h.world.instancesInMetadata("dr"));
    }

    @Test
    void aReplicaLostForGoodIsRemovedWithForceOnlyWhenConfigSaysSo() {
        h.world.kubeDown("dr", true);
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> dr.destroy());
        String m = e.getStatus().getDescription();
        assertTrue(m.contains("refused (member-unreachable)"), m);
        assertTrue(m.contains("set mysqlcs:clusterSet.removeLostClusters: [dr]"), m);
        assertEquals(List.of("prd", "dr"), h.world.clusterSetMembers());

        dr.up(ConfigFixtures.topology(ConfigFixtures.shipped("Pulumi.dr.yaml")
                .replace("    primary: prd\n", "    primary: prd\n    removeLostClusters: [dr]\n")));
        dr.destroy();
        assertEquals(List.of("prd"), h.world.clusterSetMembers());
        assertTrue(
                h.shell.invocations().stream()
                        .filter(i -> String.join(" ", i.argv()).contains("removeCluster("))
                        .allMatch(i -> i.pod().pod().startsWith("prd-")
                                && String.join(" ", i.argv()).contains("\"force\":true")),
                "run from the primary's pod, with force");
    }

    @Test
    void destroyingThePrimarysStackLastLeavesItsInnoDbClusterOnline() {
        dr.destroy();
        long before = h.world.mutationCount();
        prod.destroy();
        assertEquals(before, h.world.mutationCount(), "nothing dissolves prd");
        assertEquals(FakeWorld.State.ONLINE, h.world.state("prd"));
        assertEquals(Optional.of("prd"), h.world.clusterSetPrimary());
        assertFalse(h.world.superReadOnly("prd", 0), "prd still takes writes");
    }
}
