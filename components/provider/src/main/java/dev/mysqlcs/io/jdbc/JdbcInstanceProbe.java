package dev.mysqlcs.io.jdbc;

import com.mysql.cj.jdbc.NonRegisteringDriver;
import dev.mysqlcs.io.ChannelStatus;
import dev.mysqlcs.io.ClusterSetMetadata;
import dev.mysqlcs.io.Credentials;
import dev.mysqlcs.io.InstanceProbe;
import dev.mysqlcs.io.InstanceProbes.ProbeUnavailableException;
import dev.mysqlcs.io.InstanceState;
import dev.mysqlcs.io.MySqlEndpoint;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Executor;

/**
 * {@link InstanceProbe} over one JDBC session (mysql-connector-j). Every statement is a {@link PreparedStatement}; the
 * password goes to the driver in {@link Properties}, never in the URL, and no message built here contains it.
 *
 * <p>Failures: a server that cannot be reached (connection refused, reset, timed out) raises
 * {@link ProbeUnavailableException}; a server that answers with an error (access denied, malformed GTID set, missing
 * privilege) raises {@link JdbcProbeException}. Both name the server.
 *
 * <p>The account needs global privileges (the InnoDB cluster admin account has them): {@link #userSchemas()} only
 * sees schemas the account may see, and performance_schema and the metadata schema must be readable.
 *
 * <p>Thread-safe (one session, calls serialized).
 */
public final class JdbcInstanceProbe implements InstanceProbe {

    /** Schemas that never count as user data. */
    public static final List<String> SYSTEM_SCHEMAS = List.of(
            "mysql",
            "sys",
            "information_schema",
            "performance_schema",
            "mysql_innodb_cluster_metadata",
            "mysql_innodb_cluster_metadata_bkp",
            "mysql_innodb_cluster_metadata_previous");

    /** GET_LOCK names are limited to 64 characters. */
    public static final int MAX_LOCK_NAME_LENGTH = 64;

    private static final String MD = "mysql_innodb_cluster_metadata";
    private static final Set<String> UNREACHABLE_SQLSTATES = Set.of("08S01", "08003");
    private static final int ER_BAD_DB_ERROR = 1049;
    private static final int ER_NO_SUCH_TABLE = 1146;
    private static final Executor DIRECT = Runnable::run;
    private static final Driver DRIVER = driver();

    private final String server;
    private final Connection connection;
    private final JdbcSettings settings;
    private final Runnable afterClose;
    private boolean closed;

    private JdbcInstanceProbe(String server, Connection connection, JdbcSettings settings, Runnable afterClose) {
        this.server = server;
        this.connection = connection;
        this.settings = settings;
        this.afterClose = afterClose;
    }

    /**
     * Opens one session.
     *
     * @param server   how messages name this server, e.g. {@code prod/mysql-prod/prd-0}
     * @throws ProbeUnavailableException when the server cannot be reached
     * @throws JdbcProbeException        when the server refuses the session (e.g. access denied)
     */
    public static JdbcInstanceProbe connect(
            String server, MySqlEndpoint endpoint, Credentials credentials, JdbcSettings settings) {
        return connect(server, endpoint, credentials, settings, () -> {});
    }

    /**
     * As {@link #connect(String, MySqlEndpoint, Credentials, JdbcSettings)}; {@code afterClose} runs once when the
     * probe closes, or right away when the session cannot be opened (e.g. to tear down a port-forward).
     */
    public static JdbcInstanceProbe connect(
            String server,
            MySqlEndpoint endpoint,
            Credentials credentials,
            JdbcSettings settings,
            Runnable afterClose) {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(credentials.user(), "credentials.user");
        Objects.requireNonNull(credentials.password(), "credentials.password");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(afterClose, "afterClose");
        Properties props = connectionProperties(credentials, settings);
        try {
            Connection c = DRIVER.connect(url(endpoint), props);
            if (c == null) {
                throw new IllegalStateException("mysql-connector-j refused the URL for " + server);
            }
            return new JdbcInstanceProbe(server, c, settings, afterClose);
        } catch (SQLException e) {
            RuntimeException failure = translate(server, "connecting to " + hostPort(endpoint), e);
            runAfterClose(afterClose, failure);
            throw failure;
        } catch (RuntimeException e) {
            runAfterClose(afterClose, e);
            throw e;
        } finally {
            props.clear();
        }
    }

    /** The name messages use for this server. */
    public String server() {
        return server;
    }

    @Override
    public synchronized InstanceState instanceState() {
        return query(
                "reading the instance state",
                "SELECT @@GLOBAL.server_id, @@GLOBAL.server_uuid, @@GLOBAL.version, @@GLOBAL.gtid_executed,"
                        + " @@GLOBAL.super_read_only, @@GLOBAL.read_only, @@GLOBAL.version_compile_os,"
                        + " @@GLOBAL.version_compile_machine",
                ps -> {},
                rs -> {
                    rs.next();
                    return new InstanceState(
                            rs.getLong(1),
                            rs.getString(2),
                            rs.getString(3),
                            normalizeGtidSet(rs.getString(4)),
                            rs.getBoolean(5),
                            rs.getBoolean(6),
                            rs.getString(7),
                            rs.getString(8));
                });
    }

    @Override
    public synchronized boolean gtidSubset(String subset, String set) {
        Objects.requireNonNull(subset, "subset");
        Objects.requireNonNull(set, "set");
        return query(
                "comparing GTID sets",
                "SELECT GTID_SUBSET(?, ?)",
                ps -> {
                    ps.setString(1, subset);
                    ps.setString(2, set);
                },
                rs -> {
                    rs.next();
                    return rs.getInt(1) == 1;
                });
    }

    @Override
    public synchronized String gtidSubtract(String set, String subtract) {
        Objects.requireNonNull(set, "set");
        Objects.requireNonNull(subtract, "subtract");
        return query(
                "subtracting GTID sets",
                "SELECT GTID_SUBTRACT(?, ?)",
                ps -> {
                    ps.setString(1, set);
                    ps.setString(2, subtract);
                },
                rs -> {
                    rs.next();
                    return normalizeGtidSet(rs.getString(1));
                });
    }

    @Override
    public synchronized List<String> userSchemas() {
        String placeholders =
                String.join(", ", SYSTEM_SCHEMAS.stream().map(s -> "?").toList());
        return query(
                "listing user schemas",
                "SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME NOT IN (" + placeholders
                        + ") ORDER BY SCHEMA_NAME",
                ps -> {
                    for (int i = 0; i < SYSTEM_SCHEMAS.size(); i++) {
                        ps.setString(i + 1, SYSTEM_SCHEMAS.get(i));
                    }
                },
                rs -> {
                    List<String> schemas = new ArrayList<>();
                    while (rs.next()) {
                        schemas.add(rs.getString(1));
                    }
                    return List.copyOf(schemas);
                });
    }

    /**
     * The receiver side from replication_connection_status; the last error is the receiver's when it has one, else
     * the newest applier error (workers first, then the coordinator).
     */
    @Override
    public synchronized Optional<ChannelStatus> replicationChannel(String channel) {
        Objects.requireNonNull(channel, "channel");
        String action = "reading replication channel '" + channel + "'";
        Optional<ChannelStatus> receiver = query(
                action,
                "SELECT SERVICE_STATE, SOURCE_UUID, LAST_ERROR_NUMBER, LAST_ERROR_MESSAGE, RECEIVED_TRANSACTION_SET"
                        + " FROM performance_schema.replication_connection_status WHERE CHANNEL_NAME = ?",
                ps -> ps.setString(1, channel),
                rs -> rs.next()
                        ? Optional.of(new ChannelStatus(
                                channel,
                                rs.getString(1),
                                nullToEmpty(rs.getString(2)),
                                rs.getInt(3),
                                nullToEmpty(rs.getString(4)),
                                normalizeGtidSet(rs.getString(5))))
                        : Optional.empty());
        if (receiver.isEmpty() || receiver.get().lastErrorNumber() != 0) {
            return receiver;
        }
        ChannelStatus r = receiver.get();
        return query(
                action,
                "SELECT LAST_ERROR_NUMBER, LAST_ERROR_MESSAGE FROM ("
                        + " SELECT 1 AS source_rank, LAST_ERROR_NUMBER, LAST_ERROR_MESSAGE, LAST_ERROR_TIMESTAMP"
                        + " FROM performance_schema.replication_applier_status_by_worker"
                        + " WHERE CHANNEL_NAME = ? AND LAST_ERROR_NUMBER <> 0"
                        + " UNION ALL"
                        + " SELECT 2, LAST_ERROR_NUMBER, LAST_ERROR_MESSAGE, LAST_ERROR_TIMESTAMP"
                        + " FROM performance_schema.replication_applier_status_by_coordinator"
                        + " WHERE CHANNEL_NAME = ? AND LAST_ERROR_NUMBER <> 0"
                        + ") e ORDER BY source_rank, LAST_ERROR_TIMESTAMP DESC LIMIT 1",
                ps -> {
                    ps.setString(1, channel);
                    ps.setString(2, channel);
                },
                rs -> Optional.of(
                        rs.next()
                                ? new ChannelStatus(
                                        channel,
                                        r.serviceState(),
                                        r.sourceUuid(),
                                        rs.getInt(1),
                                        nullToEmpty(rs.getString(2)),
                                        r.receivedTransactionSet())
                                : r));
    }

    /**
     * The ClusterSet as this server's copy of the metadata records it. Every member cluster holds a replicated copy;
     * an invalidated old primary holds a stale one (it still names itself PRIMARY), so ask the current primary.
     * Empty when the metadata schema or its ClusterSet views are absent, or hold no ClusterSet.
     *
     * @throws JdbcProbeException when the metadata schema is being upgraded (schema_version 0.0.0), or names several
     *                            ClusterSets and none contains this server
     */
    @Override
    public synchronized Optional<ClusterSetMetadata> clusterSetMetadata() {
        String action = "reading the ClusterSet metadata";
        return inReadOnlySnapshot(action, () -> {
            Optional<int[]> version = metadataVersion(action);
            if (version.isEmpty()) {
                return Optional.empty();
            }
            int[] v = version.get();
            if (v[0] == 0 && v[1] == 0 && v[2] == 0) {
                throw new JdbcProbeException(
                        server,
                        "MySQL server " + server
                                + ": the InnoDB cluster metadata schema is being upgraded (schema_version 0.0.0); retry"
                                + " once the upgrade has finished",
                        null,
                        0,
                        null);
            }
            if (v[0] < 2) {
                return Optional.empty();
            }
            List<String[]> clusterSets = absentAsEmpty(() -> query(
                    action,
                    "SELECT clusterset_id, domain_name FROM " + MD + ".v2_cs_clustersets ORDER BY clusterset_id",
                    ps -> {},
                    rs -> {
                        List<String[]> rows = new ArrayList<>();
                        while (rs.next()) {
                            rows.add(new String[] {rs.getString(1), rs.getString(2)});
                        }
                        return rows;
                    }));
            if (clusterSets.isEmpty()) {
                return Optional.empty();
            }
            String[] chosen = clusterSets.size() == 1 ? clusterSets.get(0) : ownClusterSet(action, clusterSets);
            List<ClusterSetMetadata.Member> members = query(
                    action,
                    "SELECT m.cluster_id, m.cluster_name, m.member_role, m.invalidated,"
                            + " c.attributes->>'$.group_replication_view_change_uuid'"
                            + " FROM " + MD + ".v2_cs_members m JOIN " + MD
                            + ".clusters c ON c.cluster_id = m.cluster_id"
                            + " WHERE m.clusterset_id = ? ORDER BY m.cluster_name",
                    ps -> ps.setString(1, chosen[0]),
                    rs -> {
                        List<ClusterSetMetadata.Member> rows = new ArrayList<>();
                        while (rs.next()) {
                            rows.add(new ClusterSetMetadata.Member(
                                    rs.getString(1),
                                    rs.getString(2),
                                    "PRIMARY".equals(rs.getString(3)),
                                    rs.getBoolean(4),
                                    Optional.ofNullable(rs.getString(5))));
                        }
                        return List.copyOf(rows);
                    });
            return Optional.of(new ClusterSetMetadata(chosen[0], chosen[1], members));
        });
    }

    /**
     * {@code GET_LOCK(name, wait)}. The lock belongs to this session: it is released by {@link #unlock}, by
     * {@link #close}, or by the server when the session dies (a crashed run, a broken port-forward), so a lost session
     * also means a lost lock. MySQL counts the wait in whole seconds (it truncates fractions), so a fractional wait is
     * rounded up: the call never gives up earlier than asked. The socket timeout is stretched by the wait for this one
     * call.
     */
    @Override
    public synchronized boolean tryLock(String name, Duration wait) {
        requireLockName(name);
        Objects.requireNonNull(wait, "wait");
        if (wait.isNegative()) {
            throw new IllegalArgumentException("wait must not be negative (GET_LOCK would wait forever), got " + wait);
        }
        String action = "taking lock '" + name + "'";
        long seconds = waitSeconds(wait);
        long networkMillis =
                Math.min(Integer.MAX_VALUE, settings.socketTimeout().toMillis() + seconds * 1000);
        setNetworkTimeout(action, (int) networkMillis);
        try {
            Integer got = query(
                    action,
                    "SELECT GET_LOCK(?, ?)",
                    ps -> {
                        ps.setString(1, name);
                        ps.setLong(2, seconds);
                    },
                    rs -> {
                        rs.next();
                        int v = rs.getInt(1);
                        return rs.wasNull() ? null : v;
                    });
            if (got == null) {
                throw new JdbcProbeException(
                        server,
                        "MySQL server " + server + ": GET_LOCK('" + name
                                + "') returned NULL (the session was killed or ran out of memory)",
                        null,
                        0,
                        null);
            }
            return got == 1;
        } finally {
            try {
                connection.setNetworkTimeout(
                        DIRECT, (int) settings.socketTimeout().toMillis());
            } catch (SQLException ignored) {
                // Only fails on a broken session, and then the call above has already failed with a clear message.
            }
        }
    }

    /** {@code RELEASE_LOCK(name)}; fails when this session does not hold the lock. */
    @Override
    public synchronized void unlock(String name) {
        requireLockName(name);
        Integer released =
                query("releasing lock '" + name + "'", "SELECT RELEASE_LOCK(?)", ps -> ps.setString(1, name), rs -> {
                    rs.next();
                    int v = rs.getInt(1);
                    return rs.wasNull() ? null : v;
                });
        if (released == null || released != 1) {
            throw new IllegalStateException("MySQL server " + server + ": lock '" + name + "' is not held by this"
                    + " session (" + (released == null ? "nobody holds it" : "another session holds it") + ")");
        }
    }

    /** Ends the session (releasing its locks), then runs the close hook. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            connection.close();
        } catch (SQLException ignored) {
            // The session is gone either way; the server drops its locks with it.
        } finally {
            afterClose.run();
        }
    }

    @Override
    public String toString() {
        return "JdbcInstanceProbe[" + server + "]";
    }

    // ---------------------------------------------------------------------------------------------------------------

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    @FunctionalInterface
    private interface Reader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    @FunctionalInterface
    private interface Work<T> {
        T run() throws SQLException;
    }

    private <T> T query(String action, String sql, Binder binder, Reader<T> reader) {
        requireOpen(action);
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            binder.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                return reader.read(rs);
            }
        } catch (SQLException e) {
            throw translate(server, action, e);
        }
    }

    /** Runs reads in one REPEATABLE READ, read-only transaction so they see one consistent snapshot. */
    private <T> T inReadOnlySnapshot(String action, java.util.function.Supplier<T> reads) {
        requireOpen(action);
        try {
            connection.setReadOnly(true);
            connection.setAutoCommit(false);
        } catch (SQLException e) {
            throw translate(server, action, e);
        }
        boolean done = false;
        try {
            T result = reads.get();
            connection.commit();
            done = true;
            return result;
        } catch (SQLException e) {
            throw translate(server, action, e);
        } finally {
            try {
                if (!done) {
                    connection.rollback();
                }
                connection.setReadOnly(false);
                connection.setAutoCommit(true);
            } catch (SQLException ignored) {
                // A broken session fails the next call with a clear message; the primary failure matters here.
            }
        }
    }

    /** [major, minor, patch] of the metadata schema; empty when the schema is absent. */
    private Optional<int[]> metadataVersion(String action) {
        List<int[]> versions = absentAsEmpty(() -> query(
                action,
                "SELECT major, minor, patch FROM " + MD + ".schema_version",
                ps -> {},
                rs -> rs.next() ? List.of(new int[] {rs.getInt(1), rs.getInt(2), rs.getInt(3)}) : List.of()));
        return versions.stream().findFirst();
    }

    /** Runs a read that fails with "no such schema/table" when the metadata (or a view of it) is absent. */
    private <T> List<T> absentAsEmpty(java.util.function.Supplier<List<T>> read) {
        try {
            return read.get();
        } catch (JdbcProbeException e) {
            if (e.errorCode() == ER_NO_SUCH_TABLE || e.errorCode() == ER_BAD_DB_ERROR) {
                return List.of();
            }
            throw e;
        }
    }

    private String[] ownClusterSet(String action, List<String[]> clusterSets) {
        List<String> own = query(
                action,
                "SELECT c.clusterset_id FROM " + MD + ".v2_this_instance t JOIN " + MD + ".v2_gr_clusters c"
                        + " ON c.cluster_id = t.cluster_id WHERE c.clusterset_id IS NOT NULL",
                ps -> {},
                rs -> {
                    List<String> ids = new ArrayList<>();
                    while (rs.next()) {
                        ids.add(rs.getString(1));
                    }
                    return ids;
                });
        return clusterSets.stream()
                .filter(cs -> own.contains(cs[0]))
                .findFirst()
                .orElseThrow(() -> new JdbcProbeException(
                        server,
                        "MySQL server " + server + ": the metadata names "
                                + clusterSets.size() + " ClusterSets ("
                                + String.join(
                                        ", ",
                                        clusterSets.stream().map(cs -> cs[1]).toList())
                                + ") and this server belongs to none of"
                                + " them; ask a member of the ClusterSet instead",
                        null,
                        0,
                        null));
    }

    private void setNetworkTimeout(String action, int millis) {
        try {
            connection.setNetworkTimeout(DIRECT, millis);
        } catch (SQLException e) {
            throw translate(server, action, e);
        }
    }

    private void requireOpen(String action) {
        if (closed) {
            throw new IllegalStateException("MySQL server " + server + ": " + action + " on a closed probe");
        }
    }

    /** GET_LOCK's timeout in whole seconds, rounded up. */
    static long waitSeconds(Duration wait) {
        long seconds = wait.getSeconds();
        return wait.getNano() > 0 ? seconds + 1 : seconds;
    }

    private static void requireLockName(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty() || name.length() > MAX_LOCK_NAME_LENGTH) {
            throw new IllegalArgumentException("lock name must have 1 to " + MAX_LOCK_NAME_LENGTH + " characters, got "
                    + name.length() + ": " + name);
        }
    }

    /**
     * A clear exception naming the server: unreachable servers become {@link ProbeUnavailableException}, answered
     * errors {@link JdbcProbeException}. Connector/J messages never contain the password, and none is added here.
     */
    static RuntimeException translate(String server, String action, SQLException e) {
        String detail = oneLine(e.getMessage()) + " [SQLState " + e.getSQLState() + ", error " + e.getErrorCode() + "]";
        if (unreachable(e)) {
            return new ProbeUnavailableException(
                    "MySQL server " + server + " is unreachable (" + action + "): " + detail, e);
        }
        return new JdbcProbeException(
                server,
                "MySQL server " + server + ": " + action + " failed: " + detail,
                e.getSQLState(),
                e.getErrorCode(),
                e);
    }

    /**
     * True only when the network failed: a communications failure (Connector/J's CommunicationsException, SQLState
     * 08S01), a socket-level error, or a session already gone (08003). A TLS failure or a refused handshake (08001
     * "Public Key Retrieval is not allowed") comes from a server that answered, so it is not "unreachable": mistaking
     * a live primary for a dead one is the dangerous direction.
     */
    static boolean unreachable(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof javax.net.ssl.SSLException) {
                return false;
            }
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLRecoverableException
                    || t instanceof java.net.SocketException
                    || t instanceof java.net.SocketTimeoutException
                    || t instanceof java.net.UnknownHostException
                    || t instanceof java.io.EOFException) {
                return true;
            }
            if (t instanceof SQLException s
                    && s.getSQLState() != null
                    && UNREACHABLE_SQLSTATES.contains(s.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /** GTID sets come back with newlines after each comma; callers compare them as text. */
    static String normalizeGtidSet(String gtidSet) {
        return gtidSet == null ? "" : gtidSet.replaceAll("\\s+", "");
    }

    private static Properties connectionProperties(Credentials credentials, JdbcSettings settings) {
        Properties p = new Properties();
        p.setProperty("user", credentials.user());
        p.setProperty("password", new String(credentials.password()));
        p.setProperty("connectTimeout", Long.toString(settings.connectTimeout().toMillis()));
        p.setProperty("socketTimeout", Long.toString(settings.socketTimeout().toMillis()));
        p.setProperty("sslMode", settings.sslMode().name());
        p.setProperty("allowPublicKeyRetrieval", Boolean.toString(settings.allowPublicKeyRetrieval()));
        // A reconnect would silently drop GET_LOCK locks and the read-only snapshot: fail instead.
        p.setProperty("autoReconnect", "false");
        p.setProperty("tcpKeepAlive", "true");
        p.setProperty("allowLoadLocalInfile", "false");
        p.setProperty("allowMultiQueries", "false");
        p.setProperty("connectionAttributes", "program_name:mysqlcs-probe");
        return p;
    }

    private static String url(MySqlEndpoint endpoint) {
        return "jdbc:mysql://" + hostPort(endpoint) + "/";
    }

    private static String hostPort(MySqlEndpoint endpoint) {
        String host = endpoint.host().contains(":") && !endpoint.host().startsWith("[")
                ? "[" + endpoint.host() + "]"
                : endpoint.host();
        return host + ":" + endpoint.port();
    }

    private static String oneLine(String message) {
        return message == null ? "" : message.replaceAll("\\s+", " ").trim();
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    private static void runAfterClose(Runnable afterClose, RuntimeException failure) {
        try {
            afterClose.run();
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    private static Driver driver() {
        try {
            return new NonRegisteringDriver();
        } catch (SQLException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
