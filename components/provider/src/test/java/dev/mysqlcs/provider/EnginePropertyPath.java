package dev.mysqlcs.provider;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Pulumi engine's property-path grammar, ported line by line from pulumi/pulumi
 * {@code sdk/go/common/resource/properties_path.go} ({@code parsePropertyPath}, commit 1b5949891b3c; Apache-2.0),
 * with the same error messages, and {@code PropertyPath.Get}. The engine parses every {@code detailedDiff} key with it
 * ({@code pkg/resource/deploy/step_generator.go} {@code applyReplaceOnChanges}) and aborts step generation on an
 * error; the display ({@code pkg/engine/detailedDiff.go} {@code TranslateDetailedDiff}) then looks the old and the
 * new value up at the parsed path.
 */
final class EnginePropertyPath {

    /** The {@code [*]} wildcard element. */
    static final String WILDCARD = "*";

    private EnginePropertyPath() {}

    /** {@code ParsePropertyPath}: elements are {@link String} keys and {@link Integer} indexes. */
    static List<Object> parse(String path) {
        return parse(path, false);
    }

    /** {@code ParsePropertyPathStrict}: also refuses {@code .[}. */
    static List<Object> parseStrict(String path) {
        return parse(path, true);
    }

    private static List<Object> parse(String path, boolean strict) {
        List<Object> elements = new ArrayList<>();
        if (!path.isEmpty() && path.charAt(0) == '.') {
            throw new IllegalArgumentException("expected property path to start with a name or index");
        }
        while (!path.isEmpty()) {
            switch (path.charAt(0)) {
                case '.' -> {
                    path = path.substring(1);
                    if (path.isEmpty()) {
                        throw new IllegalArgumentException("expected property path to end with a name or index");
                    }
                    if (path.charAt(0) == '[' && strict) {
                        throw new IllegalArgumentException("expected property name after '.'");
                    }
                    // (non-strict: a '.' followed by '[' is tolerated, "common from old providers")
                }
                case '[' -> {
                    Object element;
                    if (path.length() > 1 && path.charAt(1) == '"') {
                        StringBuilder key = new StringBuilder();
                        int i = 2;
                        while (true) {
                            if (i >= path.length()) {
                                throw new IllegalArgumentException("missing closing quote in property name");
                            } else if (path.charAt(i) == '"') {
                                i++;
                                break;
                            } else if (path.charAt(i) == '\\' && i + 1 < path.length() && path.charAt(i + 1) == '"') {
                                key.append('"');
                                i += 2;
                            } else {
                                key.append(path.charAt(i));
                                i++;
                            }
                        }
                        if (i >= path.length() || path.charAt(i) != ']') {
                            throw new IllegalArgumentException("missing closing bracket in property access");
                        }
                        element = key.toString();
                        path = path.substring(i);
                    } else {
                        int rbracket = path.indexOf(']');
                        if (rbracket == -1) {
                            throw new IllegalArgumentException("missing closing bracket in array index");
                        }
                        String segment = path.substring(1, rbracket);
                        if (segment.equals(WILDCARD)) {
                            element = WILDCARD;
                        } else {
                            element = parseInt(segment);
                        }
                        path = path.substring(rbracket);
                    }
                    elements.add(element);
                    path = path.substring(1);
                }
                default -> {
                    int i = 0;
                    while (i < path.length() && path.charAt(i) != '.' && path.charAt(i) != '[') {
                        i++;
                    }
                    elements.add(path.substring(0, i));
                    path = path.substring(i);
                }
            }
        }
        return elements;
    }

    /** Go's {@code strconv.ParseInt(segment, 10, 0)}: optional sign, decimal digits, 64-bit range. */
    private static Integer parseInt(String segment) {
        String digits = segment.startsWith("+") || segment.startsWith("-") ? segment.substring(1) : segment;
        if (digits.isEmpty() || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException(
                    "invalid array index: strconv.ParseInt: parsing \"" + segment + "\": invalid syntax");
        }
        try {
            return Math.toIntExact(Long.parseLong(segment));
        } catch (ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException(
                    "invalid array index: strconv.ParseInt: parsing \"" + segment + "\": value out of range");
        }
    }

    /**
     * {@code PropertyPath.Get} over {@link Props#fromStruct} values: empty when a component does not exist. A secret
     * or unknown value is opaque, as in the engine's display ({@code getProperty} in detailedDiff.go).
     */
    static Optional<Object> get(List<Object> path, Object value) {
        Object v = value;
        for (Object key : path) {
            if (v == Props.UNKNOWN || v instanceof Props.Secret) {
                return Optional.of(v);
            }
            if (v instanceof List<?> l) {
                if (!(key instanceof Integer i) || i < 0 || i >= l.size()) {
                    return Optional.empty();
                }
                v = l.get(i);
            } else if (v instanceof Map<?, ?> m) {
                if (!(key instanceof String k) || !m.containsKey(k)) {
                    return Optional.empty();
                }
                v = m.get(k);
            } else {
                return Optional.empty();
            }
        }
        return Optional.ofNullable(v);
    }
}
