package dev.mysqlcs.testing;

import com.google.gson.Gson;
import dev.mysqlcs.config.ConfigSource;
import dev.mysqlcs.config.TopologyLoader;
import dev.mysqlcs.config.TopologyParser;
import dev.mysqlcs.model.Topology;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Stack config for tests, written as users write it (the {@code config:} section of a stack file). Tests build
 * topologies only through the parser, never with record constructors, so the model can grow without breaking them.
 */
public final class ConfigFixtures {

    private static final Gson GSON = new Gson();

    private ConfigFixtures() {}

    /** A ConfigSource over a stack file body; {@code {secure: x}} values count as present secrets. */
    public static ConfigSource source(String stackYaml) {
        Object doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(stackYaml);
        Map<?, ?> config = doc == null ? Map.of() : (Map<?, ?>) ((Map<?, ?>) doc).get("config");
        Map<String, String> values = new LinkedHashMap<>();
        Set<String> secrets = new HashSet<>();
        if (config != null) {
            config.forEach((k, v) -> {
                String key = String.valueOf(k).replaceFirst("^" + TopologyParser.NAMESPACE + ":", "");
                if (v instanceof Map<?, ?> m && m.size() == 1 && m.containsKey("secure")) {
                    secrets.add(key);
                    values.put(key, "[secret]");
                } else {
                    values.put(key, v instanceof Map || v instanceof List ? GSON.toJson(v) : String.valueOf(v));
                }
            });
        }
        return new ConfigSource() {
            @Override
            public Optional<String> get(String key) {
                return Optional.ofNullable(values.get(key));
            }

            @Override
            public boolean isSecret(String key) {
                return secrets.contains(key);
            }
        };
    }

    public static Topology topology(String stackYaml) {
        return TopologyLoader.load(source(stackYaml), true).topology();
    }

    /** The repository root (tests run in a module directory). */
    public static Path repoRoot() {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            if (Files.exists(d.resolve("Pulumi.yaml"))) {
                return d;
            }
        }
        throw new IllegalStateException("no Pulumi.yaml above " + dir);
    }

    /** A shipped stack file, e.g. {@code Pulumi.prod.yaml} or {@code src/examples/...}. */
    public static String shipped(String relative) {
        try {
            return Files.readString(repoRoot().resolve(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Topology prod() {
        return topology(shipped("Pulumi.prod.yaml"));
    }

    public static Topology dr() {
        return topology(shipped("Pulumi.dr.yaml"));
    }

    public static Topology enterpriseExample() {
        return topology(shipped("src/examples/Pulumi.single-cluster-enterprise.yaml"));
    }
}
