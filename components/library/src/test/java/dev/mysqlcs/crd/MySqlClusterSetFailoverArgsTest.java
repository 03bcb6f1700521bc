package dev.mysqlcs.crd;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.mysqlcs.testing.CrdPaths;
import dev.mysqlcs.testing.Upstream;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MySqlClusterSetFailoverArgsTest {

    /** Seed 000, S1.6: the switchover to mycluster2. */
    private static final String SEED_000_SWITCHOVER = """
            apiVersion: mysql.oracle.com/v2
            kind: MySQLClusterSetFailover
            metadata:
              name: incident-x1-no-force
              namespace: clusterns2
            spec:
              clusterName: mycluster2
              force: false
            """;

    private static MySqlClusterSetFailoverArgs.Builder switchover() {
        return MySqlClusterSetFailoverArgs.builder().name("incident-x1-no-force").namespace("clusterns2")
                .clusterName("mycluster2");
    }

    @Test
    void switchoverIsSeed000sObject() throws Exception {
        Map<?, ?> seed = new ObjectMapper(new YAMLFactory()).readValue(SEED_000_SWITCHOVER, Map.class);
        assertEquals(seed, switchover().build().toObject());
    }

    @Test
    void forcedFailoverWithEveryOptionValidatesAgainstTheCrd() {
        Map<String, Object> o = MySqlClusterSetFailoverArgs.builder().name("incident-x1-force").namespace("clusterns2")
                .clusterName("mycluster2").force(true).invalidateReplicaClusters(List.of("mycluster3"))
                .timeout(600).build().toObject();
        assertEquals(List.of(), Upstream.validateCustomResource(Upstream.CRDS_2_2_8, o));
        assertEquals(List.of(), CrdPaths.undeclared(Upstream.CRDS_2_2_8, o));
        assertEquals(Map.of("clusterName", "mycluster2", "force", true,
                "options", Map.of("invalidateReplicaClusters", List.of("mycluster3"), "timeout", 600)), o.get("spec"));
    }

    @Test
    void switchoverValidatesAgainstTheCrdAndCarriesNoOptions() {
        Map<String, Object> o = switchover().build().toObject();
        assertEquals(List.of(), Upstream.validateCustomResource(Upstream.CRDS_2_2_8, o));
        @SuppressWarnings("unchecked")
        Map<String, Object> spec = (Map<String, Object>) o.get("spec");
        assertFalse(spec.containsKey("options"));
    }

    @Test
    void crdSchemaRejectsAFailoverWithoutClusterNameOrWithAStringForce() {
        Map<String, Object> o = new LinkedHashMap<>(switchover().build().toObject());
        o.put("spec", Map.of("force", "yes"));
        List<String> violations = Upstream.validateCustomResource(Upstream.CRDS_2_2_8, o);
        assertEquals(2, violations.size(), violations.toString());
        assertTrue(violations.stream().anyMatch(v -> v.contains("clusterName")), violations.toString());
        assertTrue(violations.stream().anyMatch(v -> v.contains("force")), violations.toString());
    }

    @Test
    void builderRefusesAMissingOrBlankClusterNameAndANegativeTimeout() {
        assertThrows(NullPointerException.class,
                () -> MySqlClusterSetFailoverArgs.builder().name("x").namespace("ns").build());
        assertThrows(IllegalArgumentException.class, () -> switchover().clusterName(" ").build());
        assertThrows(IllegalArgumentException.class, () -> switchover().timeout(-1).build());
    }

    @Test
    void typeTokenIsTheProvidersCrdToken() {
        assertEquals("kubernetes:mysql.oracle.com/v2:MySQLClusterSetFailover", MySqlClusterSetFailover.TYPE);
        assertEquals(CustomResourceArgs.typeToken("mysql.oracle.com/v2", "InnoDBCluster"), InnoDbClusterResource.TYPE);
    }
}
