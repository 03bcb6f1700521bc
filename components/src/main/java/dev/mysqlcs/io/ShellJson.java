package dev.mysqlcs.io;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Finds the JSON documents in what MySQL Shell printed. The Shell mixes warnings ("WARNING: ..."), notes and, in
 * {@code --json} mode, one-key wrapper objects ({@code {"warning": ...}}) with the result; only whole top-level JSON
 * objects count, everything between them is skipped.
 */
public final class ShellJson {

    private static final Set<String> WRAPPER_KEYS = Set.of("info", "warning", "note", "error", "status_message");

    private ShellJson() {
    }

    /** Every top-level JSON object in the text, in order. */
    public static List<JsonObject> objects(String text) {
        List<JsonObject> out = new ArrayList<>();
        if (text == null) {
            return out;
        }
        int depth = 0;
        int start = -1;
        boolean inString = false;
        boolean escaped = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (inString) {
                if (escaped) {
                    escaped = false;
                } else if (c == '\\') {
                    escaped = true;
                } else if (c == '"') {
                    inString = false;
                }
                continue;
            }
            if (c == '"' && depth > 0) {
                inString = true;
            } else if (c == '{') {
                if (depth == 0) {
                    start = i;
                }
                depth++;
            } else if (c == '}' && depth > 0) {
                depth--;
                if (depth == 0) {
                    parse(text.substring(start, i + 1)).ifPresent(out::add);
                    start = -1;
                }
            }
        }
        return out;
    }

    private static Optional<JsonObject> parse(String candidate) {
        try {
            JsonElement e = JsonParser.parseString(candidate);
            return e.isJsonObject() ? Optional.of(e.getAsJsonObject()) : Optional.empty();
        } catch (JsonParseException notJson) {
            return Optional.empty();
        }
    }

    /** Is this one of the Shell's message wrappers rather than a result? */
    public static boolean isWrapper(JsonObject o) {
        return o.size() == 1 && WRAPPER_KEYS.contains(o.keySet().iterator().next());
    }

    /** The last result object matching {@code accept}, searched also one level inside wrapper-like objects. */
    public static Optional<JsonObject> lastResult(String text, Predicate<JsonObject> accept) {
        List<JsonObject> all = objects(text);
        for (int i = all.size() - 1; i >= 0; i--) {
            JsonObject o = all.get(i);
            if (accept.test(o)) {
                return Optional.of(o);
            }
            for (var e : o.entrySet()) {
                if (e.getValue().isJsonObject() && accept.test(e.getValue().getAsJsonObject())) {
                    return Optional.of(e.getValue().getAsJsonObject());
                }
            }
        }
        return Optional.empty();
    }
}
