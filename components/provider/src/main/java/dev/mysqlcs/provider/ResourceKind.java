package dev.mysqlcs.provider;

import dev.mysqlcs.contract.ClusterSetContract;
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
import java.util.OptionalInt;
import java.util.function.Function;

/**
 * The provider's resource types: token, id, what Create/Update and Delete ask the planner for, which inputs force a
 * replacement, and the outputs read from the ClusterSet.
 */
public enum ResourceKind {

    /** The ClusterSet itself; registered by every stack (created on the configured primary, adopted elsewhere). */
    CLUSTER_SET(ClusterSetContract.Kind.CLUSTER_SET),
    /** One InnoDBCluster's membership (joined as a replica when it is not a member); by the stack deploying it. */
    MEMBER(ClusterSetContract.Kind.MEMBER),
    /** The primary cluster (switchover / forced failover); by every stack, guarded by the primary epoch. */
    PRIMARY(ClusterSetContract.Kind.PRIMARY);

    public static final String PLANNED_STEPS = ClusterSetContract.PLANNED_STEPS;
    public static final String APPLIED_STEPS = ClusterSetContract.APPLIED_STEPS;

    private final ClusterSetContract.Kind contract;

    ResourceKind(ClusterSetContract.Kind contract) {
        this.contract = contract;
    }

    /** Token, inputs and outputs on the wire. */
    public ClusterSetContract.Kind contract() {
        return contract;
    }

    public String token() {
        return contract.token();
    }

    public boolean needsMember() {
        return contract.needsMember();
    }

    public static Optional<ResourceKind> ofToken(String token) {
        for (ResourceKind k : values()) {
            if (k.token().equals(token)) {
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
        return contract.ensure(in.member());
    }

    /** Empty for the primary: deleting primary control changes nothing in MySQL. */
    public Optional<Intent> delete(ResourceInputs in) {
        return switch (this) {
            case CLUSTER_SET -> Optional.of(new Intent.DissolveClusterSet());
            case MEMBER -> Optional.of(new Intent.RemoveMember(in.member().orElseThrow()));
            case PRIMARY -> Optional.empty();
        };
    }

    /**
     * One input property the diff looks at. {@code field} is a top-level input ({@code rootUser}), a field of
     * {@code spec} ({@code spec.name}) or, with {@code memberField}, a field of this member's entry in
     * {@code spec.members}; {@link #path} turns it into the Pulumi property path the engine parses
     * (pulumi/pulumi sdk/go/common/resource/properties_path.go: an unquoted {@code [...]} is an array index).
     */
    record DiffKey(String field, Function<Map<String, Object>, Object> get, boolean replaces, boolean memberField) {

        DiffKey(String field, Function<Map<String, Object>, Object> get, boolean replaces) {
            this(field, get, replaces, false);
        }

        /**
         * The property path of this change: {@code spec.members[i].<field>} when the member sits at the same index
         * {@code i} in the old and the new {@code spec.members} (the engine shows the old and the new value found at
         * one path: pkg/engine/detailedDiff.go addDiff), else the whole list {@code spec.members}.
         */
        String path(Map<String, Object> olds, Map<String, Object> news) {
            if (!memberField) {
                return field;
            }
            OptionalInt o = memberIndex(olds);
            OptionalInt n = memberIndex(news);
            if (o.isPresent() && n.isPresent() && o.getAsInt() == n.getAsInt()) {
                return "spec.members[" + n.getAsInt() + "]." + field;
            }
            return MEMBERS_PATH;
        }

        /** The value at {@link #path}: this key's value, or the whole members list when the path is that list. */
        Object at(String path, Map<String, Object> m) {
            return memberField && path.equals(MEMBERS_PATH)
                    ? specField("members").apply(m)
                    : get.apply(m);
        }
    }

    static final String MEMBERS_PATH = "spec.members";

    /** The top-level property of a path: what the engine's {@code diffs} and {@code replaces} take. */
    static String topLevel(String path) {
        int end = path.length();
        for (int i = 0; i < path.length(); i++) {
            if (path.charAt(i) == '.' || path.charAt(i) == '[') {
                end = i;
                break;
            }
        }
        return path.substring(0, end);
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
                keys.add(new DiffKey("namespace", memberField("namespace"), true, true));
                keys.add(new DiffKey("kubeCluster", memberField("kubeCluster"), true, true));
                keys.add(new DiffKey("instances", memberField("instances"), false, true));
                keys.add(new DiffKey("routerInstances", memberField("routerInstances"), false, true));
                keys.add(new DiffKey("routing", memberField("routing"), false, true));
                keys.add(new DiffKey("spec.removeLostClusters", specField("removeLostClusters"), false));
            }
            case PRIMARY -> {
                keys.add(new DiffKey("spec.primary", specField("primary"), false));
                keys.add(new DiffKey("spec.primaryEpoch", specField("primaryEpoch"), false));
                keys.add(new DiffKey("spec.forceFailover", specField("forceFailover"), false));
                keys.add(new DiffKey("spec.invalidateReplicaClusters", specField("invalidateReplicaClusters"), false));
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

    /** Where this member's entry is in {@code spec.members} (empty when unknown or absent). */
    static OptionalInt memberIndex(Map<String, Object> m) {
        Object spec = m.get(ResourceInputs.SPEC);
        Object name = m.get(ResourceInputs.MEMBER);
        if (spec == Props.UNKNOWN || name == Props.UNKNOWN || name == null) {
            return OptionalInt.empty();
        }
        if (Props.reveal(spec) instanceof Map<?, ?> s && s.get("members") instanceof List<?> members) {
            for (int i = 0; i < members.size(); i++) {
                if (Props.reveal(members.get(i)) instanceof Map<?, ?> mm && Props.sameValue(mm.get("name"), name)) {
                    return OptionalInt.of(i);
                }
            }
        }
        return OptionalInt.empty();
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
        out.put(
                ClusterSetContract.CLUSTER_SET_STATUS,
                cs.map(ClusterSetStatus::status).orElse("ABSENT"));
        switch (this) {
            case CLUSTER_SET -> {
                out.put(
                        ClusterSetContract.DOMAIN_NAME,
                        cs.map(ClusterSetStatus::domainName).orElse(""));
                out.put(
                        ClusterSetContract.PRIMARY_CLUSTER,
                        cs.map(ClusterSetStatus::primaryCluster).orElse(""));
                out.put(
                        ClusterSetContract.STATUS_TEXT,
                        cs.map(ClusterSetStatus::statusText).orElse(""));
                out.put(
                        ClusterSetContract.MEMBERS,
                        cs.map(s -> (Object) List.copyOf(s.clusters().keySet())).orElse(List.of()));
                Map<String, Object> clusters = new LinkedHashMap<>();
                cs.ifPresent(s -> s.clusters()
                        .forEach((name, c) -> clusters.put(
                                name,
                                Map.of(
                                        "clusterRole",
                                        c.clusterRole(),
                                        "globalStatus",
                                        c.globalStatus(),
                                        "status",
                                        c.status(),
                                        ClusterSetContract.REPLICATION_CHANNEL,
                                        c.isPrimary()
                                                ? ""
                                                : c.clusterSetReplicationStatus()
                                                        .orElse("")))));
                out.put(ClusterSetContract.CLUSTERS, clusters);
                out.put(
                        ClusterSetContract.INVALIDATED_CLUSTERS,
                        cs.map(s -> (Object) s.invalidatedClusters()).orElse(List.of()));
                out.put(ClusterSetContract.PRIMARY_EPOCH, (double)
                        obs.recordedEpoch().orElse(0L));
            }
            case MEMBER -> {
                Member m = in.memberSpec();
                Optional<ClusterSetStatus.Cluster> c = cs.flatMap(s -> s.cluster(m.mysqlClusterName()));
                out.put(ClusterSetContract.CLUSTER_NAME, m.mysqlClusterName());
                out.put(
                        ClusterSetContract.CLUSTER_ROLE,
                        c.map(ClusterSetStatus.Cluster::clusterRole).orElse("NONE"));
                out.put(
                        ClusterSetContract.GLOBAL_STATUS,
                        c.map(ClusterSetStatus.Cluster::globalStatus).orElse(""));
                out.put(
                        ClusterSetContract.CLUSTER_STATUS,
                        c.map(ClusterSetStatus.Cluster::status).orElse(""));
                // cluster_set/status.cc clusterSetReplicationStatus: OK, STOPPED, ERROR, MISSING ("" for the primary).
                out.put(
                        ClusterSetContract.REPLICATION_CHANNEL,
                        c.filter(x -> !x.isPrimary())
                                .flatMap(ClusterSetStatus.Cluster::clusterSetReplicationStatus)
                                .orElse(""));
                out.put(
                        ClusterSetContract.INSTANCES,
                        c.map(x -> (Object) List.copyOf(x.topology().keySet())).orElse(List.of()));
                out.put(
                        ClusterSetContract.INVALIDATED,
                        c.map(ClusterSetStatus.Cluster::invalidated).orElse(false));
            }
            case PRIMARY -> {
                out.put(
                        ClusterSetContract.PRIMARY_CLUSTER,
                        cs.map(ClusterSetStatus::primaryCluster).orElse(""));
                out.put(ClusterSetContract.PRIMARY_EPOCH, (double)
                        obs.recordedEpoch().orElse(0L));
            }
        }
        return out;
    }

    /** The computed outputs' names: unknown in a preview. */
    List<String> observedKeys() {
        return contract.observedOutputs();
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
        boolean told = f.reach() == Observation.Reach.REACHABLE
                && (f.standalone() == Observation.Standalone.NO_CLUSTER
                        || f.standalone() == Observation.Standalone.ONLINE
                        || f.standalone() == Observation.Standalone.ONLINE_PARTIAL
                        || f.standalone() == Observation.Standalone.NOT_READY);
        return told ? Optional.of(false) : Optional.empty();
    }

    static Map<String, Object> stepLists(StepPlan remaining, List<String> applied) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put(PLANNED_STEPS, remaining.describe());
        out.put(APPLIED_STEPS, List.copyOf(applied));
        out.put(ClusterSetContract.NOTES, remaining.notes());
        return out;
    }
}
