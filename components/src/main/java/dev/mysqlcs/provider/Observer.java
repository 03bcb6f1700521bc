package dev.mysqlcs.provider;

import dev.mysqlcs.io.AdminApi;
import dev.mysqlcs.io.AdminApiException;
import dev.mysqlcs.io.Credentials;
import dev.mysqlcs.io.InstanceProbe;
import dev.mysqlcs.io.InstanceProbes;
import dev.mysqlcs.io.InstanceState;
import dev.mysqlcs.io.PodRef;
import dev.mysqlcs.model.ClusterSetSpec;
import dev.mysqlcs.model.ClusterSetStatus;
import dev.mysqlcs.model.InnoDbClusterStatus;
import dev.mysqlcs.model.Member;
import dev.mysqlcs.plan.Observation;
import dev.mysqlcs.plan.Observation.DataFacts;
import dev.mysqlcs.plan.Observation.MemberFacts;
import dev.mysqlcs.plan.Observation.Reach;
import dev.mysqlcs.plan.Observation.RouterState;
import dev.mysqlcs.plan.Observation.SecretsState;
import dev.mysqlcs.plan.Observation.Standalone;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Reads everything the planner needs, read-only: {@code clusterset status} from every member it can reach (to find
 * the ClusterSet and detect members that disagree), the recorded primary epoch, JDBC facts of each member's pod 0
 * (user schemas, GTIDs against the primary, super_read_only), and the Kubernetes side (router restarts, secrets,
 * join journal). A member that cannot be reached is recorded as such, never guessed.
 */
final class Observer {

    private final ClusterSetSpec spec;
    private final AdminApi api;
    private final InstanceProbes probes;
    private final Credentials credentials;
    private final KubeActions kube;
    private final Set<String> kubeAccess;
    private final ProgressLog log;

    Observer(ClusterSetSpec spec, AdminApi api, InstanceProbes probes, Credentials credentials, KubeActions kube,
             Set<String> kubeAccess, ProgressLog log) {
        this.spec = spec;
        this.api = api;
        this.probes = probes;
        this.credentials = credentials;
        this.kube = kube;
        this.kubeAccess = kubeAccess;
        this.log = log;
    }

    static PodRef pod(Member m, int ordinal) {
        return new PodRef(m.kubeCluster(), m.namespace(), m.name() + "-" + ordinal);
    }

    AdminApi.Target target(Member m, int ordinal) {
        return new AdminApi.Target(pod(m, 0), m.podFqdn(ordinal, spec.domain()));
    }

    boolean accessible(Member m) {
        return kubeAccess.contains(m.kubeCluster());
    }

    /** Members in the order they are asked: the configured primary first. */
    private List<Member> ordered() {
        List<Member> out = new ArrayList<>();
        out.add(spec.primaryMember());
        spec.members().stream().filter(m -> !m.name().equals(spec.primary())).forEach(out::add);
        return out;
    }

    Observation observe() {
        Map<String, Reach> reach = new LinkedHashMap<>();
        Map<String, Standalone> standalone = new LinkedHashMap<>();
        Map<String, ClusterSetStatus> views = new LinkedHashMap<>();
        for (Member m : ordered()) {
            if (!accessible(m)) {
                reach.put(m.name(), Reach.UNKNOWN);
                continue;
            }
            try {
                views.put(m.name(), api.clusterSetStatus(target(m, 0)));
                reach.put(m.name(), Reach.REACHABLE);
            } catch (AdminApiException.NotInClusterSet | AdminApiException.NotACluster e) {
                reach.put(m.name(), Reach.REACHABLE);
                standalone.put(m.name(), standalone(m));
            } catch (AdminApiException.Unreachable | AdminApiException.Timeout e) {
                reach.put(m.name(), Reach.UNREACHABLE);
                log.warn(m.name() + " is unreachable: " + e.getMessage());
            } catch (AdminApiException e) {
                reach.put(m.name(), Reach.UNKNOWN);
                log.warn("could not read the ClusterSet status from " + m.name() + ": " + e.getMessage());
            }
        }

        // The ClusterSet this config names; members in any other one are recorded as such.
        Optional<String> domain = views.values().stream().map(ClusterSetStatus::domainName)
                .filter(spec.name()::equals).findFirst()
                .or(() -> views.values().stream().map(ClusterSetStatus::domainName).findFirst());
        Map<String, String> otherClusterSet = new LinkedHashMap<>();
        Map<String, ClusterSetStatus> same = new LinkedHashMap<>();
        views.forEach((member, v) -> {
            if (domain.isPresent() && !v.domainName().equals(domain.get())) {
                otherClusterSet.put(member, v.domainName());
            } else {
                same.put(member, v);
            }
        });
        Set<String> cutOff = staleViews(same);
        cutOff.forEach(m -> log.warn(m + " is cut off: its own view still calls it primary, but the other members "
                + "invalidated it"));
        Map<String, ClusterSetStatus> current = new LinkedHashMap<>(same);
        cutOff.forEach(current::remove);
        List<String> conflicts = new ArrayList<>();
        if (current.values().stream().map(ClusterSetStatus::primaryCluster).distinct().count() > 1) {
            current.forEach((member, v) -> conflicts.add(member + " says the primary is '" + v.primaryCluster() + "'"));
        }
        Optional<Map.Entry<String, ClusterSetStatus>> main = current.entrySet().stream().findFirst();
        Optional<ClusterSetStatus> cs = main.map(Map.Entry::getValue);
        Optional<String> source = main.map(Map.Entry::getKey);

        OptionalLong epoch = OptionalLong.empty();
        boolean epochKnown = cs.isEmpty();
        if (source.isPresent()) {
            try {
                epoch = api.primaryEpoch(target(spec.member(source.get()).orElseThrow(), 0));
                epochKnown = true;
            } catch (AdminApiException e) {
                log.warn("could not read the recorded primary epoch: " + e.getMessage());
            }
        }

        Map<String, Pod0> pod0 = new LinkedHashMap<>();
        for (Member m : spec.members()) {
            if (reach.getOrDefault(m.name(), Reach.UNKNOWN) == Reach.REACHABLE) {
                boolean outside = cs.flatMap(s -> s.cluster(m.mysqlClusterName())).isEmpty();
                pod0(m, outside).ifPresent(p -> pod0.put(m.name(), p));
            }
        }
        Map<String, String> errant = cs.map(s -> errantVsPrimary(s, pod0)).orElse(Map.of());
        Map<String, MemberFacts> facts = new LinkedHashMap<>();
        for (Member m : spec.members()) {
            Optional<ClusterSetStatus.Cluster> mine = cs.flatMap(s -> s.cluster(m.mysqlClusterName()));
            Reach r = reach.getOrDefault(m.name(), Reach.UNKNOWN);
            Optional<DataFacts> data = Optional.ofNullable(pod0.get(m.name()))
                    .map(p -> p.facts(Optional.ofNullable(errant.get(m.name()))));
            Map<Integer, List<String>> pods = r == Reach.REACHABLE && mine.isPresent()
                    ? podsOutsideMetadata(m, mine.get()) : Map.of();
            facts.put(m.name(), new MemberFacts(m.name(), r, standalone.getOrDefault(m.name(), Standalone.UNKNOWN),
                    Optional.ofNullable(otherClusterSet.get(m.name())), data, pods, router(m, cs),
                    secrets(m, cs), joinMark(m)));
        }
        return new Observation(cs, source, epoch, epochKnown, facts, conflicts, Set.copyOf(cutOff));
    }

    /**
     * Views that are stale for sure: from a member that another view, naming a different primary, marks INVALIDATED
     * (a forced failover decided while it was cut off; the Shell itself trusts the newest ClusterSet view).
     */
    private Set<String> staleViews(Map<String, ClusterSetStatus> views) {
        Set<String> stale = new LinkedHashSet<>();
        views.forEach((member, v) -> {
            String mine = spec.member(member).map(Member::mysqlClusterName).orElse(member);
            boolean invalidatedElsewhere = views.entrySet().stream().anyMatch(o -> !o.getKey().equals(member)
                    && !o.getValue().primaryCluster().equals(v.primaryCluster())
                    && o.getValue().cluster(mine).map(ClusterSetStatus.Cluster::invalidated).orElse(false));
            if (invalidatedElsewhere) {
                stale.add(member);
            }
        });
        return stale;
    }

    private Standalone standalone(Member m) {
        try {
            InnoDbClusterStatus c = api.clusterStatus(target(m, 0));
            return c.online() ? Standalone.ONLINE : Standalone.NOT_READY;
        } catch (AdminApiException.NotACluster e) {
            return Standalone.NO_CLUSTER;
        } catch (AdminApiException e) {
            log.warn("could not read the InnoDB cluster status of " + m.name() + ": " + e.getMessage());
            return Standalone.UNKNOWN;
        }
    }

    /**
     * GTIDs each member's pod 0 executed that the instance taking the ClusterSet's writes lacks, computed by that
     * instance. It is read after the members: it only gains transactions meanwhile, so a replica's transactions
     * received between the two reads never look errant, and nothing a member executed before its read is missed.
     */
    private Map<String, String> errantVsPrimary(ClusterSetStatus cs, Map<String, Pod0> pod0) {
        Optional<PodRef> pod = cs.globalPrimaryInstance().map(ClusterSetStatus::hostOf).flatMap(this::podOfHost)
                .or(() -> spec.members().stream().filter(m -> m.mysqlClusterName().equals(cs.primaryCluster()))
                        .findFirst().map(m -> pod(m, 0)));
        if (pod.isEmpty() || !kubeAccess.contains(pod.get().kubeCluster()) || pod0.isEmpty()) {
            return Map.of();
        }
        try (InstanceProbe p = probes.open(pod.get(), credentials)) {
            String primary = p.instanceState().gtidExecuted();
            Map<String, String> out = new LinkedHashMap<>();
            pod0.forEach((member, d) -> out.put(member, p.gtidSubtract(d.state().gtidExecuted(), primary)));
            return out;
        } catch (RuntimeException e) {
            log.warn("could not compare GTIDs with the primary (" + pod.get().pod() + "): " + e.getMessage());
            return Map.of();
        }
    }

    Optional<PodRef> podOfHost(String host) {
        for (Member m : spec.members()) {
            for (int i = 0; i < m.instances(); i++) {
                if (m.podFqdn(i, spec.domain()).equalsIgnoreCase(host)) {
                    return Optional.of(pod(m, i));
                }
            }
        }
        return Optional.empty();
    }

    /** What a member's pod 0 holds; its transactions are compared with the primary's once every member is read. */
    private record Pod0(InstanceState state, List<String> userSchemas, Set<String> localUuids) {
        DataFacts facts(Optional<String> errantVsPrimary) {
            return new DataFacts(userSchemas, state.gtidExecuted(), state.superReadOnly(), errantVsPrimary,
                    localUuids);
        }
    }

    private Optional<Pod0> pod0(Member m, boolean outsideClusterSet) {
        try (InstanceProbe p = probes.open(pod(m, 0), credentials)) {
            InstanceState s = p.instanceState();
            Set<String> local = new LinkedHashSet<>();
            local.add(s.serverUuid().toLowerCase(java.util.Locale.ROOT));
            if (outsideClusterSet) {
                try {
                    AdminApi.LocalIdentity id = api.localIdentity(target(m, 0));
                    local.add(id.serverUuid());
                    id.groupName().ifPresent(local::add);
                    id.viewChangeUuid().ifPresent(local::add);
                } catch (AdminApiException e) {
                    log.warn("could not read the Group Replication identity of " + m.name() + ": " + e.getMessage());
                }
            }
            return Optional.of(new Pod0(s, List.copyOf(p.userSchemas()), Set.copyOf(local)));
        } catch (RuntimeException e) {
            log.warn("could not probe " + m.name() + "-0: " + e.getMessage());
            return Optional.empty();
        }
    }

    /** User schemas of the member's pods its cluster's metadata does not list yet (addInstance candidates). */
    private Map<Integer, List<String>> podsOutsideMetadata(Member m, ClusterSetStatus.Cluster c) {
        Map<Integer, List<String>> out = new LinkedHashMap<>();
        for (int i = 0; i < m.instances(); i++) {
            if (c.hasInstanceOnHost(m.podFqdn(i, spec.domain()))) {
                continue;
            }
            try (InstanceProbe p = probes.open(pod(m, i), credentials)) {
                out.put(i, List.copyOf(p.userSchemas()));
            } catch (RuntimeException e) {
                log.warn("could not probe " + m.name() + "-" + i + ": " + e.getMessage());
            }
        }
        return out;
    }

    private RouterState router(Member m, Optional<ClusterSetStatus> cs) {
        if (m.routerInstances() == 0) {
            return RouterState.NONE;
        }
        if (!accessible(m)) {
            return RouterState.UNKNOWN;
        }
        try {
            return kube.routerState(m, marker(cs));
        } catch (RuntimeException e) {
            log.warn("could not read the router of " + m.name() + ": " + e.getMessage());
            return RouterState.UNKNOWN;
        }
    }

    /** What a router restart is recorded against: the ClusterSet's domain name. */
    String marker(Optional<ClusterSetStatus> cs) {
        return cs.map(ClusterSetStatus::domainName).orElse(spec.name());
    }

    private SecretsState secrets(Member m, Optional<ClusterSetStatus> cs) {
        Optional<Member> primary = cs.flatMap(s -> spec.members().stream()
                .filter(x -> x.mysqlClusterName().equals(s.primaryCluster())).findFirst());
        if (primary.isEmpty() || primary.get().name().equals(m.name())) {
            return primary.isPresent() ? SecretsState.IN_SYNC : SecretsState.UNKNOWN;
        }
        if (!accessible(m) || !accessible(primary.get())) {
            return SecretsState.UNKNOWN;
        }
        try {
            return kube.secretsState(primary.get(), m);
        } catch (RuntimeException e) {
            log.warn("could not compare the operator secrets of " + m.name() + ": " + e.getMessage());
            return SecretsState.UNKNOWN;
        }
    }

    private Optional<String> joinMark(Member m) {
        if (!accessible(m)) {
            return Optional.empty();
        }
        try {
            return kube.joinMark(m);
        } catch (RuntimeException e) {
            log.warn("could not read the join record of " + m.name() + ": " + e.getMessage());
            return Optional.empty();
        }
    }
}
