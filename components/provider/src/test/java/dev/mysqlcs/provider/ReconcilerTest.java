package dev.mysqlcs.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mysqlcs.io.Credentials;
import dev.mysqlcs.io.InstanceProbe;
import dev.mysqlcs.io.MySqlShell;
import dev.mysqlcs.io.PodRef;
import dev.mysqlcs.io.ShellResult;
import dev.mysqlcs.model.Topology;
import dev.mysqlcs.plan.Intent;
import dev.mysqlcs.testing.ConfigFixtures;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The observe / plan / step loop: progress detection, the lock wait, cancellation. */
class ReconcilerTest {

    private final Topology t = ConfigFixtures.topology(ConfigFixtures.shipped("Pulumi.prod.yaml")
            .replace("    primary: prd\n", "    primary: prd\n    timeouts: {lockSeconds: 2, stepSeconds: 30}\n"));
    private final ProviderHarness h = new ProviderHarness(t);
    private final RecordingLog log = new RecordingLog();

    @AfterEach
    void close() {
        h.close();
    }

    private Reconciler reconciler(Backends b, Cancellation c) {
        return new Reconciler(
                t.clusterSet(),
                Set.copyOf(t.deploy()),
                b,
                new Credentials("root", ProviderHarness.PASSWORD.toCharArray()),
                Set.of("prod", "dr"),
                log,
                c,
                Duration.ZERO);
    }

    @Test
    void aStepThatReportsSuccessButChangesNothingStopsTheRun() {
        h.world.operatorCreates("prd");
        MySqlShell liar = (PodRef pod, List<String> argv, char[] stdin, Duration timeout) ->
                String.join(" ", argv).contains("createClusterSet")
                        ? new ShellResult(0, "ClusterSet successfully " + "created.", "")
                        : h.backends.shell().run(pod, argv, stdin, timeout);
        Backends b = new Backends(liar, h.probes, h.backends.kube());
        var e = assertThrows(
                Reconciler.StepFailedException.class,
                () -> reconciler(b, new Cancellation()).converge(new Intent.EnsureClusterSet()));
        assertTrue(e.getMessage().startsWith("step did not take effect: createClusterSet('mycs')"), e.getMessage());
        assertEquals(0, h.probes.openProbes(), "the lock session is closed");
    }

    @Test
    void waitsForTheLockSayingWhatItWaitsForThenGivesUpWithoutChanges() {
        h.world.operatorCreates("prd");
        InstanceProbe other = h.probes.open(
                new PodRef("prod", "mysql-prod", "prd-0"),
                new Credentials("root", ProviderHarness.PASSWORD.toCharArray()));
        assertTrue(other.tryLock("mysqlcs.clusterset.mycs", Duration.ZERO));
        try {
            var e = assertThrows(
                    Reconciler.StepFailedException.class,
                    () -> reconciler(h.backends, new Cancellation()).converge(new Intent.EnsureClusterSet()));
            assertTrue(e.getMessage().contains("another run still holds the ClusterSet lock"), e.getMessage());
            assertTrue(
                    log.infos().stream()
                            .anyMatch(l -> l.startsWith(
                                    "waiting for the ClusterSet lock " + "'mysqlcs.clusterset.mycs' on prod/prd-0")),
                    log.infos().toString());
            assertEquals(0, h.world.mutationCount());
        } finally {
            other.close();
        }
        reconciler(h.backends, new Cancellation()).converge(new Intent.EnsureClusterSet());
        assertEquals(java.util.Optional.of("prd"), h.world.clusterSetPrimary());
    }

    @Test
    void aCancelStopsBetweenSteps() {
        h.world.operatorStarting("prd");
        Cancellation c = new Cancellation();
        c.cancel();
        var e = assertThrows(
                Reconciler.StepFailedException.class,
                () -> reconciler(h.backends, c).converge(new Intent.EnsureClusterSet()));
        assertTrue(e.getCause() instanceof Cancellation.CancelledException);
        assertEquals(0, h.world.mutationCount());
    }
}
