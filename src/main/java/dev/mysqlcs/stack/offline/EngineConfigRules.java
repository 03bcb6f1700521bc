package dev.mysqlcs.stack.offline;

import dev.mysqlcs.config.ConfigError;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The stack-config validation the Pulumi engine runs before {@code pulumi preview/up/refresh/destroy} start the
 * program, ported so that {@code ./plan} fails wherever the engine would, with the engine's wording. Sources
 * (pulumi/pulumi master, 2026-08):
 * <ul>
 *   <li>{@code sdk/go/common/workspace/project.go}: {@code RewriteShorthandConfigValues}, {@code Project.Validate},
 *       {@code ValidateConfigValue}, {@code InferFullTypeName};</li>
 *   <li>{@code pkg/workspace/config.go}: {@code mergeConfig} (required keys: in the project namespace, with neither
 *       {@code default} nor {@code value}, not set on the stack; defaults applied), then
 *       {@code validateStackConfigValues} / {@code validateStackConfigValue} (every explicitly typed key, defaults
 *       included: {@code secret: true} must be {@code secure:}, then the declared type);</li>
 *   <li>{@code sdk/go/common/resource/config/object.go} / {@code value.go}: how a stack file value becomes a config
 *       value (scalars are strings, maps, lists and {@code null} are JSON objects, secure anywhere inside makes the
 *       value secure).</li>
 * </ul>
 * The engine stops at the first problem; this reports every one, each as a {@link ConfigError} whose message starts
 * with the engine's sentence. Two deliberate offline differences, both because {@code ./plan} holds no secrets:
 * a missing key declared {@code secret: true} is left to the program's own warning, and the type of a {@code secure:}
 * value is not checked (the engine decrypts it first).
 */
public final class EngineConfigRules {

    /** {@code items:} of an array declaration. */
    public record Items(String type, Optional<Items> items) {}

    /** One {@code config:} entry of Pulumi.yaml after the engine's shorthand rewrite. */
    public record Declaration(
            String key,
            Optional<String> type,
            Optional<Items> items,
            boolean secret,
            Optional<Object> defaultValue,
            Optional<Object> value) {

        boolean explicitlyTyped() {
            return type.isPresent();
        }
    }

    /** Pulumi.yaml breaks one of the engine's project rules: every engine command refuses the project. */
    public static final class ProjectError extends RuntimeException {
        ProjectError(String message) {
            super(message);
        }
    }

    private static final Set<String> TYPES = Set.of("string", "integer", "boolean", "array", "object");
    private static final Set<String> ATTRIBUTES = Set.of("type", "items", "description", "secret", "default", "value");

    private EngineConfigRules() {}

    /**
     * Pulumi.yaml's {@code config:} section as the engine reads it, checked with {@code Project.Validate} (and the
     * project schema's {@code configTypeDeclaration} attributes and type names).
     *
     * @throws ProjectError with the engine's message
     */
    public static List<Declaration> declarations(String project, Object configSection) {
        List<Declaration> out = new ArrayList<>();
        if (configSection == null) {
            return out;
        }
        if (!(configSection instanceof Map<?, ?> section)) {
            throw new ProjectError("config: expected a mapping of configuration keys to their declarations");
        }
        for (Map.Entry<?, ?> e : new TreeMap<>(stringKeys(section)).entrySet()) {
            String key = String.valueOf(e.getKey());
            Object raw = e.getValue();
            boolean own = namespacedByProject(project, key);
            Declaration d;
            if (raw == null || raw instanceof Map<?, ?>) {
                Map<?, ?> m = raw == null ? Map.of() : (Map<?, ?>) raw;
                for (Object attr : m.keySet()) {
                    if (!ATTRIBUTES.contains(String.valueOf(attr))) {
                        throw new ProjectError("#/config/" + key + ": additionalProperties '" + attr
                                + "' not allowed; the allowed attributes are 'default', 'description', 'items', "
                                + "'secret', 'type' and 'value'");
                    }
                }
                Optional<String> type = Optional.ofNullable(m.get("type")).map(String::valueOf);
                if (type.isPresent() && !TYPES.contains(type.get())) {
                    throw new ProjectError("#/config/" + key + "/type: value must be one of \"string\", \"integer\", "
                            + "\"boolean\", \"array\", \"object\"");
                }
                d = new Declaration(
                        key,
                        type,
                        items(key, m.get("items")),
                        Boolean.TRUE.equals(m.get("secret")),
                        Optional.ofNullable(m.get("default")),
                        Optional.ofNullable(m.get("value")));
            } else {
                // RewriteShorthandConfigValues: a plain value is a default in the project's namespace, else a value.
                d = own
                        ? new Declaration(
                                key, Optional.empty(), Optional.empty(), false, Optional.of(raw), Optional.empty())
                        : new Declaration(
                                key, Optional.empty(), Optional.empty(), false, Optional.empty(), Optional.of(raw));
            }
            validate(project, d);
            out.add(d);
        }
        return out;
    }

    private static Optional<Items> items(String key, Object raw) {
        if (raw == null) {
            return Optional.empty();
        }
        if (!(raw instanceof Map<?, ?> m) || m.get("type") == null) {
            throw new ProjectError("#/config/" + key + "/items: missing properties: 'type'");
        }
        String type = String.valueOf(m.get("type"));
        Optional<Items> inner = items(key, m.get("items"));
        if (type.equals("array") && inner.isEmpty()) {
            throw new ProjectError("#/config/" + key + "/items: missing properties: 'items'");
        }
        return Optional.of(new Items(type, inner));
    }

    /** {@code Project.Validate}, per key. */
    private static void validate(String project, Declaration d) {
        if (d.defaultValue().isPresent() && d.value().isPresent()) {
            throw new ProjectError(
                    "project config '" + d.key() + "' cannot have both a 'default' and 'value' " + "attribute");
        }
        if (namespacedByProject(project, d.key())) {
            if (d.explicitlyTyped()
                    && d.type().get().equals("array")
                    && d.items().isEmpty()) {
                throw new ProjectError("The configuration key '" + d.key() + "' declares an array but does not "
                        + "specify the underlying type via the 'items' attribute");
            }
            if (d.explicitlyTyped()
                    && d.defaultValue().isPresent()
                    && !validValue(d.type().get(), d.items(), d.defaultValue().get())) {
                throw new ProjectError("The default value specified for configuration key '" + d.key()
                        + "' is not of the expected type '"
                        + fullTypeName(d.type().get(), d.items()) + "'");
            }
        } else {
            if (d.explicitlyTyped()) {
                throw new ProjectError("Configuration key '" + d.key() + "' is not namespaced by the project and "
                        + "should not define a type");
            }
            if (d.defaultValue().isPresent()) {
                throw new ProjectError("Configuration key '" + d.key() + "' is not namespaced by the project and "
                        + "should not define a default value. Did you mean to use the 'value' attribute instead of "
                        + "'default'?");
            }
            if (d.value().isEmpty()) {
                throw new ProjectError(
                        "Configuration key '" + d.key() + "' is namespaced and must provide an " + "attribute 'value'");
            }
        }
    }

    /**
     * {@code mergeConfig} with validation, as {@code pulumi preview} runs it.
     *
     * @param stackValues the stack file's {@code config:} entries by full key, as YAML values ({@code {secure: x}}
     *                    maps intact)
     * @return every problem the engine would refuse the stack for; empty when it accepts the stack
     */
    public static List<ConfigError> validateStack(
            String stack, String project, List<Declaration> declarations, Map<String, Object> stackValues) {
        List<ConfigError> missing = new ArrayList<>();
        List<ConfigError> invalid = new ArrayList<>();
        for (Declaration d : declarations) {
            String full = fullKey(project, d.key());
            boolean found = stackValues.containsKey(full);
            boolean hasDefault = d.defaultValue().isPresent() || d.value().isPresent();
            if (!found && !hasDefault && namespace(full).equals(project)) {
                if (!d.secret()) {
                    missing.add(new ConfigError(
                            full,
                            missingMessage(stack, List.of(d.key()))
                                    + "; allowed: a value in Pulumi." + stack + ".yaml (pulumi config set " + full
                                    + " -s "
                                    + stack + ") or a default in Pulumi.yaml"));
                }
                continue;
            }
            if (!d.explicitlyTyped()) {
                continue;
            }
            // Defaults are merged into the stack config first, then validated like stack values.
            Object raw = found
                    ? stackValues.get(full)
                    : d.defaultValue().orElseGet(() -> d.value().orElseThrow());
            boolean secure = containsSecure(raw);
            if (d.secret() && !secure) {
                invalid.add(new ConfigError(
                        full,
                        "Stack '" + stack + "' with configuration key '" + d.key()
                                + "' must be encrypted as it's secret; allowed: "
                                + (found
                                        ? "a secure value (pulumi config set --secret " + full + " -s " + stack + ")"
                                        : "no default in Pulumi.yaml for a secret key")));
                continue;
            }
            if (secure) {
                continue; // the engine checks the decrypted value; ./plan cannot decrypt
            }
            Object content = content(raw);
            if (!validValue(d.type().get(), d.items(), content)) {
                String type = fullTypeName(d.type().get(), d.items());
                invalid.add(new ConfigError(
                        full,
                        "Stack '" + stack + "' with configuration key '" + d.key() + "' must be of type '" + type
                                + "'; allowed: " + describeType(type)));
            }
        }
        List<ConfigError> out = new ArrayList<>(missing);
        out.addAll(invalid);
        return out;
    }

    /** {@code missingStackConfigurationKeysError}, as the engine words it for one or several keys. */
    public static String missingMessage(String stack, Collection<String> keys) {
        List<String> sorted = keys.stream().sorted().toList();
        String list;
        if (sorted.size() == 1) {
            list = "'" + sorted.get(0) + "'";
        } else {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < sorted.size(); i++) {
                if (i == sorted.size() - 1) {
                    sb.append("and '").append(sorted.get(i)).append("'");
                } else if (i == sorted.size() - 2) {
                    sb.append("'").append(sorted.get(i)).append("' ");
                } else {
                    sb.append("'").append(sorted.get(i)).append("', ");
                }
            }
            list = sb.toString();
        }
        return "Stack '" + stack + "' is missing configuration " + (sorted.size() > 1 ? "values" : "value") + " "
                + list;
    }

    /**
     * The value {@code validateStackConfigValue} type-checks: a scalar of the stack file is the string the engine
     * stores ({@code MarshalString}: numbers and booleans in their JSON form), anything else its JSON structure.
     */
    static Object content(Object raw) {
        if (raw instanceof Map<?, ?> || raw instanceof List<?> || raw == null) {
            return raw;
        }
        if (raw instanceof String s) {
            return s;
        }
        return String.valueOf(raw);
    }

    /** {@code ValidateConfigValue}. Numbers inside JSON structures are float64 there: whole ones pass as integers. */
    static boolean validValue(String type, Optional<Items> items, Object value) {
        switch (type) {
            case "string":
                return value instanceof String;
            case "integer":
                if (value instanceof Integer || value instanceof Long || value instanceof java.math.BigInteger) {
                    return true;
                }
                if (value instanceof Double d) {
                    return d == Math.rint(d) && !d.isInfinite();
                }
                return value instanceof String s && atoi(s);
            case "boolean":
                return value instanceof Boolean || "true".equals(value) || "false".equals(value);
            case "object":
                return value instanceof Map<?, ?>;
            default:
                if (!(value instanceof List<?> list) || items.isEmpty()) {
                    return false;
                }
                for (Object item : list) {
                    if (!validValue(items.get().type(), items.get().items(), item)) {
                        return false;
                    }
                }
                return true;
        }
    }

    /** Go's {@code strconv.Atoi}: an optional sign and decimal digits, within 64 bits. */
    private static boolean atoi(String s) {
        if (!s.matches("[+-]?[0-9]+")) {
            return false;
        }
        try {
            Long.parseLong(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** {@code InferFullTypeName}. */
    static String fullTypeName(String type, Optional<Items> items) {
        return items.map(i -> "array<" + fullTypeName(i.type(), i.items()) + ">")
                .orElse(type);
    }

    private static String describeType(String type) {
        return switch (type) {
            case "string" -> "a single value (not a list or mapping)";
            case "integer" -> "a whole number";
            case "boolean" -> "true or false";
            case "object" -> "a mapping";
            default -> "a list of " + type.substring("array<".length(), type.length() - 1) + " values";
        };
    }

    /** {@code object.Secure}: a {@code {secure: <string>}} map anywhere inside the value. */
    static boolean containsSecure(Object v) {
        if (v instanceof Map<?, ?> m) {
            if (m.size() == 1 && m.get("secure") instanceof String) {
                return true;
            }
            return m.values().stream().anyMatch(EngineConfigRules::containsSecure);
        }
        if (v instanceof List<?> l) {
            return l.stream().anyMatch(EngineConfigRules::containsSecure);
        }
        return false;
    }

    static boolean namespacedByProject(String project, String key) {
        return !key.contains(":") || key.startsWith(project + ":");
    }

    static String fullKey(String project, String key) {
        return key.contains(":") ? key : project + ":" + key;
    }

    private static String namespace(String fullKey) {
        return fullKey.substring(0, fullKey.indexOf(':'));
    }

    private static Map<String, Object> stringKeys(Map<?, ?> m) {
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        m.forEach((k, v) -> out.put(String.valueOf(k), v));
        return out;
    }
}
