package dev.mysqlcs.stack;

import com.google.gson.JsonParser;
import com.pulumi.Context;
import com.pulumi.core.Output;
import dev.mysqlcs.config.ConfigSource;
import dev.mysqlcs.config.TopologyLoader;
import dev.mysqlcs.config.TopologyParser;
import dev.mysqlcs.model.Topology;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The stack's config as the program sees it: the validated topology, plus the secrets, which never enter the model
 * and stay Pulumi secret Outputs.
 *
 * @param offline true under {@code ./plan}, where encrypted values cannot be decrypted
 */
public record StackConfig(Topology topology, List<String> warnings, Output<String> rootPassword, boolean offline) {

    /**
     * @param isSecret which full keys ({@code mysqlcs:rootPassword}) the engine marked secret
     * @throws dev.mysqlcs.config.InvalidConfigException with every config error at once
     */
    public static StackConfig read(Context ctx, Predicate<String> isSecret, boolean offline) {
        return read(ctx, isSecret, offline, keysFromEnvironment(System.getenv("PULUMI_CONFIG")));
    }

    /** @param keys the project keys the stack sets, when known: any other key of the namespace is an error */
    static StackConfig read(Context ctx, Predicate<String> isSecret, boolean offline, Optional<Set<String>> keys) {
        var config = ctx.config();
        ConfigSource source = new ConfigSource() {
            @Override
            public Optional<String> get(String key) {
                return config.get(key);
            }

            @Override
            public boolean isSecret(String key) {
                return isSecret.test(TopologyParser.NAMESPACE + ":" + key);
            }

            @Override
            public Optional<Set<String>> keys() {
                return keys;
            }
        };
        TopologyLoader.Loaded loaded = TopologyLoader.load(source, offline);
        Output<String> password = config.getSecret(TopologyParser.ROOT_PASSWORD)
                .applyValue(o -> o.orElse(""))
                .asSecret();
        return new StackConfig(loaded.topology(), loaded.warnings(), password, offline);
    }

    /**
     * The keys of this project's namespace in the engine's {@code PULUMI_CONFIG} (a JSON object of full keys, which
     * the Java language host passes on; the Java SDK parses the same variable in {@code DeploymentImpl.Config} but
     * offers no public way to list it). The legacy form {@code mysqlcs:config:key} counts as {@code mysqlcs:key},
     * as the SDK's {@code cleanKey} does.
     */
    static Optional<Set<String>> keysFromEnvironment(String raw) {
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        com.google.gson.JsonElement doc;
        try {
            doc = JsonParser.parseString(raw);
        } catch (com.google.gson.JsonParseException e) {
            return Optional.empty();
        }
        if (!doc.isJsonObject()) {
            return Optional.empty();
        }
        String prefix = TopologyParser.NAMESPACE + ":";
        Set<String> keys = new java.util.TreeSet<>();
        for (String full : doc.getAsJsonObject().keySet()) {
            if (full.startsWith(prefix)) {
                String k = full.substring(prefix.length());
                keys.add(k.startsWith("config:") ? k.substring("config:".length()) : k);
            }
        }
        return Optional.of(keys);
    }

    /** The engine hands the language host the secret keys as a JSON list in PULUMI_CONFIG_SECRET_KEYS. */
    static Predicate<String> secretKeysFromEnvironment() {
        String raw = System.getenv("PULUMI_CONFIG_SECRET_KEYS");
        Set<String> keys = new HashSet<>();
        if (raw != null && !raw.isBlank()) {
            JsonParser.parseString(raw).getAsJsonArray().forEach(e -> keys.add(e.getAsString()));
        }
        return keys::contains;
    }
}
