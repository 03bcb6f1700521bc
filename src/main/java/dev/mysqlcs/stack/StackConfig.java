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
        };
        TopologyLoader.Loaded loaded = TopologyLoader.load(source, offline);
        Output<String> password = config.getSecret(TopologyParser.ROOT_PASSWORD)
                .applyValue(o -> o.orElse("")).asSecret();
        return new StackConfig(loaded.topology(), loaded.warnings(), password, offline);
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
