package dev.mysqlcs.io;

import com.google.gson.JsonParser;
import dev.mysqlcs.model.ClusterSetStatus;
import dev.mysqlcs.model.InnoDbClusterStatus;
import dev.mysqlcs.testing.Upstream;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** mysqlsh command lines, the Shell's real JSON outputs (shared/upstream) and its error texts. */
class AdminApiTest {

    static final String PASSWORD = "s3cr3t:@/pw";
    static final PodRef POD = new PodRef("dr", "mysql-dr", "dr-0");
    static final AdminApi.Target TARGET = new AdminApi.Target(POD, "dr-0.dr-instances.mysql-dr.svc.cluster.local");

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
        return new AdminApi(shell, new Credentials("root", PASSWORD.toCharArray()), Duration.ofSeconds(30));
    }

    /** The Shell test expectations with their placeholders filled in. */
    static String upstream(String file) {
        return Upstream.read("mysql-shell/outputs/" + file)
                .replace("<<<hostname>>>", "host")
                .replaceAll("<<<__mysql_sandbox_port(\\d)>>>", "330$1")
                .replaceAll("<<<__address(\\d)h>>>", "host:330$1")
                .replace("[[*]]", "8.4.3");
    }

    @Test
    void statusUsesTheCommandLineFormWithThePasswordOnStdinOnly() {
        Canned shell = new Canned(new ShellResult(0, upstream("clusterset-status-extended1.json"), ""));
        api(shell).clusterSetStatus(TARGET);
        assertEquals(List.of("mysqlsh", "--uri", "root@dr-0.dr-instances.mysql-dr.svc.cluster.local:3306",
                "--passwords-from-stdin", "--no-wizard", "--json=raw", "--", "clusterset", "status", "--extended=1"),
                shell.argvs.get(0));
        assertEquals((PASSWORD + "\n").repeat(AdminApi.PASSWORD_LINES), shell.stdins.get(0));
    }

    @Test
    void mutationsRunAsJavaScriptWithQuotedArgumentsAndNoPasswordInArgv() {
        Canned shell = new Canned(new ShellResult(0, "ok", ""));
        AdminApi api = api(shell);
        api.createClusterSet(TARGET, "my'cs", Duration.ofMinutes(1));
        api.createReplicaCluster(TARGET, "dr-0.dr-instances.mysql-dr.svc.cluster.local", "dr", Duration.ofMinutes(1));
        api.setPrimaryEpoch(TARGET, 7, Duration.ofMinutes(1));
        assertEquals(List.of("--js", "-e", "dba.getCluster().createClusterSet(\"my'cs\");\n"),
                shell.argvs.get(0).subList(5, 8));
        assertEquals("dba.getClusterSet().createReplicaCluster(\"root@dr-0.dr-instances.mysql-dr.svc.cluster.local:3306\""
                + ", \"dr\", {recoveryMethod: 'clone'});\n", shell.argvs.get(1).get(7));
        assertEquals("dba.getClusterSet().setOption(\"tag:mysqlcs_primary_epoch\", 7);\n", shell.argvs.get(2).get(7));
        for (List<String> argv : shell.argvs) {
            assertFalse(String.join(" ", argv).contains(PASSWORD));
        }
    }

    @Test
    void userNamesAreEncodedInTheUri() {
        assertEquals("app%40ops%3Aadmin", AdminApi.encodeUser("app@ops:admin"));
        assertEquals("root", AdminApi.encodeUser("root"));
    }

    @Test
    void parsesTheShellsExtendedClusterSetStatus() {
        ClusterSetStatus s = api(new Canned(new ShellResult(0, upstream("clusterset-status-extended1.json"), "")))
                .clusterSetStatus(TARGET);
        assertEquals("cs", s.domainName());
        assertEquals("cluster1", s.primaryCluster());
        assertEquals("HEALTHY", s.status());
        assertEquals(java.util.Optional.of("host:3301"), s.globalPrimaryInstance());
        assertEquals(List.of("cluster1", "cluster2", "cluster3"), List.copyOf(s.clusters().keySet()));
        ClusterSetStatus.Cluster c2 = s.cluster("cluster2").orElseThrow();
        assertEquals("REPLICA", c2.clusterRole());
        assertEquals("OK", c2.globalStatus());
        assertEquals("OK_NO_TOLERANCE", c2.status());
        assertEquals(java.util.Optional.of("OK"), c2.clusterSetReplicationStatus());
        assertEquals(java.util.Optional.of(""), c2.errantGtidSet());
        assertEquals(2, c2.topology().size());
        assertTrue(c2.hasInstanceOnHost("host"));
        assertTrue(s.primary().orElseThrow().isPrimary());
        assertTrue(s.primary().orElseThrow().online());
        assertEquals(List.of(), s.invalidatedClusters());
    }

    @Test
    void parsesThePlainStatusAndIgnoresWarningLinesAroundIt() {
        String out = "WARNING: Using a password on the command line interface can be insecure.\n"
                + "{\"warning\": \"You are connected to an instance in state 'Read Only'\"}\n"
                + upstream("clusterset-status.json") + "\n";
        ClusterSetStatus s = api(new Canned(new ShellResult(0, out, ""))).clusterSetStatus(TARGET);
        assertEquals("cluster1", s.primaryCluster());
        assertEquals("OK", s.cluster("cluster3").orElseThrow().globalStatus());
        assertEquals(java.util.Optional.of("OK"), s.cluster("cluster3").orElseThrow().clusterSetReplicationStatus());
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
        ClusterSetStatus s = api(new Canned(new ShellResult(0, out, ""))).clusterSetStatus(TARGET);
        ClusterSetStatus.Cluster old = s.cluster("mycluster1").orElseThrow();
        assertTrue(old.invalidated());
        assertTrue(old.unreachable());
        assertEquals(2, old.clusterErrors().size());
        assertEquals(List.of("mycluster1"), s.invalidatedClusters());
        assertEquals("OK", s.cluster("mycluster2").orElseThrow().status(), "no status: the global one stands in");
    }

    @Test
    void parsesTheShellsClusterStatus() {
        String template = Upstream.read("mysql-shell/outputs/cluster-status.template.txt")
                .replace("<<<hostname>>>", "host").replaceAll("<<<__mysql_sandbox_port(\\d)>>>", "330$1")
                .replaceAll("<<<\\(__version_num>=80011\\)[^>]*>>>", "\n                \"replicationLag\": null,")
                .replace("[[*]]", "8.4.3");
        InnoDbClusterStatus c = api(new Canned(new ShellResult(0, template, ""))).clusterStatus(TARGET);
        assertEquals("cluster", c.clusterName());
        assertTrue(c.online());
        assertEquals(3, c.onlineInstances());
        assertTrue(c.clusterRole().isEmpty());
    }

    @Test
    void readsTheRecordedEpochWhereverTheShellKeepsTheTag() {
        assertEquals(OptionalLong.of(3), AdminApi.findEpoch(JsonParser.parseString(
                "{\"attributes\": {\"tags\": {\"mysqlcs_primary_epoch\": 3}}}")));
        assertEquals(OptionalLong.of(5), AdminApi.findEpoch(JsonParser.parseString(
                "{\"clusterSet\": {\"tags\": {\".global\": [{\"option\": \"mysqlcs_primary_epoch\", \"value\": \"5\"}]}}}")));
        assertEquals(OptionalLong.empty(), AdminApi.findEpoch(JsonParser.parseString("{\"attributes\": {}}")));
        Canned shell = new Canned(new ShellResult(0, "{\"clusterSetMetadata\": \"{\\\"attributes\\\": {\\\"tags\\\": "
                + "{\\\"mysqlcs_primary_epoch\\\": 2}}}\"}", ""));
        assertEquals(OptionalLong.of(2), api(shell).primaryEpoch(TARGET));
        Canned none = new Canned(new ShellResult(0, "{\"clusterSetMetadata\": null}", ""));
        assertInstanceOf(AdminApiException.NotInClusterSet.class, assertThrows(AdminApiException.class,
                () -> api(none).primaryEpoch(TARGET)));
    }

    @Test
    void mapsTheShellsErrorsToTypedExceptions() {
        record Case(String stderr, Class<? extends AdminApiException> type) {
        }
        List<Case> cases = List.of(
                new Case("Dba.getClusterSet: Cluster is not part of a ClusterSet (MYSQLSH 51314)",
                        AdminApiException.NotInClusterSet.class),
                new Case("Dba.getCluster: This function is not available through a session to a standalone instance "
                        + "(metadata exists, instance belongs to that metadata, but GR is not active)",
                        AdminApiException.NotACluster.class),
                new Case("Cluster.createClusterSet: This function is not available through a session to an InnoDB "
                        + "Cluster that belongs to an InnoDB ClusterSet", AdminApiException.AlreadyInClusterSet.class),
                new Case("Cluster.addInstance: The instance 'x:3306' is already part of this InnoDB cluster",
                        AdminApiException.AlreadyMember.class),
                new Case("ClusterSet.rejoinCluster: The Cluster 'prd' has errant transactions that are not present "
                        + "in the PRIMARY cluster", AdminApiException.ErrantTransactions.class),
                new Case("MySQL Error 2003 (HY000): Can't connect to MySQL server on 'prd-0:3306' (110)",
                        AdminApiException.Unreachable.class),
                new Case("ClusterSet.setPrimaryCluster: The PRIMARY cluster 'prd' could not be reached",
                        AdminApiException.Unreachable.class),
                new Case("Cluster.addInstance: Timeout waiting for the instance to rejoin",
                        AdminApiException.Timeout.class),
                new Case("SyntaxError: Unexpected identifier", AdminApiException.CommandFailed.class));
        for (Case c : cases) {
            AdminApiException e = assertThrows(AdminApiException.class,
                    () -> api(new Canned(new ShellResult(1, "", c.stderr()))).fenceWrites(TARGET, Duration.ofSeconds(1)));
            assertInstanceOf(c.type(), e, c.stderr());
            assertTrue(e.getMessage().startsWith("fenceWrites: "), e.getMessage());
        }
    }

    @Test
    void execFailuresAndTimeoutsBecomeUnreachableAndTimeout() {
        MySqlShell down = (pod, argv, stdin, timeout) -> {
            throw new MySqlShell.ShellUnavailableException("pods \"dr-0\" not found", null);
        };
        MySqlShell slow = (pod, argv, stdin, timeout) -> {
            throw new MySqlShell.ShellTimeoutException("exceeded");
        };
        AdminApiException e = assertThrows(AdminApiException.Unreachable.class, () -> api(down).clusterSetStatus(TARGET));
        assertTrue(e.getMessage().contains("cannot run mysqlsh in pod dr/mysql-dr/dr-0"), e.getMessage());
        AdminApiException t = assertThrows(AdminApiException.Timeout.class,
                () -> api(slow).addInstance(TARGET, "dr-1", Duration.ofSeconds(9)));
        assertTrue(t.guidance().contains("resumes where it stopped"));
    }

    @Test
    void neverRepeatsThePasswordFromShellOutput() {
        AdminApiException e = assertThrows(AdminApiException.class, () -> api(new Canned(new ShellResult(1, "",
                "ERROR: Access denied for 'root' with password " + PASSWORD))).fenceWrites(TARGET, Duration.ofSeconds(1)));
        assertFalse(e.getMessage().contains(PASSWORD), e.getMessage());
        assertTrue(e.getMessage().contains("****"));
    }

    @Test
    void findsJsonObjectsBetweenNoise() {
        var objects = ShellJson.objects("note {not json}\n{\"a\": \"}{\"}\ntrailing { \"b\": [1, {\"c\": 2}] }");
        assertEquals(2, objects.size());
        assertEquals("}{", objects.get(0).get("a").getAsString());
        assertTrue(ShellJson.isWrapper(JsonParser.parseString("{\"warning\": \"x\"}").getAsJsonObject()));
    }
}
