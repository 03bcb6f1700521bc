package dev.mysqlcs.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import com.google.protobuf.Empty;
import com.google.protobuf.Struct;
import dev.mysqlcs.model.Topology;
import dev.mysqlcs.testing.ConfigFixtures;
import dev.mysqlcs.testing.Upstream;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import pulumirpc.EngineGrpc;
import pulumirpc.EngineOuterClass;
import pulumirpc.Provider;
import pulumirpc.ResourceProviderGrpc;

/**
 * The plugin driven the way pulumi/pulumi (commit 1b5949891b3c) drives it, on JDK 17 and on the newest JDK present:
 * <ul>
 * <li>started as {@code sdk/go/common/resource/plugin/plugin.go} ExecPlugin starts it: the executable with
 * {@code buildPluginArguments} (the log-flow flags {@code --logtostderr -v=N}, {@code --tracing URL}, then the
 * engine's address, provider_plugin.go NewProvider), working directory the project's, the engine's environment plus
 * {@code PULUMI_CONFIG} (the decrypted stack config of the plugin's namespace) and {@code PULUMI_PROJECT}; the first
 * stdout line read byte by byte is the port ({@code parsePort}: trimmed, decimal); stdout after it is logged, and
 * must stay empty;</li>
 * <li>a fake Engine service for the Log RPC at that address;</li>
 * <li>the call sequences of the CLI's commands, with the requests' flags as provider_plugin.go and
 * pkg/resource/deploy (step.go, step_generator.go, providers/registry.go) set them: Handshake (engine address,
 * root/program directory, configureWithUrn), GetPluginInfo, CheckConfig, DiffConfig, Configure (acceptSecrets,
 * acceptResources, sendsOldInputs, sendsOldInputsToDelete), Check (random seed), Diff, Create / Update
 * ({@code preview=true} in previews), Read (refresh: inputs and state; import: the id alone), Delete (old inputs);
 * refresh's follow-up Diff with the new state as olds (RefreshStep.Apply).</li>
 * </ul>
 * Two plugins: the real launcher on a machine without kube credentials, and the plugin's main over the in-process
 * fakes of the other provider tests (FakeWorldPluginMain) for whole deployments with no cluster.
 */
@Tag("slow")
class EngineProtocolIT {

    static final Path ROOT = ConfigFixtures.repoRoot();
    static final Path LAUNCHER = ROOT.resolve("components/provider/bin/pulumi-resource-mysqlcs");
    static final String SECRET = "decrypted-stack-secret-9f3a";
    static final Set<Status.Code> UNKNOWN_STATE =
            Set.of(Status.Code.UNKNOWN, Status.Code.INTERNAL, Status.Code.DATA_LOSS);

    /** JDK 17 (the one running the suite) and the newest JDK installed beside it. */
    static Stream<Path> jdks() {

        Set<Path> homes = new LinkedHashSet<>();
        homes.add(Path.of(System.getProperty("java.home")).toAbsolutePath());
        Path jvms = Path.of("/usr/lib/jvm");
        if (Files.isDirectory(jvms)) {
            try (Stream<Path> s = Files.list(jvms)) {
                s.filter(p -> Files.isExecutable(p.resolve("bin/java")) && Files.isRegularFile(p.resolve("release")))
                        .max(Comparator.comparingInt(EngineProtocolIT::feature))
                        .ifPresent(homes::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        Set<Path> real = new LinkedHashSet<>();
        for (Path h : homes) {
            try {
                real.add(h.toRealPath());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return real.stream();
    }

    static int feature(Path home) {
        try {
            for (String l : Files.readAllLines(home.resolve("release"))) {
                if (l.startsWith("JAVA_VERSION=")) {
                    String v = l.substring("JAVA_VERSION=".length()).replace("\"", "");
                    return Integer.parseInt(v.split("[.+-]")[0]);
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }

    // ------------------------------------------------------------------ the real launcher, no kube credentials

    @ParameterizedTest(name = "JAVA_HOME={0}")
    @MethodSource("jdks")
    void theLauncherOnAMachineWithoutKubeCredentials(Path jdk) throws Exception {
        assertTrue(jdks().count() >= 1);
        try (FakeEngine engine = new FakeEngine();
                PluginProcess plugin = PluginProcess.start(List.of(LAUNCHER.toString()), jdk, engine, true)) {
            plugin.assertRunsOn(jdk);
            plugin.assertNoSecretsInEnvironment();
            Engine e = new Engine(plugin, "pr-preview", noKubeconfig());
            e.handshakeAndInfo();
            assertEquals(List.of(), Upstream.validatePulumiPackageSchema(e.schema()));

            // `pulumi preview`: completes, with the MySQL steps unknown and a warning.
            Map<String, Struct> preview = e.preview(ConfigFixtures.prod());
            for (Struct out : preview.values()) {
                assertEquals(Props.UNKNOWN, Props.fromStruct(out).get(ResourceKind.PLANNED_STEPS));
            }
            assertTrue(
                    engine.waitFor(l ->
                            l.startsWith("WARNING ") && l.contains("cannot read ClusterSet 'mycs' " + "from here")),
                    engine.lines().toString());

            // `pulumi up`: refused with the reason, not as unknown state, nothing recorded.
            StatusRuntimeException up = assertThrows(StatusRuntimeException.class, () -> e.up(ConfigFixtures.prod()));
            assertEquals(
                    Status.Code.FAILED_PRECONDITION,
                    up.getStatus().getCode(),
                    up.getStatus().toString());
            assertTrue(
                    up.getStatus().getDescription().contains("nothing was changed"),
                    up.getStatus().toString());
            assertTrue(ProviderHarness.initFailed(up).isEmpty());

            // `pulumi import`: refused with the reason.
            StatusRuntimeException imp = assertThrows(
                    StatusRuntimeException.class,
                    () -> e.importRead(
                            ProviderHarness.resources(ConfigFixtures.prod()).get(0), "mycs"));
            assertEquals(Status.Code.UNIMPLEMENTED, imp.getStatus().getCode());
            assertTrue(imp.getStatus().getDescription().contains("is not supported"));

            // `pulumi refresh` / `pulumi destroy` of a recorded state: they fail with the reason, state kept.
            e.recordAsIfDeployed(ConfigFixtures.prod());
            StatusRuntimeException refresh = assertThrows(StatusRuntimeException.class, e::refresh);
            assertFalse(
                    UNKNOWN_STATE.contains(refresh.getStatus().getCode()),
                    refresh.getStatus().toString());
            StatusRuntimeException destroy = assertThrows(StatusRuntimeException.class, e::destroy);
            assertFalse(
                    UNKNOWN_STATE.contains(destroy.getStatus().getCode()),
                    destroy.getStatus().toString());
            assertTrue(destroy.getStatus().getDescription().contains("nothing was changed"));
            plugin.assertStdoutWasOnlyThePort();
        }
    }

    @ParameterizedTest(name = "JAVA_HOME={0}")
    @MethodSource("jdks")
    void theLauncherPrintsOnlyThePortWhateverJvmTrainedTheArchive(Path jdk) throws Exception {
        try (FakeEngine engine = new FakeEngine()) {
            // Every JDK here starts the launcher once: each trains its own archive (target/cds).
            for (Path j : jdks().toList()) {
                try (PluginProcess p = PluginProcess.start(List.of(LAUNCHER.toString()), j, engine, false)) {
                    p.assertRunsOn(j);
                    p.assertStdoutWasOnlyThePort();
                }
            }
            Path mine = archiveOf(jdk);
            // The review's case: this JVM finds the archive another JVM trained (JDK 17's under JDK 25, or the
            // reverse; a JDK upgraded in place), newer than the jar so the launcher keeps it.
            Optional<Path> other =
                    jdks().filter(j -> !j.equals(jdk)).findFirst().map(EngineProtocolIT::archiveOf);
            byte[] good = Files.readAllBytes(mine);
            try {
                Files.write(
                        mine,
                        other.isPresent()
                                ? Files.readAllBytes(other.get())
                                : "not a class-data archive".getBytes(StandardCharsets.UTF_8));
                Files.setLastModifiedTime(mine, FileTime.from(Instant.now().plusSeconds(60)));
                try (PluginProcess p = PluginProcess.start(List.of(LAUNCHER.toString()), jdk, engine, true)) {
                    p.assertRunsOn(jdk);
                    Engine e = new Engine(p, "prod", noKubeconfig());
                    e.handshakeAndInfo();
                    p.assertStdoutWasOnlyThePort();
                }
            } finally {
                Files.write(mine, good);
            }
        }
    }

    /** The class-data archive the launcher keeps for one JVM. */
    static Path archiveOf(Path jdk) {
        Path cds = ROOT.resolve("components/provider/target/cds");
        try (Stream<Path> s = Files.list(cds)) {
            String version = releaseValue(jdk, "JAVA_RUNTIME_VERSION");
            return s.filter(f -> f.getFileName().toString().startsWith("mysqlcs-provider-" + version + "-"))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no archive for " + version + " in " + cds));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ------------------------------------------------------------------ whole deployments against the fakes

    @ParameterizedTest(name = "JAVA_HOME={0}")
    @MethodSource("jdks")
    void previewUpRefreshImportDestroyAsTheEngineSendsThem(Path jdk) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(jdk.resolve("bin/java").toString());
        command.addAll(LauncherTest.jvmFlags(Files.readString(LAUNCHER), "#"));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(FakeWorldPluginMain.class.getName());
        Topology prod = ConfigFixtures.prod();
        try (FakeEngine engine = new FakeEngine();
                PluginProcess plugin = PluginProcess.start(command, jdk, engine, true)) {
            plugin.assertRunsOn(jdk);
            Engine e = new Engine(plugin, "prod", Optional.empty());
            e.handshakeAndInfo();

            // `pulumi preview` of a new stack: the steps are known and nothing runs.
            Map<String, Struct> preview = e.preview(prod);
            assertEquals(
                    List.of(
                            "createClusterSet('mycs') on prd (prd-0.prd-instances.mysql-prod.svc.cluster.local)",
                            "restart Deployment prd-router and wait for its rollout"),
                    Props.fromStruct(preview.get("mycs")).get(ResourceKind.PLANNED_STEPS));

            // `pulumi up`.
            e.up(prod);
            assertEquals("mycs", e.outputs("mycs").get("domainName"));
            assertEquals(2, ((List<?>) e.outputs("mycs").get(ResourceKind.APPLIED_STEPS)).size());
            assertTrue(
                    engine.waitFor(l -> l.startsWith("INFO urn:pulumi:prod::mysqlcs::mysqlcs:index:ClusterSet::"
                            + "mycs step: createClusterSet('mycs')")),
                    engine.lines().toString());

            // `pulumi preview` of a member scale: every key is one the engine accepts; Update runs as a preview.
            Topology scaled = ConfigFixtures.prod();
            Map<String, Object> news = ProviderHarness.inputs(scaled, Optional.of("prd"));
            DiffPropertyPathTest.memberEntry(news, 0).put("instances", 4.0);
            ProviderHarness.Res member = ProviderHarness.resources(prod).get(1);
            Provider.DiffResponse d = e.diff(member, Props.toStruct(news));
            DiffPropertyPathTest.assertEngineAccepts(d, Props.fromStruct(e.inputs.get(member.urn("prod"))), news);
            assertTrue(d.getDetailedDiffMap().containsKey("spec.members[0].instances"), d.toString());
            Provider.UpdateResponse u = e.update(member, Props.toStruct(news), true);
            assertTrue(
                    Props.fromStruct(u.getProperties()).get(ResourceKind.PLANNED_STEPS) instanceof List<?>,
                    "the steps are known when the ClusterSet can be read: " + u);

            // `pulumi refresh` of the unchanged ClusterSet: no drift.
            Map<String, Struct> before = new LinkedHashMap<>(e.outputs);
            Map<String, Struct> inputsBefore = new LinkedHashMap<>(e.inputs);
            List<Provider.DiffResponse> refreshDiffs = e.refresh();
            refreshDiffs.forEach(
                    x -> assertEquals(Provider.DiffResponse.DiffChanges.DIFF_NONE, x.getChanges(), x.toString()));
            assertEquals(inputsBefore, e.inputs);
            before.forEach((urn, s) -> assertEquals(Props.fromStruct(s), Props.fromStruct(e.outputs.get(urn)), urn));

            // `pulumi import`: refused with the reason.
            StatusRuntimeException imp =
                    assertThrows(StatusRuntimeException.class, () -> e.importRead(member, "mycs/prd"));
            assertEquals(Status.Code.UNIMPLEMENTED, imp.getStatus().getCode());

            // The dr stack's `pulumi up` (its own engine run; the plugin's world is shared): dr joins as a replica.
            Engine drStack = new Engine(plugin, "dr", Optional.empty());
            drStack.up(ConfigFixtures.dr());
            assertEquals("REPLICA", drStack.outputs("mycs-dr").get("clusterRole"));
            assertEquals(List.of(), drStack.outputs("mycs-dr").get(ResourceKind.PLANNED_STEPS));

            // prod's `pulumi destroy`: primary control goes; removing the primary's cluster is refused (dr is a
            // member), as a failure that changed nothing.
            StatusRuntimeException destroy = assertThrows(StatusRuntimeException.class, e::destroy);
            assertEquals(
                    Status.Code.FAILED_PRECONDITION,
                    destroy.getStatus().getCode(),
                    destroy.getStatus().toString());
            assertTrue(
                    destroy.getStatus()
                            .getDescription()
                            .contains("prd is the PRIMARY cluster of ClusterSet 'mycs' " + "and is never removed"),
                    destroy.getStatus().toString());
            assertEquals(List.of("mycs", "mycs-prd"), e.names(), "the engine keeps what was not deleted");

            // dr's `pulumi destroy` removes its replica; then prod's: the primary's membership and the ClusterSet
            // resource go without a MySQL step (the ClusterSet is released, never dissolved: prd stays an ONLINE
            // InnoDB cluster its operator manages; ProviderGrpcTest checks the world behind it).
            drStack.destroy();
            assertEquals(List.of(), drStack.names());
            e.destroy();
            assertEquals(List.of(), e.names());
            plugin.assertStdoutWasOnlyThePort();
        }
    }

    // ------------------------------------------------------------------ helpers

    static Optional<Path> noKubeconfig() throws IOException {
        Path empty = Files.createTempFile("no-kube-credentials", ".yaml");
        empty.toFile().deleteOnExit();
        Files.writeString(empty, "apiVersion: v1\nkind: Config\nclusters: []\ncontexts: []\nusers: []\n");
        return Optional.of(empty);
    }

    static String releaseValue(Path jdk, String key) throws IOException {
        for (String l : Files.readAllLines(jdk.resolve("release"), StandardCharsets.UTF_8)) {
            if (l.startsWith(key + "=")) {
                return l.substring(key.length() + 1).replace("\"", "");
            }
        }
        throw new AssertionError(key + " not in " + jdk.resolve("release"));
    }

    /** The engine's Engine service, reduced to Log (what a provider calls: EngineLogger). */
    static final class FakeEngine implements AutoCloseable {
        private final List<String> lines = Collections.synchronizedList(new ArrayList<>());
        final Server server;

        FakeEngine() throws IOException {
            server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                    .addService(new EngineGrpc.EngineImplBase() {
                        @Override
                        public void log(EngineOuterClass.LogRequest request, StreamObserver<Empty> out) {
                            lines.add(request.getSeverity() + " " + request.getUrn() + " " + request.getMessage());
                            out.onNext(Empty.getDefaultInstance());
                            out.onCompleted();
                        }
                    })
                    .build()
                    .start();
        }

        String address() {
            return "127.0.0.1:" + server.getPort();
        }

        List<String> lines() {
            synchronized (lines) {
                return List.copyOf(lines);
            }
        }

        /** Log lines arrive asynchronously (the provider's engine channel): waits for one, up to 10 s. */
        boolean waitFor(java.util.function.Predicate<String> p) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (System.nanoTime() < deadline) {
                if (lines().stream().anyMatch(p)) {
                    return true;
                }
                synchronized (this) {
                    wait(50);
                }
            }
            return false;
        }

        @Override
        public void close() {
            server.shutdownNow();
        }
    }

    /** One plugin process as ExecPlugin runs it. */
    static final class PluginProcess implements AutoCloseable {
        final Process process;
        final int port;
        final ManagedChannel channel;
        final String address;
        private final ByteArrayOutputStream laterStdout = new ByteArrayOutputStream();
        private final ByteArrayOutputStream stderr;
        private final Thread outPump;
        private final Thread errPump;

        private PluginProcess(Process process, int port, String address, ByteArrayOutputStream stderr, Thread errPump) {
            this.process = process;
            this.port = port;
            this.address = address;
            this.stderr = stderr;
            this.errPump = errPump;
            this.outPump = pump(process.getInputStream(), laterStdout);
            this.channel = NettyChannelBuilder.forAddress("127.0.0.1", port)
                    .usePlaintext()
                    .build();
        }

        /**
         * Starts {@code command} with the engine's arguments (log flow on: {@code --logtostderr -v=9}, then
         * {@code --tracing URL}, then the engine address), in the project directory, with the stack config in
         * PULUMI_CONFIG; reads the port as plugin.go does.
         */
        static PluginProcess start(List<String> command, Path jdk, FakeEngine engine, boolean logFlow)
                throws IOException {
            List<String> argv = new ArrayList<>(command);
            if (logFlow) {
                argv.addAll(List.of("--logtostderr", "-v=9", "--tracing", "http://127.0.0.1:1/no-collector"));
            }
            argv.add(engine.address());
            ProcessBuilder pb = new ProcessBuilder(argv).directory(ROOT.toFile());
            pb.environment().put("JAVA_HOME", jdk.toString());
            pb.environment().put("PULUMI_PROJECT", "mysqlcs");
            pb.environment().put("PULUMI_CONFIG", "{\"mysqlcs:rootPassword\":\"" + SECRET + "\"}");
            pb.environment().put("PULUMI_CONFIG_SECRET_KEYS", "[\"mysqlcs:rootPassword\"]");
            Process p = pb.start();
            // plugin.go: "we only read a byte at a time so that STDOUT contains everything after the first newline".
            InputStream out = p.getInputStream();
            StringBuilder line = new StringBuilder();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            Thread errPump = pump(p.getErrorStream(), err);
            int b;
            while ((b = out.read()) != -1 && b != '\n') {
                line.append((char) b);
            }
            String portString = line.toString().strip();
            if (!portString.matches("\\d+")) {
                p.destroyForcibly();
                String e;
                synchronized (err) {
                    e = err.toString(StandardCharsets.UTF_8);
                }
                throw new AssertionError("mysqlcs (resource) plugin wrote an invalid port to stdout: '" + line
                        + "' (stderr: " + e + ")");
            }
            return new PluginProcess(p, Integer.parseInt(portString), engine.address(), err, errPump);
        }

        private static Thread pump(InputStream in, ByteArrayOutputStream to) {
            Thread t = new Thread(
                    () -> {
                        byte[] buf = new byte[8192];
                        try {
                            int n;
                            while ((n = in.read(buf)) != -1) {
                                synchronized (to) {
                                    to.write(buf, 0, n);
                                }
                            }
                        } catch (IOException ignored) {
                            // the process ended
                        }
                    },
                    "plugin-stream");
            t.setDaemon(true);
            t.start();
            return t;
        }

        ResourceProviderGrpc.ResourceProviderBlockingStub stub() {
            return ResourceProviderGrpc.newBlockingStub(channel).withDeadlineAfter(180, TimeUnit.SECONDS);
        }

        /** The JVM (the launcher execs it) and everything it starts see none of the stack's secrets. */
        void assertNoSecretsInEnvironment() throws IOException {
            Path environ = Path.of("/proc/" + process.pid() + "/environ");
            if (!Files.isReadable(environ)) {
                return;
            }
            String env = Files.readString(environ, StandardCharsets.ISO_8859_1);
            for (String v : env.split("\0")) {
                assertFalse(v.startsWith("PULUMI_CONFIG="), "PULUMI_CONFIG in the plugin's environment");
                assertFalse(v.startsWith("PULUMI_CONFIG_SECRET_KEYS="));
                assertFalse(v.contains(SECRET));
            }
            String cmdline =
                    Files.readString(Path.of("/proc/" + process.pid() + "/cmdline"), StandardCharsets.ISO_8859_1);
            assertTrue(
                    cmdline.split("\0")[0].endsWith("/bin/java"),
                    "the launcher execs the JVM (no shell is left " + "between the engine and it): "
                            + cmdline.replace('\0', ' '));
        }

        /** The process is the JVM of {@code jdk} (the launcher execs it: no shell between the engine and it). */
        void assertRunsOn(Path jdk) throws IOException {
            Path cmdline = Path.of("/proc/" + process.pid() + "/cmdline");
            if (Files.isReadable(cmdline)) {
                String argv0 =
                        Files.readString(cmdline, StandardCharsets.ISO_8859_1).split("\0")[0];
                assertEquals(
                        jdk.resolve("bin/java").toRealPath(), Path.of(argv0).toRealPath());
            }
        }

        void assertStdoutWasOnlyThePort() throws InterruptedException {
            // Anything the plugin wrote after the port line so far (the engine would log it): nothing. close()
            // checks again once the process has exited and its stdout is drained.
            synchronized (laterStdout) {
                assertEquals(
                        "",
                        laterStdout.toString(StandardCharsets.UTF_8),
                        "stdout after the port line; stderr: " + stderr.toString(StandardCharsets.UTF_8));
            }
        }

        @Override
        public void close() throws InterruptedException {
            channel.shutdownNow();
            // The engine's Kill: SIGINT/SIGTERM to the process group, SIGKILL after a grace period.
            process.destroy();
            boolean exited = process.waitFor(10, TimeUnit.SECONDS);
            if (!exited) {
                process.destroyForcibly();
            }
            outPump.join(2000);
            errPump.join(2000);
            assertTrue(exited, "the plugin exits on SIGTERM");
            assertStdoutWasOnlyThePort();
        }
    }

    /** The engine's side of one stack: the calls of each CLI command and the state it keeps. */
    static final class Engine {
        final PluginProcess plugin;
        final String stack;
        final Optional<Path> kubeconfig;
        final Map<String, String> ids = new LinkedHashMap<>();
        final Map<String, Struct> inputs = new LinkedHashMap<>();
        final Map<String, Struct> outputs = new LinkedHashMap<>();
        private Struct providerInputs;
        private final String providerUrn;

        Engine(PluginProcess plugin, String stack, Optional<Path> kubeconfig) {
            this.plugin = plugin;
            this.stack = stack;
            this.kubeconfig = kubeconfig;
            this.providerUrn = "urn:pulumi:" + stack + "::mysqlcs::pulumi:providers:mysqlcs::mysqlcs";
        }

        /** provider_plugin.go NewProvider's handshake, then the registry's GetPluginInfo. */
        void handshakeAndInfo() {
            String dir = LAUNCHER.getParent().toString();
            Provider.ProviderHandshakeResponse h = plugin.stub()
                    .handshake(Provider.ProviderHandshakeRequest.newBuilder()
                            .setEngineAddress(plugin.address)
                            .setRootDirectory(dir)
                            .setProgramDirectory(dir)
                            .setConfigureWithUrn(true)
                            .setSupportsViews(true)
                            .setSupportsRefreshBeforeUpdate(true)
                            .setInvokeWithPreview(true)
                            .setAcceptsByteString(true)
                            .build());
            assertTrue(h.getAcceptSecrets(), "secrets stay wrapped");
            assertEquals(
                    MysqlcsProviderService.VERSION,
                    plugin.stub().getPluginInfo(Empty.getDefaultInstance()).getVersion());
        }

        String schema() {
            return plugin.stub()
                    .getSchema(
                            Provider.GetSchemaRequest.newBuilder().setVersion(0).build())
                    .getSchema();
        }

        /** The provider resource: CheckConfig, DiffConfig against the last config (when there is one), Configure. */
        void configure(Topology t) {
            Map<String, Object> cfg = new LinkedHashMap<>();
            List<Object> kubes = new ArrayList<>();
            t.kubeClusters().forEach(k -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("name", k.name());
                m.put("context", k.context());
                kubeconfig.ifPresent(p -> m.put("kubeconfig", p.toString()));
                kubes.add(m);
            });
            cfg.put("kubeClusters", kubes);
            cfg.put("version", MysqlcsProviderService.VERSION);
            Struct news = Props.toStruct(cfg);
            Provider.CheckResponse c = plugin.stub()
                    .checkConfig(Provider.CheckRequest.newBuilder()
                            .setUrn(providerUrn)
                            .setName("mysqlcs")
                            .setType("pulumi:providers:mysqlcs")
                            .setOlds(providerInputs == null ? Struct.getDefaultInstance() : providerInputs)
                            .setNews(news)
                            .build());
            assertEquals(0, c.getFailuresCount(), c.toString());
            if (providerInputs != null) {
                Provider.DiffResponse d = plugin.stub()
                        .diffConfig(Provider.DiffRequest.newBuilder()
                                .setUrn(providerUrn)
                                .setName("mysqlcs")
                                .setType("pulumi:providers:mysqlcs")
                                .setId("provider-id")
                                .setOldInputs(providerInputs)
                                .setOlds(providerInputs)
                                .setNews(c.getInputs())
                                .build());
                assertEquals(Provider.DiffResponse.DiffChanges.DIFF_NONE, d.getChanges());
            }
            plugin.stub()
                    .configure(Provider.ConfigureRequest.newBuilder()
                            .setUrn(providerUrn)
                            .setName("mysqlcs")
                            .setType("pulumi:providers:mysqlcs")
                            .setId("provider-id")
                            .setArgs(c.getInputs())
                            .setAcceptSecrets(true)
                            .setAcceptResources(true)
                            .setSendsOldInputs(true)
                            .setSendsOldInputsToDelete(true)
                            .build());
            providerInputs = c.getInputs();
        }

        private Struct check(ProviderHarness.Res r, Topology t) {
            String urn = r.urn(stack);
            Provider.CheckResponse c = plugin.stub()
                    .check(Provider.CheckRequest.newBuilder()
                            .setUrn(urn)
                            .setName(r.name())
                            .setType(r.kind().token())
                            .setOlds(inputs.getOrDefault(urn, Struct.getDefaultInstance()))
                            .setNews(Props.toStruct(ProviderHarness.inputs(t, r.member())))
                            .setRandomSeed(ByteString.copyFrom(new byte[32]))
                            .build());
            assertEquals(0, c.getFailuresCount(), c.toString());
            return c.getInputs();
        }

        Provider.DiffResponse diff(ProviderHarness.Res r, Struct news) {
            String urn = r.urn(stack);
            return plugin.stub()
                    .diff(Provider.DiffRequest.newBuilder()
                            .setId(ids.get(urn))
                            .setUrn(urn)
                            .setName(r.name())
                            .setType(r.kind().token())
                            .setOldInputs(inputs.get(urn))
                            .setOlds(outputs.get(urn))
                            .setNews(news)
                            .build());
        }

        Provider.UpdateResponse update(ProviderHarness.Res r, Struct news, boolean preview) {
            String urn = r.urn(stack);
            return plugin.stub()
                    .update(Provider.UpdateRequest.newBuilder()
                            .setId(ids.get(urn))
                            .setUrn(urn)
                            .setName(r.name())
                            .setType(r.kind().token())
                            .setOlds(outputs.get(urn))
                            .setOldInputs(inputs.get(urn))
                            .setNews(news)
                            .setPreview(preview)
                            .build());
        }

        /** `pulumi preview`: Check, then Diff + Update(preview) for recorded resources, Create(preview) for new. */
        Map<String, Struct> preview(Topology t) {
            configure(t);
            Map<String, Struct> out = new LinkedHashMap<>();
            for (ProviderHarness.Res r : ProviderHarness.resources(t)) {
                Struct news = check(r, t);
                if (ids.containsKey(r.urn(stack))) {
                    Provider.DiffResponse d = diff(r, news);
                    DiffPropertyPathTest.assertEngineAccepts(
                            d, Props.fromStruct(inputs.get(r.urn(stack))), Props.fromStruct(news));
                    out.put(
                            r.name(),
                            d.getChanges() == Provider.DiffResponse.DiffChanges.DIFF_SOME
                                    ? update(r, news, true).getProperties()
                                    : outputs.get(r.urn(stack)));
                } else {
                    out.put(
                            r.name(),
                            plugin.stub()
                                    .create(Provider.CreateRequest.newBuilder()
                                            .setUrn(r.urn(stack))
                                            .setName(r.name())
                                            .setType(r.kind().token())
                                            .setProperties(news)
                                            .setPreview(true)
                                            .build())
                                    .getProperties());
                }
            }
            return out;
        }

        /** `pulumi up`: as the preview, for real; the first failure stops the deployment. */
        void up(Topology t) {
            configure(t);
            for (ProviderHarness.Res r : ProviderHarness.resources(t)) {
                String urn = r.urn(stack);
                Struct news = check(r, t);
                try {
                    if (ids.containsKey(urn)) {
                        Provider.DiffResponse d = diff(r, news);
                        DiffPropertyPathTest.assertEngineAccepts(
                                d, Props.fromStruct(inputs.get(urn)), Props.fromStruct(news));
                        if (d.getChanges() == Provider.DiffResponse.DiffChanges.DIFF_SOME) {
                            outputs.put(urn, update(r, news, false).getProperties());
                        }
                    } else {
                        Provider.CreateResponse c = plugin.stub()
                                .create(Provider.CreateRequest.newBuilder()
                                        .setUrn(urn)
                                        .setName(r.name())
                                        .setType(r.kind().token())
                                        .setProperties(news)
                                        .build());
                        ids.put(urn, c.getId());
                        outputs.put(urn, c.getProperties());
                    }
                    inputs.put(urn, news);
                } catch (StatusRuntimeException e) {
                    ProviderHarness.initFailed(e).ifPresent(f -> {
                        ids.putIfAbsent(urn, f.getId());
                        outputs.put(urn, f.getProperties());
                        inputs.putIfAbsent(urn, news);
                    });
                    throw e;
                }
            }
        }

        /** A state as a deployment from elsewhere would have left it (for refresh / destroy without an up). */
        void recordAsIfDeployed(Topology t) {
            for (ProviderHarness.Res r : ProviderHarness.resources(t)) {
                Struct in = Props.toStruct(ProviderHarness.inputs(t, r.member()));
                ids.put(r.urn(stack), r.kind() == ResourceKind.CLUSTER_SET ? "mycs" : "mycs/" + r.name());
                inputs.put(r.urn(stack), in);
                outputs.put(r.urn(stack), in);
            }
        }

        /** `pulumi refresh`: Read with inputs and state, then the refresh Diff (RefreshStep.Apply, step.go). */
        List<Provider.DiffResponse> refresh() {
            configure(ConfigFixtures.prod());
            List<Provider.DiffResponse> diffs = new ArrayList<>();
            for (String urn : List.copyOf(ids.keySet())) {
                String type = MysqlcsProviderService.typeOfUrn(urn);
                Provider.ReadResponse r = plugin.stub()
                        .read(Provider.ReadRequest.newBuilder()
                                .setId(ids.get(urn))
                                .setUrn(urn)
                                .setName(urn.substring(urn.lastIndexOf("::") + 2))
                                .setType(type)
                                .setProperties(outputs.get(urn))
                                .setInputs(inputs.get(urn))
                                .build());
                assertNotEquals("", r.getId(), urn + " still exists");
                Struct oldInputs = inputs.get(urn);
                inputs.put(urn, r.getInputs());
                outputs.put(urn, r.getProperties());
                diffs.add(plugin.stub()
                        .diff(Provider.DiffRequest.newBuilder()
                                .setId(r.getId())
                                .setUrn(urn)
                                .setType(type)
                                .setOldInputs(r.getInputs())
                                .setOlds(r.getProperties())
                                .setNews(oldInputs)
                                .build()));
            }
            return diffs;
        }

        /** `pulumi import` (or the import option): Read with the id alone (ImportStep.Apply, step.go). */
        void importRead(ProviderHarness.Res r, String id) {
            plugin.stub()
                    .read(Provider.ReadRequest.newBuilder()
                            .setId(id)
                            .setUrn(r.urn(stack))
                            .setName(r.name())
                            .setType(r.kind().token())
                            .build());
        }

        /** `pulumi destroy`: Delete in reverse order with the old inputs; the first failure stops it. */
        void destroy() {
            configure(ConfigFixtures.prod());
            List<String> urns = new ArrayList<>(ids.keySet());
            Collections.reverse(urns);
            for (String urn : urns) {
                plugin.stub()
                        .delete(Provider.DeleteRequest.newBuilder()
                                .setId(ids.get(urn))
                                .setUrn(urn)
                                .setName(urn.substring(urn.lastIndexOf("::") + 2))
                                .setType(MysqlcsProviderService.typeOfUrn(urn))
                                .setProperties(outputs.get(urn))
                                .setOldInputs(inputs.get(urn))
                                .build());
                ids.remove(urn);
                inputs.remove(urn);
                outputs.remove(urn);
            }
        }

        Map<String, Object> outputs(String name) {
            return Props.fromStruct(outputs.entrySet().stream()
                    .filter(x -> x.getKey().endsWith("::" + name))
                    .findFirst()
                    .orElseThrow()
                    .getValue());
        }

        List<String> names() {
            return ids.keySet().stream()
                    .map(u -> u.substring(u.lastIndexOf("::") + 2))
                    .toList();
        }
    }
}
