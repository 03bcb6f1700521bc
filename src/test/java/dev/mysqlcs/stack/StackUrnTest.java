package dev.mysqlcs.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mysqlcs.stack.offline.Plan;
import dev.mysqlcs.stack.offline.RegisteredResource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Stacks deployed before the program was rebuilt from library components keep every resource: the URNs the program
 * registers today (the engine's URNs, {@link dev.mysqlcs.stack.offline.RecordingMonitor#engineUrn}) are exactly
 * those recorded at the commit before the change ({@code src/test/resources/urns/*.txt}: type chain from the
 * parents, Pulumi's {@code NewURN} rule), plus the resources named here as added on purpose. A URN that
 * moved would make {@code pulumi up} delete the old resource and create a new one, so a change of parent must come
 * with an alias, and then this data changes in the same commit with the alias named in its message.
 */
class StackUrnTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "prod, Pulumi.prod.yaml, prod.txt, ''",
        "dr, Pulumi.dr.yaml, dr.txt, ''",
        // The recording holds one line added on purpose since: with linkage operator the primary's namespace
        // holds the clusterset Secret too (mycluster1-clusterset-secret), so a switchover creates or deletes no
        // Secret (issue 10 item 6).
        "single-cluster-enterprise, " + PlanFixture.ENTERPRISE_EXAMPLE + ", single-cluster-enterprise.txt, ''"
    })
    void everyResourceKeepsItsUrn(String stack, String file, String recorded, String added) throws IOException {
        Plan.Result plan = PlanFixture.planFile(file, stack);
        Set<String> now =
                plan.resources().stream().map(RegisteredResource::urn).collect(Collectors.toCollection(TreeSet::new));
        Set<String> expected = new TreeSet<>(recorded(recorded));
        if (!added.isBlank()) {
            expected.add(added);
        }
        assertEquals(String.join("\n", expected), String.join("\n", now));
    }

    private static Set<String> recorded(String name) throws IOException {
        try (InputStream in = Objects.requireNonNull(StackUrnTest.class.getResourceAsStream("/urns/" + name), name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .filter(l -> !l.isBlank())
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }
}
