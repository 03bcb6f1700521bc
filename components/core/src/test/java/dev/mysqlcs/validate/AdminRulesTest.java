package dev.mysqlcs.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mysqlcs.config.ConfigError;
import dev.mysqlcs.config.InvalidConfigException;
import dev.mysqlcs.config.TopologyLoader;
import dev.mysqlcs.config.TopologyParser;
import dev.mysqlcs.testing.ConfigFixtures;
import dev.mysqlcs.testing.MeshFixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rules a DBA and a cluster admin insist on (README "Rules"), one test each. */
class AdminRulesTest {

    private static final String PROD = ConfigFixtures.shipped("Pulumi.prod.yaml");

    private static List<String> errors(String yaml) {
        InvalidConfigException e =
                assertThrows(InvalidConfigException.class, () -> TopologyLoader.load(MeshFixtures.withCa(yaml), true));
        return e.errors().stream().map(ConfigError::render).toList();
    }

    private static void passes(String yaml) {
        TopologyLoader.load(MeshFixtures.withCa(yaml), true);
    }

    @Test
    void kubeContextMustNotBeEmpty() {
        assertEquals(
                List.of("config error: mysqlcs:kubeClusters[1].context: is empty (the provider would deploy to "
                        + "whatever context is current); allowed: the kubeconfig context of this cluster"),
                errors(PROD.replace("context: context-cabqjcrx6nq", "context: \"\"")));
        assertEquals(
                1,
                errors(PROD.replace("context: context-cabqjcrx6nq", "context: \"  \""))
                        .size());
    }

    @Test
    void kubeContextsAreDistinctPerCluster() {
        assertEquals(
                List.of("config error: mysqlcs:kubeClusters[1].context: 'context-che34bk2roa' is already the "
                        + "context of mysqlcs:kubeClusters[0]; allowed: one kubeconfig context per Kubernetes cluster"),
                errors(PROD.replace("context: context-cabqjcrx6nq", "context: context-che34bk2roa")));
        // The same context name in two kubeconfig files names two clusters.
        passes(PROD.replace("context: context-cabqjcrx6nq", "context: context-che34bk2roa\n      kubeconfig: /k/dr"));
    }

    @Test
    void memberNamespacesAreNeverSystemNamespaces() {
        for (String ns : List.of("default", "kube-system", "kube-public", "kube-node-lease", "kube-flannel")) {
            assertEquals(
                    List.of("config error: mysqlcs:clusterSet.members[1].namespace: '" + ns + "' is a system "
                            + "namespace (Kubernetes'); allowed: a namespace of its own, not default, kube-* or "
                            + "mysql-operator"),
                    errors(PROD.replace("namespace: mysql-dr", "namespace: " + ns)),
                    ns);
        }
    }

    @Test
    void memberNamespaceIsNeverTheOperatorsNamespace() {
        assertEquals(
                List.of("config error: mysqlcs:clusterSet.members[1].namespace: 'mysql-operator' is a system "
                        + "namespace (the MySQL Operator's); allowed: a namespace of its own, not default, kube-* or "
                        + "mysql-operator"),
                errors(PROD.replace("namespace: mysql-dr", "namespace: mysql-operator")));
        String ops = PROD + "  mysqlcs:mysqlOperator: {namespace: ops}\n";
        assertEquals(
                List.of("config error: mysqlcs:clusterSet.members[1].namespace: 'ops' is a system namespace "
                        + "(the MySQL Operator's); allowed: a namespace of its own, not default, kube-* or "
                        + "mysql-operator or ops"),
                errors(ops.replace("namespace: mysql-dr", "namespace: ops")));
    }

    @Test
    void memberNamespaceIsNeverCiliums() {
        // Cilium runs in kube-system here (CiliumSettings.NAMESPACE), which the Kubernetes rule already names.
        assertEquals(
                1,
                errors(PROD.replace("namespace: mysql-dr", "namespace: " + dev.mysqlcs.model.CiliumSettings.NAMESPACE))
                        .size());
    }

    @Test
    void baseServerIdIsOneOrHigher() {
        assertEquals(
                List.of("config error: mysqlcs:clusterSet.members[0].baseServerId: 0 is out of range; allowed: "
                        + "1..4294967195 (server_id 0 stops a server from replicating)"),
                errors(PROD.replace("baseServerId: 100", "baseServerId: 0")));
        passes(PROD.replace("baseServerId: 100", "baseServerId: 1"));
    }

    @Test
    void serverIdRangeStaysWithin32Bits() {
        // The CRD's maximum leaves room for the largest InnoDBCluster (9 instances).
        assertEquals(
                true,
                TopologyValidator.MAX_BASE_SERVER_ID + TopologyValidator.MAX_INSTANCES - 1
                        <= TopologyValidator.MAX_SERVER_ID);
        passes(PROD.replace("baseServerId: 100", "baseServerId: 4294967195")
                .replace(
                        "instances: 3\n        "
                                + "routerInstances: 1\n        edition: community\n        tls: {useSelfSigned: true}\n      - name: dr",
                        "instances: 9\n        routerInstances: 1\n        edition: community\n        tls: {useSelfSigned: "
                                + "true}\n      - name: dr"));
        assertEquals(
                1,
                errors(PROD.replace("baseServerId: 100", "baseServerId: 4294967295"))
                        .size());
    }

    @Test
    void mysqlVersionsHaveClusterSet() {
        assertEquals(
                List.of("config error: mysqlcs:clusterSet.members[0].version: '8.0.26' has no InnoDB ClusterSet; "
                        + "allowed: MySQL 8.0.27 or newer"),
                errors(PROD.replace("baseServerId: 100", "baseServerId: 100\n        version: 8.0.26")));
        // Both 8.0.27: below 8.0.37 clone needs the same patch (mysqlshdk/libs/mysql/clone.cc).
        passes(PROD.replace("baseServerId: 100", "baseServerId: 100\n        version: 8.0.27")
                .replace("baseServerId: 200", "baseServerId: 200\n        version: 8.0.27"));
    }

    @Test
    void oneVersionLineAcrossMembersUnlessAllowed() {
        String mixed = PROD.replace("baseServerId: 100", "baseServerId: 100\n        version: 8.4.3")
                .replace("baseServerId: 200", "baseServerId: 200\n        version: 9.1.0");
        assertEquals(
                List.of("config error: mysqlcs:clusterSet.members[1].version: '9.1.0' is another version line "
                        + "than 8.4 of mysqlcs:clusterSet.members[0]; allowed: the same MAJOR.MINOR on every member "
                        + "(set version on each), or mysqlcs:clusterSet.allowMixedVersions: true"),
                errors(mixed));
        passes(mixed.replace("linkage: provider", "linkage: provider\n    allowMixedVersions: true"));
        passes(mixed.replace("9.1.0", "8.4.5"));
    }

    @Test
    void theProviderCheckRunsTheSameClusterSetRules() {
        var spec = TopologyParser.parseClusterSet("{\"name\":\"mycs\",\"primary\":\"a\",\"members\":[{\"name\":\"a\","
                + "\"namespace\":\"kube-system\",\"kubeCluster\":\"k\",\"baseServerId\":0,\"version\":\"8.0.20\"}]}");
        assertEquals(
                List.of(
                        "config error: mysqlcs:clusterSet.members[0].namespace: 'kube-system' is a system namespace "
                                + "(Kubernetes'); allowed: a namespace of its own, not default, kube-* or mysql-operator",
                        "config error: mysqlcs:clusterSet.members[0].baseServerId: 0 is out of range; allowed: 1..4294967195 "
                                + "(server_id 0 stops a server from replicating)",
                        "config error: mysqlcs:clusterSet.members[0].version: '8.0.20' has no InnoDB ClusterSet; allowed: "
                                + "MySQL 8.0.27 or newer"),
                TopologyValidator.validateClusterSet(spec.clusterSet().orElseThrow(), List.of("k")).stream()
                        .map(ConfigError::render)
                        .toList());
    }
}
