package dev.mysqlcs.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Struct;
import dev.mysqlcs.testing.PrimaryControl;
import io.grpc.StatusRuntimeException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Issue 10 item 5: no single pod. mysqlsh runs in any pod of a member that answers, and a member whose Group
 * Replication is stopped (MYSQLSH 51314, common/preconditions.cc TargetType::StandaloneInMetadata) is a cluster that
 * is down, never "not a cluster": nothing is forgotten from state while it may still be in the ClusterSet.
 */
class AnyPodTest extends DeployedProdAndDr {

    AnyPodTest() {
        super("shop");
    }

    @Test
    void aForcedFailoverRunsThroughPod1WhilePod0IsGone() {
        // The zone of dr-0 is lost: GR elects dr-1, pods 1-2 serve; then PROD is lost too.
        h.world.groupPrimary("dr", 1).podGone("dr", 0, true);
        h.world.kubeDown("prod", true);

        dr.up(PrimaryControl.dr("dr", 1, true));
        assertEquals(Optional.of("dr"), h.world.clusterSetPrimary());
        assertEquals(Set.of("prd"), h.world.invalidated());
        assertFalse(h.world.superReadOnly("dr", 1), "dr-1 is the new primary instance");
        assertTrue(
                h.shell.invocations().stream()
                        .filter(i -> String.join(" ", i.argv()).contains("forcePrimaryCluster("))
                        .allMatch(i -> i.pod().pod().equals("dr-1")),
                "the failover ran in dr-1's sidecar");
    }

    @Test
    void pod0WithGroupReplicationStoppedIsNotReadAsNoCluster() {
        h.world.grStopped("dr", 0, true);
        Map<String, Struct> refreshed = dr.refresh();
        assertTrue(refreshed.keySet().stream().anyMatch(u -> u.endsWith("::mycs-dr")), "dr stays in state");
        assertEquals("REPLICA", dr.outputs("mycs-dr").get("clusterRole"));
        // A destroy of the dr stack removes it from the ClusterSet: pod 1 answers for it.
        dr.destroy();
        assertEquals(List.of("prd"), h.world.clusterSetMembers());
    }

    @Test
    void aMemberWhoseGroupReplicationIsStoppedEverywhereIsNeverForgotten() {
        // dr's complete outage (the operator has not rebooted it yet) while PROD cannot be asked.
        for (int i = 0; i < 3; i++) {
            h.world.grStopped("dr", i, true);
        }
        h.world.kubeDown("prod", true);

        Map<String, Struct> refreshed = dr.refresh();
        assertTrue(
                refreshed.keySet().stream().anyMatch(u -> u.endsWith("::mycs-dr")),
                "refresh cannot tell, so dr stays in state: " + refreshed.keySet());
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> dr.destroy());
        String m = e.getStatus().getDescription();
        assertTrue(m.contains("refused (member-cluster-down)"), m);
        h.world.kubeDown("prod", false);
        assertEquals(List.of("prd", "dr"), h.world.clusterSetMembers(), "still a member: nothing was forgotten");
    }
}
