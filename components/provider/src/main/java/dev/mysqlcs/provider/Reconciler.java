package dev.mysqlcs.provider;

import dev.mysqlcs.io.AdminApi;
import dev.mysqlcs.io.AdminApiException;
import dev.mysqlcs.io.Credentials;
import dev.mysqlcs.io.InstanceProbe;
import dev.mysqlcs.io.InstanceProbes;
import dev.mysqlcs.io.PodRef;
import dev.mysqlcs.model.ClusterSetSpec;
import dev.mysqlcs.model.ClusterSetStatus;
import dev.mysqlcs.model.Member;
import dev.mysqlcs.plan.ClusterSetPlanner;
import dev.mysqlcs.plan.ClusterSetStep;
import dev.mysqlcs.plan.Intent;
import dev.mysqlcs.plan.Observation;
import dev.mysqlcs.plan.StepPlan;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * Observe, plan, run the first step, and again, until the plan is empty: every step is decided on state read just
 * before it, so an interrupted run resumes and a repeated one changes nothing. Mutations run under the ClusterSet lock
 * (GET_LOCK on the primary, or on the promotion target when the primary is gone), so two stacks never change one
 * ClusterSet at the same time.
 */
public final class Reconciler {

    /** More steps than any plan has: a loop that does not converge stops here. */
    static final int MAX_STEPS = 64;

    static final Duration READ_TIMEOUT = Duration.ofSeconds(120);
    static final Duration LOCK_POLL = Duration.ofSeconds(1);
    /**
     * Longest wait for the MySQL Operator to add a pod to its cluster itself (AwaitOperatorAddInstance), at most the
     * step timeout: the operator retries a pod it cannot join yet every 10 to 30 s (operator_cluster.py
     * on_pod_create: TemporaryError delay=30 while the sidecar has not set the {@code configured} gate;
     * cluster_controller.py on_pod_created delay=15 while the cluster is not ready, ClusterMutex delay=10), so 120 s
     * covers several of its attempts. A join it starts meanwhile holds the cluster's lock, which the AddInstance
     * after the wait then waits for (see {@link #retryWhileBusy}).
     */
    static final Duration OPERATOR_JOIN_GRACE = Duration.ofSeconds(120);

    private final ClusterSetSpec spec;
    private final Set<String> deployed;
    private final Backends backends;
    private final Credentials credentials;
    private final Set<String> kubeAccess;
    private final ProgressLog log;
    private final Cancellation cancellation;
    private final AdminApi api;
    private final Observer observer;
    private final Duration stepTimeout;
    private final Duration operatorJoinGrace;

    /** What a converge did and what it saw last. */
    public record Result(Observation observation, List<String> applied, StepPlan remaining) {}

    public Reconciler(
            ClusterSetSpec spec,
            Set<String> deployedKubeClusters,
            Backends backends,
            Credentials credentials,
            Set<String> kubeAccess,
            ProgressLog log,
            Cancellation cancellation,
            Duration operationTimeout) {
        this.spec = spec;
        this.deployed = deployedKubeClusters;
        this.backends = backends;
        this.credentials = credentials;
        this.kubeAccess = kubeAccess;
        this.log = log;
        this.cancellation = cancellation;
        this.stepTimeout = operationTimeout.isZero()
                        || operationTimeout.compareTo(spec.timeouts().step()) > 0
                ? spec.timeouts().step()
                : operationTimeout;
        this.operatorJoinGrace = OPERATOR_JOIN_GRACE.compareTo(spec.timeouts().step()) < 0
                ? OPERATOR_JOIN_GRACE
                : spec.timeouts().step();
        Duration read = READ_TIMEOUT.compareTo(stepTimeout) < 0 ? READ_TIMEOUT : stepTimeout;
        this.api = new AdminApi(backends.shell(), credentials, read);
        this.observer = new Observer(spec, api, backends.probes(), credentials, backends.kube(), kubeAccess, log);
    }

    public Observation observe() {
        return observer.observe();
    }

    public StepPlan plan(Intent intent, Observation obs) {
        return ClusterSetPlanner.plan(intent, spec, deployed, obs);
    }

    /** Read-only: what would run now (preview). */
    public StepPlan preview(Intent intent) {
        return plan(intent, observe());
    }

    /**
     * Runs steps until the intent holds.
     *
     * @throws dev.mysqlcs.plan.UnsafeStepRefused when the plan refuses (after running the safe steps before it)
     * @throws StepFailedException when a step fails; the steps already applied are in it
     */
    public Result converge(Intent intent) {
        List<String> applied = new ArrayList<>();
        Observation obs = observe();
        StepPlan plan = plan(intent, obs);
        plan.notes().forEach(log::info);
        if (plan.steps().isEmpty()) {
            plan.refusal().ifPresent(r -> {
                throw r;
            });
            return new Result(obs, applied, plan);
        }
        Lock lock = Lock.NONE;
        // The pods this run already waited for the operator to add (AwaitOperatorAddInstance); the wait is not
        // repeated, the AddInstance planned after it runs.
        Set<String> waitedPods = new java.util.HashSet<>();
        try {
            ClusterSetStep previous = null;
            for (int n = 0; ; n++) {
                if (plan.steps().isEmpty()) {
                    if (plan.refusal().isPresent()) {
                        throw new StepFailedException(plan.refusal().get(), applied, obs);
                    }
                    return new Result(obs, applied, plan);
                }
                if (n >= MAX_STEPS) {
                    throw new StepFailedException(
                            new IllegalStateException("the ClusterSet did not converge after " + MAX_STEPS
                                    + " steps; still planned: " + String.join("; ", plan.describe())),
                            applied,
                            obs);
                }
                try {
                    cancellation.check("the ClusterSet steps");
                } catch (Cancellation.CancelledException e) {
                    throw new StepFailedException(e, applied, obs);
                }
                ClusterSetStep step = firstStep(plan, waitedPods);
                if (step.mutates() && lock == Lock.NONE) {
                    // Decide again under the lock: another run may have changed the ClusterSet meanwhile.
                    lock = acquireLock(obs);
                    obs = observe();
                    plan = plan(intent, obs);
                    continue;
                }
                if (step.equals(previous) && step.mutates()) {
                    throw new StepFailedException(
                            new IllegalStateException("step did not take effect: " + step.describe()
                                    + "; the ClusterSet still needs it after it ran"),
                            applied,
                            obs);
                }
                log.info((step.mutates() ? "step: " : "") + step.describe());
                boolean ran = true;
                try {
                    try {
                        run(step, obs, intent);
                    } catch (AdminApiException.Busy e) {
                        ran = retryWhileBusy(step, intent, e, waitedPods);
                    }
                } catch (AdminApiException.AlreadyInClusterSet | AdminApiException.AlreadyMember e) {
                    // Someone (the operator, another run) did it first: the next observation shows it.
                    log.warn(step.describe() + ": " + e.getMessage() + "; reading the ClusterSet again");
                    ran = false;
                } catch (RuntimeException e) {
                    throw new StepFailedException(e, applied, obs);
                }
                if (step instanceof ClusterSetStep.AwaitOperatorAddInstance s) {
                    s.ordinals().forEach(i -> waitedPods.add(s.member() + "-" + i));
                }
                if (ran && step.mutates()) {
                    applied.add(step.describe());
                }
                if (ran) {
                    previous = step;
                }
                try {
                    obs = observe();
                    plan = plan(intent, obs);
                } catch (RuntimeException e) {
                    // The steps applied so far are reported with the failure (a partial Create / Update).
                    throw new StepFailedException(e, applied, obs);
                }
            }
        } finally {
            lock.close();
        }
    }

    /** The plan's first step, passing over operator waits this run already waited through. */
    static ClusterSetStep firstStep(StepPlan plan, Set<String> waitedPods) {
        for (ClusterSetStep s : plan.steps()) {
            if (s instanceof ClusterSetStep.AwaitOperatorAddInstance w
                    && w.ordinals().stream().allMatch(i -> waitedPods.contains(w.member() + "-" + i))) {
                continue;
            }
            return s;
        }
        throw new IllegalStateException(
                "a plan of waits already waited through: " + String.join("; ", plan.describe()));
    }

    /**
     * A step refused because another AdminAPI operation holds the cluster's lock (MYSQLSH 51500,
     * SHERR_DBA_LOCK_GET_FAILED: mysql/mysql-shell modules/adminapi/cluster/cluster_impl.cc add_instance takes
     * {@code get_lock_exclusive()} with timeout 0, and {@code Cluster_impl::get_lock} throws "Failed to acquire
     * Cluster lock through primary member" at once): typically the MySQL Operator's own join of the same pod
     * (cluster_controller.py join_instance → {@code dba_cluster.add_instance}), which may run for a whole clone. Polls
     * (Poll's short backoff, about once a second) until the step's deadline ({@code timeouts.stepSeconds}): each poll
     * observes and plans again; when the plan no longer starts with this step (the operator did the work, e.g. the
     * pod is now in the cluster) the step is not run again; otherwise it is retried. Only when the deadline passes
     * does it fail, with the Busy guidance.
     *
     * @return true when the step itself ran, false when the ClusterSet no longer needed it
     */
    private boolean retryWhileBusy(
            ClusterSetStep step, Intent intent, AdminApiException.Busy busy, Set<String> waitedPods) {
        Duration limit = spec.timeouts().step();
        log.warn(step.describe() + ": another AdminAPI operation holds the cluster's lock (" + busy.detail()
                + "); reading the ClusterSet again and retrying until it is released (up to " + limit.toSeconds()
                + " s)");
        AdminApiException.Busy[] last = {busy};
        RuntimeException[] inner = {null};
        try {
            return Poll.until(
                    "the cluster's AdminAPI lock to be released to " + step.describe(),
                    limit,
                    () -> {
                        Observation again = observe();
                        StepPlan p = plan(intent, again);
                        ClusterSetStep next = p.steps().isEmpty() ? null : firstStep(p, waitedPods);
                        if (!step.equals(next)) {
                            log.info("the ClusterSet no longer needs " + step.describe()
                                    + " (the operation that held the lock did it)");
                            return Optional.of(Boolean.FALSE);
                        }
                        try {
                            run(step, again, intent);
                            return Optional.of(Boolean.TRUE);
                        } catch (AdminApiException.Busy b) {
                            last[0] = b;
                            return Optional.empty();
                        } catch (AdminApiException.AlreadyMember | AdminApiException.AlreadyInClusterSet e) {
                            // The lock was released between the observation and the retry: the holder did it.
                            log.info(step.describe() + ": " + e.getMessage() + " (the operation that held the lock"
                                    + " did it)");
                            return Optional.of(Boolean.FALSE);
                        } catch (Poll.WaitTimeoutException e) {
                            inner[0] = e;
                            throw e;
                        }
                    },
                    log,
                    cancellation);
        } catch (Poll.WaitTimeoutException e) {
            if (e == inner[0]) {
                throw e;
            }
            throw last[0].stillHeldAfter(limit);
        }
    }

    // ------------------------------------------------------------------ steps

    /** One step (package-private for StepCoverageTest: every ClusterSetStep type has a branch here). */
    void run(ClusterSetStep step, Observation obs, Intent intent) {
        KubeActions kube = backends.kube();
        if (step instanceof ClusterSetStep.AwaitClusterOnline s) {
            Member m = member(s.member());
            awaitPlanChange("InnoDBCluster " + m.name() + " to be ONLINE", step, intent, () -> {
                try {
                    return api.clusterStatus(observer.target(m)).online();
                } catch (AdminApiException e) {
                    return false;
                }
            });
        } else if (step instanceof ClusterSetStep.AwaitClusterSet s) {
            Member p = spec.primaryMember();
            awaitPlanChange("ClusterSet '" + s.domainName() + "' to exist", step, intent, () -> {
                try {
                    api.clusterSetStatus(observer.target(p));
                    return true;
                } catch (AdminApiException e) {
                    return false;
                }
            });
        } else if (step instanceof ClusterSetStep.AwaitOperatorJoin s) {
            Member m = member(s.member());
            Poll.until(
                    "the MySQL Operator to join " + m.name() + " to the ClusterSet",
                    spec.timeouts().step(),
                    () -> {
                        try {
                            return api.clusterSetStatus(observer.target(m))
                                    .cluster(m.mysqlClusterName())
                                    .map(c -> Boolean.TRUE);
                        } catch (AdminApiException e) {
                            return Optional.empty();
                        }
                    },
                    log,
                    cancellation);
        } else if (step instanceof ClusterSetStep.AwaitOperatorAddInstance s) {
            awaitOperatorAddInstance(s);
        } else if (step instanceof ClusterSetStep.CreateClusterSet s) {
            api.createClusterSet(observer.target(member(s.member())), s.domainName(), stepTimeout);
        } else if (step instanceof ClusterSetStep.MarkJoining s) {
            kube.setJoinMark(member(s.member()), s.domainName());
        } else if (step instanceof ClusterSetStep.DissolveStandalone s) {
            api.dissolveCluster(observer.target(member(s.member())), stepTimeout);
        } else if (step instanceof ClusterSetStep.CreateReplicaCluster s) {
            Member m = member(s.member());
            api.createReplicaCluster(
                    new AdminApi.Target(observer.execPod(m), s.primaryHost()),
                    s.host(),
                    s.clusterName(),
                    memberOptions(m),
                    stepTimeout);
        } else if (step instanceof ClusterSetStep.CopyCredentials s) {
            kube.copyCredentials(member(s.fromMember()), member(s.toMember()));
        } else if (step instanceof ClusterSetStep.AddInstance s) {
            Member m = member(s.member());
            api.addInstance(viaClusterMember(m, obs), s.host(), memberOptions(m), stepTimeout);
        } else if (step instanceof ClusterSetStep.RestartRouter s) {
            kube.restartRouter(
                    member(s.member()),
                    observer.marker(obs.clusterSet()),
                    spec.timeouts().rollout(),
                    log,
                    cancellation);
        } else if (step instanceof ClusterSetStep.ClearJoinMark s) {
            kube.clearJoinMark(member(s.member()));
        } else if (step instanceof ClusterSetStep.Switchover s) {
            Member m = member(s.member());
            if (s.viaOperator()) {
                String status = kube.runOperatorFailover(
                        m,
                        false,
                        s.invalidate(),
                        Fabric8KubeActions.failoverName(m, spec.primaryEpoch(), false),
                        stepTimeout,
                        log,
                        cancellation);
                log.info("operator switchover finished: " + status);
            } else {
                api.setPrimaryCluster(observer.target(m), s.clusterName(), s.invalidate(), stepTimeout);
            }
        } else if (step instanceof ClusterSetStep.ForceFailover s) {
            Member m = member(s.member());
            if (s.viaOperator()) {
                String status = kube.runOperatorFailover(
                        m,
                        true,
                        s.invalidate(),
                        Fabric8KubeActions.failoverName(m, spec.primaryEpoch(), true),
                        stepTimeout,
                        log,
                        cancellation);
                log.info("operator failover finished: " + status);
            } else {
                api.forcePrimaryCluster(observer.target(m), s.clusterName(), s.invalidate(), stepTimeout);
            }
        } else if (step instanceof ClusterSetStep.RecordPrimaryEpoch s) {
            api.setPrimaryEpoch(primaryTarget(obs), s.epoch(), stepTimeout);
        } else if (step instanceof ClusterSetStep.FenceWrites s) {
            api.fenceWrites(observer.target(member(s.member())), stepTimeout);
        } else if (step instanceof ClusterSetStep.RejoinCluster s) {
            Member m = member(s.member());
            api.rejoinCluster(new AdminApi.Target(observer.execPod(m), primaryHost(obs)), s.clusterName(), stepTimeout);
        } else if (step instanceof ClusterSetStep.RemoveCluster s) {
            Member m = member(s.member());
            // A lost member's pods cannot be exec'd into: a forced removal runs in the primary's pod.
            PodRef via = s.force()
                    ? observer.execPod(
                            member(memberNameOf(obs.clusterSet().orElseThrow().primaryCluster())))
                    : observer.execPod(m);
            api.removeCluster(new AdminApi.Target(via, primaryHost(obs)), s.clusterName(), s.force(), stepTimeout);
        } else if (step instanceof ClusterSetStep.SetRoutingOption s) {
            api.setRoutingOption(observer.target(member(s.member())), s.router(), s.option(), s.value(), stepTimeout);
        } else if (step instanceof ClusterSetStep.RemoveRouterMetadata s) {
            api.removeRouterMetadata(observer.target(member(s.member())), s.router(), stepTimeout);
        } else if (step instanceof ClusterSetStep.Rescan s) {
            api.rescan(viaClusterMember(member(s.member()), obs), stepTimeout);
        } else if (step instanceof ClusterSetStep.RecreateCluster s) {
            Member m = member(s.member());
            api.createCluster(
                    new AdminApi.Target(Observer.pod(m, 0), s.host()), s.clusterName(), memberOptions(m), stepTimeout);
        } else {
            throw new IllegalStateException("no runner for step " + step);
        }
    }

    /**
     * Waits until a fresh plan no longer starts with this wait. Each poll asks one cheap question ({@code ready}, a
     * single mysqlsh call) so the change is noticed within about a second; the full observation runs only once that
     * answer says the wait is over.
     */
    private void awaitPlanChange(String what, ClusterSetStep step, Intent intent, BooleanSupplier ready) {
        Poll.until(
                what,
                spec.timeouts().step(),
                () -> {
                    if (!ready.getAsBoolean()) {
                        return Optional.empty();
                    }
                    StepPlan again = plan(intent, observe());
                    return again.steps().isEmpty() || !again.steps().get(0).equals(step)
                            ? Optional.of(Boolean.TRUE)
                            : Optional.empty();
                },
                log,
                cancellation);
    }

    /**
     * Polls the member's cluster status until every pod of the step is in its topology, or {@link
     * #OPERATOR_JOIN_GRACE} (at most the step timeout) passed; then returns either way: the AddInstance steps planned
     * after it add what is still missing.
     */
    private void awaitOperatorAddInstance(ClusterSetStep.AwaitOperatorAddInstance s) {
        Member m = member(s.member());
        List<String> hosts =
                s.ordinals().stream().map(i -> m.podFqdn(i, spec.domain())).toList();
        String pods =
                s.ordinals().stream().map(i -> m.name() + "-" + i).collect(java.util.stream.Collectors.joining(", "));
        try {
            Poll.until(
                    "the MySQL Operator to add " + pods + " to InnoDB cluster " + s.clusterName(),
                    operatorJoinGrace,
                    () -> {
                        try {
                            var status = api.clusterStatus(observer.target(m));
                            boolean all = hosts.stream().allMatch(status::hasInstanceOnHost);
                            return all ? Optional.of(Boolean.TRUE) : Optional.empty();
                        } catch (AdminApiException e) {
                            return Optional.empty();
                        }
                    },
                    log,
                    cancellation);
            log.info("the MySQL Operator added " + pods + " to InnoDB cluster " + s.clusterName());
        } catch (Poll.WaitTimeoutException e) {
            log.info("the MySQL Operator did not add " + pods + " to InnoDB cluster " + s.clusterName() + " within "
                    + operatorJoinGrace.toSeconds() + " s; the provider adds what is still missing");
        }
    }

    /** The GR options of the member's replica cluster, as its operator would create it ({@link AdminApi.MemberOptions}). */
    private AdminApi.MemberOptions memberOptions(Member m) {
        return m.tls().useSelfSigned()
                ? AdminApi.MemberOptions.selfSigned()
                : certificateOptions(backends.kube().certNames(m));
    }

    private static AdminApi.MemberOptions certificateOptions(KubeActions.CertNames names) {
        return new AdminApi.MemberOptions("VERIFY_IDENTITY", Optional.of(names.subject()), Optional.of(names.issuer()));
    }

    /**
     * mysqlsh in, and a session on, the member's first ONLINE instance, else its answering pod.
     */
    private AdminApi.Target viaClusterMember(Member m, Observation obs) {
        Optional<ClusterSetStatus.Cluster> c = obs.clusterSet().flatMap(cs -> cs.cluster(m.mysqlClusterName()));
        if (c.isPresent()) {
            for (int i = 0; i < m.instances(); i++) {
                String host = m.podFqdn(i, spec.domain());
                boolean online = c.get().topology().values().stream()
                        .anyMatch(x -> ClusterSetStatus.hostOf(x.address()).equalsIgnoreCase(host)
                                && "ONLINE".equalsIgnoreCase(x.status()));
                if (online) {
                    return new AdminApi.Target(Observer.pod(m, i), host);
                }
            }
        }
        return observer.target(m);
    }

    private String primaryHost(Observation obs) {
        ClusterSetStatus cs = obs.clusterSet().orElseThrow(() -> new IllegalStateException("no ClusterSet observed"));
        return cs.globalPrimaryInstance()
                .map(ClusterSetStatus::hostOf)
                .orElseGet(() -> member(memberNameOf(cs.primaryCluster())).podFqdn(0, spec.domain()));
    }

    /** mysqlsh in the primary cluster's pod 0, session on the instance taking writes. */
    private AdminApi.Target primaryTarget(Observation obs) {
        ClusterSetStatus cs = obs.clusterSet().orElseThrow(() -> new IllegalStateException("no ClusterSet observed"));
        Member p = member(memberNameOf(cs.primaryCluster()));
        return new AdminApi.Target(observer.execPod(p), primaryHost(obs));
    }

    private String memberNameOf(String mysqlClusterName) {
        return spec.members().stream()
                .filter(m -> m.mysqlClusterName().equals(mysqlClusterName))
                .findFirst()
                .map(Member::name)
                .orElseThrow(() -> new IllegalStateException(
                        "cluster '" + mysqlClusterName + "' is not one of mysqlcs:clusterSet.members"));
    }

    private Member member(String name) {
        return spec.member(name).orElseThrow(() -> new IllegalStateException("no member " + name));
    }

    // ------------------------------------------------------------------ lock

    /** The ClusterSet mutation lock: one GET_LOCK session, released when closed (or when the session dies). */
    interface Lock extends AutoCloseable {
        Lock NONE = () -> {};

        @Override
        void close();
    }

    String lockName() {
        String n = "mysqlcs.clusterset." + spec.name();
        return n.length() > 64 ? n.substring(0, 64) : n;
    }

    /** Where the lock lives: the instance taking writes, or the promotion target when the primary is unreachable. */
    PodRef lockPod(Observation obs) {
        if (obs.clusterSet().isPresent()) {
            ClusterSetStatus cs = obs.clusterSet().get();
            boolean primaryDown =
                    cs.primary().map(ClusterSetStatus.Cluster::unreachable).orElse(true)
                            || spec.members().stream()
                                    .filter(m -> m.mysqlClusterName().equals(cs.primaryCluster()))
                                    .anyMatch(m -> obs.member(m.name()).reach() == Observation.Reach.UNREACHABLE);
            if (!primaryDown) {
                Optional<PodRef> pod =
                        cs.globalPrimaryInstance().map(ClusterSetStatus::hostOf).flatMap(observer::podOfHost);
                if (pod.isPresent() && kubeAccess.contains(pod.get().kubeCluster())) {
                    return pod.get();
                }
                Optional<Member> p = spec.members().stream()
                        .filter(m -> m.mysqlClusterName().equals(cs.primaryCluster()))
                        .findFirst();
                if (p.isPresent() && kubeAccess.contains(p.get().kubeCluster())) {
                    return observer.execPod(p.get());
                }
            }
        }
        // The pod of the promotion target that answered last (pod 0 may be gone).
        return observer.execPod(spec.primaryMember());
    }

    private Lock acquireLock(Observation obs) {
        PodRef pod = lockPod(obs);
        String name = lockName();
        InstanceProbes probes = backends.probes();
        InstanceProbe probe;
        try {
            probe = probes.open(pod, credentials);
        } catch (RuntimeException e) {
            throw new StepFailedException(
                    new IllegalStateException("cannot take the ClusterSet lock '" + name + "' on " + pod.kubeCluster()
                            + "/" + pod.pod() + " (" + e.getMessage() + "); nothing was changed"),
                    List.of(),
                    obs);
        }
        long deadline = System.nanoTime() + spec.timeouts().lock().toNanos();
        long nextLog = 0;
        try {
            while (!probe.tryLock(name, LOCK_POLL)) {
                long now = System.nanoTime();
                if (now >= deadline) {
                    throw new StepFailedException(
                            new Poll.WaitTimeoutException("another run still holds the "
                                    + "ClusterSet lock '" + name + "' on " + pod.pod() + " after "
                                    + spec.timeouts().lock().toSeconds()
                                    + " s (mysqlcs:clusterSet.timeouts.lockSeconds); "
                                    + "nothing was changed"),
                            List.of(),
                            obs);
                }
                if (now >= nextLog) {
                    log.info("waiting for the ClusterSet lock '" + name + "' on " + pod.kubeCluster() + "/" + pod.pod()
                            + ": another `pulumi up` (this or another stack) is changing ClusterSet " + spec.name());
                    nextLog = now + 10_000_000_000L;
                }
                cancellation.check("waiting for the ClusterSet lock");
            }
        } catch (RuntimeException e) {
            probe.close();
            throw e;
        }
        log.info("holding the ClusterSet lock '" + name + "' on " + pod.kubeCluster() + "/" + pod.pod());
        return () -> {
            try {
                probe.unlock(name);
            } catch (RuntimeException e) {
                log.warn("releasing the ClusterSet lock: " + e.getMessage() + " (it ends with the session)");
            } finally {
                probe.close();
            }
        };
    }

    /** A step failed (or a refusal stopped the run) after {@code applied} steps took effect. */
    public static final class StepFailedException extends RuntimeException {
        private final List<String> applied;
        private final transient Observation observation;

        public StepFailedException(RuntimeException cause, List<String> applied, Observation observation) {
            super(cause.getMessage(), cause);
            this.applied = List.copyOf(applied);
            this.observation = observation;
        }

        public List<String> applied() {
            return applied;
        }

        public Observation observation() {
            return observation;
        }
    }
}
