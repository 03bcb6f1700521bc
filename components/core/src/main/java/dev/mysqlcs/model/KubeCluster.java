package dev.mysqlcs.model;

import java.util.List;
import java.util.Optional;

/**
 * One Kubernetes cluster of the mesh.
 *
 * @param context        kubeconfig context the stack deploys with
 * @param kubeconfig     path of the kubeconfig file; empty means the default ($KUBECONFIG or ~/.kube/config)
 * @param nodeIps        worker node IPs: targets of the mesh NodePort and of the cross-cluster DNS forward
 * @param ciliumName     Cilium cluster.name
 * @param ciliumId       Cilium cluster.id
 * @param dnsNodePort    NodePort of the core-dns-nodeport Service (S2.6)
 * @param podCidr        the cluster's pod CIDR, when known: checked not to overlap other clusters of the mesh
 */
public record KubeCluster(
        String name,
        String context,
        Optional<String> kubeconfig,
        List<String> nodeIps,
        String ciliumName,
        int ciliumId,
        MeshEndpoint meshEndpoint,
        DnsMode dnsMode,
        int dnsNodePort,
        Optional<String> podCidr) {}
