package dev.mysqlcs.stack;

import com.google.gson.Gson;
import com.google.protobuf.Empty;
import com.google.protobuf.ListValue;
import com.google.protobuf.NullValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import dev.mysqlcs.stack.offline.PlanMocks;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import pulumirpc.EngineGrpc;
import pulumirpc.EngineOuterClass.GetRootResourceRequest;
import pulumirpc.EngineOuterClass.GetRootResourceResponse;
import pulumirpc.EngineOuterClass.LogRequest;
import pulumirpc.EngineOuterClass.LogSeverity;
import pulumirpc.EngineOuterClass.RequirePulumiVersionRequest;
import pulumirpc.EngineOuterClass.RequirePulumiVersionResponse;
import pulumirpc.Resource.ReadResourceRequest;
import pulumirpc.Resource.ReadResourceResponse;
import pulumirpc.Resource.RegisterResourceOutputsRequest;
import pulumirpc.Resource.RegisterResourceRequest;
import pulumirpc.Resource.RegisterResourceResponse;
import pulumirpc.Resource.ResourceInvokeRequest;
import pulumirpc.Resource.SupportsFeatureRequest;
import pulumirpc.Resource.SupportsFeatureResponse;
import pulumirpc.ResourceMonitorGrpc;

/**
 * The engine's side of a {@code pulumi preview} as a stack program sees it: the ResourceMonitor and Engine gRPC
 * services the language host points the program at (PULUMI_MONITOR, PULUMI_ENGINE), so the real program can run as a
 * process, started exactly as the Java language host starts it, with no Pulumi CLI.
 *
 * <p>What it answers follows pulumi/pulumi {@code pkg/resource/deploy/source_eval.go} ({@code resmon}):
 * SupportsFeature is true for the features the engine lists in {@code supportsFeatureID} and false for any other id;
 * RegisterResource answers a previewed create: the URN the engine builds ({@code resource.NewURN}: the parent's type
 * chain, the root stack's type left out), an empty ID and the inputs as outputs (output values resolved to their
 * value, unknown when they have none); ReadResource of {@code kube-system/coredns} serves the ConfigMap a kubeadm
 * cluster ships ({@link PlanMocks#kubeadmCorefile()}); GetRootResource names the first {@code pulumi:pulumi:Stack}.
 * Nothing here deploys anything: it records what the program sent.
 */
public final class FakeEngine implements AutoCloseable {

    /** Feature ids of {@code resmon.supportsFeatureID} (pulumi/pulumi source_eval.go), all on by default. */
    static final Set<String> FEATURES = Set.of(
            "secrets",
            "resourceReferences",
            "outputValues",
            "aliasSpecs",
            "replacementTrigger",
            "deletedWith",
            "replaceWith",
            "transforms",
            "invokeTransforms",
            "parameterization",
            "resourceHooks",
            "errorHooks",
            "sendsOptionsToHooks");

    static final String SIG = "4dabf18193072939515e22adb298388d";
    static final String OUTPUT_SIG = "d0e6a833031e9bbcd3f4e8bde6ca49a4";
    static final String SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
    static final String UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

    /** One RegisterResource request as it arrived. */
    public record Registration(String type, String name, String urn, boolean custom, String provider, String version) {}

    /** One Engine.Log call. */
    public record Log(LogSeverity severity, String message) {}

    private final String stack;
    private final String project;
    private final Server server;
    private final List<Registration> registrations = Collections.synchronizedList(new ArrayList<>());
    private final List<Log> logs = Collections.synchronizedList(new ArrayList<>());
    private final List<String> reads = Collections.synchronizedList(new ArrayList<>());
    private final List<String> invokes = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, Struct> stackOutputs = new ConcurrentHashMap<>();
    private final Map<String, String> typeChains = new ConcurrentHashMap<>();
    private final AtomicReference<String> rootUrn = new AtomicReference<>();
    private final AtomicLong firstContactNanos = new AtomicLong();

    public FakeEngine(String project, String stack) throws IOException {
        this.project = project;
        this.stack = stack;
        this.server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .addService(new Monitor())
                .addService(new EngineService())
                .maxInboundMessageSize(64 * 1024 * 1024)
                .build()
                .start();
    }

    /** {@code 127.0.0.1:<port>}, the address form the engine hands out. */
    public String address() {
        return "127.0.0.1:" + server.getPort();
    }

    /**
     * The environment the Java language host gives the program (pulumi/pulumi-java
     * {@code pkg/cmd/pulumi-language-java/main.go} {@code constructEnv}): the caller's environment plus PULUMI_MONITOR,
     * PULUMI_ENGINE, PULUMI_ORGANIZATION, PULUMI_PROJECT, PULUMI_STACK, PULUMI_PWD, PULUMI_DRY_RUN, PULUMI_PARALLEL,
     * PULUMI_CONFIG (the stack's config as JSON, secrets decrypted) and PULUMI_CONFIG_SECRET_KEYS (a JSON list).
     */
    public Map<String, String> languageHostEnvironment(
            Path programDirectory, Map<String, String> config, Set<String> secretKeys) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PULUMI_MONITOR", address());
        env.put("PULUMI_ENGINE", address());
        env.put("PULUMI_ORGANIZATION", "organization");
        env.put("PULUMI_PROJECT", project);
        env.put("PULUMI_STACK", stack);
        env.put("PULUMI_PWD", programDirectory.toString());
        env.put("PULUMI_DRY_RUN", "true");
        env.put("PULUMI_PARALLEL", "16");
        env.put("PULUMI_CONFIG", new Gson().toJson(config));
        env.put("PULUMI_CONFIG_SECRET_KEYS", new Gson().toJson(List.copyOf(secretKeys)));
        return env;
    }

    public List<Registration> registrations() {
        synchronized (registrations) {
            return List.copyOf(registrations);
        }
    }

    public List<Log> logs() {
        synchronized (logs) {
            return List.copyOf(logs);
        }
    }

    public List<String> reads() {
        synchronized (reads) {
            return List.copyOf(reads);
        }
    }

    public List<String> invokes() {
        synchronized (invokes) {
            return List.copyOf(invokes);
        }
    }

    /** The root stack's outputs (RegisterResourceOutputs on the {@code pulumi:pulumi:Stack} resource). */
    public Optional<Struct> stackOutputs() {
        String root = rootUrn.get();
        return root == null ? Optional.empty() : Optional.ofNullable(stackOutputs.get(root));
    }

    /** {@link System#nanoTime()} of the program's first call, 0 before it. */
    public long firstContactNanos() {
        return firstContactNanos.get();
    }

    private void contact() {
        firstContactNanos.compareAndSet(0, System.nanoTime());
    }

    @Override
    public void close() throws InterruptedException {
        server.shutdownNow();
        server.awaitTermination(10, TimeUnit.SECONDS);
    }

    /** pulumi/pulumi sdk/go/common/resource/urn.go NewURN. */
    private String urn(String type, String name, String parentUrn) {
        String chain = type;
        if (parentUrn != null && !parentUrn.isEmpty() && !parentUrn.equals(rootUrn.get())) {
            chain = typeChains.getOrDefault(parentUrn, "") + "$" + type;
        }
        String urn = "urn:pulumi:" + stack + "::" + project + "::" + chain + "::" + name;
        typeChains.put(urn, chain);
        return urn;
    }

    private final class Monitor extends ResourceMonitorGrpc.ResourceMonitorImplBase {

        @Override
        public void supportsFeature(SupportsFeatureRequest request, StreamObserver<SupportsFeatureResponse> response) {
            contact();
            response.onNext(SupportsFeatureResponse.newBuilder()
                    .setHasSupport(FEATURES.contains(request.getId()))
                    .build());
            response.onCompleted();
        }

        @Override
        public void registerResource(
                RegisterResourceRequest request, StreamObserver<RegisterResourceResponse> response) {
            contact();
            String urn = urn(request.getType(), request.getName(), request.getParent());
            if ("pulumi:pulumi:Stack".equals(request.getType())) {
                rootUrn.compareAndSet(null, urn);
            }
            registrations.add(new Registration(
                    request.getType(),
                    request.getName(),
                    urn,
                    request.getCustom(),
                    request.getProvider(),
                    request.getVersion()));
            response.onNext(RegisterResourceResponse.newBuilder()
                    .setUrn(urn)
                    .setId("")
                    .setObject(resolved(request.getObject()))
                    .build());
            response.onCompleted();
        }

        @Override
        public void readResource(ReadResourceRequest request, StreamObserver<ReadResourceResponse> response) {
            contact();
            reads.add(request.getType() + " " + request.getId());
            String urn = urn(request.getType(), request.getName(), request.getParent());
            Struct properties = request.getProperties();
            if ("kubernetes:core/v1:ConfigMap".equals(request.getType())
                    && "kube-system/coredns".equals(request.getId())) {
                properties = Struct.newBuilder()
                        .putFields("apiVersion", string("v1"))
                        .putFields("kind", string("ConfigMap"))
                        .putFields(
                                "metadata",
                                struct(Struct.newBuilder()
                                        .putFields("name", string("coredns"))
                                        .putFields("namespace", string("kube-system"))
                                        .build()))
                        .putFields(
                                "data",
                                struct(Struct.newBuilder()
                                        .putFields("Corefile", string(PlanMocks.kubeadmCorefile()))
                                        .build()))
                        .build();
            }
            response.onNext(ReadResourceResponse.newBuilder()
                    .setUrn(urn)
                    .setProperties(properties)
                    .build());
            response.onCompleted();
        }

        @Override
        public void registerResourceOutputs(RegisterResourceOutputsRequest request, StreamObserver<Empty> response) {
            contact();
            stackOutputs.put(request.getUrn(), request.getOutputs());
            response.onNext(Empty.getDefaultInstance());
            response.onCompleted();
        }

        @Override
        public void invoke(
                ResourceInvokeRequest request, StreamObserver<pulumirpc.Resource.ResourceInvokeResponse> response) {
            contact();
            invokes.add(request.getTok());
            response.onError(Status.UNIMPLEMENTED
                    .withDescription("no provider serves " + request.getTok() + " in this fake engine")
                    .asRuntimeException());
        }
    }

    private final class EngineService extends EngineGrpc.EngineImplBase {

        @Override
        public void log(LogRequest request, StreamObserver<Empty> response) {
            contact();
            logs.add(new Log(request.getSeverity(), request.getMessage()));
            response.onNext(Empty.getDefaultInstance());
            response.onCompleted();
        }

        @Override
        public void getRootResource(GetRootResourceRequest request, StreamObserver<GetRootResourceResponse> response) {
            contact();
            String root = rootUrn.get();
            response.onNext(GetRootResourceResponse.newBuilder()
                    .setUrn(root == null ? "" : root)
                    .build());
            response.onCompleted();
        }

        @Override
        public void requirePulumiVersion(
                RequirePulumiVersionRequest request, StreamObserver<RequirePulumiVersionResponse> response) {
            contact();
            response.onNext(RequirePulumiVersionResponse.getDefaultInstance());
            response.onCompleted();
        }
    }

    /** Inputs as a previewed create's outputs: output values become their value (or unknown), the rest unchanged. */
    static Struct resolved(Struct in) {
        Struct.Builder out = Struct.newBuilder();
        in.getFieldsMap().forEach((k, v) -> out.putFields(k, resolved(v)));
        return out.build();
    }

    static Value resolved(Value v) {
        switch (v.getKindCase()) {
            case STRUCT_VALUE -> {
                Struct s = v.getStructValue();
                Value sig = s.getFieldsMap().get(SIG);
                if (sig != null && OUTPUT_SIG.equals(sig.getStringValue())) {
                    Value value = s.getFieldsMap().get("value");
                    Value plain = value == null ? string(UNKNOWN) : resolved(value);
                    Value secret = s.getFieldsMap().get("secret");
                    if (secret != null && secret.getBoolValue()) {
                        return struct(Struct.newBuilder()
                                .putFields(SIG, string(SECRET_SIG))
                                .putFields("value", plain)
                                .build());
                    }
                    return plain;
                }
                return struct(resolved(s));
            }
            case LIST_VALUE -> {
                ListValue.Builder l = ListValue.newBuilder();
                v.getListValue().getValuesList().forEach(x -> l.addValues(resolved(x)));
                return Value.newBuilder().setListValue(l).build();
            }
            case KIND_NOT_SET -> {
                return Value.newBuilder().setNullValue(NullValue.NULL_VALUE).build();
            }
            default -> {
                return v;
            }
        }
    }

    static Value string(String s) {
        return Value.newBuilder().setStringValue(s).build();
    }

    static Value struct(Struct s) {
        return Value.newBuilder().setStructValue(s).build();
    }
}
