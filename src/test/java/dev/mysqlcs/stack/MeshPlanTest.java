package dev.mysqlcs.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.mysqlcs.CiliumCluster;
import dev.mysqlcs.pki.MeshCa;
import dev.mysqlcs.render.CoreDnsZones;
import dev.mysqlcs.render.CorefilePatch;
import dev.mysqlcs.stack.offline.Plan;
import dev.mysqlcs.stack.offline.PlanMocks;
import dev.mysqlcs.stack.offline.RegisteredResource;
import dev.mysqlcs.stack.offline.StackFile;
import dev.mysqlcs.testing.ConfigFixtures;
import dev.mysqlcs.testing.MeshFixtures;
import dev.mysqlcs.testing.Upstream;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The mesh as the real stack program registers it, under the SDK's mock engine (what ./plan shows). */
class MeshPlanTest {

    static final String RELEASE = "kubernetes:helm.sh/v3:Release";
    static final Gson GSON = new Gson();

    /** A shipped stack with the test CA set the way the commands of {@code mesh-ca} set it. */
    static StackFile withCa(String stack) {
        StackFile shipped = PlanFixture.stackFile("Pulumi." + stack + ".yaml");
        Map<String, String> config = new LinkedHashMap<>(shipped.config());
        config.put("mysqlcs:meshCaCert", MeshFixtures.ca().certificatePem().stripTrailing());
        config.put("mysqlcs:meshCaKey", MeshFixtures.ca().privateKeyPem().stripTrailing());
        Set<String> secrets = new HashSet<>(shipped.secretKeys());
        secrets.add("mysqlcs:meshCaKey");
        return new StackFile(config, secrets);
    }

    static Plan.Result plan(String stack) {
        return Plan.plan(PlanFixture.PROJECT, stack, withCa(stack));
    }

    static JsonObject values(Plan.Result plan, String cluster) {
        return plan.find(RELEASE, cluster + "-cilium-release")
                .orElseThrow()
                .inputs()
                .getAsJsonObject("values");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> asMap(JsonElement e) {
        return GSON.fromJson(e, Map.class);
    }

    @Test
    void prodAndDrValuesValidateAgainstThePinnedChartSchema() {
        for (String stack : List.of("prod", "dr")) {
            Map<String, Object> values = asMap(values(plan(stack), stack));
            assertEquals(List.of(), Upstream.validateCiliumValues("1.19.6", values), stack);
        }
    }

    @Test
    void theSeedsCiliumSettingsAppearExactly() {
        JsonObject v = values(plan("dr"), "dr");
        assertEquals("dr", v.getAsJsonObject("cluster").get("name").getAsString());
        assertEquals(2, v.getAsJsonObject("cluster").get("id").getAsInt());
        assertFalse(v.getAsJsonObject("hubble")
                .getAsJsonObject("tls")
                .get("enabled")
                .getAsBoolean());
        assertTrue(v.getAsJsonObject("hubble")
                .getAsJsonObject("relay")
                .get("enabled")
                .getAsBoolean());
        assertTrue(
                v.getAsJsonObject("hubble").getAsJsonObject("ui").get("enabled").getAsBoolean());
        assertEquals("kubernetes", v.getAsJsonObject("ipam").get("mode").getAsString());
        assertTrue(v.getAsJsonObject("ciliumEndpointSlice").get("enabled").getAsBoolean());
        JsonObject mesh = v.getAsJsonObject("clustermesh");
        assertTrue(mesh.get("useAPIServer").getAsBoolean());
        assertEquals(
                GSON.toJsonTree(Map.of("type", "NodePort", "nodePort", 32379)),
                mesh.getAsJsonObject("apiserver").get("service"));
        assertEquals(
                GSON.toJsonTree(
                        Map.of("prod", Map.of("enabled", true, "port", 32379, "ips", List.of("158.178.237.122")))),
                mesh.getAsJsonObject("config").get("clusters"));
    }

    @Test
    void theCaIsStableAcrossRunsAndIdenticalOnEverySideWhileTheKeyStaysSecret() {
        Plan.Result first = plan("prod");
        Plan.Result second = plan("prod");
        Plan.Result dr = plan("dr");
        String expected = MeshCa.chartBase64(MeshFixtures.ca().certificatePem());
        for (Plan.Result p : List.of(first, second, dr)) {
            JsonObject ca = values(p, p.stack()).getAsJsonObject("tls").getAsJsonObject("ca");
            assertEquals(expected, ca.get("cert").getAsString());
            assertEquals("[secret]", ca.get("key").getAsString());
            assertEquals("[secret]", p.outputs().get("meshCaKey"));
            assertEquals(
                    MeshFixtures.ca().certificatePem().stripTrailing(),
                    p.outputs().get("meshCaCert"));
        }
        assertEquals(Plan.toJson(first), Plan.toJson(second), "two runs over the same config: the same plan");
    }

    @Test
    void noPrivateKeyTextReachesThePlanInAnyForm() {
        String keyPem = MeshFixtures.ca().privateKeyPem();
        String keyBody = keyPem.lines().filter(l -> !l.startsWith("-----")).reduce("", String::concat);
        List<String> forbidden = List.of(
                "PRIVATE KEY",
                MeshCa.chartBase64(keyPem),
                keyBody.substring(100, 160),
                MeshCa.chartBase64(keyPem).substring(200, 260));
        for (String stack : List.of("prod", "dr")) {
            Plan.Result p = plan(stack);
            for (String text : List.of(Plan.toJson(p), Plan.toTree(p))) {
                for (String f : forbidden) {
                    assertFalse(text.contains(f), stack + " plan shows key material");
                }
            }
        }
    }

    @Test
    void withoutCaConfigThePlanWarnsAndGivesTheChartNoCa() {
        Plan.Result p = PlanFixture.planStack("prod");
        assertTrue(p.warnings().stream().anyMatch(w -> w.startsWith("mysqlcs:meshCaCert: is required")));
        assertTrue(p.warnings().stream().anyMatch(w -> w.startsWith("mysqlcs:meshCaKey: is required")));
        assertFalse(values(p, "prod").has("tls"));
        assertFalse(p.outputs().containsKey("meshCaKey"));
    }

    @Test
    void theRestartWaitsForTheCiliumReleaseAndNeverChangesBetweenRuns() {
        Plan.Result p = plan("prod");
        RegisteredResource release = p.find(RELEASE, "prod-cilium-release").orElseThrow();
        RegisteredResource restart = p.find("kubernetes:apps/v1:DeploymentPatch", "prod-cilium-restart-coredns")
                .orElseThrow();
        assertTrue(
                restart.dependencies().contains(release.urn()),
                restart.dependencies().toString());
        JsonObject annotations = restart.inputs()
                .getAsJsonObject("spec")
                .getAsJsonObject("template")
                .getAsJsonObject("metadata")
                .getAsJsonObject("annotations");
        assertEquals(
                "kube-system/cilium:prod:1",
                annotations.get(CiliumCluster.RESTART_ANNOTATION).getAsString());
    }

    @Test
    void theCorefileModePatchesTheKubeadmCorefileTheReadReturns() {
        assertEquals(Upstream.read("coredns/kubeadm-Corefile.rendered-cluster.local"), PlanMocks.kubeadmCorefile());
        Plan.Result p = plan("prod");
        String corefile = p.find("kubernetes:core/v1:ConfigMapPatch", "prod-dns-corefile")
                .orElseThrow()
                .inputs()
                .getAsJsonObject("data")
                .get("Corefile")
                .getAsString();
        assertEquals(
                CorefilePatch.apply(
                        PlanMocks.kubeadmCorefile(), CoreDnsZones.forCluster(ConfigFixtures.prod(), "prod")),
                corefile);
        assertTrue(
                corefile.contains("mysql-dr.svc.cluster.local:53 {\n    errors\n    forward . 134.185.86.75:30053\n}"));
        RegisteredResource svc =
                p.find("kubernetes:core/v1:Service", "prod-dns-nodeport").orElseThrow();
        assertEquals(
                "core-dns-nodeport",
                svc.inputs().getAsJsonObject("metadata").get("name").getAsString());
        assertEquals(
                GSON.toJsonTree(List.of(
                        Map.of("name", "dns", "nodePort", 30053, "port", 53, "protocol", "UDP", "targetPort", 53),
                        Map.of("name", "dns-tcp", "nodePort", 30053, "port", 53, "protocol", "TCP", "targetPort", 53))),
                svc.inputs().getAsJsonObject("spec").get("ports"));
    }

    @Test
    void aThreeClusterMeshListsTwoPeersInEachClusterAndEachClusterStaysOnItsProvider() {
        Plan.Result p = PlanFixture.planYaml(MeshFixtures.threeClusters("[prod, dr, dr2]", ""), "all");
        for (String c : List.of("prod", "dr", "dr2")) {
            Set<String> peers = values(p, c)
                    .getAsJsonObject("clustermesh")
                    .getAsJsonObject("config")
                    .getAsJsonObject("clusters")
                    .keySet();
            Set<String> expected = new HashSet<>(List.of("prod", "dr", "dr2"));
            expected.remove(c);
            assertEquals(expected, peers, c);
            assertEquals(c, p.find("mysqlcs:index:ClusterMesh", c).orElseThrow().name());
        }
        assertEquals(
                List.of("dr-cilium-release", "dr2-cilium-release", "prod-cilium-release"),
                p.ofType(RELEASE).stream()
                        .map(RegisteredResource::name)
                        .filter(n -> n.endsWith("-cilium-release"))
                        .sorted()
                        .toList());
        for (RegisteredResource r : p.ofType(RELEASE)) {
            if (r.name().endsWith("-cilium-release")) {
                assertTrue(r.urn().contains("::mysqlcs:index:ClusterMesh$mysqlcs:index:CiliumCluster$"), r.urn());
            }
        }
        Map<?, ?> mesh = (Map<?, ?>) p.outputs().get("mesh");
        assertEquals(List.of("prod", "dr", "dr2"), List.copyOf(mesh.keySet()));
        Map<?, ?> dr2 = (Map<?, ?>) mesh.get("dr2");
        assertEquals(Map.of("type", "LoadBalancer", "port", 2379, "address", "10.2.255.1"), dr2.get("meshEndpoint"));
        assertEquals(List.of("dr", "prod"), dr2.get("peers"));
    }

    @Test
    void theCorednsCustomModeNeverTouchesTheMainCorefile() {
        Plan.Result p = PlanFixture.planYaml(MeshFixtures.threeClusters("[dr]", ""), "dr");
        for (RegisteredResource r : p.resources()) {
            if (r.type().startsWith("kubernetes:core/v1:ConfigMap")) {
                assertEquals(
                        "coredns-custom",
                        r.inputs().getAsJsonObject("metadata").get("name").getAsString());
            }
        }
        assertTrue(p.find("kubernetes:core/v1:ConfigMapPatch", "dr-dns-custom").isPresent());
        assertTrue(
                p.find("kubernetes:core/v1:ConfigMapPatch", "dr-dns-corefile").isEmpty());
    }

    @Test
    void peersFindEverythingTheyNeedInTheStackOutputs() {
        Map<?, ?> prod = (Map<?, ?>) ((Map<?, ?>) plan("prod").outputs().get("mesh")).get("prod");
        assertEquals(
                Map.of("type", "NodePort", "port", 32379, "ips", List.of("158.178.237.122")), prod.get("meshEndpoint"));
        assertEquals(List.of("158.178.237.122"), prod.get("nodeIps"));
        assertEquals(30053, prod.get("dnsNodePort"));
        assertEquals("prod", prod.get("ciliumClusterName"));
        assertEquals(1, prod.get("ciliumClusterId"));
    }

    @Test
    void aSingleClusterTopologyHasNoMesh() {
        Plan.Result p = PlanFixture.planFile(PlanFixture.ENTERPRISE_EXAMPLE, "single");
        assertTrue(p.ofType(RELEASE).stream().noneMatch(r -> r.name().endsWith("-cilium-release")));
        assertTrue(p.ofType("mysqlcs:index:ClusterMesh").isEmpty());
        assertFalse(p.outputs().containsKey("mesh"));
        assertTrue(p.warnings().stream().noneMatch(w -> w.startsWith("mysqlcs:meshCa")));
    }
}
