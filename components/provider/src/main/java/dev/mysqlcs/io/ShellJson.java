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
 * Finds the JSON documents in what MySQL Shell printed. With {@code --json=raw} every console message is a one-key
 * object on stdout ({@code {"warning":"...\n"}}; tags info, warning, note, error, status: Shell_console in
 * mysqlshdk/shellcore/shell_console.cc) and the password prompt is {@code {"prompt":"...","type":"password"}}
 * (src/mysqlsh/prompt_handler.cc); without it, the prompt text {@code Please provide the password for 'U': } precedes
 * the output on the same line. Only whole top-level JSON objects count, everything between them is skipped.
 */
public final class ShellJson {

    private static final Set<String> WRAPPER_KEYS = Set.of("info", "warning", "note", "error", "status");

    private ShellJson() {}

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

    /** The string values of the one-key message objects with this tag ({@code error}, {@code warning}...), in order. */
    public static List<String> messages(String text, String tag) {
        List<String> out = new ArrayList<>();
        for (JsonObject o : objects(text)) {
            JsonElement v = o.get(tag);
            if (o.size() == 1 && v != null && v.isJsonPrimitive()) {
                out.add(v.getAsString());
            }
        }
        return out;
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
