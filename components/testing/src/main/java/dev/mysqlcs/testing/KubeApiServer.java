package dev.mysqlcs.testing;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real Kubernetes API server for the slow tests: kube-apiserver v1.20.2 with its etcd, on free loopback ports, with
 * the MySQL Operator's real CRDs (chart 2.2.8, {@link Upstream#CRDS_2_2_8}) installed and Established. It validates
 * and prunes by the CRD schemas, applies defaults, bumps generations, keeps status subresources apart, runs RBAC and
 * admission; nothing reconciles (no controller-manager, scheduler or kubelet), so a test plays those parts itself.
 *
 * <p>Started by the repository's {@code .ci/kube-apiserver/start.sh} (state in a temporary directory, certificates
 * made there, an admin client certificate in {@code system:masters}) and stopped by {@code stop.sh}, which ends the two
 * processes by their recorded PIDs. The binaries: {@value #APISERVER_ENV} (else
 * {@code ~/.cache/kube-apiserver-1.20.2/kube-apiserver}, where {@code .ci/kube-apiserver/build.sh} caches it) and
 * {@value #ETCD_ENV} (else {@code etcd} from Debian's etcd-server). When the binary is missing this fails with what
 * to run: the slow group never skips these tests.
 *
 * <p>{@link #shared()} starts one server per test JVM (about 8 s) and stops it at JVM exit; tests isolate themselves
 * by namespace.
 */
public final class KubeApiServer implements AutoCloseable {

    public static final String APISERVER_ENV = "MYSQLCS_KUBE_APISERVER_BIN";
    public static final String ETCD_ENV = "MYSQLCS_ETCD_BIN";
    static final Path CACHED_APISERVER =
            Path.of(System.getProperty("user.home"), ".cache", "kube-apiserver-1.20.2", "kube-apiserver");
    private static final Duration START = Duration.ofSeconds(180);
    private static final Duration CRDS_ESTABLISHED = Duration.ofSeconds(60);

    private static KubeApiServer shared;

    private final Path stateDir;
    private final Path scripts;
    private final Config config;
    private final Duration startedIn;
    private final Thread stopOnExit;
    private volatile boolean closed;

    private KubeApiServer(Path stateDir, Path scripts, Config config, Duration startedIn) {
        this.stateDir = stateDir;
        this.scripts = scripts;
        this.config = config;
        this.startedIn = startedIn;
        this.stopOnExit = new Thread(this::stop, "stop kube-apiserver " + stateDir);
        Runtime.getRuntime().addShutdownHook(stopOnExit);
    }

    /** The one server of this test JVM, started (and its CRDs installed) on first use. */
    public static synchronized KubeApiServer shared() {
        if (shared == null || shared.closed) {
            shared = start();
        }
        return shared;
    }

    /** Starts etcd and kube-apiserver on free loopback ports and installs the operator's CRDs. */
    public static KubeApiServer start() {
        Path apiserver = binary(APISERVER_ENV, CACHED_APISERVER);
        Path etcd = binary(ETCD_ENV, Path.of("/usr/bin/etcd"));
        Path scripts = ConfigFixtures.repoRoot().resolve(".ci/kube-apiserver");
        RuntimeException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            long t0 = System.nanoTime();
            Path dir;
            try {
                dir = Files.createTempDirectory("mysqlcs-kube-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            try {
                Path kubeconfig = launch(scripts, dir, apiserver, etcd);
                Config config = Config.fromKubeconfig("local", kubeconfig.toFile());
                KubeApiServer server =
                        new KubeApiServer(dir, scripts, config, Duration.ofNanos(System.nanoTime() - t0));
                try {
                    server.installOperatorCrds();
                } catch (RuntimeException e) {
                    server.close();
                    throw e;
                }
                return server;
            } catch (PortTakenException e) {
                stop(scripts, dir);
                last = e;
            } catch (RuntimeException e) {
                stop(scripts, dir);
                throw e;
            }
        }
        throw last;
    }

    /** The fabric8 configuration of the admin user (client certificate, {@code system:masters}). */
    public Config config() {
        return config;
    }

    /** A new client; the caller closes it. */
    public KubernetesClient client() {
        return new KubernetesClientBuilder().withConfig(config).build();
    }

    /** How long etcd plus kube-apiserver took to answer {@code /readyz}. */
    public Duration startedIn() {
        return startedIn;
    }

    public String url() {
        return config.getMasterUrl();
    }

    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(stopOnExit);
        } catch (IllegalStateException exiting) {
            // the JVM is exiting: the hook runs anyway
        }
    }

    private synchronized void stop() {
        if (!closed) {
            closed = true;
            stop(scripts, stateDir);
        }
    }

    /** The operator's CRDs, created as they are and waited for until Established. */
    private void installOperatorCrds() {
        try (KubernetesClient c = client();
                InputStream in = Upstream.open(Upstream.CRDS_2_2_8)) {
            List<HasMetadata> items = c.load(in).items();
            List<String> names = new ArrayList<>();
            for (HasMetadata item : items) {
                c.resource(item).create();
                names.add(item.getMetadata().getName());
            }
            for (String name : names) {
                c.apiextensions()
                        .v1()
                        .customResourceDefinitions()
                        .withName(name)
                        .waitUntilCondition(KubeApiServer::established, CRDS_ESTABLISHED.toSeconds(), TimeUnit.SECONDS);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean established(CustomResourceDefinition crd) {
        return crd != null
                && crd.getStatus() != null
                && crd.getStatus().getConditions() != null
                && crd.getStatus().getConditions().stream()
                        .anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    /**
     * The binary from the environment variable, else the default. Named by the variable (as {@code .ci/run} does) and
     * missing: a failure. Not named and not built on this machine: the test is skipped with the same instructions, so
     * README's {@code ./mvnw -B verify} passes on a machine that has not spent the ten minutes building it yet.
     */
    static Path binary(String env, Path fallback) {
        String fromEnv = System.getenv(env);
        boolean named = fromEnv != null && !fromEnv.isBlank();
        Path p = named ? Path.of(fromEnv) : fallback;
        if (!Files.isExecutable(p)) {
            String why = "no executable " + p + (named ? " (from " + env + ")" : " (" + env + " is not set)")
                    + ": the Kubernetes tests of the slow group need a real kube-apiserver 1.20.2 and etcd; build and "
                    + "cache them with `sudo .ci/kube-apiserver/build.sh` (about 10 minutes once, into "
                    + "~/.cache/kube-apiserver-1.20.2; it also installs etcd-server), or set " + env
                    + " to the binary; .ci/run does both";
            if (named) {
                throw new IllegalStateException(why);
            }
            throw new org.opentest4j.TestAbortedException(why);
        }
        return p;
    }

    private static final class PortTakenException extends RuntimeException {
        PortTakenException(String message) {
            super(message);
        }
    }

    private static Path launch(Path scripts, Path dir, Path apiserver, Path etcd) {
        ProcessBuilder pb =
                new ProcessBuilder("bash", scripts.resolve("start.sh").toString(), dir.toString());
        Map<String, String> env = pb.environment();
        env.put("KUBE_APISERVER_BIN", apiserver.toString());
        env.put("ETCD_BIN", etcd.toString());
        env.put("ETCD_PORT", String.valueOf(freePort()));
        env.put("ETCD_PEER_PORT", String.valueOf(freePort()));
        env.put("API_PORT", String.valueOf(freePort()));
        pb.redirectErrorStream(true);
        Path log = dir.resolve("start.out");
        pb.redirectOutput(log.toFile());
        try {
            Process p = pb.start();
            if (!p.waitFor(START.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("kube-apiserver did not become ready within " + START.toSeconds()
                        + " s; see " + dir.resolve("logs"));
            }
            List<String> out = Files.readAllLines(log, StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                String text = String.join("\n", out);
                String logs = tail(dir.resolve("logs/etcd.log")) + tail(dir.resolve("logs/kube-apiserver.log"));
                if ((text + logs).contains("address already in use")) {
                    throw new PortTakenException("a port was taken between choosing and binding it: " + text);
                }
                throw new IllegalStateException(
                        "starting kube-apiserver failed (exit " + p.exitValue() + "): " + text + "\n" + logs);
            }
            return Path.of(out.get(out.size() - 1).trim());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting kube-apiserver", e);
        }
    }

    private static String tail(Path file) {
        try {
            List<String> lines = Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size())) + "\n";
        } catch (IOException e) {
            return "";
        }
    }

    private static void stop(Path scripts, Path dir) {
        try {
            Process p = new ProcessBuilder("bash", scripts.resolve("stop.sh").toString(), dir.toString(), "--purge")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
