package dev.mysqlcs.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mysqlcs.model.Member;
import dev.mysqlcs.model.Topology;
import dev.mysqlcs.plan.Observation;
import dev.mysqlcs.plan.Observation.RouterState;
import dev.mysqlcs.plan.Observation.SecretsState;
import dev.mysqlcs.testing.ConfigFixtures;
import dev.mysqlcs.testing.KubeApiServer;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@link Fabric8KubeActions} against a real kube-apiserver 1.20.2 with the MySQL Operator's real CRDs
 * ({@link KubeApiServer}): the secrets copy (S2.15), router restarts, the join journal, the Enterprise
 * MySQLClusterSetFailover and reading InnoDBClusters and pods. The server validates, defaults, prunes, versions and
 * keeps status subresources apart; nothing reconciles, so each test plays the controllers' parts (the Deployment
 * controller, the kubelet, the MySQL Operator) by writing what they write, through the status subresource where
 * they do.
 *
 * <p>Seed 000's topology, each test in namespaces of its own ({@code t<N>-clusterns<i>}) on the shared server.
 */
@Tag("slow")
class Fabric8KubeActionsIT {

    private static final AtomicInteger TESTS = new AtomicInteger();
    private static KubeApiServer server;
    private static KubernetesClient client;

    private Topology t;
    private Fabric8KubeActions kube;
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

    @BeforeAll
    static void realApiServer() {
        server = KubeApiServer.shared();
        client = server.client();
    }

    @AfterAll
    static void closeClient() {
        client.close();
    }

    @BeforeEach
    void ownNamespaces() {
        t = ConfigFixtures.topology(
                EnterpriseOperatorOnRealApiServer.seed000("t" + TESTS.incrementAndGet() + "-clusterns"));
        EnterpriseOperatorOnRealApiServer.namespaces(client, t);
        kube = new Fabric8KubeActions(name -> client);
    }

    private Member member(String name) {
        return t.clusterSet().member(name).orElseThrow();
    }

    // ------------------------------------------------------------------ secrets (S2.15)

    private void secret(Member m, String suffix, Map<String, String> data) {
        client.secrets()
                .inNamespace(m.namespace())
                .resource(new SecretBuilder()
                        .withNewMetadata()
                        .withName(m.name() + suffix)
                        .endMetadata()
                        .withType("Opaque")
                        .withData(data)
                        .build())
                .create();
    }

    @Test
    void copiesTheAccountSecretsOfThePrimaryIntoTheReplica() {
        Member p = member("mycluster1");
        Member r = member("dr-site-2");
        secret(p, "-privsecrets", Map.of("clusterAdminUsername", "bXlzcWxhZG1pbg==", "clusterAdminPassword", "UA=="));
        secret(p, "-router", Map.of("routerUsername", "cg==", "routerPassword", "Ug=="));
        secret(
                r,
                "-privsecrets",
                Map.of(
                        "clusterAdminUsername",
                        "bXlzcWxhZG1pbg==",
                        "clusterAdminPassword",
                        "eA==",
                        "unrelated",
                        "a2VlcA=="));
        secret(r, "-router", Map.of("routerUsername", "cg==", "routerPassword", "eQ=="));
        assertEquals(SecretsState.UNKNOWN, kube.secretsState(p, r), "both -backup Secrets are missing");
        assertEquals(
                List.of(
                        new Observation.MissingSecret(
                                "mycluster1", p.namespace(), "mycluster1-backup", p.kubeCluster()),
                        new Observation.MissingSecret("dr-site-2", r.namespace(), "dr-site-2-backup", r.kubeCluster())),
                kube.missingSecrets(p, r));
        var e = assertThrows(KubeActions.KubeUnavailableException.class, () -> kube.copyCredentials(p, r));
        assertTrue(
                e.getMessage()
                        .contains("Secret " + p.namespace() + "/mycluster1-backup of the primary does not " + "exist"),
                e.getMessage());
        assertEquals(
                "eA==",
                client.secrets()
                        .inNamespace(r.namespace())
                        .withName("dr-site-2-privsecrets")
                        .get()
                        .getData()
                        .get("clusterAdminPassword"),
                "a failed copy changed no Secret");

        // Only the replica's own is missing: the copy creates it with the primary's accounts (review point 11).
        secret(p, "-backup", Map.of("backupUsername", "Yg==", "backupPassword", "Qg=="));
        assertEquals(SecretsState.UNKNOWN, kube.secretsState(p, r));
        assertEquals(
                List.of(new Observation.MissingSecret("dr-site-2", r.namespace(), "dr-site-2-backup", r.kubeCluster())),
                kube.missingSecrets(p, r));
        String before = client.secrets()
                .inNamespace(r.namespace())
                .withName("dr-site-2-privsecrets")
                .get()
                .getMetadata()
                .getResourceVersion();
        kube.copyCredentials(p, r);
        assertEquals(SecretsState.IN_SYNC, kube.secretsState(p, r));
        assertEquals(List.of(), kube.missingSecrets(p, r));
        var priv = client.secrets()
                .inNamespace(r.namespace())
                .withName("dr-site-2-privsecrets")
                .get();
        assertEquals("UA==", priv.getData().get("clusterAdminPassword"));
        assertEquals("a2VlcA==", priv.getData().get("unrelated"), "a merge patch keeps the other keys");
        assertTrue(!before.equals(priv.getMetadata().getResourceVersion()), "the server wrote a new version");
        var backup = client.secrets()
                .inNamespace(r.namespace())
                .withName("dr-site-2-backup")
                .get();
        assertEquals(Map.of("backupUsername", "Yg==", "backupPassword", "Qg=="), backup.getData());
        assertEquals("mysqlcs", backup.getMetadata().getLabels().get(Fabric8KubeActions.MANAGED_BY));

        client.secrets().inNamespace(r.namespace()).withName("dr-site-2-router").edit(x -> {
            x.getData().put("routerPassword", "eQ==");
            return x;
        });
        assertEquals(SecretsState.DIFFERENT, kube.secretsState(p, r));
    }

    // ------------------------------------------------------------------ routers

    /** The operator's router Deployment, reduced to what the API server requires; its status as the controller's. */
    private void router(Member m, int replicas, boolean available) {
        Map<String, String> labels = Map.of("mysql.oracle.com/cluster", m.name(), "component", "mysqlrouter");
        client.apps()
                .deployments()
                .inNamespace(m.namespace())
                .resource(new DeploymentBuilder()
                        .withNewMetadata()
                        .withName(m.name() + "-router")
                        .addToAnnotations("kept", "yes")
                        .endMetadata()
                        .withNewSpec()
                        .withReplicas(replicas)
                        .withNewSelector()
                        .withMatchLabels(labels)
                        .endSelector()
                        .withNewTemplate()
                        .withNewMetadata()
                        .withLabels(labels)
                        .addToAnnotations("operator", "annotation")
                        .endMetadata()
                        .withNewSpec()
                        .addNewContainer()
                        .withName("router")
                        .withImage("container-registry.oracle.com/mysql/" + "community-router:9.7.0")
                        .endContainer()
                        .endSpec()
                        .endTemplate()
                        .endSpec()
                        .build())
                .create();
        deploymentController(m, replicas, available);
    }

    /** What the Deployment controller writes once it has caught up with the current generation. */
    private void deploymentController(Member m, int replicas, boolean available) {
        client.apps()
                .deployments()
                .inNamespace(m.namespace())
                .withName(m.name() + "-router")
                .editStatus(d -> {
                    d.setStatus(new io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder()
                            .withObservedGeneration(d.getMetadata().getGeneration())
                            .withReplicas(replicas)
                            .withUpdatedReplicas(available ? replicas : 0)
                            .withAvailableReplicas(available ? replicas : 0)
                            .withReadyReplicas(available ? replicas : 0)
                            .build());
                    return d;
                });
    }

    @Test
    void routerRestartRecordsTheClusterSetAndWaitsUntilTheRolloutIsDone() throws Exception {
        Member m = member("mycluster1");
        router(m, 2, true);
        assertEquals(RouterState.PENDING, kube.routerState(m, "mycs"));
        assertEquals(
                1L,
                client.apps()
                        .deployments()
                        .inNamespace(m.namespace())
                        .withName("mycluster1-router")
                        .get()
                        .getMetadata()
                        .getGeneration());
        AtomicLong rolledOutAt = new AtomicLong();
        Thread controller = new Thread(() -> {
            try {
                // The real server bumps metadata.generation on a template change; the controller catches up later.
                var d = client.apps().deployments().inNamespace(m.namespace()).withName("mycluster1-router");
                d.waitUntilCondition(
                        x -> x.getMetadata().getGeneration() >= 2, 20, java.util.concurrent.TimeUnit.SECONDS);
                deploymentController(m, 2, false);
                Thread.sleep(300);
                rolledOutAt.set(System.nanoTime());
                deploymentController(m, 2, true);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        controller.start();
        kube.restartRouter(m, "mycs", Duration.ofSeconds(30), progress, new Cancellation());
        long returnedAt = System.nanoTime();
        controller.join();
        assertTrue(rolledOutAt.get() > 0 && returnedAt >= rolledOutAt.get(), "returned only after the rollout");
        Deployment d = client.apps()
                .deployments()
                .inNamespace(m.namespace())
                .withName("mycluster1-router")
                .get();
        assertEquals(2L, d.getMetadata().getGeneration(), "one template change");
        var ann = d.getSpec().getTemplate().getMetadata().getAnnotations();
        assertEquals("mycs", ann.get(Fabric8KubeActions.RESTARTED_FOR));
        assertNotNull(Instant.parse(ann.get(Fabric8KubeActions.RESTARTED_AT)));
        assertEquals("annotation", ann.get("operator"), "the operator's own template annotations stay");
        assertEquals("yes", d.getMetadata().getAnnotations().get("kept"));
        assertEquals(RouterState.DONE, kube.routerState(m, "mycs"));
        assertEquals(RouterState.PENDING, kube.routerState(m, "another-clusterset"));
    }

    @Test
    void aRolloutThatNeverCompletesTimesOut() {
        Member m = member("mycluster1");
        router(m, 1, false);
        var e = assertThrows(
                Poll.WaitTimeoutException.class,
                () -> kube.restartRouter(m, "mycs", Duration.ofMillis(1500), progress, new Cancellation()));
        assertTrue(
                e.getMessage().contains("the rollout of Deployment " + m.namespace() + "/mycluster1-router"),
                e.getMessage());
    }

    @Test
    void aRouterTheOperatorHasNotCreatedYetIsWaitedFor() {
        Member m = member("mycluster1");
        assertEquals(RouterState.PENDING, kube.routerState(m, "mycs"));
        var e = assertThrows(
                Poll.WaitTimeoutException.class,
                () -> kube.restartRouter(m, "mycs", Duration.ofMillis(600), progress, new Cancellation()));
        assertTrue(e.getMessage().contains("Deployment " + m.namespace() + "/mycluster1-router"), e.getMessage());
    }

    // ------------------------------------------------------------------ join journal

    @Test
    void joinRecordIsWrittenReadAndCleared() {
        Member m = member("dr-site-2");
        assertTrue(kube.joinMark(m).isEmpty());
        kube.setJoinMark(m, "mycs");
        kube.setJoinMark(m, "mycs");
        assertEquals(Optional.of("mycs"), kube.joinMark(m));
        assertEquals(
                "mysqlcs",
                client.configMaps()
                        .inNamespace(m.namespace())
                        .withName("dr-site-2-mysqlcs-clusterset")
                        .get()
                        .getMetadata()
                        .getLabels()
                        .get(Fabric8KubeActions.MANAGED_BY));
        kube.clearJoinMark(m);
        assertTrue(kube.joinMark(m).isEmpty());
        kube.clearJoinMark(m);
    }

    // ------------------------------------------------------------------ Enterprise failover (S1.6 / S1.7)

    /**
     * The Enterprise operator's side, as its e2e test observes it (clusterset_t.py {@code _apply_switchover}): an
     * Event {@code FailOverObjectCreated} on the target InnoDBCluster, a Job named after the resource, whose status
     * the Job controller then writes through the status subresource.
     */
    private Thread operator(Member target, String name, boolean succeeds) {
        return operator(target, name, succeeds, null);
    }

    private Thread operator(Member target, String name, boolean succeeds, String statusText) {
        Thread th = new Thread(() -> {
            var crs = client.genericKubernetesResources(Fabric8KubeActions.FAILOVER)
                    .inNamespace(target.namespace());
            crs.withName(name)
                    .waitUntilCondition(java.util.Objects::nonNull, 20, java.util.concurrent.TimeUnit.SECONDS);
            EnterpriseOperatorOnRealApiServer.failoverTakenUp(client, target.namespace(), target.name(), name);
            if (statusText != null) {
                // status.status is the Enterprise operator's own free text (a string in the CRD), via /status.
                crs.withName(name).editStatus(cr -> {
                    cr.getAdditionalProperties().put("status", Map.of("status", statusText));
                    return cr;
                });
            }
            job(target, name);
            EnterpriseOperatorOnRealApiServer.jobFinished(client, target.namespace(), name, succeeds);
        });
        th.setDaemon(true);
        th.start();
        return th;
    }

    private Job job(Member target, String name) {
        return EnterpriseOperatorOnRealApiServer.failoverJob(client, target.namespace(), name);
    }

    private GenericKubernetesResource failoverResource(Member target, String name) {
        return client.genericKubernetesResources(Fabric8KubeActions.FAILOVER)
                .inNamespace(target.namespace())
                .withName(name)
                .get();
    }

    @Test
    void theFailoverResourceNamesTheInnoDbClusterByItsKubernetesNameAndPassesTheRealSchema() throws Exception {
        Member target = member("dr-site-2");
        assertEquals("dr_site_2", target.mysqlClusterName());
        String name = Fabric8KubeActions.failoverName(target, 1, true);
        Thread operator = operator(target, name, true);
        String status = kube.runOperatorFailover(
                target, true, List.of(), name, Duration.ofSeconds(30), progress, new Cancellation());
        operator.join();
        assertEquals("Job " + target.namespace() + "/" + name + " succeeded", status);
        // Created through the real CRD: validated, defaulted and pruned by the server; what the operator reads back.
        assertEquals(
                // options.timeout: the 30 s wait less AdminApi's margin, through the CRD's integer
                // spec.options.timeout.
                Map.of("clusterName", "dr-site-2", "force", true, "options", Map.of("timeout", 27)),
                failoverResource(target, name).getAdditionalProperties().get("spec"));
        assertTrue(
                log.contains("the operator took up MySQLClusterSetFailover " + target.namespace() + "/" + name
                        + ": Switching over to " + target.namespace() + "/dr-site-2 from mycluster1"),
                log.toString());

        // A second run follows the same resource instead of creating another.
        assertEquals(
                "Job " + target.namespace() + "/" + name + " succeeded",
                kube.runOperatorFailover(
                        target, true, List.of(), name, Duration.ofSeconds(5), progress, new Cancellation()));
        assertTrue(log.stream().anyMatch(l -> l.contains("exists from an earlier run")));
    }

    /**
     * With more than two clusters, a lost replica is passed on for invalidation (review point 8): the CRD's
     * {@code spec.options.invalidateReplicaClusters} survives the real server's pruning (a field the schema does not
     * declare would be dropped), and a later run follows the resource only when it lists the same clusters.
     */
    @Test
    void theClustersToInvalidateGoToTheResourcesOptionsAsTheCrdDeclaresThem() throws Exception {
        Member target = member("dr-site-2");
        String name = Fabric8KubeActions.failoverName(target, 3, true);
        Thread operator = operator(target, name, true);
        assertEquals(
                "Job " + target.namespace() + "/" + name + " succeeded",
                kube.runOperatorFailover(
                        target,
                        true,
                        List.of("mycluster4"),
                        name,
                        Duration.ofSeconds(30),
                        progress,
                        new Cancellation()));
        operator.join();
        assertEquals(
                Map.of(
                        "clusterName",
                        "dr-site-2",
                        "force",
                        true,
                        "options",
                        Map.of("invalidateReplicaClusters", List.of("mycluster4"), "timeout", 27)),
                failoverResource(target, name).getAdditionalProperties().get("spec"));
        assertTrue(
                log.contains("created MySQLClusterSetFailover " + target.namespace() + "/" + name
                        + " {clusterName: dr-site-2, force: true, options: {invalidateReplicaClusters: [mycluster4]}}"),
                log.toString());

        var e = assertThrows(
                KubeActions.FailoverFailedException.class,
                () -> kube.runOperatorFailover(
                        target,
                        true,
                        List.of("mycluster3", "mycluster4"),
                        name,
                        Duration.ofSeconds(5),
                        progress,
                        new Cancellation()));
        assertTrue(
                e.getMessage()
                        .contains("exists with {clusterName: dr-site-2, force: true, options: "
                                + "{invalidateReplicaClusters: [mycluster4]}}, not this step's {clusterName: dr-site-2, force: true, "
                                + "options: {invalidateReplicaClusters: [mycluster3, mycluster4]}}; it is not this stack's, from an "
                                + "older version, or the replicas to invalidate changed since"),
                e.getMessage());
    }

    @Test
    void theOperatorsStatusTextIsReportedButDecidesNothing() throws Exception {
        Member target = member("dr-site-2");
        String name = Fabric8KubeActions.failoverName(target, 4, false);
        Thread operator = operator(target, name, true, "Error: none; finished");
        String status = kube.runOperatorFailover(
                target, false, List.of(), name, Duration.ofSeconds(30), progress, new Cancellation());
        operator.join();
        assertEquals(
                "Job " + target.namespace() + "/" + name + " succeeded (MySQLClusterSetFailover status: "
                        + "Error: none; finished)",
                status);
    }

    @Test
    void aFailedOperatorJobIsReportedWithWhatToDo() throws Exception {
        Member target = member("dr-site-2");
        String name = Fabric8KubeActions.failoverName(target, 1, false);
        Thread operator = operator(target, name, false);
        var e = assertThrows(
                KubeActions.FailoverFailedException.class,
                () -> kube.runOperatorFailover(
                        target, false, List.of(), name, Duration.ofSeconds(30), progress, new Cancellation()));
        operator.join();
        assertTrue(
                e.getMessage().contains("the operator's failover Job " + target.namespace() + "/" + name + " failed"),
                e.getMessage());
        assertTrue(
                e.getMessage().contains("kubectl -n " + target.namespace() + " delete mfo,job " + name),
                e.getMessage());
    }

    @Test
    void anExistingResourceForAnotherFailoverIsNotFollowed() {
        Member target = member("dr-site-2");
        String name = Fabric8KubeActions.failoverName(target, 1, true);
        client.genericKubernetesResources(Fabric8KubeActions.FAILOVER)
                .inNamespace(target.namespace())
                .resource(new GenericKubernetesResourceBuilder()
                        .withApiVersion("mysql.oracle.com/v2")
                        .withKind("MySQLClusterSetFailover")
                        .withNewMetadata()
                        .withName(name)
                        .endMetadata()
                        // force left out: the server's default (false) is what the resource then says
                        .addToAdditionalProperties("spec", Map.of("clusterName", "dr-site-2"))
                        .build())
                .create();
        var e = assertThrows(
                KubeActions.FailoverFailedException.class,
                () -> kube.runOperatorFailover(
                        target, true, List.of(), name, Duration.ofSeconds(5), progress, new Cancellation()));
        assertTrue(
                e.getMessage()
                        .contains("exists with {clusterName: dr-site-2, force: false}, not this step's "
                                + "{clusterName: dr-site-2, force: true}"),
                e.getMessage());
    }

    @Test
    void aJobLeftFromAnEarlierFailoverIsNotTakenForThisOne() {
        Member target = member("dr-site-2");
        String name = Fabric8KubeActions.failoverName(target, 2, false);
        job(target, name);
        var e = assertThrows(
                KubeActions.FailoverFailedException.class,
                () -> kube.runOperatorFailover(
                        target, false, List.of(), name, Duration.ofSeconds(5), progress, new Cancellation()));
        assertTrue(
                e.getMessage()
                        .contains("a Job " + target.namespace() + "/" + name + " exists from an earlier " + "failover"),
                e.getMessage());
        assertNull(failoverResource(target, name), "nothing created");
    }

    @Test
    void anOperatorThatNeverTakesItUpIsNamedInTheTimeout() {
        Member target = member("dr-site-2");
        String name = Fabric8KubeActions.failoverName(target, 1, false);
        var e = assertThrows(
                Poll.WaitTimeoutException.class,
                () -> kube.runOperatorFailover(
                        target, false, List.of(), name, Duration.ofMillis(1500), progress, new Cancellation()));
        assertTrue(
                e.getMessage()
                        .contains("the operator has not taken it up (no Event FailOverObjectCreated on "
                                + "InnoDBCluster " + target.namespace() + "/dr-site-2"),
                e.getMessage());
        assertNotNull(failoverResource(target, name));
    }

    // ------------------------------------------------------------------ InnoDBClusters and pods

    @Test
    void readsWhatTheOperatorWroteOnTheInnoDbCluster() {
        Member m = member("dr-site-2");
        assertEquals(Optional.empty(), kube.innoDbCluster(m));
        var ics = client.genericKubernetesResources(Fabric8KubeActions.INNODB_CLUSTER)
                .inNamespace(m.namespace());
        EnterpriseOperatorOnRealApiServer.innoDbCluster(
                client,
                m,
                Map.of(
                        "secretName",
                        "mypwds",
                        "tlsUseSelfSigned",
                        true,
                        "instances",
                        3,
                        "router",
                        Map.of("instances", 1),
                        "edition",
                        "enterprise"));
        assertEquals(
                Optional.of(new KubeActions.OperatorView("", 0, Optional.empty(), Map.of())),
                kube.innoDbCluster(m),
                "before the operator's first probe");

        // cluster_controller.py: update_cluster_info (annotation), set_create_time and publish_status (status
        // subresource, as the operator's _patch_status does).
        ics.withName(m.name()).edit(ic -> {
            ic.getMetadata()
                    .getAnnotations()
                    .put(
                            "mysql.oracle.com/cluster-info",
                            "{\"initialDataSource\": "
                                    + "\"blank\", \"createOptions\": {\"gtidSetIsComplete\": true, \"manualStartOnBoot\": true, "
                                    + "\"memberSslMode\": \"REQUIRED\", \"exitStateAction\": \"ABORT_SERVER\"}}");
            return ic;
        });
        ics.withName(m.name()).editStatus(ic -> {
            ic.getAdditionalProperties()
                    .put(
                            "status",
                            Map.of(
                                    "createTime",
                                    "2026-12-02T14:00:00Z",
                                    "cluster",
                                    Map.of(
                                            "status",
                                            "ONLINE_PARTIAL",
                                            "onlineInstances",
                                            2,
                                            "lastProbeTime",
                                            "2026-12-02T14:05:00Z")));
            return ic;
        });
        KubeActions.OperatorView v = kube.innoDbCluster(m).orElseThrow();
        assertEquals("ONLINE_PARTIAL", v.status());
        assertEquals(2, v.onlineInstances());
        assertEquals(Optional.of("2026-12-02T14:00:00Z"), v.createTime());
        assertEquals(
                Map.of(
                        "gtidSetIsComplete",
                        true,
                        "manualStartOnBoot",
                        true,
                        "memberSslMode",
                        "REQUIRED",
                        "exitStateAction",
                        "ABORT_SERVER"),
                v.createOptions());
    }

    /** A server pod as the operator's StatefulSet makes it; its status as the kubelet writes it. */
    private void pod(Member m, int ordinal, String phase, boolean ready, boolean finalizer) {
        String name = m.name() + "-" + ordinal;
        PodBuilder b = new PodBuilder()
                .withNewMetadata()
                .withName(name)
                .addToLabels("mysql.oracle.com/cluster", m.name())
                .addToLabels("component", "mysqld")
                .addToLabels("tier", "mysql")
                .endMetadata()
                .withNewSpec()
                .withAutomountServiceAccountToken(false)
                .addNewContainer()
                .withName("mysql")
                .withImage("container-registry.oracle.com/mysql/enterprise-server:" + "9.7.0")
                .endContainer()
                .addNewContainer()
                .withName("sidecar")
                .withImage("container-registry.oracle.com/mysql/enterprise-operator:9.7.0-2.2.8")
                .endContainer()
                .addNewReadinessGate()
                .withConditionType("mysql.oracle.com/configured")
                .endReadinessGate()
                .addNewReadinessGate()
                .withConditionType("mysql.oracle.com/ready")
                .endReadinessGate()
                .endSpec();
        if (finalizer) {
            b.editMetadata().addToFinalizers("mysql.oracle.com/membership").endMetadata();
        }
        client.pods().inNamespace(m.namespace()).resource(b.build()).create();
        client.pods().inNamespace(m.namespace()).withName(name).editStatus(p -> {
            p.setStatus(new io.fabric8.kubernetes.api.model.PodStatusBuilder()
                    .withPhase(phase)
                    .addNewCondition()
                    .withType("Ready")
                    .withStatus(ready ? "True" : "False")
                    .endCondition()
                    .addNewCondition()
                    .withType("mysql.oracle.com/ready")
                    .withStatus(ready ? "True" : "False")
                    .endCondition()
                    .build());
            return p;
        });
    }

    @Test
    void readyServerPodsAreTheRunningReadyOnesOfTheMemberInOrdinalOrder() {
        Member m = member("dr-site-2");
        Member other = member("mycluster3");
        assertEquals(List.of(), kube.readyServerPods(m));
        pod(m, 2, "Running", true, false);
        pod(m, 0, "Running", false, false);
        pod(m, 1, "Running", true, false);
        pod(m, 3, "Pending", false, false);
        pod(m, 4, "Running", true, true);
        pod(other, 0, "Running", true, false);
        // A pod being deleted keeps running until its finalizer goes: the server sets deletionTimestamp.
        client.pods()
                .inNamespace(m.namespace())
                .withName("dr-site-2-4")
                .withGracePeriod(30)
                .delete();
        Pod deleting =
                client.pods().inNamespace(m.namespace()).withName("dr-site-2-4").get();
        assertNotNull(deleting.getMetadata().getDeletionTimestamp());
        assertEquals(List.of(1, 2), kube.readyServerPods(m));
        assertEquals(List.of(0), kube.readyServerPods(other));
        client.pods().inNamespace(m.namespace()).withName("dr-site-2-4").edit(p -> {
            p.getMetadata().setFinalizers(List.of());
            return p;
        });
    }

    /** A pod of the member's router Deployment, labelled as mysql-operator router_objects.py labels them. */
    private void routerPod(Member m, String name, boolean finalizer) {
        PodBuilder b = new PodBuilder()
                .withNewMetadata()
                .withName(name)
                .addToLabels("mysql.oracle.com/cluster", m.name())
                .addToLabels("component", "mysqlrouter")
                .addToLabels("tier", "mysql")
                .endMetadata()
                .withNewSpec()
                .withAutomountServiceAccountToken(false)
                .addNewContainer()
                .withName("router")
                .withImage("container-registry.oracle.com/mysql/community-router:9.7.0")
                .endContainer()
                .endSpec();
        if (finalizer) {
            // kopf's finalizer of the operator's on_router_pod_delete handler keeps a deleted pod until it has run
            b.editMetadata()
                    .addToFinalizers("kopf.zalando.org/KopfFinalizerMarker")
                    .endMetadata();
        }
        client.pods().inNamespace(m.namespace()).resource(b.build()).create();
    }

    @Test
    void routerPodsAreEveryExistingPodOfTheMembersRouterDeploymentTerminatingOnesIncluded() {
        Member m = member("dr-site-2");
        Member other = member("mycluster3");
        assertEquals(java.util.Set.of(), kube.routerPods(m));
        routerPod(m, "dr-site-2-router-5c7d8-qx2lp", false);
        routerPod(m, "dr-site-2-router-5c7d8-7wz9k", true);
        routerPod(other, "mycluster3-router-6b7c9-k2m4p", false);
        pod(m, 0, "Running", true, false);
        client.pods()
                .inNamespace(m.namespace())
                .withName("dr-site-2-router-5c7d8-7wz9k")
                .withGracePeriod(30)
                .delete();
        assertNotNull(client.pods()
                .inNamespace(m.namespace())
                .withName("dr-site-2-router-5c7d8-7wz9k")
                .get()
                .getMetadata()
                .getDeletionTimestamp());
        assertEquals(
                java.util.Set.of("dr-site-2-router-5c7d8-qx2lp", "dr-site-2-router-5c7d8-7wz9k"), kube.routerPods(m));
        assertEquals(java.util.Set.of("mycluster3-router-6b7c9-k2m4p"), kube.routerPods(other));
        client.pods()
                .inNamespace(m.namespace())
                .withName("dr-site-2-router-5c7d8-7wz9k")
                .edit(p -> {
                    p.getMetadata().setFinalizers(List.of());
                    return p;
                });
        client.pods()
                .inNamespace(m.namespace())
                .withName("dr-site-2-router-5c7d8-7wz9k")
                .waitUntilCondition(java.util.Objects::isNull, 30, java.util.concurrent.TimeUnit.SECONDS);
        assertEquals(java.util.Set.of("dr-site-2-router-5c7d8-qx2lp"), kube.routerPods(m), "a pod that is gone");
    }
}
