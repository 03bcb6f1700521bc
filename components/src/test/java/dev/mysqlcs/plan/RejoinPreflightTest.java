package dev.mysqlcs.plan;

import dev.mysqlcs.io.ClusterSetMetadata;
import dev.mysqlcs.io.InstanceProbe;
import dev.mysqlcs.io.InstanceState;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

class RejoinPreflightTest {

    private static final String OLD_UUID = "aaaaaaaa-0000-0000-0000-000000000001";
    private static final String NEW_UUID = "bbbbbbbb-0000-0000-0000-000000000002";
    private static final String OLD = "prod/mysql-prod/prd-0";
    private static final String NEW = "dr/mysql-dr/dr-0";

    /** The view after forcePrimaryCluster("dr"): dr is PRIMARY, prd invalidated. */
    private static final ClusterSetMetadata AFTER_FAILOVER = new ClusterSetMetadata("cs-1", "mycs", List.of(
            new ClusterSetMetadata.Member("c-dr", "dr", true, false),
            new ClusterSetMetadata.Member("c-prd", "prd", false, true)));

    private static InstanceState state(String uuid, boolean superReadOnly) {
        return new InstanceState(1, uuid, "8.4.3", uuid + ":1-10", superReadOnly, superReadOnly);
    }

    private static RejoinPreflight.Observation observation(String cluster, boolean fenced,
                                                           Optional<ClusterSetMetadata> cs, String errant) {
        return new RejoinPreflight.Observation(cluster, OLD, state(OLD_UUID, fenced), NEW, state(NEW_UUID, false),
                cs, errant);
    }

    @Test
    void allowsAFencedInvalidatedClusterWithoutErrantTransactions() {
        RejoinPreflight.Result result = RejoinPreflight.evaluate(
                observation("prd", true, Optional.of(AFTER_FAILOVER), ""));
        assertTrue(result.ok(), result.reasons().toString());
        assertTrue(result.fenced());
        assertFalse(result.hasErrantTransactions());
    }

    @Test
    void refusesErrantTransactionsOfTheOldPrimaryWithRepairGuidance() {
        String errant = OLD_UUID + ":11-12";
        RejoinPreflight.Result result = RejoinPreflight.evaluate(
                observation("prd", true, Optional.of(AFTER_FAILOVER), errant));
        assertFalse(result.ok());
        assertTrue(result.hasErrantTransactions());
        assertEquals(errant, result.errantGtids());
        assertEquals(1, result.reasons().size());
        String reason = result.reasons().get(0);
        assertTrue(reason.startsWith(OLD + " holds transactions that the current primary " + NEW
                + " does not have (errant GTID set " + errant + ")"), reason);
        assertTrue(reason.contains("mysqlbinlog --include-gtids='" + errant + "'"), reason);
        assertTrue(reason.contains("nothing was changed"), reason);
    }

    @Test
    void refusesAnUnfencedOldPrimary() {
        RejoinPreflight.Result result = RejoinPreflight.evaluate(
                observation("prd", false, Optional.of(AFTER_FAILOVER), ""));
        assertFalse(result.ok());
        assertFalse(result.fenced());
        assertTrue(result.reasons().get(0).startsWith(OLD + " still accepts writes (super_read_only is OFF). Fence"
                + " it first (fenceWrites on cluster prd)"), result.reasons().get(0));
    }

    @Test
    void refusesAClusterThatIsNotAMember() {
        RejoinPreflight.Result result = RejoinPreflight.evaluate(
                observation("staging", true, Optional.of(AFTER_FAILOVER), ""));
        assertTrue(result.reasons().get(0).startsWith("Cluster staging is not a member of ClusterSet mycs"));
    }

    @Test
    void refusesThePrimaryCluster() {
        RejoinPreflight.Result result = RejoinPreflight.evaluate(
                observation("dr", true, Optional.of(AFTER_FAILOVER), ""));
        assertTrue(result.reasons().get(0).startsWith("Cluster dr is the PRIMARY of ClusterSet mycs"));
    }

    @Test
    void refusesWhenTheCurrentPrimaryHasNoClusterSet() {
        RejoinPreflight.Result result = RejoinPreflight.evaluate(observation("prd", true, Optional.empty(), ""));
        assertTrue(result.reasons().get(0).startsWith(NEW + " holds no ClusterSet metadata"));
    }

    @Test
    void refusesTheSameServerOnBothSides() {
        RejoinPreflight.Observation same = new RejoinPreflight.Observation("prd", OLD, state(NEW_UUID, true), NEW,
                state(NEW_UUID, false), Optional.of(AFTER_FAILOVER), "");
        assertTrue(RejoinPreflight.evaluate(same).reasons().get(0).contains("are the same server"));
    }

    @Test
    void observeTakesMetadataAndTheErrantSetFromTheCurrentPrimary() {
        InstanceProbe old = mock(InstanceProbe.class);
        InstanceProbe current = mock(InstanceProbe.class);
        when(old.instanceState()).thenReturn(state(OLD_UUID, true));
        when(current.instanceState()).thenReturn(state(NEW_UUID, false));
        when(current.clusterSetMetadata()).thenReturn(Optional.of(AFTER_FAILOVER));
        when(current.gtidSubtract(OLD_UUID + ":1-10", NEW_UUID + ":1-10")).thenReturn(OLD_UUID + ":1-10");

        RejoinPreflight.Result result = RejoinPreflight.check("prd", OLD, old, NEW, current);

        assertEquals(OLD_UUID + ":1-10", result.errantGtids());
        verify(old, never()).clusterSetMetadata();
    }
}
