package dev.mysqlcs.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mysqlcs.model.ClusterSetSpec;
import dev.mysqlcs.model.ClusterSetStatus;
import dev.mysqlcs.model.Member;
import dev.mysqlcs.plan.Observation.DataFacts;
import dev.mysqlcs.plan.Observation.MemberFacts;
import dev.mysqlcs.plan.Observation.Reach;
import dev.mysqlcs.plan.Observation.RouterState;
import dev.mysqlcs.plan.Observation.SecretsState;
import dev.mysqlcs.plan.Observation.Standalone;
import dev.mysqlcs.plan.Observation.Writes;
import dev.mysqlcs.testing.ConfigFixtures;
import dev.mysqlcs.testing.PrimaryControl;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Each planner rule by name, on seed 001's topology (prd primary in prod, dr replica in dr). */
class ClusterSetPlannerTest {

    static final Set<String> PROD = Set.of("prod");
    static final Set<String> DR = Set.of("dr");
    static final String A = "aaaaaaaa-0000-0000-0000-000000000001";
    static final String B = "bbbbbbbb-0000-0000-0000-000000000002";
    static final String FOREIGN = "ffffffff-0000-0000-0000-00000000000f";

    private final ClusterSetSpec spec = ConfigFixtures.prod().clusterSet();

    // ------------------------------------------------------------------ observation builders

    /** The server version every pod of {@link #healthy} reports. */
    static final String VERSION = "8.4.3";

    static final Map<Integer, String> ALL_8_4_3 =
            Map.of(0, VERSION, 1, VERSION, 2, VERSION, 3, VERSION, 4, VERSION, 5, VERSION);

    /** The platform every pod of {@link #healthy} reports (@@version_compile_os, @@version_compile_machine). */
    static final Observation.Platform LINUX = new Observation.Platform("Linux", "x86_64");

    static final Map<Integer, Observation.Platform> ALL_LINUX_X86_64 =
            Map.of(0, LINUX, 1, LINUX, 2, LINUX, 3, LINUX, 4, LINUX, 5, LINUX);

    /** A member that answers, with no data, router not restarted, secrets differing, every pod at {@link #VERSION} on {@link #LINUX}. */
    static MemberFacts healthy(String name, Standalone standalone) {
        return new MemberFacts(
                name,
                Reach.REACHABLE,
                standalone,
                Optional.empty(),
                Optional.of(new DataFacts(List.of(), A + ":1-10", false, Optional.of(""), Set.of())),
                Map.of(),
                RouterState.PENDING,
                SecretsState.DIFFERENT,
                Optional.empty(),
                Map.of(),
                List.of(),
                Map.of(),
                ALL_8_4_3,
                List.of(),
                Optional.empty(),
                ALL_LINUX_X86_64);
    }

    /** The member's facts with these pod versions (ordinal to {@code @@version}). */
    static MemberFacts versions(MemberFacts f, Map<Integer, String> podVersions) {
        return f.withPodVersions(podVersions);
    }

    static MemberFacts with(MemberFacts f, DataFacts d) {
        return f.withData(Optional.of(d));
    }

    static MemberFacts writes(MemberFacts f, Map<Integer, Writes> podWrites) {
        return f.withPodWrites(podWrites);
    }

    static MemberFacts reach(MemberFacts f, Reach r) {
        return f.withReach(r).withData(r == Reach.REACHABLE ? f.data() : Optional.empty());
    }

    static MemberFacts router(MemberFacts f, RouterState r) {
        return f.withRouter(r);
    }

    static MemberFacts marked(MemberFacts f, String cs) {
        return f.withJoinMark(Optional.of(cs));
    }

    static MemberFacts secretsInSync(MemberFacts f) {
        return f.withSecrets(SecretsState.IN_SYNC);
    }

    static MemberFacts pods(MemberFacts f, Map<Integer, List<String>> pods) {
        return f.withPodUserSchemas(pods);
    }

    /** Secrets UNKNOWN: the Secrets named missing (none: they could not be read). */
    static MemberFacts secretsUnknown(MemberFacts f, Observation.MissingSecret... missing) {
        return f.withSecrets(SecretsState.UNKNOWN).withMissingSecrets(List.of(missing));
    }

    static final Observation.MissingSecret PRD_ROUTER =
            new Observation.MissingSecret("prd", "mysql-prod", "prd-router", "prod");
    static final Observation.MissingSecret DR_BACKUP =
            new Observation.MissingSecret("dr", "mysql-dr", "dr-backup", "dr");

    static DataFacts data(List<String> schemas, String errant, Set<String> local, boolean superReadOnly) {
        return new DataFacts(schemas, A + ":1-10", superReadOnly, Optional.of(errant), local);
    }

    ClusterSetStatus.Cluster cluster(String member, String role, String global, String status, int... ordinals) {
        Member m = spec.member(member).orElseThrow();
        Map<String, ClusterSetStatus.Instance> topology = new LinkedHashMap<>();
        for (int i : ordinals) {
            String a = m.podFqdn(i, spec.domain()) + ":3306";
            topology.put(
                    a, new ClusterSetStatus.Instance(a, i == ordinals[0] ? "PRIMARY" : "SECONDARY", "R/O", "ONLINE"));
        }
        return new ClusterSetStatus.Cluster(
                m.mysqlClusterName(),
                role,
                global,
                status,
                "",
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                topology,
                List.of());
    }

    ClusterSetStatus status(String primaryMember, ClusterSetStatus.Cluster... clusters) {
        Map<String, ClusterSetStatus.Cluster> m = new LinkedHashMap<>();
        for (ClusterSetStatus.Cluster c : clusters) {
            m.put(c.name(), c);
        }
        Member p = spec.member(primaryMember).orElseThrow();
        return new ClusterSetStatus(
                "mycs", p.mysqlClusterName(), "HEALTHY", "", Optional.of(p.podFqdn(0, spec.domain()) + ":3306"), m);
    }

    static Observation obs(Optional<ClusterSetStatus> cs, long epoch, MemberFacts... facts) {
        Map<String, MemberFacts> m = new LinkedHashMap<>();
        for (MemberFacts f : facts) {
            m.put(f.member(), f);
        }
        return new Observation(
                cs,
                cs.map(x -> "prd"),
                epoch == 0 ? OptionalLong.empty() : OptionalLong.of(epoch),
                true,
                m,
                List.of(),
                Set.of(),
                Set.of());
    }

    /** prd primary with 3 instances, dr a complete replica: the ClusterSet of seed 001 after S2.17. */
    ClusterSetStatus joined() {
        return status(
                "prd", cluster("prd", "PRIMARY", "OK", "OK", 0, 1, 2), cluster("dr", "REPLICA", "OK", "OK", 0, 1, 2));
    }

    static List<String> steps(StepPlan p) {
        List<String> out = new ArrayList<>();
        p.steps().forEach(s -> out.add(s.getClass().getSimpleName()));
        return out;
    }

    static String refusal(StepPlan p) {
        return p.refusal().map(UnsafeStepRefused::rule).orElse("none");
    }

    // ------------------------------------------------------------------ ClusterSet

    @Test
    void createsClusterSetOnTheConfiguredPrimaryThenRestartsItsRouter() {
        StepPlan p = ClusterSetPlanner.plan(
                new Intent.EnsureClusterSet(),
                spec,
                PROD,
                obs(Optional.empty(), 0, healthy("prd", Standalone.ONLINE), healthy("dr", Standalone.ONLINE)));
        assertEquals(List.of("CreateClusterSet", "RestartRouter"), steps(p));
        assertEquals(
                new ClusterSetStep.CreateClusterSet("prd", "mycs", "prd-0.prd-instances.mysql-prod.svc.cluster.local"),
                p.steps().get(0));
    }

    @Test
    void recordsTheConfiguredEpochWhenCreating() {
        ClusterSetSpec s = PrimaryControl.prod("prd", 3, false).clusterSet();
        StepPlan p = ClusterSetPlanner.plan(
                new Intent.EnsureClusterSet(),
                s,
                PROD,
                obs(Optional.empty(), 0, healthy("prd", Standalone.ONLINE), healthy("dr", Standalone.ONLINE)));
        assertEquals(List.of("CreateClusterSet", "RecordPrimaryEpoch", "RestartRouter"), steps(p));
    }

    @Test
    void waitsForTheOperatorBeforeCreating() {
        StepPlan p = ClusterSetPlanner.plan(
                new Intent.EnsureClusterSet(),
                spec,
                PROD,
                obs(Optional.empty(), 0, healthy("prd", Standalone.NOT_READY), healthy("dr", Standalone.ONLINE)));
        assertEquals(List.of("AwaitClusterOnline"), steps(p));
        assertTrue(!p.mutates());
    }

    @Test
    void refusesToCreateTheClusterSetFromAStackThatDoesNotDeployThePrimary() {
        StepPlan p = ClusterSetPlanner.plan(
                new Intent.EnsureClusterSet(),
                spec,
                DR,
                obs(Optional.empty(), 0, healthy("prd", Standalone.ONLINE), healthy("dr", Standalone.ONLINE)));
        assertEquals("clusterset-not-created", refusal(p));
        assertTrue(p.refusal().get().getMessage().contains("run `pulumi up` on that stack first"));
    }

    /**
     * D3, linkage operator: the stack deploying only a replica (beta on west; the primary alpha on east) refuses
     * before anything runs while there is no ClusterSet, so the replica's InnoDBCluster, which waits for this
     * resource, is not created (MySqlSidePlanTest#aStackDeployingOnlyAReplicaCreatesItAfterItsClusterSetResource).
     */
    @Test
    void anOperatorLinkedReplicasStackRefusesWhileThereIsNoClusterSet() {
        ClusterSetSpec full = dev.mysqlcs.testing.MySqlFixtures.fullOptions().clusterSet();
        StepPlan p = ClusterSetPlanner.plan(
                new Intent.EnsureClusterSet(),
                full,
                Set.of("west"),
                obs(Optional.empty(), 0, healthy("alpha", Standalone.ONLINE), healthy("beta", Standalone.NOT_READY)));
        assertEquals("clusterset-not-created", refusal(p));
        assertEquals(List.of(), steps(p));
        assertEquals(
                "ClusterSet 'fullcs' does not exist yet. it is created on alpha by the stack that deploys Kubernetes "
                        + "cluster 'east': run `pulumi up` on that stack first (deploy order: the primary's stack, "
                        + "then the others)",
                p.refusal().get().getMessage());
    }

    @Test
    void membersOfThePrimarysStackWaitForItsClusterSetResource() {
        Observation none =
                obs(Optional.empty(), 0, healthy("prd", Standalone.ONLINE), healthy("dr", Standalone.ONLINE));
        assertEquals(
                List.of("AwaitClusterSet"),
                steps(ClusterSetPlanner.plan(new Intent.EnsureMember("prd"), spec, PROD, none)));
        assertEquals(
                List.of("AwaitClusterSet"),
                steps(ClusterSetPlanner.plan(new Intent.EnsurePrimary(), spec, PROD, none)));
        assertEquals(
                "clusterset-not-found",
                refusal(ClusterSetPlanner.plan(new Intent.EnsureMember("dr"), spec, DR, none)),
                "another stack's ClusterSet: refuse with the deploy order instead of waiting for it");
    }

    @Test
    void adoptsAnExistingClusterSetWithoutChangingIt() {
        StepPlan p = ClusterSetPlanner.plan(
                new Intent.EnsureClusterSet(),
                spec,
                DR,
                obs(
                        Optional.of(joined()),
                        0,
                        router(healthy("prd", Standalone.UNKNOWN), RouterState.DONE),
                        healthy("dr", Standalone.UNKNOWN)));
        assertTrue(p.converged());
    }

    @Test
    void refusesAClusterSetOfAnotherName() {
        ClusterSetStatus other =
                new ClusterSetStatus("othercs", "prd", "HEALTHY", "", Optional.empty(), joined().clusters());
        StepPlan p = ClusterSetPlanner.plan(
                new Intent.EnsureClusterSet(),
                spec,
                PROD,
                obs(Optional.of(other), 0, healthy("prd", Standalone.UNKNOWN), healthy("dr", Standalone.UNKNOWN)));
        assertEquals("foreign-clusterset", refusal(p));
    }

    /**
     * The community operator of chart 2.2.8 creates a ClusterSet named after every InnoDBCluster it creates without
     * {@code spec.initDB.clusterSet} (mysql/mysql-operator cluster_controller.py create_cluster, "Only on first
     * cluster!"): the primary's is adopted under that name, since MySQL Shell cannot rename a ClusterSet.
     */
    @Test
    void adoptsTheClusterSetTheOperatorNamedAfterThePrimary() {
        ClusterSetStatus operators = new ClusterSetStatus(
                "prd",
                "prd",
                "HEALTHY",
                "",
                Optional.empty(),
                Map.of("prd", cluster("prd", "PRIMARY", "OK", "OK", 0, 1, 2)));
        StepPlan p = ClusterSetPlanner.plan(
                new Intent.EnsureClusterSet(),
                spec,
                PROD,
                obs(
                        Optional.of(operators),
                        0,
                        router(healthy("prd", Standalone.UNKNOWN), RouterState.DONE),
                        healthy("dr", Standalone.ONLINE)));
        assertEquals("none", refusal(p));
        assertEquals(List.of(), steps(p), "no createClusterSet: the ClusterSet exists");
        assertEquals(
                List.of("the MySQL Operator created ClusterSet 'prd' on prd and named it after that InnoDB cluster; "
                        + "MySQL Shell cannot rename a ClusterSet, so it is managed under that name, not "
                        + "mysqlcs:clusterSet.name 'mycs'"),
                p.notes());

        // Later runs: the same ClusterSet, now holding the replica this provider joined, is still adopted.
        StepPlan later = ClusterSetPlanner.plan(
                new Intent.EnsureClusterSet(),
                spec,
                PROD,
                obs(
                        Optional.of(new ClusterSetStatus(
                                "prd", "prd", "HEALTHY", "", Optional.empty(), joined().clusters())),
                        0,
                        router(healthy("prd", Standalone.UNKNOWN), RouterState.DONE),
                        healthy("dr", Standalone.UNKNOWN)));
        assertEquals("none", refusal(later));
        assertTrue(later.converged());
    }

    @Test
    void refusesAClusterSetNamedAfterAMemberThatHoldsAClusterOutsideTheConfig() {
        Map<String, ClusterSetStatus.Cluster> clusters = new LinkedHashMap<>(joined().clusters());
        clusters.put(
                "legacy",
                new ClusterSetStatus.Cluster(
                        "legacy",
                        "REPLICA",
                        "OK",
                        "OK",
                        "",
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        Map.of(),
                        List.of()));
        StepPlan p = ClusterSetPlanner.plan(
                new Intent.EnsureClusterSet(),
                spec,
                PROD,
                obs(
                        Optional.of(new ClusterSetStatus("prd", "prd", "HEALTHY", "", Optional.empty(), clusters)),
                        0,
                        healthy("prd", Standalone.UNKNOWN),
                        healthy("dr", Standalone.UNKNOWN)));
        assertEquals("foreign-clusterset", refusal(p));
        assertEquals(
                "the members already belong to ClusterSet 'prd', not 'mycs'",
                p.refusal().get().reason());
    }

    // ------------------------------------------------------------------ joining a replica

    private Observation drStandalone(MemberFacts dr) {
        return obs(
                Optional.of(status("prd", cluster("prd", "PRIMARY", "OK", "OK", 0, 1, 2))),
                0,
                router(healthy("prd", Standalone.UNKNOWN), RouterState.DONE),
                dr);
    }

    @Test
    void joinsAReplicaInTheSeedsOrder() {
        StepPlan p = ClusterSetPlanner.plan(
                new Intent.EnsureMember("dr"), spec, DR, drStandalone(healthy("dr", Standalone.ONLINE)));
        assertEquals(
                List.of(
                        "MarkJoining",
                        "DissolveStandalone",
                        "CreateReplicaCluster",
                        "CopyCredentials",
                        "AddInstance",
                        "AddInstance",
                        "RestartRouter",
                        "ClearJoinMark"),
                steps(p));
        assertEquals(
                new ClusterSetStep.CreateReplicaCluster(
                        "dr",
                        "dr",
                        "dr-0.dr-instances.mysql-dr.svc.cluster.local",
                        "prd-0.prd-instances.mysql-prod.svc.cluster.local"),
                p.steps().get(2));
        assertEquals(new ClusterSetStep.CopyCredentials("prd", "dr"), p.steps().get(3));
    }

    // ------------------------------------------------------------------ clone versions (review point 14)

    static Map<Integer, String> pods3(String v0, String v1, String v2) {
        Map<Integer, String> out = new LinkedHashMap<>();
        if (v0 != null) {
            out.put(0, v0);
        }
        if (v1 != null) {
            out.put(1, v1);
        }
        if (v2 != null) {
            out.put(2, v2);
        }
        return out;
    }

    private Observation drStandalone(MemberFacts prd, MemberFacts dr) {
        return obs(Optional.of(status("prd", cluster("prd", "PRIMARY", "OK", "OK", 0, 1, 2))), 0, prd, dr);
    }

    /** The plan that joins dr, a standalone cluster, to prd's ClusterSet. */
    private StepPlan joinDr(MemberFacts prd, MemberFacts dr) {
        return ClusterSetPlanner.plan(new Intent.EnsureMember("dr"), spec, DR, drStandalone(prd, dr));
    }

    private static MemberFacts prdAt(String version) {
        return versions(router(healthy("prd", Standalone.UNKNOWN), RouterState.DONE), pods3(version, version, version));
    }

    @Test
    void refusesAJoinWhoseTargetCannotBeClonedFromTheClusterSetPrimaryBeforeDissolvingIt() {
        // mysqlshdk/libs/mysql/clone.cc: 8.0.31 -> 8.0.36 differ in patch below 8.0.37.
        StepPlan p = joinDr(
                prdAt("8.0.31"), versions(healthy("dr", Standalone.ONLINE), pods3("8.0.36", "8.0.36", "8.0.36")));
        assertEquals(List.of(), p.steps());
        assertEquals("clone-versions-incompatible", refusal(p));
        assertEquals(
                "cannot join dr: createReplicaCluster would clone dr-0.dr-instances.mysql-dr.svc.cluster.local:3306 "
                        + "(MySQL 8.0.36) from the ClusterSet's primary instance "
                        + "prd-0.prd-instances.mysql-prod.svc.cluster.local:3306 (MySQL 8.0.31), and MySQL Shell "
                        + "refuses that clone (MySQL Shell's clone rule, mysqlshdk/libs/mysql/clone.cc "
                        + "verify_compatible_clone_versions: the same MAJOR.MINOR (8.0.x), and below 8.4 the same patch "
                        + "unless both are 8.0.37 or newer)",
                p.refusal().orElseThrow().reason());
        assertEquals(
                "run both at clone-compatible versions: the MySQL Operator sets each pod's image from "
                        + "mysqlcs:clusterSet.members[1].version (unset: the operator's default) and any image tag "
                        + "override, so align dr's with prd's (8.0.31) and let the operator roll its pods, or finish "
                        + "the upgrade in progress (replica clusters first, the primary cluster last: replication runs "
                        + "from an older source to a newer replica, never the reverse), then run `pulumi up` again; "
                        + "dr's InnoDB cluster is not dissolved until then",
                p.refusal().orElseThrow().guidance());
    }

    @Test
    void refusesAJoinWhoseOtherPodCannotBeClonedFromPodZero() {
        StepPlan p = joinDr(
                prdAt("8.0.31"), versions(healthy("dr", Standalone.ONLINE), pods3("8.0.31", "8.0.31", "8.0.30")));
        assertEquals(List.of(), p.steps());
        assertEquals(
                "cannot join dr: after createReplicaCluster, addInstance would clone "
                        + "dr-2.dr-instances.mysql-dr.svc.cluster.local:3306 (MySQL 8.0.30) from "
                        + "dr-0.dr-instances.mysql-dr.svc.cluster.local:3306 (MySQL 8.0.31), the replica cluster's "
                        + "only ONLINE member, and MySQL Shell refuses that clone (MySQL Shell's clone rule, "
                        + "mysqlshdk/libs/mysql/clone.cc verify_compatible_clone_versions: the same MAJOR.MINOR "
                        + "(8.0.x), and below 8.4 the same patch unless both are 8.0.37 or newer)",
                p.refusal().orElseThrow().reason());
        assertTrue(
                p.refusal()
                        .orElseThrow()
                        .guidance()
                        .contains("so run dr-2 on dr-0's image (8.0.31) and let the operator roll its pods"),
                p.refusal().orElseThrow().guidance());
    }

    @Test
    void joinsAcrossPatchesWhereTheShellAllowsIt() {
        // 8.0.37+ mix patches; from 8.4 on MAJOR.MINOR is enough, a "-commercial" suffix plays no part.
        for (String[] v : new String[][] {{"8.0.37", "8.0.41"}, {"8.4.0-commercial", "8.4.6"}, {"9.1.0", "9.1.2"}}) {
            StepPlan p = joinDr(prdAt(v[0]), versions(healthy("dr", Standalone.ONLINE), pods3(v[1], v[1], v[1])));
            assertEquals("none", refusal(p), v[0] + " -> " + v[1]);
            assertTrue(steps(p).contains("CreateReplicaCluster"), v[0] + " -> " + v[1]);
        }
    }

    @Test
    void refusesAJoinWhileTheVersionsCannotBeRead() {
        StepPlan p = joinDr(
                versions(router(healthy("prd", Standalone.UNKNOWN), RouterState.DONE), Map.of()),
                versions(healthy("dr", Standalone.ONLINE), Map.of()));
        assertEquals(List.of(), p.steps());
        assertEquals("clone-versions-unobserved", refusal(p));
        assertEquals(
                "cannot join dr: the server version of prd-0.prd-instances.mysql-prod.svc.cluster.local:3306, the "
                        + "ClusterSet's primary instance (the clone's donor) and of "
                        + "dr-0.dr-instances.mysql-dr.svc.cluster.local:3306 (the clone's recipient) could not be read, "
                        + "so whether createReplicaCluster can clone dr-0.dr-instances.mysql-dr.svc.cluster.local:3306 "
                        + "from prd-0.prd-instances.mysql-prod.svc.cluster.local:3306 is unknown (MySQL Shell's clone "
                        + "rule, mysqlshdk/libs/mysql/clone.cc verify_compatible_clone_versions; the Shell would refuse "
                        + "only after dr's InnoDB cluster is dissolved). the provider reads @@version over JDBC; nothing "
                        + "was changed: run `pulumi up` again once both servers answer",
                p.refusal().orElseThrow().getMessage());
    }

    @Test
    void aJoinTargetsOtherPodWhoseVersionIsUnknownIsCheckedAgainBeforeItsAddInstance() {
        StepPlan p = joinDr(prdAt("8.4.3"), versions(healthy("dr", Standalone.ONLINE), pods3("8.4.3", "8.4.3", null)));
        assertEquals("none", refusal(p));
        assertTrue(steps(p).contains("CreateReplicaCluster"));
        assertTrue(
                p.notes()
                        .contains("the server version of dr-2 could not be read; its addInstance is checked against "
                                + "dr-0's version (8.4.3) once dr's replica cluster exists"),
                p.notes().toString());
    }

    @Test
    void addsNoInstanceThatNoOnlineMemberCanCloneAndNamesThemAll() {
        ClusterSetStatus cs = status(
                "prd",
                cluster("prd", "PRIMARY", "OK", "OK", 0, 1, 2),
                cluster("dr", "REPLICA", "OK", "OK_NO_TOLERANCE", 0, 1));
        MemberFacts dr = versions(
                router(pods(healthy("dr", Standalone.UNKNOWN), Map.of(2, List.of())), RouterState.DONE),
                pods3("8.0.31", "8.0.31", "8.0.36"));
        StepPlan p = ClusterSetPlanner.plan(
                new Intent.EnsureMember("dr"), spec, DR, obs(Optional.of(cs), 0, prdAt("8.0.31"), dr));
        assertTrue(
                p.steps().stream().noneMatch(s -> s instanceof ClusterSetStep.AddInstance),
                p.describe().toString());
        assertEquals("clone-versions-incompatible", refusal(p));
        assertEquals(
                "cannot add dr-2 to dr: addInstance would clone dr-2.dr-instances.mysql-dr.svc.cluster.local:3306 "
                        + "(MySQL 8.0.36) from an ONLINE member of dr, and none is clone-compatible with it "
                        + "(dr-0.dr-instances.mysql-dr.svc.cluster.local:3306 (MySQL 8.0.31), "
                        + "dr-1.dr-instances.mysql-dr.svc.cluster.local:3306 (MySQL 8.0.31)); MySQL Shell refuses "
                        + "(MySQL Shell's clone rule, mysqlshdk/libs/mysql/clone.cc verify_compatible_clone_versions: "
                        + "the same MAJOR.MINOR (8.0.x), and below 8.4 the same patch unless both are 8.0.37 or newer)",
                p.refusal().orElseThrow().reason());
    }

    @Test
    void anyCompatibleOnlineMemberServesAsTheDonorAsTheShellAccepts() {
        // cluster_impl.cc has_compatible_clone_donor: the first compatible ONLINE member suffices. dr-0 (read over
        // JDBC) is 8.0.31; dr-1 is known only from the Shell's status (MEMBER_VERSION) as 8.0.36.
        Member m = spec.member("dr").orElseThrow();
        Map<String, ClusterSetStatus.Instance> topology = new LinkedHashMap<>();
        for (int i = 0; i < 2; i++) {
            String a = m.podFqdn(i, spec.domain()) + ":3306";
            topology.put(
                    a,
                    new ClusterSetStatus.Instance(
                            a,
                            i == 0 ? "PRIMARY" : "SECONDARY",
                            "R/O",
                            "ONLINE",
                            List.of(),
                            Optional.of(i == 0 ? "8.0.31" : "8.0.36")));
        }
        ClusterSetStatus.Cluster drCluster = new ClusterSetStatus.Cluster(
                "dr",
                "REPLICA",
                "OK",
                "OK_NO_TOLERANCE",
                "",
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                topology,
                List.of());
        ClusterSetStatus cs = status("prd", cluster("prd", "PRIMARY", "OK", "OK", 0, 1, 2), drCluster);
        MemberFacts dr = versions(
                router(pods(healthy("dr", Standalone.UNKNOWN), Map.of(2, List.of())), RouterState.DONE),
                pods3("8.0.31", null, "8.0.36"));
        StepPlan p = ClusterSetPlanner.plan(
                new Intent.EnsureMember("dr"), spec, DR, obs(Optional.of(cs), 0, prdAt("8.0.31"), dr));
        assertEquals("none", refusal(p));
        assertTrue(
                p.steps()
                        .contains(new ClusterSetStep.AddInstance(
                                "dr", 2, "dr-2.dr-instances.mysql-dr.svc.cluster.local")),
                p.describe().toString());
    }

    @Test
    void anAddInstanceWhoseTargetVersionIsUnknownWaitsWithANote() {
        ClusterSetStatus cs = status(
                "prd",
                cluster("prd", "PRIMARY", "OK", "OK", 0, 1, 2),
                cluster("dr", "REPLICA", "OK", "OK_NO_TOLERANCE", 0, 1));
        MemberFacts dr = versions(
                router(pods(healthy("dr", Standalone.UNKNOWN), Map.of(2, List.of())), RouterState.DONE),
                pods3("8.0.31", null, null));
        StepPlan p = ClusterSetPlanner.plan(
                new Intent.EnsureMember("dr"), spec, DR, obs(Optional.of(cs), 0, prdAt("8.0.31"), dr));
        assertEquals("none", refusal(p));
        assertTrue(p.steps().stream().noneMatch(s -> s instanceof ClusterSetStep.AddInstance));
        assertTrue(
                p.notes()
                        .contains("the server version of dr-2 could not be read; addInstance (a clone, MySQL Shell's "
                                + "clone rule, mysqlshdk/libs/mysql/clone.cc verify_compatible_clone_versions) waits "
                                + "until it can be checked"),
                p.notes().toString());
        // A donor whose version is unknown (dr-1: no JDBC answer, no version in the status) and an incompatible one.
        dr = versions(dr, pods3("8.0.31", null, "8.0.36"));
        p = ClusterSetPlanner.plan(
                new Intent.EnsureMember("dr"), spec, DR, obs(Optional.of(cs), 0, prdAt("8.0.31"), dr));
        assertEquals("none", refusal(p));
        assertTrue(
                p.notes()
                        .contains("addInstance of dr-2.dr-instances.mysql-dr.svc.cluster.local:3306 (MySQL 8.0.36) "
                                + "waits: the server version of dr-1.dr-instances.mysql-dr.svc.cluster.local:3306 could "
                                + "not be read, so whether it can be cloned (MySQL Shell's clone rule, "
                                + "mysqlshdk/libs/mysql/clone.cc verify_compatible_clone_versions) is unknown"),
                p.notes().toString());
    }

    private Observation drAloneInItsOwnClusterSet(MemberFacts dr) {
        Observation o = drStandalone(dr);
        return o.withOwnClusterSets(Set.of("dr"));
    }

    /**
     * The operator's ClusterSet 'dr' holds only dr: it is dissolved as a standalone cluster (mysql-shell
     * modules/adminapi/cluster/dissolve.cc Dissolve::prepare refuses only with other clusters in the ClusterSet).
     */
    @Test
    void joinsAReplicaThatIsAloneInTheClusterSetTheOperatorMadeForIt() {
        StepPlan p = ClusterSetPlanner.plan(
                new Intent.EnsureMember("dr"), spec, DR, drAloneInItsOwnClusterSet(healthy("dr", Standalone.ONLINE)));
        assertEquals(
                List.of(
                        "MarkJoining",
                        "DissolveStandalone",
                        "CreateReplicaCluster",
                        "CopyCredentials",
                        "AddInstance",
                        "AddInstance",
                        "RestartRouter",
                        "ClearJoinMark"),
                steps(p));
        assertEquals(
                new ClusterSetStep.DissolveStandalone("dr", "dr-0.dr-instances.mysql-dr.svc.cluster.local"),
                p.steps().get(1));
        assertEquals(
                List.of("dr is the only cluster of the ClusterSet 'dr' the MySQL Operator created with it; "
                        + "dissolving its InnoDB cluster removes that ClusterSet"),
                p.notes());
    }

    @Test
    void neverDissolvesTheOperatorsClusterSetOfAReplicaHoldingUserData() {
        StepPlan p = ClusterSetPlanner.plan(
                new Intent.EnsureMember("dr"),
                spec,
                DR,
                drAloneInItsOwnClusterSet(
                        with(healthy("dr", Standalone.ONLINE), data(List.of("crm"), "", Set.of(), false))));
        assertEquals("target-holds-user-data", refusal(p));
        assertEquals(List.of(), p.steps(), "nothing is dissolved");
    }

    @Test
    void refusesToDissolveATargetWhoseInstancesAreNotAllOnline() {
        // mysql-shell modules/adminapi/cluster/dissolve.cc: an instance not ONLINE fails Cluster.dissolve unless force.
        StepPlan p = ClusterSetPlanner.plan(
                new Intent.EnsureMember("dr"), spec, DR, drStandalone(healthy("dr", Standalone.ONLINE_PARTIAL)));
        assertEquals("dissolve-target-partial", refusal(p));
        assertEquals(List.of(), p.steps(), "nothing is marked or dissolved");
        assertEquals(
                "cannot join dr: its InnoDB cluster must be dissolved first, and not every one of its 3 instance(s) "
                        + "is ONLINE (MySQL Shell's Cluster.dissolve refuses)",
                p.refusal().get().reason());
        assertEquals(
                "wait until the MySQL Operator brings every pod of InnoDBCluster dr back ONLINE (a DBA checks with "
                        + "`mysqlsh --js -e \"print(dba.getCluster().status())\"` on pod dr-0 in namespace mysql-dr) "
                        + "and run `pulumi up` again; the provider never dissolves with force",
                p.refusal().get().guidance());
    }

    @Test
    void refusesJoinWhenTargetHoldsUserData() {
        StepPlan p = ClusterSetPlanner.plan(
                new Intent.EnsureMember("dr"),
                spec,
                DR,
                drStandalone(with(
                        healthy("dr", Standalone.ONLINE), data(List.of("crm", "inventory"), "", Set.of(), false))));
        assertEquals("target-holds-user-data", refusal(p));
        assertEquals(List.of(), p.steps(), "nothing is dissolved");
        assertEquals(
                "dr holds user data in schema(s) crm, inventory; joining it as a replica would dissolve it and "
                        + "overwrite that data with a clone of 'prd'",
                p.refusal().get().reason());
        assertEquals(
                "back that data up or move it to 'prd', drop those schemas on dr and run `pulumi up` again, or "
                        + "make dr the primary of a new ClusterSet instead (mysqlcs:clusterSet.primary); data is never "
                        + "dissolved to make a join possible",
                p.refusal().get().guidance());
    }

    @Test
    void refusesJoinWhenTargetHasTransactionsFromOtherSources() {
        StepPlan p = ClusterSetPlanner.plan(
                new Intent.EnsureMember("dr"),
                spec,
                DR,
                drStandalone(
                        with(healthy("dr", Standalone.ONLINE), data(List.of(), FOREIGN + ":1-4", Set.of(B), false))));
        assertEquals("target-has-errant-gtids", refusal(p));
        assertEquals(List.of(), p.steps());
    }

    @Test
    void errantTargetRefusalNamesTheWholeSetItsForeignSourcesAndHowToInspectThem() {
        // As MySQL prints a set of two sources: a line break after the comma.
        String errant = B + ":1-3,\n" + FOREIGN + ":1-4";
        StepPlan p = ClusterSetPlanner.plan(
                new Intent.EnsureMember("dr"),
                spec,
                DR,
                drStandalone(with(healthy("dr", Standalone.ONLINE), data(List.of(), errant, Set.of(B), false))));
        String set = B + ":1-3," + FOREIGN + ":1-4";
        assertEquals(
                "dr executed transactions the primary does not have from other sources (GTIDs " + set + ", sources "
                        + FOREIGN + ")",
                p.refusal().get().reason());
        assertEquals(
                "the clone would discard them; inspect them on pod dr-0 in namespace mysql-dr (mysqlbinlog "
                        + "--include-gtids='" + set + "' over its binary logs) and replay on the primary cluster 'prd' "
                        + "whatever must be kept, then re-create InnoDBCluster dr empty and run `pulumi up` again",
                p.refusal().get().guidance());
    }

    @Test
    void clonesOverTheTargetsOwnBookkeepingTransactions() {
        StepPlan p = ClusterSetPlanner.plan(
                new Intent.EnsureMember("dr"),
                spec,
                DR,
                drStandalone(with(healthy("dr", Standalone.ONLINE), data(List.of(), B + ":1-3", Set.of(B), false))));
        assertEquals("none", refusal(p));
        assertEquals("DissolveStandalone", steps(p).get(1));
        assertTrue(p.notes().get(0).contains("replaced by the clone"));
    }

    @Test
    void refusesJoinWhenTheTargetCannotBeInspected() {
        MemberFacts dr = healthy("dr", Standalone.ONLINE);
        dr = dr.withData(Optional.empty()).withPodVersions(Map.of());
        assertEquals(
                "preflight-unobserved",
                refusal(ClusterSetPlanner.plan(new Intent.EnsureMember("dr"), spec, DR, drStandalone(dr))));
    }

    @Test
    void waitsWhenTheTargetHasNoClusterAndNoJoinRecord() {
        StepPlan p = ClusterSetPlanner.plan(
                new Intent.EnsureMember("dr"), spec, DR, drStandalone(healthy("dr", Standalone.NO_CLUSTER)));
        assertEquals(List.of("AwaitClusterOnline"), steps(p), "the operator has not created it yet: never clone");
    }

    @Test
    void resumesAfterTheDissolveWhenTheJoinWasRecorded() {
        StepPlan p = ClusterSetPlanner.plan(
                new Intent.EnsureMember("dr"),
                spec,
                DR,
                drStandalone(marked(healthy("dr", Standalone.NO_CLUSTER), "mycs")));
        assertEquals(
                List.of(
                        "CreateReplicaCluster",
                        "CopyCredentials",
                        "AddInstance",
                        "AddInstance",
                        "RestartRouter",
                        "ClearJoinMark"),
                steps(p));
    }

    @Test
    void addsOnlyTheMissingInstancesOnResume() {
        ClusterSetStatus cs = status(
                "prd",
                cluster("prd", "PRIMARY", "OK", "OK", 0, 1, 2),
                cluster("dr", "REPLICA", "OK", "OK_NO_TOLERANCE", 0, 1));
        MemberFacts dr = pods(marked(healthy("dr", Standalone.UNKNOWN), "mycs"), Map.of(2, List.of()));
        dr = secretsInSync(dr);
        StepPlan p = ClusterSetPlanner.plan(
                new Intent.EnsureMember("dr"),
                spec,
                DR,
                obs(Optional.of(cs), 0, router(healthy("prd", Standalone.UNKNOWN), RouterState.DONE), dr));
        assertEquals(List.of("AddInstance", "RestartRouter", "ClearJoinMark"), steps(p));
        assertEquals(2, ((ClusterSetStep.AddInstance) p.steps().get(0)).ordinal());
    }

    @Test
    void outsideItsOwnJoinTheProviderWaitsForTheOperatorBeforeAddingMissingPods() {
        // Review point 9: a member already in the ClusterSet, no join record: the operator joins its pods itself.
        ClusterSetStatus cs = status(
                "prd",
                cluster("prd", "PRIMARY", "OK", "OK", 0, 1, 2),
                cluster("dr", "REPLICA", "OK", "OK_NO_TOLERANCE", 0));
        MemberFacts dr = secretsInSync(
                router(pods(healthy("dr", Standalone.UNKNOWN), Map.of(1, List.of(), 2, List.of())), RouterState.DONE));
        StepPlan p = ClusterSetPlanner.plan(
                new Intent.EnsureMember("dr"),
                spec,
                DR,
                obs(Optional.of(cs), 0, router(healthy("prd", Standalone.UNKNOWN), RouterState.DONE), dr));
        String d = "dr-%d.dr-instances.mysql-dr.svc.cluster.local";
        assertEquals(
                List.of(
                        new ClusterSetStep.AwaitOperatorAddInstance("dr", "dr", List.of(1, 2)),
                        new ClusterSetStep.AddInstance("dr", 1, String.format(d, 1)),
                        new ClusterSetStep.AddInstance("dr", 2, String.format(d, 2))),
                p.steps());
        assertEquals(
                List.of(
                        "wait for the MySQL Operator to add dr-1, dr-2 to InnoDB cluster dr itself (it joins the pods it"
                                + " sees created or restarted)",
                        "addInstance('" + String.format(d, 1) + "', {recoveryMethod: 'clone'}) to dr",
                        "addInstance('" + String.format(d, 2) + "', {recoveryMethod: 'clone'}) to dr"),
                p.describe());
        assertFalse(p.steps().get(0).mutates());
        assertEquals(Optional.empty(), p.refusal());
    }

    @Test
    void theOperatorWaitCoversOnlyPodsTheProviderWouldAdd() {
        ClusterSetStatus cs = status(
                "prd",
                cluster("prd", "PRIMARY", "OK", "OK", 0, 1, 2),
                cluster("dr", "REPLICA", "OK", "OK_NO_TOLERANCE", 0));
        // dr-1 holds user data (never added), dr-2 did not answer the probe: nothing to add, nothing to wait for.
        Map<Integer, List<String>> podSchemas = new java.util.HashMap<>();
        podSchemas.put(1, List.of("legacy"));
        MemberFacts dr = secretsInSync(router(pods(healthy("dr", Standalone.UNKNOWN), podSchemas), RouterState.DONE));
        StepPlan p = ClusterSetPlanner.plan(
                new Intent.EnsureMember("dr"),
                spec,
                DR,
                obs(Optional.of(cs), 0, router(healthy("prd", Standalone.UNKNOWN), RouterState.DONE), dr));
        assertEquals(List.of(), p.steps());
        assertTrue(p.notes().stream().anyMatch(n -> n.contains("pod 1 of dr holds user data in legacy")));
        assertTrue(
                p.notes().contains("pod 2 of dr could not be inspected; addInstance waits for it"),
                p.notes().toString());
    }

    @Test
    void neverAddsAnInstanceThatHoldsUserData() {
        ClusterSetStatus cs = status(
                "prd",
                cluster("prd", "PRIMARY", "OK", "OK", 0, 1, 2),
                cluster("dr", "REPLICA", "OK", "OK_NO_TOLERANCE", 0, 1));
        MemberFacts dr =
                router(pods(healthy("dr", Standalone.UNKNOWN), Map.of(2, List.of("legacy"))), RouterState.DONE);
        StepPlan p = ClusterSetPlanner.plan(
                new Intent.EnsureMember("dr"),
                spec,
                DR,
                obs(Optional.of(cs), 0, router(healthy("prd", Standalone.UNKNOWN), RouterState.DONE), dr));
        assertTrue(p.steps().stream().noneMatch(s -> s instanceof ClusterSetStep.AddInstance));
        assertTrue(p.notes().stream().anyMatch(n -> n.contains("pod 2 of dr holds user data in legacy")));
    }

    @Test
    void aCompleteMemberNeedsNothing() {
        MemberFacts dr = secretsInSync(
                router(with(healthy("dr", Standalone.UNKNOWN), data(List.of(), "", Set.of(), true)), RouterState.DONE));
        StepPlan p = ClusterSetPlanner.plan(
                new Intent.EnsureMember("dr"),
                spec,
                DR,
                obs(Optional.of(joined()), 0, router(healthy("prd", Standalone.UNKNOWN), RouterState.DONE), dr));
        assertTrue(p.converged());
    }

    @Test
    void enterpriseWaitsForTheOperatorToLinkTheReplica() {
        ClusterSetSpec ent = ConfigFixtures.enterpriseExample().clusterSet();
        Map<String, MemberFacts> facts = new LinkedHashMap<>();
        ent.members().forEach(m -> facts.put(m.name(), healthy(m.name(), Standalone.ONLINE)));
        Member p = ent.primaryMember();
        ClusterSetStatus cs = new ClusterSetStatus(
                "mycluster1",
                p.mysqlClusterName(),
                "HEALTHY",
                "",
                Optional.empty(),
                Map.of(
                        p.mysqlClusterName(),
                        new ClusterSetStatus.Cluster(
                                p.mysqlClusterName(),
                                "PRIMARY",
                                "OK",
                                "OK",
                                "",
                                Optional.empty(),
                                Optional.empty(),
                                Optional.empty(),
                                Map.of(),
                                List.of())));
        Observation o = new Observation(
                Optional.of(cs),
                Optional.of(p.name()),
                OptionalLong.empty(),
                true,
                facts,
                List.of(),
                Set.of(),
                Set.of());
        StepPlan join = ClusterSetPlanner.plan(new Intent.EnsureMember("mycluster2"), ent, Set.of("k8s"), o);
        assertEquals(List.of("AwaitOperatorJoin"), steps(join));
        StepPlan adopt = ClusterSetPlanner.plan(new Intent.EnsureClusterSet(), ent, Set.of("k8s"), o);
        assertEquals("none", refusal(adopt), "the operator's name for the ClusterSet is adopted");
        assertTrue(adopt.notes().get(0).contains("'mycluster1'"));
    }

    // ------------------------------------------------------------------ primary

    private Observation bothMembers(long epoch, Reach prdReach, String primary) {
        ClusterSetStatus cs = primary.equals("prd")
                ? joined()
                : status(
                        "dr",
                        cluster("prd", "REPLICA", "OK", "OK", 0, 1, 2),
                        cluster("dr", "PRIMARY", "OK", "OK", 0, 1, 2));
        if (prdReach == Reach.UNREACHABLE) {
            Map<String, ClusterSetStatus.Cluster> c = new LinkedHashMap<>(cs.clusters());
            ClusterSetStatus.Cluster prd = c.get("prd");
            c.put(
                    "prd",
                    new ClusterSetStatus.Cluster(
                            "prd",
                            prd.clusterRole(),
                            "UNKNOWN",
                            "UNREACHABLE",
                            "",
                            Optional.empty(),
                            Optional.empty(),
                            Optional.empty(),
                            Map.of(),
                            List.of()));
            cs = new ClusterSetStatus("mycs", cs.primaryCluster(), "UNAVAILABLE", "", Optional.empty(), c);
        }
        return obs(
                Optional.of(cs),
                epoch,
                reach(healthy("prd", Standalone.UNKNOWN), prdReach),
                healthy("dr", Standalone.UNKNOWN));
    }

    @Test
    void switchesOverWhileThePrimaryIsReachable() {
        StepPlan p = ClusterSetPlanner.plan(
                new Intent.EnsurePrimary(),
                PrimaryControl.dr("dr", 1, false).clusterSet(),
                DR,
                bothMembers(0, Reach.REACHABLE, "prd"));
        assertEquals(
                List.of(new ClusterSetStep.Switchover("dr", "dr", false), new ClusterSetStep.RecordPrimaryEpoch(1)),
                p.steps());
    }

    @Test
    void refusesFailoverWhilePrimaryReachable() {
        StepPlan p = ClusterSetPlanner.plan(
                new Intent.EnsurePrimary(),
                PrimaryControl.dr("dr", 1, true).clusterSet(),
                DR,
                bothMembers(0, Reach.REACHABLE, "prd"));
        assertEquals("failover-while-primary-reachable", refusal(p));
        assertEquals(List.of(), p.steps());
    }

    @Test
    void refusesSwitchoverWhilePrimaryUnreachableWithoutForce() {
        StepPlan p = ClusterSetPlanner.plan(
                new Intent.EnsurePrimary(),
                PrimaryControl.dr("dr", 1, false).clusterSet(),
                DR,
                bothMembers(0, Reach.UNREACHABLE, "prd"));
        assertEquals("switchover-needs-primary", refusal(p));
        assertTrue(p.refusal().get().getMessage().contains("mysqlcs:clusterSet.forceFailover: true"));
    }

    @Test
    void forcesFailoverOnlyWhenForcedAndPrimaryUnreachable() {
        StepPlan p = ClusterSetPlanner.plan(
                new Intent.EnsurePrimary(),
                PrimaryControl.dr("dr", 1, true).clusterSet(),
                DR,
                bothMembers(0, Reach.UNREACHABLE, "prd"));
        assertEquals(
                List.of(new ClusterSetStep.ForceFailover("dr", "dr", false), new ClusterSetStep.RecordPrimaryEpoch(1)),
                p.steps());
    }

    /** dr's view: prd's cluster has {@code status}; the provider's own reach of prd and prd's super_read_only. */
    private Observation primaryIs(String status, Reach prdReach, boolean prdReadOnly) {
        Map<String, ClusterSetStatus.Cluster> c = new LinkedHashMap<>(joined().clusters());
        c.put(
                "prd",
                new ClusterSetStatus.Cluster(
                        "prd",
                        "PRIMARY",
                        "UNKNOWN",
                        status,
                        "",
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        Map.of(),
                        List.of()));
        ClusterSetStatus cs = new ClusterSetStatus("mycs", "prd", "UNAVAILABLE", "", Optional.empty(), c);
        MemberFacts prd = with(
                reach(healthy("prd", Standalone.UNKNOWN), prdReach), data(List.of("shop"), "", Set.of(), prdReadOnly));
        return obs(
                Optional.of(cs),
                0,
                prdReach == Reach.REACHABLE ? prd : reach(prd, prdReach),
                healthy("dr", Standalone.UNKNOWN));
    }

    @Test
    void aPartitionedOldPrimaryTheProviderStillReachesIsFencedBeforeTheForcedFailover() {
        // dr's Shell cannot reach prd (UNREACHABLE in its view), but this provider execs into prd, which takes writes.
        StepPlan p = ClusterSetPlanner.plan(
                new Intent.EnsurePrimary(),
                PrimaryControl.dr("dr", 1, true).clusterSet(),
                DR,
                primaryIs("UNREACHABLE", Reach.REACHABLE, false));
        assertEquals(
                List.of(
                        new ClusterSetStep.FenceWrites("prd", "prd-0.prd-instances.mysql-prod.svc.cluster.local", true),
                        new ClusterSetStep.ForceFailover("dr", "dr", false),
                        new ClusterSetStep.RecordPrimaryEpoch(1)),
                p.steps());
        assertTrue(p.notes().get(0).contains("a partition"), p.notes().toString());
    }

    @Test
    void aFencedOldPrimaryIsFailedOverFrom() {
        StepPlan p = ClusterSetPlanner.plan(
                new Intent.EnsurePrimary(),
                PrimaryControl.dr("dr", 1, true).clusterSet(),
                DR,
                primaryIs("UNREACHABLE", Reach.REACHABLE, true));
        assertEquals(
                List.of(new ClusterSetStep.ForceFailover("dr", "dr", false), new ClusterSetStep.RecordPrimaryEpoch(1)),
                p.steps());
    }

    @Test
    void aPrimaryWithoutQuorumGetsTheShellsRemedyNotAFailover() {
        for (boolean force : List.of(true, false)) {
            StepPlan p = ClusterSetPlanner.plan(
                    new Intent.EnsurePrimary(),
                    PrimaryControl.dr("dr", 1, force).clusterSet(),
                    DR,
                    primaryIs("NO_QUORUM", Reach.UNREACHABLE, false));
            assertEquals("primary-restorable", refusal(p));
            assertEquals(List.of(), p.steps());
            assertTrue(
                    p.refusal().get().guidance().contains("cluster.forceQuorumUsingPartitionOf("),
                    p.refusal().get().guidance());
        }
    }

    @Test
    void anOfflinePrimaryIsRebootedNotFailedOverFrom() {
        StepPlan p = ClusterSetPlanner.plan(
                new Intent.EnsurePrimary(),
                PrimaryControl.dr("dr", 1, true).clusterSet(),
                DR,
                primaryIs("OFFLINE", Reach.UNREACHABLE, false));
        assertEquals("primary-restorable", refusal(p));
        assertTrue(
                p.refusal().get().guidance().contains("dba.rebootClusterFromCompleteOutage()"),
                p.refusal().get().guidance());
    }

    @Test
    void olderEpochStackRefusesToFlipPrimaryBack() {
        // dr is primary since epoch 1; the prod stack still says prd at epoch 0.
        StepPlan p =
                ClusterSetPlanner.plan(new Intent.EnsurePrimary(), spec, PROD, bothMembers(1, Reach.REACHABLE, "dr"));
        assertEquals("stale-primary-epoch", refusal(p));
        assertTrue(
                p.refusal()
                        .get()
                        .getMessage()
                        .contains("set mysqlcs:clusterSet.primary: dr and " + "mysqlcs:clusterSet.primaryEpoch: 1"),
                p.refusal().get().getMessage());
    }

    @Test
    void sameEpochWithADifferentPrimaryIsRefused() {
        StepPlan p = ClusterSetPlanner.plan(
                new Intent.EnsurePrimary(),
                PrimaryControl.prod("prd", 1, false).clusterSet(),
                PROD,
                bothMembers(1, Reach.REACHABLE, "dr"));
        assertEquals("stale-primary-epoch", refusal(p));
        assertTrue(p.refusal().get().getMessage().contains("primaryEpoch: 2"));
    }

    @Test
    void newerEpochWithTheSamePrimaryOnlyRecordsIt() {
        StepPlan p = ClusterSetPlanner.plan(
                new Intent.EnsurePrimary(),
                PrimaryControl.prod("prd", 4, false).clusterSet(),
                PROD,
                bothMembers(1, Reach.REACHABLE, "prd"));
        assertEquals(List.of(new ClusterSetStep.RecordPrimaryEpoch(4)), p.steps());
    }

    @Test
    void refusesAPrimaryChangeWhenTheEpochCannotBeRead() {
        Observation o = bothMembers(0, Reach.REACHABLE, "prd");
        o = o.withEpoch(OptionalLong.empty(), false);
        assertEquals(
                "epoch-unknown",
                refusal(ClusterSetPlanner.plan(
                        new Intent.EnsurePrimary(),
                        PrimaryControl.dr("dr", 1, false).clusterSet(),
                        DR,
                        o)));
    }

    @Test
    void enterpriseChangesThePrimaryThroughTheOperator() {
        ClusterSetSpec ent = ConfigFixtures.topology(
                        ConfigFixtures.shipped("src/examples/Pulumi.single-cluster-enterprise.yaml")
                                .replace("primary: mycluster1", "primary: mycluster2\n    primaryEpoch: 1"))
                .clusterSet();
        Map<String, ClusterSetStatus.Cluster> c = new LinkedHashMap<>();
        for (Member m : ent.members()) {
            c.put(
                    m.mysqlClusterName(),
                    new ClusterSetStatus.Cluster(
                            m.mysqlClusterName(),
                            m.name().equals("mycluster1") ? "PRIMARY" : "REPLICA",
                            "OK",
                            "OK",
                            "",
                            Optional.empty(),
                            Optional.empty(),
                            Optional.empty(),
                            Map.of(),
                            List.of()));
        }
        Map<String, MemberFacts> facts = new LinkedHashMap<>();
        ent.members().forEach(m -> facts.put(m.name(), healthy(m.name(), Standalone.UNKNOWN)));
        Observation o = new Observation(
                Optional.of(new ClusterSetStatus("mycluster1", "mycluster1", "HEALTHY", "", Optional.empty(), c)),
                Optional.of("mycluster1"),
                OptionalLong.empty(),
                true,
                facts,
                List.of(),
                Set.of(),
                Set.of());
        StepPlan p = ClusterSetPlanner.plan(new Intent.EnsurePrimary(), ent, Set.of("k8s"), o);
        assertEquals(
                new ClusterSetStep.Switchover("mycluster2", "mycluster2", true),
                p.steps().get(0));
        assertTrue(p.steps().get(0).describe().contains("MySQLClusterSetFailover"));
    }

    // ------------------------------------------------------------------ invalidated old primary

    private Observation afterFailover(DataFacts prdData, boolean cutOff) {
        return afterFailover(prdData, cutOff, "INVALIDATED");
    }

    /** @param prdStatus the invalidated cluster's own status: INVALIDATED, or FENCED_WRITES once fenced */
    private Observation afterFailover(DataFacts prdData, boolean cutOff, String prdStatus) {
        return afterFailover(prdData, cutOff, prdStatus, Map.of());
    }

    /** @param podWrites super_read_only of prd's pods as the observer read them */
    private Observation afterFailover(
            DataFacts prdData, boolean cutOff, String prdStatus, Map<Integer, Writes> podWrites) {
        ClusterSetStatus cs = status(
                "dr",
                cluster("prd", "REPLICA", "INVALIDATED", prdStatus, 0, 1, 2),
                cluster("dr", "PRIMARY", "OK", "OK", 0, 1, 2));
        Observation o = obs(
                Optional.of(cs),
                1,
                writes(with(healthy("prd", Standalone.UNKNOWN), prdData), podWrites),
                healthy("dr", Standalone.UNKNOWN));
        return o.withCutOff(cutOff ? Set.of("prd") : Set.of());
    }

    @Test
    void fencesTheInvalidatedOldPrimaryThenRejoinsIt() {
        StepPlan p = ClusterSetPlanner.plan(
                new Intent.EnsureMember("prd"),
                PrimaryControl.prod("dr", 1, false).clusterSet(),
                PROD,
                afterFailover(data(List.of("shop"), "", Set.of(), false), false));
        assertEquals(List.of("FenceWrites", "RejoinCluster"), steps(p));
    }

    @Test
    void fencesButRefusesRejoinOnErrantTransactions() {
        StepPlan p = ClusterSetPlanner.plan(
                new Intent.EnsureMember("prd"),
                PrimaryControl.prod("dr", 1, false).clusterSet(),
                PROD,
                afterFailover(data(List.of("shop"), A + ":11-12", Set.of(), false), false));
        assertEquals(List.of("FenceWrites"), steps(p), "writes are fenced even when the rejoin is refused");
        assertEquals("rejoin-errant-transactions", refusal(p));
        assertTrue(p.refusal().get().getMessage().contains(A + ":11-12"));
    }

    @Test
    void rejoinRefusalNamesTheErrantSetAndHowToReplayItOnThePrimary() {
        StepPlan p = ClusterSetPlanner.plan(
                new Intent.EnsureMember("prd"),
                PrimaryControl.prod("dr", 1, false).clusterSet(),
                PROD,
                afterFailover(data(List.of("shop"), A + ":11-12", Set.of(), true), false));
        assertEquals(List.of(), p.steps(), "already fenced");
        assertEquals(
                "prd has transactions the primary 'dr' does not have (errant GTIDs " + A + ":11-12), committed "
                        + "while it was cut off; rejoining would lose or diverge them",
                p.refusal().get().reason());
        assertEquals(
                "its writes are fenced. Repair by hand (S1.8): inspect them on pod prd-0 in namespace mysql-prod "
                        + "(mysqlbinlog --include-gtids='" + A
                        + ":11-12' over its binary logs) and replay on the primary "
                        + "cluster 'dr' whatever must be kept (their GTIDs come along, so they no longer count as errant), "
                        + "then run `pulumi up` again; or rebuild prd (remove it from mysqlcs:clusterSet.members, `pulumi up`, "
                        + "re-add it to clone afresh, which discards them)",
                p.refusal().get().guidance());
    }

    @Test
    void doesNotFenceTwice() {
        StepPlan p = ClusterSetPlanner.plan(
                new Intent.EnsureMember("prd"),
                PrimaryControl.prod("dr", 1, false).clusterSet(),
                PROD,
                afterFailover(data(List.of("shop"), "", Set.of(), true), false));
        assertEquals(List.of("RejoinCluster"), steps(p));
        StepPlan byStatus = ClusterSetPlanner.plan(
                new Intent.EnsureMember("prd"),
                PrimaryControl.prod("dr", 1, false).clusterSet(),
                PROD,
                afterFailover(data(List.of("shop"), "", Set.of(), true), false, "FENCED_WRITES"));
        assertEquals(List.of("RejoinCluster"), steps(byStatus));
    }

    @Test
    void neverRejoinsFirstWhileTheOldPrimaryTakesWritesThoughItsStatusSaysFenced() {
        // Fenced once, then super_read_only switched OFF by hand: the status still says FENCED_WRITES.
        StepPlan p = ClusterSetPlanner.plan(
                new Intent.EnsureMember("prd"),
                PrimaryControl.prod("dr", 1, false).clusterSet(),
                PROD,
                afterFailover(data(List.of("shop"), "", Set.of(), false), false, "FENCED_WRITES"));
        assertEquals(
                List.of(
                        new ClusterSetStep.FenceWrites("prd", "prd-0.prd-instances.mysql-prod.svc.cluster.local"),
                        new ClusterSetStep.RejoinCluster("prd", "prd")),
                p.steps());
        assertEquals(
                List.of("prd takes writes again (super_read_only is OFF) although its status says FENCED_WRITES; "
                        + "it is fenced again before the rejoin"),
                p.notes());
    }

    @Test
    void oneWritableInstanceAmongThreeIsFencedBeforeTheRejoinThoughThePrimaryInstanceIsReadOnly() {
        // Fenced once; then prd-1 was switched back to writable by hand. The probed primary (pod 0) says ON.
        StepPlan p = ClusterSetPlanner.plan(
                new Intent.EnsureMember("prd"),
                PrimaryControl.prod("dr", 1, false).clusterSet(),
                PROD,
                afterFailover(
                        data(List.of("shop"), "", Set.of(), true),
                        false,
                        "FENCED_WRITES",
                        Map.of(0, Writes.READ_ONLY, 1, Writes.WRITABLE, 2, Writes.READ_ONLY)));
        assertEquals(
                List.of(
                        new ClusterSetStep.FenceWrites("prd", "prd-0.prd-instances.mysql-prod.svc.cluster.local"),
                        new ClusterSetStep.RejoinCluster("prd", "prd")),
                p.steps(),
                "the rejoin is decided again once fenced");
        assertEquals(
                List.of("prd takes writes on prd-1 (super_read_only is OFF) although its status says "
                        + "FENCED_WRITES; it is fenced first"),
                p.notes());
        assertEquals(Optional.empty(), p.refusal());
    }

    @Test
    void everyInstanceReadOnlyCountsAsFencedWhateverTheStatusSays() {
        StepPlan p = ClusterSetPlanner.plan(
                new Intent.EnsureMember("prd"),
                PrimaryControl.prod("dr", 1, false).clusterSet(),
                PROD,
                afterFailover(
                        data(List.of("shop"), "", Set.of(), true),
                        false,
                        "INVALIDATED",
                        Map.of(0, Writes.READ_ONLY, 1, Writes.READ_ONLY, 2, Writes.READ_ONLY)));
        assertEquals(List.of(new ClusterSetStep.RejoinCluster("prd", "prd")), p.steps());
        assertEquals(List.of(), p.notes());
    }

    @Test
    void anInstanceThatDoesNotAnswerBlocksTheRejoinWithANote() {
        StepPlan p = ClusterSetPlanner.plan(
                new Intent.EnsureMember("prd"),
                PrimaryControl.prod("dr", 1, false).clusterSet(),
                PROD,
                afterFailover(
                        data(List.of("shop"), "", Set.of(), true),
                        false,
                        "FENCED_WRITES",
                        Map.of(0, Writes.READ_ONLY, 1, Writes.READ_ONLY, 2, Writes.UNANSWERED)));
        assertEquals(List.of(), p.steps(), "the status says fenced and every instance that answered agrees");
        assertEquals(List.of("whether prd-2 of prd takes writes is unknown: no answer to a JDBC probe"), p.notes());
        UnsafeStepRefused r = p.refusal().orElseThrow();
        assertEquals("rejoin-writes-unknown", r.rule());
        assertEquals("cannot tell whether invalidated prd is fenced: prd-2 did not answer", r.reason());
        assertEquals(
                "a rejoin needs super_read_only ON on every instance of prd; bring prd-2 back (namespace "
                        + "mysql-prod of 'prod'), or lower its instances if it is gone for good, then run `pulumi up` again",
                r.guidance());
    }

    @Test
    void anUnfencedClusterWithInstancesThatDoNotAnswerIsFencedButNotRejoined() {
        StepPlan p = ClusterSetPlanner.plan(
                new Intent.EnsureMember("prd"),
                PrimaryControl.prod("dr", 1, false).clusterSet(),
                PROD,
                afterFailover(
                        data(List.of("shop"), "", Set.of(), true),
                        false,
                        "INVALIDATED",
                        Map.of(0, Writes.READ_ONLY, 1, Writes.UNANSWERED, 2, Writes.UNANSWERED)));
        assertEquals(
                List.of(new ClusterSetStep.FenceWrites("prd", "prd-0.prd-instances.mysql-prod.svc.cluster.local")),
                p.steps());
        assertEquals(
                List.of("whether prd-1, prd-2 of prd take writes is unknown: no answer to a JDBC probe"), p.notes());
        assertEquals("rejoin-writes-unknown", refusal(p));
        assertEquals(
                "cannot tell whether invalidated prd is fenced: prd-1, prd-2 did not answer",
                p.refusal().get().reason());
    }

    @Test
    void errantRefusalNamesThePodTheTransactionsWereReadOn() {
        DataFacts onPrd2 = new DataFacts(List.of("shop"), A + ":1-12", true, Optional.of(A + ":11-12"), Set.of(), 2);
        StepPlan p = ClusterSetPlanner.plan(
                new Intent.EnsureMember("prd"),
                PrimaryControl.prod("dr", 1, false).clusterSet(),
                PROD,
                afterFailover(
                        onPrd2,
                        false,
                        "FENCED_WRITES",
                        Map.of(0, Writes.READ_ONLY, 1, Writes.READ_ONLY, 2, Writes.READ_ONLY)));
        assertEquals("rejoin-errant-transactions", refusal(p));
        assertTrue(
                p.refusal()
                        .get()
                        .guidance()
                        .contains("inspect them on pod prd-2 in namespace mysql-prod "
                                + "(mysqlbinlog --include-gtids='" + A + ":11-12' over its binary logs)"),
                p.refusal().get().guidance());
    }

    @Test
    void fencesACutOffOldPrimaryButWaitsForConnectivityToRejoin() {
        StepPlan p = ClusterSetPlanner.plan(
                new Intent.EnsureMember("prd"),
                PrimaryControl.prod("dr", 1, false).clusterSet(),
                PROD,
                afterFailover(data(List.of("shop"), "", Set.of(), false), true));
        assertEquals(List.of("FenceWrites"), steps(p));
        assertEquals("rejoin-partitioned", refusal(p));
    }

    @Test
    void refusesEverythingWhenMembersDisagreeAboutThePrimary() {
        Observation o = bothMembers(0, Reach.REACHABLE, "prd");
        o = o.withConflicts(List.of("prd says the primary is 'prd'", "dr says the primary is 'dr'"));
        for (Intent i : List.of(
                new Intent.EnsureClusterSet(),
                new Intent.EnsureMember("dr"),
                new Intent.EnsurePrimary(),
                new Intent.RemoveMember("dr"),
                new Intent.DissolveClusterSet())) {
            StepPlan p =
                    ClusterSetPlanner.plan(i, PrimaryControl.dr("dr", 1, true).clusterSet(), DR, o);
            assertEquals("split-view", refusal(p), i.toString());
            assertEquals(List.of(), p.steps(), i.toString());
        }
    }

    // ------------------------------------------------------------------ delete

    @Test
    void neverRemovesThePrimary() {
        StepPlan p = ClusterSetPlanner.plan(
                new Intent.RemoveMember("prd"),
                spec,
                PROD,
                obs(Optional.of(joined()), 0, healthy("prd", Standalone.UNKNOWN), healthy("dr", Standalone.UNKNOWN)));
        assertEquals("remove-primary", refusal(p));
    }

    @Test
    void removesAReplicaAndRecreatesItsInnoDbClusterAsTheOperatorCreatesIt() {
        StepPlan p = ClusterSetPlanner.plan(
                new Intent.RemoveMember("dr"),
                spec,
                DR,
                obs(Optional.of(joined()), 0, healthy("prd", Standalone.UNKNOWN), healthy("dr", Standalone.UNKNOWN)));
        String d = "dr-%d.dr-instances.mysql-dr.svc.cluster.local";
        assertEquals(
                List.of(
                        new ClusterSetStep.MarkJoining("dr", "leaving:mycs"),
                        new ClusterSetStep.RemoveCluster("dr", "dr"),
                        new ClusterSetStep.RecreateCluster("dr", "dr", String.format(d, 0)),
                        new ClusterSetStep.AddInstance("dr", 1, String.format(d, 1)),
                        new ClusterSetStep.AddInstance("dr", 2, String.format(d, 2)),
                        new ClusterSetStep.MarkJoining("dr", "left:mycs")),
                p.steps());
    }

    // ------------------------------------------------------------------ clone platforms

    static final Observation.Platform ARM = new Observation.Platform("Linux", "aarch64");

    /** The member's facts with these pod platforms (ordinal to @@version_compile_os, @@version_compile_machine). */
    static MemberFacts platforms(MemberFacts f, Map<Integer, Observation.Platform> podPlatforms) {
        return f.withPodPlatforms(podPlatforms);
    }

    static final String PRD0 = "prd-0.prd-instances.mysql-prod.svc.cluster.local:3306";
    static final String DR0 = "dr-0.dr-instances.mysql-dr.svc.cluster.local:3306";
    static final String DR1 = "dr-1.dr-instances.mysql-dr.svc.cluster.local:3306";
    static final String DR2 = "dr-2.dr-instances.mysql-dr.svc.cluster.local:3306";

    @Test
    void refusesAJoinWhoseTargetRunsOnAnotherPlatformThanTheClusterSetPrimary() {
        // base_cluster_impl.cc:632-647: version_compile_machine must be equal (after the versions and the OS).
        StepPlan p =
                joinDr(prdAt("8.4.3"), platforms(healthy("dr", Standalone.ONLINE), Map.of(0, ARM, 1, ARM, 2, ARM)));
        assertEquals(List.of(), p.steps(), "dr's InnoDB cluster is not dissolved");
        assertEquals("clone-versions-incompatible", refusal(p));
        assertEquals(
                "cannot join dr: createReplicaCluster would clone " + DR0 + " (MySQL 8.4.3) from the ClusterSet's "
                        + "primary instance " + PRD0 + " (MySQL 8.4.3), and MySQL Shell refuses that clone (MySQL "
                        + "Shell's clone check, modules/adminapi/common/base_cluster_impl.cc "
                        + "check_compatible_clone_donor: the donor must run on the recipient's platform, and "
                        + "@@version_compile_machine is x86_64 on " + PRD0 + " but aarch64 on " + DR0 + ")",
                p.refusal().orElseThrow().reason());
        assertEquals(
                "run donor and recipient on servers built for the same operating system and machine (Linux, "
                        + "x86_64): a multi-architecture image runs the build for its node's architecture, so schedule "
                        + "dr's pods on x86_64 nodes (e.g. with a kubernetes.io/arch node selector) and let the "
                        + "operator re-create them, then run `pulumi up` again; nothing was changed",
                p.refusal().orElseThrow().guidance());
    }

    @Test
    void theOperatingSystemIsComparedBeforeThePlatformAndTheVersionBeforeBoth() {
        Observation.Platform win = new Observation.Platform("Win64", "aarch64");
        StepPlan p =
                joinDr(prdAt("8.4.3"), platforms(healthy("dr", Standalone.ONLINE), Map.of(0, win, 1, win, 2, win)));
        assertEquals("clone-versions-incompatible", refusal(p));
        assertTrue(
                p.refusal()
                        .orElseThrow()
                        .reason()
                        .endsWith("check_compatible_clone_donor: the donor must run the recipient's operating "
                                + "system, and @@version_compile_os is Linux on " + PRD0 + " but Win64 on " + DR0
                                + ")"),
                p.refusal().orElseThrow().reason());
        p = joinDr(
                prdAt("8.0.31"),
                platforms(
                        versions(healthy("dr", Standalone.ONLINE), pods3("8.0.36", "8.0.36", "8.0.36")),
                        Map.of(0, win, 1, win, 2, win)));
        assertTrue(
                p.refusal()
                        .orElseThrow()
                        .reason()
                        .endsWith("verify_compatible_clone_versions: the same MAJOR.MINOR "
                                + "(8.0.x), and below 8.4 the same patch unless both are 8.0.37 or newer)"),
                p.refusal().orElseThrow().reason());
    }

    @Test
    void refusesAJoinWhileThePrimarysPlatformCannotBeRead() {
        StepPlan p = joinDr(platforms(prdAt("8.4.3"), Map.of()), healthy("dr", Standalone.ONLINE));
        assertEquals(List.of(), p.steps());
        assertEquals("clone-versions-unobserved", refusal(p));
        assertEquals(
                "cannot join dr: the operating system and platform (@@version_compile_os, @@version_compile_machine) "
                        + "of " + PRD0 + ", the ClusterSet's primary instance (the clone's donor) could not be read, "
                        + "so whether createReplicaCluster can clone " + DR0 + " from " + PRD0 + " is unknown (MySQL "
                        + "Shell's clone check, modules/adminapi/common/base_cluster_impl.cc "
                        + "check_compatible_clone_donor; the Shell would refuse only after dr's InnoDB cluster is "
                        + "dissolved). the provider reads @@version, @@version_compile_os and @@version_compile_machine "
                        + "over JDBC; nothing was changed: run `pulumi up` again once both servers answer",
                p.refusal().orElseThrow().getMessage());
    }

    @Test
    void refusesAJoinWhoseOtherPodRunsOnAnotherPlatformThanPodZero() {
        StepPlan p =
                joinDr(prdAt("8.4.3"), platforms(healthy("dr", Standalone.ONLINE), Map.of(0, LINUX, 1, LINUX, 2, ARM)));
        assertEquals(List.of(), p.steps());
        assertEquals(
                "cannot join dr: after createReplicaCluster, addInstance would clone " + DR2 + " (MySQL 8.4.3) from "
                        + DR0 + " (MySQL 8.4.3), the replica cluster's only ONLINE member, and MySQL Shell refuses "
                        + "that clone (MySQL Shell's clone check, modules/adminapi/common/base_cluster_impl.cc "
                        + "check_compatible_clone_donor: the donor must run on the recipient's platform, and "
                        + "@@version_compile_machine is x86_64 on " + DR0 + " but aarch64 on " + DR2 + ")",
                p.refusal().orElseThrow().reason());
    }

    @Test
    void addsNoInstanceThatNoOnlineMemberSharesThePlatformWith() {
        ClusterSetStatus cs = status(
                "prd",
                cluster("prd", "PRIMARY", "OK", "OK", 0, 1, 2),
                cluster("dr", "REPLICA", "OK", "OK_NO_TOLERANCE", 0, 1));
        MemberFacts dr = platforms(
                router(pods(healthy("dr", Standalone.UNKNOWN), Map.of(2, List.of())), RouterState.DONE),
                Map.of(0, LINUX, 1, LINUX, 2, ARM));
        StepPlan p = ClusterSetPlanner.plan(
                new Intent.EnsureMember("dr"), spec, DR, obs(Optional.of(cs), 0, prdAt("8.4.3"), dr));
        assertTrue(
                p.steps().stream().noneMatch(s -> s instanceof ClusterSetStep.AddInstance),
                p.describe().toString());
        assertEquals("clone-versions-incompatible", refusal(p));
        assertEquals(
                "cannot add dr-2 to dr: addInstance would clone " + DR2 + " (MySQL 8.4.3) from an ONLINE member of "
                        + "dr, and none is clone-compatible with it (" + DR0 + " (MySQL 8.4.3), " + DR1 + " (MySQL "
                        + "8.4.3)); MySQL Shell refuses (MySQL Shell's clone check, "
                        + "modules/adminapi/common/base_cluster_impl.cc check_compatible_clone_donor: the donor must "
                        + "run on the recipient's platform, and @@version_compile_machine is x86_64 on " + DR0 + " but "
                        + "aarch64 on " + DR2 + ")",
                p.refusal().orElseThrow().reason());
        // A donor whose platform is unread (the Shell's status reports none) and one on another platform: it waits.
        dr = platforms(dr, Map.of(0, ARM, 2, LINUX));
        p = ClusterSetPlanner.plan(
                new Intent.EnsureMember("dr"), spec, DR, obs(Optional.of(cs), 0, prdAt("8.4.3"), dr));
        assertEquals("none", refusal(p));
        assertTrue(p.steps().stream().noneMatch(s -> s instanceof ClusterSetStep.AddInstance));
        assertTrue(
                p.notes()
                        .contains("addInstance of " + DR2 + " (MySQL 8.4.3) waits: the operating system and platform "
                                + "(@@version_compile_os, @@version_compile_machine) of " + DR1 + " could not be read, "
                                + "so whether it can be cloned (MySQL Shell's clone check, "
                                + "modules/adminapi/common/base_cluster_impl.cc check_compatible_clone_donor) is "
                                + "unknown"),
                p.notes().toString());
    }

    @Test
    void aReCreatedClustersPodIsAddedFromAnyCompatibleMemberNotOnlyPodZero() {
        // cluster_impl.cc:2439-2462 has_compatible_clone_donor: any ONLINE member. dr-0 was rolled to 8.4.3 after
        // the re-create; dr-1 (8.0.40, in the metadata) can still serve dr-2 (8.0.40).
        MemberFacts dr = pods(marked(healthy("dr", Standalone.ONLINE_PARTIAL), "leaving:mycs"), Map.of(2, List.of()));
        StepPlan p = removeReCreated(versions(dr, pods3("8.4.3", "8.0.40", "8.0.40")));
        assertEquals("none", refusal(p));
        assertEquals(List.of("AddInstance", "MarkJoining"), steps(p));
        assertEquals(
                new ClusterSetStep.AddInstance("dr", 2, "dr-2.dr-instances.mysql-dr.svc.cluster.local"),
                p.steps().get(0));
        // No member shares dr-2's platform: refused, naming both.
        p = removeReCreated(platforms(dr, Map.of(0, LINUX, 1, LINUX, 2, ARM)));
        assertEquals("clone-versions-incompatible", refusal(p));
        assertEquals(
                "cannot add dr-2 to the re-created dr: addInstance would clone " + DR2 + " (MySQL 8.4.3) from an "
                        + "ONLINE member of dr, and none is clone-compatible with it (" + DR0 + " (MySQL 8.4.3), " + DR1
                        + " (MySQL 8.4.3)); MySQL Shell refuses (MySQL Shell's clone check, "
                        + "modules/adminapi/common/base_cluster_impl.cc check_compatible_clone_donor: the donor must "
                        + "run on the recipient's platform, and @@version_compile_machine is x86_64 on " + DR0 + " but "
                        + "aarch64 on " + DR2 + ")",
                p.refusal().orElseThrow().reason());
    }

    /** The removal of dr, resumed after removeCluster: dr's cluster is re-created, outside the ClusterSet. */
    private StepPlan removeReCreated(MemberFacts dr) {
        ClusterSetStatus cs = status("prd", cluster("prd", "PRIMARY", "OK", "OK", 0, 1, 2));
        return ClusterSetPlanner.plan(
                new Intent.RemoveMember("dr"),
                spec,
                DR,
                obs(Optional.of(cs), 0, healthy("prd", Standalone.UNKNOWN), dr));
    }

    @Test
    void refusesARemovalWhoseReCreatedClusterCouldNotCloneItsOtherPodsBeforeRemoveCluster() {
        StepPlan p = ClusterSetPlanner.plan(
                new Intent.RemoveMember("dr"),
                spec,
                DR,
                obs(
                        Optional.of(joined()),
                        0,
                        healthy("prd", Standalone.UNKNOWN),
                        versions(healthy("dr", Standalone.UNKNOWN), pods3("8.0.36", "8.0.36", "8.0.35"))));
        assertEquals(List.of(), p.steps(), "nothing removed");
        assertEquals("clone-versions-incompatible", refusal(p));
        assertEquals(
                "cannot remove dr: its InnoDB cluster is re-created on dr-0 after removeCluster, and addInstance would "
                        + "clone dr-2.dr-instances.mysql-dr.svc.cluster.local:3306 (MySQL 8.0.35) from an ONLINE "
                        + "member of dr, and none is clone-compatible with it "
                        + "(dr-0.dr-instances.mysql-dr.svc.cluster.local:3306 (MySQL 8.0.36), "
                        + "dr-1.dr-instances.mysql-dr.svc.cluster.local:3306 (MySQL 8.0.36)); MySQL Shell refuses "
                        + "(MySQL Shell's clone rule, mysqlshdk/libs/mysql/clone.cc "
                        + "verify_compatible_clone_versions: the same MAJOR.MINOR (8.0.x), and below 8.4 the same patch "
                        + "unless both are 8.0.37 or newer)",
                p.refusal().orElseThrow().reason());
    }

    @Test
    void aReCreatedClusterAddsNoPodItCannotCloneAndDoesNotFinishTheRemovalOnAnUnreadVersion() {
        ClusterSetStatus cs = status("prd", cluster("prd", "PRIMARY", "OK", "OK", 0, 1, 2));
        StepPlan p = ClusterSetPlanner.plan(
                new Intent.RemoveMember("dr"),
                spec,
                DR,
                obs(
                        Optional.of(cs),
                        0,
                        healthy("prd", Standalone.UNKNOWN),
                        versions(
                                marked(healthy("dr", Standalone.NO_CLUSTER), "leaving:mycs"),
                                pods3("8.4.3", "8.4.3", "8.3.0"))));
        assertEquals(List.of("RecreateCluster", "AddInstance"), steps(p));
        assertEquals(
                "cannot add dr-2 to the re-created dr: addInstance would clone "
                        + "dr-2.dr-instances.mysql-dr.svc.cluster.local:3306 (MySQL 8.3.0) from an ONLINE member of dr, "
                        + "and none is clone-compatible with it (dr-0.dr-instances.mysql-dr.svc.cluster.local:3306 "
                        + "(MySQL 8.4.3), dr-1.dr-instances.mysql-dr.svc.cluster.local:3306 (MySQL 8.4.3)); MySQL Shell "
                        + "refuses (MySQL Shell's clone rule, mysqlshdk/libs/mysql/clone.cc "
                        + "verify_compatible_clone_versions: the same MAJOR.MINOR (8.4.x), and below 8.4 the same patch "
                        + "unless both are 8.0.37 or newer)",
                p.refusal().orElseThrow().reason());
        p = ClusterSetPlanner.plan(
                new Intent.RemoveMember("dr"),
                spec,
                DR,
                obs(
                        Optional.of(cs),
                        0,
                        healthy("prd", Standalone.UNKNOWN),
                        versions(
                                marked(healthy("dr", Standalone.NO_CLUSTER), "leaving:mycs"),
                                pods3("8.4.3", "8.4.3", null))));
        assertEquals(List.of("RecreateCluster", "AddInstance"), steps(p), "no left record while dr-2 is pending");
        assertEquals(
                "cannot complete the removal of dr: the server version of dr-2 could not be read; addInstance of dr-2 "
                        + "(a clone from dr-0, MySQL Shell's clone rule, mysqlshdk/libs/mysql/clone.cc "
                        + "verify_compatible_clone_versions) waits until it can be checked. run `pulumi destroy` (or the "
                        + "`pulumi up` that removes it) again once its pods answer",
                p.refusal().orElseThrow().getMessage());
    }

    @Test
    void aRemovalInterruptedAfterRemoveClusterRecreatesTheCluster() {
        ClusterSetStatus cs = status("prd", cluster("prd", "PRIMARY", "OK", "OK", 0, 1, 2));
        StepPlan p = ClusterSetPlanner.plan(
                new Intent.RemoveMember("dr"),
                spec,
                DR,
                obs(
                        Optional.of(cs),
                        0,
                        healthy("prd", Standalone.UNKNOWN),
                        marked(healthy("dr", Standalone.NO_CLUSTER), "leaving:mycs")));
        assertEquals(List.of("RecreateCluster", "AddInstance", "AddInstance", "MarkJoining"), steps(p));
        // Recreated, pod 2 still outside its metadata.
        p = ClusterSetPlanner.plan(
                new Intent.RemoveMember("dr"),
                spec,
                DR,
                obs(
                        Optional.of(cs),
                        0,
                        healthy("prd", Standalone.UNKNOWN),
                        pods(marked(healthy("dr", Standalone.ONLINE), "leaving:mycs"), Map.of(2, List.of()))));
        assertEquals(
                List.of(
                        new ClusterSetStep.AddInstance("dr", 2, "dr-2.dr-instances.mysql-dr.svc.cluster.local"),
                        new ClusterSetStep.MarkJoining("dr", "left:mycs")),
                p.steps());
    }

    // ------------------------------------------------------------------ routing options (issue 10 item 8)

    @Test
    void setsEachRoutingOptionThatDiffersOnEachRouterOfTheMember() {
        ClusterSetSpec routed = ConfigFixtures.topology(ConfigFixtures.shipped("Pulumi.dr.yaml")
                        .replace(
                                "        baseServerId: 200\n",
                                "        baseServerId: 200\n        routing: {target_cluster: dr, "
                                        + "invalidated_cluster_policy: accept_ro, use_replica_primary_as_rw: true}\n"))
                .clusterSet();
        MemberFacts dr = secretsInSync(router(healthy("dr", Standalone.UNKNOWN), RouterState.DONE))
                .withRouters(Map.of(
                        "dr-router-7d9f-x2::system",
                                Map.of(
                                        "target_cluster",
                                        "\"primary\"",
                                        "invalidated_cluster_policy",
                                        "\"accept_ro\"",
                                        "use_replica_primary_as_rw",
                                        "false"),
                        "dr-router-7d9f-a1::system",
                                Map.of(
                                        "target_cluster",
                                        "\"dr\"",
                                        "invalidated_cluster_policy",
                                        "\"accept_ro\"",
                                        "use_replica_primary_as_rw",
                                        "true")));
        StepPlan p = ClusterSetPlanner.plan(
                new Intent.EnsureMember("dr"),
                routed,
                DR,
                obs(Optional.of(joined()), 0, healthy("prd", Standalone.UNKNOWN), dr));
        assertEquals(
                List.of(
                        new ClusterSetStep.SetRoutingOption(
                                "dr", "dr-router-7d9f-x2::system", "target_cluster", "\"dr\""),
                        new ClusterSetStep.SetRoutingOption(
                                "dr", "dr-router-7d9f-x2::system", "use_replica_primary_as_rw", "true")),
                p.steps());
        assertEquals(
                "setRoutingOption('dr-router-7d9f-x2::system', 'target_cluster', \"dr\") for a router of dr",
                p.steps().get(0).describe());
        // Without routing configured nothing is planned, whatever the routers say.
        p = ClusterSetPlanner.plan(
                new Intent.EnsureMember("dr"),
                ConfigFixtures.topology(ConfigFixtures.shipped("Pulumi.dr.yaml"))
                        .clusterSet(),
                DR,
                obs(Optional.of(joined()), 0, healthy("prd", Standalone.UNKNOWN), dr));
        assertEquals(List.of(), p.steps());
    }

    private static MemberFacts drWithRouters(Map<String, Map<String, String>> routers) {
        MemberFacts dr = healthy("dr", Standalone.UNKNOWN);
        return secretsInSync(router(dr, RouterState.DONE)).withRouters(routers);
    }

    private static ClusterSetSpec drRouted(String routing) {
        return ConfigFixtures.topology(ConfigFixtures.shipped("Pulumi.dr.yaml")
                        .replace(
                                "        baseServerId: 200\n",
                                "        baseServerId: 200\n        routing: " + routing + "\n"))
                .clusterSet();
    }

    @Test
    void setsTheRoutersOwnTagsWholeWhereTheyDifferAndRemovesThemWhenTheConfigHasNone() {
        MemberFacts dr = drWithRouters(Map.of(
                "dr-router-7d9f-a1::", Map.of("target_cluster", "\"dr\""),
                "dr-router-7d9f-b2::", Map.of("target_cluster", "\"dr\"", "tags", "{\"rack\":2,\"zone\":\"eu\"}"),
                "dr-router-7d9f-c3::", Map.of("target_cluster", "\"dr\"", "tags", "{\"zone\":\"us\"}")));
        StepPlan p = ClusterSetPlanner.plan(
                new Intent.EnsureMember("dr"),
                drRouted("{target_cluster: dr, tags: {zone: eu, rack: 2}}"),
                DR,
                obs(Optional.of(joined()), 0, healthy("prd", Standalone.UNKNOWN), dr));
        assertEquals(
                List.of(
                        new ClusterSetStep.SetRoutingOption(
                                "dr", "dr-router-7d9f-a1::", "tags", "{\"rack\":2,\"zone\":\"eu\"}"),
                        new ClusterSetStep.SetRoutingOption(
                                "dr", "dr-router-7d9f-c3::", "tags", "{\"rack\":2,\"zone\":\"eu\"}")),
                p.steps());
        assertEquals(
                "setRoutingOption('dr-router-7d9f-a1::', 'tags', {\"rack\":2,\"zone\":\"eu\"}) for a router of dr",
                p.steps().get(0).describe());
        // tags dropped from the config (routing still configured), or {}: the routers' own tags are removed.
        for (String routing : List.of("{target_cluster: dr}", "{target_cluster: dr, tags: {}}")) {
            p = ClusterSetPlanner.plan(
                    new Intent.EnsureMember("dr"),
                    drRouted(routing),
                    DR,
                    obs(Optional.of(joined()), 0, healthy("prd", Standalone.UNKNOWN), dr));
            assertEquals(
                    List.of(
                            new ClusterSetStep.SetRoutingOption("dr", "dr-router-7d9f-b2::", "tags", "null"),
                            new ClusterSetStep.SetRoutingOption("dr", "dr-router-7d9f-c3::", "tags", "null")),
                    p.steps(),
                    routing);
        }
        assertEquals(
                "setRoutingOption('dr-router-7d9f-b2::', 'tags', null) for a router of dr",
                p.steps().get(0).describe());
    }

    @Test
    void anOperatorLinkedMemberGetsItsRoutingOptionsAndLosesItsStaleRegistrationsOnceInTheClusterSet() {
        ClusterSetSpec spec = ConfigFixtures.topology(ConfigFixtures.shipped("Pulumi.dr.yaml")
                        .replace("    linkage: provider\n", "    linkage: operator\n")
                        .replace("        edition: community\n", "        edition: enterprise\n")
                        .replace(
                                "        baseServerId: 200\n",
                                "        baseServerId: 200\n        routing: {target_cluster: dr, tags: {zone: eu}}\n"))
                .clusterSet();
        MemberFacts dr = secretsInSync(router(healthy("dr", Standalone.UNKNOWN), RouterState.DONE))
                .withRouters(Map.of(
                        "dr-router-5c7d8-qx2lp::", Map.of("target_cluster", "\"primary\""),
                        "dr-router-5c7d8-7wz9k::", Map.of("target_cluster", "\"primary\"")))
                .withRegistered(List.of("dr-router-5c7d8-qx2lp::", "dr-router-5c7d8-7wz9k::"))
                .withRouterPods(Optional.of(Set.of("dr-router-5c7d8-qx2lp")));
        StepPlan p = ClusterSetPlanner.plan(
                new Intent.EnsureMember("dr"),
                spec,
                DR,
                obs(Optional.of(joined()), 0, healthy("prd", Standalone.UNKNOWN), dr));
        assertEquals(
                List.of(
                        new ClusterSetStep.RemoveRouterMetadata("dr", "dr-router-5c7d8-7wz9k::"),
                        new ClusterSetStep.SetRoutingOption(
                                "dr", "dr-router-5c7d8-qx2lp::", "target_cluster", "\"dr\""),
                        new ClusterSetStep.SetRoutingOption(
                                "dr", "dr-router-5c7d8-qx2lp::", "tags", "{\"zone\":\"eu\"}")),
                p.steps());
        assertEquals(List.of(), p.notes());
        // Not in the ClusterSet yet: the operator links it; nothing is set on its routers before.
        p = ClusterSetPlanner.plan(
                new Intent.EnsureMember("dr"),
                spec,
                DR,
                obs(
                        Optional.of(status("prd", cluster("prd", "PRIMARY", "OK", "OK", 0, 1, 2))),
                        0,
                        healthy("prd", Standalone.UNKNOWN),
                        dr));
        assertEquals(List.of(new ClusterSetStep.AwaitOperatorJoin("dr")), p.steps());
        assertEquals(List.of("the Enterprise operator links dr itself (initDB.clusterSet)"), p.notes());
    }

    // ------------------------------------------------------------------ stale router registrations (review point 17)

    private static MemberFacts drRegistrations(List<String> registered, Optional<Set<String>> pods) {
        MemberFacts dr = healthy("dr", Standalone.UNKNOWN);
        return secretsInSync(router(dr, RouterState.DONE))
                .withRegistered(registered)
                .withRouterPods(pods);
    }

    private static final List<String> DR_REGISTERED = List.of(
            "dr-router-5c7d8-qx2lp::", "dr-router-5c7d8-7wz9k::", "dr-router-5c7d8-gone1::system", "dr-router-x::");

    @Test
    void removesTheRegistrationsOfTheOperatorsRouterPodsThatNoLongerExistAndLeavesTheOthersWithANote() {
        StepPlan p = ClusterSetPlanner.plan(
                new Intent.EnsureMember("dr"),
                spec,
                DR,
                obs(
                        Optional.of(joined()),
                        0,
                        healthy("prd", Standalone.UNKNOWN),
                        drRegistrations(DR_REGISTERED, Optional.of(Set.of("dr-router-5c7d8-qx2lp")))));
        assertEquals(List.of(new ClusterSetStep.RemoveRouterMetadata("dr", "dr-router-5c7d8-7wz9k::")), p.steps());
        assertEquals(
                "removeRouterMetadata('dr-router-5c7d8-7wz9k::') on dr: the router's pod no longer exists",
                p.steps().get(0).describe());
        assertEquals(
                List.of("left in the ClusterSet's metadata: dr-router-5c7d8-gone1::system, dr-router-x:: (not named as "
                        + "the MySQL Operator bootstraps the routers of Deployment dr-router, <pod>::)"),
                p.notes());
    }

    @Test
    void removesNoRegistrationWhenThePodsAreUnreadOrTheClusterIsNotOk() {
        StepPlan p = ClusterSetPlanner.plan(
                new Intent.EnsureMember("dr"),
                spec,
                DR,
                obs(
                        Optional.of(joined()),
                        0,
                        healthy("prd", Standalone.UNKNOWN),
                        drRegistrations(List.of("dr-router-5c7d8-7wz9k::"), Optional.empty())));
        assertEquals(List.of(), p.steps());
        assertEquals(
                List.of("the router pods of dr could not be listed; the registrations dr-router-5c7d8-7wz9k:: are left "
                        + "as they are"),
                p.notes());
        p = ClusterSetPlanner.plan(
                new Intent.EnsureMember("dr"),
                spec,
                DR,
                obs(
                        Optional.of(status(
                                "prd",
                                cluster("prd", "PRIMARY", "OK", "OK", 0, 1, 2),
                                cluster("dr", "REPLICA", "OK_MISCONFIGURED", "OK", 0, 1, 2))),
                        0,
                        healthy("prd", Standalone.UNKNOWN),
                        drRegistrations(List.of("dr-router-5c7d8-7wz9k::"), Optional.of(Set.of()))));
        assertEquals(List.of(), p.steps());
        assertTrue(
                p.notes()
                        .contains("the registrations dr-router-5c7d8-7wz9k:: of router pods of dr that no longer exist "
                                + "are removed once its global status in the ClusterSet is OK (removeRouterMetadata "
                                + "needs it; it is OK_MISCONFIGURED)"),
                p.notes().toString());
        // A stack that does not deploy dr cannot list its pods: nothing is decided about its routers.
        p = ClusterSetPlanner.plan(
                new Intent.EnsureMember("dr"),
                spec,
                PROD,
                obs(
                        Optional.of(joined()),
                        0,
                        healthy("prd", Standalone.UNKNOWN),
                        drRegistrations(List.of("dr-router-5c7d8-7wz9k::"), Optional.of(Set.of()))));
        assertFalse(p.steps().stream().anyMatch(x -> x instanceof ClusterSetStep.RemoveRouterMetadata));
    }

    @Test
    void aRemovalFirstRemovesTheRegistrationsOfItsGoneRouterPodsAndNamesTheLiveOnes() {
        StepPlan p = ClusterSetPlanner.plan(
                new Intent.RemoveMember("dr"),
                spec,
                DR,
                obs(
                        Optional.of(joined()),
                        0,
                        healthy("prd", Standalone.UNKNOWN),
                        drRegistrations(
                                List.of("dr-router-5c7d8-qx2lp::", "dr-router-5c7d8-7wz9k::"),
                                Optional.of(Set.of("dr-router-5c7d8-qx2lp")))));
        assertEquals(
                List.of(
                        "RemoveRouterMetadata",
                        "MarkJoining",
                        "RemoveCluster",
                        "RecreateCluster",
                        "AddInstance",
                        "AddInstance",
                        "MarkJoining"),
                steps(p));
        assertEquals(
                new ClusterSetStep.RemoveRouterMetadata("dr", "dr-router-5c7d8-7wz9k::"),
                p.steps().get(0));
        assertEquals(
                List.of("left in the ClusterSet's metadata: dr-router-5c7d8-qx2lp:: (their pods still exist)"),
                p.notes());
    }

    @Test
    void aRemovalIsRefusedWhileALiveRouterTargetsTheLeavingCluster() {
        MemberFacts dr = healthy("dr", Standalone.UNKNOWN);
        dr = secretsInSync(router(dr, RouterState.DONE))
                .withRouters(Map.of(
                        "dr-router-5c7d8-qx2lp::", Map.of("target_cluster", "\"dr\""),
                        "dr-router-5c7d8-7wz9k::", Map.of("target_cluster", "\"dr\"")))
                .withRegistered(List.of("dr-router-5c7d8-qx2lp::", "dr-router-5c7d8-7wz9k::"))
                .withRouterPods(Optional.of(Set.of("dr-router-5c7d8-qx2lp")));
        StepPlan p = ClusterSetPlanner.plan(
                new Intent.RemoveMember("dr"),
                drRouted("{target_cluster: dr}"),
                DR,
                obs(Optional.of(joined()), 0, healthy("prd", Standalone.UNKNOWN), dr));
        // The gone pod's registration is removed first (a safe step before the refusal).
        assertEquals(List.of(new ClusterSetStep.RemoveRouterMetadata("dr", "dr-router-5c7d8-7wz9k::")), p.steps());
        assertEquals("remove-routing-target", refusal(p));
        assertEquals(
                "cannot remove dr: its routers dr-router-5c7d8-qx2lp:: have it as their target_cluster, and "
                        + "removeCluster is refused while a router targets the cluster",
                p.refusal().orElseThrow().reason());
        assertEquals(
                "set mysqlcs:clusterSet.members[1].routing.target_cluster: primary (keep dr in the config), run "
                        + "`pulumi up`, then remove dr",
                p.refusal().orElseThrow().guidance());
    }

    @Test
    void aRemovalIsRefusedBeforeAnyStepWhileARouterOfAnotherMemberTargetsTheLeavingCluster() {
        // cluster_set_impl.cc remove_cluster: get_routers_using_cluster_as_target covers every router of the
        // ClusterSet, so prd's router pinned to dr blocks the removal as dr's own would.
        MemberFacts prd = healthy("prd", Standalone.UNKNOWN)
                .withRouters(Map.of(
                        "prd-router-6b8c4-m2x7q::", Map.of("target_cluster", "\"dr\""),
                        "prd-router-6b8c4-z9k1w::", Map.of("target_cluster", "\"primary\"")));
        MemberFacts dr = secretsInSync(router(healthy("dr", Standalone.UNKNOWN), RouterState.DONE))
                .withRegistered(List.of("dr-router-5c7d8-7wz9k::"))
                .withRouterPods(Optional.of(Set.of()));
        StepPlan p = ClusterSetPlanner.plan(
                new Intent.RemoveMember("dr"),
                drRouted("{target_cluster: primary}"),
                DR,
                obs(Optional.of(joined()), 0, prd, dr));
        // Not even dr's gone registration is removed: nothing changes before the refusal.
        assertEquals(List.of(), p.steps());
        assertEquals("remove-routing-target", refusal(p));
        assertEquals(
                "cannot remove dr: the routers prd-router-6b8c4-m2x7q:: of prd have it as their target_cluster, "
                        + "and removeCluster is refused while a router targets the cluster",
                p.refusal().orElseThrow().reason());
        assertEquals(
                "set mysqlcs:clusterSet.members[0].routing.target_cluster: primary (or another member that stays), "
                        + "run `pulumi up`, then remove dr",
                p.refusal().orElseThrow().guidance());
    }

    // ------------------------------------------------------------------ re-adding a removed member (issue 10 item 3)

    @Test
    void theRemovalEndsWithARecordOfTheRecreatedClustersOwnGtids() {
        ClusterSetStatus cs = status("prd", cluster("prd", "PRIMARY", "OK", "OK", 0, 1, 2));
        StepPlan p = ClusterSetPlanner.plan(
                new Intent.RemoveMember("dr"),
                spec,
                DR,
                obs(
                        Optional.of(cs),
                        0,
                        healthy("prd", Standalone.UNKNOWN),
                        with(
                                marked(healthy("dr", Standalone.ONLINE), "leaving:mycs"),
                                data(List.of("shop"), B + ":1-3", Set.of(B), true))));
        assertEquals(List.of(new ClusterSetStep.MarkJoining("dr", "left:mycs|" + B + ":1-3")), p.steps());
        assertEquals(
                "record in dr's namespace that this provider removed it from ClusterSet 'mycs' (its re-created "
                        + "cluster's own GTIDs " + B + ":1-3)",
                p.steps().get(0).describe());
        // A later destroy keeps the record (a re-add relies on it).
        p = ClusterSetPlanner.plan(
                new Intent.RemoveMember("dr"),
                spec,
                DR,
                obs(
                        Optional.of(cs),
                        0,
                        healthy("prd", Standalone.UNKNOWN),
                        marked(healthy("dr", Standalone.ONLINE), "left:mycs|" + B + ":1-3")));
        assertEquals(List.of(), p.steps());
    }

    @Test
    void reAddsAMemberThisProviderRemovedWhenItWroteNothingSince() {
        StepPlan p = ClusterSetPlanner.plan(
                new Intent.EnsureMember("dr"),
                spec,
                DR,
                drStandalone(with(
                        marked(healthy("dr", Standalone.ONLINE), "left:mycs|" + B + ":1-3"),
                        data(List.of("shop"), B + ":1-3", Set.of(B), true))));
        assertEquals(Optional.empty(), p.refusal());
        String d = "dr-%d.dr-instances.mysql-dr.svc.cluster.local";
        assertEquals(
                List.of(
                        new ClusterSetStep.DissolveStandalone("dr", String.format(d, 0)),
                        new ClusterSetStep.CreateReplicaCluster(
                                "dr", "dr", String.format(d, 0), "prd-0.prd-instances.mysql-prod.svc.cluster.local"),
                        new ClusterSetStep.CopyCredentials("prd", "dr"),
                        new ClusterSetStep.AddInstance("dr", 1, String.format(d, 1)),
                        new ClusterSetStep.AddInstance("dr", 2, String.format(d, 2)),
                        new ClusterSetStep.RestartRouter("dr"),
                        new ClusterSetStep.ClearJoinMark("dr")),
                p.steps(),
                "the removal record is the journal of the re-add");
        assertTrue(
                p.notes()
                        .contains(
                                "re-adding dr, which this provider removed from ClusterSet 'mycs': it executed "
                                        + "no transactions since (its GTID set is the primary's plus " + B
                                        + ":1-3, its re-created cluster's "
                                        + "own bookkeeping recorded at the removal), so its data (shop) is replaced by a clone of 'prd'"),
                p.notes().toString());
        // After the dissolve (which wrote B:4 as the group's last transactions): no cluster, the record still
        // there; the join goes on, and resumes the same way if interrupted.
        p = ClusterSetPlanner.plan(
                new Intent.EnsureMember("dr"),
                spec,
                DR,
                drStandalone(with(
                        marked(healthy("dr", Standalone.NO_CLUSTER), "left:mycs|" + B + ":1-3"),
                        data(List.of("shop"), B + ":1-4", Set.of(), true))));
        assertEquals(
                List.of(
                        "CreateReplicaCluster",
                        "CopyCredentials",
                        "AddInstance",
                        "AddInstance",
                        "RestartRouter",
                        "ClearJoinMark"),
                steps(p));
        // A transaction under another UUID (the server's own, written after Group Replication stopped) is refused.
        p = ClusterSetPlanner.plan(
                new Intent.EnsureMember("dr"),
                spec,
                DR,
                drStandalone(with(
                        marked(healthy("dr", Standalone.NO_CLUSTER), "left:mycs|" + B + ":1-3"),
                        data(List.of("shop"), B + ":1-4," + FOREIGN + ":1", Set.of(), false))));
        assertEquals("readd-local-writes", refusal(p));
    }

    @Test
    void refusesReAddingARemovedMemberThatWroteSinceItsRemovalNamingTheGtids() {
        StepPlan p = ClusterSetPlanner.plan(
                new Intent.EnsureMember("dr"),
                spec,
                DR,
                drStandalone(with(
                        marked(healthy("dr", Standalone.ONLINE), "left:mycs|" + B + ":1-3"),
                        data(List.of("shop"), B + ":1-5", Set.of(B), false))));
        assertEquals("readd-local-writes", refusal(p));
        assertEquals(List.of(), p.steps(), "nothing is dissolved");
        assertEquals(
                "dr was removed from ClusterSet 'mycs' by this provider, but it executed transactions since then "
                        + "that the primary 'prd' does not have (its GTIDs the primary lacks are now " + B
                        + ":1-5; at the "
                        + "removal they were " + B + ":1-3), in schema(s) shop",
                p.refusal().get().reason());
        assertEquals(
                "re-adding it would overwrite them with a clone of 'prd'; inspect them on pod dr-0 in namespace "
                        + "mysql-dr (mysqlbinlog --include-gtids='" + B
                        + ":1-5' over its binary logs) and replay on the "
                        + "primary cluster 'prd' whatever must be kept, then drop those schemas on dr (or re-create "
                        + "InnoDBCluster dr empty) and run `pulumi up` again",
                p.refusal().get().guidance());
    }

    @Test
    void aRemovalRecordOfAnotherClusterSetOrNoneStillRefusesUserData() {
        for (Optional<String> mark : List.of(Optional.<String>empty(), Optional.of("left:othercs|" + B + ":1-3"))) {
            MemberFacts dr = with(healthy("dr", Standalone.ONLINE), data(List.of("shop"), B + ":1-3", Set.of(B), true));
            dr = mark.map(x -> marked(healthy("dr", Standalone.ONLINE), x))
                    .map(x -> with(x, data(List.of("shop"), B + ":1-3", Set.of(B), true)))
                    .orElse(dr);
            StepPlan p = ClusterSetPlanner.plan(new Intent.EnsureMember("dr"), spec, DR, drStandalone(dr));
            assertEquals("target-holds-user-data", refusal(p), mark.toString());
        }
    }

    @Test
    void refusesRemovingAReplicaThatHoldsTransactionsThePrimaryLacks() {
        StepPlan p = ClusterSetPlanner.plan(
                new Intent.RemoveMember("dr"),
                spec,
                DR,
                obs(
                        Optional.of(joined()),
                        0,
                        healthy("prd", Standalone.UNKNOWN),
                        with(healthy("dr", Standalone.UNKNOWN), data(List.of("shop"), B + ":1", Set.of(), true))));
        assertEquals("remove-errant-transactions", refusal(p));
        assertEquals(
                "inspect them on pod dr-0 in namespace mysql-dr (mysqlbinlog --include-gtids='" + B + ":1' over "
                        + "its binary logs) and replay on the primary cluster 'prd' whatever must be kept, then run the "
                        + "removal again",
                p.refusal().get().guidance());
    }

    @Test
    void refusesToDissolveTheClusterSetWhileReplicasRemain() {
        StepPlan p = ClusterSetPlanner.plan(
                new Intent.DissolveClusterSet(),
                spec,
                PROD,
                obs(Optional.of(joined()), 0, healthy("prd", Standalone.UNKNOWN), healthy("dr", Standalone.UNKNOWN)));
        assertEquals("dissolve-with-replicas", refusal(p));
    }

    @Test
    void destroyingTheLastStackLeavesThePrimaryOnlineAndManagedByItsOperator() {
        ClusterSetStatus cs = status("prd", cluster("prd", "PRIMARY", "OK", "OK", 0, 1, 2));
        for (List<String> schemas : List.of(List.<String>of(), List.of("shop"))) {
            StepPlan p = ClusterSetPlanner.plan(
                    new Intent.DissolveClusterSet(),
                    spec,
                    PROD,
                    obs(
                            Optional.of(cs),
                            0,
                            with(healthy("prd", Standalone.UNKNOWN), data(schemas, "", Set.of(), false)),
                            healthy("dr", Standalone.ONLINE)));
            assertTrue(p.converged(), "nothing dissolves the InnoDB cluster: " + p.describe());
            assertTrue(
                    p.notes()
                            .get(0)
                            .startsWith("ClusterSet 'mycs' is released without change: prd stays its only "
                                    + "cluster, ONLINE and managed by its MySQL Operator"),
                    p.notes().toString());
        }
    }

    @Test
    void releasesTheClusterSetFromAStackThatDoesNotDeployItsPrimary() {
        ClusterSetStatus cs = status("prd", cluster("prd", "PRIMARY", "OK", "OK", 0, 1, 2));
        StepPlan p = ClusterSetPlanner.plan(
                new Intent.DissolveClusterSet(),
                spec,
                DR,
                obs(Optional.of(cs), 0, healthy("prd", Standalone.UNKNOWN), healthy("dr", Standalone.ONLINE)));
        assertTrue(p.converged());
        assertTrue(p.notes().get(0).startsWith("released without change"));
    }

    @Test
    void firstDeployPlansWhatEachStacksFirstUpRuns() {
        assertEquals(
                List.of("CreateClusterSet", "RestartRouter"),
                steps(ClusterSetPlanner.plan(
                        new Intent.EnsureClusterSet(),
                        spec,
                        PROD,
                        FirstDeploy.observation(spec, PROD, new Intent.EnsureClusterSet()))));
        assertEquals(
                List.of(),
                steps(ClusterSetPlanner.plan(
                        new Intent.EnsureClusterSet(),
                        spec,
                        DR,
                        FirstDeploy.observation(spec, DR, new Intent.EnsureClusterSet()))));
        assertEquals(
                8,
                ClusterSetPlanner.plan(
                                new Intent.EnsureMember("dr"),
                                spec,
                                DR,
                                FirstDeploy.observation(spec, DR, new Intent.EnsureMember("dr")))
                        .steps()
                        .size());
    }

    // ------------------------------------------------------------------ operator secrets UNKNOWN (review point 11)

    private StepPlan completeDr(MemberFacts dr) {
        return ClusterSetPlanner.plan(
                new Intent.EnsureMember("dr"),
                spec,
                DR,
                obs(Optional.of(joined()), 0, router(healthy("prd", Standalone.UNKNOWN), RouterState.DONE), dr));
    }

    @Test
    void aMissingSecretOfThePrimaryRefusesTheRouterRestartThatNeedsItsPasswords() {
        StepPlan p = completeDr(secretsUnknown(healthy("dr", Standalone.UNKNOWN), PRD_ROUTER));
        assertEquals(List.of(), steps(p));
        UnsafeStepRefused r = p.refusal().orElseThrow();
        assertEquals("operator-secret-missing", r.rule());
        assertEquals(
                "the router restart of dr needs dr's operator secrets (-privsecrets, -router, -backup) to carry "
                        + "the passwords of the primary prd's, but the primary prd's Secret mysql-prod/prd-router in 'prod' "
                        + "does not exist",
                r.reason());
        assertEquals(
                "the MySQL Operator creates it only with InnoDBCluster prd: restore it (from a backup of "
                        + "namespace mysql-prod), or re-create it with a new password and set it for the account on the "
                        + "primary (ALTER USER, replicated to every member), then run `pulumi up` again",
                r.guidance());
    }

    @Test
    void theMembersOwnMissingSecretIsCopiedFromThePrimaryBeforeItsRoutersRestart() {
        StepPlan p = completeDr(secretsUnknown(healthy("dr", Standalone.UNKNOWN), DR_BACKUP));
        assertEquals(
                List.of(new ClusterSetStep.CopyCredentials("prd", "dr"), new ClusterSetStep.RestartRouter("dr")),
                p.steps());
        assertEquals(List.of("Secret mysql-dr/dr-backup in 'dr' of dr does not exist; copied from prd's"), p.notes());
    }

    @Test
    void secretsThatCouldNotBeReadRefuseTheRouterRestart() {
        StepPlan p = completeDr(secretsUnknown(healthy("dr", Standalone.UNKNOWN)));
        UnsafeStepRefused r = p.refusal().orElseThrow();
        assertEquals("operator-secrets-unknown", r.rule());
        assertEquals(
                "cannot tell whether dr's operator secrets (-privsecrets, -router, -backup) carry the primary's "
                        + "passwords: they could not be read in 'dr' and 'prod'",
                r.reason());
        assertEquals(
                "the router restart of dr waits for them; run `pulumi up` again when the Kubernetes API answers",
                r.guidance());
    }

    @Test
    void unknownSecretsWithNothingDependingOnThemAreReportedNeverInSync() {
        StepPlan p =
                completeDr(router(secretsUnknown(healthy("dr", Standalone.UNKNOWN), PRD_ROUTER), RouterState.DONE));
        assertTrue(p.converged());
        assertEquals(
                List.of("whether dr's operator secrets (-privsecrets, -router, -backup) carry the primary's "
                        + "passwords is unknown (the primary prd's Secret mysql-prod/prd-router in 'prod' does not exist); "
                        + "they are compared again on the next `pulumi up`"),
                p.notes());
    }

    @Test
    void aJoinIsRefusedBeforeAnythingIsDissolvedWhenThePrimarysSecretIsMissing() {
        ClusterSetStatus cs = status("prd", cluster("prd", "PRIMARY", "OK", "OK", 0, 1, 2));
        StepPlan p = ClusterSetPlanner.plan(
                new Intent.EnsureMember("dr"),
                spec,
                DR,
                obs(
                        Optional.of(cs),
                        0,
                        router(healthy("prd", Standalone.UNKNOWN), RouterState.DONE),
                        secretsUnknown(healthy("dr", Standalone.ONLINE), PRD_ROUTER)));
        assertEquals(List.of(), steps(p));
        assertEquals("operator-secret-missing", refusal(p));
        assertTrue(
                p.refusal().orElseThrow().reason().startsWith("joining dr needs dr's operator secrets"),
                p.refusal().orElseThrow().reason());
    }

    @Test
    void aSwitchoverToAMemberWhoseSecretsCannotBeComparedIsRefusedOrPrecededByTheCopy() {
        ClusterSetSpec toDr = PrimaryControl.dr("dr", 1, false).clusterSet();
        StepPlan refused = ClusterSetPlanner.plan(
                new Intent.EnsurePrimary(),
                toDr,
                DR,
                obs(
                        Optional.of(joined()),
                        0,
                        healthy("prd", Standalone.UNKNOWN),
                        secretsUnknown(healthy("dr", Standalone.UNKNOWN), PRD_ROUTER)));
        assertEquals(List.of(), refused.steps());
        assertEquals("operator-secret-missing", refusal(refused));
        assertEquals(
                "the switchover to dr needs dr's operator secrets (-privsecrets, -router, -backup) to carry the "
                        + "passwords of the primary prd's, but the primary prd's Secret mysql-prod/prd-router in 'prod' does "
                        + "not exist",
                refused.refusal().orElseThrow().reason());

        StepPlan copied = ClusterSetPlanner.plan(
                new Intent.EnsurePrimary(),
                toDr,
                DR,
                obs(
                        Optional.of(joined()),
                        0,
                        healthy("prd", Standalone.UNKNOWN),
                        secretsUnknown(healthy("dr", Standalone.UNKNOWN), DR_BACKUP)));
        assertEquals(
                List.of(
                        new ClusterSetStep.CopyCredentials("prd", "dr"),
                        new ClusterSetStep.Switchover("dr", "dr", false),
                        new ClusterSetStep.RecordPrimaryEpoch(1)),
                copied.steps());
    }
}
