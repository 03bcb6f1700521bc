package dev.mysqlcs.crd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WireValuesTest {

    @Test
    void longThatFitsAnIntBecomesAnInteger() {
        assertEquals(100, WireValues.normalize(100L));
        assertEquals(Integer.MAX_VALUE, WireValues.normalize((long) Integer.MAX_VALUE));
        assertEquals(Integer.MIN_VALUE, WireValues.normalize((long) Integer.MIN_VALUE));
    }

    @Test
    void largestBaseServerIdIsCarriedExactlyAsADouble() {
        Object v = WireValues.normalize(4_294_967_195L);
        assertEquals(4_294_967_195.0, v);
        assertEquals(4_294_967_195L, ((Double) v).longValue());
        assertEquals(2_147_483_648.0, WireValues.normalize(2_147_483_648L));
    }

    @Test
    void integersBeyondTwoToThe53AreRefusedRatherThanRounded() {
        assertThrows(IllegalArgumentException.class, () -> WireValues.normalize(9_007_199_254_740_993L));
        assertThrows(IllegalArgumentException.class, () -> WireValues.normalize(BigInteger.TEN.pow(20)));
    }

    @Test
    void nestedMapsAndListsAreNormalizedThrough() {
        Map<String, Object> in = Map.of("spec", Map.of("ids", List.of(1L, 5_000_000_000L), "ok", true, "s", "x"));
        assertEquals(
                Map.of("spec", Map.of("ids", List.of(1, 5.0E9), "ok", true, "s", "x")), WireValues.normalizeMap(in));
    }

    @Test
    void unsupportedTypesAndNonStringKeysAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> WireValues.normalize(new Object()));
        assertThrows(IllegalArgumentException.class, () -> WireValues.normalize(Map.of(1, "x")));
    }
}
