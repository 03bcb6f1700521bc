package dev.mysqlcs.stack.offline;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import java.util.Map;
import java.util.TreeMap;

/**
 * Converts the wire form of registered inputs (a protobuf Struct with Pulumi's special signatures) into JSON, so
 * that secrets can never leak into a plan: a secret becomes {@code "[secret]"}, an unknown preview value
 * {@code "[unknown]"}, a resource reference its URN.
 */
public final class StructJson {

    public static final String SECRET = "[secret]";
    public static final String UNKNOWN = "[unknown]";

    /** Pulumi's wire-format markers (sdk/go/common/resource/sig). */
    static final String SIG_KEY = "4dabf18193072939515e22adb298388d";

    static final String SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
    static final String RESOURCE_REF_SIG = "5cf8f73096256a8f31e491e813e4eb8e";
    static final String OUTPUT_SIG = "d0e6a833031e9bbcd3f4e8bde6ca49a4";
    static final String ASSET_SIG = "c44067f5952c0a294b673a41bacd8c17";
    static final String ARCHIVE_SIG = "0def7320c3a5731c473e5ecbe6d01bc7";
    static final String UNKNOWN_VALUE = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

    private StructJson() {}

    public static JsonObject toJson(Struct struct) {
        JsonObject out = new JsonObject();
        // Sorted keys: the plan must be byte-stable between runs so it can be diffed in pull requests.
        new TreeMap<>(struct.getFieldsMap()).forEach((k, v) -> out.add(k, toJson(v)));
        return out;
    }

    static JsonElement toJson(Value v) {
        switch (v.getKindCase()) {
            case NULL_VALUE:
            case KIND_NOT_SET:
                return JsonNull.INSTANCE;
            case BOOL_VALUE:
                return new JsonPrimitive(v.getBoolValue());
            case NUMBER_VALUE: {
                double d = v.getNumberValue();
                if (d == Math.rint(d) && Math.abs(d) < 9.007199254740992E15) {
                    return new JsonPrimitive((long) d);
                }
                return new JsonPrimitive(d);
            }
            case STRING_VALUE:
                return new JsonPrimitive(UNKNOWN_VALUE.equals(v.getStringValue()) ? UNKNOWN : v.getStringValue());
            case LIST_VALUE: {
                JsonArray a = new JsonArray();
                v.getListValue().getValuesList().forEach(x -> a.add(toJson(x)));
                return a;
            }
            case STRUCT_VALUE:
                return special(v.getStructValue());
            default:
                throw new IllegalStateException("unexpected value kind " + v.getKindCase());
        }
    }

    private static JsonElement special(Struct s) {
        Map<String, Value> f = s.getFieldsMap();
        Value sig = f.get(SIG_KEY);
        if (sig == null) {
            return toJson(s);
        }
        String kind = sig.getStringValue();
        if (SECRET_SIG.equals(kind)) {
            return new JsonPrimitive(SECRET);
        }
        if (RESOURCE_REF_SIG.equals(kind)) {
            return new JsonPrimitive(f.containsKey("urn") ? f.get("urn").getStringValue() : "");
        }
        if (OUTPUT_SIG.equals(kind)) {
            if (f.containsKey("secret") && f.get("secret").getBoolValue()) {
                return new JsonPrimitive(SECRET);
            }
            return f.containsKey("value") ? toJson(f.get("value")) : new JsonPrimitive(UNKNOWN);
        }
        if (ASSET_SIG.equals(kind) || ARCHIVE_SIG.equals(kind)) {
            JsonObject o = new JsonObject();
            new TreeMap<>(f).forEach((k, x) -> {
                if (!SIG_KEY.equals(k)) {
                    o.add(k, toJson(x));
                }
            });
            return o;
        }
        return toJson(s);
    }
}
