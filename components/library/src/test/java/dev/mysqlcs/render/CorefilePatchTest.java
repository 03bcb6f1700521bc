package dev.mysqlcs.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mysqlcs.render.CoreDnsZones.ForwardZone;
import dev.mysqlcs.render.CorefilePatch.ServerBlock;
import dev.mysqlcs.testing.Upstream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CorefilePatchTest {

    static final String KUBEADM = "coredns/kubeadm-Corefile.rendered-cluster.local";
    static final String K3S = "coredns/k3s-Corefile";

    static final ForwardZone DR = new ForwardZone("mysql-dr.svc.cluster.local", List.of("134.185.86.75:30053"));
    static final ForwardZone DR2 =
            new ForwardZone("mysql-dr2.svc.cluster.local", List.of("10.2.0.11:30055", "10.2.0.12:30055"));

    static List<String> blockTexts(String corefile) {
        List<String> texts = new ArrayList<>();
        for (ServerBlock b : CorefilePatch.serverBlocks(corefile)) {
            texts.add(corefile.substring(b.start(), b.end()));
        }
        return texts;
    }

    static List<String> keys(String corefile) {
        List<String> keys = new ArrayList<>();
        CorefilePatch.serverBlocks(corefile).forEach(b -> keys.add(String.join(" ", b.keys())));
        return keys;
    }

    @Test
    void findsTheServerBlocksOfTheUpstreamCorefiles() {
        assertEquals(List.of(".:53"), keys(Upstream.read(KUBEADM)));
        assertEquals(List.of(".:53"), keys(Upstream.read(K3S)));
        String kubeadm = Upstream.read(KUBEADM);
        assertEquals(kubeadm.stripTrailing(), blockTexts(kubeadm).get(0));
    }

    @ParameterizedTest
    @ValueSource(strings = {KUBEADM, K3S})
    void keepsEveryOriginalStanzaAndAddsExactlyTheForwardZones(String file) {
        String original = Upstream.read(file);
        String patched = CorefilePatch.apply(original, List.of(DR, DR2));

        assertTrue(patched.startsWith(original.stripTrailing() + "\n\n"), "the original text comes first, unchanged");
        for (String stanza : blockTexts(original)) {
            assertTrue(patched.contains(stanza), "kept: " + stanza);
        }
        if (file.equals(K3S)) {
            assertTrue(patched.contains("\nimport /etc/coredns/custom/*.server\n"), "k3s's top-level import kept");
        }
        List<String> added = new ArrayList<>(blockTexts(patched));
        added.removeAll(blockTexts(original));
        assertEquals(
                List.of(
                        "mysql-dr.svc.cluster.local:53 {\n    errors\n    forward . 134.185.86.75:30053\n}",
                        "mysql-dr2.svc.cluster.local:53 {\n    errors\n    forward . 10.2.0.11:30055 10.2.0.12:30055\n}"),
                added);
        assertEquals(
                original.stripTrailing() + "\n\n"
                        + CorefilePatch.BEGIN_LINE + "\n"
                        + CoreDnsZones.serverBlock(DR) + CoreDnsZones.serverBlock(DR2)
                        + CorefilePatch.END + "\n",
                patched);
    }

    @ParameterizedTest
    @ValueSource(strings = {KUBEADM, K3S})
    void isIdempotent(String file) {
        String once = CorefilePatch.apply(Upstream.read(file), List.of(DR, DR2));
        assertEquals(once, CorefilePatch.apply(once, List.of(DR, DR2)));
        assertEquals(once, CorefilePatch.apply(CorefilePatch.apply(once, List.of(DR2)), List.of(DR, DR2)));
    }

    @Test
    void replacesTheManagedZonesWhenTheTopologyChangesAndRemovesThemWhenNoneRemain() {
        String original = Upstream.read(KUBEADM);
        String two = CorefilePatch.apply(original, List.of(DR, DR2));
        String one = CorefilePatch.apply(two, List.of(DR2));
        assertEquals(List.of(".:53", "mysql-dr2.svc.cluster.local:53"), keys(one));
        assertEquals(original, CorefilePatch.apply(one, List.of()), "back to kubeadm's own Corefile, byte for byte");
    }

    @Test
    void leavesACorefileAloneWhenThereIsNothingToDo() {
        String k3s = Upstream.read(K3S);
        assertSame(k3s, CorefilePatch.apply(k3s, List.of()));
    }

    @Test
    void replacesAZoneBlockWrittenByHandAsSeed001Does() {
        String handEdited = Upstream.read(KUBEADM) + "mysql-dr.svc.cluster.local:53 {\n    errors\n    cache 30\n"
                + "    forward . 134.185.86.75:30053\n}\n";
        String patched = CorefilePatch.apply(handEdited, List.of(DR));
        assertEquals(List.of(".:53", "mysql-dr.svc.cluster.local:53"), keys(patched));
        assertEquals(CorefilePatch.apply(Upstream.read(KUBEADM), List.of(DR)), patched);
    }

    @Test
    void recognisesTheSameZoneWrittenOtherwise() {
        String variants = Upstream.read(KUBEADM)
                + "dns://MYSQL-DR.svc.cluster.local.:53 {\n    forward . 1.2.3.4\n}\n"
                + "mysql-dr.svc.cluster.local:5353 {\n    forward . 1.2.3.4\n}\n"
                + "tls://mysql-dr.svc.cluster.local {\n    forward . 1.2.3.4\n}\n";
        String patched = CorefilePatch.apply(variants, List.of(DR));
        assertEquals(
                List.of(
                        ".:53",
                        "mysql-dr.svc.cluster.local:5353",
                        "tls://mysql-dr.svc.cluster.local",
                        "mysql-dr.svc.cluster.local:53"),
                keys(patched),
                "other ports and transports are other servers");
    }

    @Test
    void refusesABlockServingAManagedZoneTogetherWithOthers() {
        String mixed = Upstream.read(KUBEADM) + "mysql-dr.svc.cluster.local example.org {\n    forward . 1.2.3.4\n}\n";
        var e = assertThrows(
                CorefilePatch.UnpatchableCorefileException.class, () -> CorefilePatch.apply(mixed, List.of(DR)));
        assertEquals(
                "the Corefile's server block 'mysql-dr.svc.cluster.local example.org' serves "
                        + "mysql-dr.svc.cluster.local together with other zones; move [mysql-dr.svc.cluster.local] out of it "
                        + "by hand (this stack then manages [mysql-dr.svc.cluster.local] in its own block)",
                e.getMessage());
    }

    @Test
    void bracesInCommentsAndQuotesDoNotCount() {
        String tricky = "# a comment with { braces\n.:53 {\n    errors # }\n    template IN A x {\n"
                + "        answer \"{{ .Name }} 60 IN A 1.2.3.4 }\"\n    }\n}\n";
        assertEquals(List.of(".:53"), keys(tricky));
        String patched = CorefilePatch.apply(tricky, List.of(DR));
        assertTrue(patched.startsWith(tricky));
        assertEquals(List.of(".:53", "mysql-dr.svc.cluster.local:53"), keys(patched));
    }

    @Test
    void reportsCorefilesItCannotReadSafely() {
        assertEquals(
                "the Corefile has an unclosed '{' (block '.:53')",
                assertThrows(
                                CorefilePatch.UnpatchableCorefileException.class,
                                () -> CorefilePatch.apply(".:53 {\n    errors\n", List.of(DR)))
                        .getMessage());
        assertEquals(
                "the Corefile has an unmatched '}' at offset 0",
                assertThrows(
                                CorefilePatch.UnpatchableCorefileException.class,
                                () -> CorefilePatch.apply("}\n", List.of(DR)))
                        .getMessage());
        assertEquals(
                "the Corefile has '" + CorefilePatch.BEGIN + "' without '" + CorefilePatch.END
                        + "'; restore or remove the region by hand in kube-system/coredns",
                assertThrows(
                                CorefilePatch.UnpatchableCorefileException.class,
                                () -> CorefilePatch.apply(".:53 {\n}\n" + CorefilePatch.BEGIN_LINE + "\n", List.of(DR)))
                        .getMessage());
    }
}
