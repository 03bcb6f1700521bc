package dev.mysqlcs.stack.offline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The stack file as the Pulumi CLI (go-yaml v3) reads it. */
class StackFileTest {

    private static StackFile read(String yaml) throws StackFile.Unreadable {
        return StackFile.fromDocument(StackFile.parse(yaml, "f"), "mysqlcs", "f");
    }

    @Test
    void yamlOneOneBooleansStayStrings() throws Exception {
        StackFile f = read("config:\n  mysqlcs:a: yes\n  mysqlcs:b: on\n  mysqlcs:c: true\n  mysqlcs:d: {x: no}\n");
        assertEquals("yes", f.config().get("mysqlcs:a"));
        assertEquals("on", f.config().get("mysqlcs:b"));
        assertEquals("true", f.config().get("mysqlcs:c"));
        assertEquals("{\"x\":\"no\"}", f.config().get("mysqlcs:d"));
    }

    @Test
    void nullIsStoredAsTheEngineStoresIt() throws Exception {
        StackFile f = read("config:\n  mysqlcs:a:\n  mysqlcs:b: [~]\n");
        assertEquals("null", f.config().get("mysqlcs:a"));
        assertEquals("[null]", f.config().get("mysqlcs:b"));
    }

    @Test
    void aUtf8ByteOrderMarkIsDropped() throws Exception {
        byte[] bytes = ("\uFEFFconfig:\n  deploy: [prod]\n").getBytes(StandardCharsets.UTF_8);
        Object doc = StackFile.parse(StackFile.decode(bytes, "f"), "f");
        assertEquals(Map.of("config", Map.of("deploy", List.of("prod"))), doc);
    }

    @Test
    void secureValuesAnywhereMarkTheKeySecret() throws Exception {
        StackFile f = read("config:\n  mysqlcs:rootPassword: {secure: v1:x}\n  mysqlcs:o: {a: [{secure: v1:y}]}\n");
        assertEquals(java.util.Set.of("mysqlcs:rootPassword", "mysqlcs:o"), f.secretKeys());
        assertEquals(StackFile.SECRET_PLACEHOLDER, f.config().get("mysqlcs:rootPassword"));
        assertTrue(f.config().get("mysqlcs:o").contains(StackFile.SECRET_PLACEHOLDER));
    }

    @Test
    void aFewAliasesAreFine() throws Exception {
        StackFile f = read("config:\n  mysqlcs:cilium: &c {hubbleTls: false}\n  mysqlcs:x: *c\n");
        assertEquals(f.config().get("mysqlcs:cilium"), f.config().get("mysqlcs:x"));
    }

    @Test
    void longValuesInFileErrorsAreCut() {
        StackFile.Unreadable e = assertThrows(
                StackFile.Unreadable.class,
                () -> read("config:\n  " + "k".repeat(500) + ": 1\n  " + "k".repeat(500) + ": 2\n"));
        assertTrue(e.getMessage().length() < 300, e.getMessage());
        assertTrue(e.getMessage().contains("…"), e.getMessage());
    }
}
