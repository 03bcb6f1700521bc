package dev.mysqlcs.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mysqlcs.testing.ConfigFixtures;
import org.junit.jupiter.api.Test;

class InnoDbClusterNamesTest {

    private final InnoDbClusterNames prd = new InnoDbClusterNames("prd", "mysql-prod", "cluster.local");

    @Test
    void pod0FqdnIsOnTheInstancesService() {
        assertEquals("prd-0.prd-instances.mysql-prod.svc.cluster.local", prd.pod0Fqdn());
        assertEquals("prd-2.prd-instances.mysql-prod.svc.cluster.local", prd.podFqdn(2));
        assertEquals("prd-instances", prd.instancesService());
    }

    @Test
    void routerServiceCarriesTheClusterNameAndItsDeploymentTheRouterSuffix() {
        assertEquals("prd", prd.routerService());
        assertEquals("prd.mysql-prod.svc.cluster.local", prd.routerServiceFqdn());
        assertEquals("prd-router", prd.routerDeployment());
    }

    @Test
    void operatorCreatedSecretsAreNamedAsSeed001ReadsThem() {
        assertEquals("prd-privsecrets", prd.privSecrets());
        assertEquals("prd-router", prd.routerSecret());
        assertEquals("prd-backup", prd.backupSecret());
    }

    @Test
    void mysqlClusterNameReplacesDashesAndDots() {
        assertEquals("my_cluster_1", new InnoDbClusterNames("my-cluster.1", "ns", "cluster.local").mysqlClusterName());
    }

    @Test
    void agreesWithTheModelsPodFqdn() {
        Topology t = ConfigFixtures.enterpriseExample();
        for (Member m : t.clusterSet().members()) {
            InnoDbClusterNames n = new InnoDbClusterNames(
                    m.name(), m.namespace(), t.clusterSet().domain());
            assertEquals(m.pod0Fqdn(t.clusterSet().domain()), n.pod0Fqdn());
            assertEquals(m.mysqlClusterName(), n.mysqlClusterName());
        }
    }
}
