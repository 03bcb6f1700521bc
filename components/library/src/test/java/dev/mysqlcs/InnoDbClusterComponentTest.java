package dev.mysqlcs;

import com.pulumi.Context;
import com.pulumi.core.Output;
import com.pulumi.kubernetes.Provider;
import com.pulumi.kubernetes.ProviderArgs;
import com.pulumi.resources.Resource;
import com.pulumi.test.PulumiTest;
import com.pulumi.test.TestResult;
import com.pulumi.test.internal.PulumiTestInternal;
import dev.mysqlcs.config.InvalidConfigException;
import dev.mysqlcs.crd.InnoDbClusterResource;
import dev.mysqlcs.model.Topology;
import dev.mysqlcs.testing.ConfigFixtures;
import dev.mysqlcs.testing.MySqlFixtures;
import dev.mysqlcs.testing.RecordingMocks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
        Provider k8s = new Provider("east-k8s", ProviderArgs.builder().context("ctx-east").build());
        out.set(new InnoDbCluster(member, InnoDbClusterArgs.builder()
                .topology(topology)
                .member(member)
                .rootPassword(Output.ofSecret("not-in-any-input"))
                .provider(k8s)
                .build(), null));
    }

    private static String urn(Resource r) {
        return PulumiTest.extractValue(r.urn());
    }

    @Test
    void childrenAreNamedByRoleParentedToTheComponentAndUseItsKubernetesProvider() {
        TestResult result = run(MySqlFixtures.fullOptions(), "beta", new AtomicReference<>());
        assertEquals(List.of(), result.exceptions());
        assertEquals(List.of("beta", "beta-clusterset-secret", "beta-innodbcluster", "beta-namespace",
                "beta-root-secret", "east-k8s"), mocks.names());
        List<String> childUrns = result.resources().stream().map(InnoDbClusterComponentTest::urn)
                .filter(u -> u.contains("::beta-")).toList();
        assertEquals(4, childUrns.size(), childUrns.toString());
        for (String urn : childUrns) {
            assertTrue(urn.contains("$" + InnoDbCluster.TYPE + "$"), urn);
        }
        for (var child : mocks.registered()) {
            if (child.name.startsWith("beta-")) {
                assertTrue(child.provider != null && child.provider.contains("pulumi:providers:kubernetes::east-k8s"),
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
        assertTrue(mocks.names().stream().noneMatch(n -> n.equals("alpha-clusterset-secret")),
                "the primary joins no ClusterSet: " + mocks.names());
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
        assertEquals(Map.of("rootUser", "cm9vdA==", "rootHost", "JQ==", "rootPassword", "bm90LWluLWFueS1pbnB1dA=="),
                secret.inputs.get("data"));
        assertFalse(secret.inputs.containsKey("stringData"));
        assertEquals("Opaque", secret.inputs.get("type"));
    }

    @Test
    void plainPasswordPassedToTheArgsBecomesASecret() {
        InnoDbClusterArgs[] args = new InnoDbClusterArgs[1];
        PulumiTest.withMocks(mocks).runTest(ctx -> args[0] = InnoDbClusterArgs.builder()
                .topology(ConfigFixtures.prod()).member("prd").rootPassword(Output.of("plain"))
                .provider(new Provider("p", ProviderArgs.builder().build())).build());
        assertTrue(PulumiTestInternal.extractOutputData(args[0].rootPassword()).isSecret());
    }

    @Test
    void unknownMemberIsRefusedBeforeAnyChildExists() {
        TestResult result = run(ConfigFixtures.prod(), "nope", new AtomicReference<>());
        assertTrue(result.exceptions().size() >= 1, "the constructor must fail");
        Throwable e = result.exceptions().get(0);
        while (!(e instanceof InvalidConfigException) && e.getCause() != null) {
            e = e.getCause();
        }
        InvalidConfigException invalid = assertInstanceOf(InvalidConfigException.class, e);
        assertEquals("config error: mysqlcs:clusterSet.members: 'nope' is not a member of the ClusterSet; allowed: "
                + "prd, dr", invalid.errors().get(0).render());
        assertEquals(List.of(), mocks.names().stream().filter(n -> n.startsWith("nope-")).toList(),
                "no child may exist");
    }
}
