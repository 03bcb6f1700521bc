package dev.mysqlcs.model;

import java.util.List;
import java.util.Optional;

/**
 * Everything a stack knows about the ClusterSet. Every stack carries the whole topology (so that the DR stack can act
 * when PROD is gone); {@code deploy} names the Kubernetes clusters this stack deploys into.
 */
public record Topology(
        ClusterSetSpec clusterSet,
        List<KubeCluster> kubeClusters,
        List<String> deploy,
        RootCredentials root,
        int maxConnectedClusters,
        OperatorSettings mysqlOperator,
        MeshSettings mesh) {

    public Optional<KubeCluster> kubeCluster(String name) {
        return kubeClusters.stream().filter(k -> k.name().equals(name)).findFirst();
    }

    public List<KubeCluster> deployedClusters() {
        return deploy.stream().map(d -> kubeCluster(d).orElseThrow()).toList();
    }

    public List<Member> deployedMembers() {
        return clusterSet.members().stream()
                .filter(m -> deploy.contains(m.kubeCluster()))
                .toList();
    }

    /**
     * True when more than one Kubernetes cluster is configured: each deployed cluster then gets Cilium with the
     * ClusterMesh, peers and cross-cluster DNS.
     */
    public boolean meshed() {
        return kubeClusters.size() > 1;
    }

    /** Every configured Kubernetes cluster except {@code name}: the peers of that cluster in the full mesh. */
    public List<KubeCluster> peersOf(String name) {
        return kubeClusters.stream().filter(k -> !k.name().equals(name)).toList();
    }

    /** True when the ClusterSet spans more than one Kubernetes cluster, i.e. rides on the Cilium mesh. */
    public boolean multiCluster() {
        return clusterSet.members().stream().map(Member::kubeCluster).distinct().count() > 1;
    }
}
