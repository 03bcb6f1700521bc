package dev.mysqlcs.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import dev.mysqlcs.crd.InnoDbClusterResource;
import dev.mysqlcs.stack.offline.Plan;
import dev.mysqlcs.stack.offline.RegisteredResource;
import dev.mysqlcs.stack.offline.StackFile;
import dev.mysqlcs.testing.CrdPaths;
import dev.mysqlcs.testing.MySqlFixtures;
import dev.mysqlcs.testing.Upstream;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The MySQL side of the real stack program, as the offline plan registers it. */
class MySqlSidePlanTest {

    private static final String RELEASE = "kubernetes:helm.sh/v3:Release";
    private static final String SECRET = "kubernetes:core/v1:Secret";
    private static final String NAMESPACE = "kubernetes:core/v1:Namespace";
    private static final String NETWORK_POLICY = "kubernetes:networking.k8s.io/v1:NetworkPolicy";

    /** Seed 000, S1.7: the policy that isolates mycluster1 for the forced-failover drill. */
    private static final String SEED_000_ISOLATION = """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata:
              name: isolate-mycluster1
              namespace: clusterns1
            spec:
              podSelector:
                matchLabels:
                  mysql.oracle.com/cluster: mycluster1
              policyTypes:
              - Ingress
              - Egress
              ingress:
              - from:
                - podSelector:
                    matchLabels:
                      mysql.oracle.com/cluster: mycluster1
              egress:
              - to:
                - podSelector:
                    matchLabels:
                      mysql.oracle.com/cluster: mycluster1
            """;

    private static Plan.Result plan(String which) {
        return switch (which) {
            case "prod", "dr" -> PlanFixture.planStack(which);
            case "enterprise" -> PlanFixture.planFile(PlanFixture.ENTERPRISE_EXAMPLE, "example");
            case "full" -> PlanFixture.planYaml(MySqlFixtures.FULL_OPTIONS, "full");
            default -> throw new IllegalArgumentException(which);
        };
    }

    private static RegisteredResource get(Plan.Result plan, String type, String name) {
        return plan.find(type, name).orElseThrow(() -> new AssertionError("no " + type + " " + name + " in plan"));
    }

    private static Map<String, Object> toMap(JsonObject o) throws Exception {
        @SuppressWarnings("unchecked")
        Map<String, Object> m = new ObjectMapper().readValue(o.toString(), Map.class);
        return m;
    }

    @ParameterizedTest
    @ValueSource(strings = {"prod", "dr", "enterprise", "full"})
    void everyInnoDbClusterAsRegisteredValidatesAgainstTheCrd228(String which) throws Exception {
        List<RegisteredResource> ics = plan(which).ofType(InnoDbClusterResource.TYPE);
        assertFalse(ics.isEmpty());
        for (RegisteredResource ic : ics) {
            Map<String, Object> object = toMap(ic.inputs());
            assertEquals(List.of(), Upstream.validateCustomResource(Upstream.CRDS_2_2_8, object), ic.name());
            assertEquals(List.of(), CrdPaths.undeclared(Upstream.CRDS_2_2_8, object), ic.name());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"prod", "dr", "enterprise", "full"})
    void operatorReleaseOfTheSameKubernetesClusterPrecedesEveryInnoDbCluster(String which) {
        Plan.Result plan = plan(which);
        Map<String, String> releaseByCluster = new LinkedHashMap<>();
        for (RegisteredResource r : plan.ofType(RELEASE)) {
            if (!r.name().endsWith("-mysql-operator-release")) {
                continue; // Cilium's release (the mesh side)
            }
            releaseByCluster.put(r.name().replace("-mysql-operator-release", ""), r.urn());
        }
        var topology = dev.mysqlcs.testing.ConfigFixtures.topology(
                switch (which) {
                    case "prod" -> dev.mysqlcs.testing.ConfigFixtures.shipped("Pulumi.prod.yaml");
                    case "dr" -> dev.mysqlcs.testing.ConfigFixtures.shipped("Pulumi.dr.yaml");
                    case "enterprise" -> dev.mysqlcs.testing.ConfigFixtures.shipped(PlanFixture.ENTERPRISE_EXAMPLE);
                    default -> MySqlFixtures.FULL_OPTIONS;
                });
        assertEquals(Set.copyOf(topology.deploy()), releaseByCluster.keySet());
        for (var m : topology.deployedMembers()) {
            RegisteredResource ic = get(plan, InnoDbClusterResource.TYPE, m.name() + "-innodbcluster");
            assertTrue(
                    ic.dependencies().contains(releaseByCluster.get(m.kubeCluster())),
                    m.name() + " must wait for the operator of " + m.kubeCluster() + ": " + ic.dependencies());
            releaseByCluster.forEach((kube, urn) -> {
                if (!kube.equals(m.kubeCluster())) {
                    assertFalse(ic.dependencies().contains(urn), m.name() + " waits for another cluster's operator");
                }
            });
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"prod", "enterprise", "full"})
    void namespacePrecedesItsSecretsAndItsInnoDbCluster(String which) {
        Plan.Result plan = plan(which);
        for (RegisteredResource ns : plan.ofType(NAMESPACE)) {
            String member = ns.name().replace("-namespace", "");
            String namespace =
                    ns.inputs().getAsJsonObject("metadata").get("name").getAsString();
            List<RegisteredResource> inNamespace = plan.resources().stream()
                    .filter(r -> r.name().startsWith(member + "-") && !r.name().equals(ns.name()))
                    .toList();
            assertTrue(inNamespace.stream().anyMatch(r -> r.type().equals(SECRET)), member);
            for (RegisteredResource r : inNamespace) {
                assertEquals(
                        namespace,
                        r.inputs().getAsJsonObject("metadata").get("namespace").getAsString(),
                        r.name());
                assertTrue(r.dependencies().contains(ns.urn()), r.name() + " must wait for " + ns.name());
            }
        }
    }

    @Test
    void namespacesAndInnoDbClustersAreProtectedAgainstDeletionSecretsAndOperatorAreNot() {
        Plan.Result plan = plan("prod");
        for (RegisteredResource r : plan.resources()) {
            boolean holdsData = r.type().equals(NAMESPACE) || r.type().equals(InnoDbClusterResource.TYPE);
            assertEquals(holdsData, r.protect(), r.type() + " " + r.name());
        }
        assertTrue(plan.resources().stream().anyMatch(RegisteredResource::protect));
    }

    @Test
    void operatorReleaseWaitsForTheClusterMeshOfItsCluster() {
        Plan.Result plan = plan("prod");
        RegisteredResource operator = get(plan, RELEASE, "prod-mysql-operator-release");
        RegisteredResource mesh = get(plan, "mysqlcs:index:ClusterMesh", "prod");
        boolean waits = operator.dependencies().contains(mesh.urn())
                || operator.dependencies().stream().anyMatch(u -> u.contains("cilium"));
        assertTrue(waits, operator.dependencies().toString());
    }

    @Test
    void innoDbClusterWaitsForItsRootSecretAndReplicasForTheirClusterSetSecret() {
        Plan.Result plan = plan("enterprise");
        RegisteredResource ic2 = get(plan, InnoDbClusterResource.TYPE, "mycluster2-innodbcluster");
        assertTrue(ic2.dependencies()
                .contains(get(plan, SECRET, "mycluster2-root-secret").urn()));
        assertTrue(ic2.dependencies()
                .contains(get(plan, SECRET, "mycluster2-clusterset-secret").urn()));
    }

    @Test
    void operatorLinkedReplicasAreCreatedAfterThePrimaryInnoDbCluster() {
        Plan.Result plan = plan("enterprise");
        String primary = get(plan, InnoDbClusterResource.TYPE, "mycluster1-innodbcluster")
                .urn();
        for (String replica : List.of("mycluster2", "mycluster3", "mycluster4")) {
            assertTrue(
                    get(plan, InnoDbClusterResource.TYPE, replica + "-innodbcluster")
                            .dependencies()
                            .contains(primary),
                    replica);
        }
        assertTrue(get(plan, InnoDbClusterResource.TYPE, "mycluster1-innodbcluster").dependencies().stream()
                .noneMatch(d -> d.contains("InnoDBCluster::")));
    }

    /**
     * D3: the ClusterSet exists before any replica's sidecar runs initDB.clusterSet (mysql-operator initdb.py
     * join_innodb_cluster_set needs it on the primary): the replicas' InnoDBClusters wait for the provider's
     * ClusterSet resource, which waits for the primary's InnoDBCluster only, so the graph has no cycle; the members
     * still wait for every InnoDBCluster.
     */
    @Test
    void operatorLinkedReplicasWaitForTheClusterSetWhichWaitsForThePrimaryOnly() {
        Plan.Result plan = plan("enterprise");
        String ic = "urn:pulumi:example::mysqlcs::mysqlcs:index:InnoDbCluster$kubernetes:mysql.oracle.com/v2"
                + ":InnoDBCluster::";
        String clusterSet = "urn:pulumi:example::mysqlcs::mysqlcs:index:ClusterSet::mycs";
        assertEquals(
                List.of(
                        "urn:pulumi:example::mysqlcs::mysqlcs:index:InnoDbCluster$kubernetes:mysql.oracle.com/v2"
                                + ":InnoDBCluster::mycluster1-innodbcluster",
                        "urn:pulumi:example::mysqlcs::pulumi:providers:kubernetes::k8s-k8s"),
                get(plan, "mysqlcs:index:ClusterSet", "mycs").dependencies().stream()
                        .sorted()
                        .toList());
        for (String replica : List.of("mycluster2", "mycluster3", "mycluster4")) {
            List<String> deps = get(plan, InnoDbClusterResource.TYPE, replica + "-innodbcluster")
                    .dependencies();
            assertTrue(deps.contains(clusterSet), replica + ": " + deps);
            assertTrue(deps.contains(ic + "mycluster1-innodbcluster"), replica + ": " + deps);
        }
        assertFalse(get(plan, InnoDbClusterResource.TYPE, "mycluster1-innodbcluster")
                .dependencies()
                .contains(clusterSet));
        for (int i = 1; i <= 4; i++) {
            List<String> deps = get(plan, "mysqlcs:index:ClusterSetMember", "mycs-mycluster" + i)
                    .dependencies();
            for (int j = 1; j <= 4; j++) {
                assertTrue(deps.contains(ic + "mycluster" + j + "-innodbcluster"), "mycs-mycluster" + i + ": " + deps);
            }
            assertTrue(deps.contains(clusterSet), deps.toString());
        }
        List<String> primaryDeps =
                get(plan, "mysqlcs:index:ClusterSetPrimary", "mycs-primary").dependencies();
        for (int j = 1; j <= 4; j++) {
            assertTrue(primaryDeps.contains(ic + "mycluster" + j + "-innodbcluster"), primaryDeps.toString());
        }
    }

    /**
     * D3, several stacks: a stack deploying only an operator-linked replica (FULL_OPTIONS with deploy [west]: beta
     * on west, the primary alpha on east) registers the replica's InnoDBCluster after its ClusterSet resource, which
     * waits for no InnoDBCluster. That resource's Create adopts the ClusterSet, or refuses clusterset-not-created while
     * there is none (ClusterSetPlannerTest), and the engine then creates no replica.
     */
    @Test
    void aStackDeployingOnlyAReplicaCreatesItAfterItsClusterSetResource() {
        Plan.Result plan = PlanFixture.planYaml(MySqlFixtures.FULL_OPTIONS.replace("[east, west]", "[west]"), "west");
        String clusterSet = "urn:pulumi:west::mysqlcs::mysqlcs:index:ClusterSet::fullcs";
        assertTrue(plan.find(InnoDbClusterResource.TYPE, "alpha-innodbcluster").isEmpty());
        assertTrue(get(plan, InnoDbClusterResource.TYPE, "beta-innodbcluster")
                .dependencies()
                .contains(clusterSet));
        assertEquals(
                List.of("urn:pulumi:west::mysqlcs::pulumi:providers:kubernetes::west-k8s"),
                get(plan, "mysqlcs:index:ClusterSet", "fullcs").dependencies());
        assertTrue(get(plan, "mysqlcs:index:ClusterSetMember", "fullcs-beta")
                .dependencies()
                .contains("urn:pulumi:west::mysqlcs::mysqlcs:index:InnoDbCluster$kubernetes:mysql.oracle.com/v2"
                        + ":InnoDBCluster::beta-innodbcluster"));
    }

    /** Every member, the primary too: a switchover then neither creates nor deletes a Secret (issue 10 item 6). */
    @Test
    void seed000EveryMemberGetsANamespaceLocalClusterSetSecret() {
        Plan.Result plan = plan("enterprise");
        for (int i = 1; i <= 4; i++) {
            RegisteredResource s = get(plan, SECRET, "mycluster" + i + "-clusterset-secret");
            JsonObject meta = s.inputs().getAsJsonObject("metadata");
            assertEquals("clusterset-secret", meta.get("name").getAsString());
            assertEquals("clusterns" + i, meta.get("namespace").getAsString());
            assertEquals(new JsonPrimitive("[secret]"), s.inputs().get("data"));
            assertFalse(s.inputs().has("stringData"));
        }
        assertEquals(8, plan.ofType(SECRET).size());
    }

    @Test
    void secureRootPasswordIsRegisteredOnlyAsASecretValue() {
        String yaml = dev.mysqlcs.testing.ConfigFixtures.shipped("Pulumi.prod.yaml")
                + "  mysqlcs:rootPassword: {secure: AAABAGpL0ngCiphertextXyZ}\n"
                + "  mysqlcs:meshCaCert: {secure: AAABAGpL0ngCaCert}\n"
                + "  mysqlcs:meshCaKey: {secure: AAABAGpL0ngCaKey}\n";
        Plan.Result plan = PlanFixture.planYaml(yaml, "prod");
        RegisteredResource secret = get(plan, SECRET, "prd-root-secret");
        // The whole data map is one secret: not even rootUser/rootHost are spelled out next to it.
        assertEquals(new JsonPrimitive("[secret]"), secret.inputs().get("data"));
        assertFalse(secret.inputs().has("stringData"));
        assertEquals(
                "mypwds",
                secret.inputs().getAsJsonObject("metadata").get("name").getAsString());
        assertTrue(plan.warnings().isEmpty(), plan.warnings().toString());
    }

    @Test
    void noPlaintextPasswordInAnyRegisteredInputOrStackOutput() {
        String needle = "Pl41ntext-Needle-0f-th3-Root-Password";
        for (String file : List.of("Pulumi.prod.yaml", PlanFixture.ENTERPRISE_EXAMPLE)) {
            StackFile shipped = PlanFixture.stackFile(file);
            Map<String, String> config = new LinkedHashMap<>(shipped.config());
            config.put("mysqlcs:rootPassword", needle);
            Set<String> secrets = new HashSet<>(shipped.secretKeys());
            secrets.add("mysqlcs:rootPassword");
            Plan.Result plan = Plan.plan(PlanFixture.PROJECT, "leak", new StackFile(config, secrets));

            assertFalse(plan.ofType(SECRET).isEmpty());
            String encoded = java.util.Base64.getEncoder()
                    .encodeToString(
                            needle.getBytes(java.nio.charset.StandardCharsets.UTF_8)); // Secrets carry base64 data
            for (RegisteredResource r : plan.resources()) {
                assertFalse(r.inputs().toString().contains(needle), r.type() + " " + r.name() + " leaks it");
                assertFalse(r.inputs().toString().contains(encoded), r.type() + " " + r.name() + " leaks it in base64");
                assertFalse(r.inputs().toString().contains("Pl41ntext"), r.name());
            }
            assertFalse(new Gson().toJson(plan.outputs()).contains(needle), "a stack output leaks it");
            assertFalse(Plan.toJson(plan).contains(needle));
            assertFalse(Plan.toJson(plan).contains(encoded));
            assertFalse(Plan.toTree(plan).contains(needle));
            for (RegisteredResource s : plan.ofType(SECRET)) {
                assertEquals(new JsonPrimitive("[secret]"), s.inputs().get("data"), s.name());
            }
        }
    }

    @Test
    void drillIsolationIsSeed000sNetworkPolicy() throws Exception {
        String yaml = dev.mysqlcs.testing.ConfigFixtures.shipped(PlanFixture.ENTERPRISE_EXAMPLE)
                .replace(
                        "{name: mycluster1, namespace: clusterns1, kubeCluster: k8s,",
                        "{name: mycluster1, drillIsolation: true, namespace: clusterns1, kubeCluster: k8s,");
        Plan.Result plan = PlanFixture.planYaml(yaml, "drill");
        List<RegisteredResource> policies = plan.ofType(NETWORK_POLICY);
        assertEquals(1, policies.size());
        RegisteredResource policy = policies.get(0);
        assertEquals("mycluster1-drill-isolation", policy.name());

        Map<?, ?> expected = new ObjectMapper(new YAMLFactory()).readValue(SEED_000_ISOLATION, Map.class);
        assertEquals(expected, toMap(policy.inputs()));
        assertTrue(
                policy.dependencies()
                        .contains(get(plan, InnoDbClusterResource.TYPE, "mycluster1-innodbcluster")
                                .urn()),
                "the drill isolates a running cluster");
    }

    @Test
    void withoutDrillIsolationThereIsNoNetworkPolicy() {
        assertTrue(plan("enterprise").ofType(NETWORK_POLICY).isEmpty());
        assertTrue(plan("prod").ofType(NETWORK_POLICY).isEmpty());
    }

    @Test
    void prodExportsWhatTheOperatorNamesForItsMember() {
        Plan.Result plan = plan("prod");
        assertEquals(
                Map.of(
                        "prd",
                        Map.ofEntries(
                                Map.entry("clusterName", "prd"),
                                Map.entry("namespace", "mysql-prod"),
                                Map.entry("mysqlClusterName", "prd"),
                                Map.entry("pod0Fqdn", "prd-0.prd-instances.mysql-prod.svc.cluster.local"),
                                Map.entry("instancesService", "prd-instances"),
                                Map.entry("routerService", "prd"),
                                Map.entry("routerServiceFqdn", "prd.mysql-prod.svc.cluster.local"),
                                Map.entry("rootSecret", "mypwds"),
                                Map.entry("privSecrets", "prd-privsecrets"),
                                Map.entry("routerSecret", "prd-router"),
                                Map.entry("backupSecret", "prd-backup"))),
                plan.outputs().get("innodbClusters"));
        assertEquals(
                Map.of(
                        "prod",
                        Map.of(
                                "releaseName",
                                "mysql-operator",
                                "namespace",
                                "mysql-operator",
                                "chart",
                                "mysql-operator@2.2.8",
                                "edition",
                                "community")),
                plan.outputs().get("mysqlOperators"));
    }

    @Test
    void drStackDeploysOnlyTheDrMemberAndOperator() {
        Plan.Result plan = plan("dr");
        assertEquals(
                List.of("dr-innodbcluster"),
                plan.ofType(InnoDbClusterResource.TYPE).stream()
                        .map(RegisteredResource::name)
                        .toList());
        assertEquals(
                List.of("dr-cilium-release", "dr-mysql-operator-release"),
                plan.ofType(RELEASE).stream().map(RegisteredResource::name).toList());
        @SuppressWarnings("unchecked")
        Map<String, Object> exported = (Map<String, Object>) plan.outputs().get("innodbClusters");
        assertEquals(Set.of("dr"), exported.keySet());
    }

    @ParameterizedTest
    @ValueSource(strings = {"prod", "enterprise", "full"})
    void everyMySqlResourceIsParentedToItsComponentAndUsesTheProviderOfItsCluster(String which) {
        Plan.Result plan = plan(which);
        for (RegisteredResource r : plan.resources()) {
            if (r.type().equals(InnoDbClusterResource.TYPE)
                    || r.type().equals(SECRET)
                    || r.type().equals(NAMESPACE)
                    || r.type().equals(NETWORK_POLICY)) {
                assertTrue(r.urn().contains("::mysqlcs:index:InnoDbCluster$"), r.urn());
                String member = r.parentName().orElseThrow();
                assertTrue(r.name().startsWith(member + "-"), r.name() + " under " + member);
            }
            if (r.type().equals(RELEASE)) {
                assertTrue(
                        r.urn().contains("::mysqlcs:index:MySqlOperator$")
                                || r.urn().contains("$mysqlcs:index:CiliumCluster$"),
                        r.urn());
            }
        }
    }

    @Test
    void releaseFollowsMysqlOperatorConfigAndTheClusterDomain() {
        Plan.Result plan = plan("full");
        RegisteredResource east = get(plan, RELEASE, "east-mysql-operator-release");
        JsonObject in = east.inputs();
        assertEquals("mysql-system", in.get("namespace").getAsString());
        assertEquals("2.2.8", in.get("version").getAsString());
        assertEquals(
                "https://charts.example.com/mysql/",
                in.getAsJsonObject("repositoryOpts").get("repo").getAsString());
        JsonObject values = in.getAsJsonObject("values");
        assertEquals(
                "corp.internal",
                values.getAsJsonObject("envs").get("k8sClusterDomain").getAsString());
        assertEquals(
                "enterprise-operator",
                values.getAsJsonObject("image").get("name").getAsString());
        assertEquals("9.7.0-2.2.8", values.getAsJsonObject("image").get("tag").getAsString());
    }

    @Test
    void largeBaseServerIdReachesTheEngineExactly() {
        JsonElement id = get(plan("full"), InnoDbClusterResource.TYPE, "alpha-innodbcluster")
                .inputs()
                .getAsJsonObject("spec")
                .get("baseServerId");
        assertEquals(4_294_967_000L, id.getAsLong());
    }
}
