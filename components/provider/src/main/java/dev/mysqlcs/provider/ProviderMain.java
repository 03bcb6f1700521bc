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

    private ProviderMain() {
    }

    public static void main(String[] args) throws Exception {
        // pulumi-java#2270: must be set before anything touches the common pool.
        if (System.getProperty(PARALLELISM) == null) {
            System.setProperty(PARALLELISM, Integer.toString(Math.max(4, Runtime.getRuntime().availableProcessors())));
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
        Server server = start(engine);
        stdout.println(server.getPort());
        stdout.flush();
        if (train) {
            // Class-data-sharing training run (launcher): everything on the path to the port line is loaded now.
            server.shutdownNow();
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::shutdownNow, "mysqlcs-shutdown"));
        server.awaitTermination();
    }

    static Server start(String engineAddress) throws java.io.IOException {
        // Netty would pick SLF4J (on the classpath for the Kubernetes client) and warn on stderr: use JUL.
        io.grpc.netty.shaded.io.netty.util.internal.logging.InternalLoggerFactory.setDefaultFactory(
                io.grpc.netty.shaded.io.netty.util.internal.logging.JdkLoggerFactory.INSTANCE);
        EngineLogger logger = engineAddress == null ? EngineLogger.STDERR : lazy(engineAddress);
        MysqlcsProviderService service = new MysqlcsProviderService(RealBackends::create, logger,
                ProviderMain::lazy);
        Server server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .addService(service).build().start();
        Runtime.getRuntime().addShutdownHook(new Thread(service::shutdown, "mysqlcs-backends-shutdown"));
        return server;
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
