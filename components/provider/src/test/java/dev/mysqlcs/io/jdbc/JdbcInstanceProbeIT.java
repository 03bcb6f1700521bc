package dev.mysqlcs.io.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.mysqlcs.io.ChannelStatus;
import dev.mysqlcs.io.ClusterSetMetadata;
import dev.mysqlcs.io.Credentials;
import dev.mysqlcs.io.InstanceProbe;
import dev.mysqlcs.io.InstanceProbes.ProbeUnavailableException;
import dev.mysqlcs.io.InstanceState;
import dev.mysqlcs.io.MySqlEndpoint;
import dev.mysqlcs.io.PodRef;
import dev.mysqlcs.testing.LocalMySqld;
import dev.mysqlcs.testing.ShellMetadata;
import dev.mysqlcs.testing.SqlScript;
import dev.mysqlcs.testing.Upstream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The JDBC probe against two real mysqld 8.0.31: A plays the primary cluster's primary ({@code prod/mysql-prod/prd-0}),
 * B the replica cluster's ({@code dr/mysql-dr/dr-0}), linked by a real asynchronous channel
 * {@code clusterset_replication} with GTID auto-positioning. A holds the real metadata schema 2.2.0 with a
 * ClusterSet written by the metadata's own stored procedures, as the Shell does.
 *
 * <p>The servers are shared by the class; the tests run in order because the later ones change replication state
 * (user data, an errant transaction, a broken channel, a forced failover), each asserting what it starts from.
 */
@Tag("slow")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class JdbcInstanceProbeIT {

    private static final String ADMIN = "mysqlcs_admin";
    private static final char[] ADMIN_PASSWORD = "Adm1n;pw'\"#42-x".toCharArray();
    private static final String REPL = "mysqlcs_repl";
    private static final char[] REPL_PASSWORD = "r3pl-Pw!".toCharArray();
    /** An account that never logs in before the TLS test: caching_sha2_password has nothing cached for it. */
    private static final char[] FRESH_PASSWORD = "Fresh-acc0unt-pw".toCharArray();

    private static final String CHANNEL = ChannelStatus.CLUSTERSET_CHANNEL;
    private static final String LOCK = "mysqlcs/clusterset/mycs";
    private static final Duration WAIT = Duration.ofSeconds(60);

    private static final PodRef POD_A = new PodRef("prod", "mysql-prod", "prd-0");
    private static final PodRef POD_B = new PodRef("dr", "mysql-dr", "dr-0");
    private static final String A = JdbcInstanceProbes.describe(POD_A);
    private static final String B = JdbcInstanceProbes.describe(POD_B);

    private LocalMySqld serverA;
    private LocalMySqld serverB;
    private LocalRoutes routes;
    private JdbcInstanceProbes probes;
    private InstanceProbe probeA;
    private InstanceProbe probeB;
    private String uuidA;
    private String uuidB;
    private String clusterSetId;
    private final String prdId = UUID.randomUUID().toString();
    private final String drId = UUID.randomUUID().toString();
    /** The transaction of A that B failed to apply (set by the broken-channel test). */
    private String conflictingGtid;

    @BeforeAll
    void startTwoServersLinkedByTheClusterSetChannel() throws Exception {
        List<LocalMySqld> servers = LocalMySqld.startAll(1001, 2001);
        serverA = servers.get(0);
        serverB = servers.get(1);
        uuidA = serverA.queryString("SELECT @@server_uuid");
        uuidB = serverB.queryString("SELECT @@server_uuid");

        serverA.createUser(REPL, REPL_PASSWORD, "REPLICATION SLAVE");
        serverA.createUser(ADMIN, ADMIN_PASSWORD, "ALL PRIVILEGES");
        serverA.createUser("mysqlcs_fresh", FRESH_PASSWORD, "USAGE");
        serverB.replicateFrom(serverA, REPL, REPL_PASSWORD, CHANNEL);
        serverB.execute("SET GLOBAL super_read_only = ON");

        try (Connection c = serverA.root()) {
            SqlScript.run(c, Upstream.read("mysql-shell/metadata/metadata-model-2.2.0.sql"));
            clusterSetId = createClusterSetAsTheShellDoes(c);
        }
        serverB.awaitCaughtUpWith(serverA, WAIT);

        routes = new LocalRoutes()
                .route(POD_A, new MySqlEndpoint(serverA.host(), serverA.port()))
                .route(POD_B, new MySqlEndpoint(serverB.host(), serverB.port()));
        probes = new JdbcInstanceProbes(routes, JdbcSettings.defaults());
        probeA = probes.open(POD_A, admin());
        probeB = probes.open(POD_B, admin());
    }

    @AfterAll
    void stopServers() {
        try {
            if (probeA != null) {
                probeA.close();
            }
            if (probeB != null) {
                probeB.close();
            }
        } finally {
            LocalMySqld.closeAll(serverB, serverA);
        }
    }

    @Test
    @Order(1)
    void instanceStateReportsIdentityGtidsAndReadOnlyFlags() throws SQLException {
        InstanceState a = probeA.instanceState();
        assertEquals(1001, a.serverId());
        assertEquals(uuidA, a.serverUuid());
        assertTrue(a.version().startsWith("8.0.31"), a.version());
        // The Linux build of mysqld on this machine (@@version_compile_os, @@version_compile_machine).
        assertEquals("Linux", a.versionCompileOs());
        assertEquals(serverA.queryString("SELECT @@GLOBAL.version_compile_machine"), a.versionCompileMachine());
        assertEquals(
                System.getProperty("os.arch").equals("amd64") ? "x86_64" : System.getProperty("os.arch"),
                a.versionCompileMachine());
        assertEquals(serverA.queryString("SELECT @@gtid_executed").replaceAll("\\s+", ""), a.gtidExecuted());
        assertTrue(a.gtidExecuted().startsWith(uuidA + ":1-"), a.gtidExecuted());
        assertFalse(a.superReadOnly());
        assertFalse(a.readOnly());

        InstanceState b = probeB.instanceState();
        assertEquals(2001, b.serverId());
        assertEquals(uuidB, b.serverUuid());
        assertTrue(b.superReadOnly());
        assertTrue(b.readOnly(), "super_read_only implies read_only");
        assertEquals(a.gtidExecuted(), b.gtidExecuted(), "B has applied everything A executed");
    }

    @Test
    @Order(2)
    void readsTheClusterSetAsTheShellRecordedItOnPrimaryAndReplica() {
        for (InstanceProbe probe : List.of(probeA, probeB)) {
            ClusterSetMetadata cs = probe.clusterSetMetadata().orElseThrow();
            assertEquals(clusterSetId, cs.clusterSetId());
            assertEquals("mycs", cs.domainName());
            assertEquals(
                    List.of(
                            new ClusterSetMetadata.Member(drId, "dr", false, false),
                            new ClusterSetMetadata.Member(prdId, "prd", true, false)),
                    cs.members());
            assertEquals("prd", cs.primary().orElseThrow().clusterName());
        }
    }

    @Test
    @Order(25)
    void readsEachMembersViewChangeUuidAsTheShellRecordsItAndDropsItsGtidsFromAnErrantSet() throws SQLException {
        String vcu = "dddddddd-0000-0000-0000-00000000000d";
        // What the Shell stores at createReplicaCluster (metadata_storage.cc reads it back the same way).
        serverA.execute("UPDATE mysql_innodb_cluster_metadata.clusters SET attributes = JSON_SET(attributes, "
                + "'$.group_replication_view_change_uuid', '" + vcu + "') WHERE cluster_id = '" + drId + "'");
        ClusterSetMetadata cs = probeA.clusterSetMetadata().orElseThrow();
        assertEquals(java.util.Set.of(vcu), cs.viewChangeUuids());
        assertEquals(Optional.of(vcu), cs.member("dr").orElseThrow().viewChangeUuid());
        // A replica's view-change events, as a pod restart in a pre-8.3 replica cluster logs them, are not errant.
        String errant = probeA.gtidSubtract(vcu + ":1-2," + uuidB + ":7", "");
        assertEquals(uuidB + ":7", dev.mysqlcs.model.GtidSets.withoutSources(errant, cs.viewChangeUuids()));
    }

    @Test
    @Order(3)
    void reportsTheClusterSetChannelRunningFromThePrimary() {
        ChannelStatus channel = probeB.replicationChannel(CHANNEL).orElseThrow();
        assertEquals(CHANNEL, channel.channel());
        assertTrue(channel.running(), channel.toString());
        assertEquals(uuidA, channel.sourceUuid());
        assertEquals(0, channel.lastErrorNumber(), channel.lastErrorMessage());
        assertTrue(channel.receivedTransactionSet().startsWith(uuidA + ":"), channel.receivedTransactionSet());

        assertEquals(Optional.empty(), probeA.replicationChannel(CHANNEL), "the primary has no ClusterSet channel");
        assertEquals(Optional.empty(), probeB.replicationChannel("no_such_channel"));
    }

    @Test
    @Order(4)
    void gtidSetArithmeticIsTheServersAndRejectsMalformedSets() {
        String a = probeA.instanceState().gtidExecuted();
        String b = probeB.instanceState().gtidExecuted();
        assertTrue(probeA.gtidSubset(b, a));
        assertEquals("", probeA.gtidSubtract(b, a));
        assertTrue(probeA.gtidSubset("", a), "the empty set is a subset of everything");
        assertFalse(probeA.gtidSubset(uuidB + ":1", a));
        assertEquals(uuidA + ":1", probeA.gtidSubtract(uuidA + ":1-3", uuidA + ":2-3"));

        JdbcProbeException malformed =
                assertThrows(JdbcProbeException.class, () -> probeA.gtidSubset("not a gtid set", a));
        assertTrue(
                malformed.getMessage().startsWith("MySQL server " + A + ": comparing GTID sets failed"),
                malformed.getMessage());
        assertFalse(malformed.accessDenied());
    }

    @Test
    @Order(5)
    void theReplicatedMetadataSchemaIsNotUserData() throws SQLException {
        assertEquals(
                "1",
                serverB.queryString("SELECT COUNT(*) FROM information_schema.schemata"
                        + " WHERE schema_name = 'mysql_innodb_cluster_metadata'"),
                "B holds the replicated metadata schema");
        assertEquals(List.of(), probeA.userSchemas());
        assertEquals(List.of(), probeB.userSchemas());
    }

    @Test
    @Order(6)
    @SuppressWarnings("try") // closes a session inside its try to observe the lock being released
    void lockExcludesOtherSessionsAndDiesWithItsSession() throws SQLException {
        try (InstanceProbe first = probes.open(POD_A, admin());
                InstanceProbe second = probes.open(POD_A, admin())) {
            assertTrue(first.tryLock(LOCK, Duration.ZERO));
            long start = System.nanoTime();
            assertFalse(second.tryLock(LOCK, Duration.ofMillis(300)), "held by the first session");
            assertTrue(
                    System.nanoTime() - start >= Duration.ofMillis(900).toNanos(),
                    "GET_LOCK waited the wait rounded up to a whole second");

            first.unlock(LOCK);
            assertTrue(second.tryLock(LOCK, Duration.ZERO), "released by unlock");
            IllegalStateException notHeld = assertThrows(IllegalStateException.class, () -> first.unlock(LOCK));
            assertTrue(notHeld.getMessage().contains("another session holds it"), notHeld.getMessage());

            second.close();
            assertTrue(first.tryLock(LOCK, Duration.ofSeconds(5)), "released when the holding session closed");

            assertThrows(
                    IllegalArgumentException.class,
                    () -> first.tryLock("x".repeat(65), Duration.ZERO),
                    "GET_LOCK names are limited to 64 characters");
            assertThrows(
                    IllegalArgumentException.class,
                    () -> first.tryLock(LOCK, Duration.ofSeconds(-1)),
                    "a negative wait would make GET_LOCK wait forever");
        }

        // A crashed run: the holding session dies without RELEASE_LOCK. The server drops the lock with it.
        InstanceProbe crashed = probes.open(POD_A, admin());
        try (InstanceProbe survivor = probes.open(POD_A, admin())) {
            assertTrue(crashed.tryLock(LOCK, Duration.ZERO));
            String holder = serverA.queryString("SELECT IS_USED_LOCK('" + LOCK + "')");
            serverA.execute("KILL CONNECTION " + holder);
            assertTrue(survivor.tryLock(LOCK, Duration.ofSeconds(5)), "a dead session holds no lock");
            ProbeUnavailableException lost = assertThrows(
                    ProbeUnavailableException.class,
                    crashed::instanceState,
                    "a lost session is reported, never silently reconnected");
            assertTrue(lost.getMessage().startsWith("MySQL server " + A + " is unreachable"), lost.getMessage());
        } finally {
            crashed.close();
        }

        // A wait longer than the socket timeout is not mistaken for a dead server.
        JdbcInstanceProbes shortTimeouts =
                new JdbcInstanceProbes(routes, JdbcSettings.defaults().withSocketTimeout(Duration.ofMillis(500)));
        try (InstanceProbe holder = probes.open(POD_A, admin());
                InstanceProbe waiter = shortTimeouts.open(POD_A, admin())) {
            assertTrue(holder.tryLock(LOCK, Duration.ZERO));
            assertFalse(waiter.tryLock(LOCK, Duration.ofSeconds(1)));
            assertEquals(1001, waiter.instanceState().serverId(), "socket timeout restored, session intact");
        }
        assertEquals(2, routes.openRoutes(), "only the two shared probes keep routes open");
    }

    @Test
    @Order(7)
    void userSchemasListUserDataButNeverTheMetadata() throws SQLException {
        serverA.execute(
                "CREATE DATABASE app",
                "CREATE TABLE app.t (id INT PRIMARY KEY, v VARCHAR(20))",
                "INSERT INTO app.t VALUES (1, 'replicated')");
        serverB.awaitCaughtUpWith(serverA, WAIT);

        assertEquals(List.of("app"), probeA.userSchemas());
        assertEquals(List.of("app"), probeB.userSchemas());
    }

    @Test
    @Order(8)
    void errantTransactionOnTheReplicaIsComputedExactlyByEitherServer() throws SQLException {
        try (Connection c = serverB.root();
                Statement st = c.createStatement()) {
            st.execute("SET GLOBAL super_read_only = OFF");
            st.execute("INSERT INTO app.t VALUES (2, 'errant')");
            st.execute("SET GLOBAL super_read_only = ON");
        }
        String errant = uuidB + ":1";
        String a = probeA.instanceState().gtidExecuted();
        String b = probeB.instanceState().gtidExecuted();
        assertFalse(probeB.gtidSubset(b, a));
        assertEquals(errant, probeA.gtidSubtract(b, a));
        assertEquals(errant, probeB.gtidSubtract(b, a), "either server computes the same set");
    }

    @Test
    @Order(9)
    void brokenChannelReportsTheApplierError() throws SQLException {
        String before = serverA.queryString("SELECT @@gtid_executed");
        serverA.execute("INSERT INTO app.t VALUES (2, 'conflict')");
        String after = serverA.queryString("SELECT @@gtid_executed");
        conflictingGtid = probeA.gtidSubtract(after, before);
        assertTrue(conflictingGtid.matches(uuidA + ":\\d+"), conflictingGtid);

        await(
                "the applier error on B",
                () -> probeB.replicationChannel(CHANNEL).orElseThrow().lastErrorNumber() != 0);
        ChannelStatus broken = probeB.replicationChannel(CHANNEL).orElseThrow();
        assertEquals(1062, broken.lastErrorNumber(), broken.lastErrorMessage());
        assertTrue(broken.lastErrorMessage().contains("Duplicate entry '2'"), broken.lastErrorMessage());
        assertTrue(broken.lastErrorMessage().contains(conflictingGtid), broken.lastErrorMessage());
        assertEquals(uuidA, broken.sourceUuid());
        assertTrue(broken.running(), "the receiver still runs; only the applier stopped");
    }

    @Test
    @Order(10)
    void aForcedFailoverIsReadFromTheNewPrimarysMetadataWhileTheOldPrimaryKeepsItsView() throws SQLException {
        // Forced failover as the Shell performs it on the new primary (dr): stop the channel, open it for writes,
        // record the new view in the metadata and invalidate the unreachable old primary (prd).
        try (Connection c = serverB.root();
                Statement st = c.createStatement()) {
            st.execute("STOP REPLICA FOR CHANNEL '" + CHANNEL + "'");
            st.execute("SET GLOBAL super_read_only = OFF");
            try (PreparedStatement force = c.prepareStatement(
                            "CALL mysql_innodb_cluster_metadata.v2_cs_primary_force_changed(?, ?, '{}')");
                    PreparedStatement invalidate = c.prepareStatement(
                            "CALL mysql_innodb_cluster_metadata.v2_cs_add_invalidated_member(?, ?)")) {
                force.setString(1, clusterSetId);
                force.setString(2, drId);
                force.execute();
                invalidate.setString(1, clusterSetId);
                invalidate.setString(2, prdId);
                invalidate.execute();
            }
        }
        assertEquals("OFF", probeB.replicationChannel(CHANNEL).orElseThrow().serviceState());
        assertFalse(probeB.instanceState().superReadOnly(), "the new primary takes writes");

        ClusterSetMetadata current = probeB.clusterSetMetadata().orElseThrow();
        assertEquals(
                List.of(
                        new ClusterSetMetadata.Member(drId, "dr", true, false),
                        new ClusterSetMetadata.Member(prdId, "prd", false, true)),
                current.members());
        ClusterSetMetadata stale = probeA.clusterSetMetadata().orElseThrow();
        assertEquals(
                "prd",
                stale.primary().orElseThrow().clusterName(),
                "the cut-off old primary still holds the view from before the failover");
        assertEquals(
                conflictingGtid,
                probeB.gtidSubtract(
                        probeA.instanceState().gtidExecuted(),
                        probeB.instanceState().gtidExecuted()),
                "the old primary's write the new primary never applied");
    }

    // ------------------------------------------------------------------ session setup, errors, routes

    @Test
    @Order(20)
    void wrongPasswordIsAccessDeniedNamingThePodNeverThePassword() {
        char[] wrong = "Wr0ng-S3cret-pw".toCharArray();
        int before = routes.openRoutes();
        JdbcProbeException e =
                assertThrows(JdbcProbeException.class, () -> probes.open(POD_A, new Credentials(ADMIN, wrong)));
        assertTrue(e.accessDenied(), e.getMessage());
        assertTrue(e.getMessage().startsWith("MySQL server " + A + ": connecting to 127.0.0.1:"), e.getMessage());
        assertEquals(A, e.server());
        assertFalse(stackTrace(e).contains(new String(wrong)), "no password anywhere in the exception chain");
        assertEquals(before, routes.openRoutes(), "the route is closed when the session cannot be opened");
    }

    @Test
    @Order(21)
    void closedPortIsUnavailableNamingThePod() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        PodRef gone = new PodRef("prod", "mysql-prod", "prd-9");
        LocalRoutes toNowhere = new LocalRoutes().route(gone, new MySqlEndpoint("127.0.0.1", closedPort));
        JdbcInstanceProbes unreachable =
                new JdbcInstanceProbes(toNowhere, JdbcSettings.defaults().withConnectTimeout(Duration.ofSeconds(2)));
        ProbeUnavailableException e =
                assertThrows(ProbeUnavailableException.class, () -> unreachable.open(gone, admin()));
        assertTrue(
                e.getMessage()
                        .startsWith("MySQL server prod/mysql-prod/prd-9 is unreachable (connecting to" + " 127.0.0.1:"
                                + closedPort + ")"),
                e.getMessage());
        assertFalse(stackTrace(e).contains(new String(ADMIN_PASSWORD)));
        assertEquals(0, toNowhere.openRoutes());
        assertEquals(1, toNowhere.openedRoutes());
    }

    @Test
    @Order(22)
    void tlsModesAndPublicKeyRetrievalBehaveAsConfigured() throws SQLException {
        try (InstanceProbe tls = new JdbcInstanceProbes(
                        routes, JdbcSettings.defaults().withSslMode(JdbcSettings.SslMode.REQUIRED))
                .open(POD_A, admin())) {
            assertEquals(1001, tls.instanceState().serverId(), "the server's auto-generated certificate serves TLS");
        }
        // A fresh account (nothing cached by caching_sha2_password) over plain TCP needs the server's RSA key.
        char[] pw = FRESH_PASSWORD.clone();
        JdbcSettings plain = JdbcSettings.defaults().withSslMode(JdbcSettings.SslMode.DISABLED);
        JdbcProbeException refused = assertThrows(
                JdbcProbeException.class,
                () -> new JdbcInstanceProbes(routes, plain.withAllowPublicKeyRetrieval(false))
                        .open(POD_A, new Credentials("mysqlcs_fresh", pw)));
        assertTrue(refused.getMessage().contains("Public Key Retrieval is not allowed"), refused.getMessage());
        try (InstanceProbe rsa =
                new JdbcInstanceProbes(routes, plain).open(POD_A, new Credentials("mysqlcs_fresh", pw))) {
            assertEquals(uuidA, rsa.instanceState().serverUuid());
        }
    }

    @Test
    @Order(23)
    void probesNeverShowThePasswordAndCloseTheirRoute() {
        int before = routes.openRoutes();
        InstanceProbe probe = probes.open(POD_B, admin());
        assertEquals(before + 1, routes.openRoutes());
        assertEquals("JdbcInstanceProbe[" + B + "]", probe.toString());
        probe.close();
        probe.close();
        assertEquals(before, routes.openRoutes(), "closing twice closes the route once");
        IllegalStateException closed = assertThrows(IllegalStateException.class, probe::instanceState);
        assertTrue(closed.getMessage().contains("closed probe"), closed.getMessage());
    }

    @Test
    @Order(24)
    void noClusterSetWhenTheMetadataSchemaIsAbsentOrEmpty() throws SQLException {
        // B's copy of the metadata is reused rather than starting a third server: drop its ClusterSet rows, then the
        // whole schema. B is the primary since the forced failover, so it takes writes.
        assertTrue(probeB.clusterSetMetadata().isPresent());
        serverB.execute(
                "UPDATE mysql_innodb_cluster_metadata.clusters SET clusterset_id = NULL",
                "DELETE FROM mysql_innodb_cluster_metadata.clusterset_members",
                "DELETE FROM mysql_innodb_cluster_metadata.clusterset_views",
                "DELETE FROM mysql_innodb_cluster_metadata.clustersets");
        assertEquals(Optional.empty(), probeB.clusterSetMetadata(), "metadata without a ClusterSet");
        serverB.execute("DROP DATABASE mysql_innodb_cluster_metadata");
        assertEquals(Optional.empty(), probeB.clusterSetMetadata(), "no metadata schema at all");
    }

    // ---------------------------------------------------------------------------------------------------------------

    private static Credentials admin() {
        return new Credentials(ADMIN, ADMIN_PASSWORD.clone());
    }

    /** The ClusterSet as the Shell writes it: domain mycs, primary prd (server A), replica dr (server B). */
    private String createClusterSetAsTheShellDoes(Connection c) throws SQLException {
        ShellMetadata.insertClusters(
                c,
                List.of(
                        new ShellMetadata.ClusterRow(prdId, "prd", serverA.host() + ":" + serverA.port(), uuidA),
                        new ShellMetadata.ClusterRow(drId, "dr", serverB.host() + ":" + serverB.port(), uuidB)));
        return ShellMetadata.createClusterSet(c, "mycs", prdId, List.of(drId));
    }

    /** Polls with backoff (10 ms to 250 ms) until the condition holds or {@link #WAIT} passes. */
    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        long backoff = 10;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out after " + WAIT + " waiting for " + what);
            }
            try {
                Thread.sleep(backoff);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted waiting for " + what);
            }
            backoff = Math.min(250, backoff * 2);
        }
    }

    private static String stackTrace(Throwable t) {
        StringWriter w = new StringWriter();
        t.printStackTrace(new PrintWriter(w));
        return w.toString();
    }
}
