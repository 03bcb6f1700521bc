package dev.mysqlcs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pulumi.core.Output;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.test.Mocks;
import com.pulumi.test.PulumiTest;
import com.pulumi.test.TestResult;
import com.pulumi.test.internal.PulumiTestInternal;
import dev.mysqlcs.testing.ConfigFixtures;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The shared inputs and outputs live in {@link ClusterSetResourceArgs} / {@link ClusterSetResource}: the SDK must
 * still register the inherited {@code @Import} fields and fill the inherited {@code @Export} fields of each resource.
 */
class ClusterSetResourceComponentTest {

    /** Each resource comes back with its inputs plus the outputs the provider would report. */
    private static final class ProviderStateMocks implements Mocks {
        final List<ResourceArgs> registered = Collections.synchronizedList(new ArrayList<>());

        @Override
        public CompletableFuture<ResourceResult> newResourceAsync(ResourceArgs args) {
            registered.add(args);
            Map<String, Object> state = new HashMap<>(args.inputs);
            state.put("plannedSteps", List.of("step of " + args.name));
            state.put("appliedSteps", List.of());
            state.put("notes", List.of("note of " + args.name));
            state.put("clusterSetStatus", "HEALTHY");
            state.put("primaryCluster", "prd");
            state.put("primaryEpoch", 3.0);
            state.put("clusterName", "prd");
            return CompletableFuture.completedFuture(ResourceResult.of(Optional.of(args.name + "-id"), state));
        }

        @Override
        public CompletableFuture<Map<String, Object>> callAsync(CallArgs args) {
            return CompletableFuture.completedFuture(Map.of());
        }

        Map<String, Object> inputsOf(String name) {
            synchronized (registered) {
                return registered.stream()
                        .filter(r -> r.name.equals(name))
                        .findFirst()
                        .orElseThrow()
                        .inputs;
            }
        }
    }

    private final ProviderStateMocks mocks = new ProviderStateMocks();

    @AfterEach
    void cleanup() {
        PulumiTest.cleanup();
    }

    @Test
    void inheritedInputsAreRegisteredAndInheritedOutputsFilledForAllThreeResources() {
        ClusterSetSpecArgs spec = ClusterSetSpecArgs.of(ConfigFixtures.prod().clusterSet());
        Output<String> password = Output.of("pw");
        AtomicReference<List<ClusterSetResource>> out = new AtomicReference<>();
        AtomicReference<List<ClusterSetResourceArgs>> args = new AtomicReference<>();
        TestResult result = PulumiTest.withMocks(mocks).runTest(ctx -> {
            CustomResourceOptions opts = CustomResourceOptions.builder().build();
            var csArgs = ClusterSetArgs.of(spec, List.of("prod"), "root", password);
            var memberArgs = ClusterSetMemberArgs.of(spec, List.of("prod"), "root", password, "prd");
            var primaryArgs = ClusterSetPrimaryArgs.of(spec, List.of("prod"), "root", password);
            args.set(List.of(csArgs, memberArgs, primaryArgs));
            out.set(List.of(
                    new ClusterSet("mycs", csArgs, opts),
                    new ClusterSetMember("mycs-prd", memberArgs, opts),
                    new ClusterSetPrimary("mycs-primary", primaryArgs, opts)));
        });
        assertEquals(List.of(), result.exceptions());

        for (String name : List.of("mycs", "mycs-prd", "mycs-primary")) {
            Map<String, Object> inputs = mocks.inputsOf(name);
            assertEquals(List.of("prod"), inputs.get("deploy"), name);
            assertEquals("root", inputs.get("rootUser"), name);
            assertEquals("pw", inputs.get("rootPassword"), name);
            assertEquals("mycs", ((Map<?, ?>) inputs.get("spec")).get("name"), name);
        }
        assertEquals("prd", mocks.inputsOf("mycs-prd").get("member"));
        assertEquals(4, mocks.inputsOf("mycs").size(), mocks.inputsOf("mycs").toString());
        assertEquals(
                5, mocks.inputsOf("mycs-prd").size(), mocks.inputsOf("mycs-prd").toString());
        for (ClusterSetResourceArgs a : args.get()) {
            assertTrue(PulumiTestInternal.extractOutputData(a.rootPassword()).isSecret(), "password stays secret");
        }

        for (ClusterSetResource r : out.get()) {
            String name = PulumiTest.extractValue(r.urn()).replaceAll(".*::", "");
            assertEquals(List.of("step of " + name), PulumiTest.extractValue(r.plannedSteps()), name);
            assertEquals(List.of(), PulumiTest.extractValue(r.appliedSteps()), name);
            assertEquals(List.of("note of " + name), PulumiTest.extractValue(r.notes()), name);
            assertEquals("HEALTHY", PulumiTest.extractValue(r.clusterSetStatus()), name);
        }
        // Each subclass still fills its own outputs next to the inherited ones.
        assertEquals("prd", PulumiTest.extractValue(((ClusterSet) out.get().get(0)).primaryCluster()));
        assertEquals(
                "prd", PulumiTest.extractValue(((ClusterSetMember) out.get().get(1)).clusterName()));
        assertEquals(3.0, PulumiTest.extractValue(((ClusterSetPrimary) out.get().get(2)).primaryEpoch()));
    }

    /** Issue 10 item 8: members[i].routing is an input of the spec's member only when configured. */
    @Test
    void routingIsSentOnlyForMembersThatConfigureIt() {
        var cs = ConfigFixtures.topology(ConfigFixtures.shipped("Pulumi.dr.yaml")
                        .replace(
                                "        baseServerId: 200\n",
                                "        baseServerId: 200\n        routing: {target_cluster: dr, stats_updates_frequency: 30, "
                                        + "tags: {zone: eu, weight: 3, canary: true}}\n"))
                .clusterSet();
        ClusterSetSpecArgs spec = ClusterSetSpecArgs.of(cs);
        TestResult result = PulumiTest.withMocks(mocks)
                .runTest(ctx -> new ClusterSetMember(
                        "mycs-dr",
                        ClusterSetMemberArgs.of(spec, List.of("dr"), "root", Output.of("pw"), "dr"),
                        CustomResourceOptions.builder().build()));
        assertEquals(List.of(), result.exceptions());
        List<?> members = (List<?>) ((Map<?, ?>) mocks.inputsOf("mycs-dr").get("spec")).get("members");
        Map<?, ?> prd = (Map<?, ?>) members.get(0);
        Map<?, ?> dr = (Map<?, ?>) members.get(1);
        assertEquals("prd", prd.get("name"));
        assertTrue(!prd.containsKey("routing"), prd.toString());
        // Pulumi numbers are doubles, inside tags too; the provider's parser reads whole ones back as integers.
        assertEquals(
                Map.of(
                        "target_cluster",
                        "dr",
                        "stats_updates_frequency",
                        30.0,
                        "tags",
                        Map.of("canary", true, "weight", 3.0, "zone", "eu")),
                dr.get("routing"));
    }
}
