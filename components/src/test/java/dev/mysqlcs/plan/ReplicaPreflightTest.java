package dev.mysqlcs.plan;

import dev.mysqlcs.io.InstanceProbe;
import dev.mysqlcs.io.InstanceState;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

class ReplicaPreflightTest {

    private static final String PRIMARY_UUID = "aaaaaaaa-0000-0000-0000-000000000001";
    private static final String TARGET_UUID = "bbbbbbbb-0000-0000-0000-000000000002";
    private static final String TARGET = "dr/mysql-dr/dr-0";
    private static final String PRIMARY = "prod/mysql-prod/prd-0";

    private static InstanceState state(String uuid, String gtids, boolean superReadOnly) {
        return new InstanceState(100, uuid, "8.4.3", gtids, superReadOnly, superReadOnly);
    }

    private static ReplicaPreflight.Observation observation(List<String> schemas, String errant) {
        return new ReplicaPreflight.Observation(TARGET, state(TARGET_UUID, "", true), schemas,
                PRIMARY, state(PRIMARY_UUID, PRIMARY_UUID + ":1-50", false), errant);
    }

    @Test
    void acceptsATargetWithoutUserDataOrErrantTransactions() {
        ReplicaPreflight.Result result = ReplicaPreflight.evaluate(observation(List.of(), ""));
        assertTrue(result.ok());
        assertEquals(List.of(), result.reasons());
        assertFalse(result.holdsUserData());
        assertFalse(result.hasErrantTransactions());
    }

    @Test
    void refusesATargetHoldingUserDataNamingEverySchema() {
        ReplicaPreflight.Result result = ReplicaPreflight.evaluate(observation(List.of("inventory", "shop"), ""));
        assertFalse(result.ok());
        assertTrue(result.holdsUserData());
        assertEquals(List.of("inventory", "shop"), result.userSchemas());
        assertEquals(1, result.reasons().size());
        String reason = result.reasons().get(0);
        assertTrue(reason.startsWith(TARGET + " holds user data in schemas inventory, shop."), reason);
        assertTrue(reason.contains("nothing was changed"), reason);
        assertTrue(reason.contains("never dissolved"), reason);
    }

    @Test
    void refusesATargetWithErrantTransactionsNamingTheSetAndHowToInspectIt() {
        String errant = TARGET_UUID + ":1-3";
        ReplicaPreflight.Result result = ReplicaPreflight.evaluate(observation(List.of(), errant));
        assertFalse(result.ok());
        assertTrue(result.hasErrantTransactions());
        assertEquals(errant, result.errantGtids());
        String reason = result.reasons().get(0);
        assertTrue(reason.startsWith(TARGET + " has transactions that " + PRIMARY + " does not have (errant GTID set "
                + errant + ")"), reason);
        assertTrue(reason.contains("mysqlbinlog --include-gtids='" + errant + "'"), reason);
    }

    @Test
    void reportsUserDataAndErrantTransactionsTogether() {
        ReplicaPreflight.Result result = ReplicaPreflight.evaluate(observation(List.of("app"), TARGET_UUID + ":7"));
        assertEquals(2, result.reasons().size());
        assertTrue(result.reasons().get(0).contains("schema app."));
        assertTrue(result.reasons().get(1).contains(TARGET_UUID + ":7"));
    }

    @Test
    void refusesToReplicateAServerFromItself() {
        ReplicaPreflight.Observation same = new ReplicaPreflight.Observation(TARGET, state(PRIMARY_UUID, "", true),
                List.of(), PRIMARY, state(PRIMARY_UUID, "", false), "");
        ReplicaPreflight.Result result = ReplicaPreflight.evaluate(same);
        assertFalse(result.ok());
        assertTrue(result.reasons().get(0).contains("are the same server (server_uuid " + PRIMARY_UUID + ")"));
    }

    @Test
    void observeReadsTheTargetBeforeThePrimaryAndLetsThePrimaryComputeTheErrantSet() {
        InstanceProbe target = mock(InstanceProbe.class);
        InstanceProbe primary = mock(InstanceProbe.class);
        when(target.instanceState()).thenReturn(state(TARGET_UUID, TARGET_UUID + ":1-2," + PRIMARY_UUID + ":1-5", true));
        when(target.userSchemas()).thenReturn(List.of());
        when(primary.instanceState()).thenReturn(state(PRIMARY_UUID, PRIMARY_UUID + ":1-9", false));
        when(primary.gtidSubtract(TARGET_UUID + ":1-2," + PRIMARY_UUID + ":1-5", PRIMARY_UUID + ":1-9"))
                .thenReturn(TARGET_UUID + ":1-2");

        ReplicaPreflight.Result result = ReplicaPreflight.check(TARGET, target, PRIMARY, primary);

        assertEquals(TARGET_UUID + ":1-2", result.errantGtids());
        InOrder order = inOrder(target, primary);
        order.verify(target).instanceState();
        order.verify(primary).instanceState();
        order.verify(primary).gtidSubtract(TARGET_UUID + ":1-2," + PRIMARY_UUID + ":1-5", PRIMARY_UUID + ":1-9");
    }

    @Test
    void acceptedGtidsAreSubtractedFromTheErrantSet() {
        InstanceProbe target = mock(InstanceProbe.class);
        InstanceProbe primary = mock(InstanceProbe.class);
        when(target.instanceState()).thenReturn(state(TARGET_UUID, TARGET_UUID + ":1-4", true));
        when(target.userSchemas()).thenReturn(List.of());
        when(primary.instanceState()).thenReturn(state(PRIMARY_UUID, PRIMARY_UUID + ":1-9", false));
        when(primary.gtidSubtract(TARGET_UUID + ":1-4", PRIMARY_UUID + ":1-9")).thenReturn(TARGET_UUID + ":1-4");
        when(primary.gtidSubtract(TARGET_UUID + ":1-4", TARGET_UUID + ":1-3")).thenReturn(TARGET_UUID + ":4");

        ReplicaPreflight.Result result = ReplicaPreflight.check(TARGET, target, PRIMARY, primary, TARGET_UUID + ":1-3");

        assertEquals(TARGET_UUID + ":4", result.errantGtids(), "only what was not accepted stays errant");
        assertFalse(result.ok());
    }

    @Test
    void noSecondSubtractionWhenNothingIsErrant() {
        InstanceProbe target = mock(InstanceProbe.class);
        InstanceProbe primary = mock(InstanceProbe.class);
        when(target.instanceState()).thenReturn(state(TARGET_UUID, "", true));
        when(target.userSchemas()).thenReturn(List.of());
        when(primary.instanceState()).thenReturn(state(PRIMARY_UUID, PRIMARY_UUID + ":1-9", false));
        when(primary.gtidSubtract("", PRIMARY_UUID + ":1-9")).thenReturn("");

        assertTrue(ReplicaPreflight.check(TARGET, target, PRIMARY, primary, TARGET_UUID + ":1-3").ok());
        verify(primary, never()).gtidSubtract("", TARGET_UUID + ":1-3");
    }
}
