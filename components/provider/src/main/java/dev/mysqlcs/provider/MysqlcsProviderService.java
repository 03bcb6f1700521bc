package dev.mysqlcs.provider;

import com.google.protobuf.Any;
import com.google.protobuf.Empty;
import com.google.protobuf.Struct;
import dev.mysqlcs.plan.StepPlan;
import dev.mysqlcs.plan.UnsafeStepRefused;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import pulumirpc.Plugin;
import pulumirpc.Provider;
import pulumirpc.ResourceProviderGrpc;

/**
 * The {@code mysqlcs} resource provider over Pulumi's provider gRPC protocol ({@code pulumirpc.ResourceProvider}).
 * Check validates with the stack program's own rules; Diff compares inputs and asks the planner, read-only, what would
 * run; Create / Update converge the ClusterSet (nothing mutates when {@code preview} is set); Read reports what the
 * ClusterSet says; Delete removes / dissolves under the no-data-loss rules. Secrets stay secret-wrapped.
 */
public final class MysqlcsProviderService extends ResourceProviderGrpc.ResourceProviderImplBase {

    /** The version this plugin was built as ({@link ProviderVersion}). */
    public static final String VERSION = ProviderVersion.read();

    private final Function<ProviderConfig, Backends> backendsFactory;
    private final AtomicReference<EngineLogger> engineLogger;
    private final Function<String, EngineLogger> engineLoggerFactory;
    private final Cancellation cancellation = new Cancellation();
    private final AtomicReference<Runnable> onCancel = new AtomicReference<>(() -> {});
    private final AtomicReference<ProviderConfig> config = new AtomicReference<>();
    private final AtomicReference<Backends> backends = new AtomicReference<>();

    /**
     * @param backendsFactory     builds the I/O once Configure names the Kubernetes clusters
     * @param engineLogger        where progress lines go until the engine's address is known
     * @param engineLoggerFactory a logger for an engine address (Attach / Handshake)
     */
    public MysqlcsProviderService(
            Function<ProviderConfig, Backends> backendsFactory,
            EngineLogger engineLogger,
            Function<String, EngineLogger> engineLoggerFactory) {
        this.backendsFactory = backendsFactory;
        this.engineLogger = new AtomicReference<>(engineLogger);
        this.engineLoggerFactory = engineLoggerFactory;
    }

    // ------------------------------------------------------------------ plugin / configuration

    @Override
    public void getPluginInfo(Empty request, StreamObserver<Plugin.PluginInfo> out) {
        reply(out, () -> Plugin.PluginInfo.newBuilder().setVersion(VERSION).build());
    }

    @Override
    public void attach(Plugin.PluginAttach request, StreamObserver<Empty> out) {
        reply(out, () -> {
            engineLogger.set(engineLoggerFactory.apply(request.getAddress()));
            return Empty.getDefaultInstance();
        });
    }

    @Override
    public void handshake(
            Provider.ProviderHandshakeRequest request, StreamObserver<Provider.ProviderHandshakeResponse> out) {
        reply(out, () -> {
            if (!request.getEngineAddress().isEmpty()) {
                engineLogger.set(engineLoggerFactory.apply(request.getEngineAddress()));
            }
            return Provider.ProviderHandshakeResponse.newBuilder()
                    .setAcceptSecrets(true)
                    .setAcceptResources(true)
                    .build();
        });
    }

    @Override
    public void getSchema(Provider.GetSchemaRequest request, StreamObserver<Provider.GetSchemaResponse> out) {
        reply(
                out,
                () -> Provider.GetSchemaResponse.newBuilder()
                        .setSchema(Schema.json(VERSION))
                        .build());
    }

    @Override
    public void checkConfig(Provider.CheckRequest request, StreamObserver<Provider.CheckResponse> out) {
        reply(out, () -> {
            ProviderConfig.Checked c = ProviderConfig.check(Props.fromStruct(request.getNews()));
            Provider.CheckResponse.Builder b =
                    Provider.CheckResponse.newBuilder().setInputs(request.getNews());
            c.failures()
                    .forEach(f -> b.addFailures(Provider.CheckFailure.newBuilder()
                            .setProperty(f.getKey())
                            .setReason(f.getValue())));
            return b.build();
        });
    }

    @Override
    public void diffConfig(Provider.DiffRequest request, StreamObserver<Provider.DiffResponse> out) {
        reply(out, () -> {
            Map<String, Object> olds = Props.fromStruct(
                    request.getOldInputs().getFieldsCount() > 0 ? request.getOldInputs() : request.getOlds());
            Map<String, Object> news = Props.fromStruct(request.getNews());
            Object o = olds.get(ProviderConfig.KUBE_CLUSTERS);
            Object n = news.get(ProviderConfig.KUBE_CLUSTERS);
            Provider.DiffResponse.Builder b = Provider.DiffResponse.newBuilder().setHasDetailedDiff(true);
            if (Props.containsUnknown(n) || !Props.sameValue(o, n)) {
                b.setChanges(Provider.DiffResponse.DiffChanges.DIFF_SOME)
                        .addDiffs(ProviderConfig.KUBE_CLUSTERS)
                        .putDetailedDiff(
                                ProviderConfig.KUBE_CLUSTERS,
                                Provider.PropertyDiff.newBuilder()
                                        .setKind(Provider.PropertyDiff.Kind.UPDATE)
                                        .build());
            } else {
                b.setChanges(Provider.DiffResponse.DiffChanges.DIFF_NONE);
            }
            return b.build();
        });
    }

    /** Reads {@code args}; older engines send only the deprecated {@code variables} map. */
    @Override
    @SuppressWarnings("deprecation")
    public void configure(Provider.ConfigureRequest request, StreamObserver<Provider.ConfigureResponse> out) {
        reply(out, () -> {
            Map<String, Object> args = request.hasArgs() && request.getArgs().getFieldsCount() > 0
                    ? Props.fromStruct(request.getArgs())
                    : ProviderConfig.fromVariables(request.getVariablesMap());
            ProviderConfig.Checked c = ProviderConfig.check(args);
            if (!c.failures().isEmpty()) {
                throw Status.INVALID_ARGUMENT
                        .withDescription("mysqlcs provider config: "
                                + c.failures().stream()
                                        .map(f -> f.getKey() + ": " + f.getValue())
                                        .reduce((a, x) -> a + "; " + x)
                                        .orElse(""))
                        .asRuntimeException();
            }
            c.config().ifPresent(cfg -> {
                config.set(cfg);
                Backends old = backends.getAndSet(null);
                if (old != null) {
                    old.close();
                }
            });
            return Provider.ConfigureResponse.newBuilder()
                    .setAcceptSecrets(true)
                    .setSupportsPreview(true)
                    .setAcceptResources(true)
                    .setAcceptOutputs(false)
                    .build();
        });
    }

    private Backends backends() {
        ProviderConfig cfg = config.get();
        if (cfg == null) {
            throw Status.FAILED_PRECONDITION
                    .withDescription(
                            "the mysqlcs provider is not configured: its " + "kubeClusters are not known (yet)")
                    .asRuntimeException();
        }
        return backends.updateAndGet(b -> b != null ? b : backendsFactory.apply(cfg));
    }

    // ------------------------------------------------------------------ resources

    @Override
    public void check(Provider.CheckRequest request, StreamObserver<Provider.CheckResponse> out) {
        reply(out, () -> {
            ResourceKind kind = kind(request.getType(), request.getUrn());
            ResourceInputs.Parsed p = ResourceInputs.parse(
                    Props.fromStruct(request.getNews()), kind.needsMember(), Optional.ofNullable(config.get()));
            Provider.CheckResponse.Builder b =
                    Provider.CheckResponse.newBuilder().setInputs(request.getNews());
            p.failures()
                    .forEach(f -> b.addFailures(Provider.CheckFailure.newBuilder()
                            .setProperty(f.property())
                            .setReason(f.reason())));
            primaryMove(kind, Props.fromStruct(request.getOlds()), Props.fromStruct(request.getNews()))
                    .ifPresent(r -> b.addFailures(Provider.CheckFailure.newBuilder()
                            .setProperty(ResourceInputs.SPEC)
                            .setReason(r)));
            return b.build();
        });
    }

    /**
     * A member that moves (namespace or kubeCluster) is replaced: its old membership is removed before the new one
     * joins (delete-before-replace). The primary's cluster is never removed, so moving the primary is refused here,
     * before any step, with the way to do it.
     */
    static Optional<String> primaryMove(ResourceKind kind, Map<String, Object> olds, Map<String, Object> news) {
        if (kind != ResourceKind.MEMBER || olds.isEmpty()) {
            return Optional.empty();
        }
        Object member = Props.reveal(news.get(ResourceInputs.MEMBER));
        // The primary as the last `pulumi up` left it (a switchover in this same change has not happened yet).
        Object primary = Props.reveal(olds.get(ResourceInputs.SPEC)) instanceof Map<?, ?> m
                ? Props.reveal(m.get("primary"))
                : null;
        if (!(member instanceof String name) || !Props.sameValue(primary, name)) {
            return Optional.empty();
        }
        for (ResourceKind.DiffKey k : kind.diffKeys()) {
            if (!k.memberField() || !k.replaces()) {
                continue;
            }
            Object o = k.get().apply(olds);
            Object n = k.get().apply(news);
            if (o != null && n != null && !Props.containsUnknown(n) && !Props.sameValue(o, n)) {
                return Optional.of("moving member '" + name + "' (" + k.field() + " " + o + " -> " + n + ") is "
                        + "refused while it is the primary (mysqlcs:clusterSet.primary): the primary's cluster is never "
                        + "removed from the ClusterSet. Switch the primary to another member first (set "
                        + "mysqlcs:clusterSet.primary and raise primaryEpoch, `pulumi up`), then move '" + name
                        + "' as a replica");
            }
        }
        return Optional.empty();
    }

    @Override
    public void diff(Provider.DiffRequest request, StreamObserver<Provider.DiffResponse> out) {
        reply(out, () -> {
            ResourceKind kind = kind(request.getType(), request.getUrn());
            Map<String, Object> olds = Props.fromStruct(
                    request.getOldInputs().getFieldsCount() > 0 ? request.getOldInputs() : request.getOlds());
            Map<String, Object> news = Props.fromStruct(request.getNews());
            ProgressLog log = log(request.getUrn());
            Provider.DiffResponse.Builder b = Provider.DiffResponse.newBuilder().setHasDetailedDiff(true);
            boolean changed = false;
            boolean replace = false;
            List<String> ignored = request.getIgnoreChangesList();
            // detailedDiff keys are property paths; diffs and replaces take top-level properties only
            // (pulumi/pulumi proto/pulumi/provider.proto DiffResponse; ReplaceKeys are PropertyKeys in
            // pkg/resource/deploy/step_generator.go).
            Map<String, Provider.PropertyDiff> detailed = new LinkedHashMap<>();
            Set<String> diffs = new LinkedHashSet<>();
            Set<String> replaces = new LinkedHashSet<>();
            for (ResourceKind.DiffKey k : kind.diffKeys()) {
                String path = k.path(olds, news);
                if (ignored.contains(path)) {
                    continue;
                }
                Object o = k.get().apply(olds);
                Object n = k.get().apply(news);
                boolean unknown = Props.containsUnknown(n);
                if (!unknown && Props.sameValue(o, n)) {
                    continue;
                }
                changed = true;
                // An unknown value may change (preview): shown as an update, decided for real once it is known.
                boolean rep = k.replaces() && !unknown;
                replace |= rep;
                // The kind describes the value at the path (the display looks both up there).
                Object oAt = k.at(path, olds);
                Object nAt = k.at(path, news);
                Provider.PropertyDiff.Kind dk = oAt == null
                        ? (rep ? Provider.PropertyDiff.Kind.ADD_REPLACE : Provider.PropertyDiff.Kind.ADD)
                        : nAt == null
                                ? (rep ? Provider.PropertyDiff.Kind.DELETE_REPLACE : Provider.PropertyDiff.Kind.DELETE)
                                : (rep ? Provider.PropertyDiff.Kind.UPDATE_REPLACE : Provider.PropertyDiff.Kind.UPDATE);
                Provider.PropertyDiff pd = Provider.PropertyDiff.newBuilder()
                        .setKind(dk)
                        .setInputDiff(true)
                        .build();
                // Two fields of a moved member share the path spec.members: the replacement wins.
                detailed.merge(path, pd, (a, x) -> isReplace(a.getKind()) ? a : x);
                diffs.add(ResourceKind.topLevel(path));
                if (rep) {
                    replaces.add(ResourceKind.topLevel(path));
                }
            }
            b.putAllDetailedDiff(detailed).addAllDiffs(diffs).addAllReplaces(replaces);
            if (replace) {
                // One InnoDB cluster belongs to one ClusterSet, and a member keeps its MySQL cluster name (and id)
                // when it moves: the old one must go before the new one exists, else the old resource's Delete
                // (run last by a create-before-delete replacement) would remove the new membership.
                b.setDeleteBeforeReplace(true);
            }
            if (!replace) {
                Live live = livePlan(kind, news, log);
                if (live.plan().isPresent()
                                && (!live.plan().get().steps().isEmpty()
                                        || live.plan().get().refusal().isPresent())
                        || live.unreadable()) {
                    // Steps to run, or not known (the ClusterSet cannot be read): plannedSteps changes, so the
                    // engine runs Update, which shows them (unknown in a preview) or runs / refuses them in `up`.
                    changed = true;
                    live.plan().ifPresent(pl -> pl.describe().forEach(x -> log.info("plan: " + x)));
                    b.addDiffs(ResourceKind.PLANNED_STEPS)
                            .putDetailedDiff(
                                    ResourceKind.PLANNED_STEPS,
                                    Provider.PropertyDiff.newBuilder()
                                            .setKind(Provider.PropertyDiff.Kind.UPDATE)
                                            .build());
                }
            }
            return b.setChanges(
                            changed
                                    ? Provider.DiffResponse.DiffChanges.DIFF_SOME
                                    : Provider.DiffResponse.DiffChanges.DIFF_NONE)
                    .build();
        });
    }

    private static boolean isReplace(Provider.PropertyDiff.Kind k) {
        return k == Provider.PropertyDiff.Kind.ADD_REPLACE
                || k == Provider.PropertyDiff.Kind.UPDATE_REPLACE
                || k == Provider.PropertyDiff.Kind.DELETE_REPLACE;
    }

    /** A read-only plan, or the fact that the ClusterSet could not be read (then its steps are unknown). */
    private record Live(Optional<StepPlan> plan, boolean unreadable) {}

    /** What the ClusterSet needs now, read-only; no plan when there is nothing to read with (no config, bad inputs). */
    private Live livePlan(ResourceKind kind, Map<String, Object> news, ProgressLog log) {
        ResourceInputs.Parsed p = ResourceInputs.parse(news, kind.needsMember(), Optional.ofNullable(config.get()));
        if (p.inputs().isEmpty() || config.get() == null) {
            return new Live(Optional.empty(), false);
        }
        ResourceInputs in = p.inputs().get();
        try {
            return new Live(Optional.of(reconciler(in, log, Duration.ZERO).preview(kind.ensure(in))), false);
        } catch (RuntimeException e) {
            log.warn(unreadable(in, e));
            return new Live(Optional.empty(), true);
        }
    }

    /**
     * The preview warning when the ClusterSet cannot be read (no kube credentials in a pull-request job, a context
     * missing, an API server down): the preview completes with the MySQL steps unknown, as pulumi-kubernetes'
     * previews do for an unreachable cluster (provider/pkg/provider/provider.go: Configure records
     * clusterUnreachable, a preview Create/Update returns the inputs, a real one fails with the reason).
     */
    static String unreadable(ResourceInputs in, RuntimeException e) {
        return "cannot read ClusterSet '" + in.spec().name() + "' from here (" + message(e) + "): its MySQL steps "
                + "are unknown in this preview; `pulumi up` refuses until the kube contexts of "
                + "mysqlcs:kubeClusters reach the clusters";
    }

    @Override
    public void create(Provider.CreateRequest request, StreamObserver<Provider.CreateResponse> out) {
        reply(out, () -> {
            ResourceKind kind = kind(request.getType(), request.getUrn());
            Map<String, Object> news = Props.fromStruct(request.getProperties());
            ProgressLog log = log(request.getUrn());
            ResourceInputs.Parsed p = parseOrFail(kind, news, request.getPreview());
            if (request.getPreview()) {
                return Provider.CreateResponse.newBuilder()
                        .setProperties(previewOutputs(kind, news, p, log))
                        .build();
            }
            ResourceInputs in = p.inputs().orElseThrow();
            String id = kind.id(in);
            Struct props = convergeOrPartial(kind, news, in, log, request.getTimeout(), id, request.getProperties());
            return Provider.CreateResponse.newBuilder()
                    .setId(id)
                    .setProperties(props)
                    .build();
        });
    }

    @Override
    public void update(Provider.UpdateRequest request, StreamObserver<Provider.UpdateResponse> out) {
        reply(out, () -> {
            ResourceKind kind = kind(request.getType(), request.getUrn());
            Map<String, Object> news = Props.fromStruct(request.getNews());
            ProgressLog log = log(request.getUrn());
            ResourceInputs.Parsed p = parseOrFail(kind, news, request.getPreview());
            if (request.getPreview()) {
                return Provider.UpdateResponse.newBuilder()
                        .setProperties(previewOutputs(kind, news, p, log))
                        .build();
            }
            ResourceInputs in = p.inputs().orElseThrow();
            return Provider.UpdateResponse.newBuilder()
                    .setProperties(convergeOrPartial(
                            kind, news, in, log, request.getTimeout(), request.getId(), request.getNews()))
                    .build();
        });
    }

    @Override
    public void read(Provider.ReadRequest request, StreamObserver<Provider.ReadResponse> out) {
        reply(out, () -> {
            ResourceKind kind = kind(request.getType(), request.getUrn());
            if (request.getInputs().getFieldsCount() == 0
                    && request.getProperties().getFieldsCount() == 0) {
                // `pulumi import` / the import option: Read with the id alone (pkg/resource/deploy/step.go ImportStep).
                throw Status.UNIMPLEMENTED
                        .withDescription(importRefusal(kind, request.getId()))
                        .asRuntimeException();
            }
            // Refresh sends the state's inputs and outputs (step.go RefreshStep); older engines only the outputs.
            Struct inputsStruct = request.getInputs().getFieldsCount() > 0
                    ? request.getInputs()
                    : Props.toStruct(inputsOnly(Props.fromStruct(request.getProperties())));
            Map<String, Object> inputs = inputsOnly(Props.fromStruct(inputsStruct));
            ProgressLog log = log(request.getUrn());
            ResourceInputs in = parseRecordedOrFail(kind, inputs);
            unconfigured(in)
                    .ifPresent(k -> log.warn("Kubernetes cluster '" + k + "' of member '"
                            + in.member().orElseThrow()
                            + "' is no longer in the mysqlcs provider's kubeClusters: the member is "
                            + "read through the ClusterSet's other members only. " + removeMemberFirst(in, k)));
            Reconciler rec = reconciler(in, log, Duration.ZERO);
            var obs = rec.observe();
            Optional<Boolean> exists = kind.exists(in, obs);
            if (exists.isEmpty()) {
                log.warn("the ClusterSet could not be read (no member answered); keeping the last known state");
                return Provider.ReadResponse.newBuilder()
                        .setId(request.getId())
                        .setProperties(request.getProperties())
                        .setInputs(inputsStruct)
                        .build();
            }
            if (!exists.get()) {
                return Provider.ReadResponse.newBuilder().build();
            }
            StepPlan remaining = rec.plan(kind.ensure(in), obs);
            // What the last Create / Update applied is history, not something MySQL can say: carried over, so a
            // refresh of an unchanged ClusterSet returns the state as it is (no drift).
            List<String> applied =
                    stringList(Props.fromStruct(request.getProperties()).get(ResourceKind.APPLIED_STEPS));
            return Provider.ReadResponse.newBuilder()
                    .setId(kind.id(in))
                    .setProperties(outputs(kind, inputs, in, obs, applied, remaining))
                    .setInputs(inputsStruct)
                    .build();
        });
    }

    static String importRefusal(ResourceKind kind, String id) {
        return "importing " + kind.token() + " '" + id + "' is not supported: its inputs (spec, deploy, rootUser, "
                + "rootPassword" + (kind.needsMember() ? ", member" : "") + ") are the stack's mysqlcs config and "
                + "cannot be read back from MySQL. Declare it in the program instead (the stack program does): "
                + "`pulumi up` then adopts the existing ClusterSet state and runs no step where MySQL already matches "
                + "(see its plannedSteps in `pulumi preview`)";
    }

    private static List<String> stringList(Object v) {
        List<String> out = new ArrayList<>();
        if (v instanceof List<?> l) {
            l.forEach(x -> out.add(String.valueOf(x)));
        }
        return out;
    }

    @Override
    public void delete(Provider.DeleteRequest request, StreamObserver<Empty> out) {
        reply(out, () -> {
            ResourceKind kind = kind(request.getType(), request.getUrn());
            Struct inputsStruct =
                    request.getOldInputs().getFieldsCount() > 0 ? request.getOldInputs() : request.getProperties();
            ProgressLog log = log(request.getUrn());
            ResourceInputs in = parseRecordedOrFail(kind, inputsOnly(Props.fromStruct(inputsStruct)));
            Optional<dev.mysqlcs.plan.Intent> intent = kind.delete(in);
            if (intent.isEmpty()) {
                log.info("primary control removed from this stack; the ClusterSet's primary is unchanged");
                return Empty.getDefaultInstance();
            }
            Optional<String> gone = unconfigured(in);
            if (gone.isPresent()) {
                removeUnreachableMember(in, gone.get(), log);
                return Empty.getDefaultInstance();
            }
            Reconciler.Result r = converge(in, log, timeout(request.getTimeout()), intent.get());
            r.remaining().notes().forEach(log::info);
            return Empty.getDefaultInstance();
        });
    }

    @Override
    public void cancel(Empty request, StreamObserver<Empty> out) {
        reply(out, () -> {
            cancelSteps();
            onCancel.get().run();
            return Empty.getDefaultInstance();
        });
    }

    /** Running and later steps stop at the next check, between two steps (Cancel, and the plugin's shutdown). */
    public void cancelSteps() {
        cancellation.cancel();
    }

    /** What the engine's Cancel starts besides stopping the steps: the plugin's shutdown ({@code ProviderMain}). */
    public void onCancel(Runnable shutdown) {
        onCancel.set(shutdown);
    }

    @Override
    public void getMapping(Provider.GetMappingRequest request, StreamObserver<Provider.GetMappingResponse> out) {
        reply(out, () -> Provider.GetMappingResponse.newBuilder().build());
    }

    // ------------------------------------------------------------------ helpers

    private Reconciler reconciler(ResourceInputs in, ProgressLog log, Duration timeout) {
        ProviderConfig cfg = config.get();
        return new Reconciler(
                in.spec(),
                in.deploy(),
                backends(),
                in.credentials(),
                cfg.kubeClusters().keySet(),
                log,
                cancellation,
                timeout);
    }

    /**
     * Converges; a failure before any step (the ClusterSet could not be read: no kube access, a context missing)
     * is refused with that reason and "nothing was changed", with a status that is not "unknown state".
     */
    /**
     * Converges for a Create or an Update and returns the outputs. When some steps took effect before one failed, the
     * failure is the engine's partial one (ErrorResourceInitFailed with these outputs): the engine records the
     * resource with the reasons as init errors (pkg/engine/update.go OnResourceStepPost, StatusPartialFailure), and
     * the next {@code pulumi up} resumes from what MySQL then says.
     */
    private Struct convergeOrPartial(
            ResourceKind kind,
            Map<String, Object> news,
            ResourceInputs in,
            ProgressLog log,
            double timeoutSeconds,
            String id,
            Struct inputs) {
        try {
            Reconciler.Result r = converge(in, log, timeout(timeoutSeconds), kind.ensure(in));
            return outputs(kind, news, in, r.observation(), r.applied(), r.remaining());
        } catch (Reconciler.StepFailedException e) {
            if (e.applied().isEmpty()) {
                throw e;
            }
            Struct partial = outputs(
                    kind, news, in, e.observation(), e.applied(), new StepPlan(List.of(), List.of(), Optional.empty()));
            throw initFailed(id, partial, inputs, e);
        }
    }

    private Reconciler.Result converge(
            ResourceInputs in, ProgressLog log, Duration timeout, dev.mysqlcs.plan.Intent intent) {
        try {
            return reconciler(in, log, timeout).converge(intent);
        } catch (Reconciler.StepFailedException
                | UnsafeStepRefused
                | Cancellation.CancelledException
                | StatusRuntimeException e) {
            throw e;
        } catch (RuntimeException e) {
            Status s = statusOf(e);
            throw (s == Status.UNKNOWN ? Status.UNAVAILABLE : s)
                    .withDescription("cannot read ClusterSet '" + in.spec().name() + "' (" + message(e)
                            + "); nothing was changed")
                    .withCause(e)
                    .asRuntimeException();
        }
    }

    private static Duration timeout(double seconds) {
        return seconds > 0 ? Duration.ofMillis((long) (seconds * 1000)) : Duration.ZERO;
    }

    private ProgressLog log(String urn) {
        return ProgressLog.of((severity, u, message) -> engineLogger.get().log(severity, u, message), urn);
    }

    private static ResourceKind kind(String type, String urn) {
        String t = type.isEmpty() ? typeOfUrn(urn) : type;
        return ResourceKind.ofToken(t)
                .orElseThrow(() -> Status.UNIMPLEMENTED
                        .withDescription("the mysqlcs provider has no resource type '" + t + "'")
                        .asRuntimeException());
    }

    static String typeOfUrn(String urn) {
        String[] parts = urn.split("::");
        if (parts.length < 4) {
            return "";
        }
        String chain = parts[parts.length - 2];
        int d = chain.lastIndexOf('$');
        return d < 0 ? chain : chain.substring(d + 1);
    }

    /**
     * The member's kube cluster when the provider's current config no longer lists it. The engine runs the Delete of
     * a removed resource, and a refresh's Read, on the provider as the current program configured it
     * (pulumi/pulumi pkg/resource/deploy/providers/registry.go {@code Update} re-registers the reconfigured instance
     * under the provider's unchanged URN and ID; step.go {@code DeleteStep.Provider} is the old state's reference and
     * {@code getProvider} resolves it to that instance; the deletes run after every registration,
     * step_generator.go {@code GenerateDeletes}). The member's state records only the kube cluster's name, never its
     * context, so it cannot be reached any more.
     */
    private Optional<String> unconfigured(ResourceInputs in) {
        ProviderConfig cfg = config.get();
        return cfg == null ? Optional.empty() : in.unconfiguredKubeCluster(cfg);
    }

    /**
     * Delete of a member whose kube cluster is no longer configured: done (nothing to remove) only when the ClusterSet,
     * read through the configured clusters, no longer lists it; otherwise refused (FAILED_PRECONDITION, nothing
     * changed, the engine keeps the resource) with the order that works. Its transactions cannot be compared with the
     * primary's and {@code removeCluster} needs it reachable, so it is never forgotten while it may be a member.
     */
    private void removeUnreachableMember(ResourceInputs in, String kubeCluster, ProgressLog log) {
        String member = in.member().orElseThrow();
        Optional<Boolean> listed;
        try {
            listed = reconciler(in, log, Duration.ZERO)
                    .observe()
                    .clusterSet()
                    .map(cs -> cs.cluster(in.memberSpec().mysqlClusterName()).isPresent());
        } catch (RuntimeException e) {
            listed = Optional.empty();
        }
        if (listed.equals(Optional.of(false))) {
            log.info(member + " is not a member of ClusterSet '" + in.spec().name() + "' (read through the configured "
                    + "Kubernetes clusters); nothing to remove");
            return;
        }
        throw Status.FAILED_PRECONDITION
                .withDescription("cannot remove member '" + member + "' from ClusterSet '"
                        + in.spec().name() + "': its Kubernetes cluster '" + kubeCluster
                        + "' is no longer in the mysqlcs "
                        + "provider's kubeClusters, and the ClusterSet "
                        + (listed.isPresent()
                                ? "still lists it"
                                : "could not be read to tell whether it still lists it")
                        + " (removing it needs its cluster reachable "
                        + "to check its transactions); nothing was changed. " + removeMemberFirst(in, kubeCluster))
                .asRuntimeException();
    }

    private static String removeMemberFirst(ResourceInputs in, String kubeCluster) {
        return "Remove the member first: put '" + kubeCluster + "' back into the provider's kubeClusters "
                + "(mysqlcs:kubeClusters) and run `pulumi up` without member '"
                + in.member().orElseThrow()
                + "' in mysqlcs:clusterSet.members; then remove Kubernetes cluster '" + kubeCluster
                + "' in a separate `pulumi up`";
    }

    /** Recorded inputs (Delete, Read): a member's kube cluster may have left the provider's config since. */
    private ResourceInputs parseRecordedOrFail(ResourceKind kind, Map<String, Object> props) {
        return failOn(ResourceInputs.parseRecorded(props, kind.needsMember(), Optional.ofNullable(config.get())), false)
                .inputs()
                .orElseThrow();
    }

    private ResourceInputs.Parsed parseOrFail(ResourceKind kind, Map<String, Object> props, boolean preview) {
        return failOn(ResourceInputs.parse(props, kind.needsMember(), Optional.ofNullable(config.get())), preview);
    }

    private static ResourceInputs.Parsed failOn(ResourceInputs.Parsed p, boolean preview) {
        if (!p.failures().isEmpty()) {
            throw Status.INVALID_ARGUMENT
                    .withDescription(p.failures().stream()
                            .map(f -> f.property() + ": " + f.reason())
                            .reduce((a, b) -> a + "; " + b)
                            .orElse(""))
                    .asRuntimeException();
        }
        if (p.unknown() && !preview) {
            throw Status.INVALID_ARGUMENT
                    .withDescription("inputs are still unknown outside a preview")
                    .asRuntimeException();
        }
        return p;
    }

    /** The inputs as the program sent them (outputs of an older version may carry more). */
    private static Map<String, Object> inputsOnly(Map<String, Object> props) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String k : List.of(
                ResourceInputs.SPEC,
                ResourceInputs.DEPLOY,
                ResourceInputs.ROOT_USER,
                ResourceInputs.ROOT_PASSWORD,
                ResourceInputs.MEMBER)) {
            if (props.containsKey(k)) {
                out.put(k, props.get(k));
            }
        }
        return out;
    }

    private Struct outputs(
            ResourceKind kind,
            Map<String, Object> inputs,
            ResourceInputs in,
            dev.mysqlcs.plan.Observation obs,
            List<String> applied,
            StepPlan remaining) {
        Map<String, Object> out = new LinkedHashMap<>(inputsOnly(inputs));
        out.putAll(kind.observed(in, obs));
        out.putAll(ResourceKind.stepLists(remaining, applied));
        return Props.toStruct(out);
    }

    /** Preview: the inputs, what would run (when the ClusterSet can be read), everything else unknown. */
    private Struct previewOutputs(
            ResourceKind kind, Map<String, Object> news, ResourceInputs.Parsed p, ProgressLog log) {
        Map<String, Object> out = new LinkedHashMap<>(inputsOnly(news));
        kind.observedKeys().forEach(k -> out.put(k, Props.UNKNOWN));
        out.put(ResourceKind.PLANNED_STEPS, Props.UNKNOWN);
        out.put(ResourceKind.APPLIED_STEPS, Props.UNKNOWN);
        out.put("notes", Props.UNKNOWN);
        if (p.inputs().isPresent()) {
            ResourceInputs in = p.inputs().get();
            try {
                StepPlan plan = reconciler(in, log, Duration.ZERO).preview(kind.ensure(in));
                plan.describe().forEach(s -> log.info("plan: " + s));
                out.put(ResourceKind.PLANNED_STEPS, plan.describe());
                out.put("notes", plan.notes());
            } catch (RuntimeException e) {
                log.warn(unreadable(in, e));
            }
        }
        return Props.toStruct(out);
    }

    private static StatusRuntimeException initFailed(
            String id, Struct properties, Struct inputs, Reconciler.StepFailedException e) {
        List<String> reasons = new ArrayList<>();
        reasons.add(e.getMessage());
        reasons.add("steps that took effect: " + String.join("; ", e.applied()));
        Provider.ErrorResourceInitFailed detail = Provider.ErrorResourceInitFailed.newBuilder()
                .setId(id)
                .setProperties(properties)
                .setInputs(inputs)
                .addAllReasons(reasons)
                .build();
        com.google.rpc.Status status = com.google.rpc.Status.newBuilder()
                .setCode(statusOf(e).getCode().value())
                .setMessage(message(e))
                .addDetails(Any.pack(detail))
                .build();
        return StatusProto.toStatusRuntimeException(status);
    }

    private static String message(Throwable e) {
        Throwable c = e instanceof Reconciler.StepFailedException && e.getCause() != null ? e.getCause() : e;
        if (c instanceof UnsafeStepRefused r) {
            return "refused (" + r.rule() + "): " + r.getMessage();
        }
        String m = c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage();
        if (e instanceof Reconciler.StepFailedException f && !f.applied().isEmpty()) {
            m += " (after: " + String.join("; ", f.applied()) + ")";
        }
        return m;
    }

    /**
     * The gRPC status of a failure. The engine records a resource's state as unknown only for UNKNOWN, INTERNAL and
     * DATA_LOSS (pulumi/pulumi sdk/go/common/resource/plugin/provider_plugin.go resourceStateAndError; the update then
     * reports "maybe corrupt", pkg/engine/update.go): those are kept for a mutation whose outcome is not known (it
     * timed out) and for errors nobody foresaw; a refusal, an unreachable or refusing cluster, a wait that ran out,
     * a cancellation changed nothing and say so.
     */
    static Status statusOf(Throwable e) {
        Throwable c = e instanceof Reconciler.StepFailedException && e.getCause() != null ? e.getCause() : e;
        if (c instanceof UnsafeStepRefused) {
            return Status.FAILED_PRECONDITION;
        } else if (c instanceof Cancellation.CancelledException) {
            return Status.CANCELLED;
        } else if (c instanceof dev.mysqlcs.io.AdminApiException.Timeout
                || c instanceof dev.mysqlcs.io.MySqlShell.ShellTimeoutException) {
            return Status.UNKNOWN;
        } else if (c instanceof Poll.WaitTimeoutException) {
            return Status.DEADLINE_EXCEEDED;
        } else if (c instanceof dev.mysqlcs.io.AdminApiException.Unreachable
                || c instanceof dev.mysqlcs.io.MySqlShell.ShellUnavailableException
                || c instanceof KubeActions.KubeUnavailableException
                || c instanceof io.fabric8.kubernetes.client.KubernetesClientException) {
            return Status.UNAVAILABLE;
        } else if (c instanceof dev.mysqlcs.io.AdminApiException
                || c instanceof IllegalArgumentException
                || c instanceof IllegalStateException
                || c instanceof dev.mysqlcs.io.jdbc.JdbcProbeException) {
            // The Shell said no, a kube context is missing or refuses exec, the plan did not converge.
            return Status.FAILED_PRECONDITION;
        }
        return Status.UNKNOWN;
    }

    /** Runs one call; user-facing failures become gRPC statuses with the message and guidance. */
    private static <T> void reply(StreamObserver<T> out, Supplier<T> body) {
        T result;
        try {
            result = body.get();
        } catch (StatusRuntimeException e) {
            out.onError(e);
            return;
        } catch (RuntimeException e) {
            Status s = statusOf(e);
            out.onError(s.withDescription(message(e))
                    .withCause(s == Status.UNKNOWN ? e : null)
                    .asRuntimeException());
            return;
        }
        out.onNext(result);
        out.onCompleted();
    }

    /** Releases the backends (Kubernetes clients) at shutdown. */
    public void shutdown() {
        Backends b = backends.getAndSet(null);
        if (b != null) {
            b.close();
        }
    }
}
