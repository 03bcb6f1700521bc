package dev.mysqlcs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pulumi.Context;
import com.pulumi.core.Output;
import com.pulumi.exceptions.MissingRequiredPropertyException;
import com.pulumi.kubernetes.Provider;
import com.pulumi.kubernetes.ProviderArgs;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.Resource;
import com.pulumi.test.PulumiTest;
import com.pulumi.test.TestResult;
import com.pulumi.test.internal.PulumiTestInternal;
import dev.mysqlcs.crd.InnoDbClusterResource;
import dev.mysqlcs.model.Member;
import dev.mysqlcs.model.Topology;
import dev.mysqlcs.testing.ConfigFixtures;
import dev.mysqlcs.testing.MySqlFixtures;
import dev.mysqlcs.testing.RecordingMocks;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class InnoDbClusterComponentTest {

    private final RecordingMocks mocks = new RecordingMocks();

    @AfterEach
    void cleanup() {
        PulumiTest.cleanup();
    }

    private TestResult run(Topology topology, String member, AtomicReference<InnoDbCluster> out) {
        return PulumiTest.withMocks(mocks).runTest(ctx -> build(ctx, topology, member, out));
    }

    private static void build(Context ctx, Topology topology, String member, AtomicReference<InnoDbCluster> out) {
        Provider k8s = new Provider(
                "east-k8s", ProviderArgs.builder().context("ctx-east").build());
        Member m = topology.clusterSet().member(member).orElseThrow();
        out.set(new InnoDbCluster(
                member,
                ClusterSetDeployment.innoDbClusterArgs(topology, m, Output.ofSecret("not-in-any-input"))
                        .build(),
                ComponentResourceOptions.builder().providers(k8s).build()));
    }

    private static String urn(Resource r) {
        return PulumiTest.extractValue(r.urn());
    }

    @Test
    void childrenAreNamedByRoleParentedToTheComponentAndUseItsKubernetesProvider() {
        TestResult result = run(MySqlFixtures.fullOptions(), "beta", new AtomicReference<>());
        assertEquals(List.of(), result.exceptions());
        assertEquals(
                List.of(
                        "beta",
                        "beta-clusterset-secret",
                        "beta-innodbcluster",
                        "beta-namespace",
                        "beta-root-secret",
                        "east-k8s"),
                mocks.names());
        List<String> childUrns = result.resources().stream()
                .map(InnoDbClusterComponentTest::urn)
                .filter(u -> u.contains("::beta-"))
                .toList();
        assertEquals(4, childUrns.size(), childUrns.toString());
        for (String urn : childUrns) {
            assertTrue(urn.contains("$" + InnoDbCluster.TYPE + "$"), urn);
        }
        for (var child : mocks.registered()) {
            if (child.name.startsWith("beta-")) {
                assertTrue(
                        child.provider != null && child.provider.contains("pulumi:providers:kubernetes::east-k8s"),
                        child.name + " uses provider " + child.provider);
            }
        }
    }

    @Test
    void innoDbClusterIsRegisteredUnderTheProvidersCrdTokenWithTheWholeObject() {
        run(MySqlFixtures.fullOptions(), "alpha", new AtomicReference<>());
        var ic = mocks.named("alpha-innodbcluster");
        assertEquals(InnoDbClusterResource.TYPE, ic.type);
        assertEquals("mysql.oracle.com/v2", ic.inputs.get("apiVersion"));
        assertEquals("InnoDBCluster", ic.inputs.get("kind"));
        assertEquals(Map.of("name", "alpha", "namespace", "db-alpha"), ic.inputs.get("metadata"));
        @SuppressWarnings("unchecked")
        Map<String, Object> spec = (Map<String, Object>) ic.inputs.get("spec");
        assertEquals(4_294_967_000L, ((Number) spec.get("baseServerId")).longValue());
        assertEquals(5, ((Number) spec.get("instances")).intValue());
    }

    @Test
    void drillIsolationAddsTheNetworkPolicyOnlyWhereSwitchedOn() {
        run(MySqlFixtures.fullOptions(), "alpha", new AtomicReference<>());
        var policy = mocks.named("alpha-drill-isolation");
        assertEquals("kubernetes:networking.k8s.io/v1:NetworkPolicy", policy.type);
        assertEquals(Map.of("name", "isolate-alpha", "namespace", "db-alpha"), policy.inputs.get("metadata"));
    }

    @Test
    void outputsNameWhatTheOperatorCreatesForTheMember() {
        AtomicReference<InnoDbCluster> ic = new AtomicReference<>();
        run(ConfigFixtures.prod(), "prd", ic);
        Function<Output<String>, String> v = PulumiTest::extractValue;
        assertEquals("prd", v.apply(ic.get().clusterName));
        assertEquals("mysql-prod", v.apply(ic.get().namespace));
        assertEquals("prd", v.apply(ic.get().mysqlClusterName));
        assertEquals("prd-0.prd-instances.mysql-prod.svc.cluster.local", v.apply(ic.get().pod0Fqdn));
        assertEquals("prd-instances", v.apply(ic.get().instancesService));
        assertEquals("prd", v.apply(ic.get().routerService));
        assertEquals("prd.mysql-prod.svc.cluster.local", v.apply(ic.get().routerServiceFqdn));
        assertEquals("mypwds", v.apply(ic.get().rootSecret));
        assertEquals("prd-privsecrets", v.apply(ic.get().privSecrets));
        assertEquals("prd-router", v.apply(ic.get().routerSecret));
        assertEquals("prd-backup", v.apply(ic.get().backupSecret));
    }

    @Test
    void rootSecretCarriesTheCredentialsWithThePasswordSecret() {
        AtomicReference<InnoDbCluster> ic = new AtomicReference<>();
        run(ConfigFixtures.prod(), "prd", ic);
        var secret = mocks.named("prd-root-secret");
        assertEquals(Map.of("name", "mypwds", "namespace", "mysql-prod"), secret.inputs.get("metadata"));
        // base64 `data` as the API server stores it, no `stringData` (pulumi/pulumi-kubernetes#2507: KubernetesPlugin)
        assertEquals(
                Map.of("rootUser", "cm9vdA==", "rootHost", "JQ==", "rootPassword", "bm90LWluLWFueS1pbnB1dA=="),
                secret.inputs.get("data"));
        assertFalse(secret.inputs.containsKey("stringData"));
        assertEquals("Opaque", secret.inputs.get("type"));
    }

    @Test
    void plainPasswordPassedToTheArgsBecomesASecret() {
        InnoDbClusterArgs[] args = new InnoDbClusterArgs[1];
        Member prd = ConfigFixtures.prod().clusterSet().member("prd").orElseThrow();
        PulumiTest.withMocks(mocks)
                .runTest(ctx -> args[0] = InnoDbClusterArgs.builder()
                        .member(prd)
                        .rootPassword(Output.of("plain"))
                        .build());
        assertTrue(PulumiTestInternal.extractOutputData(args[0].rootPassword()).isSecret());
    }

    @Test
    void aMissingRequiredInputIsNamedWithTheArgsType() {
        Member prd = ConfigFixtures.prod().clusterSet().member("prd").orElseThrow();
        assertEquals(
                "Missing required property 'rootPassword when constructing 'InnoDbClusterArgs'",
                assertThrows(
                                MissingRequiredPropertyException.class,
                                () -> InnoDbClusterArgs.builder().member(prd).build())
                        .getMessage());
        assertEquals(
                "Missing required property 'member when constructing 'InnoDbClusterArgs'",
                assertThrows(
                                MissingRequiredPropertyException.class,
                                () -> InnoDbClusterArgs.builder()
                                        .rootPassword(Output.of("x"))
                                        .build())
                        .getMessage());
        assertEquals(
                "Missing required property 'clusterDomain when constructing 'InnoDbClusterArgs'",
                assertThrows(
                                MissingRequiredPropertyException.class,
                                () -> InnoDbClusterArgs.builder()
                                        .member(prd)
                                        .rootPassword(Output.of("x"))
                                        .clusterDomain(" ")
                                        .build())
                        .getMessage());
    }

    @Test
    void theCustomResourceWaitsForWhatTheComponentDependsOn() {
        PulumiTest.withMocks(mocks).runTest(ctx -> {
            Provider k8s = new Provider(
                    "east-k8s", ProviderArgs.builder().context("ctx-east").build());
            Topology t = ConfigFixtures.prod();
            var operator = new MySqlOperator(
                    "east-mysql-operator",
                    MySqlOperatorArgs.builder().build(),
                    ComponentResourceOptions.builder().providers(k8s).build());
            new InnoDbCluster(
                    "prd",
                    ClusterSetDeployment.innoDbClusterArgs(
                                    t, t.clusterSet().member("prd").orElseThrow(), Output.ofSecret("pw"))
                            .build(),
                    ComponentResourceOptions.builder()
                            .providers(k8s)
                            .dependsOn(operator.release())
                            .build());
        });
        assertTrue(mocks.named("prd-innodbcluster").provider.contains("::east-k8s::"));
        assertTrue(mocks.named("prd-namespace").provider.contains("::east-k8s::"));
    }

    /** The inputs of every resource one member's component registers, by resource name. */
    private static Map<String, Map<String, Object>> registeredInputs(Topology topology, String member) {
        RecordingMocks m = new RecordingMocks();
        try {
            TestResult r =
                    PulumiTest.withMocks(m).runTest(ctx -> build(ctx, topology, member, new AtomicReference<>()));
            assertEquals(List.of(), r.exceptions());
            Map<String, Map<String, Object>> byName = new java.util.TreeMap<>();
            m.registered().forEach(a -> byName.put(a.name, a.inputs));
            return byName;
        } finally {
            PulumiTest.cleanup();
        }
    }

    /** Dotted paths at which two input trees differ. */
    private static void diff(String path, Object a, Object b, List<String> out) {
        if (a instanceof Map<?, ?> ma && b instanceof Map<?, ?> mb) {
            java.util.Set<Object> keys = new java.util.TreeSet<>(java.util.Comparator.comparing(String::valueOf));
            keys.addAll(ma.keySet());
            keys.addAll(mb.keySet());
            for (Object k : keys) {
                diff(path.isEmpty() ? String.valueOf(k) : path + "." + k, ma.get(k), mb.get(k), out);
            }
        } else if (!java.util.Objects.equals(a, b)) {
            out.add(path);
        }
    }

    /**
     * Issue 10 item 6: a switchover (seed 000, primary mycluster1 to mycluster2 at epoch 1) must not rewrite any
     * member's InnoDBCluster, nor create or delete a Secret. The rendered initDB.clusterSet does follow the configured
     * primary; that path, and only that one, is left to the value of the resource's creation.
     */
    @Test
    void aSwitchoverRewritesNoInnoDbClusterAndNoSecret() {
        String yaml = ConfigFixtures.shipped("src/examples/Pulumi.single-cluster-enterprise.yaml");
        Topology before = ConfigFixtures.topology(yaml);
        Topology after = ConfigFixtures.topology(
                yaml.replace("primary: mycluster1", "primary: mycluster2\n    primaryEpoch: 1"));
        List<String> ignoredDiffs = new java.util.ArrayList<>();
        for (var member : before.clusterSet().members()) {
            var b = registeredInputs(before, member.name());
            var a = registeredInputs(after, member.name());
            assertEquals(b.keySet(), a.keySet(), "the same resources for " + member.name());
            assertTrue(b.containsKey(member.name() + "-clusterset-secret"), "every member has it: " + b.keySet());
            for (String resource : b.keySet()) {
                List<String> paths = new java.util.ArrayList<>();
                diff("", b.get(resource), a.get(resource), paths);
                for (String path : paths) {
                    boolean ignored = resource.equals(member.name() + "-innodbcluster")
                            && InnoDbCluster.IGNORED_CHANGES.stream()
                                    .anyMatch(x -> path.equals(x) || path.startsWith(x + "."));
                    assertTrue(ignored, resource + " changes at " + path + " on a switchover");
                    ignoredDiffs.add(resource + ":" + path);
                }
            }
        }
        // The rendering does change there (the ignore is what keeps the live specs still).
        assertEquals(
                List.of(
                        "mycluster1-innodbcluster:spec.initDB",
                        "mycluster2-innodbcluster:spec.initDB",
                        "mycluster3-innodbcluster:spec.initDB.clusterSet.targetUrl",
                        "mycluster4-innodbcluster:spec.initDB.clusterSet.targetUrl"),
                ignoredDiffs);
    }
}
