package dev.mysqlcs.provider;

import com.google.protobuf.ListValue;
import com.google.protobuf.NullValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Pulumi's wire form of property values (a protobuf Struct with signature-keyed special objects) to plain Java and
 * back: {@code null}, Boolean, Double, String, List, Map, plus {@link Secret} and {@link #UNKNOWN}. Secrets stay
 * wrapped end to end so a secret input can only leave as a secret output.
 */
public final class Props {

    /** Pulumi's wire-format markers (sdk/go/common/resource/sig). */
    static final String SIG_KEY = "4dabf18193072939515e22adb298388d";

    static final String SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
    static final String RESOURCE_REF_SIG = "5cf8f73096256a8f31e491e813e4eb8e";
    static final String OUTPUT_SIG = "d0e6a833031e9bbcd3f4e8bde6ca49a4";
    /** The value the engine sends for properties not known during preview. */
    public static final String UNKNOWN_VALUE = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

    /** A value not known yet (preview: it depends on another resource's output). */
    public static final Object UNKNOWN = new Object() {
        @Override
        public String toString() {
            return "<unknown>";
        }
    };

    /** A secret value; {@link #toString()} never shows it. */
    public record Secret(Object value) {
        @Override
        public String toString() {
            return "[secret]";
        }
    }

    private Props() {}

    public static Map<String, Object> fromStruct(Struct s) {
        Map<String, Object> out = new LinkedHashMap<>();
        s.getFieldsMap().forEach((k, v) -> out.put(k, fromValue(v)));
        return out;
    }

    public static Object fromValue(Value v) {
        switch (v.getKindCase()) {
            case NULL_VALUE:
            case KIND_NOT_SET:
                return null;
            case BOOL_VALUE:
                return v.getBoolValue();
            case NUMBER_VALUE:
                return v.getNumberValue();
            case STRING_VALUE:
                return UNKNOWN_VALUE.equals(v.getStringValue()) ? UNKNOWN : v.getStringValue();
            case LIST_VALUE: {
                List<Object> l = new ArrayList<>();
                v.getListValue().getValuesList().forEach(x -> l.add(fromValue(x)));
                return l;
            }
            case STRUCT_VALUE:
                return special(v.getStructValue());
            default:
                throw new IllegalArgumentException("unexpected property kind " + v.getKindCase());
        }
    }

    private static Object special(Struct s) {
        Map<String, Value> f = s.getFieldsMap();
        Value sig = f.get(SIG_KEY);
        if (sig == null) {
            return fromStruct(s);
        }
        String kind = sig.getStringValue();
        if (SECRET_SIG.equals(kind)) {
            Object inner = f.containsKey("value") ? fromValue(f.get("value")) : null;
            return inner == UNKNOWN ? UNKNOWN : new Secret(inner);
        }
        if (OUTPUT_SIG.equals(kind)) {
            if (!f.containsKey("value")) {
                return UNKNOWN;
            }
            Object inner = fromValue(f.get("value"));
            boolean secret = f.containsKey("secret") && f.get("secret").getBoolValue();
            return secret && inner != UNKNOWN ? new Secret(inner) : inner;
        }
        if (RESOURCE_REF_SIG.equals(kind)) {
            // Only names are passed between resources here; a reference stands for its id (or URN).
            if (f.containsKey("id") && !f.get("id").getStringValue().isEmpty()) {
                return fromValue(f.get("id"));
            }
            return f.containsKey("urn") ? f.get("urn").getStringValue() : null;
        }
        Map<String, Object> other = fromStruct(s);
        other.remove(SIG_KEY);
        return other;
    }

    public static Struct toStruct(Map<String, ?> m) {
        Struct.Builder b = Struct.newBuilder();
        m.forEach((k, v) -> b.putFields(k, toValue(v)));
        return b.build();
    }

    public static Value toValue(Object o) {
        if (o == null) {
            return Value.newBuilder().setNullValue(NullValue.NULL_VALUE).build();
        }
        if (o == UNKNOWN) {
            return Value.newBuilder().setStringValue(UNKNOWN_VALUE).build();
        }
        if (o instanceof Secret s) {
            return Value.newBuilder()
                    .setStructValue(Struct.newBuilder()
                            .putFields(
                                    SIG_KEY,
                                    Value.newBuilder()
                                            .setStringValue(SECRET_SIG)
                                            .build())
                            .putFields("value", toValue(s.value())))
                    .build();
        }
        if (o instanceof Boolean b) {
            return Value.newBuilder().setBoolValue(b).build();
        }
        if (o instanceof Number n) {
            return Value.newBuilder().setNumberValue(n.doubleValue()).build();
        }
        if (o instanceof String s) {
            return Value.newBuilder().setStringValue(s).build();
        }
        if (o instanceof Map<?, ?> m) {
            Struct.Builder b = Struct.newBuilder();
            m.forEach((k, v) -> b.putFields(String.valueOf(k), toValue(v)));
            return Value.newBuilder().setStructValue(b).build();
        }
        if (o instanceof List<?> l) {
            ListValue.Builder b = ListValue.newBuilder();
            l.forEach(x -> b.addValues(toValue(x)));
            return Value.newBuilder().setListValue(b).build();
        }
        throw new IllegalArgumentException("cannot send a " + o.getClass().getSimpleName() + " as a property");
    }

    /** Is the value, or anything inside it, unknown? */
    public static boolean containsUnknown(Object o) {
        if (o == UNKNOWN) {
            return true;
        }
        if (o instanceof Secret s) {
            return containsUnknown(s.value());
        }
        if (o instanceof Map<?, ?> m) {
            return m.values().stream().anyMatch(Props::containsUnknown);
        }
        if (o instanceof List<?> l) {
            return l.stream().anyMatch(Props::containsUnknown);
        }
        return false;
    }

    /** The value without its secret wrapper(s), for comparisons and parsing. */
    public static Object reveal(Object o) {
        if (o instanceof Secret s) {
            return reveal(s.value());
        }
        if (o instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put(String.valueOf(k), reveal(v)));
            return out;
        }
        if (o instanceof List<?> l) {
            return l.stream().map(Props::reveal).toList();
        }
        return o;
    }

    /** Equal once secrets are unwrapped; numbers compare by value. */
    public static boolean sameValue(Object a, Object b) {
        Object x = reveal(a);
        Object y = reveal(b);
        if (x instanceof Number n && y instanceof Number m) {
            return n.doubleValue() == m.doubleValue();
        }
        if (x instanceof Map<?, ?> mx && y instanceof Map<?, ?> my) {
            if (!mx.keySet().equals(my.keySet())) {
                return false;
            }
            return mx.keySet().stream().allMatch(k -> sameValue(mx.get(k), my.get(k)));
        }
        if (x instanceof List<?> lx && y instanceof List<?> ly) {
            if (lx.size() != ly.size()) {
                return false;
            }
            for (int i = 0; i < lx.size(); i++) {
                if (!sameValue(lx.get(i), ly.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return Objects.equals(x, y);
    }
}
