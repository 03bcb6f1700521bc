package dev.mysqlcs.fake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.mysqlcs.io.AdminApi;
import dev.mysqlcs.io.AdminApiException;
import dev.mysqlcs.io.Credentials;
import dev.mysqlcs.io.MySqlShell;
import dev.mysqlcs.io.PodRef;
import dev.mysqlcs.io.ShellJson;
import dev.mysqlcs.io.ShellResult;
import dev.mysqlcs.model.Topology;
import dev.mysqlcs.testing.ConfigFixtures;
import dev.mysqlcs.testing.Upstream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The fake Shell answers in the real Shell's shape and fails the way it does. */
class FakeAdminApiShellTest {

    static final String PW = "pw-for-the-fake";
    private final Topology t = ConfigFixtures.prod();
    private final FakeWorld w = new FakeWorld(t.clusterSet(), "root", PW);
    private final FakeAdminApiShell shell = new FakeAdminApiShell(w);
    private final AdminApi api = new AdminApi(shell, new Credentials("root", PW.toCharArray()), Duration.ofSeconds(5));

    private AdminApi.Target target(String member) {
        var m = t.clusterSet().member(member).orElseThrow();
        return new AdminApi.Target(
                new PodRef(m.kubeCluster(), m.namespace(), m.name() + "-0"),
                m.podFqdn(0, t.clusterSet().domain()));
    }

    private void createdAndJoined() {
        w.operatorCreates("prd").operatorCreates("dr");
        api.createClusterSet(target("prd"), "mycs", Duration.ofSeconds(5));
        api.dissolveCluster(target("dr"), Duration.ofSeconds(5));
        api.createReplicaCluster(
                new AdminApi.Target(target("dr").via(), target("prd").host()),
                target("dr").host(),
                "dr",
                AdminApi.MemberOptions.selfSigned(),
                Duration.ofSeconds(5));
        api.addInstance(
                target("dr"),
                "dr-1.dr-instances.mysql-dr.svc.cluster.local",
                AdminApi.MemberOptions.selfSigned(),
                Duration.ofSeconds(5));
    }

    /** The Shell options AdminApi puts before the operation or script. */
    private List<String> options(String member, String... more) {
        List<String> argv = new ArrayList<>(List.of(
                "mysqlsh",
                "--uri",
                "root@" + target(member).host() + ":3306",
                "--passwords-from-stdin",
                "--credential-store-helper=<disabled>"));
        argv.addAll(List.of(more));
        return argv;
    }

    private ShellResult run(String member, List<String> argv) {
        return shell.run(target(member).via(), argv, (PW + "\n").toCharArray(), Duration.ofSeconds(5));
    }

    private JsonObject rawStatus(String member) {
        ShellResult r = run(member, options(member, "--json=raw", "--", "clusterset", "status", "--extended=1"));
        assertEquals(0, r.exitCode(), r.stderr());
        return ShellJson.lastResult(r.stdout(), o -> o.has("clusters")).orElseThrow();
    }

    private static Set<String> keys(JsonObject o) {
        return new TreeSet<>(o.keySet());
    }

    @Test
    void clusterSetStatusHasTheKeysOfTheRealExtendedStatus() {
        createdAndJoined();
        JsonObject real = JsonParser.parseString(Upstream.read("mysql-shell/outputs/clusterset-status-extended1.json"))
                .getAsJsonObject();
        JsonObject fake = rawStatus("prd");
        assertEquals(keys(real), keys(fake));
        JsonObject realPrimary = real.getAsJsonObject("clusters").getAsJsonObject("cluster1");
        JsonObject realReplica = real.getAsJsonObject("clusters").getAsJsonObject("cluster2");
        JsonObject fakePrimary = fake.getAsJsonObject("clusters").getAsJsonObject("prd");
        JsonObject fakeReplica = fake.getAsJsonObject("clusters").getAsJsonObject("dr");
        assertEquals(keys(realPrimary), keys(fakePrimary));
        assertEquals(keys(realReplica), keys(fakeReplica));
        assertEquals(
                keys(realReplica.getAsJsonObject("clusterSetReplication")),
                keys(fakeReplica.getAsJsonObject("clusterSetReplication")));
        JsonObject realInstance = realReplica
                .getAsJsonObject("topology")
                .entrySet()
                .iterator()
                .next()
                .getValue()
                .getAsJsonObject();
        JsonObject fakeInstance = fakeReplica
                .getAsJsonObject("topology")
                .entrySet()
                .iterator()
                .next()
                .getValue()
                .getAsJsonObject();
        assertEquals(keys(realInstance), keys(fakeInstance));
        assertEquals("OK_NO_TOLERANCE", fakeReplica.get("status").getAsString(), "2 of 3 instances");
    }

    @Test
    void clusterStatusHasTheKeysOfTheRealOne() {
        w.operatorCreates("prd");
        ShellResult r = run("prd", options("prd", "--json=raw", "--", "cluster", "status"));
        JsonObject fake = ShellJson.lastResult(r.stdout(), o -> o.has("defaultReplicaSet"))
                .orElseThrow();
        String template = Upstream.read("mysql-shell/outputs/cluster-status.template.txt")
                .replaceAll("<<<\\(__version_num>=80011\\)[^>]*>>>", "\n\"replicationLag\": null,")
                .replaceAll("<<<[^>]*>>>", "h")
                .replace("[[*]]", "v");
        JsonObject real = JsonParser.parseString(template).getAsJsonObject();
        assertEquals(keys(real), keys(fake));
        assertEquals(keys(real.getAsJsonObject("defaultReplicaSet")), keys(fake.getAsJsonObject("defaultReplicaSet")));
    }

    @Test
    void dissolveRefusesWhileAnInstanceIsNotOnlineLikeTheShell() {
        // cluster/dissolve.cc handle_unavailable_instances: no force, an instance not ONLINE is an error.
        w.operatorCreates("dr").grStopped("dr", 2, true);
        AdminApiException e =
                assertThrows(AdminApiException.class, () -> api.dissolveCluster(target("dr"), Duration.ofSeconds(5)));
        assertTrue(
                e.getMessage()
                        .contains(
                                "The instance 'dr-2.dr-instances.mysql-dr.svc.cluster.local:3306' is " + "'(MISSING)'"),
                e.getMessage());
        assertEquals(FakeWorld.State.ONLINE, w.state("dr"), "nothing was dissolved");
        w.grStopped("dr", 2, false);
        api.dissolveCluster(target("dr"), Duration.ofSeconds(5));
        assertEquals(FakeWorld.State.DISSOLVED, w.state("dr"));
    }

    /**
     * The community operator's ClusterSet per InnoDBCluster (mysql-operator cluster_controller.py create_cluster):
     * a session on dr reads ClusterSet 'dr' holding only dr, createClusterSet fails as on any ClusterSet member
     * (51601), and dissolve is allowed for the only cluster of a ClusterSet (mysql-shell modules/adminapi/cluster/
     * dissolve.cc Dissolve::prepare refuses only with cs_members.size() > 1) and takes that ClusterSet with it.
     */
    @Test
    void aClusterAloneInItsOwnClusterSetReadsItAndDissolvesLikeTheShell() {
        w.operatorCreates("prd").operatorCreates("dr");
        w.operatorCreatesClusterSet("prd").operatorCreatesClusterSet("dr");
        var own = api.clusterSetStatus(target("dr"));
        assertEquals("dr", own.domainName());
        assertEquals("dr", own.primaryCluster());
        assertEquals(Set.of("dr"), own.clusters().keySet());
        assertEquals("prd", api.clusterSetStatus(target("prd")).domainName());
        assertInstanceOf(
                AdminApiException.AlreadyInClusterSet.class,
                assertThrows(
                        AdminApiException.class,
                        () -> api.createClusterSet(target("dr"), "mycs", Duration.ofSeconds(5))));
        api.dissolveCluster(target("dr"), Duration.ofSeconds(5));
        assertEquals(FakeWorld.State.DISSOLVED, w.state("dr"));
        assertEquals(Optional.empty(), w.ownClusterSet("dr"));
        assertEquals(List.of("prd"), w.clusterSetMembers(), "prd's ClusterSet is untouched");
    }

    @Test
    void failsLikeTheShell() {
        w.operatorCreates("prd").operatorCreates("dr");
        assertInstanceOf(
                AdminApiException.NotInClusterSet.class,
                assertThrows(AdminApiException.class, () -> api.clusterSetStatus(target("prd"))));
        api.createClusterSet(target("prd"), "mycs", Duration.ofSeconds(5));
        assertInstanceOf(
                AdminApiException.AlreadyInClusterSet.class,
                assertThrows(
                        AdminApiException.class,
                        () -> api.createClusterSet(target("prd"), "mycs", Duration.ofSeconds(5))));
        api.dissolveCluster(target("dr"), Duration.ofSeconds(5));
        assertInstanceOf(
                AdminApiException.NotACluster.class,
                assertThrows(AdminApiException.class, () -> api.clusterStatus(target("dr"))));
        w.isolate("prd", true);
        assertInstanceOf(
                AdminApiException.Unreachable.class,
                assertThrows(
                        AdminApiException.class,
                        () -> api.createReplicaCluster(
                                new AdminApi.Target(
                                        target("dr").via(), target("prd").host()),
                                target("dr").host(),
                                "dr",
                                AdminApi.MemberOptions.selfSigned(),
                                Duration.ofSeconds(5))));
        w.isolate("prd", false);
        w.failNext("createReplicaCluster", FakeWorld.Phase.AFTER);
        assertInstanceOf(
                AdminApiException.Timeout.class,
                assertThrows(
                        AdminApiException.class,
                        () -> api.createReplicaCluster(
                                new AdminApi.Target(
                                        target("dr").via(), target("prd").host()),
                                target("dr").host(),
                                "dr",
                                AdminApi.MemberOptions.selfSigned(),
                                Duration.ofSeconds(5))));
        assertTrue(w.clusterSetMembers().contains("dr"), "the timed-out call took effect");
        assertInstanceOf(
                AdminApiException.AlreadyMember.class,
                assertThrows(
                        AdminApiException.class,
                        () -> api.addInstance(
                                target("dr"),
                                target("dr").host(),
                                AdminApi.MemberOptions.selfSigned(),
                                Duration.ofSeconds(5))));
    }

    @Test
    void refusesRejoinWithErrantTransactions() {
        createdAndJoined();
        w.isolate("prd", true);
        w.write("prd", "split");
        api.forcePrimaryCluster(target("dr"), "dr", List.of(), Duration.ofSeconds(5));
        w.isolate("prd", false);
        assertInstanceOf(
                AdminApiException.ErrantTransactions.class,
                assertThrows(
                        AdminApiException.class,
                        () -> api.rejoinCluster(
                                new AdminApi.Target(
                                        target("prd").via(), target("dr").host()),
                                "prd",
                                Duration.ofSeconds(5))));
    }

    @Test
    void rejectsAWrongPassword() {
        w.operatorCreates("prd");
        AdminApi wrong = new AdminApi(shell, new Credentials("root", "nope".toCharArray()), Duration.ofSeconds(5));
        AdminApiException e = assertThrows(AdminApiException.class, () -> wrong.clusterStatus(target("prd")));
        assertTrue(e.getMessage().contains("Access denied"), e.getMessage());
    }

    @Test
    void printsThePasswordPromptAndAnswersJsonLikeTheShell() {
        w.operatorCreates("prd");
        String prompt = "Please provide the password for 'root@" + target("prd").host() + ":3306': ";
        ShellResult json = run("prd", options("prd", "--json=raw", "--", "cluster", "status"));
        String[] lines = json.stdout().split("\n");
        assertEquals("{\"prompt\":\"" + prompt + "\",\"type\":\"password\"}", lines[0]);
        assertEquals(2, lines.length, "the result is one compact line");
        assertTrue(lines[1].startsWith("{\"clusterName\":\"prd\","), lines[1]);

        ShellResult plain = run(
                "prd",
                options(
                        "prd",
                        "--js",
                        "-e",
                        "shell.options.useWizards = false;\n"
                                + "print(session.runSql(\"SELECT 1 FROM v2_cs_members WHERE mysqlcs_primary_epoch\").fetchOne()[0]);\n"));
        assertEquals(prompt + "{\"clusters\":null}\n", plain.stdout());
    }

    @Test
    void failsLikeTheShellInEachForm() {
        w.operatorCreates("prd");
        ShellResult cli = run("prd", options("prd", "--json=raw", "--", "clusterset", "status", "--extended=1"));
        assertEquals(1, cli.exitCode());
        assertTrue(cli.stdout().endsWith("\n{\"error\":\"Cluster is not part of a ClusterSet\\n\"}\n"), cli.stdout());
        assertEquals("", cli.stderr());

        ShellResult js = run(
                "prd",
                options(
                        "prd",
                        "--js",
                        "-e",
                        "shell.options.useWizards = false;\n" + "dba.getCluster().fenceWrites();\n"));
        assertEquals(1, js.exitCode());
        assertEquals(
                "Cluster.fenceWrites: This function is not available through a session to an instance that "
                        + "belongs to an InnoDB Cluster that is not a member of an InnoDB ClusterSet (MYSQLSH 51316)\n",
                js.stderr());
    }

    @Test
    void noWizardMeansNoPasswordPrompt() {
        // Mysql_shell::connect prompts only while wizards are on: --no-wizard connects without a password.
        w.operatorCreates("prd");
        ShellResult r = run("prd", options("prd", "--no-wizard", "--json=raw", "--", "cluster", "status"));
        assertEquals(1, r.exitCode());
        assertEquals("", r.stdout(), "no prompt");
        assertEquals(
                "MySQL Error 1045 (28000): Access denied for user 'root'@'10.0.0.1' (using password: NO)\n",
                r.stderr());
        assertInstanceOf(
                AdminApiException.CommandFailed.class,
                assertThrows(
                        AdminApiException.class,
                        () -> new AdminApi(
                                        (pod, argv, stdin, t) -> {
                                            List<String> noWizard = new ArrayList<>(argv);
                                            noWizard.add(1, "--no-wizard");
                                            return shell.run(pod, noWizard, stdin, t);
                                        },
                                        new Credentials("root", PW.toCharArray()),
                                        Duration.ofSeconds(5))
                                .clusterStatus(target("prd"))));
    }

    @Test
    void aDissolveWithWizardsOnWaitsForAnAnswerThatNeverComes() {
        w.operatorCreates("dr");
        assertThrows(
                MySqlShell.ShellTimeoutException.class,
                () -> run("dr", options("dr", "--js", "-e", "dba.getCluster().dissolve();\n")));
        assertEquals(FakeWorld.State.ONLINE, w.state("dr"), "nothing was dissolved");
        api.dissolveCluster(target("dr"), Duration.ofSeconds(5));
        assertEquals(FakeWorld.State.DISSOLVED, w.state("dr"));
    }

    @Test
    void theEpochTagLivesOnTheClusterNotOnTheClusterSet() {
        w.operatorCreates("prd");
        assertInstanceOf(
                AdminApiException.NotInClusterSet.class,
                assertThrows(AdminApiException.class, () -> api.primaryEpoch(target("prd"))));
        createdAndJoined();
        assertEquals(OptionalLong.empty(), api.primaryEpoch(target("dr")));
        // ClusterSet.setOption('tag:...') answers OK and stores nothing (the UPDATE matches no cluster row).
        ShellResult lost = run(
                "prd",
                options(
                        "prd",
                        "--js",
                        "-e",
                        "shell.options.useWizards = false;\n"
                                + "dba.getClusterSet().setOption(\"tag:mysqlcs_primary_epoch\", 5);\n"));
        assertEquals(0, lost.exitCode(), lost.stderr());
        assertEquals(Optional.empty(), w.epoch());
        assertEquals(OptionalLong.empty(), api.primaryEpoch(target("prd")));

        api.setPrimaryEpoch(target("prd"), 1, Duration.ofSeconds(5));
        api.setPrimaryCluster(target("dr"), "dr", List.of(), Duration.ofSeconds(5));
        api.setPrimaryEpoch(target("dr"), 2, Duration.ofSeconds(5));
        assertEquals(OptionalLong.of(2), api.primaryEpoch(target("prd")), "the highest tag: the newest primary's");
        assertEquals(OptionalLong.of(2), api.primaryEpoch(target("dr")));
        assertEquals(Optional.of(2L), w.epoch());
    }

    @Test
    void refusesWhatTheShellRefusesAroundThePrimary() {
        createdAndJoined();
        AdminApiException already = assertThrows(
                AdminApiException.CommandFailed.class,
                () -> api.setPrimaryCluster(target("dr"), "prd", List.of(), Duration.ofSeconds(5)));
        assertTrue(
                already.getMessage().contains("Cluster 'prd' is already the PRIMARY cluster (MYSQLSH 51317)"),
                already.getMessage());
        AdminApiException available = assertThrows(
                AdminApiException.CommandFailed.class,
                () -> api.forcePrimaryCluster(target("dr"), "dr", List.of(), Duration.ofSeconds(5)));
        assertTrue(
                available.getMessage().contains("PRIMARY cluster 'prd' is still available (MYSQLSH 51615)"),
                available.getMessage());
        assertInstanceOf(
                AdminApiException.CommandFailed.class,
                assertThrows(
                        AdminApiException.class,
                        () -> api.removeCluster(target("dr"), "prd", false, Duration.ofSeconds(5))));
        w.isolate("prd", true);
        assertInstanceOf(
                AdminApiException.Unreachable.class,
                assertThrows(
                        AdminApiException.class,
                        () -> api.setPrimaryCluster(target("dr"), "dr", List.of(), Duration.ofSeconds(5))));
        assertFalse(w.mutations().contains("setPrimaryCluster"));
    }

    /**
     * common/router.cc validate_router_option and metadata_storage.cc set_routing_option, as the fake answers them
     * (messages of validation js_adminapi_clusterset/scripts/cs_router_management.js).
     */
    @Test
    void routingOptionsAreValidatedAndStoredPerRouterAsTheShellDoes() {
        createdAndJoined();
        String label = w.routerRegisters("dr-router-5c7d8-qx2lp");
        assertEquals("dr-router-5c7d8-qx2lp::", label);
        Duration d = Duration.ofSeconds(5);
        AdminApiException e = assertThrows(
                AdminApiException.class,
                () -> api.setRoutingOption(target("dr"), label, "invalidated_cluster_policy", "\"drop\"", d));
        assertTrue(
                e.getMessage()
                        .contains("Invalid value for routing option 'invalidated_cluster_policy', accepted "
                                + "values: 'accept_ro', 'drop_all'"),
                e.getMessage());
        e = assertThrows(
                AdminApiException.class,
                () -> api.setRoutingOption(target("dr"), label, "read_only_targets", "\"none\"", d));
        assertTrue(
                e.getMessage()
                        .contains("Invalid value for routing option 'read_only_targets', accepted values: 'all', "
                                + "'read_replicas', 'secondaries'"),
                e.getMessage());
        e = assertThrows(
                AdminApiException.class,
                () -> api.setRoutingOption(target("dr"), "nope::system", "target_cluster", "\"dr\"", d));
        assertTrue(e.getMessage().contains("Router 'nope::system' is not part of this topology"), e.getMessage());
        api.setRoutingOption(target("dr"), label, "target_cluster", "\"dr\"", d);
        api.setRoutingOption(target("dr"), label, "tags", "{\"zone\":\"eu\",\"weight\":3}", d);
        java.util.Map<String, String> expected = new java.util.TreeMap<>(java.util.Map.of(
                "target_cluster",
                "\"dr\"",
                "invalidated_cluster_policy",
                "\"drop_all\"",
                "use_replica_primary_as_rw",
                "false",
                "read_only_targets",
                "\"secondaries\"",
                "tags",
                "{\"weight\":3,\"zone\":\"eu\"}"));
        assertEquals(java.util.Map.of(label, expected), api.routerOptions(target("prd")));
        // null unsets the router's own value (JSON_REMOVE): tags gone, target_cluster back to the ClusterSet's.
        api.setRoutingOption(target("dr"), label, "tags", "null", d);
        api.setRoutingOption(target("dr"), label, "target_cluster", "null", d);
        expected.remove("tags");
        expected.put("target_cluster", "\"primary\"");
        assertEquals(java.util.Map.of(label, expected), api.routerOptions(target("prd")));
    }

    /** base_cluster_impl.cc remove_router_metadata and metadata_storage.cc remove_router, as the fake answers them. */
    @Test
    void routerMetadataIsRemovedOnlyForARegisteredRouterAndAnOkCluster() {
        createdAndJoined();
        String label = w.routerRegisters("dr-router-5c7d8-qx2lp");
        String other = w.routerRegisters("dr-router-5c7d8-7wz9k");
        Duration d = Duration.ofSeconds(5);
        AdminApiException e = assertThrows(
                AdminApiException.class, () -> api.removeRouterMetadata(target("dr"), "dr-router-5c7d8-qx2lp", d));
        assertTrue(e.getMessage().contains("Invalid router instance 'dr-router-5c7d8-qx2lp'"), e.getMessage());
        w.channelBroken("dr", true);
        e = assertThrows(AdminApiException.class, () -> api.removeRouterMetadata(target("dr"), label, d));
        assertTrue(
                e.getMessage()
                        .contains("The InnoDB Cluster is part of an InnoDB ClusterSet and has global state of "
                                + "OK_NOT_REPLICATING within the ClusterSet. Operation is not possible when in that "
                                + "state"),
                e.getMessage());
        w.channelBroken("dr", false);
        api.removeRouterMetadata(target("dr"), label, d);
        assertEquals(java.util.Set.of(other), w.registeredRouters());
        assertEquals(java.util.Set.of(other), api.routerOptions(target("prd")).keySet());
    }

    /**
     * The Shell's own clone-version refusal (review point 14), on the versions the servers run: createReplicaCluster
     * clones from the primary cluster's primary (create_replica_cluster.cc:336-361), addInstance from any ONLINE
     * member (cluster_impl.cc:4574-4588); both fail in prepare with SHERR_DBA_PROVISIONING_CLONE_NOT_POSSIBLE
     * (gtid_validations.cc:109-119), after base_cluster_impl.cc:602-611's reason as a warning.
     */
    @Test
    void refusesClonesBetweenIncompatibleServerVersionsAsTheShellDoes() {
        w.operatorCreates("prd").operatorCreates("dr");
        w.serverVersion("prd", "8.0.31").serverVersion("dr", "8.0.36-commercial");
        api.createClusterSet(target("prd"), "mycs", Duration.ofSeconds(5));
        api.dissolveCluster(target("dr"), Duration.ofSeconds(5));
        AdminApiException e = assertThrows(AdminApiException.class, () -> createDrReplicaCluster());
        assertEquals(
                "createReplicaCluster: ClusterSet.createReplicaCluster: Cannot use recoveryMethod=clone because the "
                        + "selected donor is incompatible or no compatible donors are available due to "
                        + "version/platform incompatibilities. (MYSQLSH 51173) (on session on "
                        + "prd-0.prd-instances.mysql-prod.svc.cluster.local from pod dr/mysql-dr/dr-0)",
                e.getMessage());
        // The console says why, with the versions as the Shell holds them (numbers only, Version::get_full).
        assertTrue(
                rerunLast()
                        .contains("WARNING: Clone-based recovery not available: Instance "
                                + "'prd-0.prd-instances.mysql-prod.svc.cluster.local:3306' cannot be a donor because its "
                                + "version (8.0.31) isn't compatible with the recipient's (8.0.36).\n"),
                rerunLast());
        // Refused before it changed anything, but after the dissolve that had to come first: dr is left without its
        // InnoDB cluster, which is why the planner checks the versions before it dissolves.
        assertEquals(FakeWorld.State.DISSOLVED, w.state("dr"));
        assertEquals(List.of("prd"), w.clusterSetMembers());

        // dr-0 at prd's version joins; dr-1 left at 8.0.30 (a half-done rolling upgrade) has no compatible donor.
        w.serverVersion("dr", "8.0.31").serverVersion("dr", 1, "8.0.30");
        createDrReplicaCluster();
        e = assertThrows(AdminApiException.class, () -> addDr1());
        assertEquals(
                "addInstance: Cluster.addInstance: Cannot use recoveryMethod=clone because the selected donor is "
                        + "incompatible or no compatible donors are available due to version/platform "
                        + "incompatibilities. (MYSQLSH 51173) (on session on dr-0.dr-instances.mysql-dr.svc.cluster.local "
                        + "from pod dr/mysql-dr/dr-0)",
                e.getMessage());
        assertTrue(
                rerunLast()
                        .contains("WARNING: None of the online Cluster members are compatible with the recipient "
                                + "(dr-1.dr-instances.mysql-dr.svc.cluster.local:3306) for cloning due to "
                                + "version/platform incompatibilities. Therefore, no instance is available to serve as "
                                + "a valid donor for cloning.\n"),
                rerunLast());
        assertEquals(Set.of(0), w.instancesInMetadata("dr"));
        w.serverVersion("dr", 1, "8.0.31");
        addDr1();
        assertEquals(Set.of(0, 1), w.instancesInMetadata("dr"));
    }

    /**
     * The Shell's refusal of a clone between servers built for different operating systems or platforms:
     * base_cluster_impl.cc:575-648 check_compatible_clone_donor compares version_compile_os (:615-629, "... has a
     * different Operating System (%s) than the recipient (%s).") and then version_compile_machine (:632-647, "... is
     * running on a different platform (%s) than the recipient (%s)."), both after the versions.
     */
    @Test
    void refusesClonesBetweenServersOfDifferentOperatingSystemsOrPlatformsAsTheShellDoes() {
        w.operatorCreates("prd").operatorCreates("dr");
        for (int i = 0; i < 3; i++) {
            w.serverPlatform("dr", i, "Linux", "aarch64");
        }
        api.createClusterSet(target("prd"), "mycs", Duration.ofSeconds(5));
        api.dissolveCluster(target("dr"), Duration.ofSeconds(5));
        AdminApiException e = assertThrows(AdminApiException.class, () -> createDrReplicaCluster());
        assertTrue(e.getMessage().contains("(MYSQLSH 51173)"), e.getMessage());
        assertTrue(
                rerunLast()
                        .contains("WARNING: Clone-based recovery not available: Instance "
                                + "'prd-0.prd-instances.mysql-prod.svc.cluster.local:3306' cannot be a donor because it "
                                + "is running on a different platform (x86_64) than the recipient (aarch64).\n"),
                rerunLast());
        // The operating system is compared first.
        w.serverPlatform("dr", 0, "Win64", "aarch64");
        assertTrue(
                rerunLast()
                        .contains("WARNING: Clone-based recovery not available: Instance "
                                + "'prd-0.prd-instances.mysql-prod.svc.cluster.local:3306' cannot be a donor because it "
                                + "has a different Operating System (Linux) than the recipient (Win64).\n"),
                rerunLast());

        // dr-0 on prd's platform joins; dr-1 on aarch64 has no ONLINE member to clone from.
        w.serverPlatform("dr", 0, "Linux", "x86_64");
        createDrReplicaCluster();
        e = assertThrows(AdminApiException.class, () -> addDr1());
        assertTrue(e.getMessage().contains("Cluster.addInstance: Cannot use recoveryMethod=clone"), e.getMessage());
        assertEquals(Set.of(0), w.instancesInMetadata("dr"));
        w.serverPlatform("dr", 1, "Linux", "x86_64");
        addDr1();
        assertEquals(Set.of(0, 1), w.instancesInMetadata("dr"));
    }

    /** dr joins prd's ClusterSet: createReplicaCluster on dr-0, through dr-0's pod, with prd's primary as donor. */
    private void createDrReplicaCluster() {
        api.createReplicaCluster(
                new AdminApi.Target(target("dr").via(), target("prd").host()),
                target("dr").host(),
                "dr",
                AdminApi.MemberOptions.selfSigned(),
                Duration.ofSeconds(5));
    }

    /** addInstance of dr-1 into dr. */
    private void addDr1() {
        api.addInstance(
                target("dr"),
                "dr-1.dr-instances.mysql-dr.svc.cluster.local",
                AdminApi.MemberOptions.selfSigned(),
                Duration.ofSeconds(5));
    }

    /** Runs the last invocation again (a refused one changed nothing) and returns what it printed. */
    private String rerunLast() {
        List<FakeAdminApiShell.Invocation> all = shell.invocations();
        FakeAdminApiShell.Invocation last = all.get(all.size() - 1);
        ShellResult r = shell.run(last.pod(), last.argv(), last.stdin().toCharArray(), Duration.ofSeconds(5));
        return r.stdout() + r.stderr();
    }
}
