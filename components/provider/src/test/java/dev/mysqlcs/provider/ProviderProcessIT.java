package dev.mysqlcs.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Empty;
import com.google.protobuf.Struct;
import dev.mysqlcs.testing.ConfigFixtures;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import pulumirpc.EngineGrpc;
import pulumirpc.EngineOuterClass;
import pulumirpc.Provider;
import pulumirpc.ResourceProviderGrpc;

/**
 * The plugin as the engine starts it: {@code components/provider/bin/pulumi-resource-mysqlcs <engine-address>} as a real
 * process, its port read from the first line of stdout, then gRPC over TCP.
 */
@Tag("slow")
class ProviderProcessIT {

    @Test
    void launcherPrintsItsPortThenServesTheProviderOverTcp() throws Exception {
        Path launcher = ConfigFixtures.repoRoot().resolve("components/provider/bin/pulumi-resource-mysqlcs");
        assertTrue(Files.isExecutable(launcher), launcher + " is executable");

        // A stand-in for the engine's Engine service, to receive the provider's log lines.
        List<String> logged = Collections.synchronizedList(new ArrayList<>());
        Server engine = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .addService(new EngineGrpc.EngineImplBase() {
                    @Override
                    public void log(EngineOuterClass.LogRequest request, StreamObserver<Empty> out) {
                        logged.add(request.getSeverity() + " " + request.getUrn() + " " + request.getMessage());
                        out.onNext(Empty.getDefaultInstance());
                        out.onCompleted();
                    }
                })
                .build()
                .start();

        Process p = new ProcessBuilder(launcher.toString(), "--logtostderr", "-v=3", "127.0.0.1:" + engine.getPort())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        ManagedChannel channel = null;
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String first = out.readLine();
            assertTrue(first != null && first.matches("\\d+"), "first stdout line is the port: " + first);
            channel = NettyChannelBuilder.forAddress("127.0.0.1", Integer.parseInt(first))
                    .usePlaintext()
                    .build();
            var stub = ResourceProviderGrpc.newBlockingStub(channel).withDeadlineAfter(60, TimeUnit.SECONDS);
            assertEquals(
                    MysqlcsProviderService.VERSION,
                    stub.getPluginInfo(Empty.getDefaultInstance()).getVersion());

            // Configure, then a Diff that cannot observe MySQL (nothing is reachable here): it says so in the engine's
            // log, and the MySQL steps may change (DIFF_SOME on plannedSteps, shown unknown by the Update preview).
            var harnessInputs = Props.toStruct(Map.of(
                    "kubeClusters",
                    List.of(
                            Map.of("name", "prod", "context", "ctx-that-does-not-exist"),
                            Map.of("name", "dr", "context", "ctx-that-does-not-exist-either"))));
            stub.configure(Provider.ConfigureRequest.newBuilder()
                    .setArgs(harnessInputs)
                    .setAcceptSecrets(true)
                    .build());
            Struct news = Props.toStruct(ProviderHarness.inputs(ConfigFixtures.prod(), java.util.Optional.empty()));
            String urn = "urn:pulumi:prod::mysqlcs::mysqlcs:index:ClusterSet::mycs";
            Provider.DiffResponse d = stub.diff(Provider.DiffRequest.newBuilder()
                    .setUrn(urn)
                    .setId("mycs")
                    .setType(ResourceKind.CLUSTER_SET.token())
                    .setOlds(news)
                    .setOldInputs(news)
                    .setNews(news)
                    .build());
            assertEquals(Provider.DiffResponse.DiffChanges.DIFF_SOME, d.getChanges());
            assertEquals(
                    java.util.Set.of(ResourceKind.PLANNED_STEPS),
                    d.getDetailedDiffMap().keySet());
            assertTrue(
                    logged.stream().anyMatch(l -> l.startsWith("WARNING " + urn + " cannot read ClusterSet 'mycs'")),
                    logged.toString());
        } finally {
            if (channel != null) {
                channel.shutdownNow();
            }
            p.destroy();
            assertTrue(p.waitFor(10, TimeUnit.SECONDS), "the plugin exits on SIGTERM");
            engine.shutdownNow();
        }
    }
}
