package dev.mysqlcs.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mysqlcs.testing.PrimaryControl;
import io.grpc.StatusRuntimeException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Issue 10 item 7: a replica whose ClusterSet channel is broken (cluster_set/status.cc: clusterSetReplicationStatus
 * ERROR, global status OK_NOT_REPLICATING) is shown, blocks a switchover to it and its removal with guidance, and is
 * repaired by rejoinCluster (accepted for any OK global state: common/preconditions.cc "ClusterSet.rejoinCluster").
 */
class ChannelHealthTest extends DeployedProdAndDr {

    ChannelHealthTest() {
        super("shop");
    }

    @Test
    void aBrokenChannelBlocksTheSwitchoverInPreviewAndIsRepairedBeforeIt() {
        h.world.channelBroken("dr", true);
        h.world.write("prd", "orders");
        dr.refresh();
        assertEquals("ERROR", dr.outputs("mycs-dr").get("replicationChannel"));
        assertEquals("OK_NOT_REPLICATING", dr.outputs("mycs-dr").get("globalStatus"));
        var preview = dr.preview(PrimaryControl.dr("dr", 1, false));
        assertEquals(List.of("rejoinCluster('dr')"), preview.get("mycs-dr").plannedSteps());
        String primary = preview.get("mycs-primary").plannedSteps().get(0);
        assertTrue(
                primary.startsWith("REFUSED: dr's ClusterSet replication channel is ERROR (global status "
                        + "OK_NOT_REPLICATING)"),
                primary);

        dr.up(PrimaryControl.dr("dr", 1, false));
        assertEquals(Optional.of("dr"), h.world.clusterSetPrimary());
        assertTrue(h.world.userSchemas("dr", 0).contains("orders"), "caught up before the switchover");
    }

    @Test
    void aBrokenChannelBlocksTheRemovalWithGuidance() {
        h.world.channelBroken("dr", true);
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> dr.destroy());
        String m = e.getStatus().getDescription();
        assertTrue(m.contains("refused (replica-channel-broken)"), m);
        assertTrue(m.contains("clusterset_replication"), m);
        assertEquals(List.of("prd", "dr"), h.world.clusterSetMembers());
    }
}
