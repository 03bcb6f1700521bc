package dev.mysqlcs.provider;

import com.google.protobuf.Any;
import com.google.protobuf.Empty;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import dev.mysqlcs.fake.FakeAdminApiShell;
import dev.mysqlcs.fake.FakeInstanceProbes;
import dev.mysqlcs.fake.FakeWorld;
import dev.mysqlcs.fake.FaultyKubeActions;
import dev.mysqlcs.io.MySqlShell;
import dev.mysqlcs.model.ClusterSetSpec;
import dev.mysqlcs.model.KubeCluster;
import dev.mysqlcs.model.Member;
import dev.mysqlcs.model.Topology;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.protobuf.StatusProto;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import pulumirpc.Provider;
import pulumirpc.ResourceProviderGrpc;

/**
 * The mysqlcs provider served over real in-process gRPC, driven the way the Pulumi engine drives it, against one
 * {@link FakeWorld} (MySQL), fabric8 mock API servers in CRUD mode (one per Kubernetes cluster, seeded with what the
 * operator creates: router Deployments and the account secrets), and capture of every log line and every property
 * struct sent back to the engine.
 */
final class ProviderHarness implements AutoCloseable {

    static final String PASSWORD = "Pa55-w0rd!sEcReT";
    static final String PROJECT = "mysqlcs";

    final Topology topology;
    final FakeWorld world;
    final FakeAdminApiShell shell;
    final FakeInstanceProbes probes;
    final Map<String, KubernetesMockServer> servers = new LinkedHashMap<>();
    final Map<String, KubernetesClient> clients = new LinkedHashMap<>();
    final List<String> logLines = Collections.synchronizedList(new ArrayList<>());
    final List<Struct> sentToEngine = Collections.synchronizedList(new ArrayList<>());
    final List<String> lockViolations = Collections.synchronizedList(new ArrayList<>());
    /** The wait the provider gave each operator failover Job (KubeActions.runOperatorFailover's timeout). */
    final List<java.time.Duration> failoverWaits = Collections.synchronizedList(new ArrayList<>());
    /** When each mysqlsh mutation was handed to the exec layer (System.nanoTime). */
    final List<Long> mutationTimes = Collections.synchronizedList(new ArrayList<>());

    final Backends backends;
    private final List<Server> grpcServers = new ArrayList<>();
    private final List<ManagedChannel> channels = new ArrayList<>();

    ProviderHarness(Topology topology) {
        this(topology, null);
    }

    /**
     * @param realApiServer when not null, every Kubernetes cluster of the topology is this real API server's client
     *                      (the members' namespaces keep them apart; the caller owns the client), instead of a mock
     *                      server each
     */
    ProviderHarness(Topology topology, KubernetesClient realApiServer) {
        this.topology = topology;
        ClusterSetSpec spec = topology.clusterSet();
        this.world = new FakeWorld(spec, topology.root().user(), PASSWORD);
        this.shell = new FakeAdminApiShell(world);
        this.probes = new FakeInstanceProbes(world);
        CustomResourceDefinitionContext failover = new CustomResourceDefinitionContext.Builder()
                .withGroup("mysql.oracle.com")
                .withVersion("v2")
                .withKind("MySQLClusterSetFailover")
                .withPlural("mysqlclustersetfailovers")
                .withScope("Namespaced")
                .build();
        this.ownsClients = realApiServer == null;
        for (KubeCluster kc : topology.kubeClusters()) {
            if (realApiServer != null) {
                clients.put(kc.name(), realApiServer);
                continue;
            }
            KubernetesMockServer server = new KubernetesMockServer(
                    new Context(),
                    new MockWebServer(),
                    new HashMap<>(),
                    new KubernetesCrudDispatcher(List.of(failover)),
                    false);
            server.init();
            servers.put(kc.name(), server);
            clients.put(kc.name(), server.createClient());
        }
        spec.members().forEach(this::seedOperatorObjects);
        controller = new Thread(this::deploymentController, "fake-deployment-controller");
        controller.setDaemon(true);
        controller.start();
        KubeActions kube = new LockCheckingKube(new FaultyKubeActions(new Fabric8KubeActions(clients::get), world));
        String lock = "mysqlcs.clusterset." + spec.name();
        MySqlShell checked = (pod, argv, stdin, timeout) -> {
            if (FakeAdminApiShell.isMutation(argv)) {
                mutationTimes.add(System.nanoTime());
                if (!probes.holdsLock(Thread.currentThread(), lock)) {
                    lockViolations.add("mysqlsh mutation without the ClusterSet lock: " + argv.get(argv.size() - 1));
                }
            }
            return shell.run(pod, argv, stdin, timeout);
        };
        this.backends = new Backends(checked, probes, kube);
    }

    static {
        // The mock API servers log every request at INFO.
        java.util.logging.Logger.getLogger("io.fabric8.mockwebserver").setLevel(java.util.logging.Level.WARNING);
        java.util.logging.Logger.getLogger("io.fabric8.mockwebserver.MockWebServer")
                .setLevel(java.util.logging.Level.WARNING);
    }

    private final Thread controller;
    private final boolean ownsClients;
    private volatile boolean running = true;
    /** How long the simulated Deployment controller takes to roll a new template out. */
    volatile long rolloutMillis = 150;

    /**
     * Kubernetes' Deployment controller, reduced to what a rollout wait observes: the API server bumps the generation
     * when the template changes; {@link #rolloutMillis} later the status reports the new generation rolled out.
     */
    private void deploymentController() {
        Map<String, Long> firstSeen = new HashMap<>();
        while (running) {
            try {
                for (var e : clients.entrySet()) {
                    for (Deployment d : e.getValue()
                            .apps()
                            .deployments()
                            .inAnyNamespace()
                            .list()
                            .getItems()) {
                        long gen = d.getMetadata().getGeneration() == null
                                ? 1
                                : d.getMetadata().getGeneration();
                        long observed = d.getStatus() == null || d.getStatus().getObservedGeneration() == null
                                ? 0
                                : d.getStatus().getObservedGeneration();
                        if (observed >= gen) {
                            continue;
                        }
                        String key = e.getKey() + "/" + d.getMetadata().getNamespace() + "/"
                                + d.getMetadata().getName() + "@" + gen;
                        long since = firstSeen.computeIfAbsent(key, k -> System.nanoTime());
                        if (System.nanoTime() - since >= rolloutMillis * 1_000_000L) {
                            e.getValue()
                                    .apps()
                                    .deployments()
                                    .inNamespace(d.getMetadata().getNamespace())
                                    .withName(d.getMetadata().getName())
                                    .editStatus(x -> {
                                        x.getStatus().setObservedGeneration(gen);
                                        x.getStatus().setReplicas(x.getSpec().getReplicas());
                                        x.getStatus()
                                                .setUpdatedReplicas(x.getSpec().getReplicas());
                                        x.getStatus()
                                                .setAvailableReplicas(
                                                        x.getSpec().getReplicas());
                                        x.getStatus()
                                                .setReadyReplicas(x.getSpec().getReplicas());
                                        return x;
                                    });
                        }
                    }
                }
                Thread.sleep(20);
            } catch (InterruptedException ie) {
                return;
            } catch (RuntimeException ignored) {
                // the mock server is shutting down
            }
        }
    }

    /**
     * A pod of the member's router Deployment runs (labels of mysql-operator router_objects.py
     * prepare_router_deployment) and its router registers in the ClusterSet ({@link FakeWorld#routerRegisters}).
     *
     * @return the registration's label
     */
    String routerPod(String member, String pod) {
        Member m = topology.clusterSet().member(member).orElseThrow();
        clients.get(m.kubeCluster())
                .pods()
                .inNamespace(m.namespace())
                .resource(new io.fabric8.kubernetes.api.model.PodBuilder()
                        .withNewMetadata()
                        .withName(pod)
                        .withNamespace(m.namespace())
                        .withLabels(Map.of("mysql.oracle.com/cluster", m.name(), "component", "mysqlrouter"))
                        .endMetadata()
                        .withNewSpec()
                        .addNewContainer()
                        .withName("router")
                        .withImage("mysql/mysql-router")
                        .endContainer()
                        .endSpec()
                        .build())
                .create();
        return world.routerRegisters(pod);
    }

    /**
     * The router pod is deleted (a Deployment rollout replaced it) and the operator's own removal of its registration
     * did not happen: operator_cluster.py on_router_pod_delete only logs "Failed to remove metadata for ..." (e.g. its
     * cluster's global status was not OK then), so the registration stays.
     */
    void routerPodGone(String member, String pod) {
        Member m = topology.clusterSet().member(member).orElseThrow();
        clients.get(m.kubeCluster())
                .pods()
                .inNamespace(m.namespace())
                .withName(pod)
                .delete();
    }

    /** What the MySQL Operator creates with an InnoDBCluster: its router Deployment and account secrets. */
    private void seedOperatorObjects(Member m) {
        KubernetesClient c = clients.get(m.kubeCluster());
        c.namespaces()
                .resource(new NamespaceBuilder()
                        .withNewMetadata()
                        .withName(m.namespace())
                        .endMetadata()
                        .build())
                .createOr(x -> x.update());
        if (m.routerInstances() > 0) {
            // As valid as the real API server requires (selector, a container); the status as the Deployment
            // controller writes it, through the status subresource (a real server ignores status on create).
            Map<String, String> labels = Map.of("mysql.oracle.com/cluster", m.name(), "component", "mysqlrouter");
            c.apps()
                    .deployments()
                    .inNamespace(m.namespace())
                    .resource(new DeploymentBuilder()
                            .withNewMetadata()
                            .withName(m.name() + "-router")
                            .withNamespace(m.namespace())
                            .withGeneration(1L)
                            .endMetadata()
                            .withNewSpec()
                            .withReplicas(m.routerInstances())
                            .withNewSelector()
                            .withMatchLabels(labels)
                            .endSelector()
                            .withNewTemplate()
                            .withNewMetadata()
                            .withLabels(labels)
                            .endMetadata()
                            .withNewSpec()
                            .addNewContainer()
                            .withName("router")
                            .withImage("mysql/mysql-router")
                            .endContainer()
                            .endSpec()
                            .endTemplate()
                            .endSpec()
                            .build())
                    .create();
            c.apps()
                    .deployments()
                    .inNamespace(m.namespace())
                    .withName(m.name() + "-router")
                    .editStatus(d -> {
                        d.setStatus(new io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder()
                                .withObservedGeneration(d.getMetadata().getGeneration())
                                .withReplicas(m.routerInstances())
                                .withUpdatedReplicas(m.routerInstances())
                                .withAvailableReplicas(m.routerInstances())
                                .withReadyReplicas(m.routerInstances())
                                .build());
                        return d;
                    });
        }
        secret(c, m, "-privsecrets", "clusterAdminUsername", "mysqladmin", "clusterAdminPassword");
        secret(c, m, "-router", "routerUsername", "mysqlrouter", "routerPassword");
        secret(c, m, "-backup", "backupUsername", "mysqlbackup", "backupPassword");
    }

    private static void secret(
            KubernetesClient c, Member m, String suffix, String userKey, String user, String passwordKey) {
        c.secrets()
                .inNamespace(m.namespace())
                .resource(new SecretBuilder()
                        .withNewMetadata()
                        .withName(m.name() + suffix)
                        .withNamespace(m.namespace())
                        .endMetadata()
                        .addToData(userKey, b64(user))
                        .addToData(passwordKey, b64("op-" + m.name() + "-" + UUID.randomUUID()))
                        .build())
                .create();
    }

    static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    /** Records Kubernetes mutations made without the ClusterSet lock. */
    private final class LockCheckingKube implements KubeActions {
        private final KubeActions d;
        private final String lock =
                "mysqlcs.clusterset." + topology.clusterSet().name();

        LockCheckingKube(KubeActions d) {
            this.d = d;
        }

        private void check(String what) {
            if (!probes.holdsLock(Thread.currentThread(), lock)) {
                lockViolations.add("Kubernetes mutation without the ClusterSet lock: " + what);
            }
        }

        @Override
        public dev.mysqlcs.plan.Observation.RouterState routerState(Member m, String marker) {
            return d.routerState(m, marker);
        }

        @Override
        public void restartRouter(Member m, String marker, java.time.Duration t, ProgressLog log, Cancellation c) {
            check("restartRouter " + m.name());
            d.restartRouter(m, marker, t, log, c);
        }

        @Override
        public dev.mysqlcs.plan.Observation.SecretsState secretsState(Member source, Member target) {
            return d.secretsState(source, target);
        }

        @Override
        public List<dev.mysqlcs.plan.Observation.MissingSecret> missingSecrets(Member source, Member target) {
            return d.missingSecrets(source, target);
        }

        @Override
        public void copyCredentials(Member source, Member target) {
            check("copyCredentials " + target.name());
            d.copyCredentials(source, target);
        }

        @Override
        public CertNames certNames(Member m) {
            return d.certNames(m);
        }

        @Override
        public Optional<String> joinMark(Member m) {
            return d.joinMark(m);
        }

        @Override
        public void setJoinMark(Member m, String cs) {
            check("setJoinMark " + m.name());
            d.setJoinMark(m, cs);
        }

        @Override
        public void clearJoinMark(Member m) {
            check("clearJoinMark " + m.name());
            d.clearJoinMark(m);
        }

        @Override
        public String runOperatorFailover(
                Member target,
                boolean force,
                List<String> invalidate,
                String name,
                java.time.Duration timeout,
                ProgressLog log,
                Cancellation c) {
            check("runOperatorFailover " + name);
            failoverWaits.add(timeout);
            return d.runOperatorFailover(target, force, invalidate, name, timeout, log, c);
        }

        @Override
        public Optional<OperatorView> innoDbCluster(Member m) {
            return d.innoDbCluster(m);
        }

        @Override
        public List<Integer> readyServerPods(Member m) {
            return d.readyServerPods(m);
        }

        @Override
        public java.util.Set<String> routerPods(Member m) {
            return d.routerPods(m);
        }
    }

    // ------------------------------------------------------------------ a provider process per stack

    /** One running provider plugin, as the engine of one stack starts it. */
    final class Plugin {
        final String stack;
        final MysqlcsProviderService service;
        final ResourceProviderGrpc.ResourceProviderBlockingStub stub;

        Plugin(String stack) {
            this(stack, cfg -> backends);
        }

        /** A plugin whose I/O comes from {@code backendsFactory} (e.g. the real one, to reach nothing). */
        Plugin(String stack, java.util.function.Function<ProviderConfig, Backends> backendsFactory) {
            this.stack = stack;
            EngineLogger logger = (severity, urn, message) -> logLines.add(severity + " " + urn + " " + message);
            this.service = new MysqlcsProviderService(backendsFactory, logger, address -> logger);
            String name = "mysqlcs-" + stack + "-" + UUID.randomUUID();
            try {
                Server server = InProcessServerBuilder.forName(name)
                        .directExecutor()
                        .addService(service)
                        .build()
                        .start();
                grpcServers.add(server);
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
            ManagedChannel ch =
                    InProcessChannelBuilder.forName(name).directExecutor().build();
            channels.add(ch);
            this.stub = ResourceProviderGrpc.newBlockingStub(ch);
        }
    }

    Plugin plugin(String stack) {
        return new Plugin(stack);
    }

    // ------------------------------------------------------------------ wire inputs as the program sends them

    Struct providerInputs() {
        List<Object> kubes = new ArrayList<>();
        for (KubeCluster k : topology.kubeClusters()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", k.name());
            m.put("context", k.context());
            k.kubeconfig().ifPresent(p -> m.put("kubeconfig", p));
            kubes.add(m);
        }
        Map<String, Object> in = new LinkedHashMap<>();
        in.put("kubeClusters", kubes);
        in.put("version", "0.1.0");
        return Props.toStruct(in);
    }

    /** {@code spec} exactly as ClusterSetSpecArgs.of serializes the config. */
    static Map<String, Object> specMap(ClusterSetSpec cs) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("name", cs.name());
        spec.put("domain", cs.domain());
        spec.put("primary", cs.primary());
        spec.put("linkage", cs.linkage().value());
        spec.put("primaryEpoch", (double) cs.primaryEpoch());
        spec.put("forceFailover", cs.forceFailover());
        spec.put(
                "timeouts",
                Map.of(
                        "lockSeconds",
                        (double) cs.timeouts().lock().toSeconds(),
                        "stepSeconds",
                        (double) cs.timeouts().step().toSeconds(),
                        "rolloutSeconds",
                        (double) cs.timeouts().rollout().toSeconds()));
        List<Object> members = new ArrayList<>();
        for (Member m : cs.members()) {
            Map<String, Object> mm = new LinkedHashMap<>();
            mm.put("name", m.name());
            mm.put("namespace", m.namespace());
            mm.put("kubeCluster", m.kubeCluster());
            mm.put("baseServerId", (double) m.baseServerId());
            mm.put("instances", (double) m.instances());
            mm.put("routerInstances", (double) m.routerInstances());
            mm.put("edition", m.edition().value());
            if (!m.tls().useSelfSigned()) {
                Map<String, Object> tls = new LinkedHashMap<>();
                tls.put("useSelfSigned", false);
                m.tls().caSecretName().ifPresent(n -> tls.put("caSecretName", n));
                m.tls().serverSecretName().ifPresent(n -> tls.put("serverSecretName", n));
                m.tls().routerSecretName().ifPresent(n -> tls.put("routerSecretName", n));
                mm.put("tls", tls);
            }
            if (!m.routing().isEmpty()) {
                Map<String, Object> routing = m.routing().wire();
                mm.put("routing", routing);
            }
            members.add(mm);
        }
        spec.put("members", members);
        if (!cs.invalidateReplicaClusters().isEmpty()) {
            spec.put("invalidateReplicaClusters", List.copyOf(cs.invalidateReplicaClusters()));
        }
        if (!cs.removeLostClusters().isEmpty()) {
            spec.put("removeLostClusters", List.copyOf(cs.removeLostClusters()));
        }
        return spec;
    }

    static Map<String, Object> inputs(Topology t, Optional<String> member) {
        Map<String, Object> in = new LinkedHashMap<>();
        in.put("spec", specMap(t.clusterSet()));
        in.put("deploy", List.copyOf(t.deploy()));
        in.put("rootUser", t.root().user());
        in.put("rootPassword", new Props.Secret(PASSWORD));
        member.ifPresent(m -> in.put("member", m));
        return in;
    }

    /** The resources the stack program registers for this stack config, in program order. */
    static List<Res> resources(Topology t) {
        List<Res> out = new ArrayList<>();
        String cs = t.clusterSet().name();
        out.add(new Res(ResourceKind.CLUSTER_SET, cs, Optional.empty()));
        for (Member m : t.deployedMembers()) {
            out.add(new Res(ResourceKind.MEMBER, cs + "-" + m.name(), Optional.of(m.name())));
        }
        out.add(new Res(ResourceKind.PRIMARY, cs + "-primary", Optional.empty()));
        return out;
    }

    record Res(ResourceKind kind, String name, Optional<String> member) {
        String urn(String stack) {
            return "urn:pulumi:" + stack + "::" + PROJECT + "::" + kind.token() + "::" + name;
        }
    }

    // ------------------------------------------------------------------ the engine, per stack

    /** What the engine keeps for one stack: each resource's id, inputs and outputs. */
    final class EngineStack {
        final String stack;
        final Plugin plugin;
        final Map<String, String> ids = new LinkedHashMap<>();
        final Map<String, Struct> inputs = new LinkedHashMap<>();
        final Map<String, Struct> outputs = new LinkedHashMap<>();
        final List<String> calls = new ArrayList<>();

        EngineStack(String stack) {
            this(stack, new Plugin(stack));
        }

        EngineStack(String stack, Plugin plugin) {
            this.stack = stack;
            this.plugin = plugin;
        }

        private ResourceProviderGrpc.ResourceProviderBlockingStub stub() {
            return plugin.stub;
        }

        void configure() {
            calls.add("CheckConfig");
            Provider.CheckResponse c = stub().checkConfig(Provider.CheckRequest.newBuilder()
                    .setUrn("urn:pulumi:" + stack + "::" + PROJECT + "::pulumi:providers:mysqlcs::mysqlcs")
                    .setType("pulumi:providers:mysqlcs")
                    .setNews(providerInputs())
                    .build());
            if (c.getFailuresCount() > 0) {
                throw new IllegalStateException("provider config failures: " + c.getFailuresList());
            }
            calls.add("Configure");
            stub().configure(Provider.ConfigureRequest.newBuilder()
                    .setArgs(c.getInputs())
                    .setAcceptSecrets(true)
                    .setAcceptResources(true)
                    .build());
        }

        /** {@code pulumi preview}: Check, then Diff for existing resources, Create / Update with preview set. */
        Map<String, Preview> preview(Topology t) {
            configure();
            Map<String, Preview> out = new LinkedHashMap<>();
            for (Res r : resources(t)) {
                String urn = r.urn(stack);
                Struct news = check(r, urn, t);
                if (ids.containsKey(urn)) {
                    Provider.DiffResponse d = diff(r, urn, news);
                    if (d.getChanges() == Provider.DiffResponse.DiffChanges.DIFF_SOME && d.getReplacesCount() == 0) {
                        calls.add("Update(preview)");
                        Provider.UpdateResponse u = stub().update(Provider.UpdateRequest.newBuilder()
                                .setId(ids.get(urn))
                                .setUrn(urn)
                                .setType(r.kind().token())
                                .setOlds(outputs.get(urn))
                                .setOldInputs(inputs.get(urn))
                                .setNews(news)
                                .setPreview(true)
                                .build());
                        sentToEngine.add(u.getProperties());
                        out.put(r.name(), new Preview(Optional.of(d), u.getProperties()));
                    } else {
                        out.put(r.name(), new Preview(Optional.of(d), outputs.get(urn)));
                    }
                } else {
                    calls.add("Create(preview)");
                    Provider.CreateResponse c = stub().create(Provider.CreateRequest.newBuilder()
                            .setUrn(urn)
                            .setType(r.kind().token())
                            .setProperties(news)
                            .setPreview(true)
                            .build());
                    sentToEngine.add(c.getProperties());
                    out.put(r.name(), new Preview(Optional.empty(), c.getProperties()));
                }
            }
            return out;
        }

        /** {@code pulumi up}: Check, Diff, Create or Update; stops at the first failure (dependents are skipped). */
        void up(Topology t) {
            configure();
            for (Res r : resources(t)) {
                String urn = r.urn(stack);
                Struct news = check(r, urn, t);
                if (ids.containsKey(urn)) {
                    Provider.DiffResponse d = diff(r, urn, news);
                    if (d.getChanges() != Provider.DiffResponse.DiffChanges.DIFF_SOME) {
                        inputs.put(urn, news);
                        continue;
                    }
                    if (d.getReplacesCount() > 0) {
                        throw new IllegalStateException("replacement planned for " + urn + ": " + d.getReplacesList());
                    }
                    calls.add("Update");
                    Provider.UpdateResponse u;
                    try {
                        u = stub().update(Provider.UpdateRequest.newBuilder()
                                .setId(ids.get(urn))
                                .setUrn(urn)
                                .setType(r.kind().token())
                                .setOlds(outputs.get(urn))
                                .setOldInputs(inputs.get(urn))
                                .setNews(news)
                                .build());
                    } catch (StatusRuntimeException e) {
                        initFailed(e).ifPresent(f -> {
                            // A partial update: the engine keeps the old inputs with the new outputs
                            // (pulumi/pulumi pkg/engine/update.go OnResourceStepPost, StatusPartialFailure).
                            sentToEngine.add(f.getProperties());
                            outputs.put(urn, f.getProperties());
                        });
                        throw e;
                    }
                    sentToEngine.add(u.getProperties());
                    outputs.put(urn, u.getProperties());
                    inputs.put(urn, news);
                } else {
                    calls.add("Create");
                    try {
                        Provider.CreateResponse c = stub().create(Provider.CreateRequest.newBuilder()
                                .setUrn(urn)
                                .setType(r.kind().token())
                                .setProperties(news)
                                .build());
                        sentToEngine.add(c.getProperties());
                        ids.put(urn, c.getId());
                        outputs.put(urn, c.getProperties());
                        inputs.put(urn, news);
                    } catch (StatusRuntimeException e) {
                        initFailed(e).ifPresent(f -> {
                            // The engine keeps a partially created resource and updates it next time.
                            sentToEngine.add(f.getProperties());
                            ids.put(urn, f.getId());
                            outputs.put(urn, f.getProperties());
                            inputs.put(urn, news);
                        });
                        throw e;
                    }
                }
            }
        }

        /** {@code pulumi refresh}: Read every resource. */
        Map<String, Struct> refresh() {
            configure();
            Map<String, Struct> out = new LinkedHashMap<>();
            for (String urn : List.copyOf(ids.keySet())) {
                calls.add("Read");
                Provider.ReadResponse r = stub().read(Provider.ReadRequest.newBuilder()
                        .setId(ids.get(urn))
                        .setUrn(urn)
                        .setType(MysqlcsProviderService.typeOfUrn(urn))
                        .setProperties(outputs.get(urn))
                        .setInputs(inputs.get(urn))
                        .build());
                sentToEngine.add(r.getProperties());
                if (r.getId().isEmpty()) {
                    ids.remove(urn);
                    outputs.remove(urn);
                    inputs.remove(urn);
                } else {
                    outputs.put(urn, r.getProperties());
                    out.put(urn, r.getProperties());
                }
            }
            return out;
        }

        /** {@code pulumi destroy}: Delete in reverse dependency order; stops at the first failure. */
        void destroy() {
            configure();
            List<String> urns = new ArrayList<>(ids.keySet());
            Collections.reverse(urns);
            for (String urn : urns) {
                calls.add("Delete");
                stub().delete(Provider.DeleteRequest.newBuilder()
                        .setId(ids.get(urn))
                        .setUrn(urn)
                        .setType(MysqlcsProviderService.typeOfUrn(urn))
                        .setProperties(outputs.get(urn))
                        .setOldInputs(inputs.get(urn))
                        .build());
                ids.remove(urn);
                outputs.remove(urn);
                inputs.remove(urn);
            }
        }

        private Struct check(Res r, String urn, Topology t) {
            calls.add("Check");
            Provider.CheckResponse c = stub().check(Provider.CheckRequest.newBuilder()
                    .setUrn(urn)
                    .setType(r.kind().token())
                    .setNews(Props.toStruct(inputs(t, r.member())))
                    .setOlds(inputs.getOrDefault(urn, Struct.getDefaultInstance()))
                    .build());
            if (c.getFailuresCount() > 0) {
                throw new IllegalStateException("check failures for " + urn + ": " + c.getFailuresList());
            }
            return c.getInputs();
        }

        private Provider.DiffResponse diff(Res r, String urn, Struct news) {
            calls.add("Diff");
            return stub().diff(Provider.DiffRequest.newBuilder()
                    .setId(ids.get(urn))
                    .setUrn(urn)
                    .setType(r.kind().token())
                    .setOlds(outputs.get(urn))
                    .setOldInputs(inputs.get(urn))
                    .setNews(news)
                    .build());
        }

        Map<String, Object> outputs(String name) {
            return outputs.entrySet().stream()
                    .filter(e -> e.getKey().endsWith("::" + name))
                    .findFirst()
                    .map(e -> Props.fromStruct(e.getValue()))
                    .orElseThrow();
        }
    }

    record Preview(Optional<Provider.DiffResponse> diff, Struct outputs) {
        @SuppressWarnings("unchecked")
        List<String> plannedSteps() {
            Object v = Props.fromStruct(outputs).get(ResourceKind.PLANNED_STEPS);
            return v instanceof List<?> l ? (List<String>) l : List.of();
        }
    }

    EngineStack stack(String name) {
        return new EngineStack(name);
    }

    static Optional<Provider.ErrorResourceInitFailed> initFailed(StatusRuntimeException e) {
        com.google.rpc.Status s = StatusProto.fromThrowable(e);
        if (s == null) {
            return Optional.empty();
        }
        for (Any d : s.getDetailsList()) {
            if (d.is(Provider.ErrorResourceInitFailed.class)) {
                try {
                    return Optional.of(d.unpack(Provider.ErrorResourceInitFailed.class));
                } catch (InvalidProtocolBufferException ex) {
                    throw new IllegalStateException(ex);
                }
            }
        }
        return Optional.empty();
    }

    /** Every string value of a struct that is not inside a secret wrapper. */
    static List<String> plainStrings(Struct s) {
        List<String> out = new ArrayList<>();
        s.getFieldsMap().values().forEach(v -> plainStrings(v, out));
        return out;
    }

    private static void plainStrings(Value v, List<String> out) {
        switch (v.getKindCase()) {
            case STRING_VALUE -> out.add(v.getStringValue());
            case LIST_VALUE -> v.getListValue().getValuesList().forEach(x -> plainStrings(x, out));
            case STRUCT_VALUE -> {
                Value sig = v.getStructValue().getFieldsMap().get(Props.SIG_KEY);
                if (sig != null && Props.SECRET_SIG.equals(sig.getStringValue())) {
                    return;
                }
                v.getStructValue().getFieldsMap().forEach((k, x) -> {
                    out.add(k);
                    plainStrings(x, out);
                });
            }
            default -> {}
        }
    }

    Provider.GetSchemaResponse schema(Plugin p) {
        return p.stub.getSchema(Provider.GetSchemaRequest.getDefaultInstance());
    }

    String pluginVersion(Plugin p) {
        return p.stub.getPluginInfo(Empty.getDefaultInstance()).getVersion();
    }

    @Override
    public void close() {
        running = false;
        controller.interrupt();
        try {
            controller.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        channels.forEach(ManagedChannel::shutdownNow);
        grpcServers.forEach(Server::shutdownNow);
        if (ownsClients) {
            clients.values().forEach(KubernetesClient::close);
        }
        servers.values().forEach(KubernetesMockServer::destroy);
    }
}
