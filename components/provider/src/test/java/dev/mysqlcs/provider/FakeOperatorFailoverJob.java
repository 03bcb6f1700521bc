package dev.mysqlcs.provider;

import dev.mysqlcs.io.AdminApi;
import dev.mysqlcs.io.Credentials;
import dev.mysqlcs.io.PodRef;
import dev.mysqlcs.model.Member;
import dev.mysqlcs.model.Topology;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Enterprise operator's failover Job for a MySQLClusterSetFailover, as mysqloperator/clusterset_failover_main.py
 * (mysql/mysql-operator) runs it: from pod 0 of the target InnoDBCluster, {@code set_primary_cluster} or (force)
 * {@code force_primary_cluster} with the options the resource carries ({@code spec.options.invalidateReplicaClusters},
 * handed to the Job as {@code --invalidate-replica-clusters} and split on ','), here through the harness's fake Shell,
 * which checks the replicas as cluster_set_impl.cc check_clusters_available does. The cluster is named as the
 * operator names it in MySQL (cluster_controller.py ClusterController.dba_cluster_name: '-' and '.' become '_').
 */
final class FakeOperatorFailoverJob {

    private FakeOperatorFailoverJob() {}

    /** The {@code spec.options.invalidateReplicaClusters} of a resource's spec, empty when absent. */
    static List<String> invalidateReplicaClusters(Map<String, Object> spec) {
        Object options = spec.get("options");
        Object listed = options instanceof Map<?, ?> o ? o.get("invalidateReplicaClusters") : null;
        return listed instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of();
    }

    /** Runs the Job's Shell call; returns the Shell's error when it failed (the Job then fails). */
    static Optional<String> run(ProviderHarness h, Topology t, String namespace, Map<String, Object> spec) {
        String cluster = (String) spec.get("clusterName");
        Member target = t.clusterSet().member(cluster).orElseThrow();
        AdminApi api = new AdminApi(
                h.shell,
                new Credentials(t.root().user(), ProviderHarness.PASSWORD.toCharArray()),
                Duration.ofSeconds(10));
        AdminApi.Target pod0 = new AdminApi.Target(
                new PodRef(target.kubeCluster(), namespace, cluster + "-0"),
                target.podFqdn(0, t.clusterSet().domain()));
        String mysqlName = cluster.replace('-', '_').replace('.', '_');
        List<String> invalidate = invalidateReplicaClusters(spec);
        try {
            if (Boolean.TRUE.equals(spec.get("force"))) {
                api.forcePrimaryCluster(pod0, mysqlName, invalidate, Duration.ofSeconds(10));
            } else {
                api.setPrimaryCluster(pod0, mysqlName, invalidate, Duration.ofSeconds(10));
            }
            return Optional.empty();
        } catch (RuntimeException shellFailed) {
            return Optional.of(String.valueOf(shellFailed.getMessage()));
        }
    }
}
