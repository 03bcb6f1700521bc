package dev.mysqlcs.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mysqlcs.model.Topology;
import dev.mysqlcs.render.CoreDnsZones.ForwardZone;
import dev.mysqlcs.testing.ConfigFixtures;
import dev.mysqlcs.testing.MeshFixtures;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CoreDnsZonesTest {

    @Test
    void prodForwardsTheDrNamespaceToDrsNodesAndBack() {
        assertEquals(
                List.of(new ForwardZone("mysql-dr.svc.cluster.local", List.of("134.185.86.75:30053"))),
                CoreDnsZones.forCluster(ConfigFixtures.prod(), "prod"));
        assertEquals(
                List.of(new ForwardZone("mysql-prod.svc.cluster.local", List.of("158.178.237.122:30053"))),
                CoreDnsZones.forCluster(ConfigFixtures.dr(), "dr"));
    }

    @Test
    void everyClusterOfAThreeClusterMeshForwardsTheOtherTwoOnTheirOwnPorts() {
        Topology t = ConfigFixtures.topology(MeshFixtures.threeClusters("[prod]", ""));
        assertEquals(
                List.of(
                        new ForwardZone("mysql-dr.svc.cluster.local", List.of("10.1.0.11:30054")),
                        new ForwardZone("mysql-dr2.svc.cluster.local", List.of("10.2.0.11:30055"))),
                CoreDnsZones.forCluster(t, "prod"));
        assertEquals(
                List.of(
                        new ForwardZone("mysql-dr.svc.cluster.local", List.of("10.1.0.11:30054")),
                        new ForwardZone("mysql-prod.svc.cluster.local", List.of("10.0.0.11:30053", "10.0.0.12:30053"))),
                CoreDnsZones.forCluster(t, "dr2"));
    }

    @Test
    void ipv6TargetsAreBracketedAndTheDomainFollowsConfig() {
        Topology t = ConfigFixtures.topology(MeshFixtures.threeClusters("[prod]", "")
                .replace("nodeIps: [10.1.0.11]", "nodeIps: [\"fd00:1::11\"]")
                .replace("name: mycs\n", "name: mycs\n    domain: k8s.example\n"));
        assertEquals(
                new ForwardZone("mysql-dr.svc.k8s.example", List.of("[fd00:1::11]:30054")),
                CoreDnsZones.forCluster(t, "prod").get(0));
    }

    @Test
    void rendersOneServerBlockPerZoneAndOneCorednsCustomKeyEach() {
        ForwardZone z = new ForwardZone("mysql-dr.svc.cluster.local", List.of("10.1.0.11:30054", "10.1.0.12:30054"));
        assertEquals(
                "mysql-dr.svc.cluster.local:53 {\n    errors\n    forward . 10.1.0.11:30054 10.1.0.12:30054\n}\n",
                CoreDnsZones.serverBlock(z));
        assertEquals(
                Map.of("mysqlcs.mysql-dr.svc.cluster.local.server", CoreDnsZones.serverBlock(z)),
                CoreDnsZones.customServerData(List.of(z)));
    }

    @Test
    void theDigestChangesExactlyWhenTheServedZonesChange() {
        Topology t = ConfigFixtures.topology(MeshFixtures.threeClusters("[prod]", ""));
        List<ForwardZone> zones = CoreDnsZones.forCluster(t, "prod");
        assertEquals(CoreDnsZones.digest(zones), CoreDnsZones.digest(CoreDnsZones.forCluster(t, "prod")));
        assertEquals(16, CoreDnsZones.digest(zones).length());
        assertNotEquals(CoreDnsZones.digest(zones), CoreDnsZones.digest(zones.subList(0, 1)));
    }

    @Test
    void aZoneNeedsATarget() {
        assertThrows(IllegalArgumentException.class, () -> new ForwardZone("a.svc.cluster.local", List.of()));
    }
}
