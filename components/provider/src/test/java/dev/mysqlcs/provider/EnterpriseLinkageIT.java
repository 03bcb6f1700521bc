package dev.mysqlcs.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mysqlcs.model.Member;
import dev.mysqlcs.model.Topology;
import dev.mysqlcs.testing.ConfigFixtures;
import dev.mysqlcs.testing.KubeApiServer;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Seed 000 through the whole provider (gRPC, reconciler, planner) with its Kubernetes side on a real kube-apiserver
 * and the operator's real CRDs: the Enterprise switchover to a member whose Kubernetes name has dashes. The fake
 * operator does what clusterset_failover_main.py does first, {@code InnoDBCluster.read(namespace, clusterName)}: a GET
 * of the InnoDBCluster by that name on the real server, which fails for a MySQL cluster name.
 */
@Tag("slow")
class EnterpriseLinkageIT {

    private static final java.util.concurrent.atomic.AtomicInteger RUNS =
            new java.util.concurrent.atomic.AtomicInteger();

    private final KubernetesClient client = KubeApiServer.shared().client();
    /** Namespaces of their own for each test: the API server is shared, and what a test creates stays. */
    private final String ns = "linkage-it" + RUNS.incrementAndGet() + "-clusterns";

    private final String yaml = EnterpriseOperatorOnRealApiServer.seed000(ns);
    private final Topology t = ConfigFixtures.topology(yaml);
    private final ProviderHarness h = new ProviderHarness(t, client);
    private final List<String> handled = Collections.synchronizedList(new ArrayList<>());
    private final List<String> operatorErrors = Collections.synchronizedList(new ArrayList<>());
    private final List<List<String>> failoverOptions = Collections.synchronizedList(new ArrayList<>());
    private volatile boolean running = true;
    private final Thread operator = new Thread(this::operator, "fake-enterprise-operator");

    private void operator() {
        while (running) {
            try {
                if (h.world.domainName().isPresent()) {
                    for (Member m : t.clusterSet().replicas()) {
                        if (!h.world.clusterSetMembers().contains(m.name())) {
                            h.world.operatorJoins(m.name());
                        }
                    }
                }
                for (GenericKubernetesResource cr : client.genericKubernetesResources(Fabric8KubeActions.FAILOVER)
                        .inAnyNamespace()
                        .list()
                        .getItems()) {
                    String ns = cr.getMetadata().getNamespace();
                    String name = cr.getMetadata().getName();
                    if (handled.contains(ns + "/" + name)
                            || t.clusterSet().members().stream()
                                    .noneMatch(m -> m.namespace().equals(ns))) {
                        // handled, or another test's (the server is shared)
                        continue;
                    }
                    handled.add(ns + "/" + name);
                    // Read back from the real server: what its CRD schema kept of what the provider wrote.
                    @SuppressWarnings("unchecked")
                    Map<String, Object> spec =
                            (Map<String, Object>) cr.getAdditionalProperties().get("spec");
                    String cluster = (String) spec.get("clusterName");
                    GenericKubernetesResource ic = client.genericKubernetesResources(Fabric8KubeActions.INNODB_CLUSTER)
                            .inNamespace(ns)
                            .withName(cluster)
                            .get();
                    boolean ok = ic != null;
                    if (!ok) {
                        operatorErrors.add("InnoDBCluster " + ns + "/" + cluster + " not found");
                    } else {
                        failoverOptions.add(FakeOperatorFailoverJob.invalidateReplicaClusters(spec));
                        Optional<String> shellError = FakeOperatorFailoverJob.run(h, t, ns, spec);
                        shellError.ifPresent(operatorErrors::add);
                        ok = shellError.isEmpty();
                        EnterpriseOperatorOnRealApiServer.failoverTakenUp(client, ns, cluster, name);
                    }
                    EnterpriseOperatorOnRealApiServer.failoverJob(client, ns, name);
                    EnterpriseOperatorOnRealApiServer.jobFinished(client, ns, name, ok);
                }
                Thread.sleep(50);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                operatorErrors.add(String.valueOf(e));
            }
        }
    }

    @AfterEach
    void close() throws InterruptedException {
        running = false;
        operator.interrupt();
        operator.join(5000);
        h.close();
        client.close();
    }

    /** Each member's InnoDBCluster, created by the operator in the fake world and registered on the real server. */
    private void innoDbClusters() {
        for (Member m : t.clusterSet().members()) {
            h.world.operatorCreates(m.name());
            EnterpriseOperatorOnRealApiServer.innoDbCluster(client, m, EnterpriseOperatorOnRealApiServer.SEED_000_SPEC);
        }
    }

    @Test
    void theSwitchoverResourceNamesTheInnoDbClusterTheOperatorReads() {
        innoDbClusters();
        operator.start();
        var stack = h.stack("k8s");
        stack.up(t);
        assertEquals(
                List.of("dr-site-2", "mycluster1", "mycluster3", "mycluster4"),
                h.world.clusterSetMembers().stream().sorted().toList());

        Topology switched =
                ConfigFixtures.topology(yaml.replace("primary: mycluster1", "primary: dr-site-2\n    primaryEpoch: 1"));
        stack.up(switched);
        assertEquals(List.of(), operatorErrors);
        assertEquals(Optional.of("dr-site-2"), h.world.clusterSetPrimary());
        assertEquals(Optional.of(1L), h.world.epoch());
        assertEquals(List.of(ns + "2/mysqlcs-dr-site-2-epoch1-switchover"), handled);
        assertTrue(
                h.logLines.stream()
                        .anyMatch(l -> l.contains("the operator took up MySQLClusterSetFailover " + ns
                                + "2/mysqlcs-dr-site-2-epoch1-switchover: Switching over to " + ns + "2/dr-site-2")),
                String.join("\n", h.logLines));
    }

    /**
     * Four clusters, one lost (review point 8), on the real server: the switchover lists the lost replica in the
     * resource's {@code spec.options.invalidateReplicaClusters}, which the real CRD keeps, and the operator's Job
     * (read back from the server) passes it to the Shell, which then invalidates it and promotes dr-site-2.
     */
    @Test
    void aLostReplicaListedForInvalidationReachesTheJobThroughTheRealCrd() {
        innoDbClusters();
        operator.start();
        var stack = h.stack("k8s");
        stack.up(t);
        h.world.isolate("mycluster4", true);

        stack.up(ConfigFixtures.topology(yaml.replace(
                "primary: mycluster1",
                "primary: dr-site-2\n    primaryEpoch: 1" + "\n    invalidateReplicaClusters: [mycluster4]")));
        assertEquals(List.of(), operatorErrors);
        assertEquals(List.of(List.of("mycluster4")), failoverOptions);
        assertEquals(Optional.of("dr-site-2"), h.world.clusterSetPrimary());
        assertEquals(java.util.Set.of("mycluster4"), h.world.invalidated());
    }
}
