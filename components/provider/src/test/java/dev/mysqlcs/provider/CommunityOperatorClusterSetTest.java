package dev.mysqlcs.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mysqlcs.testing.ConfigFixtures;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Seed 001's stacks ({@code linkage: provider}) against the community operator of chart 2.2.8, which creates a
 * ClusterSet named after every InnoDBCluster it creates without {@code spec.initDB.clusterSet} (mysql/mysql-operator
 * {@code mysqloperator/controller/innodbcluster/cluster_controller.py} {@code create_cluster}, "Only on first
 * cluster!": {@code get_cluster_set()}, else {@code create_cluster_set(self.dba_cluster_name)}; commits c601cc65 and
 * 80206ee6, no edition check): prd gets ClusterSet 'prd', dr gets ClusterSet 'dr'.
 */
class CommunityOperatorClusterSetTest {

    private final ProviderHarness h = new ProviderHarness(ConfigFixtures.prod());

    @AfterEach
    void close() {
        assertEquals(List.of(), h.lockViolations);
        h.close();
    }

    @Test
    void theOperatorsClusterSetOfThePrimaryIsAdoptedAndTheReplicasOwnIsDissolvedToJoin() {
        h.world.operatorCreates("prd").operatorCreates("dr");
        h.world.operatorCreatesClusterSet("prd").operatorCreatesClusterSet("dr");
        h.world.write("prd", "shop");
        assertEquals(Optional.of("prd"), h.world.domainName());
        assertEquals(Optional.of("dr"), h.world.ownClusterSet("dr"));

        ProviderHarness.EngineStack prodStack = h.stack("prod");
        ProviderHarness.EngineStack drStack = h.stack("dr");
        prodStack.up(ConfigFixtures.prod());
        drStack.up(ConfigFixtures.dr());

        assertEquals(Optional.of("prd"), h.world.domainName(), "MySQL Shell cannot rename a ClusterSet");
        assertEquals("prd", prodStack.outputs("mycs").get("domainName"));
        assertEquals(List.of("prd", "dr"), h.world.clusterSetMembers());
        assertEquals(Optional.empty(), h.world.ownClusterSet("dr"), "dissolving dr removed its own ClusterSet");
        assertTrue(h.world.userSchemas("dr", 0).contains("shop"), "dr is a clone of prd");
        List<String> mutations = h.world.mutations();
        assertTrue(mutations.stream().noneMatch("createClusterSet"::equals), mutations.toString());
        assertTrue(
                mutations.indexOf("dissolve") >= 0
                        && mutations.indexOf("dissolve") < mutations.indexOf("createReplicaCluster"),
                mutations.toString());

        // Repeated runs find nothing to do under the operator's name.
        long before = h.world.mutationCount();
        prodStack.up(ConfigFixtures.prod());
        drStack.up(ConfigFixtures.dr());
        assertEquals(before, h.world.mutationCount());
    }

    @Test
    void theDrMembersPlanSaysItsOwnClusterSetIsDissolved() {
        h.world.operatorCreates("prd").operatorCreates("dr");
        h.world.operatorCreatesClusterSet("prd").operatorCreatesClusterSet("dr");
        ProviderHarness.EngineStack prodStack = h.stack("prod");
        prodStack.up(ConfigFixtures.prod());
        ProviderHarness.EngineStack drStack = h.stack("dr");
        String planned = drStack.preview(ConfigFixtures.dr())
                .get("mycs-dr")
                .plannedSteps()
                .toString();
        assertTrue(planned.contains("dissolve"), planned);
        assertEquals(Optional.of("dr"), h.world.ownClusterSet("dr"), "preview changed nothing");
    }

    @Test
    void aReplicaAloneInItsOwnClusterSetWithUserDataIsNeverDissolved() {
        h.world.operatorCreates("prd").operatorCreates("dr");
        h.world.operatorCreatesClusterSet("prd").operatorCreatesClusterSet("dr");
        h.world.write("dr", "orders");
        h.stack("prod").up(ConfigFixtures.prod());
        StatusRuntimeException e =
                assertThrows(StatusRuntimeException.class, () -> h.stack("dr").up(ConfigFixtures.dr()));
        assertEquals(Status.Code.FAILED_PRECONDITION, e.getStatus().getCode());
        assertTrue(
                e.getStatus().getDescription().contains("dr holds user data in schema(s) orders"),
                e.getStatus().getDescription());
        assertEquals(Optional.of("dr"), h.world.ownClusterSet("dr"));
        assertEquals(List.of("prd"), h.world.clusterSetMembers());
        assertTrue(
                h.world.mutations().stream().noneMatch("dissolve"::equals),
                h.world.mutations().toString());
    }
}
