package dev.mysqlcs.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mysqlcs.model.Edition;
import dev.mysqlcs.model.OperatorSettings;
import dev.mysqlcs.model.Topology;
import dev.mysqlcs.testing.ConfigFixtures;
import dev.mysqlcs.testing.MySqlFixtures;
import dev.mysqlcs.testing.Upstream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OperatorValuesTest {

    private static final String CHART_VALUES = "mysql-operator/2.2.2/helm/mysql-operator/values.yaml";

    @Test
    void communityOperatorForSeed001WithTheClusterDomainOfS29() {
        Topology t = ConfigFixtures.prod();
        Edition edition = OperatorValues.editionFor(t, "prod");
        assertEquals(Edition.COMMUNITY, edition);
        assertEquals(
                Map.of(
                        "image",
                                Map.of(
                                        "registry",
                                        "container-registry.oracle.com",
                                        "repository",
                                        "mysql",
                                        "name",
                                        "community-operator",
                                        "pullPolicy",
                                        "IfNotPresent"),
                        "envs",
                                Map.of(
                                        "imagesDefaultRegistry",
                                        "container-registry.oracle.com",
                                        "imagesDefaultRepository",
                                        "mysql",
                                        "k8sClusterDomain",
                                        "cluster.local")),
                OperatorValues.render(t.mysqlOperator(), edition, t.clusterSet().domain()));
    }

    @Test
    void enterpriseMembersGetTheEnterpriseOperator() {
        Topology t = ConfigFixtures.enterpriseExample();
        assertEquals(Edition.ENTERPRISE, OperatorValues.editionFor(t, "k8s"));
        @SuppressWarnings("unchecked")
        Map<String, Object> image =
                (Map<String, Object>) OperatorValues.render(t.mysqlOperator(), Edition.ENTERPRISE, "cluster.local")
                        .get("image");
        assertEquals("enterprise-operator", image.get("name"));
    }

    @Test
    void aClusterWithoutMembersGetsTheCommunityOperator() {
        Topology t = ConfigFixtures.prod();
        assertEquals(Edition.COMMUNITY, OperatorValues.editionFor(t, "nowhere"));
    }

    @Test
    void registryRepositoryTagPullSecretAndDomainFollowConfig() {
        Topology t = MySqlFixtures.fullOptions();
        assertEquals(
                Map.of(
                        "image",
                                Map.of(
                                        "registry",
                                        "192.168.20.199:5000",
                                        "repository",
                                        "mirror/mysql",
                                        "name",
                                        "enterprise-operator",
                                        "pullPolicy",
                                        "IfNotPresent",
                                        "tag",
                                        "9.7.0-2.2.8",
                                        "pullSecrets",
                                        Map.of("enabled", true, "secretName", "regcred")),
                        "envs",
                                Map.of(
                                        "imagesDefaultRegistry",
                                        "192.168.20.199:5000",
                                        "imagesDefaultRepository",
                                        "mirror/mysql",
                                        "k8sClusterDomain",
                                        "corp.internal")),
                OperatorValues.render(
                        t.mysqlOperator(),
                        OperatorValues.editionFor(t, "east"),
                        t.clusterSet().domain()));
    }

    @Test
    void everyRenderedValueIsAKeyOfTheChartsValuesYaml() {
        JsonNode chart = Upstream.yamlDocuments(CHART_VALUES).get(0);
        Topology t = MySqlFixtures.fullOptions();
        Map<String, Object> values = OperatorValues.render(t.mysqlOperator(), Edition.ENTERPRISE, "corp.internal");
        assertEquals(List.of(), unknownKeys(chart, values));
    }

    @Test
    void unknownKeyCheckCatchesAMisspelledValue() {
        JsonNode chart = Upstream.yamlDocuments(CHART_VALUES).get(0);
        Map<String, Object> values = Map.of(
                "envs",
                Map.of("k8sClusterDomian", "cluster.local"),
                "image",
                Map.of("pullSecret", Map.of("enabled", true)));
        assertEquals(
                List.of("envs.k8sClusterDomian", "image.pullSecret"),
                unknownKeys(chart, values).stream().sorted().toList());
    }

    @Test
    void defaultsMatchTheChartsOwnImageDefaults() {
        JsonNode image = Upstream.yamlDocuments(CHART_VALUES).get(0).path("image");
        assertEquals(image.path("registry").asText(), OperatorSettings.DEFAULT_REGISTRY);
        assertEquals(image.path("repository").asText(), OperatorSettings.DEFAULT_REPOSITORY);
        assertEquals(image.path("name").asText(), OperatorValues.COMMUNITY_IMAGE);
        assertEquals(image.path("pullPolicy").asText(), OperatorValues.PULL_POLICY);
    }

    /** Paths of {@code values} that the chart's values.yaml does not have (the chart ships no schema). */
    private static List<String> unknownKeys(JsonNode chart, Map<String, Object> values) {
        List<String> out = new ArrayList<>();
        walk("", chart, new ObjectMapper().valueToTree(values), out);
        return out;
    }

    private static void walk(String path, JsonNode chart, JsonNode value, List<String> out) {
        Iterator<Map.Entry<String, JsonNode>> it = value.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> f = it.next();
            String p = path.isEmpty() ? f.getKey() : path + "." + f.getKey();
            if (!chart.has(f.getKey())) {
                out.add(p);
            } else if (f.getValue().isObject()) {
                walk(p, chart.get(f.getKey()), f.getValue(), out);
            }
        }
    }
}
