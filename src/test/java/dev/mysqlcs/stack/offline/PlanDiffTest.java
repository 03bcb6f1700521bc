package dev.mysqlcs.stack.offline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link PlanDiff} on pairs of {@code ./plan --json} documents written out here. */
class PlanDiffTest {

    static final String S = "urn:pulumi:prod::mysqlcs::pulumi:pulumi:Stack::mysqlcs-prod";
    static final String K8S = "urn:pulumi:prod::mysqlcs::pulumi:providers:kubernetes::prod-k8s";
    static final String NS = "urn:pulumi:prod::mysqlcs::kubernetes:core/v1:Namespace::ns";
    static final String CS = "urn:pulumi:prod::mysqlcs::mysqlcs:index:ClusterSet::mycs";

    static String resource(
            String urn,
            String type,
            String name,
            boolean protect,
            String provider,
            String dependsOn,
            String inputs,
            String outputs) {
        return """
                {"type": "%s", "name": "%s", "urn": "%s", "parent": %s, "custom": true, "protect": %s,
                 "retainOnDelete": false, "provider": %s, "providers": {}, "dependsOn": [%s],
                 "inputs": %s, "outputs": %s}""".formatted(
                        type,
                        name,
                        urn,
                        urn.equals(S) ? "null" : "\"" + S + "\"",
                        protect,
                        provider == null ? "null" : "\"" + provider + "\"",
                        dependsOn,
                        inputs,
                        outputs);
    }

    static JsonObject doc(List<String> warnings, String outputs, String... resources) {
        StringBuilder w = new StringBuilder();
        warnings.forEach(
                x -> w.append(w.length() == 0 ? "" : ",").append('"').append(x).append('"'));
        return JsonParser.parseString("{\"stack\": \"prod\", \"warnings\": [" + w + "], \"resources\": ["
                        + String.join(",", resources) + "], \"outputs\": " + outputs + "}")
                .getAsJsonObject();
    }

    static String stack() {
        return resource(S, "pulumi:pulumi:Stack", "mysqlcs-prod", false, null, "", "{}", "{}");
    }

    static String provider() {
        return resource(
                K8S, "pulumi:providers:kubernetes", "prod-k8s", false, null, "", "{\"context\": \"ctx-a\"}", "{}");
    }

    static String namespace(String name) {
        return resource(
                NS,
                "kubernetes:core/v1:Namespace",
                "ns",
                true,
                K8S,
                "",
                "{\"metadata\": {\"name\": \"" + name + "\"}}",
                "{}");
    }

    static String clusterSet(String deps, String members, String steps) {
        return resource(
                CS,
                "mysqlcs:index:ClusterSet",
                "mycs",
                false,
                null,
                deps,
                "{\"spec\": {\"members\": [" + members + "]}}",
                "{\"plannedSteps\": [" + steps + "], \"members\": [" + members + "]}");
    }

    @Test
    void identicalPlansHaveNoChanges() {
        JsonObject a = doc(List.of(), "{\"x\": 1}", stack(), provider(), namespace("mysql-prod"));
        PlanDiff.Result d = PlanDiff.diff(a, a.deepCopy());
        assertFalse(d.changed());
        assertEquals("""
                Plan diff of stack 'prod': base.json -> this change
                0 to add, 0 to remove, 0 to modify, 3 unchanged; MySQL steps: 0 added, 0 removed
                No changes.
                """, PlanDiff.render(d, "base.json"));
    }

    @Test
    void inputsOptionsOutputsAndStepsChangeResourceByResource() {
        JsonObject base = doc(
                List.of("w1"),
                "{\"clusterSetPlannedSteps\": {\"mycs\": [\"a\"]}, \"members\": [\"prd\"]}",
                stack(),
                provider(),
                namespace("mysql-prod"),
                clusterSet("\"" + K8S + "\"", "\"prd\"", "\"create\", \"restart router\", \"wait\""));
        JsonObject head = doc(
                List.of("w2"),
                "{\"clusterSetPlannedSteps\": {\"mycs\": [\"b\"]}, " + "\"members\": [\"prd\", \"dr\"]}",
                stack(),
                provider(),
                clusterSet("\"" + NS + "\"", "\"prd\", \"dr\"", "\"create\", \"wait\", \"add dr\""),
                resource(
                        NS.replace("::ns", "::ns2"),
                        "kubernetes:core/v1:Namespace",
                        "ns2",
                        false,
                        K8S,
                        "",
                        "{\"metadata\": {\"name\": \"mysql-dr\"}, \"empty\": []}",
                        "{}"));
        PlanDiff.Result d = PlanDiff.diff(base, head);
        assertTrue(d.changed());
        assertEquals(1, d.count('+'));
        assertEquals(1, d.count('-'));
        assertEquals(1, d.count('~'));
        assertEquals(1, d.stepsAdded());
        assertEquals(1, d.stepsRemoved());
        assertEquals("""
                Plan diff of stack 'prod': main (abc1234) -> this change
                1 to add, 1 to remove, 1 to modify, 2 unchanged; MySQL steps: 1 added, 1 removed; 1 stack output \
                changes

                ~ mysqlcs:index:ClusterSet  mycs
                      + spec.members[1]: dr
                      - dependsOn: %s
                      + dependsOn: %s
                      + outputs.members[1]: dr

                + kubernetes:core/v1:Namespace  ns2
                      + metadata.name: mysql-dr
                      + empty: []

                - kubernetes:core/v1:Namespace  ns [protected: the engine refuses this delete until it is unprotected]

                MySQL steps (planned for a first deploy of this stack):
                  mycs (mysqlcs:index:ClusterSet):
                    - restart router
                    + add dr

                Stack outputs:
                  + members[1]: dr

                Warnings:
                  - w1
                  + w2
                """.formatted(K8S, NS), PlanDiff.render(d, "main (abc1234)"));
    }

    @Test
    void scalarOptionAndValueChangesShowBeforeAndAfter() {
        JsonObject base = doc(List.of(), "{}", stack(), namespace("mysql-prod"));
        JsonObject head = doc(
                List.of(),
                "{}",
                stack(),
                namespace("mysql-prd")
                        .replace("\"protect\": true", "\"protect\": false")
                        .replace("\"provider\": \"" + K8S + "\"", "\"provider\": null"));
        assertEquals("""

                ~ kubernetes:core/v1:Namespace  ns
                      ~ metadata.name: mysql-prod -> mysql-prd
                      ~ protect: true -> false
                      ~ provider: %s -> null

                MySQL steps: no change.
                """.formatted(K8S), body(PlanDiff.render(PlanDiff.diff(base, head), "b")));
    }

    @Test
    void multiLineValuesShowTheLinesThatChange() {
        String was = resource(
                NS,
                "kubernetes:core/v1:ConfigMap",
                "ns",
                false,
                null,
                "",
                "{\"data\": {\"Corefile\": \".:53 {\\n    errors\\n}\\nzone-a {\\n}\\n\"}}",
                "{}");
        String now = was.replace("zone-a", "zone-b");
        assertEquals(
                """

                ~ kubernetes:core/v1:ConfigMap  ns
                      ~ data.Corefile:
                          - zone-a {
                          + zone-b {

                MySQL steps: no change.
                """, body(PlanDiff.render(PlanDiff.diff(doc(List.of(), "{}", was), doc(List.of(), "{}", now)), "b")));
    }

    @Test
    void warningsAloneAreNoChangeOfThePlan() {
        PlanDiff.Result d = PlanDiff.diff(doc(List.of("old"), "{}", stack()), doc(List.of(), "{}", stack()));
        assertFalse(d.changed());
        assertEquals("No changes.\n\nWarnings:\n  - old\n", body(PlanDiff.render(d, "b")));
    }

    @Test
    void aBaseFromBeforeUrnsIsMatchedByTypeAndNameOnTheFieldsBothHave() {
        JsonObject old = JsonParser.parseString("""
                {"stack": "prod", "resources": [
                  {"type": "pulumi:pulumi:Stack", "name": "mysqlcs-prod", "parent": null, "inputs": {}},
                  {"type": "kubernetes:core/v1:Namespace", "name": "ns", "parent": "mysqlcs-prod",
                   "inputs": {"metadata": {"name": "mysql-dr"}}}]}
                """).getAsJsonObject();
        PlanDiff.Result d = PlanDiff.diff(old, doc(List.of(), "{}", stack(), namespace("mysql-prod")));
        assertEquals(1, d.count('~'));
        assertEquals(1, d.unchanged());
        assertEquals(
                List.of(new PlanDiff.Change("metadata.name", "mysql-dr", "mysql-prod")),
                d.resources().get(0).changes());
    }

    @Test
    void plansOfDifferentStacksAreRefused() {
        JsonObject dr =
                JsonParser.parseString("{\"stack\": \"dr\", \"resources\": []}").getAsJsonObject();
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> PlanDiff.diff(dr, doc(List.of(), "{}", stack())));
        assertEquals(
                "the base plan is of stack 'dr', this one of stack 'prod': compare plans of one stack", e.getMessage());
    }

    @Test
    void stepsDiffKeepsOrderAndRepeats() {
        List<String> removed = new java.util.ArrayList<>();
        List<String> added = new java.util.ArrayList<>();
        PlanDiff.lines(List.of("a", "b", "a", "c"), List.of("a", "a", "c", "d", "a"), removed, added);
        assertEquals(List.of("b"), removed);
        assertEquals(List.of("d", "a"), added);
    }

    /** The rendering without its two summary lines. */
    static String body(String rendered) {
        int i = rendered.indexOf('\n', rendered.indexOf('\n') + 1);
        return rendered.substring(i + 1);
    }
}
