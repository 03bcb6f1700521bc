package dev.mysqlcs.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mysqlcs.io.AdminApi;
import dev.mysqlcs.plan.ClusterSetPlanner;
import dev.mysqlcs.plan.ClusterSetStep;
import dev.mysqlcs.plan.Intent;
import dev.mysqlcs.plan.StepPlan;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Issue 10 item 1 against real servers: B holds what an interrupted clone of A leaves (A's schema and a GTID set that
 * is a subset of A's, computed by A's own {@code GTID_SUBTRACT}), it is no cluster and its join was recorded. The
 * provider plans the join again; once B executes a transaction of its own the resume is refused.
 */
@Tag("slow")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class JoinResumeRealMySqlIT extends RealPrdAndDrServers {

    @BeforeAll
    void bHoldsWhatAnInterruptedCloneOfALeaves() throws SQLException {
        serverA.execute(
                "CREATE DATABASE shop",
                "CREATE TABLE shop.orders (id INT PRIMARY KEY)",
                "INSERT INTO shop.orders VALUES (1), (2)");
        // What a clone leaves on B: everything of A, nothing of its own.
        bTakesEverythingOfA();
        // A moves on after the clone: B's set is a proper subset of A's.
        serverA.execute("INSERT INTO shop.orders VALUES (3)");

        AdminApi shell = new AdminApi(h.shell, credentials, WAIT);
        shell.createClusterSet(session("prd"), "mycs", WAIT);
        // The join had started (MarkJoining, DissolveStandalone) when createReplicaCluster was reverted.
        h.backends.kube().setJoinMark(member("dr"), "mycs");
        shell.dissolveCluster(session("dr"), WAIT);
    }

    @Test
    @Order(1)
    void aDissolvedTargetHoldingOnlyThePrimarysTransactionsIsClonedAgain() {
        StepPlan plan = plan();
        assertEquals(Optional.empty(), plan.refusal(), plan.describe().toString());
        assertEquals(
                new ClusterSetStep.CreateReplicaCluster("dr", "dr", fqdn("dr", 0), fqdn("prd", 0)),
                plan.steps().get(0));
        assertTrue(
                plan.notes().stream()
                        .anyMatch(n -> n.startsWith(
                                "resuming the interrupted join of dr: its data " + "(shop) came from 'prd'")),
                plan.notes().toString());
    }

    @Test
    @Order(2)
    void aTransactionOfTheTargetsOwnMakesTheResumeRefused() throws SQLException {
        serverB.execute("INSERT INTO shop.orders VALUES (99)");
        StepPlan plan = plan();
        assertEquals(List.of(), plan.steps());
        assertEquals("resume-holds-foreign-data", plan.refusal().orElseThrow().rule());
    }

    @Test
    @Order(3)
    void theStatementRunAfterDissolveMakesTheServerRefuseWritesAgain() throws SQLException {
        // dissolve.cc turns super_read_only OFF on the primary and leaves it so; AdminApi.dissolveCluster runs this.
        serverB.execute("SET GLOBAL super_read_only = OFF", "SET GLOBAL read_only = OFF");
        serverB.execute(AdminApi.SUPER_READ_ONLY_ON);
        assertEquals("1", serverB.queryString("SELECT @@global.super_read_only"));
        assertEquals("1", serverB.queryString("SELECT @@global.read_only"), "super_read_only implies read_only");
        org.junit.jupiter.api.Assertions.assertThrows(
                SQLException.class, () -> serverB.execute("INSERT INTO shop.orders VALUES (100)"));
    }

    private StepPlan plan() {
        return ClusterSetPlanner.plan(new Intent.EnsureMember("dr"), spec, Set.of("dr"), observe(spec));
    }
}
