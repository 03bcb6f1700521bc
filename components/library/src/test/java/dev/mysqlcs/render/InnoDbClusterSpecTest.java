package dev.mysqlcs.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.mysqlcs.model.Member;
import dev.mysqlcs.model.Topology;
import dev.mysqlcs.testing.ConfigFixtures;
import dev.mysqlcs.testing.CrdPaths;
import dev.mysqlcs.testing.MySqlFixtures;
import dev.mysqlcs.testing.Upstream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class InnoDbClusterSpecTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** Seed 001, PRD_cluster.yaml and DR_cluster.yaml as the article applies them. */
    private static final String SEED_001_PRD = """
            apiVersion: mysql.oracle.com/v2
            kind: InnoDBCluster
            metadata:
              name: prd
              namespace: mysql-prod
            spec:
              secretName: mypwds
              baseServerId: 100
              tlsUseSelfSigned: true
              instances: 3
              router:
                instances: 1
            """;

    private static final String SEED_001_DR = """
            apiVersion: mysql.oracle.com/v2
            kind: InnoDBCluster
            metadata:
              name: dr
              namespace: mysql-dr
            spec:
              secretName: mypwds
              baseServerId: 200
              tlsUseSelfSigned: true
              instances: 3
              router:
                instances: 1
            """;

    static Stream<Arguments> everyRenderedMember() {
        return Stream.of(
                        named("prod", ConfigFixtures.prod()),
                        named("dr", ConfigFixtures.dr()),
                        named("enterprise example", ConfigFixtures.enterpriseExample()),
                        named("every optional field", MySqlFixtures.fullOptions()))
                .flatMap(s -> s);
    }

    private static Stream<Arguments> named(String stack, Topology t) {
        return t.clusterSet().members().stream().map(m -> Arguments.of(stack + ": " + m.name(), t, m));
    }

    private static Map<String, Object> yaml(String text) throws Exception {
        @SuppressWarnings("unchecked")
        Map<String, Object> m = YAML.readValue(text, Map.class);
        return m;
    }

    /** Through JSON text, so numbers take the same Java types as in the parsed seed. */
    private static Map<String, Object> json(Object o) throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        @SuppressWarnings("unchecked")
        Map<String, Object> m = mapper.readValue(mapper.writeValueAsString(o), Map.class);
        return m;
    }

    private static Member member(Topology t, String name) {
        return t.clusterSet().member(name).orElseThrow();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyRenderedMember")
    void everyRenderedInnoDbClusterValidatesAgainstTheCrd228Schema(String label, Topology t, Member m) {
        assertEquals(List.of(), Upstream.validateCustomResource(Upstream.CRDS_2_2_8, InnoDbClusterSpec.resource(t, m)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyRenderedMember")
    void everyRenderedFieldIsDeclaredByTheCrdSoNoneIsPruned(String label, Topology t, Member m) {
        assertEquals(List.of(), CrdPaths.undeclared(Upstream.CRDS_2_2_8, InnoDbClusterSpec.resource(t, m)));
    }

    @Test
    void schemaValidationCatchesAWrongFieldType() {
        Topology t = ConfigFixtures.prod();
        Map<String, Object> r = InnoDbClusterSpec.resource(t, member(t, "prd"));
        @SuppressWarnings("unchecked")
        Map<String, Object> spec = new LinkedHashMap<>((Map<String, Object>) r.get("spec"));
        spec.put("baseServerId", "100");
        spec.put("tlsUseSelfSigned", "yes");
        r.put("spec", spec);
        List<String> violations = Upstream.validateCustomResource(Upstream.CRDS_2_2_8, r);
        assertEquals(2, violations.size(), violations.toString());
        assertTrue(violations.stream().anyMatch(v -> v.contains("baseServerId")), violations.toString());
        assertTrue(violations.stream().anyMatch(v -> v.contains("tlsUseSelfSigned")), violations.toString());
    }

    @Test
    void undeclaredFieldCheckCatchesAMisspelledField() {
        Topology t = ConfigFixtures.prod();
        Map<String, Object> r = InnoDbClusterSpec.resource(t, member(t, "prd"));
        @SuppressWarnings("unchecked")
        Map<String, Object> spec = new LinkedHashMap<>((Map<String, Object>) r.get("spec"));
        spec.put("tlsUseSelfsigned", true);
        spec.put("router", Map.of("instance", 1));
        r.put("spec", spec);
        assertEquals(
                List.of("spec.router.instance", "spec.tlsUseSelfsigned"),
                CrdPaths.undeclared(Upstream.CRDS_2_2_8, r).stream().sorted().toList());
    }

    @Test
    void seed001ProdRendersTheArticlesPrdClusterPlusEditionAndCiliumAnnotations() throws Exception {
        Topology t = ConfigFixtures.prod();
        assertSeedPlusMeshExtras(yaml(SEED_001_PRD), json(InnoDbClusterSpec.resource(t, member(t, "prd"))));
    }

    @Test
    void seed001DrRendersTheArticlesDrClusterPlusEditionAndCiliumAnnotations() throws Exception {
        Topology t = ConfigFixtures.dr();
        assertSeedPlusMeshExtras(yaml(SEED_001_DR), json(InnoDbClusterSpec.resource(t, member(t, "dr"))));
    }

    /** Exactly the seed's object; the only additions are the explicit edition and S2.11's annotations. */
    @SuppressWarnings("unchecked")
    private static void assertSeedPlusMeshExtras(Map<String, Object> seed, Map<String, Object> rendered) {
        Map<String, Object> spec = new LinkedHashMap<>((Map<String, Object>) rendered.get("spec"));
        assertEquals("community", spec.remove("edition"));
        assertEquals(
                Map.of(
                        "annotations",
                        Map.of(
                                "service.cilium.io/global", "true",
                                "service.cilium.io/shared", "true",
                                "service.cilium.io/global-sync-endpoint-slices", "true",
                                "service.cilium.io/affinity", "remote")),
                spec.remove("instanceService"));
        Map<String, Object> rest = new LinkedHashMap<>(rendered);
        rest.put("spec", spec);
        assertEquals(seed, rest);
    }

    @Test
    void seed000ServerIdsAreThePrimarys1000AndTheReplicas20i0() {
        Topology t = ConfigFixtures.enterpriseExample();
        Map<String, Object> ids = new LinkedHashMap<>();
        for (Member m : t.clusterSet().members()) {
            ids.put(m.name(), InnoDbClusterSpec.spec(t, m).get("baseServerId"));
        }
        assertEquals(Map.of("mycluster1", 1000L, "mycluster2", 2020L, "mycluster3", 2030L, "mycluster4", 2040L), ids);
    }

    @Test
    void seed000EveryClusterHasThreeInstancesOneRouterSelfSignedTlsEnterprise() {
        Topology t = ConfigFixtures.enterpriseExample();
        for (Member m : t.clusterSet().members()) {
            Map<String, Object> spec = InnoDbClusterSpec.spec(t, m);
            assertEquals(3, spec.get("instances"), m.name());
            assertEquals(Map.of("instances", 1), spec.get("router"), m.name());
            assertEquals(true, spec.get("tlsUseSelfSigned"), m.name());
            assertEquals("enterprise", spec.get("edition"), m.name());
            assertEquals("mypwds", spec.get("secretName"), m.name());
            assertFalse(spec.containsKey("instanceService"), m.name() + ": one Kubernetes cluster, no mesh");
        }
    }

    @Test
    void replicaCarriesPrimaryPod0AsClusterSetTargetUrl() {
        Topology t = ConfigFixtures.enterpriseExample();
        for (String replica : List.of("mycluster2", "mycluster3", "mycluster4")) {
            assertEquals(
                    Map.of(
                            "clusterSet",
                            Map.of(
                                    "targetUrl", "mycluster1-0.mycluster1-instances.clusterns1.svc.cluster.local",
                                    "rootUser", "root",
                                    "secretKeyRef", Map.of("name", "clusterset-secret"))),
                    InnoDbClusterSpec.spec(t, member(t, replica)).get("initDB"),
                    replica);
        }
    }

    @Test
    void primaryHasNoInitDb() {
        Topology t = ConfigFixtures.enterpriseExample();
        assertFalse(InnoDbClusterSpec.spec(t, member(t, "mycluster1")).containsKey("initDB"));
        assertEquals(Optional.empty(), InnoDbClusterSpec.clusterSetTargetUrl(t, member(t, "mycluster1")));
    }

    @Test
    void providerLinkageLeavesReplicasWithoutInitDb() {
        Topology t = ConfigFixtures.prod();
        assertFalse(InnoDbClusterSpec.spec(t, member(t, "dr")).containsKey("initDB"));
        assertFalse(InnoDbClusterSpec.joinsThroughOperator(t, member(t, "dr")));
    }

    @Test
    void targetUrlFollowsTheClusterDomainAndInitDbTheRootUser() {
        Topology t = MySqlFixtures.fullOptions();
        assertEquals(
                Map.of(
                        "clusterSet",
                        Map.of(
                                "targetUrl", "alpha-0.alpha-instances.db-alpha.svc.corp.internal",
                                "rootUser", "admin",
                                "secretKeyRef", Map.of("name", "clusterset-secret"))),
                InnoDbClusterSpec.spec(t, member(t, "beta")).get("initDB"));
    }

    @Test
    void everyOptionalFieldLandsOnItsCrdField() {
        Topology t = MySqlFixtures.fullOptions();
        Map<String, Object> spec = InnoDbClusterSpec.spec(t, member(t, "alpha"));
        assertEquals("9.7.0", spec.get("version"));
        assertEquals(4294967000L, spec.get("baseServerId"));
        assertEquals(5, spec.get("instances"));
        assertEquals("alpha-ca", spec.get("tlsCASecretName"));
        assertEquals("alpha-tls", spec.get("tlsSecretName"));
        assertFalse(spec.containsKey("tlsUseSelfSigned"));
        assertEquals(Map.of("instances", 2, "tlsSecretName", "alpha-router-tls"), spec.get("router"));
        assertEquals(
                Map.of(
                        "accessModes",
                        List.of("ReadWriteOnce"),
                        "resources",
                        Map.of("requests", Map.of("storage", "20Gi"))),
                spec.get("datadirVolumeClaimTemplate"));
        assertEquals(
                Map.of(
                        "nodeSelector", Map.of("topology.kubernetes.io/zone", "east-1a"),
                        "affinity",
                                Map.of(
                                        "nodeAffinity",
                                        Map.of(
                                                "requiredDuringSchedulingIgnoredDuringExecution",
                                                Map.of(
                                                        "nodeSelectorTerms",
                                                        List.of(Map.of(
                                                                "matchExpressions",
                                                                List.of(Map.of(
                                                                        "key",
                                                                        "disktype",
                                                                        "operator",
                                                                        "In",
                                                                        "values",
                                                                        List.of("ssd"))))))))),
                spec.get("podSpec"));
        assertEquals(
                Map.of("annotations", InnoDbClusterSpec.CILIUM_GLOBAL_SERVICE_ANNOTATIONS),
                spec.get("instanceService"));
        assertEquals("192.168.20.199:5000/mirror/mysql", spec.get("imageRepository"));
        assertEquals(List.of(Map.of("name", "regcred")), spec.get("imagePullSecrets"));
    }

    /** Seed 001's prod stack pulling Enterprise images from a private registry with a login. */
    private static Topology privateRegistry(String mysqlOperator) {
        return ConfigFixtures.topology(
                ConfigFixtures.shipped("Pulumi.prod.yaml") + "  mysqlcs:mysqlOperator: " + mysqlOperator + "\n");
    }

    @Test
    void serverPullSecretAndPrivateRegistryLandOnEveryMemberAndValidateAgainstTheCrd() {
        Topology t = privateRegistry("{registry: registry.example.com:5000, repository: oracle/mysql, "
                + "pullSecret: oracle-registry, serverPullSecret: oracle-registry}");
        for (Member m : t.clusterSet().members()) {
            Map<String, Object> r = InnoDbClusterSpec.resource(t, m);
            @SuppressWarnings("unchecked")
            Map<String, Object> spec = (Map<String, Object>) r.get("spec");
            assertEquals("registry.example.com:5000/oracle/mysql", spec.get("imageRepository"), m.name());
            assertEquals(List.of(Map.of("name", "oracle-registry")), spec.get("imagePullSecrets"), m.name());
            assertEquals(List.of(), Upstream.validateCustomResource(Upstream.CRDS_2_2_8, r), m.name());
            assertEquals(List.of(), CrdPaths.undeclared(Upstream.CRDS_2_2_8, r), m.name());
        }
    }

    @Test
    void defaultImageSourceAndNoServerPullSecretRenderNeitherField() {
        Topology t = privateRegistry("{pullSecret: oracle-registry}");
        Map<String, Object> spec = InnoDbClusterSpec.spec(t, member(t, "prd"));
        assertFalse(spec.containsKey("imageRepository"));
        assertFalse(spec.containsKey("imagePullSecrets"));
    }

    @Test
    void schemaValidationCatchesPullSecretsGivenAsPlainNames() {
        Topology t = privateRegistry("{serverPullSecret: oracle-registry}");
        Map<String, Object> r = InnoDbClusterSpec.resource(t, member(t, "prd"));
        @SuppressWarnings("unchecked")
        Map<String, Object> spec = new LinkedHashMap<>((Map<String, Object>) r.get("spec"));
        spec.put("imagePullSecrets", List.of("oracle-registry"));
        r.put("spec", spec);
        List<String> violations = Upstream.validateCustomResource(Upstream.CRDS_2_2_8, r);
        assertEquals(1, violations.size(), violations.toString());
        assertTrue(violations.get(0).contains("imagePullSecrets[0]"), violations.toString());
    }

    @Test
    void noPlacementMeansNoPodSpecAndNoStorageMeansTheOperatorsDefault() {
        Topology t = ConfigFixtures.prod();
        Map<String, Object> spec = InnoDbClusterSpec.spec(t, member(t, "prd"));
        assertFalse(spec.containsKey("podSpec"));
        assertFalse(spec.containsKey("datadirVolumeClaimTemplate"));
        assertFalse(spec.containsKey("version"));
    }

    @Test
    void zeroRoutersIsRenderedNotDropped() {
        Topology t = MySqlFixtures.fullOptions();
        assertEquals(
                Map.of("instances", 0),
                InnoDbClusterSpec.spec(t, member(t, "beta")).get("router"));
    }
}
