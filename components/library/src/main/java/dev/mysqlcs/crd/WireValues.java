package dev.mysqlcs.crd;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plain values in the shapes the Pulumi Java serializer accepts inside a map input (String, Boolean, Integer, Double,
 * Map, List): a {@code long} such as a baseServerId up to 4294967195 becomes an Integer when it fits and a Double
 * otherwise, which the engine carries exactly up to 2^53.
 */
public final class WireValues {

    /** A double holds every integer of up to 53 significant bits exactly. */
    private static final int EXACT_BITS = 53;

    private WireValues() {}

    public static Map<String, Object> normalizeMap(Map<String, Object> in) {
        if (in == null) {
            return null;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        in.forEach((k, v) -> out.put(k, normalize(v)));
        return out;
    }

    public static Object normalize(Object v) {
        if (v == null || v instanceof String || v instanceof Boolean || v instanceof Integer || v instanceof Double) {
            return v;
        }
        if (v instanceof Long || v instanceof Short || v instanceof Byte || v instanceof BigInteger) {
            BigInteger big = v instanceof BigInteger b ? b : BigInteger.valueOf(((Number) v).longValue());
            if (big.bitLength() < 32) {
                return big.intValue();
            }
            if (big.abs().bitLength() > EXACT_BITS) {
                throw new IllegalArgumentException("integer " + big + " cannot be carried exactly (beyond 2^53)");
            }
            return big.doubleValue();
        }
        if (v instanceof Float f) {
            return f.doubleValue();
        }
        if (v instanceof BigDecimal d) {
            return d.doubleValue();
        }
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, x) -> {
                if (!(k instanceof String s)) {
                    throw new IllegalArgumentException("map key " + k + " is not a string");
                }
                out.put(s, normalize(x));
            });
            return out;
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            l.forEach(x -> out.add(normalize(x)));
            return out;
        }
        throw new IllegalArgumentException(
                "unsupported value of type " + v.getClass().getName() + " in a custom resource");
    }
}
