package dev.mysqlcs.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mysqlcs.model.DnsMode;
import dev.mysqlcs.model.Edition;
import dev.mysqlcs.model.Linkage;
import dev.mysqlcs.model.Member;
import dev.mysqlcs.model.MeshEndpoint;
import dev.mysqlcs.model.Topology;
import dev.mysqlcs.testing.ConfigFixtures;
import dev.mysqlcs.testing.MeshFixtures;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TopologyParserTest {

    private static List<String> errors(String yaml, boolean offline) {
        InvalidConfigException e = assertThrows(
                InvalidConfigException.class, () -> TopologyLoader.load(MeshFixtures.withCa(yaml), offline));
        return e.errors().stream().map(ConfigError::render).toList();
    }

    @Test
    void readsSeed001ProdStackExactly() {
        Topology t = ConfigFixtures.prod();
        assertEquals(List.of("prod"), t.deploy());
        assertEquals("mycs", t.clusterSet().name());
        assertEquals("cluster.local", t.clusterSet().domain());
        assertEquals("prd", t.clusterSet().primary());
        assertEquals(Linkage.PROVIDER, t.clusterSet().linkage());
        Member prd = t.clusterSet().member("prd").orElseThrow();
        assertEquals("mysql-prod", prd.namespace());
        assertEquals("prod", prd.kubeCluster());
        assertEquals(100, prd.baseServerId());
        assertEquals(3, prd.instances());
        assertEquals(1, prd.routerInstances());
        assertEquals(Edition.COMMUNITY, prd.edition());
        assertTrue(prd.tls().useSelfSigned());
        assertEquals("100-102", prd.serverIds().toString());
        Member dr = t.clusterSet().member("dr").orElseThrow();
        assertEquals("mysql-dr", dr.namespace());
        assertEquals(200, dr.baseServerId());
        assertEquals("200-202", dr.serverIds().toString());
        var prodKube = t.kubeCluster("prod").orElseThrow();
        assertEquals("context-che34bk2roa", prodKube.context());
        assertEquals(1, prodKube.ciliumId());
        assertEquals(List.of("158.178.237.122"), prodKube.nodeIps());
        assertEquals(new MeshEndpoint(MeshEndpoint.Type.NODE_PORT, 32379, Optional.empty()), prodKube.meshEndpoint());
        assertEquals(DnsMode.COREFILE, prodKube.dnsMode());
        assertEquals(30053, prodKube.dnsNodePort());
        assertEquals(2, t.kubeCluster("dr").orElseThrow().ciliumId());
        assertEquals("context-cabqjcrx6nq", t.kubeCluster("dr").orElseThrow().context());
        assertTrue(t.multiCluster());
        assertEquals("root", t.root().user());
        assertEquals("%", t.root().host());
    }

    @Test
    void drStackCarriesTheSameTopologyAndDeploysOnlyDr() {
        Topology prod = ConfigFixtures.prod();
        Topology dr = ConfigFixtures.dr();
        assertEquals(List.of("dr"), dr.deploy());
        assertEquals(prod.clusterSet(), dr.clusterSet());
        assertEquals(prod.kubeClusters(), dr.kubeClusters());
        assertEquals(
                List.of("dr"), dr.deployedMembers().stream().map(Member::name).toList());
    }

    @Test
    void readsSeed000EnterpriseExampleExactly() {
        Topology t = ConfigFixtures.enterpriseExample();
        assertEquals(Linkage.OPERATOR, t.clusterSet().linkage());
        assertEquals("mycluster1", t.clusterSet().primary());
        assertEquals(
                List.of("mycluster1", "mycluster2", "mycluster3", "mycluster4"),
                t.clusterSet().members().stream().map(Member::name).toList());
        assertEquals(
                List.of("clusterns1", "clusterns2", "clusterns3", "clusterns4"),
                t.clusterSet().members().stream().map(Member::namespace).toList());
        assertEquals(
                List.of(1000L, 2020L, 2030L, 2040L),
                t.clusterSet().members().stream().map(Member::baseServerId).toList());
        assertTrue(t.clusterSet().members().stream()
                .allMatch(m -> m.edition() == Edition.ENTERPRISE && m.instances() == 3 && m.routerInstances() == 1));
        assertFalse(t.multiCluster());
        assertEquals(
                "mycluster1-0.mycluster1-instances.clusterns1.svc.cluster.local",
                t.clusterSet().primaryMember().pod0Fqdn(t.clusterSet().domain()));
    }

    @Test
    void appliesDocumentedDefaults() {
        Topology t = ConfigFixtures.topology("""
                config:
                  mysqlcs:deploy: [k]
                  mysqlcs:kubeClusters: [{name: k, context: c, cilium: {clusterId: 7}}]
                  mysqlcs:clusterSet:
                    name: cs
                    primary: a
                    members: [{name: a, namespace: ns, kubeCluster: k, baseServerId: 1}]
                """);
        Member a = t.clusterSet().members().get(0);
        assertEquals(3, a.instances());
        assertEquals(1, a.routerInstances());
        assertEquals(Edition.COMMUNITY, a.edition());
        assertTrue(a.tls().useSelfSigned());
        assertEquals(Optional.empty(), a.version());
        assertEquals(Optional.empty(), a.storage());
        assertEquals("cluster.local", t.clusterSet().domain());
        assertEquals(Linkage.PROVIDER, t.clusterSet().linkage());
        assertEquals("k", t.kubeClusters().get(0).ciliumName());
        assertEquals(
                new MeshEndpoint(MeshEndpoint.Type.NODE_PORT, 32379, Optional.empty()),
                t.kubeClusters().get(0).meshEndpoint());
        assertEquals(255, t.maxConnectedClusters());
        assertEquals("root", t.root().user());
        assertEquals("%", t.root().host());
    }

    @Test
    void missingRootPasswordIsAWarningOfflineAndAnErrorForADeployment() {
        String yaml = ConfigFixtures.shipped("Pulumi.prod.yaml");
        var loaded = TopologyLoader.load(MeshFixtures.withCa(yaml), true);
        assertEquals(
                List.of("mysqlcs:rootPassword: is required (the MySQL root password of every member); set it "
                        + "with: pulumi config set --secret mysqlcs:rootPassword"),
                loaded.warnings());
        assertEquals(
                List.of("config error: mysqlcs:rootPassword: is required (the MySQL root password of every "
                        + "member); allowed: a secret, set with: pulumi config set --secret mysqlcs:rootPassword"),
                errors(yaml, false));
    }

    @Test
    void encryptedRootPasswordCountsAsPresent() {
        String yaml = ConfigFixtures.shipped("Pulumi.prod.yaml") + "  mysqlcs:rootPassword: {secure: v1:abc}\n";
        var loaded = TopologyLoader.load(MeshFixtures.withCa(yaml), false);
        assertTrue(loaded.topology().root().passwordConfigured());
        assertEquals(List.of(), loaded.warnings());
    }

    @Test
    void plainTextRootPasswordIsRefused() {
        String yaml = ConfigFixtures.shipped("Pulumi.prod.yaml") + "  mysqlcs:rootPassword: sakila\n";
        assertEquals(
                List.of(
                        "config error: mysqlcs:rootPassword: must be a secret; allowed: a secret, set with: pulumi config set "
                                + "--secret mysqlcs:rootPassword"),
                errors(yaml, false));
    }

    @Test
    void reportsMissingRequiredKeys() {
        assertEquals(
                List.of(
                        "config error: mysqlcs:clusterSet: is required; allowed: the ClusterSet name, domain, primary and members",
                        "config error: mysqlcs:kubeClusters: is required; allowed: one entry per Kubernetes cluster of the mesh",
                        "config error: mysqlcs:deploy: is required; allowed: the names of the kubeClusters this stack deploys into, "
                                + "e.g. [prod]"),
                errors("config: {}\n", true));
    }

    @Test
    void reportsMisspelledSettingWithTheAllowedOnes() {
        String yaml = ConfigFixtures.shipped("Pulumi.prod.yaml")
                        .replaceFirst("routerInstances: 1\n        edition", "routers: 1\n        edition")
                + "  mysqlcs:rootPassword: {secure: x}\n";
        assertEquals(
                List.of("config error: mysqlcs:clusterSet.members[0].routers: unknown setting; allowed: "
                        + "baseServerId, drillIsolation, edition, instances, kubeCluster, name, namespace, placement, "
                        + "routerInstances, routing, storage, tls, version"),
                errors(yaml, false));
    }

    @Test
    void reportsWrongTypesWithoutCascadingRangeErrors() {
        String yaml = ConfigFixtures.shipped("Pulumi.prod.yaml").replace("baseServerId: 100", "baseServerId: abc")
                + "  mysqlcs:rootPassword: {secure: x}\n";
        assertEquals(
                List.of("config error: mysqlcs:clusterSet.members[0].baseServerId: expected an integer, got "
                        + "'abc'; allowed: a whole number"),
                errors(yaml, false));
    }

    @Test
    void reportsMissingRequiredMemberFields() {
        String yaml = """
                config:
                  mysqlcs:deploy: [k]
                  mysqlcs:rootPassword: {secure: x}
                  mysqlcs:kubeClusters: [{name: k, context: c, cilium: {clusterId: 1}}]
                  mysqlcs:clusterSet: {name: cs, primary: a, members: [{name: a}]}
                """;
        assertEquals(
                List.of(
                        "config error: mysqlcs:clusterSet.members[0].namespace: is required; allowed: a string",
                        "config error: mysqlcs:clusterSet.members[0].kubeCluster: is required; allowed: a string",
                        "config error: mysqlcs:clusterSet.members[0].baseServerId: is required; allowed: a whole number"),
                errors(yaml, false));
    }
}
