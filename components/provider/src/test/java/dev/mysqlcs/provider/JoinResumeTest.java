package dev.mysqlcs.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mysqlcs.fake.FakeWorld;
import dev.mysqlcs.model.Topology;
import dev.mysqlcs.testing.ConfigFixtures;
import io.grpc.StatusRuntimeException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 10 item 1: a DR join whose clone restart is slow. The Shell waits {@code dba.restartWaitTimeout} (60 s by
 * default, mysqlshdk/shellcore/shell_options.cc) for the server to come back after the clone and otherwise reverts
 * everything but the cloned datadir (modules/adminapi/common/base_cluster_impl.cc restart_timeout, the undo list of
 * cluster_set/create_replica_cluster.cc): the fake Shell models exactly that. The provider sets the Shell's waits from
 * {@code clusterSet.timeouts.stepSeconds}, and a join interrupted after the clone resumes on the next {@code pulumi up}.
 */
class JoinResumeTest {

    private ProviderHarness h;

    @AfterEach
    void close() {
        if (h != null) {
            assertEquals(List.of(), h.lockViolations);
            h.close();
        }
    }

    static Topology withStepSeconds(String file, long seconds) {
        String yaml = ConfigFixtures.shipped(file);
        return ConfigFixtures.topology(yaml.replace(
                "    primary: prd\n", "    primary: prd\n    timeouts: " + "{stepSeconds: " + seconds + "}\n"));
    }

    private void prodUp(ProviderHarness.EngineStack prod) {
        h.world.operatorCreates("prd").operatorCreates("dr");
        h.world.write("prd", "shop");
        prod.up(ConfigFixtures.prod());
    }

    @Test
    void aCloneRestartLongerThanTheShellsDefaultJoinsBecauseTheShellWaitsFollowStepSeconds() {
        h = new ProviderHarness(ConfigFixtures.prod());
        prodUp(h.stack("prod"));
        // A two-minute restart (kubelet restart, startupProbe, InnoDB recovery): the Shell's own 60 s would revert.
        h.world.cloneRestartSeconds("dr", 120);
        h.stack("dr").up(ConfigFixtures.dr());
        assertEquals(List.of("prd", "dr"), h.world.clusterSetMembers());
        assertTrue(h.world.userSchemas("dr", 0).contains("shop"));
        assertTrue(
                h.shell.invocations().stream()
                        .anyMatch(i -> String.join(" ", i.argv())
                                .contains("shell.options[\"dba.restartWaitTimeout\"] = 3540;")),
                "stepSeconds 3600 less a margin");
    }

    @Test
    void aJoinRevertedAfterTheCloneResumesOnTheNextUp() {
        Topology shortSteps = withStepSeconds("Pulumi.dr.yaml", 60);
        h = new ProviderHarness(ConfigFixtures.prod());
        prodUp(h.stack("prod"));
        h.world.cloneRestartSeconds("dr", 120);
        ProviderHarness.EngineStack dr = h.stack("dr");

        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> dr.up(shortSteps));
        String m = e.getStatus().getDescription();
        assertTrue(m.contains("Timeout waiting for server to restart"), m);
        assertEquals(FakeWorld.State.REVERTED, h.world.state("dr"));
        assertEquals(List.of("prd"), h.world.clusterSetMembers());
        // What the Shell left: the clone's copy of prd's data on a standalone dr-0.
        assertTrue(h.world.userSchemas("dr", 0).contains("shop"));

        // The next up (with a longer step) sees a dissolved member holding only the primary's transactions and the
        // join record, and clones again instead of refusing "holds user data".
        var preview = dr.preview(withStepSeconds("Pulumi.dr.yaml", 600)).get("mycs-dr");
        assertTrue(
                preview.plannedSteps().get(0).startsWith("createReplicaCluster("),
                preview.plannedSteps().toString());
        dr.up(withStepSeconds("Pulumi.dr.yaml", 600));
        assertEquals(List.of("prd", "dr"), h.world.clusterSetMembers());
        assertEquals(
                Map.of(0, true, 1, true, 2, true),
                Map.of(
                        0,
                        h.world.superReadOnly("dr", 0),
                        1,
                        h.world.superReadOnly("dr", 1),
                        2,
                        h.world.superReadOnly("dr", 2)));
    }

    @Test
    void anAddInstanceWhoseRestartOutlivesTheShellsWaitIsCompletedByRescan() {
        h = new ProviderHarness(ConfigFixtures.prod());
        prodUp(h.stack("prod"));
        // dr-1 comes back into the group after the Shell gave up: in the group, not in the metadata
        // (cluster/cluster_impl.cc: "call <Cluster>.rescan() to complete the process").
        h.world.cloneRestartSeconds("dr", 1, 120);
        ProviderHarness.EngineStack dr = h.stack("dr");
        StatusRuntimeException e =
                assertThrows(StatusRuntimeException.class, () -> dr.up(withStepSeconds("Pulumi.dr.yaml", 60)));
        assertTrue(
                e.getStatus().getDescription().contains("addInstance"),
                e.getStatus().getDescription());

        List<String> planned =
                dr.preview(withStepSeconds("Pulumi.dr.yaml", 60)).get("mycs-dr").plannedSteps();
        assertEquals(
                "rescan() of InnoDB cluster dr (the Shell says: WARNING: Instance is not managed by InnoDB "
                        + "cluster. Use cluster.rescan() to repair.)",
                planned.get(0));
        dr.up(withStepSeconds("Pulumi.dr.yaml", 60));
        assertEquals(java.util.Set.of(0, 1, 2), h.world.instancesInMetadata("dr"));
        assertEquals(1, h.world.mutations().stream().filter("rescan"::equals).count());
    }

    @Test
    void aRevertedJoinWithTransactionsThePrimaryLacksIsRefused() {
        Topology shortSteps = withStepSeconds("Pulumi.dr.yaml", 60);
        h = new ProviderHarness(ConfigFixtures.prod());
        prodUp(h.stack("prod"));
        h.world.cloneRestartSeconds("dr", 120);
        ProviderHarness.EngineStack dr = h.stack("dr");
        assertThrows(StatusRuntimeException.class, () -> dr.up(shortSteps));
        // Someone writes on the standalone dr-0 meanwhile: that data did not come from the primary.
        h.world.writeStandalone("dr", 0, "local_only");

        StatusRuntimeException e =
                assertThrows(StatusRuntimeException.class, () -> dr.up(withStepSeconds("Pulumi.dr.yaml", 600)));
        String m = e.getStatus().getDescription();
        assertTrue(m.contains("refused (resume-holds-foreign-data)"), m);
        assertFalse(h.world.clusterSetMembers().contains("dr"));
        assertTrue(h.world.userSchemas("dr", 0).contains("local_only"), "nothing was cloned over it");
    }
}
