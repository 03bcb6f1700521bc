package dev.mysqlcs.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mysqlcs.model.KubeCluster;
import dev.mysqlcs.model.Topology;
import dev.mysqlcs.testing.ConfigFixtures;
import dev.mysqlcs.testing.MeshFixtures;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CiliumValuesTest {

    static Map<String, Object> render(Topology t, String cluster, Object cert, Object key) {
        KubeCluster local = t.kubeCluster(cluster).orElseThrow();
        return CiliumValues.render(new CiliumValues.Input(
                local, t.peersOf(cluster), t.mesh().cilium(), t.maxConnectedClusters(), cert, key));
    }

    @Test
    void prodValuesAreExactlySeed001sSettingsPlusTheMeshWithDrAsPeer() {
        Map<String, Object> values = render(ConfigFixtures.prod(), "prod", "Q0VSVA==", "S0VZ");
        Map<String, Object> expected = Map.of(
                "cluster", Map.of("name", "prod", "id", 1),
                "ipam", Map.of("mode", "kubernetes"),
                "hubble",
                        Map.of(
                                "enabled",
                                true,
                                "relay",
                                Map.of("enabled", true),
                                "ui",
                                Map.of("enabled", true),
                                "tls",
                                Map.of("enabled", false)),
                "ciliumEndpointSlice", Map.of("enabled", true),
                "clustermesh",
                        Map.of(
                                "useAPIServer",
                                true,
                                "maxConnectedClusters",
                                255,
                                "enableEndpointSliceSynchronization",
                                true,
                                "apiserver",
                                Map.of("service", Map.of("type", "NodePort", "nodePort", 32379)),
                                "config",
                                Map.of(
                                        "enabled",
                                        true,
                                        "clusters",
                                        Map.of(
                                                "dr",
                                                Map.of(
                                                        "enabled",
                                                        true,
                                                        "port",
                                                        32379,
                                                        "ips",
                                                        List.of("134.185.86.75"))))),
                "tls", Map.of("ca", Map.of("cert", "Q0VSVA==", "key", "S0VZ")));
        assertEquals(expected, values);
    }

    @Test
    void drValuesMirrorProd() {
        Map<String, Object> values = render(ConfigFixtures.dr(), "dr", null, null);
        assertEquals(Map.of("name", "dr", "id", 2), values.get("cluster"));
        assertEquals(
                Map.of("prod", Map.of("enabled", true, "port", 32379, "ips", List.of("158.178.237.122"))),
                clusters(values));
        assertFalse(values.containsKey("tls"), "no CA configured: the chart is not given one");
    }

    @Test
    void aThreeClusterMeshListsTheTwoOtherClustersInEachCluster() {
        Topology t = ConfigFixtures.topology(MeshFixtures.threeClusters("[prod, dr, dr2]", ""));
        assertEquals(
                Map.of(
                        "dr", Map.of("enabled", true, "port", 32380, "ips", List.of("10.1.0.11")),
                        "dr2", Map.of("enabled", true, "port", 2379, "ips", List.of("10.2.255.1"))),
                clusters(render(t, "prod", null, null)));
        assertEquals(
                Map.of(
                        "prod", Map.of("enabled", true, "port", 32379, "ips", List.of("10.0.0.11", "10.0.0.12")),
                        "dr2", Map.of("enabled", true, "port", 2379, "ips", List.of("10.2.255.1"))),
                clusters(render(t, "dr", null, null)));
        Map<String, Object> dr2 = render(t, "dr2", null, null);
        assertEquals(List.of("dr", "prod"), List.copyOf(clusters(dr2).keySet()));
        assertEquals(
                Map.of("service", Map.of("type", "LoadBalancer")),
                clustermesh(dr2).get("apiserver"),
                "a LoadBalancer with an IP needs no extra certificate name: peers dial dr2.mesh.cilium.io");
    }

    @Test
    void aLoadBalancerWithADnsNameIsDialledByNameAndCarriedByItsServerCertificate() {
        String yaml =
                MeshFixtures.threeClusters("[dr2]", "").replace("address: 10.2.255.1", "address: mesh.dr2.example.com");
        Topology t = ConfigFixtures.topology(yaml);
        assertEquals(
                Map.of("enabled", true, "port", 2379, "address", "mesh.dr2.example.com"),
                clusters(render(t, "prod", null, null)).get("dr2"));
        assertEquals(
                Map.of(
                        "service",
                        Map.of("type", "LoadBalancer"),
                        "tls",
                        Map.of("server", Map.of("extraDnsNames", List.of("mesh.dr2.example.com")))),
                clustermesh(render(t, "dr2", null, null)).get("apiserver"),
                "1.19.x path");
        Topology t120 = ConfigFixtures.topology(
                yaml.replace("config:\n", "config:\n  mysqlcs:cilium: {chartVersion: 1.20.0}\n"));
        assertEquals(
                Map.of(
                        "service",
                        Map.of("type", "LoadBalancer"),
                        "tls",
                        Map.of("auto", Map.of("server", Map.of("extraDnsNames", List.of("mesh.dr2.example.com"))))),
                clustermesh(render(t120, "dr2", null, null)).get("apiserver"),
                "1.20 moved it under tls.auto");
    }

    @Test
    void hubbleTlsAndMaxConnectedClustersFollowConfig() {
        Topology t = ConfigFixtures.topology(MeshFixtures.threeClusters(
                "[prod]", "  mysqlcs:maxConnectedClusters: 511\n  mysqlcs:cilium: {hubbleTls: true}\n"));
        Map<String, Object> values = render(t, "prod", null, null);
        assertEquals(Map.of("enabled", true), ((Map<?, ?>) values.get("hubble")).get("tls"));
        assertEquals(511, clustermesh(values).get("maxConnectedClusters"));
    }

    @Test
    void theCaComesWholeOrNotAtAll() {
        Topology t = ConfigFixtures.prod();
        KubeCluster prod = t.kubeCluster("prod").orElseThrow();
        assertThrows(
                IllegalArgumentException.class,
                () -> new CiliumValues.Input(prod, t.peersOf("prod"), t.mesh().cilium(), 255, "cert", null));
    }

    @Test
    void chartVersionsFrom120UseTheMovedTlsPath() {
        assertFalse(CiliumValues.autoServerTlsMovedIn("1.19.6"));
        assertTrue(CiliumValues.autoServerTlsMovedIn("1.20.0"));
        assertTrue(CiliumValues.autoServerTlsMovedIn("1.21.0-pre.0"));
        assertTrue(CiliumValues.autoServerTlsMovedIn("2.0.0"));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> clustermesh(Map<String, Object> values) {
        return (Map<String, Object>) values.get("clustermesh");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> clusters(Map<String, Object> values) {
        return (Map<String, Object>) ((Map<String, Object>) clustermesh(values).get("config")).get("clusters");
    }
}
