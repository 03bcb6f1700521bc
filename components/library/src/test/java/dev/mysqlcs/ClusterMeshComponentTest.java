package dev.mysqlcs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pulumi.core.Output;
import com.pulumi.kubernetes.Provider;
import com.pulumi.kubernetes.ProviderArgs;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.test.Mocks;
import com.pulumi.test.PulumiTest;
import com.pulumi.test.TestResult;
import dev.mysqlcs.model.Topology;
import dev.mysqlcs.render.CoreDnsZones;
import dev.mysqlcs.render.CorefilePatch;
import dev.mysqlcs.testing.ConfigFixtures;
import dev.mysqlcs.testing.MeshFixtures;
import dev.mysqlcs.testing.Upstream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ClusterMeshComponentTest {

    /** Records registrations and reads; a read of kube-system/coredns returns {@code corefile} (or no Corefile). */
    static final class RecordingMocks implements Mocks {
        final List<ResourceArgs> registered = Collections.synchronizedList(new ArrayList<>());
        final List<ResourceArgs> reads = Collections.synchronizedList(new ArrayList<>());
        final String corefile;

        RecordingMocks(String corefile) {
            this.corefile = corefile;
        }

        @Override
        public CompletableFuture<ResourceResult> newResourceAsync(ResourceArgs args) {
            if (args.id != null && !args.id.isEmpty()) {
                reads.add(args);
                Map<String, Object> data = corefile == null ? Map.of("other", "x") : Map.of("Corefile", corefile);
                return CompletableFuture.completedFuture(ResourceResult.of(
                        Optional.of(args.id),
                        Map.of("metadata", Map.of("name", "coredns", "namespace", "kube-system"), "data", data)));
            }
            registered.add(args);
            return CompletableFuture.completedFuture(
                    ResourceResult.of(Optional.of(args.name + "-id"), new HashMap<>(args.inputs)));
        }

        @Override
        public CompletableFuture<Map<String, Object>> callAsync(CallArgs args) {
            return CompletableFuture.completedFuture(Map.of());
        }

        ResourceArgs named(String name) {
            return registered.stream()
                    .filter(r -> r.name.equals(name))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no resource " + name + " in " + names()));
        }

        List<String> names() {
            return registered.stream().map(r -> r.name).sorted().toList();
        }
    }

    @AfterEach
    void cleanup() {
        PulumiTest.cleanup();
    }

    static TestResult run(RecordingMocks mocks, Topology t, String cluster) {
        return PulumiTest.withMocks(mocks).runTest(ctx -> {
            Provider p = new Provider(
                    cluster + "-k8s",
                    ProviderArgs.builder().context("ctx-" + cluster).build());
            new ClusterMesh(
                    cluster,
                    ClusterSetDeployment.clusterMeshArgs(
                                    t, t.kubeCluster(cluster).orElseThrow())
                            .caCertPem(Output.of(MeshFixtures.ca().certificatePem()))
                            .caKeyPem(Output.of(MeshFixtures.ca().privateKeyPem()))
                            .build(),
                    ComponentResourceOptions.builder().providers(p).build());
        });
    }

    @Test
    void everyChildIsNamedAfterItsRoleAndDeployedWithTheClustersProviderOnly() {
        RecordingMocks mocks = new RecordingMocks(Upstream.read("coredns/kubeadm-Corefile.rendered-cluster.local"));
        TestResult r = run(mocks, ConfigFixtures.prod(), "prod");
        assertEquals(List.of(), r.exceptions());
        assertEquals(
                List.of(
                        "prod",
                        "prod-cilium",
                        "prod-cilium-release",
                        "prod-cilium-restart-coredns",
                        "prod-dns",
                        "prod-dns-corefile",
                        "prod-dns-nodeport",
                        "prod-k8s"),
                mocks.names());
        for (Mocks.ResourceArgs a : mocks.registered) {
            if (a.type.startsWith("kubernetes:") && !a.type.startsWith("pulumi:providers")) {
                assertTrue(a.provider != null && a.provider.contains("::prod-k8s::"), a.name + " uses " + a.provider);
            }
        }
        assertEquals(1, mocks.reads.size());
        assertEquals("kube-system/coredns", mocks.reads.get(0).id);
        assertTrue(mocks.reads.get(0).provider.contains("::prod-k8s::"));
    }

    @Test
    void theCorefileModePatchesTheLiveCorefileWithExactlyTheRemoteZones() {
        String live = Upstream.read("coredns/k3s-Corefile");
        RecordingMocks mocks = new RecordingMocks(live);
        Topology t = ConfigFixtures.topology(MeshFixtures.threeClusters("[prod]", ""));
        run(mocks, t, "prod");
        Mocks.ResourceArgs patch = mocks.named("prod-dns-corefile");
        assertEquals("kubernetes:core/v1:ConfigMapPatch", patch.type);
        Map<?, ?> metadata = (Map<?, ?>) patch.inputs.get("metadata");
        assertEquals("coredns", metadata.get("name"));
        assertEquals(Map.of("pulumi.com/patchForce", "true"), metadata.get("annotations"));
        assertEquals(
                Map.of("Corefile", CorefilePatch.apply(live, CoreDnsZones.forCluster(t, "prod"))),
                patch.inputs.get("data"));
    }

    @Test
    void theCorednsCustomModeLeavesTheMainCorefileUntouched() {
        RecordingMocks mocks = new RecordingMocks(Upstream.read("coredns/k3s-Corefile"));
        Topology t = ConfigFixtures.topology(MeshFixtures.threeClusters("[dr]", ""));
        TestResult r = run(mocks, t, "dr");
        assertEquals(List.of(), r.exceptions());
        assertEquals(List.of(), mocks.reads, "the main Corefile is not even read");
        for (Mocks.ResourceArgs a : mocks.registered) {
            Object md = a.inputs.get("metadata");
            if (a.type.startsWith("kubernetes:core/v1:ConfigMap")) {
                assertEquals("coredns-custom", ((Map<?, ?>) md).get("name"), a.name);
            }
        }
        Mocks.ResourceArgs custom = mocks.named("dr-dns-custom");
        assertEquals("kubernetes:core/v1:ConfigMapPatch", custom.type);
        var zones = CoreDnsZones.forCluster(t, "dr");
        assertEquals(CoreDnsZones.customServerData(zones), custom.inputs.get("data"));
        assertEquals(
                List.of("mysqlcs.mysql-dr2.svc.cluster.local.server", "mysqlcs.mysql-prod.svc.cluster.local.server"),
                List.copyOf(((Map<?, ?>) custom.inputs.get("data")).keySet()).stream()
                        .map(String::valueOf)
                        .sorted()
                        .toList());
        Map<?, ?> template =
                (Map<?, ?>) ((Map<?, ?>) mocks.named("dr-dns-reload").inputs.get("spec")).get("template");
        assertEquals(
                Map.of("annotations", Map.of(CrossClusterDns.ZONES_ANNOTATION, CoreDnsZones.digest(zones))),
                template.get("metadata"));
    }

    @Test
    void restartsExactlyTheConfiguredDeploymentsWithTheStableCiliumIdentity() {
        RecordingMocks mocks = new RecordingMocks(Upstream.read("coredns/kubeadm-Corefile.rendered-cluster.local"));
        Topology t = ConfigFixtures.topology(MeshFixtures.threeClusters(
                "[dr2]", "  mysqlcs:cilium: {restartDeployments: [coredns, kube-dns-autoscaler]}\n"));
        run(mocks, t, "dr2");
        for (String d : List.of("coredns", "kube-dns-autoscaler")) {
            Mocks.ResourceArgs patch = mocks.named("dr2-cilium-restart-" + d);
            assertEquals("kubernetes:apps/v1:DeploymentPatch", patch.type);
            assertEquals(Map.of("name", d, "namespace", "kube-system"), patch.inputs.get("metadata"));
            assertEquals(
                    Map.of(
                            "template",
                            Map.of(
                                    "metadata",
                                    Map.of(
                                            "annotations",
                                            Map.of(CiliumCluster.RESTART_ANNOTATION, "kube-system/cilium:dr2:3")))),
                    patch.inputs.get("spec"));
        }
        assertFalse(mocks.names().contains("dr2-cilium-restart-hubble-relay"));
    }

    @Test
    void theReleaseIsThePinnedChartWithTheRenderedValues() {
        RecordingMocks mocks = new RecordingMocks(Upstream.read("coredns/kubeadm-Corefile.rendered-cluster.local"));
        run(mocks, ConfigFixtures.prod(), "prod");
        Mocks.ResourceArgs release = mocks.named("prod-cilium-release");
        assertEquals("kubernetes:helm.sh/v3:Release", release.type);
        assertEquals("cilium", release.inputs.get("chart"));
        assertEquals("cilium", release.inputs.get("name"));
        assertEquals("kube-system", release.inputs.get("namespace"));
        assertEquals("1.19.6", release.inputs.get("version"));
        assertEquals(Map.of("repo", "https://helm.cilium.io"), release.inputs.get("repositoryOpts"));
        Map<?, ?> values = (Map<?, ?>) release.inputs.get("values");
        assertEquals(
                Map.of(
                        "ca",
                        Map.of(
                                "cert",
                                        dev.mysqlcs.pki.MeshCa.chartBase64(
                                                MeshFixtures.ca().certificatePem()),
                                "key",
                                        dev.mysqlcs.pki.MeshCa.chartBase64(
                                                MeshFixtures.ca().privateKeyPem()))),
                values.get("tls"));
    }

    @Test
    void aLiveCorefileWithoutACorefileKeyStopsTheRunWithAnExplanation() {
        RecordingMocks mocks = new RecordingMocks(null);
        TestResult r = run(mocks, ConfigFixtures.prod(), "prod");
        String all = r.exceptions().toString() + r.errors();
        assertTrue(all.contains("kube-system/coredns has no Corefile key, so dns.mode corefile cannot patch it"), all);
    }

    @Test
    void aClusterListedAsItsOwnPeerIsRefusedByTheComponentBeforeCiliumIsReleased() {
        RecordingMocks mocks = new RecordingMocks("");
        Topology t = ConfigFixtures.prod();
        TestResult r = PulumiTest.withMocks(mocks)
                .runTest(ctx -> new ClusterMesh(
                        "prod",
                        ClusterSetDeployment.clusterMeshArgs(
                                        t, t.kubeCluster("prod").orElseThrow())
                                .peers(t.kubeClusters())
                                .build(),
                        null));
        String all = r.exceptions().toString() + r.errors();
        assertTrue(all.contains("ResourceException") && all.contains("cluster prod cannot be its own peer"), all);
        assertFalse(mocks.names().contains("prod-cilium-release"));
    }
}
