package dev.mysqlcs.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mysqlcs.io.AdminApi;
import dev.mysqlcs.io.ChannelStatus;
import dev.mysqlcs.io.Credentials;
import dev.mysqlcs.io.MySqlEndpoint;
import dev.mysqlcs.io.jdbc.JdbcInstanceProbes;
import dev.mysqlcs.io.jdbc.JdbcSettings;
import dev.mysqlcs.io.jdbc.LocalRoutes;
import dev.mysqlcs.model.ClusterSetSpec;
import dev.mysqlcs.model.Member;
import dev.mysqlcs.model.Topology;
import dev.mysqlcs.plan.ClusterSetPlanner;
import dev.mysqlcs.plan.ClusterSetStep;
import dev.mysqlcs.plan.Intent;
import dev.mysqlcs.plan.Observation;
import dev.mysqlcs.plan.StepPlan;
import dev.mysqlcs.testing.ConfigFixtures;
import dev.mysqlcs.testing.LocalMySqld;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Issue 10 item 1 against real servers: B holds what an interrupted clone of A leaves (A's schema and a GTID set that
 * is a subset of A's, computed by A's own {@code GTID_SUBTRACT}), it is no cluster and its join was recorded. The
 * provider plans the join again; once B executes a transaction of its own the resume is refused.
 */
@Tag("slow")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class JoinResumeRealMySqlIT {

    private static final String ADMIN = "mysqlcs_admin";
    private static final String REPL = "mysqlcs_repl";
    private static final char[] REPL_PASSWORD = "r3pl-Pw!".toCharArray();
    private static final Duration WAIT = Duration.ofSeconds(60);

    private final Topology topology = ConfigFixtures.topology(
            ConfigFixtures.shipped("Pulumi.prod.yaml").replace("mysqlcs:rootUser: root", "mysqlcs:rootUser: " + ADMIN));
    private final ClusterSetSpec spec = topology.clusterSet();
    private final Credentials credentials = new Credentials(ADMIN, ProviderHarness.PASSWORD.toCharArray());
    private final RecordingLog log = new RecordingLog();

    private LocalMySqld serverA;
    private LocalMySqld serverB;
    private LocalRoutes routes;
    private JdbcInstanceProbes probes;
    private ProviderHarness h;

    @BeforeAll
    void startServers() throws SQLException {
        List<LocalMySqld> servers =
                LocalMySqld.startAll(member("prd").baseServerId(), member("dr").baseServerId());
        serverA = servers.get(0);
        serverB = servers.get(1);
        serverA.createUser(REPL, REPL_PASSWORD, "REPLICATION SLAVE");
        serverA.createUser(ADMIN, ProviderHarness.PASSWORD.toCharArray(), "ALL PRIVILEGES");
        serverA.execute(
                "CREATE DATABASE shop",
                "CREATE TABLE shop.orders (id INT PRIMARY KEY)",
                "INSERT INTO shop.orders VALUES (1), (2)");
        // What a clone leaves on B: everything of A, nothing of its own.
        serverB.replicateFrom(serverA, REPL, REPL_PASSWORD, ChannelStatus.CLUSTERSET_CHANNEL);
        serverB.awaitCaughtUpWith(serverA, WAIT);
        serverB.execute("STOP REPLICA FOR CHANNEL '" + ChannelStatus.CLUSTERSET_CHANNEL + "'");
        // A moves on after the clone: B's set is a proper subset of A's.
        serverA.execute("INSERT INTO shop.orders VALUES (3)");

        routes = new LocalRoutes();
        for (int i = 0; i < 3; i++) {
            routes.route(Observer.pod(member("prd"), i), endpoint(serverA));
        }
        routes.route(Observer.pod(member("dr"), 0), endpoint(serverB));
        probes = new JdbcInstanceProbes(routes, JdbcSettings.defaults());

        h = new ProviderHarness(topology);
        h.world.operatorCreates("prd").operatorCreates("dr");
        AdminApi shell = new AdminApi(h.shell, credentials, WAIT);
        shell.createClusterSet(new AdminApi.Target(Observer.pod(member("prd"), 0), fqdn("prd", 0)), "mycs", WAIT);
        // The join had started (MarkJoining, DissolveStandalone) when createReplicaCluster was reverted.
        h.backends.kube().setJoinMark(member("dr"), "mycs");
        shell.dissolveCluster(new AdminApi.Target(Observer.pod(member("dr"), 0), fqdn("dr", 0)), WAIT);
    }

    @AfterAll
    void stop() {
        try {
            if (h != null) {
                h.close();
            }
        } finally {
            LocalMySqld.closeAll(serverB, serverA);
        }
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
        Observation o = new Observer(
                        spec,
                        new AdminApi(h.shell, credentials, WAIT),
                        probes,
                        credentials,
                        h.backends.kube(),
                        Set.of("prod", "dr"),
                        log)
                .observe();
        assertEquals(0, routes.openRoutes(), "every probe was closed");
        return ClusterSetPlanner.plan(new Intent.EnsureMember("dr"), spec, Set.of("dr"), o);
    }

    private static MySqlEndpoint endpoint(LocalMySqld server) {
        return new MySqlEndpoint(server.host(), server.port());
    }

    private Member member(String name) {
        return spec.member(name).orElseThrow();
    }

    private String fqdn(String member, int ordinal) {
        return member(member).podFqdn(ordinal, spec.domain());
    }
}
