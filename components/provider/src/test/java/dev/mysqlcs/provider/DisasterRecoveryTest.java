package dev.mysqlcs.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mysqlcs.model.Topology;
import dev.mysqlcs.testing.ConfigFixtures;
import dev.mysqlcs.testing.PrimaryControl;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import pulumirpc.Provider;

/**
 * The DR runbook as config changes (S1.6-S1.8 on seed 001's two stacks): switchover, forced failover from the DR stack
 * alone, a stale stack refused, the old primary fenced and rejoined, errant transactions refused, data never lost.
 */
class DisasterRecoveryTest {

    private ProviderHarness h;
    private ProviderHarness.EngineStack prodStack;
    private ProviderHarness.EngineStack drStack;

    static Topology prod(String primary, long epoch, boolean force) {
        return PrimaryControl.prod(primary, epoch, force);
    }

    static Topology dr(String primary, long epoch, boolean force) {
        return PrimaryControl.dr(primary, epoch, force);
    }

    @BeforeEach
    void deployed() {
        h = new ProviderHarness(ConfigFixtures.prod());
        h.world.operatorCreates("prd").operatorCreates("dr");
        h.world.write("prd", "shop");
        prodStack = h.stack("prod");
        drStack = h.stack("dr");
        prodStack.up(ConfigFixtures.prod());
        drStack.up(ConfigFixtures.dr());
        assertEquals(List.of("prd", "dr"), h.world.clusterSetMembers());
    }

    @AfterEach
    void close() {
        assertEquals(List.of(), h.lockViolations);
        h.close();
    }

    private String primaryStepOf(ProviderHarness.EngineStack s, Topology t) {
        return s.preview(t).get("mycs-primary").plannedSteps().toString();
    }

    @Test
    void switchoverByConfigFromTheDrStack() {
        Topology drConfig = dr("dr", 1, false);
        String planned = primaryStepOf(drStack, drConfig);
        assertTrue(planned.contains("switch over: setPrimaryCluster('dr')"), planned);
        assertTrue(planned.contains("record primary epoch 1"), planned);
        assertEquals(Optional.of("prd"), h.world.clusterSetPrimary(), "preview changed nothing");

        drStack.up(drConfig);
        assertEquals(Optional.of("dr"), h.world.clusterSetPrimary());
        assertEquals(Optional.of(1L), h.world.epoch());
        assertEquals(Set.of(), h.world.invalidated());
        assertEquals("dr", drStack.outputs("mycs-primary").get("primaryCluster"));
        assertFalse(h.world.superReadOnly("dr", 0));
        assertTrue(h.world.superReadOnly("prd", 0));

        // The prod stack, with the same change, has nothing left to do.
        long before = h.world.mutationCount();
        prodStack.up(prod("dr", 1, false));
        assertEquals(before, h.world.mutationCount());
    }

    @Test
    void olderEpochStackRefusesToFlipThePrimaryBack() {
        drStack.up(dr("dr", 1, false));
        // prod still has the old config: primary prd at epoch 0.
        StatusRuntimeException e =
                assertThrows(StatusRuntimeException.class, () -> prodStack.up(ConfigFixtures.prod()));
        assertEquals(Status.Code.FAILED_PRECONDITION, e.getStatus().getCode());
        String m = e.getStatus().getDescription();
        assertTrue(m.contains("refused (stale-primary-epoch)"), m);
        assertTrue(m.contains("set mysqlcs:clusterSet.primary: dr and mysqlcs:clusterSet.primaryEpoch: 1"), m);
        assertEquals(Optional.of("dr"), h.world.clusterSetPrimary());

        // Its preview shows the refusal instead of a switchover.
        var preview = prodStack.preview(ConfigFixtures.prod()).get("mycs-primary");
        assertTrue(
                preview.plannedSteps().get(0).startsWith("REFUSED: this stack's config wants primary prd"),
                preview.plannedSteps().toString());
    }

    @Test
    void forcedFailoverRunsFromTheDrStackAloneWhilePrimaryIsGone() {
        h.world.write("prd", "orders");
        h.world.kubeDown("prod", true);

        // Without force: refused, with the config to change.
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> drStack.up(dr("dr", 1, false)));
        assertTrue(
                e.getStatus().getDescription().contains("set mysqlcs:clusterSet.forceFailover: true"),
                e.getStatus().getDescription());
        assertEquals(Optional.of("prd"), h.world.clusterSetPrimary());

        Topology failover = dr("dr", 1, true);
        String planned = primaryStepOf(drStack, failover);
        assertTrue(planned.contains("FORCED failover: forcePrimaryCluster('dr')"), planned);
        drStack.up(failover);
        assertEquals(Optional.of("dr"), h.world.clusterSetPrimary());
        assertEquals(Set.of("prd"), h.world.invalidated());
        assertEquals(Optional.of(1L), h.world.epoch());
        assertTrue(
                h.world.userSchemas("dr", 0).containsAll(Set.of("shop", "orders")),
                "everything replicated before the disaster is on the new primary");
        assertFalse(h.world.superReadOnly("dr", 0), "the new primary takes writes");
    }

    @Test
    void failbackAfterFailoverFencesTheOldPrimaryThenRejoinsIt() {
        h.world.kubeDown("prod", true);
        drStack.up(dr("dr", 1, true));
        h.world.write("dr", "after_failover");
        h.world.kubeDown("prod", false);
        assertTrue(h.world.invalidated().contains("prd"));

        // prod's config now matches the decision (and force is back to false).
        Topology prodConfig = prod("dr", 1, false);
        var preview = prodStack.preview(prodConfig).get("mycs-prd").plannedSteps();
        assertEquals(
                List.of(
                        "fenceWrites() on invalidated cluster prd (prd-0.prd-instances.mysql-prod.svc.cluster"
                                + ".local)",
                        "rejoinCluster('prd')"),
                preview);
        prodStack.up(prodConfig);
        assertEquals(Set.of(), h.world.invalidated());
        assertEquals(List.of("prd", "dr"), h.world.clusterSetMembers());
        assertEquals(Optional.of("dr"), h.world.clusterSetPrimary());
        assertTrue(h.world.superReadOnly("prd", 0));
        assertTrue(h.world.userSchemas("prd", 0).contains("after_failover"), "the rejoined cluster catches up");
        assertTrue(h.world.mutations().containsAll(List.of("fenceWrites", "rejoinCluster")));
        assertTrue(
                h.world.mutations().indexOf("fenceWrites") < h.world.mutations().indexOf("rejoinCluster"));

        // Failback: a planned switchover back to prd at epoch 2, from the prod stack.
        prodStack.up(prod("prd", 2, false));
        assertEquals(Optional.of("prd"), h.world.clusterSetPrimary());
        assertEquals(Optional.of(2L), h.world.epoch());
    }

    @Test
    void anOldPrimaryWhoseGroupMovedItsWritesOffPod0IsFencedOnEveryPodBeforeTheRejoin() {
        h.world.kubeDown("prod", true);
        drStack.up(dr("dr", 1, true));
        h.world.kubeDown("prod", false);
        // While prod was cut off, prd's group elected prd-2: prd-0 is a read-only secondary, prd-2 takes writes.
        h.world.groupPrimary("prd", 2);
        assertTrue(h.world.superReadOnly("prd", 0));
        assertFalse(h.world.superReadOnly("prd", 2));

        Topology prodConfig = prod("dr", 1, false);
        assertEquals(
                List.of(
                        "fenceWrites() on invalidated cluster prd (prd-0.prd-instances.mysql-prod.svc.cluster"
                                + ".local)",
                        "rejoinCluster('prd')"),
                prodStack.preview(prodConfig).get("mycs-prd").plannedSteps());
        prodStack.up(prodConfig);
        assertTrue(
                h.world.mutations().indexOf("fenceWrites") >= 0,
                h.world.mutations().toString());
        assertTrue(
                h.world.mutations().indexOf("fenceWrites") < h.world.mutations().indexOf("rejoinCluster"));
        assertEquals(Set.of(), h.world.invalidated());
        for (int pod = 0; pod < 3; pod++) {
            assertTrue(h.world.superReadOnly("prd", pod), "prd-" + pod + " is read-only");
        }
    }

    @Test
    void rejoinIsRefusedWhenTheOldPrimaryHasErrantTransactions() {
        // S1.7: prd is cut off from dr but still serves clients for a while.
        h.world.isolate("prd", true);
        h.world.write("prd", "lost_in_partition");
        drStack.up(dr("dr", 1, true));
        assertEquals(Optional.of("dr"), h.world.clusterSetPrimary());
        h.world.isolate("prd", false);

        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> prodStack.up(prod("dr", 1, false)));
        String m = e.getStatus().getDescription();
        assertTrue(m.contains("refused (rejoin-errant-transactions)"), m);
        assertTrue(m.contains("its writes are fenced"), m);
        assertTrue(h.world.mutations().contains("fenceWrites"), "fenced even though the rejoin is refused");
        assertFalse(h.world.mutations().contains("rejoinCluster"));
        assertTrue(h.world.invalidated().contains("prd"));
        assertTrue(h.world.superReadOnly("prd", 0));
        assertTrue(h.world.userSchemas("prd", 0).contains("lost_in_partition"), "the errant data is kept for repair");
    }

    @Test
    void refusesFailoverWhilePrimaryIsReachable() {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> drStack.up(dr("dr", 1, true)));
        String m = e.getStatus().getDescription();
        assertTrue(m.contains("refused (failover-while-primary-reachable)"), m);
        assertTrue(m.contains("set mysqlcs:clusterSet.forceFailover: false"), m);
        assertEquals(Optional.of("prd"), h.world.clusterSetPrimary());
        assertFalse(h.world.mutations().contains("forcePrimaryCluster"));
    }

    @Test
    void oldPrimaryStillCutOffIsFencedButNotRejoined() {
        h.world.isolate("prd", true);
        drStack.up(dr("dr", 1, true));
        assertEquals(
                Optional.of(1L), h.world.epoch(), "the failover completes although prd still calls itself primary");
        // prd is still cut off: its own metadata calls it primary, dr's invalidated it. Fence it, do not rejoin.
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> prodStack.up(prod("dr", 1, false)));
        assertTrue(
                e.getStatus().getDescription().contains("refused (rejoin-partitioned)"),
                e.getStatus().getDescription());
        assertTrue(h.world.mutations().contains("fenceWrites"));
        assertFalse(h.world.mutations().contains("rejoinCluster"));
        assertTrue(h.world.superReadOnly("prd", 0), "no split brain: the cut-off old primary takes no writes");

        h.world.isolate("prd", false);
        prodStack.up(prod("dr", 1, false));
        assertEquals(Set.of(), h.world.invalidated());
    }

    @Test
    void twoStacksNeverMutateTheClusterSetAtTheSameTime() throws Exception {
        // Both stacks switch over at once to different targets with the same epoch: one wins, the other is refused.
        Thread a = new Thread(() -> runQuietly(() -> drStack.up(dr("dr", 1, false))));
        Thread b = new Thread(() -> runQuietly(() -> prodStack.up(prod("prd", 1, false))));
        a.start();
        b.start();
        a.join();
        b.join();
        assertEquals(List.of(), h.lockViolations);
        assertEquals(Optional.of(1L), h.world.epoch());
        assertEquals(
                1,
                h.world.mutations().stream().filter(x -> x.equals("setOption")).count(),
                "exactly one stack recorded epoch 1");
    }

    private static void runQuietly(Runnable r) {
        try {
            r.run();
        } catch (StatusRuntimeException expected) {
            // the losing stack is refused
        }
    }

    @Test
    void readAfterFailoverReportsTheInvalidatedCluster() {
        h.world.kubeDown("prod", true);
        drStack.up(dr("dr", 1, true));
        h.world.kubeDown("prod", false);
        drStack.refresh();
        var cs = drStack.outputs("mycs");
        assertEquals("dr", cs.get("primaryCluster"));
        assertEquals(List.of("prd"), cs.get("invalidatedClusters"));
        assertEquals("AVAILABLE", cs.get("clusterSetStatus"));
        assertEquals(1.0, cs.get("primaryEpoch"));
    }

    @Test
    void diffOfAPrimaryChangeNamesTheChangedKeysAndThePlannedSteps() {
        Topology drConfig = dr("dr", 1, false);
        var preview = drStack.preview(drConfig).get("mycs-primary");
        Provider.DiffResponse d = preview.diff().orElseThrow();
        assertEquals(Provider.DiffResponse.DiffChanges.DIFF_SOME, d.getChanges());
        assertEquals(
                Provider.PropertyDiff.Kind.UPDATE,
                d.getDetailedDiffOrThrow("spec.primary").getKind());
        assertEquals(
                Provider.PropertyDiff.Kind.UPDATE,
                d.getDetailedDiffOrThrow("spec.primaryEpoch").getKind());
        assertTrue(d.getDetailedDiffMap().containsKey("plannedSteps"));
        assertEquals(0, d.getReplacesCount());
        // The ClusterSet and member resources are not affected by a primary change.
        assertEquals(
                Provider.DiffResponse.DiffChanges.DIFF_NONE,
                drStack.preview(drConfig).get("mycs").diff().orElseThrow().getChanges());
    }
}
