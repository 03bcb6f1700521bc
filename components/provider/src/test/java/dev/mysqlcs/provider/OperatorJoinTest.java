package dev.mysqlcs.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mysqlcs.io.AdminApiException;
import dev.mysqlcs.io.Credentials;
import dev.mysqlcs.io.MySqlShell;
import dev.mysqlcs.model.Topology;
import dev.mysqlcs.plan.Intent;
import dev.mysqlcs.testing.ConfigFixtures;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Review point 9: the provider's addInstance against the MySQL Operator's own joins. The community operator joins
 * every pod it sees created or restarted (mysql/mysql-operator operator_cluster.py on_pod_create / on_pod_event →
 * cluster_controller.py on_pod_created / on_pod_restarted → reconcile_pod → join_instance), under the cluster's
 * exclusive AdminAPI lock (mysql/mysql-shell modules/adminapi/cluster/cluster_impl.cc add_instance
 * {@code get_lock_exclusive()}, timeout 0): a concurrent addInstance fails at once with SHERR_DBA_LOCK_GET_FAILED
 * (51500). The fake world models the operator's join holding that lock ({@code FakeWorld.operatorJoinsPod}).
 */
class OperatorJoinTest {

    private static final String DR1 = "dr-1.dr-instances.mysql-dr.svc.cluster.local";
    private static final String DR2 = "dr-2.dr-instances.mysql-dr.svc.cluster.local";

    private ProviderHarness h;
    private final RecordingLog log = new RecordingLog();

    @AfterEach
    void close() {
        if (h != null) {
            assertEquals(List.of(), h.lockViolations);
            h.close();
        }
    }

    private static Topology dr(long stepSeconds) {
        return JoinResumeTest.withStepSeconds("Pulumi.dr.yaml", stepSeconds);
    }

    private Reconciler reconciler(Topology t, Backends b) {
        return new Reconciler(
                t.clusterSet(),
                Set.copyOf(t.deploy()),
                b,
                new Credentials("root", ProviderHarness.PASSWORD.toCharArray()),
                Set.of("prod", "dr"),
                log,
                new Cancellation(),
                Duration.ZERO);
    }

    /** prod's ClusterSet, dr's standalone cluster (both created by their operators). */
    private void prodUp() {
        h = new ProviderHarness(ConfigFixtures.prod());
        h.world.operatorCreates("prd").operatorCreates("dr");
        h.stack("prod").up(ConfigFixtures.prod());
    }

    /** prod and dr linked; then dr-2 is no longer in dr's cluster (its pod was re-created). */
    private void drJoinedThenPod2Missing() {
        prodUp();
        h.stack("dr").up(ConfigFixtures.dr());
        assertEquals(List.of("prd", "dr"), h.world.clusterSetMembers());
        h.world.notInCluster("dr", 2);
        before = h.shell.invocations().size();
    }

    /** Shell runs before the part of the test that counts (the stacks' first `pulumi up`). */
    private int before;

    private long providerAddInstances(String host) {
        return h.shell.invocations().stream()
                .skip(before)
                .filter(i -> String.join(" ", i.argv()).contains("addInstance(\"" + host + ":3306\""))
                .count();
    }

    // ------------------------------------------------------------------ the plan

    @Test
    void outsideTheJoinFlowAMissingPodIsFirstLeftToTheOperator() {
        drJoinedThenPod2Missing();
        assertEquals(
                List.of(
                        "wait for the MySQL Operator to add dr-2 to InnoDB cluster dr itself (it joins the pods it sees"
                                + " created or restarted)",
                        "addInstance('" + DR2 + "', {recoveryMethod: 'clone'}) to dr"),
                reconciler(dr(3600), h.backends)
                        .preview(new Intent.EnsureMember("dr"))
                        .describe());
    }

    @Test
    void insideTheJoinFlowTheProviderAddsThePodsItself() {
        prodUp();
        List<String> planned = reconciler(dr(3600), h.backends)
                .preview(new Intent.EnsureMember("dr"))
                .describe();
        assertEquals(
                List.of(
                        "addInstance('" + DR1 + "', {recoveryMethod: 'clone'}) to dr",
                        "addInstance('" + DR2 + "', {recoveryMethod: 'clone'}) to dr"),
                planned.stream().filter(s -> s.contains("addInstance")).toList(),
                planned.toString());
        assertTrue(planned.stream().noneMatch(s -> s.startsWith("wait for the MySQL Operator")), planned.toString());
    }

    // ------------------------------------------------------------------ waiting for the operator

    @Test
    void theOperatorJoiningThePodDuringTheWaitMeansNoAddInstance() {
        drJoinedThenPod2Missing();
        h.world.operatorJoinsPod("dr", 2, Duration.ofMillis(800));

        Reconciler.Result r = reconciler(dr(3600), h.backends).converge(new Intent.EnsureMember("dr"));

        assertEquals(List.of(), r.applied());
        assertEquals(0, providerAddInstances(DR2));
        assertTrue(h.world.instancesInMetadata("dr").contains(2));
        assertTrue(
                h.world.mutations().contains("operator addInstance dr-2"),
                h.world.mutations().toString());
        assertTrue(
                log.infos().contains("the MySQL Operator added dr-2 to InnoDB cluster dr"),
                log.infos().toString());
        assertTrue(
                log.infos().contains("waiting for the MySQL Operator to add dr-2 to InnoDB cluster dr (up to 120 s)"),
                log.infos().toString());
    }

    @Test
    void anOperatorThatDoesNotJoinWithinTheWaitLeavesTheAddInstanceToTheProvider() {
        drJoinedThenPod2Missing();

        long start = System.nanoTime();
        Reconciler.Result r = reconciler(dr(3), h.backends).converge(new Intent.EnsureMember("dr"));

        assertTrue(System.nanoTime() - start >= Duration.ofSeconds(3).toNanos(), "the wait ran to its bound");
        assertEquals(List.of("addInstance('" + DR2 + "', {recoveryMethod: 'clone'}) to dr"), r.applied());
        assertEquals(1, providerAddInstances(DR2));
        assertTrue(h.world.instancesInMetadata("dr").contains(2));
        assertTrue(
                log.infos()
                        .contains("the MySQL Operator did not add dr-2 to InnoDB cluster dr within 3 s; the provider"
                                + " adds what is still missing"),
                log.infos().toString());
    }

    // ------------------------------------------------------------------ 51500 inside the join flow

    /** The shell, with the operator starting its own join of dr-1 just as the provider's addInstance of dr-1 runs. */
    private Backends operatorRacesFor(String host, Duration lockHeld) {
        AtomicBoolean started = new AtomicBoolean();
        MySqlShell racing = (pod, argv, stdin, timeout) -> {
            if (String.join(" ", argv).contains("addInstance(\"" + host + ":3306\"")
                    && started.compareAndSet(false, true)) {
                // dr-1's mysql container restarted during the clone: on_pod_restarted -> reconcile_pod -> join.
                h.world.operatorJoinsPod("dr", 1, lockHeld);
            }
            return h.backends.shell().run(pod, argv, stdin, timeout);
        };
        return new Backends(racing, h.probes, h.backends.kube());
    }

    @Test
    void anAddInstanceRefusedForTheOperatorsLockIsRetriedAndNotRunAgainOnceTheOperatorAddedThePod() {
        prodUp();
        Backends b = operatorRacesFor(DR1, Duration.ofMillis(1500));

        Reconciler.Result r = reconciler(dr(30), b).converge(new Intent.EnsureMember("dr"));

        assertEquals(List.of("prd", "dr"), h.world.clusterSetMembers());
        assertEquals(Set.of(0, 1, 2), h.world.instancesInMetadata("dr"));
        assertTrue(
                h.world.mutations().contains("operator addInstance dr-1"),
                h.world.mutations().toString());
        assertTrue(providerAddInstances(DR1) >= 2, "refused, then retried while the lock was held");
        assertEquals(1, providerAddInstances(DR2));
        assertTrue(
                r.applied().stream().noneMatch(s -> s.contains(DR1)),
                "the operator added dr-1, the provider did not: " + r.applied());
        assertTrue(
                r.applied().contains("addInstance('" + DR2 + "', {recoveryMethod: 'clone'}) to dr"),
                r.applied().toString());
        assertEquals(
                List.of("addInstance('" + DR1 + "', {recoveryMethod: 'clone'}) to dr: another AdminAPI operation holds"
                        + " the cluster's lock (Cluster.addInstance: Failed to acquire Cluster lock through primary"
                        + " member 'dr-0.dr-instances.mysql-dr.svc.cluster.local:3306' (MYSQLSH 51500) (on session on"
                        + " dr-0.dr-instances.mysql-dr.svc.cluster.local from pod dr/mysql-dr/dr-0)); reading the"
                        + " ClusterSet again and retrying until it is released (up to 30 s)"),
                log.warnings());
        // The retry notices the operator's join on its next observation, or (when the lock is released between
        // that observation and the retry) from the Shell's "already part of this InnoDB Cluster".
        String step = "addInstance('" + DR1 + "', {recoveryMethod: 'clone'}) to dr";
        assertTrue(
                log.infos()
                                .contains("the ClusterSet no longer needs " + step
                                        + " (the operation that held the lock did" + " it)")
                        || log.infos().stream()
                                .anyMatch(l -> l.startsWith(step + ": addInstance: Cluster.addInstance: The instance '"
                                                + DR1 + ":3306' is already part of this InnoDB Cluster")
                                        && l.endsWith(" (the operation that held the lock did it)")),
                log.infos().toString());
    }

    @Test
    void aLockStillHeldAtTheStepDeadlineFailsWithTheBusyGuidance() {
        prodUp();
        Backends b = operatorRacesFor(DR1, Duration.ofSeconds(60));

        long start = System.nanoTime();
        Reconciler.StepFailedException e = assertThrows(
                Reconciler.StepFailedException.class,
                () -> reconciler(dr(3), b).converge(new Intent.EnsureMember("dr")));

        assertTrue(System.nanoTime() - start >= Duration.ofSeconds(3).toNanos(), "retried until the step deadline");
        assertTrue(e.getCause() instanceof AdminApiException.Busy, String.valueOf(e.getCause()));
        assertEquals(
                "addInstance: Cluster.addInstance: Failed to acquire Cluster lock through primary member"
                        + " 'dr-0.dr-instances.mysql-dr.svc.cluster.local:3306' (MYSQLSH 51500) (on session on"
                        + " dr-0.dr-instances.mysql-dr.svc.cluster.local from pod dr/mysql-dr/dr-0); the lock was still"
                        + " held after 3 s of retries (mysqlcs:clusterSet.timeouts.stepSeconds) -- another AdminAPI"
                        + " operation (the MySQL Operator managing its pods, or another run) holds the cluster's lock;"
                        + " nothing was changed: run `pulumi up` again",
                e.getMessage());
        assertTrue(
                e.applied().stream().anyMatch(s -> s.startsWith("createReplicaCluster(")),
                e.applied().toString());
        assertTrue(providerAddInstances(DR1) >= 2);
        assertEquals(0, providerAddInstances(DR2), "nothing after the refused step ran");
    }
}
