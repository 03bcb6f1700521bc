package dev.mysqlcs.provider;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.util.concurrent.TimeUnit;
import pulumirpc.EngineGrpc;
import pulumirpc.EngineOuterClass;

/**
 * {@link EngineLogger} over the engine's gRPC Engine service (address given as the plugin's first argument, or by
 * Attach / Handshake). A log line that cannot be delivered goes to stderr instead: logging never fails an operation.
 */
public final class GrpcEngineLogger implements EngineLogger, AutoCloseable {

    private final ManagedChannel channel;
    private final EngineGrpc.EngineBlockingStub stub;

    public GrpcEngineLogger(String address) {
        this.channel = NettyChannelBuilder.forTarget(address).usePlaintext().build();
        this.stub = EngineGrpc.newBlockingStub(channel);
    }

    @Override
    public void log(Severity severity, String urn, String message) {
        EngineOuterClass.LogSeverity s = switch (severity) {
            case DEBUG -> EngineOuterClass.LogSeverity.DEBUG;
            case INFO -> EngineOuterClass.LogSeverity.INFO;
            case WARNING -> EngineOuterClass.LogSeverity.WARNING;
            case ERROR -> EngineOuterClass.LogSeverity.ERROR;
        };
        try {
            stub.withDeadlineAfter(5, TimeUnit.SECONDS)
                    .log(EngineOuterClass.LogRequest.newBuilder()
                            .setSeverity(s)
                            .setMessage(message)
                            .setUrn(urn == null ? "" : urn)
                            .build());
        } catch (RuntimeException e) {
            STDERR.log(severity, urn == null ? "" : urn, message);
        }
    }

    @Override
    public void close() {
        channel.shutdownNow();
    }
}
