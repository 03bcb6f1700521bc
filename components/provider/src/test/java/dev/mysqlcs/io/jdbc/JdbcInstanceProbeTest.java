package dev.mysqlcs.io.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mysqlcs.io.Credentials;
import dev.mysqlcs.io.InstanceProbes.ProbeUnavailableException;
import dev.mysqlcs.io.MySqlEndpoint;
import dev.mysqlcs.io.PodRef;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.time.Duration;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/** Error translation and argument checks; the real-server behaviour is in {@link JdbcInstanceProbeIT}. */
class JdbcInstanceProbeTest {

    private static final String SERVER = "prod/mysql-prod/prd-0";

    @Test
    void communicationFailuresMeanUnreachable() {
        RuntimeException e = JdbcInstanceProbe.translate(
                SERVER,
                "reading the instance state",
                new SQLRecoverableException("Communications link failure\n\nThe last packet sent ...", "08S01"));
        assertInstanceOf(ProbeUnavailableException.class, e);
        assertEquals(
                "MySQL server " + SERVER + " is unreachable (reading the instance state): Communications link"
                        + " failure The last packet sent ... [SQLState 08S01, error 0]",
                e.getMessage());

        assertInstanceOf(
                ProbeUnavailableException.class,
                JdbcInstanceProbe.translate(
                        SERVER,
                        "x",
                        new SQLException("wrapped", "HY000", 0, new SocketTimeoutException("Read timed out"))));
        assertInstanceOf(
                ProbeUnavailableException.class,
                JdbcInstanceProbe.translate(
                        SERVER,
                        "x",
                        new SQLNonTransientConnectionException(
                                "No operations allowed after connection closed.", "08003")));
    }

    /** A server that answers is alive: it must never look like an unreachable primary. */
    @Test
    void answeredErrorsAreNeverUnreachable() {
        JdbcProbeException denied = assertInstanceOf(
                JdbcProbeException.class,
                JdbcInstanceProbe.translate(
                        SERVER,
                        "connecting to 127.0.0.1:3306",
                        new SQLException(
                                "Access denied for user 'admin'@'10.0.0.7' (using" + " password: YES)",
                                "28000",
                                1045)));
        assertTrue(denied.accessDenied());
        assertEquals(1045, denied.errorCode());
        assertEquals("28000", denied.sqlState());
        assertEquals(SERVER, denied.server());
        assertEquals(
                "MySQL server " + SERVER + ": connecting to 127.0.0.1:3306 failed: Access denied for user"
                        + " 'admin'@'10.0.0.7' (using password: YES) [SQLState 28000, error 1045]",
                denied.getMessage());

        JdbcProbeException keyRetrieval = assertInstanceOf(
                JdbcProbeException.class,
                JdbcInstanceProbe.translate(
                        SERVER,
                        "x",
                        new SQLNonTransientConnectionException("Public Key Retrieval is not allowed", "08001")));
        assertFalse(keyRetrieval.accessDenied());

        assertInstanceOf(
                JdbcProbeException.class,
                JdbcInstanceProbe.translate(
                        SERVER, "x", new SQLNonTransientConnectionException("Too many connections", "08004", 1040)));
        assertInstanceOf(
                JdbcProbeException.class,
                JdbcInstanceProbe.translate(
                        SERVER,
                        "x",
                        new SQLRecoverableException(
                                "TLS handshake failed",
                                "08S01",
                                0,
                                new SSLHandshakeException("PKIX path building failed"))),
                "TLS trouble is a configuration" + " error of a reachable server");
        JdbcProbeException privilege = assertInstanceOf(
                JdbcProbeException.class,
                JdbcInstanceProbe.translate(SERVER, "x", new SQLException("SELECT command denied", "42000", 1142)));
        assertTrue(privilege.accessDenied());
    }

    @Test
    void gtidSetsAreComparedWithoutTheServersLineBreaks() {
        assertEquals("a:1-5,b:1-3", JdbcInstanceProbe.normalizeGtidSet("a:1-5,\nb:1-3"));
        assertEquals("", JdbcInstanceProbe.normalizeGtidSet(null));
    }

    @Test
    void lockWaitsAreRoundedUpToWholeSeconds() {
        assertEquals(0, JdbcInstanceProbe.waitSeconds(Duration.ZERO));
        assertEquals(1, JdbcInstanceProbe.waitSeconds(Duration.ofMillis(1)));
        assertEquals(2, JdbcInstanceProbe.waitSeconds(Duration.ofMillis(1500)));
        assertEquals(3, JdbcInstanceProbe.waitSeconds(Duration.ofSeconds(3)));
    }

    @Test
    void settingsRejectNonPositiveTimeouts() {
        assertThrows(
                IllegalArgumentException.class, () -> JdbcSettings.defaults().withSocketTimeout(Duration.ZERO));
        assertThrows(
                IllegalArgumentException.class,
                () -> JdbcSettings.defaults().withConnectTimeout(Duration.ofMillis(-1)));
        assertEquals(JdbcSettings.SslMode.PREFERRED, JdbcSettings.defaults().sslMode());
    }

    @Test
    void refusedConnectionClosesTheRouteAndNamesThePod() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        PodRef pod = new PodRef("prod", "mysql-prod", "prd-0");
        LocalRoutes routes = new LocalRoutes().route(pod, new MySqlEndpoint("127.0.0.1", closedPort));
        JdbcInstanceProbes probes =
                new JdbcInstanceProbes(routes, JdbcSettings.defaults().withConnectTimeout(Duration.ofSeconds(2)));

        ProbeUnavailableException e = assertThrows(
                ProbeUnavailableException.class,
                () -> probes.open(pod, new Credentials("admin", "S3cret-pw".toCharArray())));

        assertTrue(e.getMessage().startsWith("MySQL server " + SERVER + " is unreachable"), e.getMessage());
        assertFalse(e.getMessage().contains("S3cret-pw"));
        assertTrue(hasCause(e, ConnectException.class), "the socket error stays attached for diagnosis");
        assertEquals(1, routes.openedRoutes());
        assertEquals(0, routes.openRoutes());
    }

    @Test
    void routeFailuresPropagateWithoutOpeningASession() {
        JdbcInstanceProbes probes = new JdbcInstanceProbes(new LocalRoutes(), JdbcSettings.defaults());
        assertThrows(
                ProbeUnavailableException.class,
                () -> probes.open(new PodRef("dr", "mysql-dr", "dr-0"), new Credentials("a", "b".toCharArray())));
    }

    private static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }
}
