package dev.mysqlcs.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import com.google.gson.JsonParser;
import dev.mysqlcs.model.ClusterSetStatus;
import dev.mysqlcs.model.InnoDbClusterStatus;
import dev.mysqlcs.testing.Upstream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * mysqlsh command lines, the Shell's real JSON outputs (mysqlcs-testing's upstream/) and its error texts. The error lines are the
 * Shell's own test expectations (mysql/mysql-shell, tag 8.4.8, path given per case); a script prints an uncaught error
 * as {@code <Class.method>: <message> (<type> <code>)}, so where an expectation holds only the message, that frame is
 * added as the Shell would print it.
 */
class AdminApiTest {

    static final String PASSWORD = "s3cr3t:@/pw";
    static final PodRef POD = new PodRef("dr", "mysql-dr", "dr-0");
    static final String HOST = "dr-0.dr-instances.mysql-dr.svc.cluster.local";
    static final AdminApi.Target TARGET = new AdminApi.Target(POD, HOST);
    static final String SESSION = "root@" + HOST + ":3306";
    /** What the Shell prints for the password prompt in --json mode (src/mysqlsh/prompt_handler.cc json_prompt). */
    static final String JSON_PROMPT =
            "{\"prompt\":\"Please provide the password for '" + SESSION + "': \"," + "\"type\":\"password\"}\n";
    /** ... and without --json: the bare prompt, no newline, then whatever the script prints. */
    static final String PLAIN_PROMPT = "Please provide the password for '" + SESSION + "': ";

    static final List<String> PREFIX =
            List.of("mysqlsh", "--uri", SESSION, "--passwords-from-stdin", "--credential-store-helper=<disabled>");

    /** A shell that answers with a canned result and records what it was given. */
    static final class Canned implements MySqlShell {
        final List<List<String>> argvs = new ArrayList<>();
        final List<String> stdins = new ArrayList<>();
        ShellResult next;

        Canned(ShellResult next) {
            this.next = next;
        }

        @Override
        public ShellResult run(PodRef pod, List<String> argv, char[] stdin, Duration timeout) {
            argvs.add(argv);
            stdins.add(new String(stdin));
            return next;
        }
    }

    static AdminApi api(MySqlShell shell) {
        return api(shell, PASSWORD);
    }

    static AdminApi api(MySqlShell shell, String password) {
        return new AdminApi(shell, new Credentials("root", password.toCharArray()), Duration.ofSeconds(30));
    }

    /** The Shell test expectations with their placeholders filled in. */
    static String upstream(String file) {
        return Upstream.read("mysql-shell/outputs/" + file)
                .replace("<<<hostname>>>", "host")
                .replaceAll("<<<__mysql_sandbox_port(\\d)>>>", "330$1")
                .replaceAll("<<<__address(\\d)h>>>", "host:330$1")
                .replace("[[*]]", "8.4.3");
    }

    /** As {@code --json=raw} prints a result: one compact line. */
    static String raw(String json) {
        return new Gson().toJson(JsonParser.parseString(json)) + "\n";
    }

    private static List<String> script(String body) {
        List<String> argv = new ArrayList<>(PREFIX);
        argv.addAll(List.of("--js", "-e", "shell.options.useWizards = false;\n" + body));
        return argv;
    }

    // ---------------------------------------------------------------- command lines

    @Test
    void statusUsesTheCommandLineFormWithJsonBeforeTheSeparatorAndOnePasswordLine() {
        Canned shell =
                new Canned(new ShellResult(0, JSON_PROMPT + raw(upstream("clusterset-status-extended1.json")), ""));
        api(shell).clusterSetStatus(TARGET);
        shell.next = new ShellResult(0, JSON_PROMPT + raw(clusterStatusTemplate()), "");
        api(shell).clusterStatus(TARGET);
        List<String> status = new ArrayList<>(PREFIX);
        status.addAll(List.of("--json=raw", "--", "clusterset", "status", "--extended=1"));
        assertEquals(status, shell.argvs.get(0));
        List<String> cluster = new ArrayList<>(PREFIX);
        cluster.addAll(List.of("--json=raw", "--", "cluster", "status"));
        assertEquals(cluster, shell.argvs.get(1));
        assertEquals(PASSWORD + "\n", shell.stdins.get(0), "one prompt: the --uri session's");
        assertEquals(1, AdminApi.PASSWORD_LINES);
    }

    /** A mutation: wizards off, then the Shell's own waits from the step timeout (1 min: 54 s), then the call. */
    private static List<String> mutation(String body) {
        return script("shell.options[\"dba.restartWaitTimeout\"] = 54;\nshell.options[\"dba.gtidWaitTimeout\"] = 54;\n"
                + body);
    }

    @Test
    void routingOptionsAreSetPerRouterAndReadAsEachRouterSeesThem() {
        Canned shell = new Canned(new ShellResult(0, PLAIN_PROMPT, ""));
        AdminApi api = api(shell);
        api.setRoutingOption(TARGET, "dr-router-7d9f-x2::system", "target_cluster", "\"dr\"", Duration.ofMinutes(1));
        api.setRoutingOption(
                TARGET, "dr-router-7d9f-x2::system", "use_replica_primary_as_rw", "true", Duration.ofMinutes(1));
        assertEquals(
                List.of(
                        mutation(
                                "dba.getClusterSet().setRoutingOption(\"dr-router-7d9f-x2::system\", \"target_cluster\", "
                                        + "\"dr\");\n"),
                        mutation("dba.getClusterSet().setRoutingOption(\"dr-router-7d9f-x2::system\", "
                                + "\"use_replica_primary_as_rw\", true);\n")),
                shell.argvs);
        // The metadata read: the router's own value wins over the ClusterSet's, then the Shell's default;
        // target_cluster
        // is stored as a group name; tags are the router's own only.
        var o = com.google.gson.JsonParser.parseString("{\"routers\": {\"r1::\": {\"hostname\": \"r1\"},"
                        + "\"r2::\": {\"hostname\": \"r2\"}, \"r3::\": {}},"
                        + "\"own\": {\"r1::\": {\"target_cluster\": \"0b8c-group\", \"tags\": {\"zone\": \"eu\","
                        + "\"rack\": 2.0, \"on\": true}}, \"r2::\": {}, \"gone::\": {\"tags\": {}}},"
                        + "\"global\": {\"invalidated_cluster_policy\": \"accept_ro\", \"stats_updates_frequency\": 30,"
                        + "\"tags\": {\"dc\": 1}},"
                        + "\"groups\": {\"0b8c-group\": \"dr\"}}")
                .getAsJsonObject();
        java.util.Map<String, String> defaults = java.util.Map.of(
                "target_cluster", "\"primary\"",
                "invalidated_cluster_policy", "\"accept_ro\"",
                "stats_updates_frequency", "30",
                "use_replica_primary_as_rw", "false",
                "read_only_targets", "\"secondaries\"");
        java.util.Map<String, String> r1 = new java.util.TreeMap<>(defaults);
        r1.put("target_cluster", "\"dr\"");
        r1.put("tags", "{\"on\":true,\"rack\":2,\"zone\":\"eu\"}");
        assertEquals(java.util.Map.of("r1::", r1, "r2::", defaults, "r3::", defaults), AdminApi.parseRouterOptions(o));
    }

    @Test
    void routerMetadataIsRemovedThroughTheClusterObject() {
        Canned shell = new Canned(new ShellResult(0, PLAIN_PROMPT, ""));
        AdminApi api = api(shell);
        api.removeRouterMetadata(TARGET, "dr-router-5c7d8-qx2lp::", Duration.ofMinutes(1));
        assertEquals(
                List.of(mutation("dba.getCluster().removeRouterMetadata(\"dr-router-5c7d8-qx2lp::\");\n")),
                shell.argvs);
    }

    @Test
    void everyScriptTurnsWizardsOffFirstAndNamesInstancesAsHostPort() {
        Canned shell = new Canned(new ShellResult(0, PLAIN_PROMPT, ""));
        AdminApi api = api(shell);
        Duration d = Duration.ofMinutes(1);
        String other = "dr-1.dr-instances.mysql-dr.svc.cluster.local";
        api.createClusterSet(TARGET, "my'cs", d);
        api.dissolveCluster(TARGET, d);
        api.createReplicaCluster(TARGET, HOST, "dr", AdminApi.MemberOptions.selfSigned(), d);
        api.addInstance(TARGET, other, new AdminApi.MemberOptions("VERIFY_IDENTITY", Optional.of("/CN=dr-1")), d);
        api.setPrimaryCluster(TARGET, "dr", List.of(), d);
        api.forcePrimaryCluster(TARGET, "dr", List.of("dr2"), d);
        api.fenceWrites(TARGET, d);
        api.rejoinCluster(TARGET, "prd", d);
        api.removeCluster(TARGET, "prd", false, d);
        api.setPrimaryEpoch(TARGET, 7, d);
        List<List<String>> expected = List.of(
                mutation("dba.getCluster().createClusterSet(\"my'cs\");\n"),
                // dissolve.cc leaves super_read_only OFF on the primary: back ON until the clone.
                mutation("dba.getCluster().dissolve();\nsession.runSql(\"SET GLOBAL super_read_only = ON\");\n"),
                // The operator's own GR options (cluster_controller.py create_cluster / common_gr_options).
                mutation("dba.getClusterSet().createReplicaCluster(\"" + HOST + ":3306\", \"dr\", "
                        + "{\"recoveryMethod\":\"clone\",\"timeout\":54,\"manualStartOnBoot\":true,"
                        + "\"exitStateAction\":\"ABORT_SERVER\",\"memberSslMode\":\"REQUIRED\"});\n"),
                mutation("dba.getCluster().addInstance(\"" + other + ":3306\", {\"recoveryMethod\":\"clone\","
                        + "\"exitStateAction\":\"ABORT_SERVER\",\"certSubject\":\"/CN=dr-1\"});\n"),
                mutation("dba.getClusterSet().setPrimaryCluster(\"dr\", {\"timeout\":54});\n"),
                mutation("dba.getClusterSet().forcePrimaryCluster(\"dr\", "
                        + "{\"invalidateReplicaClusters\":[\"dr2\"]});\n"),
                mutation("dba.getCluster().fenceWrites();\n"),
                mutation("dba.getClusterSet().rejoinCluster(\"prd\");\n"),
                mutation("dba.getClusterSet().removeCluster(\"prd\", {\"timeout\":54});\n"),
                // The cluster's tag, not the ClusterSet's: ClusterSet.setOption('tag:...') stores nothing.
                mutation("dba.getCluster().setOption(\"tag:mysqlcs_primary_epoch\", 7);\n"));
        assertEquals(expected, shell.argvs);
        for (int i = 0; i < shell.argvs.size(); i++) {
            assertFalse(String.join(" ", shell.argvs.get(i)).contains(PASSWORD));
            assertEquals(PASSWORD + "\n", shell.stdins.get(i));
        }
    }

    @Test
    void refusesPasswordsThatOneStdinLineCannotCarry() {
        // utils_general.cc mysh_get_stdin_password: fgets into char[128], cut at the first CR or LF.
        String max = "é".repeat(63) + "x";
        assertEquals(127, max.getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
        Canned shell = new Canned(new ShellResult(0, "", ""));
        api(shell, max).fenceWrites(TARGET, Duration.ofSeconds(1));
        assertEquals(max + "\n", shell.stdins.get(0));
        for (String bad : List.of(max + "y", "first\nsecond", "pass\rword")) {
            Canned never = new Canned(new ShellResult(0, "", ""));
            AdminApiException e = assertThrows(
                    AdminApiException.CommandFailed.class,
                    () -> api(never, bad).fenceWrites(TARGET, Duration.ofSeconds(1)));
            assertEquals(List.of(), never.argvs, "nothing ran");
            assertFalse(e.getMessage().contains(bad), e.getMessage());
        }
    }

    @Test
    void userNamesAreEncodedInTheUri() {
        assertEquals("app%40ops%3Aadmin", AdminApi.encodeUser("app@ops:admin"));
        assertEquals("root", AdminApi.encodeUser("root"));
    }

    // ---------------------------------------------------------------- parsing

    @Test
    void parsesTheShellsExtendedClusterSetStatus() {
        ClusterSetStatus s = api(new Canned(
                        new ShellResult(0, JSON_PROMPT + raw(upstream("clusterset-status-extended1.json")), "")))
                .clusterSetStatus(TARGET);
        assertEquals("cs", s.domainName());
        assertEquals("cluster1", s.primaryCluster());
        assertEquals("HEALTHY", s.status());
        assertEquals(Optional.of("host:3301"), s.globalPrimaryInstance());
        assertEquals(
                List.of("cluster1", "cluster2", "cluster3"),
                List.copyOf(s.clusters().keySet()));
        ClusterSetStatus.Cluster c2 = s.cluster("cluster2").orElseThrow();
        assertEquals("REPLICA", c2.clusterRole());
        assertEquals("OK", c2.globalStatus());
        assertEquals("OK_NO_TOLERANCE", c2.status());
        assertEquals(Optional.of("OK"), c2.clusterSetReplicationStatus());
        assertEquals(Optional.of(""), c2.errantGtidSet());
        assertEquals(2, c2.topology().size());
        assertTrue(c2.hasInstanceOnHost("host"));
        assertTrue(s.primary().orElseThrow().isPrimary());
        assertTrue(s.primary().orElseThrow().online());
        assertEquals(List.of(), s.invalidatedClusters());
    }

    @Test
    void parsesThePlainStatusBetweenTheJsonModePromptAndWarnings() {
        // --json=raw: the prompt and every console message are one-key (or prompt) objects on stdout.
        String out = JSON_PROMPT + "{\"warning\":\"You are connected to an instance in state 'Read Only'\\n\"}\n"
                + raw(upstream("clusterset-status.json"));
        ClusterSetStatus s = api(new Canned(new ShellResult(0, out, ""))).clusterSetStatus(TARGET);
        assertEquals("cluster1", s.primaryCluster());
        assertEquals("OK", s.cluster("cluster3").orElseThrow().globalStatus());
        assertEquals(Optional.of("OK"), s.cluster("cluster3").orElseThrow().clusterSetReplicationStatus());
    }

    @Test
    void parsesAnInvalidatedOldPrimaryAsSeed000ShowsIt() {
        // Seed 000 after the forced failover (S1.7): the old primary is UNREACHABLE and INVALIDATED.
        String out = "{\"clusters\": {\"mycluster1\": {\"clusterErrors\": [\"ERROR: Could not connect to any ONLINE "
                + "members but there are unreachable instances that could still be ONLINE.\", \"WARNING: Cluster was "
                + "invalidated and must be either removed from the ClusterSet or rejoined\"], \"clusterRole\": "
                + "\"REPLICA\", \"clusterSetReplicationStatus\": \"UNKNOWN\", \"globalStatus\": \"INVALIDATED\", "
                + "\"status\": \"UNREACHABLE\", \"statusText\": \"Could not connect to any ONLINE members\"}, "
                + "\"mycluster2\": {\"clusterRole\": \"PRIMARY\", \"globalStatus\": \"OK\", \"primary\": "
                + "\"mycluster2-0.mycluster2-instances.clusterns2.svc.cluster.local:3306\"}}, \"domainName\": "
                + "\"mycluster1\", \"globalPrimaryInstance\": \"mycluster2-0.mycluster2-instances.clusterns2.svc"
                + ".cluster.local:3306\", \"primaryCluster\": \"mycluster2\", \"status\": \"AVAILABLE\", "
                + "\"statusText\": \"Primary Cluster available, there are issues with a Replica cluster.\"}";
        ClusterSetStatus s =
                api(new Canned(new ShellResult(0, JSON_PROMPT + raw(out), ""))).clusterSetStatus(TARGET);
        ClusterSetStatus.Cluster old = s.cluster("mycluster1").orElseThrow();
        assertTrue(old.invalidated());
        assertTrue(old.unreachable());
        assertEquals(2, old.clusterErrors().size());
        assertEquals(List.of("mycluster1"), s.invalidatedClusters());
        assertEquals("OK", s.cluster("mycluster2").orElseThrow().status(), "no status: the global one stands in");
    }

    static String clusterStatusTemplate() {
        return Upstream.read("mysql-shell/outputs/cluster-status.template.txt")
                .replace("<<<hostname>>>", "host")
                .replaceAll("<<<__mysql_sandbox_port(\\d)>>>", "330$1")
                .replaceAll("<<<\\(__version_num>=80011\\)[^>]*>>>", "\n                \"replicationLag\": null,")
                .replace("[[*]]", "8.4.3");
    }

    @Test
    void parsesTheShellsClusterStatus() {
        InnoDbClusterStatus c = api(new Canned(new ShellResult(0, JSON_PROMPT + raw(clusterStatusTemplate()), "")))
                .clusterStatus(TARGET);
        assertEquals("cluster", c.clusterName());
        assertTrue(c.online());
        assertEquals(3, c.onlineInstances());
        assertTrue(c.clusterRole().isEmpty());
    }

    @Test
    void readsTheEpochAsTheHighestClusterTagOfTheTargetsClusterSet() {
        Canned shell = new Canned(new ShellResult(
                0,
                PLAIN_PROMPT + "{\"clusters\": [{\"epoch\": 2, \"cluster\": "
                        + "\"prd\"}, {\"epoch\": 3, \"cluster\": \"dr\"}, {\"epoch\": null, \"cluster\": \"dr2\"}]}\n",
                ""));
        assertEquals(OptionalLong.of(3), api(shell).primaryEpoch(TARGET));
        assertEquals(
                script("print(session.runSql(" + AdminApi.q(AdminApi.EPOCH_SQL) + ").fetchOne()[0]);\n"),
                shell.argvs.get(0));
        assertTrue(AdminApi.EPOCH_SQL.contains("c.attributes->'$.tags.mysqlcs_primary_epoch'"), AdminApi.EPOCH_SQL);

        Canned untagged = new Canned(new ShellResult(
                0, PLAIN_PROMPT + "{\"clusters\": [{\"epoch\": null, " + "\"cluster\": \"prd\"}]}\n", ""));
        assertEquals(OptionalLong.empty(), api(untagged).primaryEpoch(TARGET));
        // A tag set from the Shell as a string ('tag:x', '4') is stored as a JSON string.
        assertEquals(
                Optional.of(OptionalLong.of(4)),
                AdminApi.epochOf(JsonParser.parseString("{\"clusters\": [{\"epoch\": \"4\", \"cluster\": \"prd\"}]}")
                        .getAsJsonObject()));

        Canned outside = new Canned(new ShellResult(0, PLAIN_PROMPT + "{\"clusters\": null}\n", ""));
        assertInstanceOf(
                AdminApiException.NotInClusterSet.class,
                assertThrows(AdminApiException.class, () -> api(outside).primaryEpoch(TARGET)));
    }

    @Test
    void findsJsonObjectsBetweenNoise() {
        var objects = ShellJson.objects("note {not json}\n{\"a\": \"}{\"}\ntrailing { \"b\": [1, {\"c\": 2}] }");
        assertEquals(2, objects.size());
        assertEquals("}{", objects.get(0).get("a").getAsString());
        assertTrue(ShellJson.isWrapper(
                JsonParser.parseString("{\"warning\": \"x\"}").getAsJsonObject()));
        assertEquals(
                List.of("first\n", "second\n"),
                ShellJson.messages(
                        JSON_PROMPT + "{\"error\":\"first\\n\"}\n" + "{\"info\":\"x\\n\"}\n{\"error\":\"second\\n\"}\n",
                        "error"));
    }

    // ---------------------------------------------------------------- errors

    record Case(String source, String stdout, String stderr, Class<? extends AdminApiException> type, String detail) {}

    /** A script's uncaught error on stderr. */
    static Case scriptError(String source, String line, Class<? extends AdminApiException> type) {
        return new Case(source, PLAIN_PROMPT, line + "\n", type, line);
    }

    /** The command-line form in --json mode: the bare message in an error object on stdout, no code. */
    static Case cliError(String source, String message, Class<? extends AdminApiException> type) {
        return new Case(
                source, JSON_PROMPT + "{\"error\":" + new Gson().toJson(message + "\n") + "}\n", "", type, message);
    }

    @Test
    void mapsTheShellsErrorsToTypedExceptions() {
        String s = "unittest/scripts/auto/";
        List<Case> cases = List.of(
                scriptError(
                        s
                                + "js_adminapi_clusterset/scripts/get_cluster_set.js:267 (type MYSQLSH, code from mod_dba.cc)",
                        "Dba.getClusterSet: Cluster is not part of a ClusterSet (MYSQLSH 51607)",
                        AdminApiException.NotInClusterSet.class),
                cliError(
                        s + "js_adminapi_clusterset/scripts/get_cluster_set.js:267",
                        "Cluster is not part of a ClusterSet",
                        AdminApiException.NotInClusterSet.class),
                scriptError(
                        s + "js_adminapi_clusterset/scripts/cluster_fencing_ops.js:108 (code from preconditions.cc)",
                        "Cluster.fenceWrites: This function is not available through a session to an instance that "
                                + "belongs to an InnoDB Cluster that is not a member of an InnoDB ClusterSet "
                                + "(MYSQLSH 51316)",
                        AdminApiException.NotInClusterSet.class),
                scriptError(
                        s + "js_adminapi_async/validation/get_replica_set.js:2",
                        "Dba.getCluster: This function is not available through a session to a standalone instance "
                                + "(MYSQLSH 51300)",
                        AdminApiException.NotACluster.class),
                cliError(
                        s + "js_adminapi_async/validation/get_replica_set.js:2",
                        "This function is not available through a session to a standalone instance",
                        AdminApiException.NotACluster.class),
                scriptError(
                        s + "js_adminapi/validation/reboot_force_quorum_on_old_md.js:2",
                        "Dba.upgradeMetadata: This function is not available through a session to a standalone "
                                + "instance (metadata exists, instance belongs to that metadata) (MYSQLSH 51314)",
                        // A registered member whose GR is stopped: that test reboots the cluster right after.
                        AdminApiException.ClusterDown.class),
                scriptError(
                        "preconditions.cc TargetType::StandaloneInMetadata (GR not active)",
                        "Dba.getCluster: This function is not available through a session to a standalone "
                                + "instance (metadata exists, instance belongs to that metadata, but GR is not active) "
                                + "(MYSQLSH 51314)",
                        AdminApiException.ClusterDown.class),
                new Case(
                        "the command-line form prints no code: the same text",
                        JSON_PROMPT + "{\"error\":\"This function is not available through a session to a standalone "
                                + "instance (metadata exists, instance belongs to that metadata, but GR is not "
                                + "active)\\n\"}\n",
                        "",
                        AdminApiException.ClusterDown.class,
                        "This function is not available through a session to a standalone instance (metadata exists, "
                                + "instance belongs to that metadata, but GR is not active)"),
                scriptError(
                        "preconditions.cc TargetType::StandaloneWithMetadata (a reverted clone)",
                        "Dba.getCluster: This function is not available through a session to a standalone "
                                + "instance (metadata exists, instance does not belong to that metadata, and GR is "
                                + "not active) (RuntimeError)",
                        AdminApiException.NotACluster.class),
                scriptError(
                        "preconditions.cc check_instance_configuration_preconditions, InnoDBClusterSetOffline",
                        "Dba.getCluster: This function is not available through a session to an InnoDB Cluster that "
                                + "belongs to an InnoDB ClusterSet but is not ONLINE (MYSQLSH 51314)",
                        // TargetType::InnoDBClusterSetOffline, the same SHERR_DBA_BADARG_INSTANCE_NOT_ONLINE: a
                        // ClusterSet member that is down, never "not a cluster".
                        AdminApiException.ClusterDown.class),
                cliError(
                        "the same, command-line form",
                        "This function is not available through a session to an InnoDB Cluster that belongs to an "
                                + "InnoDB ClusterSet but is not ONLINE",
                        AdminApiException.ClusterDown.class),
                scriptError(
                        s + "js_adminapi_clusterset/scripts/create_cluster_set.js:168 (code from preconditions.cc)",
                        "Cluster.createClusterSet: This function is not available through a session to an InnoDB "
                                + "Cluster that belongs to an InnoDB ClusterSet (MYSQLSH 51601)",
                        AdminApiException.AlreadyInClusterSet.class),
                scriptError(
                        s + "js_adminapi/scripts/dba_cluster_add_instance.js:157",
                        "Cluster.addInstance: The instance '" + HOST + ":3306' is already part of this InnoDB "
                                + "Cluster (RuntimeError)",
                        AdminApiException.AlreadyMember.class),
                scriptError(
                        s + "js_adminapi_clusterset/scripts/rejoin_cluster.js:352 (code from cluster_set_impl.cc)",
                        "ClusterSet.rejoinCluster: Errant transactions detected at host:3304 (MYSQLSH 51152)",
                        AdminApiException.ErrantTransactions.class),
                scriptError(
                        s + "js_adminapi_async/validation/set_primary_instance.js:173",
                        "ReplicaSet.setPrimaryInstance: Errant transactions at host:3303 (MYSQLSH 51152)",
                        AdminApiException.ErrantTransactions.class),
                scriptError(
                        s + "js_adminapi_clusterset/scripts/preconditions.js:74",
                        "Cluster.addInstance: The InnoDB Cluster is part of an InnoDB ClusterSet and its PRIMARY "
                                + "instance isn't available. Operation is not possible when in that state: Could not "
                                + "connect to any ONLINE member of Primary Cluster. (RuntimeError)",
                        AdminApiException.Unreachable.class),
                scriptError(
                        "cluster_impl.cc check_cluster_online",
                        "ClusterSet.rejoinCluster: Could not connect to any ONLINE member of Cluster 'prd' "
                                + "(MYSQLSH 51015)",
                        AdminApiException.Unreachable.class),
                new Case(
                        "main.cc: a failed --uri connection, printed with std::cerr in every mode",
                        JSON_PROMPT,
                        "MySQL Error 2003 (HY000): Can't connect to MySQL server on 'prd-0:3306' (110)\n",
                        AdminApiException.Unreachable.class,
                        "MySQL Error 2003 (HY000): Can't connect to MySQL server on 'prd-0:3306' (110)"),
                scriptError(
                        "errors.h CATCH_AND_THROW_CONNECTION_ERROR",
                        "ClusterSet.createReplicaCluster: Could not open connection to 'dr-0:3306': Can't connect to "
                                + "MySQL server on 'dr-0:3306' (110) (MySQL Error 2003)",
                        AdminApiException.Unreachable.class),
                scriptError(
                        s + "js_adminapi/validation/cluster_addinstance.js:97",
                        "Cluster.addInstance: Timeout waiting for server to restart (MYSQLSH 51156)",
                        AdminApiException.Timeout.class),
                scriptError(
                        s + "js_adminapi_clusterset/scripts/force_primary.js:36 (code from cluster_set_impl.cc)",
                        "ClusterSet.forcePrimaryCluster: PRIMARY cluster 'cluster1' is still available "
                                + "(MYSQLSH 51615)",
                        AdminApiException.CommandFailed.class),
                scriptError(
                        s + "js_adminapi/validation/cluster_addinstance.js:58",
                        "Cluster.addInstance: Invalid server_id. (MYSQLSH 51606)",
                        AdminApiException.CommandFailed.class),
                scriptError(
                        "common/instance_pool.cc: the operator's join_instance holds the cluster's lock",
                        "Cluster.addInstance: Failed to acquire lock on instance 'dr-0:3306' (MYSQLSH 51500)",
                        AdminApiException.Busy.class),
                cliError(
                        "the same, command-line form",
                        "Failed to acquire lock on instance 'dr-0:3306'",
                        AdminApiException.Busy.class),
                scriptError(
                        "a dissolved instance: the metadata schema is gone",
                        "ClassicSession.runSql: Table 'mysql_innodb_cluster_metadata.v2_cs_members' doesn't exist "
                                + "(MySQL Error 1146)",
                        AdminApiException.NotACluster.class),
                new Case(
                        "main.cc: a wrong password",
                        JSON_PROMPT,
                        "MySQL Error 1045 (28000): Access denied for user "
                                + "'root'@'10.0.0.1' (using password: YES)\n",
                        AdminApiException.CommandFailed.class,
                        "MySQL Error 1045 (28000): Access denied for user 'root'@'10.0.0.1' (using password: YES)"));
        for (Case c : cases) {
            AdminApiException e = assertThrows(
                    AdminApiException.class,
                    () -> api(new Canned(new ShellResult(1, c.stdout(), c.stderr())))
                            .fenceWrites(TARGET, Duration.ofSeconds(1)));
            assertInstanceOf(c.type(), e, c.source() + ": " + e.getMessage());
            assertTrue(
                    e.getMessage().startsWith("fenceWrites: " + c.detail() + " (on " + TARGET + ")"),
                    c.source() + ": " + e.getMessage());
        }
    }

    @Test
    void namesTheUncaughtErrorNotTheErrorLinesBeforeIt() {
        // Real sequence of a refused rejoin (cluster_set_impl.cc rejoin_cluster); the ERROR line is
        // unittest/scripts/auto/js_adminapi_clusterset/scripts/reboot_cluster_gtids.js:57 (tag 8.4.8).
        String stderr = "Rejoining cluster 'replica' to the clusterset\n"
                + "host:3304 has the following errant transactions not present at cluster: 3ad7b8e4-1:1\n"
                + "ERROR: Cluster 'replica' cannot be rejoined because it contains transactions that did not "
                + "originate from the primary of the clusterset.\n"
                + "ClusterSet.rejoinCluster: Errant transactions detected at host:3304 (MYSQLSH 51152)\n"
                + " at (command line):2:22\n";
        AdminApiException e = assertThrows(
                AdminApiException.ErrantTransactions.class,
                () -> api(new Canned(new ShellResult(1, PLAIN_PROMPT, stderr)))
                        .rejoinCluster(TARGET, "replica", Duration.ofSeconds(1)));
        assertTrue(
                e.getMessage()
                        .startsWith("rejoinCluster: ClusterSet.rejoinCluster: Errant transactions detected "
                                + "at host:3304 (MYSQLSH 51152) (on "),
                e.getMessage());
        assertEquals(java.util.OptionalInt.of(51152), AdminApi.errorCode(AdminApi.errorMessage(PLAIN_PROMPT, stderr)));
    }

    @Test
    void execFailuresAndTimeoutsBecomeUnreachableAndTimeout() {
        MySqlShell down = (pod, argv, stdin, timeout) -> {
            throw new MySqlShell.ShellUnavailableException("pods \"dr-0\" not found", null);
        };
        MySqlShell slow = (pod, argv, stdin, timeout) -> {
            throw new MySqlShell.ShellTimeoutException("exceeded");
        };
        AdminApiException e = assertThrows(
                AdminApiException.Unreachable.class, () -> api(down).clusterSetStatus(TARGET));
        assertTrue(e.getMessage().contains("cannot run mysqlsh in pod dr/mysql-dr/dr-0"), e.getMessage());
        AdminApiException t = assertThrows(
                AdminApiException.Timeout.class,
                () -> api(slow)
                        .addInstance(TARGET, "dr-1", AdminApi.MemberOptions.selfSigned(), Duration.ofSeconds(9)));
        assertTrue(t.guidance().contains("resumes where it stopped"));
    }

    @Test
    void neverRepeatsThePasswordFromShellOutput() {
        AdminApiException e = assertThrows(
                AdminApiException.class,
                () -> api(new Canned(new ShellResult(
                                1, "{\"error\":\"Access denied for 'root' with password " + PASSWORD + "\\n\"}\n", "")))
                        .fenceWrites(TARGET, Duration.ofSeconds(1)));
        assertFalse(e.getMessage().contains(PASSWORD), e.getMessage());
        assertTrue(e.getMessage().contains("****"));
        // In --json mode the Shell escapes quotes and backslashes; the message is read unescaped.
        String quoted = "pa\"ss\\word";
        AdminApiException j = assertThrows(
                AdminApiException.class,
                () -> api(
                                new Canned(new ShellResult(
                                        1, "{\"error\":" + new Gson().toJson("echo " + quoted + "\n") + "}\n", "")),
                                quoted)
                        .fenceWrites(TARGET, Duration.ofSeconds(1)));
        assertFalse(j.getMessage().contains(quoted), j.getMessage());
        assertTrue(j.getMessage().contains("echo ****"), j.getMessage());
    }
}
