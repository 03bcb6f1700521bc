package dev.mysqlcs.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Pulumi's wire values: secrets stay wrapped both ways, unknowns are recognised, references become names. */
class PropsTest {

    private static Value str(String s) {
        return Value.newBuilder().setStringValue(s).build();
    }

    @Test
    void secretsRoundTripWrapped() {
        Map<String, Object> in = Map.of("pw", new Props.Secret("x"), "n", 3.0, "l", List.of("a", true));
        Struct s = Props.toStruct(in);
        Struct pw = s.getFieldsOrThrow("pw").getStructValue();
        assertEquals(Props.SECRET_SIG, pw.getFieldsOrThrow(Props.SIG_KEY).getStringValue());
        assertEquals(in, Props.fromStruct(s));
        assertEquals("[secret]", new Props.Secret("x").toString());
    }

    @Test
    void unknownsAreRecognisedAnywhere() {
        Struct s = Struct.newBuilder()
                .putFields("a", str(Props.UNKNOWN_VALUE))
                .putFields(
                        "b",
                        Value.newBuilder()
                                .setStructValue(Struct.newBuilder()
                                        .putFields(Props.SIG_KEY, str(Props.SECRET_SIG))
                                        .putFields("value", str(Props.UNKNOWN_VALUE)))
                                .build())
                .build();
        Map<String, Object> m = Props.fromStruct(s);
        assertEquals(Props.UNKNOWN, m.get("a"));
        assertEquals(Props.UNKNOWN, m.get("b"), "an unknown secret is unknown");
        assertTrue(Props.containsUnknown(Map.of("x", List.of(1.0, Props.UNKNOWN))));
        assertFalse(Props.containsUnknown(Map.of("x", List.of(1.0))));
    }

    @Test
    void outputValuesAndResourceReferencesAreUnwrapped() {
        Struct output = Struct.newBuilder()
                .putFields(Props.SIG_KEY, str(Props.OUTPUT_SIG))
                .putFields("value", str("v"))
                .putFields("secret", Value.newBuilder().setBoolValue(true).build())
                .build();
        Struct ref = Struct.newBuilder()
                .putFields(Props.SIG_KEY, str(Props.RESOURCE_REF_SIG))
                .putFields("urn", str("urn:pulumi:s::p::t::n"))
                .putFields("id", str("the-id"))
                .build();
        Map<String, Object> m = Props.fromStruct(Struct.newBuilder()
                .putFields("o", Value.newBuilder().setStructValue(output).build())
                .putFields("r", Value.newBuilder().setStructValue(ref).build())
                .build());
        assertEquals(new Props.Secret("v"), m.get("o"));
        assertEquals("the-id", m.get("r"));
    }

    @Test
    void comparesValuesAcrossNumberTypesAndSecrets() {
        assertTrue(Props.sameValue(3.0, 3));
        assertTrue(Props.sameValue(new Props.Secret("a"), "a"));
        assertTrue(Props.sameValue(Map.of("k", List.of(1.0)), Map.of("k", List.of(1))));
        assertFalse(Props.sameValue(Map.of("k", 1.0), Map.of("k", 2.0)));
    }
}
