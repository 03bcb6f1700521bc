package dev.mysqlcs.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
import dev.mysqlcs.plan.Observation;
import dev.mysqlcs.testing.ConfigFixtures;
import dev.mysqlcs.testing.LocalMySqld;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * Fixture of the slow tests that observe two real mysqld 8.0.31 the way the provider does: seed 001's topology with
 * an account the test servers have (their root@localhost has no password), server A (pods {@code prd-0..2}: a
 * group's members hold the same transactions; no Group Replication here) and server B ({@code dr-0}), with the
 * ClusterSet's replication account and that admin account on A, read over JDBC ({@link #routes}, {@link #probes});
 * the fake mysqlsh of a {@link ProviderHarness} answers the AdminAPI questions, both InnoDBClusters created by their
 * operators. The servers are shared by a class's tests (started once, stopped after the last). A test class extends
 * it and states only what differs: what the servers hold, further routes, and the ClusterSet it starts from.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RealPrdAndDrServers {

    static final String ADMIN = "mysqlcs_admin";
    static final String REPL = "mysqlcs_repl";
    static final char[] REPL_PASSWORD = "r3pl-Pw!".toCharArray();
    static final String CHANNEL = ChannelStatus.CLUSTERSET_CHANNEL;
    static final Duration WAIT = Duration.ofSeconds(60);

    final Topology topology = ConfigFixtures.topology(
            ConfigFixtures.shipped("Pulumi.prod.yaml").replace("mysqlcs:rootUser: root", "mysqlcs:rootUser: " + ADMIN));
    final ClusterSetSpec spec = topology.clusterSet();
    final Credentials credentials = new Credentials(ADMIN, ProviderHarness.PASSWORD.toCharArray());
    final RecordingLog log = new RecordingLog();

    LocalMySqld serverA;
    LocalMySqld serverB;
    LocalRoutes routes;
    JdbcInstanceProbes probes;
    ProviderHarness h;

    @BeforeAll
    final void startTwoServers() throws SQLException {
        List<LocalMySqld> servers =
                LocalMySqld.startAll(member("prd").baseServerId(), member("dr").baseServerId());
        serverA = servers.get(0);
        serverB = servers.get(1);
        serverA.createUser(REPL, REPL_PASSWORD, "REPLICATION SLAVE");
        serverA.createUser(ADMIN, ProviderHarness.PASSWORD.toCharArray(), "ALL PRIVILEGES");

        routes = new LocalRoutes()
                .route(Observer.pod(member("prd"), 0), endpoint(serverA))
                .route(Observer.pod(member("prd"), 1), endpoint(serverA))
                .route(Observer.pod(member("prd"), 2), endpoint(serverA))
                .route(Observer.pod(member("dr"), 0), endpoint(serverB));
        probes = new JdbcInstanceProbes(routes, JdbcSettings.defaults());

        h = new ProviderHarness(topology);
        h.world.operatorCreates("prd").operatorCreates("dr");
    }

    @AfterAll
    final void stopTwoServers() {
        try {
            if (h != null) {
                h.close();
            }
        } finally {
            LocalMySqld.closeAll(serverB, serverA);
        }
    }

    /**
     * What a clone (or a former replica) leaves on B: B takes everything A has over the ClusterSet channel, then is
     * cut loose, standalone and writable.
     */
    void bTakesEverythingOfA() throws SQLException {
        serverB.replicateFrom(serverA, REPL, REPL_PASSWORD, CHANNEL);
        serverB.awaitCaughtUpWith(serverA, WAIT);
        serverB.execute("STOP REPLICA FOR CHANNEL '" + CHANNEL + "'");
    }

    /**
     * The provider's observation of {@code s} (a real {@link Observer} over the fake Shell and the JDBC probes, both
     * Kubernetes clusters reachable); every probe it opened is closed.
     */
    Observation observe(ClusterSetSpec s) {
        Observation o = new Observer(
                        s,
                        new AdminApi(h.shell, credentials, WAIT),
                        probes,
                        credentials,
                        h.backends.kube(),
                        Set.of("prod", "dr"),
                        log)
                .observe();
        assertEquals(0, routes.openRoutes(), "every probe was closed");
        return o;
    }

    static MySqlEndpoint endpoint(LocalMySqld server) {
        return new MySqlEndpoint(server.host(), server.port());
    }

    Member member(String name) {
        return spec.member(name).orElseThrow();
    }

    String fqdn(String member, int ordinal) {
        return member(member).podFqdn(ordinal, spec.domain());
    }

    /** mysqlsh in the member's pod 0, with a session on that pod. */
    AdminApi.Target session(String member) {
        return new AdminApi.Target(Observer.pod(member(member), 0), fqdn(member, 0));
    }
}
