package dev.mysqlcs.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mysqlcs.testing.PrimaryControl;
import io.grpc.StatusRuntimeException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Review point 11 through the provider: a missing operator Secret makes the comparison UNKNOWN, never "in sync".
 * The operator creates its -privsecrets, -router and -backup Secrets only with the cluster (cluster_objects.py,
 * router_objects.py, backup_objects.py), so a deleted one stays missing: the member's own is re-created from the
 * primary's before a switchover to it; a missing one of the primary refuses the switchover, naming it.
 */
class OperatorSecretsTest extends DeployedProdAndDr {

    @Test
    void theTargetsDeletedSecretIsCopiedFromThePrimaryBeforeTheSwitchover() {
        h.clients
                .get("dr")
                .secrets()
                .inNamespace("mysql-dr")
                .withName("dr-backup")
                .delete();
        List<String> planned = dr.preview(PrimaryControl.dr("dr", 1, false))
                .get("mycs-primary")
                .plannedSteps();
        assertEquals(
                List.of(
                        "copy prd-privsecrets/-router/-backup passwords into dr's secrets",
                        "switch over: setPrimaryCluster('dr')",
                        "record primary epoch 1 on the primary cluster (tag:mysqlcs_primary_epoch)"),
                planned);
        dr.up(PrimaryControl.dr("dr", 1, false));
        assertEquals(Optional.of("dr"), h.world.clusterSetPrimary());
        assertNotNull(h.clients
                .get("dr")
                .secrets()
                .inNamespace("mysql-dr")
                .withName("dr-backup")
                .get());
        assertEquals(
                h.clients
                        .get("prod")
                        .secrets()
                        .inNamespace("mysql-prod")
                        .withName("prd-backup")
                        .get()
                        .getData(),
                h.clients
                        .get("dr")
                        .secrets()
                        .inNamespace("mysql-dr")
                        .withName("dr-backup")
                        .get()
                        .getData());
    }

    @Test
    void aMissingSecretOfThePrimaryRefusesTheSwitchoverNamingIt() {
        h.clients
                .get("prod")
                .secrets()
                .inNamespace("mysql-prod")
                .withName("prd-router")
                .delete();
        StatusRuntimeException e =
                assertThrows(StatusRuntimeException.class, () -> dr.up(PrimaryControl.dr("dr", 1, false)));
        String m = e.getStatus().getDescription();
        assertTrue(m.contains("refused (operator-secret-missing)"), m);
        assertTrue(
                m.contains("the switchover to dr needs dr's operator secrets (-privsecrets, -router, -backup) to "
                        + "carry the passwords of the primary prd's, but the primary prd's Secret mysql-prod/prd-router in "
                        + "'prod' does not exist"),
                m);
        assertEquals(Optional.of("prd"), h.world.clusterSetPrimary());
    }
}
