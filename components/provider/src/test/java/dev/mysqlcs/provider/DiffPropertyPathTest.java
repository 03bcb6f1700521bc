package dev.mysqlcs.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Struct;
import dev.mysqlcs.model.Topology;
import dev.mysqlcs.testing.ConfigFixtures;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import pulumirpc.Provider;

/**
 * Every key the provider's Diff can emit is one the engine accepts: detailedDiff keys parse with the engine's
 * property-path grammar ({@link EnginePropertyPath}) and name a property that exists where the display looks for it;
 * {@code diffs} and {@code replaces} are top-level properties; a replacement deletes first. The inputs are changed in
 * every way the program can change them: each leaf of every input changed, removed and made unknown, and the members
 * reordered.
 */
class DiffPropertyPathTest {

    private final Topology prod = ConfigFixtures.prod();
    private final ProviderHarness h = new ProviderHarness(prod);

    @AfterEach
    void close() {
        h.close();
    }

    @Test
    void thePortedGrammarAgreesWithTheEnginesExamplesAndErrors() {
        // The examples of properties_path.go's doc comment, and the errors of properties_path_test.go.
        assertEquals(List.of("root", "array", 0, "nested"), EnginePropertyPath.parse("root.array[0].nested"));
        assertEquals(List.of("root", "double", "nest"), EnginePropertyPath.parse("root[\"double\"].nest"));
        assertEquals(
                List.of("root", "key with \"escaped\" quotes"),
                EnginePropertyPath.parse("root[\"key with \\\"escaped\\\" quotes\"]"));
        assertEquals(List.of("root key with a .", 100), EnginePropertyPath.parse("[\"root key with a .\"][100]"));
        assertEquals(List.of("root", "array", "*", "field"), EnginePropertyPath.parse("root.array[*].field"));
        assertEquals(List.of("foo-bar"), EnginePropertyPath.parse("foo-bar"));
        assertEquals(List.of("root", 1), EnginePropertyPath.parse("root.[1]"));
        assertThrows(IllegalArgumentException.class, () -> EnginePropertyPath.parseStrict("root.[1]"));
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> EnginePropertyPath.parse("spec.members[member].instances"));
        assertEquals("invalid array index: strconv.ParseInt: parsing \"member\": invalid syntax", e.getMessage());
        for (String bad : List.of(".root", "root.", "root[", "root[\"x", "root[\"x\"", "root[1.5]", "root[]")) {
            assertThrows(IllegalArgumentException.class, () -> EnginePropertyPath.parse(bad), bad);
        }
    }

    @Test
    void everyKeyOfEveryDiffIsAPathTheEngineAccepts() {
        ProviderHarness.Plugin p = h.plugin("prod");
        int diffs = 0;
        Set<String> seen = new LinkedHashSet<>();
        for (ProviderHarness.Res r : ProviderHarness.resources(prod)) {
            Map<String, Object> olds = ProviderHarness.inputs(prod, r.member());
            for (Map<String, Object> news : variants(olds)) {
                Provider.DiffResponse d = diff(p, r, olds, news);
                assertEngineAccepts(d, olds, news);
                seen.addAll(d.getDetailedDiffMap().keySet());
                diffs++;
            }
        }
        assertTrue(diffs > 100, "diffs generated: " + diffs);
        // The member's own entry, by index (prod deploys prd, the first member).
        assertTrue(seen.contains("spec.members[0].instances"), seen.toString());
        assertTrue(seen.contains("spec.members[0].namespace"), seen.toString());
        assertTrue(seen.contains("spec.members"), "a reordered member is a change of the list: " + seen);
        assertFalse(seen.stream().anyMatch(k -> k.contains("[member]")), seen.toString());
    }

    @Test
    void theLivePlanKeyIsAcceptedToo() {
        h.world.operatorCreates("prd").operatorCreates("dr");
        var stack = h.stack("prod");
        stack.configure();
        ProviderHarness.Res cs = ProviderHarness.resources(prod).get(0);
        Map<String, Object> in = ProviderHarness.inputs(prod, Optional.empty());
        Provider.DiffResponse d = diff(stack.plugin, cs, in, in);
        assertEquals(Provider.DiffResponse.DiffChanges.DIFF_SOME, d.getChanges(), "the ClusterSet does not exist yet");
        assertEquals(Set.of(ResourceKind.PLANNED_STEPS), d.getDetailedDiffMap().keySet());
        assertEngineAccepts(d, in, in);
    }

    @Test
    void aMemberScaleIsAnInPlaceUpdateAtTheMembersIndex() {
        ProviderHarness.Plugin p = h.plugin("dr");
        Topology dr = ConfigFixtures.dr();
        ProviderHarness.Res member = ProviderHarness.resources(dr).get(1);
        Map<String, Object> olds = ProviderHarness.inputs(dr, member.member());
        Map<String, Object> news = ProviderHarness.inputs(dr, member.member());
        int index = ResourceKind.memberIndex(news).orElseThrow();
        memberEntry(news, index)
                .put("instances", 1.0 + (Double) memberEntry(news, index).get("instances"));
        Provider.DiffResponse d = diff(p, member, olds, news);
        assertEquals(
                Map.of(
                        "spec.members[" + index + "].instances",
                        Provider.PropertyDiff.newBuilder()
                                .setKind(Provider.PropertyDiff.Kind.UPDATE)
                                .setInputDiff(true)
                                .build()),
                d.getDetailedDiffMap());
        assertEquals(List.of("spec"), d.getDiffsList());
        assertEquals(List.of(), d.getReplacesList());
    }

    @Test
    void aMemberMoveReplacesDeletingFirst() {
        ProviderHarness.Plugin p = h.plugin("prod");
        ProviderHarness.Res member = ProviderHarness.resources(prod).get(1);
        Map<String, Object> olds = ProviderHarness.inputs(prod, member.member());
        Map<String, Object> news = ProviderHarness.inputs(prod, member.member());
        memberEntry(news, 0).put("namespace", "mysql-elsewhere");
        Provider.DiffResponse d = diff(p, member, olds, news);
        assertEquals(
                Provider.PropertyDiff.Kind.UPDATE_REPLACE,
                d.getDetailedDiffOrThrow("spec.members[0].namespace").getKind());
        assertEquals(List.of("spec"), d.getReplacesList());
        assertTrue(d.getDeleteBeforeReplace(), "the old membership goes before the new one is created");
    }

    // ------------------------------------------------------------------ the engine's reading

    /** What pulumi/pulumi does with a DiffResponse (step_generator.go applyReplaceOnChanges, detailedDiff.go). */
    static void assertEngineAccepts(Provider.DiffResponse d, Map<String, Object> olds, Map<String, Object> news) {
        String where = " in " + d;
        if (d.getChanges() == Provider.DiffResponse.DiffChanges.DIFF_SOME) {
            assertTrue(d.getHasDetailedDiff() && d.getDetailedDiffCount() > 0, "a change has a detailed diff" + where);
        }
        for (var e : d.getDetailedDiffMap().entrySet()) {
            List<Object> path;
            try {
                path = EnginePropertyPath.parseStrict(e.getKey());
            } catch (IllegalArgumentException x) {
                throw new AssertionError("detailedDiff key '" + e.getKey() + "': " + x.getMessage() + where, x);
            }
            assertFalse(path.contains(EnginePropertyPath.WILDCARD), e.getKey());
            if (!e.getValue().getInputDiff()) {
                assertEquals(List.of(ResourceKind.PLANNED_STEPS), path, "the only output diff" + where);
                continue;
            }
            Provider.PropertyDiff.Kind k = e.getValue().getKind();
            boolean delete = k == Provider.PropertyDiff.Kind.DELETE || k == Provider.PropertyDiff.Kind.DELETE_REPLACE;
            boolean add = k == Provider.PropertyDiff.Kind.ADD || k == Provider.PropertyDiff.Kind.ADD_REPLACE;
            assertEquals(
                    !add,
                    EnginePropertyPath.get(path, olds).isPresent(),
                    "old value of '" + e.getKey() + "' exists unless it is an add" + where);
            assertEquals(
                    !delete,
                    EnginePropertyPath.get(path, news).isPresent(),
                    "new value of '" + e.getKey() + "' exists unless it is a delete" + where);
        }
        for (String k : d.getDiffsList()) {
            assertEquals(List.of(k), EnginePropertyPath.parseStrict(k), "diffs are top-level properties" + where);
        }
        for (String k : d.getReplacesList()) {
            assertEquals(List.of(k), EnginePropertyPath.parseStrict(k), "replaces are top-level properties" + where);
            assertTrue(d.getDiffsList().contains(k), where);
        }
        boolean replaceKind = d.getDetailedDiffMap().values().stream()
                .map(Provider.PropertyDiff::getKind)
                .anyMatch(k -> k.name().endsWith("_REPLACE"));
        assertEquals(replaceKind, d.getReplacesCount() > 0, "replaces agree with the detailed kinds" + where);
        if (d.getReplacesCount() > 0) {
            assertTrue(d.getDeleteBeforeReplace(), "every replacement deletes first" + where);
        }
    }

    private static Provider.DiffResponse diff(
            ProviderHarness.Plugin p, ProviderHarness.Res r, Map<String, Object> olds, Map<String, Object> news) {
        Struct o = Props.toStruct(olds);
        return p.stub.diff(Provider.DiffRequest.newBuilder()
                .setUrn(r.urn(p.stack))
                .setId("id")
                .setType(r.kind().token())
                .setOlds(o)
                .setOldInputs(o)
                .setNews(Props.toStruct(news))
                .build());
    }

    // ------------------------------------------------------------------ every change of the inputs

    /** Each leaf changed, removed and unknown; each map and list unknown; the members list reordered. */
    static List<Map<String, Object>> variants(Map<String, Object> base) {
        List<Map<String, Object>> out = new ArrayList<>();
        mutate(base, List.of(), base, out);
        Map<String, Object> reordered = deepCopy(base);
        @SuppressWarnings("unchecked")
        List<Object> members = (List<Object>) ((Map<String, Object>) reordered.get("spec")).get("members");
        java.util.Collections.reverse(members);
        out.add(reordered);
        // Reordered and changed: the member's fields diff on the list as a whole.
        for (String field : List.of("instances", "namespace")) {
            Map<String, Object> both = deepCopy(reordered);
            int i = ResourceKind.memberIndex(both).orElse(0);
            memberEntry(both, i).compute(field, (k, v) -> changed(v));
            out.add(both);
        }
        return out;
    }

    private static void mutate(
            Object node, List<Object> path, Map<String, Object> root, List<Map<String, Object>> out) {
        if (!path.isEmpty()) {
            out.add(with(root, path, x -> Props.UNKNOWN));
            if (!(node instanceof Map<?, ?>) && !(node instanceof List<?>)) {
                out.add(with(root, path, UnaryOperatorChanged.INSTANCE));
            }
            out.add(with(root, path, x -> null));
        }
        if (node instanceof Map<?, ?> m) {
            m.forEach((k, v) -> mutate(v, append(path, k), root, out));
        } else if (node instanceof List<?> l) {
            for (int i = 0; i < l.size(); i++) {
                mutate(l.get(i), append(path, i), root, out);
            }
        }
    }

    private enum UnaryOperatorChanged implements UnaryOperator<Object> {
        INSTANCE;

        @Override
        public Object apply(Object v) {
            return changed(v);
        }
    }

    static Object changed(Object v) {
        if (v instanceof String s) {
            return s + "-x";
        } else if (v instanceof Double d) {
            return d + 1;
        } else if (v instanceof Boolean b) {
            return !b;
        } else if (v instanceof Props.Secret s) {
            return new Props.Secret(changed(s.value()));
        }
        return "x";
    }

    private static List<Object> append(List<Object> path, Object k) {
        List<Object> p = new ArrayList<>(path);
        p.add(k);
        return p;
    }

    /** A copy of root with the value at path replaced (null removes a map key / sets a list element to null). */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> with(Map<String, Object> root, List<Object> path, UnaryOperator<Object> f) {
        Map<String, Object> copy = deepCopy(root);
        Object parent = copy;
        for (int i = 0; i < path.size() - 1; i++) {
            Object k = path.get(i);
            parent = parent instanceof Map<?, ?> m ? m.get(k) : ((List<Object>) parent).get((Integer) k);
        }
        Object last = path.get(path.size() - 1);
        if (parent instanceof Map<?, ?> m) {
            Map<String, Object> mm = (Map<String, Object>) m;
            Object v = f.apply(mm.get(last));
            if (v == null) {
                mm.remove(last);
            } else {
                mm.put((String) last, v);
            }
        } else {
            List<Object> l = (List<Object>) parent;
            Object v = f.apply(l.get((Integer) last));
            if (v == null) {
                l.remove((int) (Integer) last);
            } else {
                l.set((Integer) last, v);
            }
        }
        return copy;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> deepCopy(Map<String, Object> m) {
        Map<String, Object> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k, copyValue(v)));
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Object copyValue(Object v) {
        if (v instanceof Map<?, ?> m) {
            return deepCopy((Map<String, Object>) m);
        } else if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(x -> out.add(copyValue(x)));
            return out;
        }
        return v;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> memberEntry(Map<String, Object> inputs, int index) {
        return (Map<String, Object>)
                ((List<Object>) ((Map<String, Object>) inputs.get("spec")).get("members")).get(index);
    }
}
