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
import dev.mysqlcs.plan.Observation.Writes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Reads everything the planner needs, read-only: {@code clusterset status} from every member it can reach (to find
 * the ClusterSet and detect members that disagree), the recorded primary epoch, JDBC facts of each member's primary
 * instance (user schemas, GTIDs against the primary, super_read_only), super_read_only of every pod of an invalidated
 * cluster, {@code @@version} of every clone's donor and recipients (the ClusterSet's primary instance, every pod of a
 * join target, every pod of a member with pods outside its cluster's metadata: the same server version the Shell takes
 * from its session and checks with mysqlshdk/libs/mysql/clone.cc; a status names versions only for group members,
 * never for a standalone target) with {@code @@version_compile_os} and {@code @@version_compile_machine} in the same
 * query (which base_cluster_impl.cc check_compatible_clone_donor compares too, and no status reports), and the
 * Kubernetes side (router restarts, secrets, join journal). A member that cannot be reached is
 * recorded as such, never guessed.
 *
 * <p>The primary instance is the pod the Shell's status names PRIMARY (the member's own view of its cluster first,
 * then the ClusterSet view, or {@code cluster status} of a standalone). The Shell takes it from the group's
 * membership, so secondaries that are down do not hide it; a JDBC scan for the writable pod would have to reach every
 * pod to be sure, and finds nothing in a replica cluster, whose primary is read-only too.
 */
final class Observer {

    private final ClusterSetSpec spec;
    private final AdminApi api;
    private final InstanceProbes probes;
    private final Credentials credentials;
    private final KubeActions kube;
    private final Set<String> kubeAccess;
    private final ProgressLog log;

    Observer(
            ClusterSetSpec spec,
            AdminApi api,
            InstanceProbes probes,
            Credentials credentials,
            KubeActions kube,
            Set<String> kubeAccess,
            ProgressLog log) {
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

    /**
     * The pod whose sidecar runs mysqlsh for a member: the first pod that answered in the last observation (pod 0
     * until then, or when none did). Any ready pod serves: pod 0 may be gone (node or zone loss) while pods 1-2 serve.
     */
    private final Map<String, Integer> via = new java.util.concurrent.ConcurrentHashMap<>();

    PodRef execPod(Member m) {
        return pod(m, via.getOrDefault(m.name(), 0));
    }

    /** mysqlsh in the member's answering pod, session on pod {@code ordinal}'s server. */
    AdminApi.Target target(Member m, int ordinal) {
        return new AdminApi.Target(execPod(m), m.podFqdn(ordinal, spec.domain()));
    }

    /** mysqlsh and session on the member's answering pod. */
    AdminApi.Target target(Member m) {
        int i = via.getOrDefault(m.name(), 0);
        return new AdminApi.Target(pod(m, i), m.podFqdn(i, spec.domain()));
    }

    private AdminApi.Target own(Member m, int ordinal) {
        return new AdminApi.Target(pod(m, ordinal), m.podFqdn(ordinal, spec.domain()));
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
        Map<String, InnoDbClusterStatus> standaloneStatus = new LinkedHashMap<>();
        Map<String, ClusterSetStatus> views = new LinkedHashMap<>();
        for (Member m : ordered()) {
            if (!accessible(m)) {
                reach.put(m.name(), Reach.UNKNOWN);
                continue;
            }
            observeMember(m, reach, standalone, standaloneStatus, views);
        }

        // A member alone in a ClusterSet named after its own cluster: the one the MySQL Operator creates with every
        // InnoDBCluster that has no spec.initDB.clusterSet (cluster_controller.py create_cluster, "Only on first
        // cluster!": get_cluster_set(), else create_cluster_set(self.dba_cluster_name)).
        Set<String> alone = new java.util.LinkedHashSet<>();
        views.forEach((member, v) -> {
            String own = spec.member(member).orElseThrow().mysqlClusterName();
            if (v.domainName().equals(own)
                    && v.clusters().size() == 1
                    && v.cluster(own).isPresent()) {
                alone.add(member);
            }
        });
        // The ClusterSet this config names, else the configured primary's, else any but a replica's own; members in
        // any other one are recorded as such.
        Optional<String> domain = views.values().stream()
                .map(ClusterSetStatus::domainName)
                .filter(spec.name()::equals)
                .findFirst()
                .or(() -> Optional.ofNullable(views.get(spec.primary())).map(ClusterSetStatus::domainName))
                .or(() -> views.entrySet().stream()
                        .filter(e -> !alone.contains(e.getKey()))
                        .map(e -> e.getValue().domainName())
                        .findFirst());
        Map<String, String> otherClusterSet = new LinkedHashMap<>();
        Map<String, ClusterSetStatus> same = new LinkedHashMap<>();
        Set<String> ownClusterSets = new java.util.LinkedHashSet<>();
        views.forEach((member, v) -> {
            if (domain.isPresent() && v.domainName().equals(domain.get())) {
                same.put(member, v);
            } else if (alone.contains(member)) {
                // Read as a cluster outside any ClusterSet: a join dissolves it (cluster/dissolve.cc allows that
                // for the only cluster of a ClusterSet) under the same preconditions as a standalone one.
                ownClusterSets.add(member);
                standalone.put(member, standalone(spec.member(member).orElseThrow(), standaloneStatus));
            } else if (domain.isPresent()) {
                otherClusterSet.put(member, v.domainName());
            } else {
                same.put(member, v);
            }
        });
        Set<String> cutOff = staleViews(same);
        cutOff.forEach(m -> log.warn(
                m + " is cut off: its own view still calls it primary, but the other members " + "invalidated it"));
        Map<String, ClusterSetStatus> current = new LinkedHashMap<>(same);
        cutOff.forEach(current::remove);
        List<String> conflicts = new ArrayList<>();
        if (current.values().stream()
                        .map(ClusterSetStatus::primaryCluster)
                        .distinct()
                        .count()
                > 1) {
            current.forEach((member, v) -> conflicts.add(member + " says the primary is '" + v.primaryCluster() + "'"));
        }
        Optional<Map.Entry<String, ClusterSetStatus>> main =
                current.entrySet().stream().findFirst();
        Optional<ClusterSetStatus> cs = main.map(Map.Entry::getValue);
        Optional<String> source = main.map(Map.Entry::getKey);

        OptionalLong epoch = OptionalLong.empty();
        boolean epochKnown = cs.isEmpty();
        if (source.isPresent()) {
            try {
                epoch = api.primaryEpoch(target(spec.member(source.get()).orElseThrow()));
                epochKnown = true;
            } catch (AdminApiException e) {
                log.warn("could not read the recorded primary epoch: " + e.getMessage());
            }
        }

        Map<String, Integer> primaryPod = new LinkedHashMap<>();
        Map<String, Probed> probed = new LinkedHashMap<>();
        Map<String, Map<Integer, InstanceState>> versions = new LinkedHashMap<>();
        for (Member m : spec.members()) {
            if (reach.getOrDefault(m.name(), Reach.UNKNOWN) == Reach.REACHABLE) {
                Optional<ClusterSetStatus.Cluster> mine = cs.flatMap(s -> s.cluster(m.mysqlClusterName()));
                Optional<ClusterSetStatus.Cluster> own =
                        Optional.ofNullable(views.get(m.name())).flatMap(v -> v.cluster(m.mysqlClusterName()));
                OptionalInt ordinal =
                        primaryOrdinal(m, own.or(() -> mine), Optional.ofNullable(standaloneStatus.get(m.name())));
                if (ordinal.isPresent()) {
                    primaryPod.put(m.name(), ordinal.getAsInt());
                    probe(m, ordinal.getAsInt(), mine.isEmpty()).ifPresent(p -> {
                        probed.put(m.name(), p);
                        version(versions, m, p.ordinal(), p.state());
                    });
                }
            }
        }
        Map<String, String> errant =
                cs.map(s -> errantVsPrimary(s, primaryPod, probed, versions)).orElse(Map.of());
        Optional<Map<String, Map<String, String>>> clusterSetRouters = clusterSetRouters(cs, source);
        Map<String, MemberFacts> facts = new LinkedHashMap<>();
        for (Member m : spec.members()) {
            Optional<ClusterSetStatus.Cluster> mine = cs.flatMap(s -> s.cluster(m.mysqlClusterName()));
            Reach r = reach.getOrDefault(m.name(), Reach.UNKNOWN);
            Optional<Probed> p = Optional.ofNullable(probed.get(m.name()));
            Optional<DataFacts> data = p.map(x -> x.facts(Optional.ofNullable(errant.get(m.name()))));
            boolean reachable = r == Reach.REACHABLE;
            InnoDbClusterStatus own = standaloneStatus.get(m.name());
            Map<Integer, List<String>> pods = !reachable
                    ? Map.of()
                    : mine.isPresent()
                            ? podsOutsideMetadata(m, mine.get()::hasInstanceOnHost, versions)
                            : own != null ? podsOutsideMetadata(m, own::hasInstanceOnHost, versions) : Map.of();
            if (!pods.isEmpty()) {
                // addInstance clones each from an ONLINE member that passes check_compatible_clone_donor
                // (cluster_impl.cc:2439-2462 has_compatible_clone_donor): the platforms of those donors.
                joinVersions(m, versions);
            }
            if (reachable
                    && mine.isEmpty()
                    && cs.isPresent()
                    && spec.linkage() == dev.mysqlcs.model.Linkage.PROVIDER
                    && !otherClusterSet.containsKey(m.name())) {
                // A join candidate: createReplicaCluster clones its pod 0 from the ClusterSet's primary instance and
                // addInstance its other pods from pod 0, so every pod's version is checked before anything is
                // dissolved.
                joinVersions(m, versions);
            }
            Map<Integer, Writes> writes =
                    reachable && mine.map(ClusterSetStatus.Cluster::invalidated).orElse(false)
                            ? podWrites(m, p)
                            : Map.of();
            SecretsState secrets = secrets(m, cs);
            facts.put(
                    m.name(),
                    new MemberFacts(
                            m.name(),
                            r,
                            standalone.getOrDefault(m.name(), Standalone.UNKNOWN),
                            Optional.ofNullable(otherClusterSet.get(m.name())),
                            data,
                            pods,
                            router(m, cs),
                            secrets,
                            joinMark(m),
                            writes,
                            secrets == SecretsState.UNKNOWN ? missingSecrets(m, cs) : List.of(),
                            routers(m, mine.isPresent(), clusterSetRouters),
                            podVersions(versions.getOrDefault(m.name(), Map.of())),
                            registered(m, mine.isPresent(), clusterSetRouters),
                            mine.isPresent() ? routerPods(m) : Optional.empty(),
                            podPlatforms(versions.getOrDefault(m.name(), Map.of()))));
        }
        return new Observation(
                cs, source, epoch, epochKnown, facts, conflicts, Set.copyOf(cutOff), Set.copyOf(ownClusterSets));
    }

    /**
     * The ClusterSet's routers and their options (AdminApi.routerOptions), read once through the status source when
     * a member this stack reaches is in the ClusterSet; empty when not read.
     */
    private Optional<Map<String, Map<String, String>>> clusterSetRouters(
            Optional<ClusterSetStatus> cs, Optional<String> source) {
        if (cs.isEmpty()
                || source.isEmpty()
                || spec.members().stream()
                        .noneMatch(m -> accessible(m)
                                && cs.get().cluster(m.mysqlClusterName()).isPresent())) {
            return Optional.empty();
        }
        try {
            return Optional.of(
                    api.routerOptions(target(spec.member(source.get()).orElseThrow())));
        } catch (AdminApiException e) {
            log.warn("could not read the routers of the ClusterSet: " + e.getMessage());
            return Optional.empty();
        }
    }

    /** Labels of the ClusterSet's routers whose address is a pod name of the member's router Deployment. */
    private static Map<String, Map<String, String>> ofMember(Member m, Map<String, Map<String, String>> all) {
        String prefix = Fabric8KubeActions.routerName(m) + "-";
        Map<String, Map<String, String>> out = new java.util.TreeMap<>();
        all.forEach((label, options) -> {
            if (label.startsWith(prefix)) {
                out.put(label, options);
            }
        });
        return out;
    }

    /**
     * The member's routers in the ClusterSet (labels whose address is a pod of its router Deployment, the hostname
     * its router bootstraps with) and their routing options; read only when {@code routing} is configured.
     */
    private Map<String, Map<String, String>> routers(
            Member m, boolean inClusterSet, Optional<Map<String, Map<String, String>>> all) {
        if (m.routing().isEmpty() || !inClusterSet || !accessible(m) || all.isEmpty()) {
            return Map.of();
        }
        return ofMember(m, all.get());
    }

    private List<String> registered(Member m, boolean inClusterSet, Optional<Map<String, Map<String, String>>> all) {
        if (!inClusterSet || !accessible(m) || all.isEmpty()) {
            return List.of();
        }
        return List.copyOf(ofMember(m, all.get()).keySet());
    }

    /** The member's router pods that exist; empty when they could not be listed. */
    private Optional<Set<String>> routerPods(Member m) {
        if (!accessible(m)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Set.copyOf(kube.routerPods(m)));
        } catch (RuntimeException e) {
            log.warn("could not list the router pods of " + m.name() + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * Views that are stale for sure: from a member that another view, naming a different primary, marks INVALIDATED
     * (a forced failover decided while it was cut off; the Shell itself trusts the newest ClusterSet view).
     */
    private Set<String> staleViews(Map<String, ClusterSetStatus> views) {
        Set<String> stale = new LinkedHashSet<>();
        views.forEach((member, v) -> {
            String mine = spec.member(member).map(Member::mysqlClusterName).orElse(member);
            boolean invalidatedElsewhere = views.entrySet().stream()
                    .anyMatch(o -> !o.getKey().equals(member)
                            && !o.getValue().primaryCluster().equals(v.primaryCluster())
                            && o.getValue()
                                    .cluster(mine)
                                    .map(ClusterSetStatus.Cluster::invalidated)
                                    .orElse(false));
            if (invalidatedElsewhere) {
                stale.add(member);
            }
        });
        return stale;
    }

    /**
     * Asks the member's pods in order until one gives a ClusterSet view (or says its cluster is in none): mysqlsh runs
     * in that pod's sidecar with a session on its own server, and later calls for the member use the same pod. A pod
     * that cannot be exec'd into or whose server does not answer is skipped; a pod whose Group Replication is stopped
     * (51314) is skipped too, and when no pod answers better the member's cluster is down (never "no cluster"). It is
     * "no cluster" only when every pod that answered says so.
     */
    private void observeMember(
            Member m,
            Map<String, Reach> reach,
            Map<String, Standalone> standalone,
            Map<String, InnoDbClusterStatus> standaloneStatus,
            Map<String, ClusterSetStatus> views) {
        boolean down = false;
        int noCluster = -1;
        boolean unreachable = false;
        AdminApiException last = null;
        for (int i = 0; i < m.instances(); i++) {
            try {
                ClusterSetStatus v = api.clusterSetStatus(own(m, i));
                via.put(m.name(), i);
                views.put(m.name(), v);
                reach.put(m.name(), Reach.REACHABLE);
                return;
            } catch (AdminApiException.NotInClusterSet e) {
                via.put(m.name(), i);
                reach.put(m.name(), Reach.REACHABLE);
                standalone.put(m.name(), standalone(m, standaloneStatus));
                return;
            } catch (AdminApiException.ClusterDown e) {
                down = true;
                last = e;
            } catch (AdminApiException.NotACluster e) {
                if (noCluster < 0) {
                    noCluster = i;
                }
                last = e;
            } catch (AdminApiException.Unreachable | AdminApiException.Timeout e) {
                unreachable = true;
                last = e;
            } catch (AdminApiException e) {
                last = e;
            }
        }
        if (down) {
            via.remove(m.name());
            reach.put(m.name(), Reach.REACHABLE);
            standalone.put(m.name(), Standalone.CLUSTER_DOWN);
            log.warn(m.name() + "'s InnoDB cluster is down: " + last.getMessage());
        } else if (noCluster >= 0) {
            via.put(m.name(), noCluster);
            reach.put(m.name(), Reach.REACHABLE);
            standalone.put(m.name(), standalone(m, standaloneStatus));
        } else if (unreachable) {
            via.remove(m.name());
            reach.put(m.name(), Reach.UNREACHABLE);
            log.warn(m.name() + " is unreachable: " + last.getMessage());
        } else {
            via.remove(m.name());
            reach.put(m.name(), Reach.UNKNOWN);
            log.warn("could not read the ClusterSet status from " + m.name() + ": "
                    + (last == null ? "no pods" : last.getMessage()));
        }
    }

    private Standalone standalone(Member m, Map<String, InnoDbClusterStatus> statuses) {
        try {
            InnoDbClusterStatus c = api.clusterStatus(target(m));
            statuses.put(m.name(), c);
            if (!c.online()) {
                return Standalone.NOT_READY;
            }
            return c.everyInstanceOnline(m.instances()) ? Standalone.ONLINE : Standalone.ONLINE_PARTIAL;
        } catch (AdminApiException.NotACluster e) {
            return Standalone.NO_CLUSTER;
        } catch (AdminApiException.ClusterDown e) {
            return Standalone.CLUSTER_DOWN;
        } catch (AdminApiException e) {
            log.warn("could not read the InnoDB cluster status of " + m.name() + ": " + e.getMessage());
            return Standalone.UNKNOWN;
        }
    }

    /**
     * The pod the member's InnoDB cluster names PRIMARY (its own view first: it reads its group directly), pod 0 when
     * no status names one (no cluster: pod 0 is what a join clones into). Empty when the named primary is none of
     * the member's pods: then nothing is probed rather than a pod that may be a lagging secondary.
     */
    private OptionalInt primaryOrdinal(
            Member m, Optional<ClusterSetStatus.Cluster> inClusterSet, Optional<InnoDbClusterStatus> standaloneStatus) {
        Optional<String> named = inClusterSet
                .flatMap(c -> c.primary().or(() -> primaryIn(c.topology())))
                .or(() -> standaloneStatus.flatMap(c -> primaryIn(c.topology())));
        if (named.isEmpty()) {
            return OptionalInt.of(0);
        }
        String host = ClusterSetStatus.hostOf(named.get());
        for (int i = 0; i < m.instances(); i++) {
            if (m.podFqdn(i, spec.domain()).equalsIgnoreCase(host)) {
                return OptionalInt.of(i);
            }
        }
        log.warn("the status names " + named.get() + " the primary instance of " + m.name() + ", which is none of "
                + "its pods " + m.name() + "-0.." + (m.instances() - 1) + "." + m.name() + "-instances."
                + m.namespace() + ".svc." + spec.domain() + "; its data is not probed");
        return OptionalInt.empty();
    }

    private static Optional<String> primaryIn(Map<String, ClusterSetStatus.Instance> topology) {
        return topology.values().stream()
                .filter(i -> "PRIMARY".equalsIgnoreCase(i.memberRole()))
                .map(ClusterSetStatus.Instance::address)
                .findFirst();
    }

    /**
     * GTIDs each member's primary instance executed that the instance taking the ClusterSet's writes lacks, computed
     * by that instance. It is read after the members: it only gains transactions meanwhile, so a replica's
     * transactions received between the two reads never look errant, and nothing a member executed before its read
     * is missed.
     */
    private Map<String, String> errantVsPrimary(
            ClusterSetStatus cs,
            Map<String, Integer> primaryPod,
            Map<String, Probed> probed,
            Map<String, Map<Integer, InstanceState>> versions) {
        Optional<PodRef> pod = cs.globalPrimaryInstance()
                .map(ClusterSetStatus::hostOf)
                .flatMap(this::podOfHost)
                .or(() -> spec.members().stream()
                        .filter(m -> m.mysqlClusterName().equals(cs.primaryCluster()))
                        .findFirst()
                        .filter(m -> primaryPod.containsKey(m.name()))
                        .map(m -> pod(m, primaryPod.get(m.name()))));
        if (pod.isEmpty() || !kubeAccess.contains(pod.get().kubeCluster()) || probed.isEmpty()) {
            return Map.of();
        }
        try (InstanceProbe p = probes.open(pod.get(), credentials)) {
            InstanceState primaryState = p.instanceState();
            String primary = primaryState.gtidExecuted();
            // The donor of every createReplicaCluster (create_replica_cluster.cc: the primary cluster's primary).
            version(versions, pod.get(), primaryState);
            // As the Shell: view-change events of any member's group are not errant (ClusterSetMetadata).
            Set<String> viewChanges = viewChangeUuids(p);
            Map<String, String> out = new LinkedHashMap<>();
            probed.forEach((member, d) -> out.put(
                    member,
                    dev.mysqlcs.model.GtidSets.withoutSources(
                            p.gtidSubtract(d.state().gtidExecuted(), primary), viewChanges)));
            return out;
        } catch (RuntimeException e) {
            log.warn("could not compare GTIDs with the primary (" + pod.get().pod() + "): " + e.getMessage());
            return Map.of();
        }
    }

    private Set<String> viewChangeUuids(InstanceProbe primary) {
        try {
            return primary.clusterSetMetadata()
                    .map(dev.mysqlcs.io.ClusterSetMetadata::viewChangeUuids)
                    .orElse(Set.of());
        } catch (RuntimeException e) {
            log.warn("could not read the members' view-change UUIDs from the ClusterSet metadata: " + e.getMessage());
            return Set.of();
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

    /**
     * What a member's primary instance holds; its transactions are compared with the ClusterSet primary's once every
     * member is read.
     */
    private record Probed(int ordinal, InstanceState state, List<String> userSchemas, Set<String> localUuids) {
        DataFacts facts(Optional<String> errantVsPrimary) {
            return new DataFacts(
                    userSchemas, state.gtidExecuted(), state.superReadOnly(), errantVsPrimary, localUuids, ordinal);
        }
    }

    private Optional<Probed> probe(Member m, int ordinal, boolean outsideClusterSet) {
        try (InstanceProbe p = probes.open(pod(m, ordinal), credentials)) {
            InstanceState s = p.instanceState();
            Set<String> local = new LinkedHashSet<>();
            local.add(s.serverUuid().toLowerCase(java.util.Locale.ROOT));
            if (outsideClusterSet) {
                try {
                    AdminApi.LocalIdentity id = api.localIdentity(target(m, ordinal));
                    local.add(id.serverUuid());
                    id.groupName().ifPresent(local::add);
                    id.viewChangeUuid().ifPresent(local::add);
                } catch (AdminApiException e) {
                    log.warn("could not read the Group Replication identity of " + m.name() + ": " + e.getMessage());
                }
            }
            return Optional.of(new Probed(ordinal, s, List.copyOf(p.userSchemas()), Set.copyOf(local)));
        } catch (RuntimeException e) {
            log.warn("could not probe " + m.name() + "-" + ordinal + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * super_read_only of every configured pod of an invalidated member: it counts as fenced only when all of them say
     * ON. The primary instance's answer is reused; a pod that does not answer is recorded as such.
     */
    private Map<Integer, Writes> podWrites(Member m, Optional<Probed> primary) {
        Map<Integer, Writes> out = new LinkedHashMap<>();
        for (int i = 0; i < m.instances(); i++) {
            int ordinal = i;
            Optional<InstanceState> known =
                    primary.filter(p -> p.ordinal() == ordinal).map(Probed::state);
            if (known.isPresent()) {
                out.put(i, known.get().superReadOnly() ? Writes.READ_ONLY : Writes.WRITABLE);
                continue;
            }
            try (InstanceProbe p = probes.open(pod(m, i), credentials)) {
                out.put(i, p.instanceState().superReadOnly() ? Writes.READ_ONLY : Writes.WRITABLE);
            } catch (RuntimeException e) {
                out.put(i, Writes.UNANSWERED);
                log.warn("could not read super_read_only of " + m.name() + "-" + i + ": " + e.getMessage());
            }
        }
        return out;
    }

    /**
     * User schemas of the member's pods its cluster's metadata does not list yet (addInstance candidates), and their
     * server versions (the recipients' of those clones).
     */
    private Map<Integer, List<String>> podsOutsideMetadata(
            Member m,
            java.util.function.Predicate<String> inMetadata,
            Map<String, Map<Integer, InstanceState>> versions) {
        Map<Integer, List<String>> out = new LinkedHashMap<>();
        for (int i = 0; i < m.instances(); i++) {
            if (inMetadata.test(m.podFqdn(i, spec.domain()))) {
                continue;
            }
            try (InstanceProbe p = probes.open(pod(m, i), credentials)) {
                InstanceState v = p.instanceState();
                out.put(i, List.copyOf(p.userSchemas()));
                version(versions, m, i, v);
            } catch (RuntimeException e) {
                log.warn("could not probe " + m.name() + "-" + i + ": " + e.getMessage());
            }
        }
        return out;
    }

    private static Map<Integer, String> podVersions(Map<Integer, InstanceState> states) {
        Map<Integer, String> out = new LinkedHashMap<>();
        states.forEach((i, s) -> out.put(i, s.version()));
        return Map.copyOf(out);
    }

    /** The platforms read with the versions; a server that reports none has an unknown platform. */
    private static Map<Integer, Observation.Platform> podPlatforms(Map<Integer, InstanceState> states) {
        Map<Integer, Observation.Platform> out = new LinkedHashMap<>();
        states.forEach((i, s) -> {
            if (s.versionCompileOs() != null && s.versionCompileMachine() != null) {
                out.put(i, new Observation.Platform(s.versionCompileOs(), s.versionCompileMachine()));
            }
        });
        return Map.copyOf(out);
    }

    /**
     * {@code @@version} (with the platform) of every pod of a join candidate, or of a member with addInstance
     * candidates (its ONLINE members are the clone's donors, and the Shell's status reports no platform), not read
     * yet; a pod that does not answer stays unknown.
     */
    private void joinVersions(Member m, Map<String, Map<Integer, InstanceState>> versions) {
        for (int i = 0; i < m.instances(); i++) {
            if (versions.getOrDefault(m.name(), Map.of()).containsKey(i)) {
                continue;
            }
            try (InstanceProbe p = probes.open(pod(m, i), credentials)) {
                version(versions, m, i, p.instanceState());
            } catch (RuntimeException e) {
                log.warn("could not read the server version of " + m.name() + "-" + i + ": " + e.getMessage());
            }
        }
    }

    private static void version(
            Map<String, Map<Integer, InstanceState>> versions, Member m, int ordinal, InstanceState v) {
        if (v.version() != null && !v.version().isBlank()) {
            versions.computeIfAbsent(m.name(), k -> new LinkedHashMap<>()).put(ordinal, v);
        }
    }

    private void version(Map<String, Map<Integer, InstanceState>> versions, PodRef ref, InstanceState v) {
        for (Member m : spec.members()) {
            for (int i = 0; i < m.instances(); i++) {
                if (pod(m, i).equals(ref)) {
                    version(versions, m, i, v);
                    return;
                }
            }
        }
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
                .filter(x -> x.mysqlClusterName().equals(s.primaryCluster()))
                .findFirst());
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

    /** Why the secrets are UNKNOWN: the member's or the primary's that do not exist (empty: none could be read). */
    private List<dev.mysqlcs.plan.Observation.MissingSecret> missingSecrets(Member m, Optional<ClusterSetStatus> cs) {
        Optional<Member> primary = cs.flatMap(s -> spec.members().stream()
                .filter(x -> x.mysqlClusterName().equals(s.primaryCluster()))
                .findFirst());
        if (primary.isEmpty()
                || primary.get().name().equals(m.name())
                || !accessible(m)
                || !accessible(primary.get())) {
            return List.of();
        }
        try {
            return kube.missingSecrets(primary.get(), m);
        } catch (RuntimeException e) {
            return List.of();
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
