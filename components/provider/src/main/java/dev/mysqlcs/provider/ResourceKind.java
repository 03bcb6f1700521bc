package dev.mysqlcs.provider;

import dev.mysqlcs.model.ClusterSetStatus;
import dev.mysqlcs.model.Member;
import dev.mysqlcs.plan.Intent;
import dev.mysqlcs.plan.Observation;
import dev.mysqlcs.plan.StepPlan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The provider's resource types: token, id, what Create/Update and Delete ask the planner for, which inputs force a
 * replacement, and the outputs read from the ClusterSet.
 */
public enum ResourceKind {

    /** The ClusterSet itself; registered by every stack (created on the configured primary, adopted elsewhere). */
    CLUSTER_SET("mysqlcs:index:ClusterSet", false),
    /** One InnoDBCluster's membership (joined as a replica when it is not a member); by the stack deploying it. */
    MEMBER("mysqlcs:index:ClusterSetMember", true),
    /** The primary cluster (switchover / forced failover); by every stack, guarded by the primary epoch. */
    PRIMARY("mysqlcs:index:ClusterSetPrimary", false);

    public static final String PLANNED_STEPS = "plannedSteps";
    public static final String APPLIED_STEPS = "appliedSteps";

    private final String token;
    private final boolean needsMember;

    ResourceKind(String token, boolean needsMember) {
        this.token = token;
        this.needsMember = needsMember;
    }

    public String token() {
        return token;
    }

    public boolean needsMember() {
        return needsMember;
    }

    public static Optional<ResourceKind> ofToken(String token) {
        for (ResourceKind k : values()) {
            if (k.token.equals(token)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }

    public String id(ResourceInputs in) {
        return switch (this) {
            case CLUSTER_SET -> in.spec().name();
            case MEMBER -> in.spec().name() + "/" + in.member().orElseThrow();
            case PRIMARY -> in.spec().name() + "/primary";
        };
    }

    public Intent ensure(ResourceInputs in) {
        return switch (this) {
            case CLUSTER_SET -> new Intent.EnsureClusterSet();
            case MEMBER -> new Intent.EnsureMember(in.member().orElseThrow());
            case PRIMARY -> new Intent.EnsurePrimary();
        };
    }

    /** Empty for the primary: deleting primary control changes nothing in MySQL. */
    public Optional<Intent> delete(ResourceInputs in) {
        return switch (this) {
            case CLUSTER_SET -> Optional.of(new Intent.DissolveClusterSet());
            case MEMBER -> Optional.of(new Intent.RemoveMember(in.member().orElseThrow()));
            case PRIMARY -> Optional.empty();
        };
    }

    /** One input property the diff looks at. */
    record DiffKey(String path, Function<Map<String, Object>, Object> get, boolean replaces) {
    }

    List<DiffKey> diffKeys() {
        List<DiffKey> keys = new ArrayList<>();
        keys.add(new DiffKey("spec.name", specField("name"), true));
        keys.add(new DiffKey("spec.linkage", specField("linkage"), false));
        keys.add(new DiffKey("spec.timeouts", specField("timeouts"), false));
        keys.add(new DiffKey(ResourceInputs.ROOT_USER, m -> m.get(ResourceInputs.ROOT_USER), false));
        keys.add(new DiffKey(ResourceInputs.ROOT_PASSWORD, m -> m.get(ResourceInputs.ROOT_PASSWORD), false));
        switch (this) {
            case CLUSTER_SET -> keys.add(new DiffKey("spec.domain", specField("domain"), false));
            case MEMBER -> {
                keys.add(new DiffKey(ResourceInputs.MEMBER, m -> m.get(ResourceInputs.MEMBER), true));
                keys.add(new DiffKey("spec.domain", specField("domain"), false));
                keys.add(new DiffKey("spec.members[member].namespace", memberField("namespace"), true));
                keys.add(new DiffKey("spec.members[member].kubeCluster", memberField("kubeCluster"), true));
                keys.add(new DiffKey("spec.members[member].instances", memberField("instances"), false));
                keys.add(new DiffKey("spec.members[member].routerInstances", memberField("routerInstances"), false));
                keys.add(new DiffKey("spec.removeLostClusters", specField("removeLostClusters"), false));
            }
            case PRIMARY -> {
                keys.add(new DiffKey("spec.primary", specField("primary"), false));
                keys.add(new DiffKey("spec.primaryEpoch", specField("primaryEpoch"), false));
                keys.add(new DiffKey("spec.forceFailover", specField("forceFailover"), false));
                keys.add(new DiffKey("spec.invalidateReplicaClusters", specField("invalidateReplicaClusters"),
                        false));
            }
        }
        return keys;
    }

    private static Function<Map<String, Object>, Object> specField(String field) {
        return m -> {
            Object spec = m.get(ResourceInputs.SPEC);
            if (spec == Props.UNKNOWN) {
                return Props.UNKNOWN;
            }
            return Props.reveal(spec) instanceof Map<?, ?> s ? s.get(field) : null;
        };
    }

    private static Function<Map<String, Object>, Object> memberField(String field) {
        return m -> {
            Object spec = m.get(ResourceInputs.SPEC);
            Object name = m.get(ResourceInputs.MEMBER);
            if (spec == Props.UNKNOWN || name == Props.UNKNOWN) {
                return Props.UNKNOWN;
            }
            if (Props.reveal(spec) instanceof Map<?, ?> s && s.get("members") instanceof List<?> members) {
                for (Object o : members) {
                    if (o == Props.UNKNOWN) {
                        return Props.UNKNOWN;
                    }
                    if (Props.reveal(o) instanceof Map<?, ?> mm && Props.sameValue(mm.get("name"), name)) {
                        return mm.get(field);
                    }
                }
            }
            return null;
        };
    }

    /** Outputs read from the ClusterSet (besides the echoed inputs and the step lists). */
    Map<String, Object> observed(ResourceInputs in, Observation obs) {
        Map<String, Object> out = new LinkedHashMap<>();
        Optional<ClusterSetStatus> cs = obs.clusterSet();
        out.put("clusterSetStatus", cs.map(ClusterSetStatus::status).orElse("ABSENT"));
        switch (this) {
            case CLUSTER_SET -> {
                out.put("domainName", cs.map(ClusterSetStatus::domainName).orElse(""));
                out.put("primaryCluster", cs.map(ClusterSetStatus::primaryCluster).orElse(""));
                out.put("statusText", cs.map(ClusterSetStatus::statusText).orElse(""));
                out.put("members", cs.map(s -> (Object) List.copyOf(s.clusters().keySet())).orElse(List.of()));
                Map<String, Object> clusters = new LinkedHashMap<>();
                cs.ifPresent(s -> s.clusters().forEach((name, c) -> clusters.put(name, Map.of(
                        "clusterRole", c.clusterRole(), "globalStatus", c.globalStatus(), "status", c.status(),
                        "replicationChannel", c.isPrimary() ? "" : c.clusterSetReplicationStatus().orElse("")))));
                out.put("clusters", clusters);
                out.put("invalidatedClusters", cs.map(s -> (Object) s.invalidatedClusters()).orElse(List.of()));
                out.put("primaryEpoch", (double) obs.recordedEpoch().orElse(0L));
            }
            case MEMBER -> {
                Member m = in.memberSpec();
                Optional<ClusterSetStatus.Cluster> c = cs.flatMap(s -> s.cluster(m.mysqlClusterName()));
                out.put("clusterName", m.mysqlClusterName());
                out.put("clusterRole", c.map(ClusterSetStatus.Cluster::clusterRole).orElse("NONE"));
                out.put("globalStatus", c.map(ClusterSetStatus.Cluster::globalStatus).orElse(""));
                out.put("clusterStatus", c.map(ClusterSetStatus.Cluster::status).orElse(""));
                // cluster_set/status.cc clusterSetReplicationStatus: OK, STOPPED, ERROR, MISSING ("" for the primary).
                out.put("replicationChannel", c.filter(x -> !x.isPrimary())
                        .flatMap(ClusterSetStatus.Cluster::clusterSetReplicationStatus).orElse(""));
                out.put("instances", c.map(x -> (Object) List.copyOf(x.topology().keySet())).orElse(List.of()));
                out.put("invalidated", c.map(ClusterSetStatus.Cluster::invalidated).orElse(false));
            }
            case PRIMARY -> {
                out.put("primaryCluster", cs.map(ClusterSetStatus::primaryCluster).orElse(""));
                out.put("primaryEpoch", (double) obs.recordedEpoch().orElse(0L));
            }
        }
        return out;
    }

    /** The computed outputs' names: unknown in a preview. */
    List<String> observedKeys() {
        return switch (this) {
            case CLUSTER_SET -> List.of("clusterSetStatus", "domainName", "primaryCluster", "statusText", "members",
                    "clusters", "invalidatedClusters", "primaryEpoch");
            case MEMBER -> List.of("clusterSetStatus", "clusterName", "clusterRole", "globalStatus", "clusterStatus",
                    "replicationChannel",
                    "instances", "invalidated");
            case PRIMARY -> List.of("clusterSetStatus", "primaryCluster", "primaryEpoch");
        };
    }

    /** Does the resource still exist, as far as the observation can tell (empty: cannot tell)? */
    Optional<Boolean> exists(ResourceInputs in, Observation obs) {
        Optional<ClusterSetStatus> cs = obs.clusterSet();
        if (this == MEMBER) {
            Member m = in.memberSpec();
            if (cs.isPresent()) {
                return Optional.of(cs.get().cluster(m.mysqlClusterName()).isPresent());
            }
            return gone(obs.member(m.name()));
        }
        if (cs.isPresent()) {
            return Optional.of(true);
        }
        return gone(obs.member(in.spec().primary()));
    }

    /**
     * Outside any ClusterSet view: gone only when the member answered as no cluster or a standalone one; a member
     * whose InnoDB cluster is down (GR stopped) may still be in the ClusterSet, so that cannot be told.
     */
    private static Optional<Boolean> gone(Observation.MemberFacts f) {
        boolean told = f.reach() == Observation.Reach.REACHABLE && (f.standalone() == Observation.Standalone.NO_CLUSTER
                || f.standalone() == Observation.Standalone.ONLINE || f.standalone() == Observation.Standalone.NOT_READY);
        return told ? Optional.of(false) : Optional.empty();
    }

    static Map<String, Object> stepLists(StepPlan remaining, List<String> applied) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put(PLANNED_STEPS, remaining.describe());
        out.put(APPLIED_STEPS, List.copyOf(applied));
        out.put("notes", remaining.notes());
        return out;
    }
}
