package dev.mysqlcs.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Empty;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import pulumirpc.ResourceProviderGrpc;

/** The plugin's version comes from the build, and its one shutdown path runs on the engine's Cancel. */
class ProviderLifecycleTest {

    /** semver.org's regular expression: the engine parses plugin versions as semver. */
    private static final Pattern SEMVER = Pattern.compile("(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)"
            + "(?:-((?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\\.(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?"
            + "(?:\\+([0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?");

    @Test
    void pluginInfoAndSchemaReportThePomsVersion() throws Exception {
        String expected = System.getProperty("mysqlcs.expectedVersion");
        assertTrue(expected != null && !expected.isBlank(), "surefire passes the pom's version");
        assertEquals(expected, MysqlcsProviderService.VERSION);
        assertTrue(SEMVER.matcher(MysqlcsProviderService.VERSION).matches(), MysqlcsProviderService.VERSION);

        ProviderMain.Started started = ProviderMain.start(null);
        ManagedChannel channel = NettyChannelBuilder.forAddress(
                        "127.0.0.1", started.server().getPort())
                .usePlaintext()
                .build();
        try {
            var stub = ResourceProviderGrpc.newBlockingStub(channel);
            assertEquals(
                    expected, stub.getPluginInfo(Empty.getDefaultInstance()).getVersion());
            assertTrue(stub.getSchema(pulumirpc.Provider.GetSchemaRequest.getDefaultInstance())
                    .getSchema()
                    .contains("\"version\":\"" + expected + "\""));
        } finally {
            channel.shutdownNow();
            started.server().shutdownNow();
        }
    }

    @Test
    void cancelStopsTheServerThroughTheOneShutdownPath() throws Exception {
        ProviderMain.Started started = ProviderMain.start(null);
        ProviderMain.Shutdown shutdown = new ProviderMain.Shutdown(started.server(), started.service(), 5);
        started.service().onCancel(() -> new Thread(shutdown, "test-cancel").start());
        ManagedChannel channel = NettyChannelBuilder.forAddress(
                        "127.0.0.1", started.server().getPort())
                .usePlaintext()
                .build();
        try {
            var stub = ResourceProviderGrpc.newBlockingStub(channel);
            stub.cancel(Empty.getDefaultInstance());
            // What ProviderMain's main thread waits for, bounded here.
            assertTrue(started.server().awaitTermination(10, TimeUnit.SECONDS), "the server stops after Cancel");
            shutdown.run(); // the JVM hook's call: returns once the first run has finished
            assertThrows(
                    StatusRuntimeException.class,
                    () -> stub.withDeadlineAfter(2, TimeUnit.SECONDS).getPluginInfo(Empty.getDefaultInstance()));
        } finally {
            channel.shutdownNow();
            started.server().shutdownNow();
        }
    }
}
