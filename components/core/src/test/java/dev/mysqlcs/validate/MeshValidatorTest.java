package dev.mysqlcs.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mysqlcs.config.ConfigError;
import dev.mysqlcs.config.TopologyParser;
import dev.mysqlcs.model.Topology;
import dev.mysqlcs.testing.ConfigFixtures;
import dev.mysqlcs.testing.MeshFixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

class MeshValidatorTest {

    static final String THREE = MeshFixtures.threeClusters("[prod]", "");

    static Topology parsed(String yaml) {
        TopologyParser.Result r = TopologyParser.parse(ConfigFixtures.source(yaml), true);
        assertEquals(List.of(), r.errors(), "fixture parses");
        return r.topology().orElseThrow();
    }

    /** Every rendered error of the full rule set (foundation and mesh). */
    static List<String> errors(String yaml) {
        return TopologyValidator.validate(parsed(yaml)).stream()
                .map(ConfigError::render)
                .toList();
    }

    static String withCilium(String settings) {
        return THREE.replace("config:\n", "config:\n  mysqlcs:cilium: " + settings + "\n");
    }

    @Test
    void theShippedStacksAndAThreeClusterMeshPass() {
        assertEquals(List.of(), errors(ConfigFixtures.shipped("Pulumi.prod.yaml")));
        assertEquals(List.of(), errors(ConfigFixtures.shipped("Pulumi.dr.yaml")));
        assertEquals(List.of(), errors(THREE));
    }

    @Test
    void chartVersionMustBeAVersionThisProjectRendersFor() {
        assertEquals(
                List.of("config error: mysqlcs:cilium.chartVersion: '1.18.2' is too old; allowed: 1.19.0 or newer "
                        + "(the values rendered here were checked against the 1.19.6 and 1.20.0 charts)"),
                errors(withCilium("{chartVersion: 1.18.2}")));
        assertEquals(
                List.of("config error: mysqlcs:cilium.chartVersion: 'latest' is not a chart version; allowed: "
                        + "MAJOR.MINOR.PATCH such as 1.19.6 or 1.20.0"),
                errors(withCilium("{chartVersion: latest}")));
        assertEquals(List.of(), errors(withCilium("{chartVersion: 1.21.0-pre.0}")));
    }

    @Test
    void chartRepoMustBeAnHttpsUrl() {
        assertEquals(
                List.of("config error: mysqlcs:cilium.chartRepo: 'http://helm.cilium.io' is not a Helm "
                        + "repository URL; allowed: an https:// URL such as https://helm.cilium.io"),
                errors(withCilium("{chartRepo: \"http://helm.cilium.io\"}")));
    }

    @Test
    void restartDeploymentsAreDistinctDeploymentNames() {
        assertEquals(
                List.of(
                        "config error: mysqlcs:cilium.restartDeployments[1]: 'Kube_DNS' is not a Deployment name; "
                                + "allowed: a DNS-1123 subdomain such as coredns",
                        "config error: mysqlcs:cilium.restartDeployments[2]: 'coredns' is already listed at "
                                + "mysqlcs:cilium.restartDeployments[0]; allowed: each Deployment once"),
                errors(withCilium("{restartDeployments: [coredns, Kube_DNS, coredns]}")));
    }

    @Test
    void theDefaultCiliumNameIsReserved() {
        assertEquals(
                List.of("config error: mysqlcs:kubeClusters[1].cilium.clusterName: 'default' cannot be used with "
                        + "a cluster id other than 0 (Cilium reserves it for clusters outside a mesh); allowed: any "
                        + "other name, e.g. dr"),
                errors(THREE.replace("{clusterName: dr, clusterId: 2}", "{clusterName: default, clusterId: 2}")));
    }

    @Test
    void aLoadBalancerEndpointListensOnTheChartsPort() {
        assertEquals(
                List.of("config error: mysqlcs:kubeClusters[2].meshEndpoint.port: 2380 is not allowed with type "
                        + "LoadBalancer; allowed: 2379 (the clustermesh-apiserver Service port the Cilium chart "
                        + "creates)"),
                errors(THREE.replace("port: 2379, address", "port: 2380, address")));
    }

    @Test
    void everyPeerNeedsAnEndpoint() {
        assertEquals(
                List.of("config error: mysqlcs:kubeClusters[2].meshEndpoint.address: is required with type "
                        + "LoadBalancer; allowed: an IP address or DNS name"),
                errors(THREE.replace(", address: 10.2.255.1", "")));
        // A second cluster without members still joins the mesh: it needs node IPs too.
        String membersInProdOnly = THREE.replace(
                        "      - {name: dr, namespace: mysql-dr, kubeCluster: dr, baseServerId: 200}\n", "")
                .replace("      - {name: dr2, namespace: mysql-dr2, kubeCluster: dr2, baseServerId: 300}\n", "")
                .replace("nodeIps: [10.1.0.11]", "nodeIps: []");
        assertEquals(
                List.of("config error: mysqlcs:kubeClusters[1].nodeIps: is required when mysqlcs:kubeClusters "
                        + "lists several clusters: peers forward DNS and reach the clustermesh-apiserver NodePort "
                        + "there; allowed: node IP addresses"),
                errors(membersInProdOnly));
    }

    @Test
    void podCidrsMustBeNetworksThatDoNotOverlap() {
        String cidrs = THREE.replace("context: ctx-prod\n", "context: ctx-prod\n      podCidr: 10.42.0.0/16\n")
                .replace("context: ctx-dr\n", "context: ctx-dr\n      podCidr: 10.42.128.0/17\n")
                .replace("context: ctx-dr2\n", "context: ctx-dr2\n      podCidr: \"fd00:42::/56\"\n");
        assertEquals(
                List.of("config error: mysqlcs:kubeClusters[1].podCidr: '10.42.128.0/17' overlaps '10.42.0.0/16' "
                        + "of mysqlcs:kubeClusters[0] (prod); allowed: pod CIDRs that do not overlap across the mesh "
                        + "(Cilium routes pod IPs between clusters)"),
                errors(cidrs));
        assertEquals(List.of(), errors(cidrs.replace("10.42.128.0/17", "10.43.0.0/16")));
    }

    @Test
    void podCidrsMustBeWellFormed() {
        String bad = THREE.replace("context: ctx-prod\n", "context: ctx-prod\n      podCidr: 10.42.0.0\n")
                .replace("context: ctx-dr\n", "context: ctx-dr\n      podCidr: 10.42.0.1/16\n")
                .replace("context: ctx-dr2\n", "context: ctx-dr2\n      podCidr: 10.44.0.0/33\n");
        assertEquals(
                List.of(
                        "config error: mysqlcs:kubeClusters[0].podCidr: '10.42.0.0' is not a CIDR; allowed: "
                                + "ADDRESS/PREFIX such as 10.42.0.0/16 or fd00:42::/56",
                        "config error: mysqlcs:kubeClusters[1].podCidr: '10.42.0.1/16' has host bits set; allowed: the "
                                + "network address, e.g. 10.42.0.0/16",
                        "config error: mysqlcs:kubeClusters[2].podCidr: '10.44.0.0/33' has prefix length 33; "
                                + "allowed: 0..32"),
                errors(bad));
    }

    @Test
    void aNamespaceHoldsMembersInOneKubernetesClusterOnly() {
        assertEquals(
                List.of("config error: mysqlcs:clusterSet.members[2].namespace: 'mysql-dr' is also the namespace "
                        + "of mysqlcs:clusterSet.members[1] in Kubernetes cluster 'dr'; cross-cluster DNS forwards "
                        + "mysql-dr.svc.cluster.local to one cluster only; allowed: a namespace used in one Kubernetes "
                        + "cluster only"),
                errors(THREE.replace("namespace: mysql-dr2", "namespace: mysql-dr")));
    }

    @Test
    void theFoundationsMeshRulesStillHold() {
        assertEquals(
                List.of("config error: mysqlcs:kubeClusters[2].cilium.clusterId: 2 is already the Cilium cluster "
                        + "id of mysqlcs:kubeClusters[1]; allowed: ids unique across the mesh"),
                errors(THREE.replace("clusterId: 3", "clusterId: 2")));
        assertEquals(
                List.of("config error: mysqlcs:kubeClusters[2].cilium.clusterId: 300 is out of range; allowed: "
                        + "1..255 (1..511 with mysqlcs:maxConnectedClusters: 511)"),
                errors(THREE.replace("clusterId: 3", "clusterId: 300")));
        assertEquals(
                List.of(),
                errors(THREE.replace("clusterId: 3", "clusterId: 300")
                        .replace("config:\n", "config:\n  mysqlcs:maxConnectedClusters: 511\n")));
    }
}
