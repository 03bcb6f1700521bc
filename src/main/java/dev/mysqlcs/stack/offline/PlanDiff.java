package dev.mysqlcs.stack.offline;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a change does to a plan: two {@code ./plan --json} documents of one stack compared resource by resource
 * (by URN), input by input (property paths), option by option, and the ClusterSet resources' planned MySQL steps.
 *
 * <p>A base document from before {@code --json} carried URNs ({@code {"type", "name", "parent", "inputs"}}) is
 * matched by type and name, and compared on the fields both documents have.
 */
public final class PlanDiff {

    /** Resource fields compared besides inputs and outputs: the options a reviewer must see change. */
    static final List<String> OPTIONS =
            List.of("parent", "custom", "protect", "retainOnDelete", "provider", "providers", "dependsOn");
    /** The stack output that repeats every ClusterSet resource's plannedSteps; they are diffed per resource. */
    static final String PLANNED_STEPS_OUTPUT = "clusterSetPlannedSteps";

    static final String PLANNED_STEPS = "plannedSteps";
    private static final Gson GSON =
            new GsonBuilder().disableHtmlEscaping().serializeNulls().create();
    private static final int MAX_VALUE = 120;

    /** One changed property: {@code before} or {@code after} is null where it is absent. */
    public record Change(String path, String before, String after) {}

    /** A resource in one plan or both. */
    public record ResourceDiff(
            char kind,
            String type,
            String name,
            String label,
            boolean protect,
            List<Change> changes,
            List<String> stepsRemoved,
            List<String> stepsAdded) {}

    public record Result(
            String stack,
            List<ResourceDiff> resources,
            List<Change> outputs,
            List<String> warningsRemoved,
            List<String> warningsAdded,
            int unchanged) {

        public long count(char kind) {
            return resources.stream().filter(r -> r.kind() == kind).count();
        }

        public int stepsAdded() {
            return resources.stream().mapToInt(r -> r.stepsAdded().size()).sum();
        }

        public int stepsRemoved() {
            return resources.stream().mapToInt(r -> r.stepsRemoved().size()).sum();
        }

        /** The plans differ in a resource, an input, an option, an output or a MySQL step (not only warnings). */
        public boolean changed() {
            return !resources.isEmpty() || !outputs.isEmpty();
        }
    }

    private PlanDiff() {}

    /**
     * @throws IllegalArgumentException if the documents are not plans of one stack
     */
    public static Result diff(JsonObject base, JsonObject head) {
        String stack = string(head, "stack");
        if (!stack.equals(string(base, "stack"))) {
            throw new IllegalArgumentException("the base plan is of stack '" + string(base, "stack")
                    + "', this one of stack '" + stack + "': compare plans of one stack");
        }
        boolean byUrn = allHaveUrns(base) && allHaveUrns(head);
        Map<String, JsonObject> before = index(base, byUrn);
        Map<String, JsonObject> after = index(head, byUrn);
        Set<String> ambiguous = ambiguousNames(base, head);

        List<ResourceDiff> out = new ArrayList<>();
        int unchanged = 0;
        for (Map.Entry<String, JsonObject> e : after.entrySet()) {
            JsonObject now = e.getValue();
            JsonObject was = before.get(e.getKey());
            if (was == null) {
                List<Change> inputs = new ArrayList<>();
                flat(now.get("inputs")).forEach((p, v) -> inputs.add(new Change(p, null, v)));
                out.add(new ResourceDiff(
                        '+',
                        string(now, "type"),
                        string(now, "name"),
                        label(now, e.getKey(), ambiguous, byUrn),
                        bool(now, "protect"),
                        inputs,
                        List.of(),
                        steps(now)));
                continue;
            }
            List<Change> changes = new ArrayList<>(pathChanges("", was.get("inputs"), now.get("inputs")));
            for (String option : OPTIONS) {
                // Before URNs, "parent" held the parent's name: comparable only by URN.
                if (was.has(option) && now.has(option) && (byUrn || !option.equals("parent"))) {
                    changes.addAll(optionChange(option, was.get(option), now.get(option)));
                }
            }
            if (was.has("outputs") && now.has("outputs")) {
                changes.addAll(
                        pathChanges("outputs.", withoutSteps(was.get("outputs")), withoutSteps(now.get("outputs"))));
            }
            List<String> wasSteps = steps(was);
            List<String> nowSteps = steps(now);
            List<String> removed = new ArrayList<>();
            List<String> added = new ArrayList<>();
            lines(wasSteps, nowSteps, removed, added);
            if (changes.isEmpty() && removed.isEmpty() && added.isEmpty()) {
                unchanged++;
            } else {
                out.add(new ResourceDiff(
                        '~',
                        string(now, "type"),
                        string(now, "name"),
                        label(now, e.getKey(), ambiguous, byUrn),
                        bool(now, "protect"),
                        changes,
                        removed,
                        added));
            }
        }
        for (Map.Entry<String, JsonObject> e : before.entrySet()) {
            if (!after.containsKey(e.getKey())) {
                JsonObject was = e.getValue();
                out.add(new ResourceDiff(
                        '-',
                        string(was, "type"),
                        string(was, "name"),
                        label(was, e.getKey(), ambiguous, byUrn),
                        bool(was, "protect"),
                        List.of(),
                        steps(was),
                        List.of()));
            }
        }
        List<Change> outputs = pathChanges(
                "",
                withoutKey(base.get("outputs"), PLANNED_STEPS_OUTPUT),
                withoutKey(head.get("outputs"), PLANNED_STEPS_OUTPUT));
        List<String> warningsRemoved = new ArrayList<>();
        List<String> warningsAdded = new ArrayList<>();
        lines(strings(base.get("warnings")), strings(head.get("warnings")), warningsRemoved, warningsAdded);
        return new Result(stack, out, outputs, warningsRemoved, warningsAdded, unchanged);
    }

    /** The diff as a reviewer reads it; {@code baseLabel} names what the plan is compared with. */
    public static String render(Result d, String baseLabel) {
        StringBuilder sb = new StringBuilder();
        sb.append("Plan diff of stack '")
                .append(d.stack())
                .append("': ")
                .append(baseLabel)
                .append(" -> this change\n");
        sb.append(d.count('+'))
                .append(" to add, ")
                .append(d.count('-'))
                .append(" to remove, ")
                .append(d.count('~'))
                .append(" to modify, ")
                .append(d.unchanged())
                .append(" unchanged; MySQL steps: ")
                .append(d.stepsAdded())
                .append(" added, ")
                .append(d.stepsRemoved())
                .append(" removed")
                .append(d.outputs().isEmpty() ? "" : "; " + d.outputs().size() + " stack output changes")
                .append('\n');
        if (!d.changed()) {
            sb.append("No changes.\n");
        }
        for (ResourceDiff r : d.resources()) {
            sb.append('\n')
                    .append(r.kind())
                    .append(' ')
                    .append(r.type())
                    .append("  ")
                    .append(r.name());
            if (!r.label().isEmpty()) {
                sb.append("  (").append(r.label()).append(')');
            }
            if (r.protect()) {
                sb.append(
                        r.kind() == '-'
                                ? " [protected: the engine refuses this delete until it is unprotected]"
                                : " [protected]");
            }
            sb.append('\n');
            for (Change c : r.changes()) {
                change(sb, "      ", c);
            }
        }
        if (d.stepsAdded() + d.stepsRemoved() > 0) {
            sb.append("\nMySQL steps (planned for a first deploy of this stack):\n");
            for (ResourceDiff r : d.resources()) {
                if (r.stepsAdded().isEmpty() && r.stepsRemoved().isEmpty()) {
                    continue;
                }
                sb.append("  ").append(r.name()).append(" (").append(r.type()).append("):\n");
                r.stepsRemoved().forEach(s -> sb.append("    - ").append(s).append('\n'));
                r.stepsAdded().forEach(s -> sb.append("    + ").append(s).append('\n'));
            }
        } else if (d.changed()) {
            sb.append("\nMySQL steps: no change.\n");
        }
        if (!d.outputs().isEmpty()) {
            sb.append("\nStack outputs:\n");
            d.outputs().forEach(c -> change(sb, "  ", c));
        }
        if (!d.warningsRemoved().isEmpty() || !d.warningsAdded().isEmpty()) {
            sb.append("\nWarnings:\n");
            d.warningsRemoved().forEach(w -> sb.append("  - ").append(w).append('\n'));
            d.warningsAdded().forEach(w -> sb.append("  + ").append(w).append('\n'));
        }
        return sb.toString();
    }

    private static void change(StringBuilder sb, String indent, Change c) {
        if (c.before() == null) {
            sb.append(indent)
                    .append("+ ")
                    .append(c.path())
                    .append(": ")
                    .append(shorten(c.after()))
                    .append('\n');
        } else if (c.after() == null) {
            sb.append(indent)
                    .append("- ")
                    .append(c.path())
                    .append(": ")
                    .append(shorten(c.before()))
                    .append('\n');
        } else if (c.before().contains("\n") || c.after().contains("\n")) {
            // A multi-line value (a Corefile, a PEM): the lines that change, not two long escaped strings.
            sb.append(indent).append("~ ").append(c.path()).append(":\n");
            List<String> removed = new ArrayList<>();
            List<String> added = new ArrayList<>();
            lines(List.of(c.before().split("\n", -1)), List.of(c.after().split("\n", -1)), removed, added);
            removed.forEach(
                    l -> sb.append(indent).append("    - ").append(shorten(l)).append('\n'));
            added.forEach(
                    l -> sb.append(indent).append("    + ").append(shorten(l)).append('\n'));
        } else {
            sb.append(indent)
                    .append("~ ")
                    .append(c.path())
                    .append(": ")
                    .append(shorten(c.before()))
                    .append(" -> ")
                    .append(shorten(c.after()))
                    .append('\n');
        }
    }

    static String shorten(String s) {
        String one = s.replace("\n", "\\n");
        return one.length() > MAX_VALUE ? one.substring(0, MAX_VALUE - 3) + "..." : one;
    }

    /** Leaf paths that differ between two JSON values (full values compared; display shortens them). */
    static List<Change> pathChanges(String prefix, JsonElement was, JsonElement now) {
        Map<String, String> a = flat(was);
        Map<String, String> b = flat(now);
        List<Change> out = new ArrayList<>();
        Set<String> paths = new LinkedHashSet<>(a.keySet());
        paths.addAll(b.keySet());
        for (String p : paths) {
            String x = a.get(p);
            String y = b.get(p);
            if (x == null || !x.equals(y)) {
                out.add(new Change(prefix + p, x, y));
            }
        }
        return out;
    }

    private static List<Change> optionChange(String option, JsonElement was, JsonElement now) {
        if (was.equals(now)) {
            return List.of();
        }
        if (was.isJsonArray() && now.isJsonArray()) {
            List<Change> out = new ArrayList<>();
            Set<String> a = new TreeSet<>(strings(was));
            Set<String> b = new TreeSet<>(strings(now));
            a.stream().filter(x -> !b.contains(x)).forEach(x -> out.add(new Change(option, x, null)));
            b.stream().filter(x -> !a.contains(x)).forEach(x -> out.add(new Change(option, null, x)));
            return out;
        }
        return List.of(new Change(option, scalar(was), scalar(now)));
    }

    /** Longest common subsequence: what {@code now} drops from and adds to {@code was}, in order. */
    static void lines(List<String> was, List<String> now, List<String> removed, List<String> added) {
        int n = was.size();
        int m = now.size();
        int[][] lcs = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                lcs[i][j] =
                        was.get(i).equals(now.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        int i = 0;
        int j = 0;
        while (i < n || j < m) {
            if (i < n && j < m && was.get(i).equals(now.get(j))) {
                i++;
                j++;
            } else if (j < m && (i == n || lcs[i][j + 1] >= lcs[i + 1][j])) {
                added.add(now.get(j++));
            } else {
                removed.add(was.get(i++));
            }
        }
    }

    static Map<String, String> flat(JsonElement e) {
        Map<String, String> out = new LinkedHashMap<>();
        if (e != null) {
            flat("", e, out);
        }
        return out;
    }

    private static void flat(String path, JsonElement e, Map<String, String> out) {
        if (e.isJsonObject()) {
            if (e.getAsJsonObject().size() == 0 && !path.isEmpty()) {
                out.put(path, "{}");
            }
            e.getAsJsonObject()
                    .entrySet()
                    .forEach(en -> flat(path.isEmpty() ? en.getKey() : path + "." + en.getKey(), en.getValue(), out));
        } else if (e.isJsonArray()) {
            JsonArray a = e.getAsJsonArray();
            if (a.isEmpty() && !path.isEmpty()) {
                out.put(path, "[]");
            }
            for (int i = 0; i < a.size(); i++) {
                flat(path + "[" + i + "]", a.get(i), out);
            }
        } else {
            out.put(path, scalar(e));
        }
    }

    private static String scalar(JsonElement e) {
        if (e == null || e.isJsonNull()) {
            return "null";
        }
        return e.isJsonPrimitive() && e.getAsJsonPrimitive().isString() ? e.getAsString() : GSON.toJson(e);
    }

    private static List<String> steps(JsonObject resource) {
        JsonElement outputs = resource.get("outputs");
        return outputs != null && outputs.isJsonObject()
                ? strings(outputs.getAsJsonObject().get(PLANNED_STEPS))
                : List.of();
    }

    private static JsonElement withoutSteps(JsonElement outputs) {
        return withoutKey(outputs, PLANNED_STEPS);
    }

    private static JsonElement withoutKey(JsonElement e, String key) {
        if (e == null || !e.isJsonObject()) {
            return e == null ? JsonNull.INSTANCE : e;
        }
        JsonObject copy = e.getAsJsonObject().deepCopy();
        copy.remove(key);
        return copy;
    }

    private static List<String> strings(JsonElement e) {
        List<String> out = new ArrayList<>();
        if (e != null && e.isJsonArray()) {
            e.getAsJsonArray().forEach(x -> out.add(scalar(x)));
        }
        return out;
    }

    private static boolean allHaveUrns(JsonObject doc) {
        for (JsonElement r : resources(doc)) {
            if (!r.getAsJsonObject().has("urn")) {
                return false;
            }
        }
        return true;
    }

    private static Map<String, JsonObject> index(JsonObject doc, boolean byUrn) {
        Map<String, JsonObject> out = new LinkedHashMap<>();
        Map<String, Integer> seen = new HashMap<>();
        for (JsonElement e : resources(doc)) {
            JsonObject r = e.getAsJsonObject();
            String key = byUrn ? string(r, "urn") : string(r, "type") + "::" + string(r, "name");
            int n = seen.merge(key, 1, Integer::sum);
            out.put(n == 1 ? key : key + "#" + n, r);
        }
        return out;
    }

    /** Type-and-name pairs that occur more than once (under different parents) in either plan. */
    private static Set<String> ambiguousNames(JsonObject... docs) {
        Set<String> out = new TreeSet<>();
        for (JsonObject doc : docs) {
            Set<String> seen = new java.util.HashSet<>();
            for (JsonElement e : resources(doc)) {
                String k = string(e.getAsJsonObject(), "type") + "::" + string(e.getAsJsonObject(), "name");
                if (!seen.add(k)) {
                    out.add(k);
                }
            }
        }
        return out;
    }

    private static String label(JsonObject r, String key, Set<String> ambiguous, boolean byUrn) {
        return byUrn && ambiguous.contains(string(r, "type") + "::" + string(r, "name")) ? key : "";
    }

    private static JsonArray resources(JsonObject doc) {
        JsonElement e = doc.get("resources");
        if (e == null || !e.isJsonArray()) {
            throw new IllegalArgumentException("not a ./plan --json document: no \"resources\" array");
        }
        return e.getAsJsonArray();
    }

    private static String string(JsonObject o, String key) {
        JsonElement e = o.get(key);
        return e == null || e.isJsonNull() ? "" : e.getAsString();
    }

    private static boolean bool(JsonObject o, String key) {
        JsonElement e = o.get(key);
        return e != null && e.isJsonPrimitive() && e.getAsBoolean();
    }
}
