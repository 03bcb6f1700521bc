package dev.mysqlcs.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mysqlcs.io.AdminApi;
import dev.mysqlcs.model.ClusterSetSpec;
import dev.mysqlcs.plan.ClusterSetPlanner;
import dev.mysqlcs.plan.ClusterSetStep;
import dev.mysqlcs.plan.Intent;
import dev.mysqlcs.plan.Observation;
import dev.mysqlcs.plan.Observation.Writes;
import dev.mysqlcs.plan.StepPlan;
import dev.mysqlcs.plan.UnsafeStepRefused;
import dev.mysqlcs.testing.PrimaryControl;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The provider's decision path (a real {@link Observer}, then {@link ClusterSetPlanner}) against two real mysqld
 * 8.0.31: pods {@code prd-0..2} are server A (a group's members hold the same transactions; no Group Replication
 * here), {@code dr-0} server B, read over JDBC; the fake mysqlsh of {@link ProviderHarness} answers the AdminAPI
 * questions (membership, roles, fencing), changed by the test in step with what it does to the servers. GTID sets,
 * user schemas and super_read_only come from the servers only.
 *
 * <p>The servers are shared and the tests run in order: first B is a standalone join target (a former replica of A),
 * then B joins, A is failed over from and must be repaired before it may rejoin.
 */
@Tag("slow")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ObserverRealMySqlIT extends RealPrdAndDrServers {

    /** A source neither server ever was: what a server that once replicated from elsewhere carries. */
    private static final String THIRD = "cccccccc-cccc-cccc-cccc-cccccccccccc";

    /** The prod stack's config once the forced failover is decided: dr is the primary since epoch 1. */
    private final ClusterSetSpec afterFailover =
            PrimaryControl.prod("dr", 1, false).clusterSet();

    private String uuidA;
    private String uuidB;
    /** AdminAPI calls that change the fake Shell's ClusterSet, as the steps would have. */
    private AdminApi fakeShell;
    /** The transaction A committed during the partition (set by the failover test). */
    private String lostInPartition;

    @BeforeAll
    void bIsAStandaloneFormerReplicaOfA() throws SQLException {
        uuidA = serverA.queryString("SELECT @@server_uuid");
        uuidB = serverB.queryString("SELECT @@server_uuid");
        // B took everything A has over the ClusterSet channel, then was cut loose: a standalone, writable target.
        bTakesEverythingOfA();
        // dr's other pods: a join target's every pod is read for its version (@@version).
        routes.route(Observer.pod(member("dr"), 1), endpoint(serverB))
                .route(Observer.pod(member("dr"), 2), endpoint(serverB));

        h.world.serverUuid("prd", 0, uuidA).serverUuid("dr", 0, uuidB);
        fakeShell = new AdminApi(h.shell, credentials, WAIT);
        fakeShell.createClusterSet(session("prd"), "mycs", WAIT);
    }

    // ------------------------------------------------------------------ joining B (the dr stack)

    @Test
    @Order(1)
    void joinsACleanTargetThatHoldsOnlyTransactionsReplicatedFromThePrimary() throws SQLException {
        Decision d = decide(new Intent.EnsureMember("dr"), spec, Set.of("dr"));

        Observation.DataFacts dr = d.data("dr");
        assertEquals(List.of(), dr.userSchemas());
        assertEquals(Optional.of(""), dr.errantVsPrimary());
        assertTrue(dr.localUuids().contains(uuidB), dr.localUuids().toString());
        assertEquals(
                List.of(
                        new ClusterSetStep.MarkJoining("dr", "mycs"),
                        new ClusterSetStep.DissolveStandalone("dr", fqdn("dr", 0)),
                        new ClusterSetStep.CreateReplicaCluster("dr", "dr", fqdn("dr", 0), fqdn("prd", 0)),
                        new ClusterSetStep.CopyCredentials("prd", "dr"),
                        new ClusterSetStep.AddInstance("dr", 1, fqdn("dr", 1)),
                        new ClusterSetStep.AddInstance("dr", 2, fqdn("dr", 2)),
                        new ClusterSetStep.RestartRouter("dr"),
                        new ClusterSetStep.ClearJoinMark("dr")),
                d.plan().steps());
        assertEquals(Optional.empty(), d.plan().refusal());
        assertEquals(List.of(), d.plan().notes());
        // The clone check's inputs, read with SELECT @@GLOBAL.version from the real servers (8.0.31; the Shell takes
        // the same server's version from its handshake): the donor (prd-0, the ClusterSet's primary instance) and
        // every pod of the join target.
        String version = serverA.queryString("SELECT @@GLOBAL.version");
        assertTrue(version.startsWith("8.0.31"), version);
        assertEquals(Map.of(0, version), d.observation().member("prd").podVersions());
        assertEquals(
                Map.of(0, version, 1, version, 2, version),
                d.observation().member("dr").podVersions());
        // And in the same query what check_compatible_clone_donor compares besides (base_cluster_impl.cc:615-647):
        // the Linux build of mysqld on this machine.
        Observation.Platform platform = new Observation.Platform(
                serverA.queryString("SELECT @@GLOBAL.version_compile_os"),
                serverA.queryString("SELECT @@GLOBAL.version_compile_machine"));
        assertEquals("Linux", platform.os());
        assertEquals(
                System.getProperty("os.arch").equals("amd64") ? "x86_64" : System.getProperty("os.arch"),
                platform.machine());
        assertEquals(Map.of(0, platform), d.observation().member("prd").podPlatforms());
        assertEquals(
                Map.of(0, platform, 1, platform, 2, platform),
                d.observation().member("dr").podPlatforms());
    }

    @Test
    @Order(2)
    void refusesTheJoinWhileTheTargetHoldsAUserSchemaNamingIt() throws SQLException {
        serverB.execute(
                "CREATE DATABASE crm",
                "CREATE TABLE crm.customers (id INT PRIMARY KEY, name VARCHAR(40))",
                "INSERT INTO crm.customers VALUES (1, 'Ada')");

        Decision d = decide(new Intent.EnsureMember("dr"), spec, Set.of("dr"));

        assertEquals(List.of("crm"), d.data("dr").userSchemas());
        assertEquals(Optional.of(uuidB + ":1-3"), d.data("dr").errantVsPrimary());
        assertEquals(List.of(), d.plan().steps(), "nothing is dissolved");
        UnsafeStepRefused r = d.plan().refusal().orElseThrow();
        assertEquals("target-holds-user-data", r.rule());
        assertEquals(
                "dr holds user data in schema(s) crm; joining it as a replica would dissolve it and overwrite "
                        + "that data with a clone of 'prd'",
                r.reason());
    }

    @Test
    @Order(3)
    void theJoinPreflightReadsTheTargetsPrimaryInstanceNotASecondaryOnPod0() {
        // dr's group elected dr-1: B (holding crm) is now dr-1; dr-0 is a secondary that has not applied crm, here A.
        h.world.groupPrimary("dr", 1);
        routes.route(Observer.pod(member("dr"), 0), endpoint(serverA))
                .route(Observer.pod(member("dr"), 1), endpoint(serverB));
        try {
            Decision d = decide(new Intent.EnsureMember("dr"), spec, Set.of("dr"));

            assertEquals(1, d.data("dr").instance());
            assertEquals(List.of("crm"), d.data("dr").userSchemas());
            assertTrue(
                    d.data("dr").localUuids().contains(uuidB),
                    d.data("dr").localUuids().toString());
            assertFalse(d.data("dr").localUuids().contains(uuidA), "server A on dr-0 was not read");
            assertEquals(List.of(), d.plan().steps(), "nothing is dissolved");
            assertEquals(
                    "target-holds-user-data", d.plan().refusal().orElseThrow().rule());
        } finally {
            h.world.groupPrimary("dr", 0);
            routes.route(Observer.pod(member("dr"), 0), endpoint(serverB))
                    .route(Observer.pod(member("dr"), 1), endpoint(serverB));
        }
    }

    @Test
    @Order(4)
    void refusesTheJoinWhenTheTargetExecutedATransactionFromAnotherSourceNamingTheSet() throws SQLException {
        serverB.execute("DROP DATABASE crm");
        Decision ownOnly = decide(new Intent.EnsureMember("dr"), spec, Set.of("dr"));
        assertEquals(Optional.empty(), ownOnly.plan().refusal(), "B's own transactions are replaced by the clone");
        assertEquals(
                List.of("dr's own bookkeeping transactions (" + uuidB + ":1-4) are replaced by the clone; it "
                        + "holds no user schemas"),
                ownOnly.plan().notes());

        // An account change replicated from a third server: not user data, but lost by a clone all the same.
        serverB.execute(
                "SET gtid_next = '" + THIRD + ":1'",
                "CREATE USER 'legacy'@'%' IDENTIFIED BY 'legacy-Pw-1'",
                "SET gtid_next = 'AUTOMATIC'");
        Decision d = decide(new Intent.EnsureMember("dr"), spec, Set.of("dr"));

        // MySQL orders a GTID set by source UUID.
        String errant = Stream.of(uuidB + ":1-4", THIRD + ":1").sorted().collect(Collectors.joining(","));
        assertEquals(List.of(), d.data("dr").userSchemas());
        assertEquals(Optional.of(errant), d.data("dr").errantVsPrimary());
        assertEquals(List.of(), d.plan().steps());
        UnsafeStepRefused r = d.plan().refusal().orElseThrow();
        assertEquals("target-has-errant-gtids", r.rule());
        assertEquals(
                "dr executed transactions the primary does not have from other sources (GTIDs " + errant + ", sources "
                        + THIRD + ")",
                r.reason());
        assertTrue(
                r.guidance()
                        .contains("inspect them on pod dr-0 in namespace mysql-dr (mysqlbinlog " + "--include-gtids='"
                                + errant + "' over its binary logs)"),
                r.guidance());
    }

    // ------------------------------------------------------------------ failing over to B, rejoining A (the prod
    // stack)

    @Test
    @Order(5)
    void rejoinOfTheInvalidatedOldPrimaryIsRefusedWhileItHoldsATransactionTheNewPrimaryLacks() throws SQLException {
        joinBAsReplicaCloneOfA();
        serverA.execute(
                "CREATE DATABASE shop",
                "CREATE TABLE shop.orders (id INT PRIMARY KEY, v VARCHAR(40))",
                "INSERT INTO shop.orders VALUES (1, 'before the partition')");
        serverB.awaitCaughtUpWith(serverA, WAIT);

        // S1.7: B is cut off from A, which still takes one write; then the forced failover makes B the primary.
        serverB.execute("STOP REPLICA FOR CHANNEL '" + CHANNEL + "'");
        String beforeLoss = serverA.queryString("SELECT @@gtid_executed");
        assertTrue(beforeLoss.matches(uuidA + ":1-\\d+"), "A only ever wrote under its own UUID: " + beforeLoss);
        lostInPartition = uuidA + ":" + (Long.parseLong(beforeLoss.substring(beforeLoss.lastIndexOf('-') + 1)) + 1);
        serverA.execute("INSERT INTO shop.orders VALUES (2, 'lost in the partition')");
        h.world.isolate("prd", true);
        fakeShell.forcePrimaryCluster(session("dr"), "dr", List.of(), WAIT);
        h.world.isolate("prd", false);
        serverB.execute("SET GLOBAL super_read_only = OFF", "INSERT INTO shop.orders VALUES (3, 'after the failover')");

        Decision unfenced = decide(new Intent.EnsureMember("prd"), afterFailover, Set.of("prod"));
        assertFalse(unfenced.data("prd").superReadOnly());
        assertEquals(Optional.of(lostInPartition), unfenced.data("prd").errantVsPrimary());
        assertEquals(
                List.of(new ClusterSetStep.FenceWrites("prd", fqdn("prd", 0))),
                unfenced.plan().steps(),
                "fenced even though the rejoin is refused");
        assertRejoinRefusedNaming(lostInPartition, unfenced.plan());

        fakeShell.fenceWrites(session("prd"), WAIT);
        serverA.execute("SET GLOBAL super_read_only = ON");
        Decision fenced = decide(new Intent.EnsureMember("prd"), afterFailover, Set.of("prod"));
        assertEquals(List.of(), fenced.plan().steps());
        assertRejoinRefusedNaming(lostInPartition, fenced.plan());
    }

    @Test
    @Order(6)
    void rejoinIsPlannedOnceTheLostTransactionIsReplayedOnTheNewPrimaryWithItsGtid() throws SQLException {
        // The repair the refusal describes: what mysqlbinlog --include-gtids prints for it, applied on B.
        serverB.execute(
                "SET gtid_next = '" + lostInPartition + "'",
                "INSERT INTO shop.orders VALUES (2, 'lost in the partition')",
                "SET gtid_next = 'AUTOMATIC'");

        Decision d = decide(new Intent.EnsureMember("prd"), afterFailover, Set.of("prod"));

        assertTrue(d.data("prd").superReadOnly());
        assertEquals(Optional.of(""), d.data("prd").errantVsPrimary());
        assertEquals(
                List.of(new ClusterSetStep.RejoinCluster("prd", "prd")),
                d.plan().steps());
        assertEquals(Optional.empty(), d.plan().refusal());
        assertEquals(List.of(), d.plan().notes());
    }

    @Test
    @Order(7)
    void anOldPrimaryUnfencedByHandIsFencedAgainBeforeTheRejoinThoughItsStatusSaysFenced() throws SQLException {
        serverA.execute("SET GLOBAL super_read_only = OFF");

        Decision d = decide(new Intent.EnsureMember("prd"), afterFailover, Set.of("prod"));

        assertEquals(
                Map.of(0, Writes.WRITABLE, 1, Writes.WRITABLE, 2, Writes.WRITABLE),
                d.observation().member("prd").podWrites());
        assertEquals(
                List.of(
                        new ClusterSetStep.FenceWrites("prd", fqdn("prd", 0)),
                        new ClusterSetStep.RejoinCluster("prd", "prd")),
                d.plan().steps());
        assertEquals(
                List.of("prd takes writes on prd-0, prd-1, prd-2 (super_read_only is OFF) although its status "
                        + "says FENCED_WRITES; it is fenced first"),
                d.plan().notes());
    }

    @Test
    @Order(8)
    void anInstanceOfTheOldPrimaryThatDoesNotAnswerBlocksTheRejoinUntilItAnswersReadOnly() throws SQLException {
        serverA.execute("SET GLOBAL super_read_only = ON");
        routes.unroute(Observer.pod(member("prd"), 2));
        try {
            Decision d = decide(
                    new Intent.EnsureMember("prd"),
                    afterFailover,
                    Set.of("prod"),
                    "could not read super_read_only of prd-2: ");

            assertEquals(
                    Map.of(0, Writes.READ_ONLY, 1, Writes.READ_ONLY, 2, Writes.UNANSWERED),
                    d.observation().member("prd").podWrites());
            assertEquals(List.of(), d.plan().steps());
            assertEquals(
                    List.of("whether prd-2 of prd takes writes is unknown: no answer to a JDBC probe"),
                    d.plan().notes());
            assertEquals(
                    "rejoin-writes-unknown", d.plan().refusal().orElseThrow().rule());
        } finally {
            routes.route(Observer.pod(member("prd"), 2), endpoint(serverA));
        }

        Decision back = decide(new Intent.EnsureMember("prd"), afterFailover, Set.of("prod"));
        assertEquals(
                List.of(new ClusterSetStep.RejoinCluster("prd", "prd")),
                back.plan().steps());
    }

    // ---------------------------------------------------------------------------------------------------------------

    /** What the provider decided, and the observation it decided on. */
    private record Decision(Observation observation, StepPlan plan) {
        Observation.DataFacts data(String member) {
            return observation.member(member).data().orElseThrow();
        }
    }

    /** Observe as the provider does, then plan; every question must have been answered and every probe closed. */
    private Decision decide(Intent intent, ClusterSetSpec s, Set<String> deployed) {
        return decide(intent, s, deployed, new String[0]);
    }

    /** As above, with exactly one warning per expected prefix, in order. */
    private Decision decide(Intent intent, ClusterSetSpec s, Set<String> deployed, String... warningPrefixes) {
        log.clear();
        Observation o = observe(s);
        List<String> warnings = log.warnings();
        assertEquals(warningPrefixes.length, warnings.size(), warnings.toString());
        for (int i = 0; i < warningPrefixes.length; i++) {
            assertTrue(warnings.get(i).startsWith(warningPrefixes[i]), warnings.get(i));
        }
        return new Decision(o, ClusterSetPlanner.plan(intent, s, deployed, o));
    }

    private static void assertRejoinRefusedNaming(String errant, StepPlan plan) {
        UnsafeStepRefused r = plan.refusal().orElseThrow();
        assertEquals("rejoin-errant-transactions", r.rule());
        assertEquals(
                "prd has transactions the primary 'dr' does not have (errant GTIDs " + errant + "), committed "
                        + "while it was cut off; rejoining would lose or diverge them",
                r.reason());
        assertTrue(
                r.guidance()
                        .contains(
                                "inspect them on pod prd-0 in namespace mysql-prod (mysqlbinlog " + "--include-gtids='"
                                        + errant + "' over its binary logs) and replay on the primary cluster 'dr'"),
                r.guidance());
    }

    /**
     * The join the first test planned, done: in the fake Shell the replica cluster dr with all three instances; on B
     * what the clone leaves, A's data and GTID set exactly, replicating from A again.
     */
    private void joinBAsReplicaCloneOfA() throws SQLException {
        fakeShell.dissolveCluster(session("dr"), WAIT);
        fakeShell.createReplicaCluster(
                new AdminApi.Target(Observer.pod(member("dr"), 0), fqdn("prd", 0)),
                fqdn("dr", 0),
                "dr",
                AdminApi.MemberOptions.selfSigned(),
                WAIT);
        fakeShell.addInstance(session("dr"), fqdn("dr", 1), AdminApi.MemberOptions.selfSigned(), WAIT);
        fakeShell.addInstance(session("dr"), fqdn("dr", 2), AdminApi.MemberOptions.selfSigned(), WAIT);

        serverB.execute(
                "SET sql_log_bin = 0",
                "DROP USER 'legacy'@'%'",
                "SET sql_log_bin = 1",
                "RESET MASTER",
                "SET GLOBAL gtid_purged = '" + serverA.queryString("SELECT @@gtid_executed") + "'",
                "SET GLOBAL super_read_only = ON",
                "START REPLICA FOR CHANNEL '" + CHANNEL + "'");
        assertEquals(serverA.queryString("SELECT @@gtid_executed"), serverB.queryString("SELECT @@gtid_executed"));
    }
}
