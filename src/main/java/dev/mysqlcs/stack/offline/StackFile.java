package dev.mysqlcs.stack.offline;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A {@code Pulumi.<stack>.yaml} read the way the engine hands it to the language host: one string per full key
 * (structured values as JSON) and the set of secret keys. Encrypted values cannot be decrypted offline; they stand
 * as {@link #SECRET_PLACEHOLDER}, present and secret.
 */
public record StackFile(Map<String, String> config, Set<String> secretKeys) {

    public static final String SECRET_PLACEHOLDER = "[secret]";

    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().serializeNulls().create();

    public static StackFile read(Path file, String project) throws IOException {
        try (Reader r = Files.newBufferedReader(file)) {
            Object doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(r);
            return fromDocument(doc, project, file.toString());
        }
    }

    static StackFile fromDocument(Object doc, String project, String where) {
        Map<String, String> config = new LinkedHashMap<>();
        Set<String> secrets = new LinkedHashSet<>();
        if (doc == null) {
            return new StackFile(config, secrets);
        }
        if (!(doc instanceof Map<?, ?> top)) {
            throw new IllegalArgumentException(where + ": expected a mapping with a 'config:' section");
        }
        Object section = top.get("config");
        if (section == null) {
            return new StackFile(config, secrets);
        }
        if (!(section instanceof Map<?, ?> entries)) {
            throw new IllegalArgumentException(where + ": 'config:' must be a mapping of keys to values");
        }
        for (Map.Entry<?, ?> e : entries.entrySet()) {
            String key = String.valueOf(e.getKey());
            String fullKey = key.contains(":") ? key : project + ":" + key;
            boolean[] secret = {false};
            Object value = replaceSecure(e.getValue(), secret);
            if (secret[0]) {
                secrets.add(fullKey);
            }
            config.put(fullKey, value instanceof Map || value instanceof List ? GSON.toJson(value)
                    : value == null ? "" : String.valueOf(value));
        }
        return new StackFile(config, secrets);
    }

    /** {@code {secure: <ciphertext>}} anywhere in a value becomes the placeholder, and marks the key secret. */
    private static Object replaceSecure(Object v, boolean[] secret) {
        if (v instanceof Map<?, ?> m) {
            if (m.size() == 1 && m.containsKey("secure")) {
                secret[0] = true;
                return SECRET_PLACEHOLDER;
            }
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, x) -> out.put(String.valueOf(k), replaceSecure(x, secret)));
            return out;
        }
        if (v instanceof List<?> l) {
            return l.stream().map(x -> replaceSecure(x, secret)).toList();
        }
        return v;
    }

    /** Keys of this project only, without the namespace: what {@code ctx.config()} serves. */
    public Map<String, String> projectConfig(String project) {
        Map<String, String> out = new LinkedHashMap<>();
        config.forEach((k, v) -> {
            if (k.startsWith(project + ":")) {
                out.put(k.substring(project.length() + 1), v);
            }
        });
        return out;
    }
}
