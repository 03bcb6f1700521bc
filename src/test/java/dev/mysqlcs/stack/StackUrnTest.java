package dev.mysqlcs.stack;

import dev.mysqlcs.stack.offline.Plan;
import dev.mysqlcs.stack.offline.RegisteredResource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Stacks deployed before the program was rebuilt from library components keep every resource: the URNs the program
 * registers today are exactly those recorded from {@code ./plan <stack> --json} at the commit before the change
 * ({@code src/test/resources/urns/*.txt}: type chain from the parents, Pulumi's {@code NewURN} rule). A URN that
 * moved would make {@code pulumi up} delete the old resource and create a new one, so a change of parent must come
 * with an alias, and then this data changes in the same commit with the alias named in its message.
 */
class StackUrnTest {

    private static final String ROOT_STACK = "pulumi:pulumi:Stack";

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "prod, Pulumi.prod.yaml, prod.txt",
            "dr, Pulumi.dr.yaml, dr.txt",
            "single-cluster-enterprise, " + PlanFixture.ENTERPRISE_EXAMPLE + ", single-cluster-enterprise.txt"})
    void everyResourceKeepsItsUrn(String stack, String file, String recorded) throws IOException {
        Plan.Result plan = PlanFixture.planFile(file, stack);
        Map<String, RegisteredResource> byMockUrn = new HashMap<>();
        plan.resources().forEach(r -> byMockUrn.put(r.urn(), r));
        Set<String> now = plan.resources().stream().map(r -> engineUrn(stack, r, byMockUrn))
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(String.join("\n", recorded(recorded)), String.join("\n", now));
    }

    /**
     * The URN the engine gives a resource (pulumi/pulumi {@code pkg/resource/urn.go} {@code NewURN}: the parent's
     * qualified type, then {@code $}, then the type; no prefix under the root Stack). The SDK's mock monitor builds
     * its URNs differently (it keeps the Stack type in the chain), so its URNs serve only to find parents.
     */
    static String engineUrn(String stack, RegisteredResource r, Map<String, RegisteredResource> byMockUrn) {
        return "urn:pulumi:" + stack + "::" + PlanFixture.PROJECT + "::" + qualifiedType(r, byMockUrn) + "::"
                + r.name();
    }

    private static String qualifiedType(RegisteredResource r, Map<String, RegisteredResource> byMockUrn) {
        RegisteredResource parent = r.parentUrn().map(byMockUrn::get).orElse(null);
        if (parent == null || parent.type().equals(ROOT_STACK)) {
            return r.type();
        }
        return qualifiedType(parent, byMockUrn) + "$" + r.type();
    }

    private static Set<String> recorded(String name) throws IOException {
        try (InputStream in = Objects.requireNonNull(StackUrnTest.class.getResourceAsStream("/urns/" + name), name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.isBlank()).collect(Collectors.toCollection(TreeSet::new));
        }
    }
}
