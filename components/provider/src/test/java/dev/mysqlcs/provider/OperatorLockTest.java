package dev.mysqlcs.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mysqlcs.fake.FakeGtids;
import dev.mysqlcs.io.AdminApi;
import dev.mysqlcs.io.AdminApiException;
import dev.mysqlcs.io.Credentials;
import dev.mysqlcs.model.Topology;
import dev.mysqlcs.plan.Intent;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The provider's wait for the cluster's AdminAPI lock (MYSQLSH 51500) covers more than addInstance: removeCluster
 * takes the exclusive lock of the cluster it removes (mysql/mysql-shell modules/adminapi/cluster_set/
 * cluster_set_impl.cc:1080 remove_cluster, {@code target_cluster->get_lock_exclusive()}), which the MySQL Operator
 * holds while it joins a re-created pod of that cluster (FakeWorld.operatorJoinsPod). The step is refused, the
 * ClusterSet read again and the step retried until {@code timeouts.stepSeconds}.
 */
class OperatorLockTest extends DeployedProdAndDr {

    /** removeCluster runs in dr-0's sidecar with a session on the primary cluster's primary (prd-0). */
    private static final String REFUSED = "ClusterSet.removeCluster: Failed to acquire Cluster lock through primary"
            + " member 'dr-0.dr-instances.mysql-dr.svc.cluster.local:3306' (MYSQLSH 51500) (on session on"
            + " prd-0.prd-instances.mysql-prod.svc.cluster.local from pod dr/mysql-dr/dr-0)";

    private static final String MARK_LEAVING = "record in dr's namespace that it is leaving ClusterSet 'mycs'";

    private final RecordingLog log = new RecordingLog();
    /** Each AdminAPI call's timeout. */
    private final Duration t = Duration.ofSeconds(5);

    OperatorLockTest() {
        super("shop");
    }

    /** The member's pod 2 was re-created: the operator joins it again, holding the member cluster's lock meanwhile. */
    private void operatorRejoinsPod2(String member, Duration lockHeld) {
        h.world.notInCluster(member, 2);
        h.world.operatorJoinsPod(member, 2, lockHeld);
    }

    /** The operator holds the member cluster's lock for a minute; the AdminAPI straight on the fake Shell. */
    private AdminApi operatorHoldsTheLockOf(String member) {
        operatorRejoinsPod2(member, Duration.ofSeconds(60));
        return new AdminApi(h.shell, new Credentials("root", ProviderHarness.PASSWORD.toCharArray()), t);
    }

    private Reconciler reconciler(long stepSeconds) {
        Topology t = JoinResumeTest.withStepSeconds("Pulumi.dr.yaml", stepSeconds);
        return new Reconciler(
                t.clusterSet(),
                Set.copyOf(t.deploy()),
                h.backends,
                new Credentials("root", ProviderHarness.PASSWORD.toCharArray()),
                Set.of("prod", "dr"),
                log,
                new Cancellation(),
                Duration.ZERO);
    }

    private long removeClusters() {
        return h.shell.invocations().stream()
                .filter(i -> String.join(" ", i.argv()).contains("removeCluster(\"dr\""))
                .count();
    }

    /** The ClusterSet was read again ({@code clusterset status}) before each retry of removeCluster. */
    private void assertObservedBeforeEachRetry() {
        List<String> runs = h.shell.invocations().stream()
                .map(i -> String.join(" ", i.argv()))
                .toList();
        int last = -1;
        for (int i = 0; i < runs.size(); i++) {
            if (!runs.get(i).contains("removeCluster(\"dr\"")) {
                continue;
            }
            if (last >= 0) {
                assertTrue(
                        runs.subList(last + 1, i).stream().anyMatch(r -> r.contains("clusterset status")),
                        "no observation between the removeCluster runs " + last + " and " + i);
            }
            last = i;
        }
    }

    @Test
    void aRemoveClusterRefusedForTheOperatorsLockIsRetriedOnceTheLockIsReleased() {
        // dr-2's pod was re-created: the operator joins it again, holding dr's lock for the clone.
        operatorRejoinsPod2("dr", Duration.ofMillis(1500));

        Reconciler.Result r = reconciler(30).converge(new Intent.RemoveMember("dr"));

        // The re-created cluster's own transactions: what dr-0 holds beyond prd's (the clone of prd it was).
        String own = FakeGtids.subtract(h.world.gtids("dr", 0), h.world.gtids("prd", 0));
        assertEquals(
                List.of(
                        MARK_LEAVING,
                        "removeCluster('dr')",
                        "createCluster('dr') on dr-0.dr-instances.mysql-dr.svc.cluster.local with the MySQL Operator's"
                                + " options (dr serves again as its own InnoDB cluster)",
                        "addInstance('dr-1.dr-instances.mysql-dr.svc.cluster.local', {recoveryMethod: 'clone'}) to dr",
                        "addInstance('dr-2.dr-instances.mysql-dr.svc.cluster.local', {recoveryMethod: 'clone'}) to dr",
                        "record in dr's namespace that this provider removed it from ClusterSet 'mycs' (its"
                                + " re-created cluster's own GTIDs " + own + ")"),
                r.applied());
        assertEquals(List.of("prd"), h.world.clusterSetMembers());
        assertTrue(
                h.world.mutations().contains("operator addInstance dr-2"),
                "the operator's join completed first: " + h.world.mutations());
        assertTrue(removeClusters() >= 2, "refused, then retried while the lock was held: " + removeClusters());
        assertObservedBeforeEachRetry();
        assertEquals(
                List.of("removeCluster('dr'): another AdminAPI operation holds the cluster's"
                        + " lock (" + REFUSED + "); reading the ClusterSet again and retrying until it is released"
                        + " (up to 30 s)"),
                log.warnings());
    }

    @Test
    void aLockStillHeldAtTheStepDeadlineFailsTheRemovalWithTheBusyGuidance() {
        operatorRejoinsPod2("dr", Duration.ofSeconds(60));

        long start = System.nanoTime();
        Reconciler.StepFailedException e = assertThrows(
                Reconciler.StepFailedException.class, () -> reconciler(2).converge(new Intent.RemoveMember("dr")));

        assertTrue(System.nanoTime() - start >= Duration.ofSeconds(2).toNanos(), "retried until the step deadline");
        assertTrue(e.getCause() instanceof AdminApiException.Busy, String.valueOf(e.getCause()));
        assertEquals(
                "removeCluster: " + REFUSED + "; the lock was still held after 2 s of retries"
                        + " (mysqlcs:clusterSet.timeouts.stepSeconds) -- another AdminAPI operation (the MySQL Operator"
                        + " managing its pods, or another run) holds the cluster's lock; nothing was changed: run"
                        + " `pulumi up` again",
                e.getMessage());
        assertEquals(List.of(MARK_LEAVING), e.applied(), "nothing after the refused step ran");
        assertTrue(removeClusters() >= 2, "retried while the lock was held: " + removeClusters());
        assertObservedBeforeEachRetry();
        assertEquals(List.of("prd", "dr"), h.world.clusterSetMembers(), "dr is still a member");
    }

    /** mysqlsh in the member's pod 0 with a session on that pod, straight to the fake Shell. */
    private AdminApi.Target session(String member) {
        var m = h.topology.clusterSet().member(member).orElseThrow();
        return new AdminApi.Target(
                Observer.pod(m, 0), m.podFqdn(0, h.topology.clusterSet().domain()));
    }

    private static String refused(String api, String lockedPrimary) {
        return api + ": Failed to acquire Cluster lock through primary member '" + lockedPrimary + ":3306' (MYSQLSH"
                + " 51500)";
    }

    private void assertBusy(String expected, org.junit.jupiter.api.function.Executable call) {
        AdminApiException.Busy e = assertThrows(AdminApiException.Busy.class, call);
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    /**
     * Which of the provider's operations the operator's lock on the primary cluster prd refuses, each as the Shell
     * takes the lock (FakeAdminApiShell.lockHeld lists mysql-shell's file:line), and which take no cluster lock.
     */
    @Test
    void whileTheOperatorHoldsThePrimaryClustersLockEveryOperationThatLocksItIsRefused() {
        AdminApi api = operatorHoldsTheLockOf("prd");
        String prd0 = "prd-0.prd-instances.mysql-prod.svc.cluster.local";
        int before = h.world.mutations().size();

        assertBusy(refused("Cluster.fenceWrites", prd0), () -> api.fenceWrites(session("prd"), t));
        assertBusy(
                refused("Cluster.removeRouterMetadata", prd0),
                () -> api.removeRouterMetadata(session("prd"), "prd-router-6b7c9-k2m4p::", t));
        assertBusy(refused("ClusterSet.removeCluster", prd0), () -> api.removeCluster(session("prd"), "dr", false, t));
        assertBusy(refused("ClusterSet.rejoinCluster", prd0), () -> api.rejoinCluster(session("prd"), "dr", t));
        assertBusy(
                refused("ClusterSet.setPrimaryCluster", prd0),
                () -> api.setPrimaryCluster(session("dr"), "dr", List.of(), t));
        // No cluster lock: setRoutingOption (base_cluster_impl.cc:1169) and a tag's setOption (set_cluster_tag).
        String router = h.routerPod("prd", "prd-router-6b7c9-k2m4p");
        api.setRoutingOption(session("prd"), router, "invalidated_cluster_policy", "\"accept_ro\"", t);
        api.setPrimaryEpoch(session("prd"), 0, t);
        assertEquals(List.of("prd", "dr"), h.world.clusterSetMembers());
        assertEquals(
                List.of("setRoutingOption", "setOption"),
                h.world.mutations().subList(before, h.world.mutations().size()),
                "the refused operations changed nothing");
    }

    /**
     * dr's own lock: the dissolve of dr (cluster_impl.cc:2568), its fence (2096), the removal of dr as its target
     * (cluster_set_impl.cc:1080) and a switchover, which locks every reachable cluster (2361).
     */
    @Test
    void whileTheOperatorHoldsAReplicasLockItsDissolveFenceRemovalAndASwitchoverAreRefused() {
        AdminApi api = operatorHoldsTheLockOf("dr");
        String dr0 = "dr-0.dr-instances.mysql-dr.svc.cluster.local";
        int before = h.world.mutations().size();

        assertBusy(refused("Cluster.dissolve", dr0), () -> api.dissolveCluster(session("dr"), t));
        assertBusy(refused("Cluster.fenceWrites", dr0), () -> api.fenceWrites(session("dr"), t));
        assertBusy(refused("ClusterSet.removeCluster", dr0), () -> api.removeCluster(session("prd"), "dr", false, t));
        assertBusy(
                refused("ClusterSet.setPrimaryCluster", dr0),
                () -> api.setPrimaryCluster(session("dr"), "dr", List.of(), t));
        assertEquals(List.of("prd", "dr"), h.world.clusterSetMembers());
        assertEquals(
                List.of(),
                h.world.mutations().subList(before, h.world.mutations().size()));
    }
}
