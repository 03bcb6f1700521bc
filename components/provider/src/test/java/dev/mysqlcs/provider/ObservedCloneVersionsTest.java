package dev.mysqlcs.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mysqlcs.fake.FakeWorld;
import dev.mysqlcs.testing.ConfigFixtures;
import io.grpc.StatusRuntimeException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Review point 14 on the servers' own versions: the config's {@code version} is what the operator is asked for; an
 * image tag override, a half-done rolling upgrade or a pod created earlier can run another. The provider reads
 * {@code @@version} of the clone's donor and recipients and refuses before MySQL Shell would (mysqlshdk/libs/mysql/
 * clone.cc verify_compatible_clone_versions, modelled by the fake Shell), i.e. before a join dissolves anything.
 */
class ObservedCloneVersionsTest {

    private final ProviderHarness h = new ProviderHarness(ConfigFixtures.prod());

    @AfterEach
    void close() {
        assertEquals(List.of(), h.lockViolations);
        h.close();
    }

    private void prodUp() {
        h.world.operatorCreates("prd").operatorCreates("dr");
        h.world.write("prd", "shop");
        h.stack("prod").up(ConfigFixtures.prod());
    }

    @Test
    void aJoinBetweenIncompatibleServerVersionsIsRefusedBeforeTheReplicaIsDissolved() {
        h.world.serverVersion("prd", "8.0.31").serverVersion("dr", "8.0.36");
        prodUp();
        ProviderHarness.EngineStack dr = h.stack("dr");
        assertEquals(
                List.of("REFUSED: cannot join dr: createReplicaCluster would clone "
                        + "dr-0.dr-instances.mysql-dr.svc.cluster.local:3306 (MySQL 8.0.36) from the ClusterSet's "
                        + "primary instance prd-0.prd-instances.mysql-prod.svc.cluster.local:3306 (MySQL 8.0.31), and "
                        + "MySQL Shell refuses that clone (MySQL Shell's clone rule, mysqlshdk/libs/mysql/clone.cc "
                        + "verify_compatible_clone_versions: the same MAJOR.MINOR (8.0.x), and below 8.4 the same patch "
                        + "unless both are 8.0.37 or newer). run both at clone-compatible versions: the MySQL Operator "
                        + "sets each pod's image from mysqlcs:clusterSet.members[1].version (unset: the operator's "
                        + "default) and any image tag override, so align dr's with prd's (8.0.31) and let the operator "
                        + "roll its pods, or finish the upgrade in progress (replica clusters first, the primary "
                        + "cluster last: replication runs from an older source to a newer replica, never the reverse), "
                        + "then run `pulumi up` again; dr's InnoDB cluster is not dissolved until then"),
                dr.preview(ConfigFixtures.dr()).get("mycs-dr").plannedSteps());
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> dr.up(ConfigFixtures.dr()));
        String m = e.getStatus().getDescription();
        assertTrue(m.contains("refused (clone-versions-incompatible)"), m);
        // Nothing was changed on dr: still the operator's ONLINE InnoDB cluster, no join record.
        assertEquals(FakeWorld.State.ONLINE, h.world.state("dr"));
        assertEquals(List.of("prd"), h.world.clusterSetMembers());
        assertTrue(
                h.world.mutations().stream().noneMatch(x -> x.equals("dissolve")),
                h.world.mutations().toString());

        // The operator rolls dr to prd's version: the join goes through.
        h.world.serverVersion("dr", "8.0.31");
        dr.up(ConfigFixtures.dr());
        assertEquals(List.of("prd", "dr"), h.world.clusterSetMembers());
        assertEquals(Set.of(0, 1, 2), h.world.instancesInMetadata("dr"));
    }

    @Test
    void aPodLeftAtAnotherVersionIsNotAddedUntilItCanBeCloned() {
        prodUp();
        ProviderHarness.EngineStack dr = h.stack("dr");
        // The join stops at its first addInstance (an exec that never started), leaving dr-1 and dr-2 outside
        // dr's metadata; dr-2 then restarts on an older image (8.3.0: another MAJOR.MINOR than the others' 8.4.3).
        h.world.failNext("addInstance", FakeWorld.Phase.BEFORE);
        assertThrows(StatusRuntimeException.class, () -> dr.up(ConfigFixtures.dr()));
        assertEquals(List.of("prd", "dr"), h.world.clusterSetMembers());
        assertEquals(Set.of(0), h.world.instancesInMetadata("dr"));
        h.world.serverVersion("dr", 2, "8.3.0");
        List<String> planned = dr.preview(ConfigFixtures.dr()).get("mycs-dr").plannedSteps();
        assertEquals(
                "REFUSED: cannot add dr-2 to dr: addInstance would clone "
                        + "dr-2.dr-instances.mysql-dr.svc.cluster.local:3306 (MySQL 8.3.0) from an ONLINE member of dr, "
                        + "and none is clone-compatible with it (dr-0.dr-instances.mysql-dr.svc.cluster.local:3306 "
                        + "(MySQL 8.4.3)); MySQL Shell refuses (MySQL Shell's clone rule, mysqlshdk/libs/mysql/clone.cc "
                        + "verify_compatible_clone_versions: the same MAJOR.MINOR (8.4.x), and below 8.4 the same patch "
                        + "unless both are 8.0.37 or newer). run both at clone-compatible versions: the MySQL Operator "
                        + "sets each pod's image from mysqlcs:clusterSet.members[1].version (unset: the operator's "
                        + "default) and any image tag override, so run dr-2 on the image its ONLINE instances run "
                        + "(8.4.3) and let the operator roll its pods, or finish the upgrade in progress (replica clusters first, the primary "
                        + "cluster last: replication runs from an older source to a newer replica, never the reverse), "
                        + "then run `pulumi up` again",
                planned.get(planned.size() - 1),
                planned.toString());
        assertTrue(planned.get(0).contains("addInstance") && planned.get(0).contains("dr-1."), planned.toString());
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> dr.up(ConfigFixtures.dr()));
        String m = e.getStatus().getDescription();
        assertTrue(m.contains("refused (clone-versions-incompatible)"), m);
        // Planned again after dr-1's addInstance: both ONLINE members are named.
        assertTrue(
                m.contains("none is clone-compatible with it (dr-0.dr-instances.mysql-dr.svc.cluster.local:3306 (MySQL "
                        + "8.4.3), dr-1.dr-instances.mysql-dr.svc.cluster.local:3306 (MySQL 8.4.3))"),
                m);
        assertEquals(Set.of(0, 1), h.world.instancesInMetadata("dr"), "dr-1 was added, dr-2 not");
        h.world.serverVersion("dr", 2, "8.4.6");
        dr.up(ConfigFixtures.dr());
        assertEquals(Set.of(0, 1, 2), h.world.instancesInMetadata("dr"));
    }
}
