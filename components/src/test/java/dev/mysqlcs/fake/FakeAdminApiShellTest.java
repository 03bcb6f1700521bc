package dev.mysqlcs.fake;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.mysqlcs.io.AdminApi;
import dev.mysqlcs.io.AdminApiException;
import dev.mysqlcs.io.Credentials;
import dev.mysqlcs.io.PodRef;
import dev.mysqlcs.io.ShellJson;
import dev.mysqlcs.io.ShellResult;
import dev.mysqlcs.model.Topology;
import dev.mysqlcs.testing.ConfigFixtures;
import dev.mysqlcs.testing.Upstream;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The fake Shell answers in the real Shell's shape and fails the way it does. */
class FakeAdminApiShellTest {

    static final String PW = "pw-for-the-fake";
    private final Topology t = ConfigFixtures.prod();
    private final FakeWorld w = new FakeWorld(t.clusterSet(), "root", PW);
    private final FakeAdminApiShell shell = new FakeAdminApiShell(w);
    private final AdminApi api = new AdminApi(shell, new Credentials("root", PW.toCharArray()), Duration.ofSeconds(5));

    private AdminApi.Target target(String member) {
        var m = t.clusterSet().member(member).orElseThrow();
        return new AdminApi.Target(new PodRef(m.kubeCluster(), m.namespace(), m.name() + "-0"),
                m.podFqdn(0, t.clusterSet().domain()));
    }

    private void createdAndJoined() {
        w.operatorCreates("prd").operatorCreates("dr");
        api.createClusterSet(target("prd"), "mycs", Duration.ofSeconds(5));
        api.dissolveCluster(target("dr"), Duration.ofSeconds(5));
        api.createReplicaCluster(new AdminApi.Target(target("dr").via(), target("prd").host()),
                target("dr").host(), "dr", Duration.ofSeconds(5));
        api.addInstance(target("dr"), "dr-1.dr-instances.mysql-dr.svc.cluster.local", Duration.ofSeconds(5));
    }

    private JsonObject rawStatus(String member) {
        char[] stdin = (PW + "\n").toCharArray();
        ShellResult r = shell.run(target(member).via(), List.of("mysqlsh", "--uri", "root@" + target(member).host()
                + ":3306", "--passwords-from-stdin", "--no-wizard", "--json=raw", "--", "clusterset", "status",
                "--extended=1"), stdin, Duration.ofSeconds(5));
        assertEquals(0, r.exitCode(), r.stderr());
        return ShellJson.objects(r.stdout()).get(0);
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
        assertEquals(keys(realReplica.getAsJsonObject("clusterSetReplication")),
                keys(fakeReplica.getAsJsonObject("clusterSetReplication")));
        JsonObject realInstance = realReplica.getAsJsonObject("topology").entrySet().iterator().next().getValue()
                .getAsJsonObject();
        JsonObject fakeInstance = fakeReplica.getAsJsonObject("topology").entrySet().iterator().next().getValue()
                .getAsJsonObject();
        assertEquals(keys(realInstance), keys(fakeInstance));
        assertEquals("OK_NO_TOLERANCE", fakeReplica.get("status").getAsString(), "2 of 3 instances");
    }

    @Test
    void clusterStatusHasTheKeysOfTheRealOne() {
        w.operatorCreates("prd");
        char[] stdin = (PW + "\n").toCharArray();
        ShellResult r = shell.run(target("prd").via(), List.of("mysqlsh", "--uri", "root@" + target("prd").host()
                + ":3306", "--passwords-from-stdin", "--no-wizard", "--json=raw", "--", "cluster", "status"), stdin,
                Duration.ofSeconds(5));
        JsonObject fake = ShellJson.lastResult(r.stdout(), o -> o.has("defaultReplicaSet")).orElseThrow();
        String template = Upstream.read("mysql-shell/outputs/cluster-status.template.txt")
                .replaceAll("<<<\\(__version_num>=80011\\)[^>]*>>>", "\n\"replicationLag\": null,")
                .replaceAll("<<<[^>]*>>>", "h").replace("[[*]]", "v");
        JsonObject real = JsonParser.parseString(template).getAsJsonObject();
        assertEquals(keys(real), keys(fake));
        assertEquals(keys(real.getAsJsonObject("defaultReplicaSet")), keys(fake.getAsJsonObject("defaultReplicaSet")));
    }

    @Test
    void failsLikeTheShell() {
        w.operatorCreates("prd").operatorCreates("dr");
        assertInstanceOf(AdminApiException.NotInClusterSet.class, assertThrows(AdminApiException.class,
                () -> api.clusterSetStatus(target("prd"))));
        api.createClusterSet(target("prd"), "mycs", Duration.ofSeconds(5));
        assertInstanceOf(AdminApiException.AlreadyInClusterSet.class, assertThrows(AdminApiException.class,
                () -> api.createClusterSet(target("prd"), "mycs", Duration.ofSeconds(5))));
        api.dissolveCluster(target("dr"), Duration.ofSeconds(5));
        assertInstanceOf(AdminApiException.NotACluster.class, assertThrows(AdminApiException.class,
                () -> api.clusterStatus(target("dr"))));
        w.isolate("prd", true);
        assertInstanceOf(AdminApiException.Unreachable.class, assertThrows(AdminApiException.class,
                () -> api.createReplicaCluster(new AdminApi.Target(target("dr").via(), target("prd").host()),
                        target("dr").host(), "dr", Duration.ofSeconds(5))));
        w.isolate("prd", false);
        w.failNext("createReplicaCluster", FakeWorld.Phase.AFTER);
        assertInstanceOf(AdminApiException.Timeout.class, assertThrows(AdminApiException.class,
                () -> api.createReplicaCluster(new AdminApi.Target(target("dr").via(), target("prd").host()),
                        target("dr").host(), "dr", Duration.ofSeconds(5))));
        assertTrue(w.clusterSetMembers().contains("dr"), "the timed-out call took effect");
        assertInstanceOf(AdminApiException.AlreadyMember.class, assertThrows(AdminApiException.class,
                () -> api.addInstance(target("dr"), target("dr").host(), Duration.ofSeconds(5))));
    }

    @Test
    void refusesRejoinWithErrantTransactions() {
        createdAndJoined();
        w.isolate("prd", true);
        w.write("prd", "split");
        api.forcePrimaryCluster(target("dr"), "dr", Duration.ofSeconds(5));
        w.isolate("prd", false);
        assertInstanceOf(AdminApiException.ErrantTransactions.class, assertThrows(AdminApiException.class,
                () -> api.rejoinCluster(new AdminApi.Target(target("prd").via(), target("dr").host()), "prd",
                        Duration.ofSeconds(5))));
    }

    @Test
    void rejectsAWrongPassword() {
        w.operatorCreates("prd");
        AdminApi wrong = new AdminApi(shell, new Credentials("root", "nope".toCharArray()), Duration.ofSeconds(5));
        AdminApiException e = assertThrows(AdminApiException.class, () -> wrong.clusterStatus(target("prd")));
        assertTrue(e.getMessage().contains("Access denied"), e.getMessage());
    }
}
