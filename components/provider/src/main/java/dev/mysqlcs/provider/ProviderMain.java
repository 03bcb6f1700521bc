package dev.mysqlcs.provider;

import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code pulumi-resource-mysqlcs}: serves the provider on a free local port and prints that port as the first line
 * of stdout, as the Pulumi engine expects of a plugin. The engine's address arrives as the last argument (flags such
 * as {@code --logtostderr} or {@code -v=9} come before it). Heavy classes (Kubernetes clients) load on first use.
 */
public final class ProviderMain {

    static final String PARALLELISM = "java.util.concurrent.ForkJoinPool.common.parallelism";

    private ProviderMain() {}

    public static void main(String[] args) throws Exception {
        serve(args, RealBackends::create);
    }

    /** Serves until the engine stops the process; the I/O comes from {@code backends} once Configure names it. */
    static void serve(String[] args, java.util.function.Function<ProviderConfig, Backends> backends) throws Exception {
        // pulumi-java#2270: must be set before anything touches the common pool.
        if (System.getProperty(PARALLELISM) == null) {
            System.setProperty(
                    PARALLELISM,
                    Integer.toString(Math.max(4, Runtime.getRuntime().availableProcessors())));
        }
        boolean train = false;
        String engine = null;
        for (String a : args) {
            if (a.equals("--train")) {
                train = true;
            } else if (!a.startsWith("-")) {
                engine = a;
            }
        }
        // stdout carries the port line only: whatever a library prints goes to stderr (the engine logs it).
        PrintStream stdout = System.out;
        System.setOut(System.err);
        Started started = start(engine, backends);
        stdout.println(started.server().getPort());
        stdout.flush();
        if (train) {
            // Class-data-sharing training run (launcher): everything on the path to the port line is loaded now.
            started.server().shutdownNow();
            return;
        }
        Shutdown shutdown = new Shutdown(started.server(), started.service(), SHUTDOWN_GRACE_SECONDS);
        // The one way out: SIGTERM / SIGINT (the hook) or the engine's Cancel (which starts it in the background);
        // either way the main thread below wakes once the server has stopped, and the hook finds the work done.
        Runtime.getRuntime().addShutdownHook(new Thread(shutdown, "mysqlcs-shutdown"));
        started.service().onCancel(() -> new Thread(shutdown, "mysqlcs-cancel").start());
        started.server().awaitTermination();
        shutdown.run();
    }

    /** How long in-flight calls get to finish (a step stops at its next check) before they are cut off. */
    static final long SHUTDOWN_GRACE_SECONDS = 10;

    record Started(Server server, MysqlcsProviderService service) {}

    /**
     * Stops the plugin gracefully, once, whoever asks first: the steps stop at their next check (between two steps,
     * so `pulumi up` resumes from there), no new call is accepted, in-flight calls get {@code graceSeconds} to answer,
     * then the Kubernetes clients close (grpc-java examples' HelloWorldServer: shutdown, awaitTermination, then
     * shutdownNow).
     */
    static final class Shutdown implements Runnable {
        private final Server server;
        private final MysqlcsProviderService service;
        private final long graceSeconds;
        private final java.util.concurrent.atomic.AtomicBoolean started =
                new java.util.concurrent.atomic.AtomicBoolean();
        private final java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);

        Shutdown(Server server, MysqlcsProviderService service, long graceSeconds) {
            this.server = server;
            this.service = service;
            this.graceSeconds = graceSeconds;
        }

        @Override
        public void run() {
            if (!started.compareAndSet(false, true)) {
                awaitDone();
                return;
            }
            try {
                service.cancelSteps();
                server.shutdown();
                if (!server.awaitTermination(graceSeconds, java.util.concurrent.TimeUnit.SECONDS)) {
                    server.shutdownNow();
                }
            } catch (InterruptedException e) {
                server.shutdownNow();
                Thread.currentThread().interrupt();
            } finally {
                service.shutdown();
                done.countDown();
            }
        }

        /** A second caller (the JVM's hook after Cancel) returns once the first has finished. */
        private void awaitDone() {
            try {
                done.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static Started start(String engineAddress) throws java.io.IOException {
        return start(engineAddress, RealBackends::create);
    }

    static Started start(String engineAddress, java.util.function.Function<ProviderConfig, Backends> backends)
            throws java.io.IOException {
        // Netty would pick SLF4J (on the classpath for the Kubernetes client) and warn on stderr: use JUL.
        io.grpc.netty.shaded.io.netty.util.internal.logging.InternalLoggerFactory.setDefaultFactory(
                io.grpc.netty.shaded.io.netty.util.internal.logging.JdkLoggerFactory.INSTANCE);
        EngineLogger logger = engineAddress == null ? EngineLogger.STDERR : lazy(engineAddress);
        MysqlcsProviderService service = new MysqlcsProviderService(backends, logger, ProviderMain::lazy);
        Server server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .addService(service)
                .build()
                .start();
        return new Started(server, service);
    }

    /** The engine channel opens on the first log line, not at start-up. */
    static EngineLogger lazy(String address) {
        AtomicReference<GrpcEngineLogger> ref = new AtomicReference<>();
        return (severity, urn, message) -> {
            GrpcEngineLogger l = ref.get();
            if (l == null) {
                GrpcEngineLogger created = new GrpcEngineLogger(address);
                if (!ref.compareAndSet(null, created)) {
                    created.close();
                }
                l = ref.get();
            }
            l.log(severity, urn, message);
        };
    }
}
