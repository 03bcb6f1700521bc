package dev.mysqlcs.config;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.gson.internal.LazilyParsedNumber;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads typed fields out of one JSON object of stack config, recording a {@link ConfigError} (with the full key)
 * for each field of the wrong type, each required field missing and each unknown field (a typo must not pass
 * silently). Values that are present but of the wrong type read as empty.
 */
final class JsonFields {

    private final String key;
    private final JsonObject object;
    private final List<ConfigError> errors;
    private final Set<String> read = new TreeSet<>();

    JsonFields(String key, JsonObject object, List<ConfigError> errors) {
        this.key = key;
        this.object = object;
        this.errors = errors;
    }

    String key(String field) {
        return key + "." + field;
    }

    /** The field's value; an explicit {@code null} (a YAML key with no value) is an error, not a default. */
    private Optional<JsonElement> raw(String field) {
        read.add(field);
        JsonElement e = object.get(field);
        if (e != null && e.isJsonNull()) {
            errors.add(new ConfigError(
                    key(field),
                    "is null (a key without a value); allowed: a value, or no key " + "at all for the default"));
            return Optional.empty();
        }
        return Optional.ofNullable(e);
    }

    /** Whether the field is given at all (an explicit null counts, and is reported by the reader). */
    boolean has(String field) {
        return object.get(field) != null;
    }

    Optional<String> string(String field) {
        return raw(field).flatMap(e -> {
            if (e.isJsonPrimitive() && !e.getAsJsonPrimitive().isBoolean()) {
                return Optional.of(e.getAsString());
            }
            errors.add(new ConfigError(key(field), "expected a string, got " + describe(e) + "; allowed: a string"));
            return Optional.empty();
        });
    }

    String requiredString(String field) {
        Optional<String> s = string(field);
        if (s.isEmpty() && !has(field)) {
            errors.add(new ConfigError(key(field), "is required; allowed: a string"));
        }
        return s.orElse("");
    }

    /** Integers arrive as JSON numbers from YAML, but a quoted number is accepted as users often write one. */
    Optional<Long> integer(String field) {
        return raw(field).flatMap(e -> {
            if (e.isJsonPrimitive()) {
                JsonPrimitive p = e.getAsJsonPrimitive();
                try {
                    if (p.isNumber() || p.isString()) {
                        BigDecimal d = new BigDecimal(p.getAsString().trim());
                        if (d.signum() == 0 || d.stripTrailingZeros().scale() <= 0) {
                            try {
                                return Optional.of(d.longValueExact());
                            } catch (ArithmeticException tooLarge) {
                                errors.add(new ConfigError(
                                        key(field),
                                        describe(e) + " is out of range; allowed: " + Long.MIN_VALUE + ".."
                                                + Long.MAX_VALUE + " (and the setting's own range)"));
                                return Optional.empty();
                            }
                        }
                    }
                } catch (NumberFormatException | ArithmeticException ignored) {
                    // reported below
                }
            }
            errors.add(new ConfigError(
                    key(field), "expected an integer, got " + describe(e) + "; allowed: a whole number"));
            return Optional.empty();
        });
    }

    long requiredInteger(String field, long fallback) {
        Optional<Long> v = integer(field);
        if (v.isEmpty() && !has(field)) {
            errors.add(new ConfigError(key(field), "is required; allowed: a whole number"));
        }
        return v.orElse(fallback);
    }

    Optional<Boolean> bool(String field) {
        return raw(field).flatMap(e -> {
            if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isBoolean()) {
                return Optional.of(e.getAsBoolean());
            }
            if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isString()) {
                String s = e.getAsString();
                if (s.equals("true") || s.equals("false")) {
                    return Optional.of(Boolean.parseBoolean(s));
                }
            }
            errors.add(new ConfigError(
                    key(field), "expected true or false, got " + describe(e) + "; allowed: true or false"));
            return Optional.empty();
        });
    }

    Optional<JsonObject> object(String field) {
        return raw(field).flatMap(e -> {
            if (e.isJsonObject()) {
                return Optional.of(e.getAsJsonObject());
            }
            errors.add(new ConfigError(key(field), "expected an object, got " + describe(e) + "; allowed: a mapping"));
            return Optional.empty();
        });
    }

    Optional<JsonArray> array(String field) {
        return raw(field).flatMap(e -> {
            if (e.isJsonArray()) {
                return Optional.of(e.getAsJsonArray());
            }
            errors.add(new ConfigError(key(field), "expected a list, got " + describe(e) + "; allowed: a list"));
            return Optional.empty();
        });
    }

    List<String> stringList(String field) {
        List<String> out = new ArrayList<>();
        array(field).ifPresent(a -> {
            for (int i = 0; i < a.size(); i++) {
                JsonElement e = a.get(i);
                if (e.isJsonPrimitive() && !e.getAsJsonPrimitive().isBoolean()) {
                    out.add(e.getAsString());
                } else {
                    errors.add(new ConfigError(
                            key(field) + "[" + i + "]",
                            "expected a string, got " + describe(e) + "; allowed: a string"));
                }
            }
        });
        return out;
    }

    Map<String, String> stringMap(String field) {
        Map<String, String> out = new LinkedHashMap<>();
        object(field)
                .ifPresent(o -> o.entrySet().forEach(en -> {
                    JsonElement e = en.getValue();
                    if (e.isJsonPrimitive()) {
                        out.put(en.getKey(), e.getAsString());
                    } else {
                        errors.add(new ConfigError(
                                key(field) + "." + en.getKey(),
                                "expected a string, got " + describe(e) + "; allowed: a string"));
                    }
                }));
        return out;
    }

    /** Free-form objects (a Kubernetes affinity) pass through as plain Java maps, lists and scalars. */
    Map<String, Object> freeObject(String field) {
        return object(field)
                .map(o -> {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> m = (Map<String, Object>) toJava(o);
                    return m;
                })
                .orElse(Map.of());
    }

    /** Records an error for every field this reader was never asked about. */
    void rejectUnknown() {
        for (String field : new TreeSet<>(object.keySet())) {
            if (!read.contains(field)) {
                String hint = Names.closest(field, read)
                        .map(c -> " (did you mean '" + c + "'?)")
                        .orElse("");
                errors.add(new ConfigError(
                        key(field), "unknown setting" + hint + "; allowed: " + String.join(", ", read)));
            }
        }
    }

    static Object toJava(JsonElement e) {
        if (e == null || e.isJsonNull()) {
            return null;
        }
        if (e.isJsonObject()) {
            Map<String, Object> m = new LinkedHashMap<>();
            e.getAsJsonObject().entrySet().forEach(en -> m.put(en.getKey(), toJava(en.getValue())));
            return m;
        }
        if (e.isJsonArray()) {
            List<Object> l = new ArrayList<>();
            e.getAsJsonArray().forEach(x -> l.add(toJava(x)));
            return l;
        }
        JsonPrimitive p = e.getAsJsonPrimitive();
        if (p.isBoolean()) {
            return p.getAsBoolean();
        }
        if (p.isNumber()) {
            Number n = p.getAsNumber();
            if (n instanceof LazilyParsedNumber) {
                BigDecimal d = new BigDecimal(n.toString());
                try {
                    return d.longValueExact();
                } catch (ArithmeticException notIntegral) {
                    return d.doubleValue();
                }
            }
            return n;
        }
        return p.getAsString();
    }

    static String describe(JsonElement e) {
        if (e == null || e.isJsonNull()) {
            return "null";
        }
        if (e.isJsonObject()) {
            return "an object";
        }
        if (e.isJsonArray()) {
            return "a list";
        }
        return "'" + e.getAsString() + "'";
    }
}
