package dev.mysqlcs.provider;

import dev.mysqlcs.model.Member;
import dev.mysqlcs.model.Topology;
import dev.mysqlcs.plan.Observation.RouterState;
import dev.mysqlcs.plan.Observation.SecretsState;
import dev.mysqlcs.testing.ConfigFixtures;
import dev.mysqlcs.testing.Upstream;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Kubernetes side against fabric8's mock API server in CRUD mode. */
class Fabric8KubeActionsTest {

    static {
        java.util.logging.Logger.getLogger("io.fabric8.mockwebserver").setLevel(java.util.logging.Level.WARNING);
        java.util.logging.Logger.getLogger("io.fabric8.mockwebserver.MockWebServer")
                .setLevel(java.util.logging.Level.WARNING);
    }

    private final Topology t = ConfigFixtures.enterpriseExample();
    private final KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(),
            new HashMap<>(), new KubernetesCrudDispatcher(List.of(new CustomResourceDefinitionContext.Builder()
            .withGroup("mysql.oracle.com").withVersion("v2").withKind("MySQLClusterSetFailover")
            .withPlural("mysqlclustersetfailovers").withScope("Namespaced").build())), false);
    private final KubernetesClient client;
    private final Fabric8KubeActions kube;
    private final List<String> log = Collections.synchronizedList(new ArrayList<>());
    private final ProgressLog progress = new ProgressLog() {
        @Override
        public void info(String message) {
            log.add(message);
        }

        @Override
        public void warn(String message) {
            log.add("WARN " + message);
        }
    };

    Fabric8KubeActionsTest() {
        server.init();
        client = server.createClient();
        kube = new Fabric8KubeActions(name -> client);
    }

    @AfterEach
    void close() {
        client.close();
        server.destroy();
    }

    private Member member(String name) {
        return t.clusterSet().member(name).orElseThrow();
    }

    private void secret(Member m, String suffix, Map<String, String> data) {
        client.secrets().inNamespace(m.namespace()).resource(new SecretBuilder().withNewMetadata()
                .withName(m.name() + suffix).endMetadata().withData(data).build()).create();
    }

    @Test
    void copiesTheAccountSecretsOfThePrimaryIntoTheReplica() {
        Member p = member("mycluster1");
        Member r = member("mycluster2");
        secret(p, "-privsecrets", Map.of("clusterAdminUsername", "bXlzcWxhZG1pbg==", "clusterAdminPassword", "UA=="));
        secret(p, "-router", Map.of("routerUsername", "cg==", "routerPassword", "Ug=="));
        secret(p, "-backup", Map.of("backupUsername", "Yg==", "backupPassword", "Qg=="));
        secret(r, "-privsecrets", Map.of("clusterAdminUsername", "bXlzcWxhZG1pbg==", "clusterAdminPassword", "eA==",
                "unrelated", "a2VlcA=="));
        secret(r, "-router", Map.of("routerUsername", "cg==", "routerPassword", "eQ=="));
        secret(r, "-backup", Map.of("backupUsername", "Yg==", "backupPassword", "eg=="));
        assertEquals(SecretsState.DIFFERENT, kube.secretsState(p, r));

        kube.copyCredentials(p, r);
        assertEquals(SecretsState.IN_SYNC, kube.secretsState(p, r));
        var priv = client.secrets().inNamespace(r.namespace()).withName("mycluster2-privsecrets").get().getData();
        assertEquals("UA==", priv.get("clusterAdminPassword"));
        assertEquals("a2VlcA==", priv.get("unrelated"), "other keys stay");
        assertEquals("Qg==", client.secrets().inNamespace(r.namespace()).withName("mycluster2-backup").get().getData()
                .get("backupPassword"));
    }

    @Test
    void refusesToInventASecretTheOperatorHasNotCreated() {
        Member p = member("mycluster1");
        Member r = member("mycluster2");
        secret(p, "-privsecrets", Map.of("clusterAdminPassword", "UA=="));
        var e = assertThrows(KubeActions.KubeUnavailableException.class, () -> kube.copyCredentials(p, r));
        assertTrue(e.getMessage().contains("mycluster2-privsecrets does not exist"), e.getMessage());
    }

    private void router(Member m, int replicas, boolean rolledOut) {
        client.apps().deployments().inNamespace(m.namespace()).resource(new DeploymentBuilder().withNewMetadata()
                .withName(m.name() + "-router").withGeneration(1L).endMetadata().withNewSpec().withReplicas(replicas)
                .withNewTemplate().withNewMetadata().endMetadata().endTemplate().endSpec().withNewStatus()
                .withObservedGeneration(1L).withReplicas(replicas).withUpdatedReplicas(rolledOut ? replicas : 0)
                .withAvailableReplicas(rolledOut ? replicas : 0).endStatus().build()).create();
    }

    @Test
    void routerRestartRecordsTheClusterSetAndWaitsUntilTheRolloutIsDone() throws Exception {
        Member m = member("mycluster1");
        router(m, 2, true);
        assertEquals(RouterState.PENDING, kube.routerState(m, "mycs"));
        AtomicLong rolledOutAt = new AtomicLong();
        Thread controller = new Thread(() -> {
            try {
                // The API server bumped the generation on the template change; the controller catches up later.
                while (client.apps().deployments().inNamespace(m.namespace()).withName("mycluster1-router").get()
                        .getMetadata().getGeneration() < 2) {
                    Thread.sleep(10);
                }
                Thread.sleep(300);
                rolledOutAt.set(System.nanoTime());
                client.apps().deployments().inNamespace(m.namespace()).withName("mycluster1-router").editStatus(d -> {
                    d.getStatus().setObservedGeneration(d.getMetadata().getGeneration());
                    return d;
                });
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        controller.start();
        kube.restartRouter(m, "mycs", Duration.ofSeconds(20), progress, new Cancellation());
        long returnedAt = System.nanoTime();
        controller.join();
        assertTrue(rolledOutAt.get() > 0 && returnedAt >= rolledOutAt.get(), "returned only after the rollout");
        var ann = client.apps().deployments().inNamespace(m.namespace()).withName("mycluster1-router").get().getSpec()
                .getTemplate().getMetadata().getAnnotations();
        assertEquals("mycs", ann.get(Fabric8KubeActions.RESTARTED_FOR));
        assertNotNull(ann.get(Fabric8KubeActions.RESTARTED_AT));
        assertEquals(RouterState.DONE, kube.routerState(m, "mycs"));
        assertTrue(log.stream().anyMatch(l -> l.startsWith("waiting for the rollout of Deployment clusterns1/"
                + "mycluster1-router")), log.toString());
    }

    @Test
    void aRolloutThatNeverCompletesTimesOut() {
        Member m = member("mycluster1");
        router(m, 1, false);
        var e = assertThrows(Poll.WaitTimeoutException.class, () -> kube.restartRouter(m, "mycs",
                Duration.ofMillis(700), progress, new Cancellation()));
        assertTrue(e.getMessage().contains("the rollout of Deployment clusterns1/mycluster1-router"));
    }

    @Test
    void aCancelledWaitStopsAtTheNextPoll() {
        Member m = member("mycluster1");
        router(m, 1, false);
        Cancellation c = new Cancellation();
        c.cancel();
        assertThrows(Cancellation.CancelledException.class, () -> kube.restartRouter(m, "mycs",
                Duration.ofSeconds(30), progress, c));
    }

    @Test
    void joinRecordIsWrittenReadAndCleared() {
        Member m = member("mycluster2");
        assertTrue(kube.joinMark(m).isEmpty());
        kube.setJoinMark(m, "mycs");
        kube.setJoinMark(m, "mycs");
        assertEquals(java.util.Optional.of("mycs"), kube.joinMark(m));
        kube.clearJoinMark(m);
        assertTrue(kube.joinMark(m).isEmpty());
        kube.clearJoinMark(m);
    }

    /** Seed 000 with a member whose Kubernetes name has dashes: its MySQL cluster name is {@code dr_site_2}. */
    private final Topology dashed = ConfigFixtures.topology(ConfigFixtures.shipped(
            "src/examples/Pulumi.single-cluster-enterprise.yaml").replace("mycluster2", "dr-site-2"));

    /** The Enterprise operator's side of a failover: its Event on the target InnoDBCluster, then its Job. */
    private void operatorRuns(Member target, String name, boolean succeeds) {
        client.v1().events().inNamespace(target.namespace()).resource(new EventBuilder().withNewMetadata()
                .withName(target.name() + ".failover").endMetadata().withReason(Fabric8KubeActions.FAILOVER_TAKEN_UP)
                .withMessage("Switching over to " + target.namespace() + "/" + target.name() + " from mycluster1")
                .withNewInvolvedObject().withKind("InnoDBCluster").withApiVersion("mysql.oracle.com/v2")
                .withName(target.name()).withNamespace(target.namespace()).endInvolvedObject().build()).create();
        client.batch().v1().jobs().inNamespace(target.namespace()).resource(new JobBuilder().withNewMetadata()
                .withName(name).endMetadata().withNewStatus().withSucceeded(succeeds ? 1 : 0)
                .withFailed(succeeds ? 0 : 1).endStatus().build()).create();
    }

    private Thread operator(Member target, String name, boolean succeeds) {
        Thread t = new Thread(() -> {
            try {
                var crs = client.genericKubernetesResources(Fabric8KubeActions.FAILOVER).inNamespace(target.namespace());
                while (crs.withName(name).get() == null) {
                    Thread.sleep(10);
                }
                operatorRuns(target, name, succeeds);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        t.start();
        return t;
    }

    @Test
    void operatorFailoverNamesTheInnoDbClusterByItsKubernetesNameAndWaitsForItsJob() throws Exception {
        Member target = dashed.clusterSet().member("dr-site-2").orElseThrow();
        assertEquals("dr_site_2", target.mysqlClusterName());
        String name = Fabric8KubeActions.failoverName(target, 1, true);
        assertEquals("mysqlcs-dr-site-2-epoch1-failover", name);
        Thread operator = operator(target, name, true);
        String status = kube.runOperatorFailover(target, true, name, Duration.ofSeconds(20), progress,
                new Cancellation());
        operator.join();
        assertEquals("Job clusterns2/" + name + " succeeded", status);
        GenericKubernetesResource cr = client.genericKubernetesResources(Fabric8KubeActions.FAILOVER)
                .inNamespace("clusterns2").withName(name).get();
        // clusterset_failover_main.py: InnoDBCluster.read(args.namespace, args.cluster_name), a GET by that name.
        assertEquals(Map.of("clusterName", "dr-site-2", "force", true), cr.getAdditionalProperties().get("spec"));
        Map<String, Object> whole = Map.of("apiVersion", cr.getApiVersion(), "kind", cr.getKind(), "metadata",
                Map.of("name", name, "namespace", "clusterns2"), "spec", cr.getAdditionalProperties().get("spec"));
        assertEquals(List.of(), Upstream.validateCustomResource(Upstream.CRDS_2_2_8, whole));
        assertTrue(log.stream().anyMatch(l -> l.equals("the operator took up MySQLClusterSetFailover clusterns2/"
                + name + ": Switching over to clusterns2/dr-site-2 from mycluster1")), log.toString());

        // A second run follows the same resource instead of creating another.
        assertEquals("Job clusterns2/" + name + " succeeded", kube.runOperatorFailover(target, true, name,
                Duration.ofSeconds(5), progress, new Cancellation()));
        assertTrue(log.stream().anyMatch(l -> l.contains("exists from an earlier run")));
    }

    @Test
    void aSwitchoverAndAForcedFailoverAtOneEpochAreDistinctResources() {
        Member m = member("mycluster2");
        assertEquals("mysqlcs-mycluster2-epoch3-switchover", Fabric8KubeActions.failoverName(m, 3, false));
        assertEquals("mysqlcs-mycluster2-epoch3-failover", Fabric8KubeActions.failoverName(m, 3, true));
        Member longName = ConfigFixtures.topology(ConfigFixtures.shipped(
                "src/examples/Pulumi.single-cluster-enterprise.yaml").replace("mycluster2",
                "abcdefghij-abcdefghij-abcdefghij-abcdefg")).clusterSet()
                .member("abcdefghij-abcdefghij-abcdefghij-abcdefg").orElseThrow();
        String n = Fabric8KubeActions.failoverName(longName, 12, true);
        assertTrue(n.length() <= 63 && n.endsWith("-epoch12-failover") && !n.contains("--"), n);
    }

    @Test
    void anExistingResourceForAnotherFailoverIsNotFollowed() {
        Member target = member("mycluster2");
        String name = Fabric8KubeActions.failoverName(target, 1, true);
        client.genericKubernetesResources(Fabric8KubeActions.FAILOVER).inNamespace("clusterns2").resource(
                new io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder()
                        .withApiVersion("mysql.oracle.com/v2").withKind("MySQLClusterSetFailover").withNewMetadata()
                        .withName(name).endMetadata().addToAdditionalProperties("spec",
                                Map.of("clusterName", "mycluster2", "force", false)).build()).create();
        var e = assertThrows(KubeActions.FailoverFailedException.class, () -> kube.runOperatorFailover(target, true,
                name, Duration.ofSeconds(5), progress, new Cancellation()));
        assertTrue(e.getMessage().contains("exists with {clusterName: mycluster2, force: false}, not this step's "
                + "{clusterName: mycluster2, force: true}"), e.getMessage());
    }

    @Test
    void aFailedOperatorJobIsReportedWithWhatToDo() throws Exception {
        Member target = member("mycluster2");
        String name = Fabric8KubeActions.failoverName(target, 1, false);
        Thread operator = operator(target, name, false);
        var e = assertThrows(KubeActions.FailoverFailedException.class, () -> kube.runOperatorFailover(target,
                false, name, Duration.ofSeconds(20), progress, new Cancellation()));
        operator.join();
        assertTrue(e.getMessage().contains("the operator's failover Job clusterns2/" + name + " failed"),
                e.getMessage());
        assertTrue(e.getMessage().contains("kubectl -n clusterns2 delete mfo,job " + name), e.getMessage());
    }

    @Test
    void aJobLeftFromAnEarlierFailoverIsNotTakenForThisOne() {
        Member target = member("mycluster2");
        String name = Fabric8KubeActions.failoverName(target, 2, false);
        client.batch().v1().jobs().inNamespace("clusterns2").resource(new JobBuilder().withNewMetadata()
                .withName(name).endMetadata().withNewStatus().withSucceeded(1).endStatus().build()).create();
        var e = assertThrows(KubeActions.FailoverFailedException.class, () -> kube.runOperatorFailover(target,
                false, name, Duration.ofSeconds(5), progress, new Cancellation()));
        assertTrue(e.getMessage().contains("a Job clusterns2/" + name + " exists from an earlier failover"),
                e.getMessage());
        assertTrue(client.genericKubernetesResources(Fabric8KubeActions.FAILOVER).inNamespace("clusterns2")
                .withName(name).get() == null, "nothing created");
    }

    @Test
    void anOperatorThatNeverTakesItUpIsNamedInTheTimeout() {
        Member target = member("mycluster2");
        String name = Fabric8KubeActions.failoverName(target, 1, false);
        var e = assertThrows(Poll.WaitTimeoutException.class, () -> kube.runOperatorFailover(target, false, name,
                Duration.ofMillis(600), progress, new Cancellation()));
        assertTrue(e.getMessage().contains("the operator has not taken it up (no Event FailOverObjectCreated on "
                + "InnoDBCluster clusterns2/mycluster2"), e.getMessage());
        assertTrue(e.getMessage().contains("only the Enterprise edition of the MySQL Operator"), e.getMessage());
    }
}
