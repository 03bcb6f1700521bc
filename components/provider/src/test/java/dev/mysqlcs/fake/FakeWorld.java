package dev.mysqlcs.fake;

import dev.mysqlcs.io.PodRef;
import dev.mysqlcs.model.ClusterSetSpec;
import dev.mysqlcs.model.Member;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * A model of the MySQL side of a ClusterSet deployment, shared by {@link FakeAdminApiShell} (mysqlsh),
 * {@link FakeInstanceProbes} (JDBC) and {@link FaultyKubeActions}: InnoDB clusters with their pods, data (user
 * schemas, GTID sets), super_read_only, custom tags of each cluster's metadata row (the primary epoch), the ClusterSet
 * (members, primary, invalidated clusters), which
 * Kubernetes clusters are down and which members are cut off from the others, and faults injected around mutations.
 */
public final class FakeWorld {

    /**
     * REVERTED: a createReplicaCluster whose clone restart outlived {@code dba.restartWaitTimeout} was reverted; the
     * server keeps the clone's data and the primary's copy of the metadata, in which it is not registered.
     * REMOVED: removeCluster took the cluster out of the ClusterSet and dissolved it (cluster_set_impl.cc
     * remove_cluster, "Dissolving the Cluster"): GR stopped, the ClusterSet's metadata without it, data intact.
     */
    public enum State {
        NONE,
        STARTING,
        ONLINE,
        DISSOLVED,
        REVERTED,
        REMOVED
    }

    public enum Phase {
        BEFORE,
        AFTER
    }

    /** One server pod's data. */
    public static final class Instance {
        String uuid = uuid();
        String gtids = "";
        final Set<String> schemas = new TreeSet<>();
        boolean superReadOnly = true;
        /** The pod is deleted or unschedulable: no exec into it, its server does not answer. */
        boolean gone;
        /** Its server runs but Group Replication is stopped on it (the operator starts GR itself). */
        boolean grStopped;
        /** How long its server takes to come back after a clone (a container restart under Kubernetes). */
        long cloneRestartSeconds;
        /**
         * Its server's {@code @@version}: the image the pod runs. A clone replaces the data, never the binary, so it
         * is not copied ({@link #copyFrom}).
         */
        String version = "8.4.3";
        /**
         * Its server's {@code @@version_compile_os} and {@code @@version_compile_machine}: what the image was built
         * for (the official images report Linux and the node's architecture). Not copied by a clone either.
         */
        String compileOs = "Linux";

        String compileMachine = "x86_64";

        void copyFrom(Instance o) {
            if (o == this) {
                return;
            }
            gtids = o.gtids;
            schemas.clear();
            schemas.addAll(o.schemas);
        }
    }

    /** One InnoDBCluster (member of the config) and its InnoDB cluster inside MySQL. */
    public static final class Cluster {
        final Member member;
        State state = State.NONE;
        String name;
        String groupUuid;
        /** Pods in the cluster's metadata, the group's primary first (the fake Shell reports the first as PRIMARY). */
        final Set<Integer> inMetadata = new LinkedHashSet<>();

        boolean fenced;
        /** {@code tag:mysqlcs_primary_epoch} in this cluster's {@code clusters.attributes}; null when not set. */
        Long epochTag;

        final List<Instance> pods = new ArrayList<>();
        /** The options of the createReplicaCluster that made this a replica cluster, and of each addInstance. */
        Map<String, Object> createOptions = Map.of();

        final Map<Integer, Map<String, Object>> addOptions = new LinkedHashMap<>();
        /** Pods in the group but not in the metadata (an addInstance reverted by a restart timeout). */
        final Set<Integer> inGroupOnly = new LinkedHashSet<>();
        /** Its ClusterSet replication channel stopped with an applier error (a replica only). */
        boolean channelBroken;
        /** Created by the operator with {@code memberAuthType: CERT_SUBJECT} ({@code tls.useSelfSigned: false}). */
        boolean certAuth;
        /**
         * The ClusterSet the operator created for this cluster alone while {@link FakeWorld#cs} is another one (each
         * InnoDBCluster without {@code spec.initDB.clusterSet} gets its own: cluster_controller.py create_cluster);
         * null when none.
         */
        ClusterSetState own;

        Cluster(Member member) {
            this.member = member;
            this.name = member.mysqlClusterName();
            for (int i = 0; i < member.instances(); i++) {
                pods.add(new Instance());
            }
        }

        Instance primaryPod() {
            return pods.get(inMetadata.isEmpty() ? 0 : inMetadata.iterator().next());
        }
    }

    /** The ClusterSet. */
    public static final class ClusterSetState {
        String domain;
        String primary;
        final Set<String> members = new LinkedHashSet<>();
        final Set<String> invalidated = new LinkedHashSet<>();
        /** Copied from the primary cluster's memberAuthType at createClusterSet. */
        boolean certAuth;
        /**
         * Routers registered in the ClusterSet's metadata (label {@code hostname::name}, common/router.cc
         * list_routers) with their own routing options (target_cluster stored as the cluster's group name).
         */
        final Map<String, Map<String, Object>> routers = new java.util.TreeMap<>();
        /** common/router.cc k_default_clusterset_router_options (stats_updates_frequency null, tags {}). */
        final Map<String, Object> globalRouting = new LinkedHashMap<>(Map.of(
                "invalidated_cluster_policy",
                "drop_all",
                "target_cluster",
                "primary",
                "use_replica_primary_as_rw",
                false,
                "read_only_targets",
                "secondaries"));
    }

    final String password;
    final String user;
    final String domain;
    final Map<String, Cluster> clusters = new LinkedHashMap<>();
    ClusterSetState cs;
    final Set<String> downKubeClusters = Collections.synchronizedSet(new LinkedHashSet<>());
    final Set<String> isolated = Collections.synchronizedSet(new LinkedHashSet<>());
    final List<String> mutations = Collections.synchronizedList(new ArrayList<>());
    final AtomicLong mutationCounter = new AtomicLong();
    private long faultAt = -1;
    private Phase faultPhase;
    private String failingOnly;
    private final Map<String, Runnable> racing = new LinkedHashMap<>();

    public FakeWorld(ClusterSetSpec spec, String user, String password) {
        this.user = user;
        this.password = password;
        this.domain = spec.domain();
        spec.members().forEach(m -> clusters.put(m.name(), new Cluster(m)));
    }

    static String uuid() {
        return UUID.randomUUID().toString();
    }

    // ------------------------------------------------------------------ test controls

    /** The operator created the InnoDBCluster: ONLINE with all its pods, its metadata written under its group. */
    public synchronized FakeWorld operatorCreates(String member) {
        Cluster c = cluster(member);
        c.state = State.ONLINE;
        c.own = null;
        c.groupUuid = uuid();
        c.epochTag = null;
        c.inMetadata.clear();
        for (int i = 0; i < c.pods.size(); i++) {
            c.inMetadata.add(i);
            Instance p = c.pods.get(i);
            p.gtids = "";
            for (int t = 0; t < 3; t++) {
                p.gtids = FakeGtids.next(p.gtids, c.groupUuid);
            }
            p.superReadOnly = i != 0;
        }
        return this;
    }

    /** The member's ClusterSet replication channel fails (an applier error) or works again. */
    public synchronized FakeWorld channelBroken(String member, boolean broken) {
        cluster(member).channelBroken = broken;
        if (!broken) {
            replicate();
        }
        return this;
    }

    /** Every pod of the member runs this server version (its image, e.g. an image tag override). */
    public synchronized FakeWorld serverVersion(String member, String version) {
        cluster(member).pods.forEach(p -> p.version = version);
        return this;
    }

    /** Pod {@code ordinal} runs this server version (a half-done rolling upgrade). */
    public synchronized FakeWorld serverVersion(String member, int ordinal, String version) {
        cluster(member).pods.get(ordinal).version = version;
        return this;
    }

    /** Pod {@code ordinal} runs a server built for this operating system and machine (e.g. a node of another arch). */
    public synchronized FakeWorld serverPlatform(String member, int ordinal, String os, String machine) {
        cluster(member).pods.get(ordinal).compileOs = os;
        cluster(member).pods.get(ordinal).compileMachine = machine;
        return this;
    }

    /** Pod {@code ordinal} of the member is deleted or unschedulable (node or zone loss), or back. */
    public synchronized FakeWorld podGone(String member, int ordinal, boolean gone) {
        cluster(member).pods.get(ordinal).gone = gone;
        return this;
    }

    /** Group Replication stops (or starts again) on pod {@code ordinal}; its server keeps running. */
    public synchronized FakeWorld grStopped(String member, int ordinal, boolean stopped) {
        cluster(member).pods.get(ordinal).grStopped = stopped;
        return this;
    }

    /** After a clone, the member's servers take this long to restart (container restart, startupProbe, recovery). */
    public synchronized FakeWorld cloneRestartSeconds(String member, long seconds) {
        cluster(member).pods.forEach(p -> p.cloneRestartSeconds = seconds);
        return this;
    }

    /** The same for one pod. */
    public synchronized FakeWorld cloneRestartSeconds(String member, int pod, long seconds) {
        cluster(member).pods.get(pod).cloneRestartSeconds = seconds;
        return this;
    }

    /**
     * The operator created the member's cluster with certificate authentication: {@code tls.useSelfSigned: false}
     * gives {@code memberAuthType: CERT_SUBJECT} (cluster_controller.py create_cluster), which createClusterSet copies
     * into the ClusterSet (cluster/create_cluster_set.cc).
     */
    public synchronized FakeWorld certificateAuth(String member) {
        cluster(member).certAuth = true;
        return this;
    }

    public synchronized Map<String, Object> createOptions(String member) {
        return Map.copyOf(cluster(member).createOptions);
    }

    public synchronized Map<Integer, Map<String, Object>> addOptions(String member) {
        return Map.copyOf(cluster(member).addOptions);
    }

    /** The member's pod is a real server: the fake Shell reports that server's {@code @@server_uuid}. */
    public synchronized FakeWorld serverUuid(String member, int ordinal, String uuid) {
        cluster(member).pods.get(ordinal).uuid = uuid.toLowerCase(Locale.ROOT);
        return this;
    }

    /**
     * Group Replication elects pod {@code ordinal} primary of the member's cluster (the old primary failed or was
     * restarted): the writable state moves with the primary role, the old primary becomes read-only.
     */
    public synchronized FakeWorld groupPrimary(String member, int ordinal) {
        Cluster c = cluster(member);
        if (!c.inMetadata.contains(ordinal)) {
            throw new IllegalArgumentException(member + "-" + ordinal + " is not in the cluster's metadata");
        }
        Instance old = c.primaryPod();
        Instance elected = c.pods.get(ordinal);
        boolean writable = !old.superReadOnly;
        old.superReadOnly = true;
        elected.superReadOnly = !writable;
        List<Integer> rest = new ArrayList<>(c.inMetadata);
        rest.remove(Integer.valueOf(ordinal));
        c.inMetadata.clear();
        c.inMetadata.add(ordinal);
        c.inMetadata.addAll(rest);
        return this;
    }

    /** A DBA switches super_read_only of one pod by hand ({@code SET GLOBAL super_read_only = ...}). */
    public synchronized FakeWorld superReadOnly(String member, int pod, boolean on) {
        cluster(member).pods.get(pod).superReadOnly = on;
        return this;
    }

    /** The InnoDBCluster exists but is still starting (no quorum yet). */
    public synchronized FakeWorld operatorStarting(String member) {
        operatorCreates(member);
        cluster(member).state = State.STARTING;
        return this;
    }

    /**
     * The operator created the ClusterSet itself, right after the InnoDB cluster of an InnoDBCluster whose spec has
     * no {@code initDB.clusterSet}, named after that cluster (mysql/mysql-operator
     * {@code controller/innodbcluster/cluster_controller.py} {@code create_cluster}, "Only on first cluster!":
     * {@code get_cluster_set()}, else {@code create_cluster_set(self.dba_cluster_name)}); seed 000's
     * {@code domainName: mycluster1}.
     */
    public synchronized FakeWorld operatorCreatesClusterSet(String member) {
        Cluster c = cluster(member);
        if (cs != null && cs.members.contains(member) || c.own != null) {
            return this; // "ClusterSet already exists"
        }
        if (cs != null) {
            // The community operator (chart 2.2.8) does the same for every InnoDBCluster without initDB.clusterSet,
            // so a second cluster gets a second ClusterSet, named after it, holding only it; its metadata is written
            // in its own group (a GTID under its group UUID).
            c.own = new ClusterSetState();
            c.own.domain = c.member.mysqlClusterName();
            c.own.primary = member;
            c.own.members.add(member);
            c.own.certAuth = c.certAuth;
            for (int i : c.inMetadata) {
                Instance pod = c.pods.get(i);
                pod.gtids = FakeGtids.next(pod.gtids, c.groupUuid);
            }
            return this;
        }
        cs = new ClusterSetState();
        cs.domain = c.member.mysqlClusterName();
        cs.primary = member;
        cs.members.add(member);
        cs.certAuth = c.certAuth;
        metadataWrite();
        return this;
    }

    /**
     * The Enterprise operator links a replica itself (initDB.clusterSet): a clone of the primary joins. Without a
     * ClusterSet it fails, as the sidecar does (mysql/mysql-operator {@code controller/innodbcluster/initdb.py}
     * {@code join_innodb_cluster_set}: {@code dba.get_cluster().get_cluster_set()} on the primary).
     */
    public synchronized void operatorJoins(String member) {
        if (cs == null) {
            throw new IllegalStateException("no ClusterSet to join");
        }
        Cluster c = cluster(member);
        Cluster p = csPrimary();
        c.groupUuid = uuid();
        c.state = State.ONLINE;
        c.epochTag = null;
        c.inMetadata.clear();
        for (int i = 0; i < c.pods.size(); i++) {
            c.inMetadata.add(i);
            c.pods.get(i).copyFrom(p.primaryPod());
            c.pods.get(i).superReadOnly = true;
        }
        cs.members.add(member);
        metadataWrite();
    }

    /**
     * The community operator joins pod {@code pod} of the member's cluster itself, as it does for every pod it sees
     * created or restarted (mysql/mysql-operator operator_cluster.py on_pod_create / on_pod_event →
     * cluster_controller.py on_pod_created / on_pod_restarted → reconcile_pod → join_instance →
     * {@code dba_cluster.add_instance}): the AdminAPI call holds the cluster's exclusive lock
     * (mysql/mysql-shell modules/adminapi/cluster/cluster_impl.cc add_instance, {@code get_lock_exclusive()}) for
     * {@code lockHeld} (a clone), during which every AdminAPI operation that takes that cluster's lock, exclusive or
     * shared, fails with SHERR_DBA_LOCK_GET_FAILED (51500): addInstance and rescan, createClusterSet, dissolve,
     * fenceWrites, removeRouterMetadata, and removeCluster, setPrimaryCluster, forcePrimaryCluster and rejoinCluster
     * where they lock it (the list, with mysql-shell's file:line, at FakeAdminApiShell's {@code lockHeld}); then the
     * pod is in the cluster, cloned from its primary.
     */
    public synchronized FakeWorld operatorJoinsPod(String member, int pod, java.time.Duration lockHeld) {
        operatorJoins.add(new OperatorJoin(cluster(member), pod, System.nanoTime() + lockHeld.toNanos()));
        return this;
    }

    /** An operator join in progress (see {@link #operatorJoinsPod}). */
    record OperatorJoin(Cluster cluster, int pod, long doneAt) {}

    final List<OperatorJoin> operatorJoins = new ArrayList<>();

    /** Completes the operator's joins whose time came; true while one still holds {@code c}'s lock. */
    synchronized boolean operatorHoldsLock(Cluster c) {
        settleOperatorJoins();
        return operatorJoins.stream().anyMatch(j -> j.cluster() == c);
    }

    /** Operator joins whose lock time passed take effect (join_instance returned: the pod is in the metadata). */
    synchronized void settleOperatorJoins() {
        long now = System.nanoTime();
        for (var it = operatorJoins.iterator(); it.hasNext(); ) {
            OperatorJoin j = it.next();
            if (now - j.doneAt() < 0) {
                continue;
            }
            it.remove();
            Cluster c = j.cluster();
            if (c.state != State.ONLINE || c.inMetadata.contains(j.pod())) {
                continue;
            }
            Instance pod = c.pods.get(j.pod());
            pod.copyFrom(c.primaryPod());
            pod.superReadOnly = true;
            c.inMetadata.add(j.pod());
            mutations.add("operator addInstance " + c.member.name() + "-" + j.pod());
            metadataWrite();
        }
    }

    /** A pod leaves its cluster's metadata (e.g. the operator removed it when its pod was deleted). */
    public synchronized FakeWorld notInCluster(String member, int pod) {
        Cluster c = cluster(member);
        c.inMetadata.remove(pod);
        c.pods.get(pod).gtids = "";
        c.pods.get(pod).schemas.clear();
        return this;
    }

    /** The Enterprise operator's failover Job: a switchover, or a forced failover invalidating the old primary. */
    public synchronized void operatorFailsOver(String member, boolean force) {
        Cluster old = csPrimary();
        if (force) {
            cs.invalidated.add(old.member.name());
        } else {
            old.pods.forEach(p -> p.superReadOnly = true);
        }
        cs.primary = member;
        cluster(member).primaryPod().superReadOnly = false;
        metadataWrite();
    }

    /**
     * A router pod of the member bootstraps against the ClusterSet: the operator's entrypoint runs {@code mysqlrouter
     * --bootstrap ... --directory /tmp/mysqlrouter} without {@code --name} (mysql-operator
     * mysqloperator/controller/innodbcluster/router-entrypoint-run.sh.tpl), so MySQL Router registers under its
     * hostname (the pod name) and an empty name (mysql-server router/src/router/src/config_generator.cc
     * bootstrap_directory_deployment: the name stays empty, "system" is reserved); the operator removes
     * {@code <pod>::} when the pod is deleted (cluster_controller.py on_router_pod_delete).
     */
    public synchronized String routerRegisters(String routerPod) {
        String label = routerPod + "::";
        cs.routers.putIfAbsent(label, new java.util.TreeMap<>());
        return label;
    }

    /** A router registered by hand under another name (e.g. {@code --name} in the router's bootstrapOptions). */
    public synchronized String routerRegistersAs(String address, String name) {
        String label = address + "::" + name;
        cs.routers.putIfAbsent(label, new java.util.TreeMap<>());
        return label;
    }

    /** The labels of the routers registered in the ClusterSet's metadata. */
    public synchronized Set<String> registeredRouters() {
        return Set.copyOf(cs.routers.keySet());
    }

    /** The router's own value of an option as the metadata stores it ({@code routers.options}); null when unset. */
    public synchronized Object ownRoutingOption(String label, String option) {
        return cs.routers.get(label).get(option);
    }

    /** The routing option as the router sees it: its own, else the ClusterSet's; target_cluster as a cluster name. */
    public synchronized Object routingOption(String label, String option) {
        Object v = cs.routers.get(label).getOrDefault(option, cs.globalRouting.get(option));
        for (Cluster c : clusters.values()) {
            if (c.groupUuid != null && c.groupUuid.equals(v)) {
                return c.name;
            }
        }
        return v;
    }

    /** An application writes a row in {@code schema} on the member's primary instance. */
    public synchronized void write(String member, String schema) {
        Cluster c = cluster(member);
        Instance p = c.primaryPod();
        p.gtids = FakeGtids.next(p.gtids, c.groupUuid == null ? p.uuid : c.groupUuid);
        p.schemas.add(schema);
        for (int i : c.inMetadata) {
            c.pods.get(i).copyFrom(p);
        }
        replicate();
    }

    /** A client writes a row in {@code schema} on one pod outside any cluster (a standalone server). */
    public synchronized void writeStandalone(String member, int pod, String schema) {
        Instance p = cluster(member).pods.get(pod);
        p.gtids = FakeGtids.next(p.gtids, p.uuid);
        p.schemas.add(schema);
    }

    public synchronized void kubeDown(String kubeCluster, boolean down) {
        if (down) {
            downKubeClusters.add(kubeCluster);
        } else {
            downKubeClusters.remove(kubeCluster);
            replicate();
        }
    }

    /** The member's MySQL cannot reach the other members, nor they it (S1.7's NetworkPolicy). */
    public synchronized void isolate(String member, boolean cut) {
        if (cut) {
            isolated.add(member);
        } else {
            isolated.remove(member);
            replicate();
        }
    }

    /** The n-th mutation from now (1-based) fails before it takes effect, or after (then its answer is lost). */
    public synchronized void failAt(long n, Phase phase) {
        faultAt = mutationCounter.get() + n;
        faultPhase = phase;
        failingOnly = null;
    }

    /**
     * Just before the next mutation named {@code operation} takes effect, {@code first} runs: someone else (the
     * operator) acts between the provider's last read and its own call.
     */
    public synchronized void beforeNext(String operation, Runnable first) {
        racing.put(operation, first);
    }

    /** The next mutation named {@code operation} fails. */
    public synchronized void failNext(String operation, Phase phase) {
        faultAt = Long.MAX_VALUE;
        faultPhase = phase;
        failingOnly = operation;
    }

    public synchronized void clearFaults() {
        faultAt = -1;
        failingOnly = null;
    }

    // ------------------------------------------------------------------ views for assertions

    public synchronized Optional<String> clusterSetPrimary() {
        return cs == null ? Optional.empty() : Optional.of(cs.primary);
    }

    public synchronized List<String> clusterSetMembers() {
        return cs == null ? List.of() : List.copyOf(cs.members);
    }

    public synchronized Set<String> invalidated() {
        return cs == null ? Set.of() : Set.copyOf(cs.invalidated);
    }

    /** The recorded primary epoch: the highest epoch tag of the ClusterSet's member clusters. */
    public synchronized Optional<Long> epoch() {
        return cs == null
                ? Optional.empty()
                : cs.members.stream()
                        .map(m -> cluster(m).epochTag)
                        .filter(java.util.Objects::nonNull)
                        .max(Long::compare);
    }

    /** The domain name of the ClusterSet the operator made for this member alone, if it is in one. */
    public synchronized Optional<String> ownClusterSet(String member) {
        Cluster c = cluster(member);
        return c.own == null ? Optional.empty() : Optional.of(c.own.domain);
    }

    public synchronized Optional<String> domainName() {
        return cs == null ? Optional.empty() : Optional.of(cs.domain);
    }

    public synchronized State state(String member) {
        return cluster(member).state;
    }

    public synchronized Set<Integer> instancesInMetadata(String member) {
        return Set.copyOf(cluster(member).inMetadata);
    }

    public synchronized Set<String> userSchemas(String member, int pod) {
        return Set.copyOf(cluster(member).pods.get(pod).schemas);
    }

    public synchronized String gtids(String member, int pod) {
        return cluster(member).pods.get(pod).gtids;
    }

    public synchronized boolean superReadOnly(String member, int pod) {
        return cluster(member).pods.get(pod).superReadOnly;
    }

    public List<String> mutations() {
        synchronized (mutations) {
            return List.copyOf(mutations);
        }
    }

    public long mutationCount() {
        return mutationCounter.get();
    }

    // ------------------------------------------------------------------ model internals

    Cluster cluster(String member) {
        Cluster c = clusters.get(member);
        if (c == null) {
            throw new IllegalArgumentException("no member " + member);
        }
        return c;
    }

    /** Which member and pod ordinal an FQDN names. */
    synchronized Optional<Map.Entry<Cluster, Integer>> byHost(String host) {
        for (Cluster c : clusters.values()) {
            for (int i = 0; i < c.pods.size(); i++) {
                if (c.member.podFqdn(i, domain).equalsIgnoreCase(host)) {
                    return Optional.of(Map.entry(c, i));
                }
            }
        }
        return Optional.empty();
    }

    synchronized Optional<Map.Entry<Cluster, Integer>> byPod(PodRef pod) {
        for (Cluster c : clusters.values()) {
            for (int i = 0; i < c.pods.size(); i++) {
                if (c.member.kubeCluster().equals(pod.kubeCluster())
                        && c.member.namespace().equals(pod.namespace())
                        && (c.member.name() + "-" + i).equals(pod.pod())) {
                    return Optional.of(Map.entry(c, i));
                }
            }
        }
        return Optional.empty();
    }

    synchronized boolean podGone(Cluster c, int ordinal) {
        return c.pods.get(ordinal).gone;
    }

    synchronized boolean kubeUp(String kubeCluster) {
        return !downKubeClusters.contains(kubeCluster);
    }

    /** Can the MySQL of {@code from} reach the MySQL of {@code to}? */
    synchronized boolean reaches(Cluster from, Cluster to) {
        if (!kubeUp(to.member.kubeCluster()) || !kubeUp(from.member.kubeCluster())) {
            return false;
        }
        return from == to || !isolated.contains(from.member.name()) && !isolated.contains(to.member.name());
    }

    void recordMutation(String operation) {
        mutations.add(operation);
    }

    synchronized Cluster csPrimary() {
        return cluster(cs.primary);
    }

    /** Metadata writes of an AdminAPI operation land on the ClusterSet primary and replicate. */
    synchronized void metadataWrite() {
        if (cs == null) {
            return;
        }
        Cluster p = csPrimary();
        for (int i : p.inMetadata) {
            Instance pod = p.pods.get(i);
            pod.gtids = FakeGtids.next(pod.gtids, p.groupUuid);
        }
        replicate();
    }

    /** ClusterSet replication: healthy reachable replicas receive everything the primary has. */
    synchronized void replicate() {
        if (cs == null) {
            return;
        }
        Cluster p = csPrimary();
        Instance src = p.primaryPod();
        for (String m : cs.members) {
            Cluster r = cluster(m);
            if (r == p || cs.invalidated.contains(m) || !reaches(p, r) || r.channelBroken) {
                continue;
            }
            for (int i : r.inMetadata) {
                Instance pod = r.pods.get(i);
                pod.gtids = FakeGtids.union(pod.gtids, src.gtids);
                pod.schemas.addAll(src.schemas);
            }
        }
    }

    /**
     * Runs one mutation under the fault plan: a BEFORE fault throws {@code before} with nothing done, an AFTER fault
     * applies it and then throws {@code after} (the answer is lost, as on a dropped exec stream or a timeout).
     */
    <T> T mutate(
            String operation, Supplier<T> apply, Supplier<RuntimeException> before, Supplier<RuntimeException> after) {
        boolean failBefore;
        boolean failAfter;
        synchronized (this) {
            long n = mutationCounter.incrementAndGet();
            boolean hit = failingOnly == null ? n == faultAt : failingOnly.equals(operation);
            failBefore = hit && faultPhase == Phase.BEFORE;
            failAfter = hit && faultPhase == Phase.AFTER;
            if (hit) {
                faultAt = -1;
                failingOnly = null;
            }
        }
        if (failBefore) {
            throw before.get();
        }
        Runnable first;
        synchronized (this) {
            first = racing.remove(operation);
        }
        if (first != null) {
            first.run();
        }
        // Not under the world's monitor: a Kubernetes action may wait for a simulated controller.
        T result = apply.get();
        if (failAfter) {
            throw after.get();
        }
        return result;
    }
}
