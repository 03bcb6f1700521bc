package dev.mysqlcs.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pulumi.resources.Resource;
import com.pulumi.test.TestOptions;
import com.pulumi.test.internal.MockMonitor;
import com.pulumi.test.internal.PulumiTestInternal;
import dev.mysqlcs.KubernetesPlugin;
import dev.mysqlcs.stack.offline.PlanMocks;
import dev.mysqlcs.stack.offline.StackFile;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import pulumirpc.Resource.RegisterResourceRequest;
import pulumirpc.Resource.RegisterResourceResponse;

/**
 * The explicit Kubernetes providers carry the pinned plugin version on the wire (RegisterResourceRequest.version, which
 * the engine turns into the provider's plugin version: pulumi/pulumi source_eval.go SetProviderVersion), and every
 * Kubernetes resource goes through one of them, so none falls back to a default provider of the SDK's 4.0.0.
 */
class KubernetesProviderPinTest {

    static final String PROVIDER_TYPE = "pulumi:providers:kubernetes";

    /** type, name, URN (from the response), version and provider reference of one request. */
    record Sent(String type, String name, String urn, boolean custom, String provider, String version) {}

    static List<Sent> register(String stackFile, String stack) {
        StackFile file = PlanFixture.stackFile(stackFile);
        PlanMocks mocks = new PlanMocks();
        Logger quiet = Logger.getLogger("mysqlcs.pin-test");
        quiet.setUseParentHandlers(false);
        quiet.setLevel(Level.OFF);
        List<Sent> sent = Collections.synchronizedList(new ArrayList<>());
        var test = PulumiTestInternal.builder()
                .options(TestOptions.builder()
                        .projectName(PlanFixture.PROJECT)
                        .stackName(stack)
                        .preview(true)
                        .build())
                .mocks(mocks)
                .config(file.config(), file.secretKeys())
                .standardLogger(quiet)
                .monitorDecorator(m -> new MockMonitor(mocks, PulumiTestInternal.mockLog(quiet)) {
                    @Override
                    public CompletableFuture<RegisterResourceResponse> registerResourceAsync(
                            Resource resource, RegisterResourceRequest request) {
                        return super.registerResourceAsync(resource, request).thenApply(response -> {
                            sent.add(new Sent(
                                    request.getType(),
                                    request.getName(),
                                    response.getUrn(),
                                    request.getCustom(),
                                    request.getProvider(),
                                    request.getVersion()));
                            return response;
                        });
                    }
                })
                .build();
        try {
            var result = test.runTest(ctx -> Stack.define(ctx, file.secretKeys()::contains, true));
            assertTrue(result.exceptions().isEmpty(), result.exceptions().toString());
            synchronized (sent) {
                return List.copyOf(sent);
            }
        } finally {
            PulumiTestInternal.cleanup();
        }
    }

    /** Every Kubernetes provider pins the plugin; every Kubernetes custom resource names one of them. */
    static void assertPinned(List<FakeEngine.Registration> registrations) {
        assertPinnedSent(registrations.stream()
                .map(r -> new Sent(r.type(), r.name(), r.urn(), r.custom(), r.provider(), r.version()))
                .toList());
    }

    static void assertPinnedSent(List<Sent> sent) {
        List<Sent> providers =
                sent.stream().filter(s -> PROVIDER_TYPE.equals(s.type())).toList();
        assertFalse(providers.isEmpty(), "no explicit Kubernetes provider");
        for (Sent p : providers) {
            assertEquals(KubernetesPlugin.VERSION, p.version(), p.name() + " pins the plugin version");
        }
        Set<String> providerUrns = providers.stream().map(Sent::urn).collect(Collectors.toSet());
        List<Sent> kube = sent.stream()
                .filter(s -> s.custom() && s.type().startsWith("kubernetes:"))
                .toList();
        assertFalse(kube.isEmpty());
        for (Sent r : kube) {
            // A provider reference is "<provider URN>::<provider ID>".
            String ref = r.provider();
            int split = ref.lastIndexOf("::");
            assertTrue(
                    split > 0 && providerUrns.contains(ref.substring(0, split)),
                    r.type() + " " + r.name() + " goes through an explicit pinned provider, not " + ref);
        }
    }

    @Test
    void pinnedVersionIsTheOneWithTheStringDataAndPatchFieldManagerFixes() {
        // 4.0.3: Secret stringData (#2511, #2514); 4.5.2: Patch field managers (#2640); 4.5.4: Release kubeVersion.
        String[] v = KubernetesPlugin.VERSION.split("\\.");
        int n = Integer.parseInt(v[0]) * 1_000_000 + Integer.parseInt(v[1]) * 1_000 + Integer.parseInt(v[2]);
        assertTrue(n >= 4_005_004, KubernetesPlugin.VERSION);
        assertEquals(4, Integer.parseInt(v[0]), "the 4.0.0 SDK's inputs were checked against a 4.x schema");
    }

    @Test
    void prodRegistersItsKubernetesProviderWithThePinnedPluginVersion() {
        List<Sent> sent = register("Pulumi.prod.yaml", "prod");
        assertPinnedSent(sent);
        assertEquals(
                List.of("prod-k8s"),
                sent.stream()
                        .filter(s -> PROVIDER_TYPE.equals(s.type()))
                        .map(Sent::name)
                        .toList());
    }

    @Test
    void everyResourceOfTheEnterpriseExampleGoesThroughAPinnedProvider() {
        assertPinnedSent(register(PlanFixture.ENTERPRISE_EXAMPLE, "enterprise"));
    }

    @Test
    void theSdkItselfWouldPinItsOwnVersionWhichIsWhyTheProviderOverridesIt() {
        assertEquals("4.0.0", com.pulumi.kubernetes.Utilities.getVersion());
        assertEquals(
                KubernetesPlugin.VERSION,
                KubernetesPlugin.providerOptions().getVersion().orElseThrow());
    }
}
