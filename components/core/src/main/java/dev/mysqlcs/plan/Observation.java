package dev.mysqlcs.plan;

import dev.mysqlcs.model.ClusterSetStatus;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Everything read about the ClusterSet before planning: the ClusterSet as its members report it, the recorded primary
 * epoch and what each configured member looks like. Built by the provider's observer; the planner only reads it.
 *
 * @param clusterSet    the ClusterSet status, empty when no reachable member belongs to one
 * @param statusSource  the member whose view is {@code clusterSet}
 * @param recordedEpoch the epoch tag of the last primary change, empty when none was ever recorded
 * @param epochKnown    false when the epoch could not be read (then no primary change is planned)
 * @param members       by member (InnoDBCluster) name
 * @param conflicts     members that disagree about the primary cluster (a partition): nothing is planned then
 * @param cutOff        members whose own view is stale: another member's view invalidated them (a forced failover
 *                      while they were cut off) and they still do not see the new primary
 * @param ownClusterSets members that are the only cluster of a ClusterSet named after their own MySQL cluster, other
 *                      than {@code clusterSet}: the ClusterSet the MySQL Operator creates for every InnoDBCluster
 *                      without {@code spec.initDB.clusterSet} (mysql/mysql-operator
 *                      {@code mysqloperator/controller/innodbcluster/cluster_controller.py} {@code create_cluster},
 *                      "Only on first cluster!": {@code get_cluster_set()}, else
 *                      {@code create_cluster_set(self.dba_cluster_name)}). Their {@code standalone} state is read as
 *                      for a cluster outside any ClusterSet; they are not reported in {@code otherClusterSet}.
 */
public record Observation(
        Optional<ClusterSetStatus> clusterSet,
        Optional<String> statusSource,
        OptionalLong recordedEpoch,
        boolean epochKnown,
        Map<String, MemberFacts> members,
        List<String> conflicts,
        Set<String> cutOff,
        Set<String> ownClusterSets) {

    /** This observation with these members whose own view is stale. */
    public Observation withCutOff(Set<String> cutOff) {
        return new Observation(
                clusterSet, statusSource, recordedEpoch, epochKnown, members, conflicts, cutOff, ownClusterSets);
    }

    /** This observation with these members disagreeing about the primary cluster. */
    public Observation withConflicts(List<String> conflicts) {
        return new Observation(
                clusterSet, statusSource, recordedEpoch, epochKnown, members, conflicts, cutOff, ownClusterSets);
    }

    /** This observation with these members alone in a ClusterSet of their own. */
    public Observation withOwnClusterSets(Set<String> ownClusterSets) {
        return new Observation(
                clusterSet, statusSource, recordedEpoch, epochKnown, members, conflicts, cutOff, ownClusterSets);
    }

    /** This observation with this recorded epoch, and whether it could be read. */
    public Observation withEpoch(OptionalLong recordedEpoch, boolean epochKnown) {
        return new Observation(
                clusterSet, statusSource, recordedEpoch, epochKnown, members, conflicts, cutOff, ownClusterSets);
    }

    public enum Reach {
        REACHABLE,
        UNREACHABLE,
        UNKNOWN
    }

    /** The member's own InnoDB cluster, when it is not (yet) a ClusterSet member. */
    public enum Standalone {
        /** An InnoDB cluster that serves, every configured instance ONLINE in its topology. */
        ONLINE,
        /**
         * An InnoDB cluster that serves with some configured instance not ONLINE (OK_PARTIAL, OK_NO_TOLERANCE_PARTIAL,
         * or a pod missing from its topology): it is not dissolved (cluster/dissolve.cc refuses without force).
         */
        ONLINE_PARTIAL,
        /** An InnoDB cluster exists but does not serve yet (starting, recovering). */
        NOT_READY,
        /** The instance answers but belongs to no InnoDB cluster (dissolved, or not yet created by the operator). */
        NO_CLUSTER,
        /**
         * The instance is registered in InnoDB cluster metadata but its Group Replication is stopped on every pod that
         * answered (MYSQLSH 51314, "metadata exists, instance belongs to that metadata, but GR is not active"): a
         * cluster that is down, e.g. after a complete outage, never "no cluster".
         */
        CLUSTER_DOWN,
        /** Not read (in the ClusterSet, or unreachable). */
        UNKNOWN
    }

    /** Router Deployment: none configured, restarted for this ClusterSet already, or restart still due. */
    public enum RouterState {
        NONE,
        DONE,
        PENDING,
        UNKNOWN
    }

    /** The member's operator secrets against the primary's. */
    public enum SecretsState {
        IN_SYNC,
        DIFFERENT,
        UNKNOWN
    }

    /**
     * An operator Secret that a comparison of {@link SecretsState} found missing (so the state is UNKNOWN).
     *
     * @param member whose Secret it is: the member's own, or the primary member's
     */
    public record MissingSecret(String member, String namespace, String name, String kubeCluster) {
        @Override
        public String toString() {
            return "Secret " + namespace + "/" + name + " in '" + kubeCluster + "'";
        }
    }

    /**
     * The operating system and platform a server was built for, {@code @@version_compile_os} and
     * {@code @@version_compile_machine}: besides the version, what MySQL Shell's check_compatible_clone_donor
     * (modules/adminapi/common/base_cluster_impl.cc:617-647) requires a clone's donor and recipient to share, each
     * compared as an exact string.
     */
    public record Platform(String os, String machine) {}

    /** What {@code @@super_read_only} says on one server pod: fenced, taking writes, or no answer to a probe. */
    public enum Writes {
        READ_ONLY,
        WRITABLE,
        UNANSWERED
    }

    /**
     * What the member's primary instance holds: the pod its InnoDB cluster's metadata names PRIMARY (pod 0 when no
     * status names one, e.g. a dissolved cluster), never a secondary that may lag.
     *
     * @param errantVsPrimary GTIDs executed here but not on the ClusterSet's primary ("" when none), empty if unknown
     * @param localUuids      UUIDs under which this member's own cluster writes (server, group, view change)
     * @param instance        the ordinal of the pod these facts were read on
     */
    public record DataFacts(
            List<String> userSchemas,
            String gtidExecuted,
            boolean superReadOnly,
            Optional<String> errantVsPrimary,
            Set<String> localUuids,
            int instance) {

        /** Facts read on pod 0. */
        public DataFacts(
                List<String> userSchemas,
                String gtidExecuted,
                boolean superReadOnly,
                Optional<String> errantVsPrimary,
                Set<String> localUuids) {
            this(userSchemas, gtidExecuted, superReadOnly, errantVsPrimary, localUuids, 0);
        }
    }

    /**
     * @param otherClusterSet the domain name of a different ClusterSet this member belongs to
     * @param joinMark        the ClusterSet a join of this member was started for (journal in its namespace)
     * @param podUserSchemas  user schemas of pods (by ordinal) that are not yet in their cluster's metadata
     * @param podWrites       super_read_only of every configured pod (by ordinal) of an INVALIDATED cluster, the
     *                        facts its fencing is decided on; empty when not read (the cluster is not invalidated)
     * @param missingSecrets  with {@code secrets} UNKNOWN: the operator Secrets (the member's or the primary's) that
     *                        do not exist; empty when they could not be read at all
     * @param routers         the member's routers registered in the ClusterSet ({@code listRouters()}, label
     *                        {@code address::name}) with the effective value of each routing option as JSON text
     *                        (the router's own, else the ClusterSet's; target_cluster as the cluster's name); read
     *                        only for members with {@code routing} configured, else empty; for {@code tags} the
     *                        router's own tags only
     * @param podVersions     {@code @@version} of the member's pods (by ordinal) that were read over JDBC: its
     *                        primary instance, pods not in its cluster's metadata, and every pod of a member outside
     *                        the ClusterSet; a pod missing here could not be read. Clone compatibility is checked on
     *                        these (and on the versions the Shell's status reports for ONLINE instances)
     * @param registered      labels ({@code address::name}) of the routers registered in the ClusterSet whose address
     *                        starts with {@code <name>-router-} (listRouters()); empty when not read
     * @param routerPods      the names of the member's router pods that exist (Kubernetes); empty when not read, so a
     *                        pod's absence is proven only when present
     * @param podPlatforms    {@code @@version_compile_os} and {@code @@version_compile_machine} of the pods (by
     *                        ordinal) whose {@code @@version} is in {@code podVersions}, read in the same query; the
     *                        Shell's status reports neither, so a pod missing here has an unknown platform
     */
    public record MemberFacts(
            String member,
            Reach reach,
            Standalone standalone,
            Optional<String> otherClusterSet,
            Optional<DataFacts> data,
            Map<Integer, List<String>> podUserSchemas,
            RouterState router,
            SecretsState secrets,
            Optional<String> joinMark,
            Map<Integer, Writes> podWrites,
            List<MissingSecret> missingSecrets,
            Map<String, Map<String, String>> routers,
            Map<Integer, String> podVersions,
            List<String> registered,
            Optional<Set<String>> routerPods,
            Map<Integer, Platform> podPlatforms) {

        /*
         * One wither per field that is changed after the facts are built. Each copies through Copy, the one place
         * that lists every field, so a field added to this record is never silently lost by a copy (short
         * constructors that defaulted newer fields did lose them).
         */

        public MemberFacts withReach(Reach reach) {
            return copy(c -> c.reach = reach);
        }

        public MemberFacts withData(Optional<DataFacts> data) {
            return copy(c -> c.data = data);
        }

        public MemberFacts withPodUserSchemas(Map<Integer, List<String>> podUserSchemas) {
            return copy(c -> c.podUserSchemas = podUserSchemas);
        }

        public MemberFacts withRouter(RouterState router) {
            return copy(c -> c.router = router);
        }

        public MemberFacts withSecrets(SecretsState secrets) {
            return copy(c -> c.secrets = secrets);
        }

        public MemberFacts withJoinMark(Optional<String> joinMark) {
            return copy(c -> c.joinMark = joinMark);
        }

        public MemberFacts withPodWrites(Map<Integer, Writes> podWrites) {
            return copy(c -> c.podWrites = podWrites);
        }

        public MemberFacts withMissingSecrets(List<MissingSecret> missingSecrets) {
            return copy(c -> c.missingSecrets = missingSecrets);
        }

        public MemberFacts withRouters(Map<String, Map<String, String>> routers) {
            return copy(c -> c.routers = routers);
        }

        public MemberFacts withPodVersions(Map<Integer, String> podVersions) {
            return copy(c -> c.podVersions = podVersions);
        }

        public MemberFacts withRegistered(List<String> registered) {
            return copy(c -> c.registered = registered);
        }

        public MemberFacts withRouterPods(Optional<Set<String>> routerPods) {
            return copy(c -> c.routerPods = routerPods);
        }

        public MemberFacts withPodPlatforms(Map<Integer, Platform> podPlatforms) {
            return copy(c -> c.podPlatforms = podPlatforms);
        }

        private MemberFacts copy(java.util.function.Consumer<Copy> change) {
            Copy c = new Copy(this);
            change.accept(c);
            return c.build();
        }

        /** The fields of a {@link MemberFacts} being copied with a change. */
        private static final class Copy {
            private String member;
            private Reach reach;
            private Standalone standalone;
            private Optional<String> otherClusterSet;
            private Optional<DataFacts> data;
            private Map<Integer, List<String>> podUserSchemas;
            private RouterState router;
            private SecretsState secrets;
            private Optional<String> joinMark;
            private Map<Integer, Writes> podWrites;
            private List<MissingSecret> missingSecrets;
            private Map<String, Map<String, String>> routers;
            private Map<Integer, String> podVersions;
            private List<String> registered;
            private Optional<Set<String>> routerPods;
            private Map<Integer, Platform> podPlatforms;

            Copy(MemberFacts f) {
                member = f.member;
                reach = f.reach;
                standalone = f.standalone;
                otherClusterSet = f.otherClusterSet;
                data = f.data;
                podUserSchemas = f.podUserSchemas;
                router = f.router;
                secrets = f.secrets;
                joinMark = f.joinMark;
                podWrites = f.podWrites;
                missingSecrets = f.missingSecrets;
                routers = f.routers;
                podVersions = f.podVersions;
                registered = f.registered;
                routerPods = f.routerPods;
                podPlatforms = f.podPlatforms;
            }

            MemberFacts build() {
                return new MemberFacts(
                        member,
                        reach,
                        standalone,
                        otherClusterSet,
                        data,
                        podUserSchemas,
                        router,
                        secrets,
                        joinMark,
                        podWrites,
                        missingSecrets,
                        routers,
                        podVersions,
                        registered,
                        routerPods,
                        podPlatforms);
            }
        }

        public static MemberFacts unknown(String member) {
            return new MemberFacts(
                    member,
                    Reach.UNKNOWN,
                    Standalone.UNKNOWN,
                    Optional.empty(),
                    Optional.empty(),
                    Map.of(),
                    RouterState.UNKNOWN,
                    SecretsState.UNKNOWN,
                    Optional.empty(),
                    Map.of(),
                    List.of(),
                    Map.of(),
                    Map.of(),
                    List.of(),
                    Optional.empty(),
                    Map.of());
        }

        /** Ordinals of the pods in state {@code w}, ascending. */
        public List<Integer> podsWith(Writes w) {
            return podWrites.entrySet().stream()
                    .filter(e -> e.getValue() == w)
                    .map(Map.Entry::getKey)
                    .sorted()
                    .toList();
        }
    }

    public MemberFacts member(String name) {
        return members.getOrDefault(name, MemberFacts.unknown(name));
    }
}
