package dev.mysqlcs.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.mysqlcs.model.Topology;
import dev.mysqlcs.pki.MeshCa;
import dev.mysqlcs.testing.ConfigFixtures;
import dev.mysqlcs.testing.MeshFixtures;
import dev.mysqlcs.testing.Upstream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The rendered values against the real charts in mysqlcs-testing's {@code upstream/cilium}: the JSON schema, and (as the
 * schema has no {@code additionalProperties: false} and would let a misspelled key through) the key tree of the
 * chart's values.yaml.
 */
@Tag("slow")
class CiliumValuesIT {

    private static final String CERT = MeshCa.chartBase64(MeshFixtures.ca().certificatePem());
    private static final String KEY = MeshCa.chartBase64(MeshFixtures.ca().privateKeyPem());

    private static Topology withVersion(String yaml, String version) {
        return ConfigFixtures.topology(yaml.replace(
                "config:\n", "config:\n  mysqlcs:cilium: {chartVersion: " + version + ", hubbleTls: false}\n"));
    }

    private static List<Map<String, Object>> allRenderings(String version) {
        List<Map<String, Object>> out = new ArrayList<>();
        String prodYaml = ConfigFixtures.shipped("Pulumi.prod.yaml").replaceAll("(?m)^  mysqlcs:cilium:.*\n", "");
        String drYaml = ConfigFixtures.shipped("Pulumi.dr.yaml").replaceAll("(?m)^  mysqlcs:cilium:.*\n", "");
        out.add(CiliumValuesTest.render(withVersion(prodYaml, version), "prod", CERT, KEY));
        out.add(CiliumValuesTest.render(withVersion(drYaml, version), "dr", CERT, KEY));
        String three = MeshFixtures.threeClusters("[prod, dr, dr2]", "");
        for (String c : List.of("prod", "dr", "dr2")) {
            out.add(CiliumValuesTest.render(withVersion(three, version), c, CERT, KEY));
        }
        String dnsLb = three.replace("address: 10.2.255.1", "address: mesh.dr2.example.com");
        out.add(CiliumValuesTest.render(withVersion(dnsLb, version), "dr2", CERT, KEY));
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.19.6", "1.20.0"})
    void everyRenderingValidatesAgainstTheChartsJsonSchema(String version) {
        for (Map<String, Object> values : allRenderings(version)) {
            assertEquals(List.of(), Upstream.validateCiliumValues(version, values), values.toString());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.19.6", "1.20.0"})
    void everyRenderedKeyExistsInTheChartsValuesYaml(String version) {
        Map<?, ?> defaults = (Map<?, ?>) new Yaml(new SafeConstructor(new LoaderOptions()))
                .load(Upstream.read("cilium/" + version + "/values.yaml"));
        for (Map<String, Object> values : allRenderings(version)) {
            List<String> unknown = new ArrayList<>();
            unknownKeys("", values, defaults, unknown);
            assertEquals(List.of(), unknown, "keys missing from cilium " + version + " values.yaml");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.19.6", "1.20.0"})
    void theKeyTreeCheckCatchesAMisspelledKey(String version) {
        Map<?, ?> defaults = (Map<?, ?>) new Yaml(new SafeConstructor(new LoaderOptions()))
                .load(Upstream.read("cilium/" + version + "/values.yaml"));
        List<String> unknown = new ArrayList<>();
        // Seed 001 itself writes "clusterMesh"; the chart's key is "clustermesh".
        unknownKeys("", Map.of("clusterMesh", Map.of("useAPIServer", true)), defaults, unknown);
        assertEquals(List.of("clusterMesh"), unknown);
        assertEquals(
                List.of(),
                Upstream.validateCiliumValues(version, Map.of("clusterMesh", Map.of())),
                "the schema alone lets it through");
    }

    @org.junit.jupiter.api.Test
    void theServerCertificateNamesMovedBetween119And120() {
        Map<String, Object> old = Map.of(
                "clustermesh",
                Map.of(
                        "apiserver",
                        Map.of("tls", Map.of("server", Map.of("extraDnsNames", List.of("a.example.com"))))));
        Map<String, Object> moved = Map.of(
                "clustermesh",
                Map.of(
                        "apiserver",
                        Map.of(
                                "tls",
                                Map.of("auto", Map.of("server", Map.of("extraDnsNames", List.of("a.example.com")))))));
        assertEquals(List.of(), unknown("1.19.6", old));
        assertEquals(List.of("clustermesh.apiserver.tls.auto.server"), unknown("1.19.6", moved));
        assertEquals(List.of("clustermesh.apiserver.tls.server"), unknown("1.20.0", old));
        assertEquals(List.of(), unknown("1.20.0", moved));
    }

    private static List<String> unknown(String version, Map<String, Object> values) {
        Map<?, ?> defaults = (Map<?, ?>) new Yaml(new SafeConstructor(new LoaderOptions()))
                .load(Upstream.read("cilium/" + version + "/values.yaml"));
        List<String> unknown = new ArrayList<>();
        unknownKeys("", values, defaults, unknown);
        return unknown;
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.19.6", "1.20.0"})
    void theCaAndPeersSitWhereTheChartReadsThem(String version) {
        Map<String, Object> prod = allRenderings(version).get(0);
        assertFalse(CiliumValuesTest.clusters(prod).isEmpty());
        Map<?, ?> tls = (Map<?, ?>) prod.get("tls");
        assertEquals(Map.of("cert", CERT, "key", KEY), tls.get("ca"));
    }

    /**
     * Paths of {@code rendered} absent from the chart defaults. Below a default that is not a non-empty map
     * ({@code {}}, {@code []}, null: free-form by design, like {@code clustermesh.config.clusters}) anything goes.
     */
    static void unknownKeys(String path, Map<?, ?> rendered, Map<?, ?> defaults, List<String> unknown) {
        for (Map.Entry<?, ?> e : rendered.entrySet()) {
            String p = path.isEmpty() ? String.valueOf(e.getKey()) : path + "." + e.getKey();
            if (!defaults.containsKey(e.getKey())) {
                unknown.add(p);
                continue;
            }
            Object d = defaults.get(e.getKey());
            if (e.getValue() instanceof Map<?, ?> sub) {
                if (d instanceof Map<?, ?> dm && !dm.isEmpty()) {
                    unknownKeys(p, sub, dm, unknown);
                } else if (d != null && !(d instanceof Map) && !(d instanceof List)) {
                    unknown.add(p + " (a scalar in values.yaml)");
                }
            }
        }
    }
}
