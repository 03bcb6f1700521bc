package dev.mysqlcs.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mysqlcs.config.ConfigError;
import dev.mysqlcs.config.InvalidConfigException;
import dev.mysqlcs.config.TopologyLoader;
import dev.mysqlcs.testing.ConfigFixtures;
import dev.mysqlcs.testing.MeshFixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One test per rule: each asserts the exact line a user sees. */
class TopologyValidatorTest {

    /** Two Kubernetes clusters, two members: seed 001's shape. Each test changes one thing. */
    static final String VALID = """
            config:
              mysqlcs:deploy: [prod]
              mysqlcs:rootPassword: {secure: AAABAx}
              mysqlcs:kubeClusters:
                - name: prod
                  context: ctx1
                  nodeIps: [10.0.0.11, 10.0.0.12]
                  cilium: {clusterName: prod, clusterId: 1}
                - name: dr
                  context: ctx2
                  nodeIps: [10.1.0.11]
                  cilium: {clusterName: dr, clusterId: 2}
              mysqlcs:clusterSet:
                name: mycs
                primary: prd
                members:
                  - {name: prd, namespace: mysql-prod, kubeCluster: prod, baseServerId: 100, instances: 3}
                  - {name: dr, namespace: mysql-dr, kubeCluster: dr, baseServerId: 200, instances: 3}
            """;

    private static List<String> errors(String yaml) {
        InvalidConfigException e =
                assertThrows(InvalidConfigException.class, () -> TopologyLoader.load(MeshFixtures.withCa(yaml), false));
        return e.errors().stream().map(ConfigError::render).toList();
    }

    private static String with(String from, String to) {
        if (!VALID.contains(from)) {
            throw new IllegalArgumentException("fixture has no " + from);
        }
        return VALID.replace(from, to);
    }

    @Test
    void acceptsTheValidFixture() {
        assertEquals("prd", ConfigFixtures.topology(VALID).clusterSet().primary());
    }

    @Test
    void rejectsOverlappingServerIdRangesNamingBothMembers() {
        assertEquals(
                List.of("config error: mysqlcs:clusterSet.members[1].baseServerId: server IDs 102-104 of 'dr' "
                        + "overlap server IDs 100-102 of 'prd' (mysqlcs:clusterSet.members[0]); allowed: ranges "
                        + "[baseServerId, baseServerId + instances - 1] unique across the ClusterSet"),
                errors(with("baseServerId: 200", "baseServerId: 102")));
    }

    private static String versions(String prd, String dr) {
        return with("baseServerId: 100, instances: 3}", "baseServerId: 100, instances: 3, version: " + prd + "}")
                .replace("baseServerId: 200, instances: 3}", "baseServerId: 200, instances: 3, version: " + dr + "}");
    }

    @Test
    void rejectsMemberVersionsMySqlShellCannotCloneBetween() {
        List<String> lines = errors(versions("8.4.3", "9.1.0"));
        assertEquals(1, lines.size(), lines.toString());
        assertTrue(
                lines.get(0).startsWith("config error: mysqlcs:clusterSet.members[1].version: '9.1.0'"),
                lines.toString());
        assertEquals(
                List.of("config error: mysqlcs:clusterSet.members[1].version: '8.0.36' cannot be cloned from or "
                        + "to mysqlcs:clusterSet.members[0].version '8.0.40' (MySQL Shell's clone check); allowed: the same "
                        + "MAJOR.MINOR (8.0.x), and below 8.4 the same patch unless both are 8.0.37 or newer"),
                errors(versions("8.0.40", "8.0.36")));
    }

    @Test
    void acceptsCloneCompatibleMemberVersions() {
        for (String[] v : new String[][] {{"8.4.3", "8.4.6"}, {"8.0.37", "8.0.41"}, {"8.0.31", "8.0.31"}}) {
            assertEquals(
                    2,
                    ConfigFixtures.topology(versions(v[0], v[1]))
                            .clusterSet()
                            .members()
                            .size());
        }
    }

    @Test
    void rejectsInvalidateReplicaClustersThatAreNotReplicas() {
        List<String> e = errors(
                with("    primary: prd\n", "    primary: prd\n    invalidateReplicaClusters: [prd, " + "nope]\n"));
        assertEquals(
                List.of(
                        "config error: mysqlcs:clusterSet.invalidateReplicaClusters[0]: 'prd' is "
                                + "mysqlcs:clusterSet.primary, the cluster being promoted; allowed: the other members",
                        "config error: mysqlcs:clusterSet.invalidateReplicaClusters[1]: 'nope' is not one of "
                                + "mysqlcs:clusterSet.members; allowed: prd, dr"),
                e);
    }

    private static String drRouting(String routing) {
        return with("baseServerId: 200, instances: 3}", "baseServerId: 200, instances: 3, routing: " + routing + "}");
    }

    @Test
    void acceptsTheShellsClusterSetRoutingOptions() {
        var routing = ConfigFixtures.topology(drRouting("{target_cluster: dr, invalidated_cluster_policy: accept_ro, "
                        + "stats_updates_frequency: 30, use_replica_primary_as_rw: true, read_only_targets: all}"))
                .clusterSet()
                .member("dr")
                .orElseThrow()
                .routing()
                .values();
        assertEquals(
                java.util.Map.of(
                        "target_cluster",
                        "dr",
                        "invalidated_cluster_policy",
                        "accept_ro",
                        "stats_updates_frequency",
                        30L,
                        "use_replica_primary_as_rw",
                        true,
                        "read_only_targets",
                        "all"),
                routing);
    }

    @Test
    void rejectsRoutingValuesTheShellRejectsNamingTheAllowedOnes() {
        assertEquals(
                List.of(
                        "config error: mysqlcs:clusterSet.members[1].routing.invalidated_cluster_policy: is "
                                + "'drop'; allowed: drop_all, accept_ro",
                        "config error: mysqlcs:clusterSet.members[1].routing.stats_updates_frequency: -1 is negative; "
                                + "allowed: seconds between the routers' statistics updates, 0..9007199254740991 "
                                + "(0: none)",
                        "config error: mysqlcs:clusterSet.members[1].routing.read_only_targets: is 'none'; allowed: all, "
                                + "read_replicas, secondaries"),
                errors(drRouting("{invalidated_cluster_policy: drop, read_only_targets: none, "
                        + "stats_updates_frequency: -1}")));
        assertEquals(
                List.of("config error: mysqlcs:clusterSet.members[1].routing.target_cluster: 'nope' is neither "
                        + "'primary' nor one of mysqlcs:clusterSet.members; allowed: primary, prd, dr"),
                errors(drRouting("{target_cluster: nope}")));
        assertEquals(
                List.of("config error: mysqlcs:clusterSet.members[1].routing.guideline: unknown setting; allowed: "
                        + "invalidated_cluster_policy, read_only_targets, stats_updates_frequency, tags, "
                        + "target_cluster, use_replica_primary_as_rw"),
                errors(drRouting("{guideline: g1}")));
    }

    @Test
    void acceptsRouterTagsOfScalarValues() {
        var routing = ConfigFixtures.topology(drRouting("{tags: {zone: eu-1, weight: 3, canary: false}}"))
                .clusterSet()
                .member("dr")
                .orElseThrow()
                .routing()
                .values();
        assertEquals(
                java.util.Map.of("tags", java.util.Map.of("canary", false, "weight", 3L, "zone", "eu-1")), routing);
        assertEquals(
                "{\"canary\":false,\"weight\":3,\"zone\":\"eu-1\"}",
                dev.mysqlcs.model.RoutingOptions.json(routing.get("tags")));
        // An empty map is allowed: the routers keep no tags of their own.
        assertEquals(
                java.util.Map.of("tags", java.util.Map.of()),
                ConfigFixtures.topology(drRouting("{tags: {}}"))
                        .clusterSet()
                        .member("dr")
                        .orElseThrow()
                        .routing()
                        .values());
    }

    @Test
    void rejectsRouterTagsTheShellsTagFormRejectsNamingTheAllowedOnes() {
        String allowed = "allowed: a map of tag names (letters, digits and '_', not starting with a digit or '_', as "
                + "the Shell's setRoutingOption('tag:<name>', ...) requires) to a string, a whole number or true/false";
        assertEquals(
                List.of(
                        "config error: mysqlcs:clusterSet.members[1].routing.tags.1st: '1st' is not a tag name; "
                                + allowed,
                        "config error: mysqlcs:clusterSet.members[1].routing.tags._hidden: '_hidden' is not a tag "
                                + "name; " + allowed,
                        "config error: mysqlcs:clusterSet.members[1].routing.tags.a: expected a string, a whole "
                                + "number or true/false, got a map; " + allowed,
                        "config error: mysqlcs:clusterSet.members[1].routing.tags.b: expected a string, a whole "
                                + "number or true/false, got a list; " + allowed,
                        "config error: mysqlcs:clusterSet.members[1].routing.tags.c: 1.5 is not a whole number in "
                                + "-9007199254740991..9007199254740991; " + allowed,
                        "config error: mysqlcs:clusterSet.members[1].routing.tags.d: 9007199254740992 is not a whole "
                                + "number in -9007199254740991..9007199254740991; " + allowed),
                errors(drRouting("{tags: {1st: x, _hidden: true, a: {b: 1}, b: [1], c: 1.5, d: 9007199254740992}}")));
        assertEquals(
                List.of("config error: mysqlcs:clusterSet.members[1].routing.stats_updates_frequency: "
                        + "9007199254740992 is out of range; allowed: seconds between the routers' statistics "
                        + "updates, 0..9007199254740991 (0: none)"),
                errors(drRouting("{stats_updates_frequency: 9007199254740992}")));
        assertEquals(
                List.of("config error: mysqlcs:clusterSet.members[1].routing.tags: expected an object, got 'eu'; "
                        + "allowed: a mapping"),
                errors(drRouting("{tags: eu}")));
    }

    @Test
    void rejectsRemovingThePrimaryAsLost() {
        assertEquals(
                List.of("config error: mysqlcs:clusterSet.removeLostClusters[0]: 'prd' is "
                        + "mysqlcs:clusterSet.primary, never removed; allowed: the other members"),
                errors(with("    primary: prd\n", "    primary: prd\n    removeLostClusters: [prd]\n")));
    }

    @Test
    void acceptsAdjacentServerIdRanges() {
        assertEquals(
                103,
                ConfigFixtures.topology(with("baseServerId: 200", "baseServerId: 103"))
                        .clusterSet()
                        .members()
                        .get(1)
                        .baseServerId());
    }

    @Test
    void rejectsInstancesAboveNine() {
        assertEquals(
                List.of("config error: mysqlcs:clusterSet.members[0].instances: 10 is out of range; "
                        + "allowed: 1..9 (an InnoDBCluster has at most 9 members)"),
                errors(with("baseServerId: 100, instances: 3", "baseServerId: 100, instances: 10")));
    }

    @Test
    void rejectsZeroInstances() {
        assertEquals(
                List.of("config error: mysqlcs:clusterSet.members[0].instances: 0 is out of range; "
                        + "allowed: 1..9 (an InnoDBCluster has at most 9 members)"),
                errors(with("baseServerId: 100, instances: 3", "baseServerId: 100, instances: 0")));
    }

    @Test
    void rejectsNegativeRouterInstances() {
        assertEquals(
                List.of("config error: mysqlcs:clusterSet.members[0].routerInstances: -1 is out of range; "
                        + "allowed: 0 or more"),
                errors(with(
                        "instances: 3}\n      - {name: dr", "instances: 3, routerInstances: -1}\n      - {name: dr")));
    }

    @Test
    void rejectsInnoDbClusterNameThatIsNotADns1123Label() {
        assertEquals(
                List.of(
                        "config error: mysqlcs:clusterSet.primary: 'prd' is not a member of the ClusterSet; "
                                + "allowed: exactly one of Prd_1, dr",
                        "config error: mysqlcs:clusterSet.members[0].name: 'Prd_1' is not a valid "
                                + "InnoDBCluster name; allowed: a DNS-1123 label (lowercase letters, digits and '-', starting "
                                + "and ending with a letter or digit) of at most 40 characters"),
                errors(with("{name: prd,", "{name: Prd_1,")));
    }

    @Test
    void rejectsInnoDbClusterNameLongerThanForty() {
        String name = "a".repeat(41);
        assertEquals(
                List.of("config error: mysqlcs:clusterSet.members[0].name: '" + name + "' is not a valid "
                        + "InnoDBCluster name; allowed: a DNS-1123 label (lowercase letters, digits and '-', starting "
                        + "and ending with a letter or digit) of at most 40 characters"),
                errors(with("primary: prd", "primary: " + name).replace("{name: prd,", "{name: " + name + ",")));
    }

    @Test
    void acceptsInnoDbClusterNameOfExactlyForty() {
        String name = "a".repeat(40);
        assertEquals(
                name,
                ConfigFixtures.topology(
                                with("primary: prd", "primary: " + name).replace("{name: prd,", "{name: " + name + ","))
                        .clusterSet()
                        .primary());
    }

    @Test
    void rejectsDuplicateInnoDbClusterNames() {
        assertEquals(
                List.of("config error: mysqlcs:clusterSet.members[1].name: 'prd' is already the name of "
                        + "mysqlcs:clusterSet.members[0]; allowed: InnoDBCluster names unique in the ClusterSet"),
                errors(with("{name: dr, namespace", "{name: prd, namespace")));
    }

    @Test
    void rejectsTwoMembersInOneNamespaceOfOneKubernetesCluster() {
        assertEquals(
                List.of("config error: mysqlcs:clusterSet.members[1].namespace: 'mysql-prod' in Kubernetes "
                        + "cluster 'prod' is already the namespace of mysqlcs:clusterSet.members[0]; allowed: one "
                        + "InnoDBCluster per namespace in each Kubernetes cluster"),
                errors(with("namespace: mysql-dr, kubeCluster: dr", "namespace: mysql-prod, kubeCluster: prod")));
    }

    /**
     * Cross-cluster DNS forwards {@code <namespace>.svc.<domain>} to the cluster holding the member, so the same
     * namespace in two clusters would shadow the local one; seed 001 requires unique namespaces in the ClusterSet.
     */
    @Test
    void rejectsTheSameNamespaceInTwoKubernetesClustersOfTheMesh() {
        assertEquals(
                List.of("config error: mysqlcs:clusterSet.members[1].namespace: 'mysql-prod' is also the "
                        + "namespace of mysqlcs:clusterSet.members[0] in Kubernetes cluster 'prod'; cross-cluster DNS "
                        + "forwards mysql-prod.svc.cluster.local to one cluster only; allowed: a namespace used in one "
                        + "Kubernetes cluster only"),
                errors(with("namespace: mysql-dr", "namespace: mysql-prod")));
    }

    @Test
    void rejectsBaseServerIdAboveTheOperatorMaximum() {
        assertEquals(
                List.of("config error: mysqlcs:clusterSet.members[1].baseServerId: 4294967196 is out of "
                        + "range; allowed: 1..4294967195"),
                errors(with("baseServerId: 200", "baseServerId: 4294967196")));
    }

    @Test
    void acceptsBaseServerIdAtTheRangeEnd() {
        assertEquals(
                4294967195L,
                ConfigFixtures.topology(with("baseServerId: 200", "baseServerId: 4294967195"))
                        .clusterSet()
                        .members()
                        .get(1)
                        .baseServerId());
    }

    @Test
    void rejectsNegativeBaseServerId() {
        assertEquals(
                List.of("config error: mysqlcs:clusterSet.members[1].baseServerId: -1 is out of range; "
                        + "allowed: 1..4294967195"),
                errors(with("baseServerId: 200", "baseServerId: -1")));
    }

    @Test
    void rejectsCiliumClusterIdOutsideOneTo255() {
        assertEquals(
                List.of("config error: mysqlcs:kubeClusters[1].cilium.clusterId: 256 is out of range; "
                        + "allowed: 1..255 (1..511 with mysqlcs:maxConnectedClusters: 511)"),
                errors(with("clusterId: 2}", "clusterId: 256}")));
        assertEquals(
                List.of("config error: mysqlcs:kubeClusters[0].cilium.clusterId: 0 is out of range; "
                        + "allowed: 1..255 (1..511 with mysqlcs:maxConnectedClusters: 511)"),
                errors(with("clusterId: 1}", "clusterId: 0}")));
    }

    @Test
    void acceptsCiliumClusterId511WithMaxConnectedClusters511() {
        String yaml = with("clusterId: 2}", "clusterId: 511}") + "  mysqlcs:maxConnectedClusters: 511\n";
        assertEquals(511, ConfigFixtures.topology(yaml).kubeClusters().get(1).ciliumId());
        assertEquals(
                List.of("config error: mysqlcs:kubeClusters[1].cilium.clusterId: 512 is out of range; "
                        + "allowed: 1..511"),
                errors(yaml.replace("clusterId: 511}", "clusterId: 512}")));
    }

    @Test
    void rejectsMaxConnectedClustersOtherThan255Or511() {
        assertEquals(
                List.of("config error: mysqlcs:maxConnectedClusters: 300 is not allowed; allowed: 255 or 511 "
                        + "(equal on every cluster, immutable once set)"),
                errors(VALID + "  mysqlcs:maxConnectedClusters: 300\n"));
    }

    @Test
    void rejectsDuplicateCiliumClusterIds() {
        assertEquals(
                List.of("config error: mysqlcs:kubeClusters[1].cilium.clusterId: 1 is already the Cilium "
                        + "cluster id of mysqlcs:kubeClusters[0]; allowed: ids unique across the mesh"),
                errors(with("clusterId: 2}", "clusterId: 1}")));
    }

    @Test
    void rejectsDuplicateCiliumClusterNames() {
        assertEquals(
                List.of("config error: mysqlcs:kubeClusters[1].cilium.clusterName: 'prod' is already the "
                        + "Cilium cluster name of mysqlcs:kubeClusters[0]; allowed: names unique across the mesh"),
                errors(with("clusterName: dr,", "clusterName: prod,")));
    }

    @Test
    void rejectsDuplicateKubeClusterNames() {
        List<String> errors = errors(with("- name: dr\n", "- name: prod\n"));
        assertTrue(
                errors.contains("config error: mysqlcs:kubeClusters[1].name: 'prod' is already the name of "
                        + "mysqlcs:kubeClusters[0]; allowed: unique names"),
                errors.toString());
    }

    @Test
    void rejectsMemberInUnknownKubernetesCluster() {
        assertEquals(
                List.of("config error: mysqlcs:clusterSet.members[1].kubeCluster: 'drr' is not one of "
                        + "mysqlcs:kubeClusters; allowed: prod, dr"),
                errors(with("kubeCluster: dr,", "kubeCluster: drr,")));
    }

    @Test
    void rejectsDeployOfUnknownKubernetesCluster() {
        assertEquals(
                List.of("config error: mysqlcs:deploy[0]: 'staging' is not one of mysqlcs:kubeClusters; "
                        + "allowed: prod, dr"),
                errors(with("mysqlcs:deploy: [prod]", "mysqlcs:deploy: [staging]")));
    }

    @Test
    void rejectsPrimaryThatIsNotAMember() {
        assertEquals(
                List.of("config error: mysqlcs:clusterSet.primary: 'mycluster1' is not a member of the "
                        + "ClusterSet; allowed: exactly one of prd, dr"),
                errors(with("primary: prd", "primary: mycluster1")));
    }

    @Test
    void rejectsMissingPrimary() {
        assertEquals(
                List.of("config error: mysqlcs:clusterSet.primary: is required; allowed: a string"),
                errors(with("    primary: prd\n", "")));
    }

    @Test
    void rejectsOperatorLinkageForCommunityEdition() {
        assertEquals(
                List.of(
                        "config error: mysqlcs:clusterSet.members[0].edition: 'community' cannot be linked by the "
                                + "operator: mysqlcs:clusterSet.linkage 'operator' (initDB.clusterSet) is "
                                + "Enterprise-only; allowed: enterprise, or linkage 'provider' for the community edition",
                        "config error: mysqlcs:clusterSet.members[1].edition: 'community' cannot be linked by the "
                                + "operator: mysqlcs:clusterSet.linkage 'operator' (initDB.clusterSet) is "
                                + "Enterprise-only; allowed: enterprise, or linkage 'provider' for the community edition"),
                errors(with("primary: prd", "primary: prd\n    linkage: operator")));
    }

    @Test
    void acceptsOperatorLinkageForEnterpriseEdition() {
        String yaml = with("primary: prd", "primary: prd\n    linkage: operator")
                .replace("instances: 3}", "instances: 3, edition: enterprise}");
        assertEquals(
                "operator", ConfigFixtures.topology(yaml).clusterSet().linkage().value());
    }

    @Test
    void rejectsUnknownEdition() {
        assertEquals(
                List.of("config error: mysqlcs:clusterSet.members[0].edition: 'premium' is not allowed; "
                        + "allowed: community, enterprise"),
                errors(with("baseServerId: 100, instances: 3}", "baseServerId: 100, instances: 3, edition: premium}")));
    }

    @Test
    void rejectsMalformedNodeIp() {
        assertEquals(
                List.of("config error: mysqlcs:kubeClusters[0].nodeIps[1]: '10.0.0.256' is not an IP "
                        + "address; allowed: IPv4 such as 10.0.0.11 or IPv6 such as fd00::11"),
                errors(with("10.0.0.12]", "10.0.0.256]")));
    }

    @Test
    void acceptsIpv6NodeIps() {
        assertEquals(
                List.of("fd00::11", "10.0.0.12"),
                ConfigFixtures.topology(with("10.0.0.11,", "'fd00::11',"))
                        .kubeClusters()
                        .get(0)
                        .nodeIps());
    }

    @Test
    void rejectsHostNameAsNodeIpWithoutResolvingIt() {
        assertEquals(
                List.of("config error: mysqlcs:kubeClusters[1].nodeIps[0]: 'node1.example.com' is not an IP "
                        + "address; allowed: IPv4 such as 10.0.0.11 or IPv6 such as fd00::11"),
                errors(with("[10.1.0.11]", "[node1.example.com]")));
    }

    @Test
    void requiresNodeIpsWhenTheClusterSetSpansClusters() {
        assertEquals(
                List.of("config error: mysqlcs:kubeClusters[1].nodeIps: is required when the ClusterSet spans "
                        + "several Kubernetes clusters: peers forward DNS and reach the clustermesh-apiserver NodePort "
                        + "there; allowed: node IP addresses"),
                errors(with("      nodeIps: [10.1.0.11]\n", "")));
    }

    @Test
    void rejectsDnsNodePortOutsideTheNodePortRange() {
        assertEquals(
                List.of("config error: mysqlcs:kubeClusters[0].dns.nodePort: 53 is out of range; allowed: "
                        + "30000..32767 (the Kubernetes NodePort range)"),
                errors(with("clusterId: 1}", "clusterId: 1}\n      dns: {nodePort: 53}")));
    }

    @Test
    void rejectsMeshNodePortOutsideTheNodePortRange() {
        assertEquals(
                List.of("config error: mysqlcs:kubeClusters[0].meshEndpoint.port: 2379 is out of range; "
                        + "allowed: 30000..32767 (the Kubernetes NodePort range)"),
                errors(with("clusterId: 1}", "clusterId: 1}\n      meshEndpoint: {type: NodePort, port: 2379}")));
    }

    @Test
    void rejectsLoadBalancerEndpointWithoutAddressOrWithBadPort() {
        assertEquals(
                List.of(
                        "config error: mysqlcs:kubeClusters[0].meshEndpoint.port: 70000 is out of range; "
                                + "allowed: 1..65535",
                        "config error: mysqlcs:kubeClusters[0].meshEndpoint.address: is required with type "
                                + "LoadBalancer; allowed: an IP address or DNS name"),
                errors(with("clusterId: 1}", "clusterId: 1}\n      meshEndpoint: {type: LoadBalancer, port: 70000}")));
    }

    @Test
    void rejectsUnknownMeshEndpointType() {
        assertEquals(
                List.of("config error: mysqlcs:kubeClusters[0].meshEndpoint.type: 'ClusterIP' is not "
                        + "allowed; allowed: NodePort, LoadBalancer"),
                errors(with("clusterId: 1}", "clusterId: 1}\n      meshEndpoint: {type: ClusterIP}")));
    }

    @Test
    void rejectsUnknownDnsMode() {
        assertEquals(
                List.of("config error: mysqlcs:kubeClusters[0].dns.mode: 'hosts' is not allowed; allowed: "
                        + "coredns-custom, corefile"),
                errors(with("clusterId: 1}", "clusterId: 1}\n      dns: {mode: hosts}")));
    }

    @Test
    void rejectsMalformedStorageQuantity() {
        assertEquals(
                List.of("config error: mysqlcs:clusterSet.members[0].storage: '2GB' is not a Kubernetes "
                        + "quantity; allowed: a size such as 2Gi, 500Mi or 10G"),
                errors(with("baseServerId: 100, instances: 3}", "baseServerId: 100, instances: 3, storage: 2GB}")));
    }

    @Test
    void rejectsMalformedMysqlVersion() {
        assertEquals(
                List.of("config error: mysqlcs:clusterSet.members[0].version: '9.1' is not a MySQL version; "
                        + "allowed: MAJOR.MINOR.PATCH such as 9.1.0"),
                errors(with("baseServerId: 100, instances: 3}", "baseServerId: 100, instances: 3, version: '9.1'}")));
    }

    @Test
    void requiresTlsSecretsWhenNotSelfSigned() {
        assertEquals(
                List.of(
                        "config error: mysqlcs:clusterSet.members[0].tls.caSecretName: is required when "
                                + "tls.useSelfSigned is false; allowed: the name of the Secret holding the CA certificate",
                        "config error: mysqlcs:clusterSet.members[0].tls.serverSecretName: is required when "
                                + "tls.useSelfSigned is false; allowed: the name of the Secret holding the server "
                                + "certificate"),
                errors(with(
                        "baseServerId: 100, instances: 3}",
                        "baseServerId: 100, instances: 3, tls: {useSelfSigned: false}}")));
    }

    @Test
    void rejectsInvalidClusterSetName() {
        assertEquals(
                List.of("config error: mysqlcs:clusterSet.name: '1cs' is not a valid ClusterSet name; allowed: "
                        + "letters, digits, '_', '.' and '-', starting with a letter or '_', at most 63 characters"),
                errors(with("name: mycs", "name: 1cs")));
    }

    @Test
    void rejectsInvalidClusterDomain() {
        assertEquals(
                List.of("config error: mysqlcs:clusterSet.domain: 'Cluster_Local' is not a valid Kubernetes "
                        + "cluster domain; allowed: a DNS-1123 subdomain such as cluster.local"),
                errors(with("name: mycs", "name: mycs\n    domain: Cluster_Local")));
    }

    @Test
    void reportsEveryErrorAtOnce() {
        String yaml = with("baseServerId: 200, instances: 3", "baseServerId: 200, instances: 12")
                .replace("clusterId: 2}", "clusterId: 300}")
                .replace("primary: prd", "primary: nope");
        assertEquals(3, errors(yaml).size());
    }
}
