package dev.mysqlcs.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mysqlcs.model.Member;
import dev.mysqlcs.model.Topology;
import dev.mysqlcs.testing.ConfigFixtures;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Seed 000 (Enterprise, linkage operator): the operator links replicas itself and runs failovers from a
 * MySQLClusterSetFailover; the provider creates that resource, waits for its Job and records the epoch.
 */
class EnterpriseLinkageTest {

    private Topology t = ConfigFixtures.enterpriseExample();
    private ProviderHarness h = new ProviderHarness(t);
    private final List<String> handled = new ArrayList<>();
    private final List<List<String>> failoverOptions = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final List<String> jobErrors = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** {@code spec.options.timeout} of each failover resource the operator ran (null when absent). */
    private final List<Long> failoverTimeouts = new java.util.concurrent.CopyOnWriteArrayList<>();

    private volatile boolean running = true;
    private final Thread operator = new Thread(this::operator, "fake-mysql-operator");

    /** The Enterprise operator: joins replicas once the ClusterSet exists, runs failover resources as Jobs. */
    private void operator() {
        KubernetesClient c = h.clients.get("k8s");
        while (running) {
            try {
                if (h.world.domainName().isPresent()) {
                    for (Member m : t.clusterSet().replicas()) {
                        if (!h.world.clusterSetMembers().contains(m.name())) {
                            h.world.operatorJoins(m.name());
                        }
                    }
                }
                for (GenericKubernetesResource cr : c.genericKubernetesResources(Fabric8KubeActions.FAILOVER)
                        .inAnyNamespace()
                        .list()
                        .getItems()) {
                    String key = cr.getMetadata().getNamespace() + "/"
                            + cr.getMetadata().getName();
                    if (handled.contains(key)) {
                        continue;
                    }
                    handled.add(key);
                    @SuppressWarnings("unchecked")
                    Map<String, Object> spec =
                            (Map<String, Object>) cr.getAdditionalProperties().get("spec");
                    boolean ok = failoverJob(cr.getMetadata().getNamespace(), spec);
                    c.batch()
                            .v1()
                            .jobs()
                            .inNamespace(cr.getMetadata().getNamespace())
                            .resource(new JobBuilder()
                                    .withNewMetadata()
                                    .withName(cr.getMetadata().getName())
                                    .endMetadata()
                                    .withNewStatus()
                                    .withSucceeded(ok ? 1 : null)
                                    .withFailed(ok ? null : 1)
                                    .endStatus()
                                    .build())
                            .create();
                }
                Thread.sleep(30);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException shuttingDown) {
                // the mock server is going away
            }
        }
    }

    private boolean failoverJob(String namespace, Map<String, Object> spec) {
        failoverOptions.add(FakeOperatorFailoverJob.invalidateReplicaClusters(spec));
        Object options = spec.get("options");
        Object timeout = options instanceof Map<?, ?> o ? o.get("timeout") : null;
        failoverTimeouts.add(timeout instanceof Number n ? n.longValue() : null);
        Optional<String> error = FakeOperatorFailoverJob.run(h, t, namespace, spec);
        error.ifPresent(jobErrors::add);
        return error.isEmpty();
    }

    @AfterEach
    void close() throws InterruptedException {
        running = false;
        operator.interrupt();
        operator.join(2000);
        assertEquals(List.of(), h.lockViolations);
        h.close();
    }

    @Test
    void theOperatorLinksReplicasAndRunsTheSwitchover() {
        t.clusterSet().members().forEach(m -> h.world.operatorCreates(m.name()));
        h.world.write("mycluster1", "inventory");
        operator.start();
        var stack = h.stack("k8s");
        var preview = stack.preview(t);
        // Before the first `pulumi up` there is no ClusterSet: the members wait for this stack's ClusterSet resource.
        assertEquals(
                List.of("wait until ClusterSet 'mycs' exists (created by this stack's ClusterSet resource)"),
                preview.get("mycs-mycluster2").plannedSteps());

        stack.up(t);
        assertEquals(
                List.of("mycluster1", "mycluster2", "mycluster3", "mycluster4"),
                List.copyOf(Set.copyOf(h.world.clusterSetMembers())).stream()
                        .sorted()
                        .toList());
        assertTrue(
                h.world.mutations().stream().noneMatch(m -> m.equals("createReplicaCluster") || m.equals("dissolve")),
                "the provider never links Enterprise replicas itself");
        assertEquals("REPLICA", stack.outputs("mycs-mycluster3").get("clusterRole"));

        // S1.6 as a config change: the primary becomes mycluster2 at epoch 1.
        Topology switched =
                ConfigFixtures.topology(ConfigFixtures.shipped("src/examples/Pulumi.single-cluster-enterprise.yaml")
                        .replace("primary: mycluster1", "primary: mycluster2\n    primaryEpoch: 1"));
        String planned =
                stack.preview(switched).get("mycs-primary").plannedSteps().toString();
        assertTrue(planned.contains("MySQLClusterSetFailover {clusterName: mycluster2, force: false}"), planned);
        stack.up(switched);
        assertEquals(Optional.of("mycluster2"), h.world.clusterSetPrimary());
        assertEquals(Optional.of(1L), h.world.epoch());
        assertEquals(List.of("clusterns2/mysqlcs-mycluster2-epoch1-switchover"), handled);
        assertTrue(h.world.userSchemas("mycluster2", 0).contains("inventory"));
        // The default step deadline (timeouts.stepSeconds 3600): the provider waits 3600 s for the Job, and the
        // Shell in the Job gets 3600 - min(60, 3600 / 10) = 3540 s.
        assertEquals(List.of(java.time.Duration.ofSeconds(3600)), h.failoverWaits);
        assertEquals(List.of(3540L), failoverTimeouts);
    }

    /**
     * Linkage operator: the operator links mycluster2 (initDB.clusterSet), its routers register in the same ClusterSet
     * metadata, and the provider then sets mycluster2's routing on each live router and removes the operator's
     * registration of a router pod that is gone, as it does for provider linkage (the operator itself sets only
     * ClusterSet-wide options, from spec.router.routingOptions, which is not rendered: cluster_controller.py
     * create_cluster).
     */
    @Test
    void anOperatorLinkedMembersRoutersGetItsRoutingAndItsGoneRouterIsUnregistered() {
        String yaml = ConfigFixtures.shipped("src/examples/Pulumi.single-cluster-enterprise.yaml")
                .replace(
                        "baseServerId: 2020, instances: 3, routerInstances: 1, edition: enterprise, "
                                + "tls: {useSelfSigned: true}}",
                        "baseServerId: 2020, instances: 3, routerInstances: 1, edition: enterprise, "
                                + "tls: {useSelfSigned: true}, routing: {target_cluster: mycluster2, tags: {zone: b}}}");
        h.close();
        t = ConfigFixtures.topology(yaml);
        h = new ProviderHarness(t);
        t.clusterSet().members().forEach(m -> h.world.operatorCreates(m.name()));
        operator.start();
        var stack = h.stack("k8s");
        stack.up(t);
        assertTrue(h.world.clusterSetMembers().contains("mycluster2"));
        String live = h.routerPod("mycluster2", "mycluster2-router-5c7d8-qx2lp");
        String gone = h.routerPod("mycluster2", "mycluster2-router-5c7d8-7wz9k");
        String other = h.routerPod("mycluster3", "mycluster3-router-6b7c9-k2m4p");
        h.routerPodGone("mycluster2", "mycluster2-router-5c7d8-7wz9k");
        assertEquals("mycluster2-router-5c7d8-7wz9k::", gone);

        stack.up(t);
        assertEquals("mycluster2", h.world.routingOption(live, "target_cluster"));
        assertEquals(Map.of("zone", "b"), h.world.ownRoutingOption(live, "tags"));
        assertEquals("primary", h.world.routingOption(other, "target_cluster"), "mycluster3 has no routing");
        assertEquals(Set.of(live, other), h.world.registeredRouters());
        assertEquals(
                List.of("setRoutingOption", "setRoutingOption", "removeRouterMetadata"),
                h.world.mutations().stream()
                        .filter(x -> x.equals("setRoutingOption") || x.equals("removeRouterMetadata"))
                        .sorted(java.util.Comparator.reverseOrder())
                        .toList());
        List<String> calls = h.shell.invocations().stream()
                .map(i -> String.join(" ", i.argv()))
                .toList();
        assertTrue(
                calls.stream()
                        .anyMatch(
                                x -> x.contains(
                                        "setRoutingOption(\"mycluster2-router-5c7d8-qx2lp::\", \"target_cluster\", \"mycluster2\")")),
                calls.toString());
        assertTrue(
                calls.stream()
                        .anyMatch(x -> x.contains(
                                "dba.getCluster().removeRouterMetadata(\"mycluster2-router-5c7d8-7wz9k::\");")),
                calls.toString());

        int before = h.world.mutations().size();
        stack.up(t);
        assertEquals(before, h.world.mutations().size(), "converged: " + h.world.mutations());
    }

    /**
     * The failover resource's {@code spec.options.timeout} follows {@code clusterSet.timeouts.stepSeconds}, not the
     * rollout wait: with stepSeconds 600 (rolloutSeconds 120) the provider waits 600 s for the operator's Job and the
     * Job's Shell gets 600 - min(60, 600 / 10) = 540 s (clusterset_failover_main.py --timeout into
     * set_primary_cluster's options), so the Job gives up before the provider does.
     */
    @Test
    void theFailoverJobsShellTimeoutIsTheStepDeadlineLessTheShellMargin() {
        String yaml = ConfigFixtures.shipped("src/examples/Pulumi.single-cluster-enterprise.yaml")
                .replace(
                        "    primary: mycluster1\n",
                        "    primary: mycluster1\n    timeouts: {stepSeconds: 600, rolloutSeconds: 120}\n");
        h.close();
        t = ConfigFixtures.topology(yaml);
        h = new ProviderHarness(t);
        t.clusterSet().members().forEach(m -> h.world.operatorCreates(m.name()));
        operator.start();
        var stack = h.stack("k8s");
        stack.up(t);
        stack.up(ConfigFixtures.topology(
                yaml.replace("primary: mycluster1", "primary: mycluster2\n    primaryEpoch: 1")));
        assertEquals(List.of(), jobErrors);
        assertEquals(Optional.of("mycluster2"), h.world.clusterSetPrimary());
        assertEquals(List.of(java.time.Duration.ofSeconds(600)), h.failoverWaits);
        assertEquals(List.of(540L), failoverTimeouts);
    }

    /**
     * D3: the operator made the ClusterSet on the primary itself (cluster_controller.py create_cluster) before this
     * stack's ClusterSet resource ran: the resource adopts it under the operator's name and runs no createClusterSet;
     * the replicas then join it.
     */
    @Test
    void theClusterSetTheOperatorMadeOnThePrimaryIsAdoptedUnderItsName() {
        t.clusterSet().members().forEach(m -> h.world.operatorCreates(m.name()));
        h.world.operatorCreatesClusterSet("mycluster1");
        operator.start();
        var stack = h.stack("k8s");
        stack.up(t);
        assertEquals(Optional.of("mycluster1"), h.world.domainName());
        assertEquals("mycluster1", stack.outputs("mycs").get("domainName"));
        assertTrue(
                h.world.mutations().stream().noneMatch(m -> m.equals("createClusterSet")),
                h.world.mutations().toString());
        assertEquals(
                List.of("mycluster1", "mycluster2", "mycluster3", "mycluster4"),
                h.world.clusterSetMembers().stream().sorted().toList());
    }

    /**
     * D3, the concurrent create: the operator makes its ClusterSet on the primary between the provider's read and its
     * createClusterSet. The Shell refuses the provider's call (51601, the cluster belongs to a ClusterSet), the
     * provider takes that as done (AlreadyInClusterSet), reads again and adopts the operator's ClusterSet.
     */
    @Test
    void theOperatorCreatingTheClusterSetFirstMakesTheProvidersCreateANoOp() {
        t.clusterSet().members().forEach(m -> h.world.operatorCreates(m.name()));
        java.util.concurrent.atomic.AtomicBoolean raced = new java.util.concurrent.atomic.AtomicBoolean();
        h.world.beforeNext("createClusterSet", () -> {
            raced.set(true);
            h.world.operatorCreatesClusterSet("mycluster1");
        });
        operator.start();
        var stack = h.stack("k8s");
        stack.up(t);
        assertTrue(raced.get(), "the provider called createClusterSet after the operator had made one");
        assertEquals(Optional.of("mycluster1"), h.world.domainName());
        assertEquals("mycluster1", stack.outputs("mycs").get("domainName"));
        assertTrue(
                h.world.mutations().stream().noneMatch(m -> m.equals("createClusterSet")),
                h.world.mutations().toString());
        assertEquals(
                List.of("mycluster1", "mycluster2", "mycluster3", "mycluster4"),
                h.world.clusterSetMembers().stream().sorted().toList());
    }

    /**
     * A member whose Kubernetes name has dashes: its MySQL cluster is {@code dr_site_2}, but the operator reads the
     * InnoDBCluster {@code dr-site-2} (clusterset_failover_main.py {@code InnoDBCluster.read(args.namespace,
     * args.cluster_name)}); the fake operator, like the real one, knows only InnoDBClusters by that name.
     */
    @Test
    void theFailoverResourceNamesTheInnoDbClusterByItsKubernetesName() {
        String yaml = ConfigFixtures.shipped("src/examples/Pulumi.single-cluster-enterprise.yaml")
                .replace("mycluster2", "dr-site-2");
        h.close();
        t = ConfigFixtures.topology(yaml);
        h = new ProviderHarness(t);
        t.clusterSet().members().forEach(m -> h.world.operatorCreates(m.name()));
        operator.start();
        var stack = h.stack("k8s");
        stack.up(t);
        Topology switched =
                ConfigFixtures.topology(yaml.replace("primary: mycluster1", "primary: dr-site-2\n    primaryEpoch: 1"));
        String planned =
                stack.preview(switched).get("mycs-primary").plannedSteps().toString();
        assertTrue(planned.contains("MySQLClusterSetFailover {clusterName: dr-site-2, force: false}"), planned);
        stack.up(switched);
        assertEquals(Optional.of("dr-site-2"), h.world.clusterSetPrimary());
        assertEquals(List.of("clusterns2/mysqlcs-dr-site-2-epoch1-switchover"), handled);
    }

    /**
     * Seed 000's four clusters with one lost (review point 8): the switchover to mycluster2 goes through only when
     * config lists the lost replica, and the operator's Job gets it in {@code spec.options.invalidateReplicaClusters};
     * without it the Shell in the Job refuses (SHERR_DBA_UNAVAILABLE_REPLICA_CLUSTERS).
     */
    @Test
    void aLostReplicaListedForInvalidationReachesTheOperatorsFailoverJob() {
        t.clusterSet().members().forEach(m -> h.world.operatorCreates(m.name()));
        operator.start();
        var stack = h.stack("k8s");
        stack.up(t);
        assertEquals(4, h.world.clusterSetMembers().size());
        h.world.isolate("mycluster4", true);

        Topology switched = ConfigFixtures.topology(
                ConfigFixtures.shipped("src/examples/Pulumi.single-cluster-enterprise.yaml")
                        .replace(
                                "primary: mycluster1",
                                "primary: mycluster2\n    primaryEpoch: 1\n    invalidateReplicaClusters: [mycluster4]"));
        assertEquals(
                List.of(
                        "switch over: MySQLClusterSetFailover {clusterName: mycluster2, force: false}; "
                                + "invalidateReplicaClusters: [mycluster4]",
                        "record primary epoch 1 on the primary cluster (tag:mysqlcs_primary_epoch)"),
                stack.preview(switched).get("mycs-primary").plannedSteps());
        stack.up(switched);
        assertEquals(List.of(), jobErrors);
        assertEquals(List.of(List.of("mycluster4")), failoverOptions);
        assertEquals(Optional.of("mycluster2"), h.world.clusterSetPrimary());
        assertEquals(Set.of("mycluster4"), h.world.invalidated());
        assertEquals(Optional.of(1L), h.world.epoch());
    }
}
