package dev.mysqlcs.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mysqlcs.model.CiliumSettings;
import dev.mysqlcs.pki.MeshCa;
import dev.mysqlcs.testing.ConfigFixtures;
import dev.mysqlcs.testing.MeshFixtures;
import java.io.StringWriter;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;

class MeshConfigParserTest {

    static final String TWO = ConfigFixtures.shipped("Pulumi.prod.yaml");
    static final String GEN = "generate a CA with: java -jar src/target/mysqlcs-stack.jar mesh-ca, then: ";
    static final String CERT_MISSING = "is required when the mesh spans several Kubernetes clusters (the PEM "
            + "certificate of the CA every cluster of the mesh shares); " + GEN
            + "pulumi config set mysqlcs:meshCaCert < ca.crt";
    static final String KEY_MISSING = "is required when the mesh spans several Kubernetes clusters (the PEM private "
            + "key of that CA, as a secret); " + GEN + "pulumi config set --secret mysqlcs:meshCaKey < ca.key";

    /** An error words the remedy as what is allowed; the offline warning keeps the imperative. */
    static String asError(String missing) {
        return missing.replace("; generate a CA with: ", "; allowed: a CA generated with: ");
    }

    static TopologyParser.Result parse(ConfigSource source, boolean offline) {
        return TopologyParser.parse(source, offline);
    }

    static List<String> caErrors(TopologyParser.Result r) {
        return r.errors().stream()
                .filter(e -> e.key().startsWith("mysqlcs:meshCa"))
                .map(ConfigError::render)
                .toList();
    }

    @Test
    void ciliumDefaultsWhenTheKeyIsAbsent() {
        String yaml = TWO.replaceAll("(?m)^  mysqlcs:cilium:.*\\n", "");
        CiliumSettings c = ConfigFixtures.topology(yaml).mesh().cilium();
        assertEquals(new CiliumSettings("1.19.6", "https://helm.cilium.io", true, List.of("coredns")), c);
    }

    @Test
    void theShippedStacksTurnHubbleTlsOffAsSeed001Does() {
        assertFalse(ConfigFixtures.prod().mesh().cilium().hubbleTls());
        assertFalse(ConfigFixtures.dr().mesh().cilium().hubbleTls());
    }

    @Test
    void readsEveryCiliumSetting() {
        String yaml = TWO.replaceAll(
                "(?m)^  mysqlcs:cilium:.*$",
                "  mysqlcs:cilium: {chartVersion: 1.20.0, "
                        + "chartRepo: \"https://mirror.example.com/cilium\", hubbleTls: true, "
                        + "restartDeployments: [coredns, kube-dns-autoscaler]}");
        assertEquals(
                new CiliumSettings(
                        "1.20.0", "https://mirror.example.com/cilium", true, List.of("coredns", "kube-dns-autoscaler")),
                ConfigFixtures.topology(yaml).mesh().cilium());
    }

    @Test
    void anEmptyRestartListRestartsNothing() {
        String yaml = TWO.replaceAll("(?m)^  mysqlcs:cilium:.*$", "  mysqlcs:cilium: {restartDeployments: []}");
        assertEquals(List.of(), ConfigFixtures.topology(yaml).mesh().cilium().restartDeployments());
    }

    @Test
    void reportsUnknownAndMistypedCiliumSettings() {
        String yaml = TWO.replaceAll(
                "(?m)^  mysqlcs:cilium:.*$",
                "  mysqlcs:cilium: {chart: cilium, hubbleTls: yes-please, " + "restartDeployments: coredns}");
        assertEquals(
                List.of(
                        "config error: mysqlcs:cilium.hubbleTls: expected true or false, got 'yes-please'; allowed: true or false",
                        "config error: mysqlcs:cilium.restartDeployments: expected a list, got 'coredns'; allowed: a list",
                        "config error: mysqlcs:cilium.chart: unknown setting; allowed: chartRepo, chartVersion, "
                                + "hubbleTls, restartDeployments"),
                parse(ConfigFixtures.source(yaml), true).errors().stream()
                        .map(ConfigError::render)
                        .toList());
        String scalar = TWO.replaceAll("(?m)^  mysqlcs:cilium:.*$", "  mysqlcs:cilium: 1.19.6");
        assertEquals(
                List.of("config error: mysqlcs:cilium: expected an object, got '1.19.6'; allowed: a mapping "
                        + "with chartVersion, chartRepo, hubbleTls, restartDeployments"),
                parse(ConfigFixtures.source(scalar), true).errors().stream()
                        .map(ConfigError::render)
                        .toList());
    }

    @Test
    void aMissingCaIsAWarningInTheOfflinePlan() {
        TopologyParser.Result r = parse(ConfigFixtures.source(TWO), true);
        assertEquals(List.of(), caErrors(r));
        assertTrue(
                r.warnings().contains("mysqlcs:meshCaCert: " + CERT_MISSING),
                r.warnings().toString());
        assertTrue(
                r.warnings().contains("mysqlcs:meshCaKey: " + KEY_MISSING),
                r.warnings().toString());
        assertFalse(r.topology().orElseThrow().mesh().caConfigured());
    }

    @Test
    void aMissingCaIsAnErrorOtherwise() {
        assertEquals(
                List.of(
                        "config error: mysqlcs:meshCaCert: " + asError(CERT_MISSING),
                        "config error: mysqlcs:meshCaKey: " + asError(KEY_MISSING)),
                caErrors(parse(ConfigFixtures.source(TWO), false)));
    }

    @Test
    void aSingleClusterTopologyNeedsNoCa() {
        String single = ConfigFixtures.shipped("src/examples/Pulumi.single-cluster-enterprise.yaml");
        TopologyParser.Result r = parse(ConfigFixtures.source(single), false);
        assertEquals(List.of(), caErrors(r));
        assertTrue(r.warnings().stream().noneMatch(w -> w.startsWith("mysqlcs:meshCa")));
    }

    @Test
    void aValidCaIsAccepted() {
        TopologyParser.Result r = parse(MeshFixtures.withCa(TWO), false);
        assertEquals(List.of(), caErrors(r));
        assertTrue(r.topology().orElseThrow().mesh().caConfigured());
    }

    @Test
    void encryptedValuesCountAsPresentInTheOfflinePlan() {
        String yaml = TWO.replace(
                "config:\n",
                "config:\n  mysqlcs:meshCaCert: {secure: AAAA}\n" + "  mysqlcs:meshCaKey: {secure: BBBB}\n");
        TopologyParser.Result r = parse(ConfigFixtures.source(yaml), true);
        assertEquals(List.of(), caErrors(r));
        assertTrue(r.topology().orElseThrow().mesh().caConfigured());
    }

    @Test
    void theKeyMustBeASecretEvenWhereNoMeshUsesIt() {
        String msg =
                "config error: mysqlcs:meshCaKey: must be a secret; allowed: a secret, set with: pulumi config set --secret "
                        + "mysqlcs:meshCaKey < ca.key";
        var both = MeshFixtures.source(
                TWO,
                Map.of(
                        "meshCaCert",
                        MeshFixtures.ca().certificatePem(),
                        "meshCaKey",
                        MeshFixtures.ca().privateKeyPem()),
                Map.of());
        assertEquals(List.of(msg), caErrors(parse(both, true)));
        String single = ConfigFixtures.shipped("src/examples/Pulumi.single-cluster-enterprise.yaml");
        var plainKey = MeshFixtures.source(single, Map.of("meshCaKey", "anything"), Map.of());
        assertEquals(List.of(msg), caErrors(parse(plainKey, true)));
    }

    @Test
    void rejectsACertificateThatIsNotACa() throws Exception {
        assertEquals(
                List.of("config error: mysqlcs:meshCaCert: is not a CA certificate (basicConstraints CA:true is "
                        + "missing); allowed: a CA certificate such as the one java -jar src/target/mysqlcs-stack.jar "
                        + "mesh-ca writes"),
                caErrors(parse(withCert(certificate(false, true)), true)));
        assertEquals(
                List.of("config error: mysqlcs:meshCaCert: cannot sign certificates (keyUsage keyCertSign is "
                        + "missing); allowed: a CA certificate with keyUsage keyCertSign"),
                caErrors(parse(withCert(certificate(true, false)), true)));
        assertEquals(
                List.of("config error: mysqlcs:meshCaCert: is not a PEM certificate (-----BEGIN "
                        + "CERTIFICATE-----)"),
                caErrors(parse(withCert(MeshFixtures.ca().privateKeyPem()), true)));
    }

    @Test
    void rejectsACaOutsideItsValidityAndWarnsBeforeItEnds() throws Exception {
        Instant now = Instant.now();
        MeshCa.Generated expired = MeshCa.selfSign(
                MeshFixtures.keyPair(), "old", Duration.ofDays(1), now.minus(Duration.ofDays(3)), new SecureRandom());
        String notAfter = MeshCa.parseCertificate(expired.certificatePem())
                .getNotAfter()
                .toInstant()
                .toString();
        assertEquals(
                List.of("config error: mysqlcs:meshCaCert: expired on " + notAfter + "; allowed: a CA valid "
                        + "now (rotate the mesh CA)"),
                caErrors(parse(withCa(expired), false)));

        MeshCa.Generated future = MeshCa.selfSign(
                MeshFixtures.keyPair(),
                "future",
                Duration.ofDays(30),
                now.plus(Duration.ofDays(2)),
                new SecureRandom());
        String notBefore = MeshCa.parseCertificate(future.certificatePem())
                .getNotBefore()
                .toInstant()
                .toString();
        assertEquals(
                List.of("config error: mysqlcs:meshCaCert: is not valid before " + notBefore
                        + "; allowed: a CA valid now"),
                caErrors(parse(withCa(future), false)));

        MeshCa.Generated ending = MeshCa.selfSign(
                MeshFixtures.keyPair(), "ending", Duration.ofDays(10).plusHours(1), now, new SecureRandom());
        TopologyParser.Result r = parse(withCa(ending), false);
        assertEquals(List.of(), caErrors(r));
        String end = MeshCa.parseCertificate(ending.certificatePem())
                .getNotAfter()
                .toInstant()
                .toString();
        assertTrue(
                r.warnings()
                        .contains("mysqlcs:meshCaCert: expires on " + end
                                + " (in 10 days); rotate the mesh CA before then"),
                r.warnings().toString());
    }

    @Test
    void rejectsAKeyThatIsNotTheCertificatesWithoutQuotingIt() {
        MeshCa.Generated other = MeshCa.generate("other");
        var mismatched = MeshFixtures.source(
                TWO,
                Map.of("meshCaCert", MeshFixtures.ca().certificatePem()),
                Map.of("meshCaKey", other.privateKeyPem()));
        assertEquals(
                List.of("config error: mysqlcs:meshCaKey: does not belong to mysqlcs:meshCaCert (the public keys "
                        + "differ); allowed: the private key of that certificate"),
                caErrors(parse(mismatched, false)));
        var garbage = MeshFixtures.source(
                TWO,
                Map.of("meshCaCert", MeshFixtures.ca().certificatePem()),
                Map.of("meshCaKey", "hunter2-not-a-key"));
        List<String> errors = caErrors(parse(garbage, false));
        assertEquals(List.of("config error: mysqlcs:meshCaKey: is not PEM text; allowed: a PEM private key"), errors);
        assertFalse(errors.get(0).contains("hunter2"));
    }

    /** The certificate plain and readable; the key an encrypted value the offline plan cannot read. */
    private static ConfigSource withCert(String pem) {
        return MeshFixtures.source(TWO, Map.of("meshCaCert", pem), Map.of("meshCaKey", "{secure}"));
    }

    private static ConfigSource withCa(MeshCa.Generated ca) {
        return MeshFixtures.source(
                TWO, Map.of("meshCaCert", ca.certificatePem()), Map.of("meshCaKey", ca.privateKeyPem()));
    }

    /** A self-signed certificate with or without CA:true and keyCertSign. */
    private static String certificate(boolean ca, boolean keyCertSign) throws Exception {
        KeyPair pair = MeshFixtures.keyPair();
        X500Name name = new X500Name("CN=not-a-mesh-ca");
        Instant now = Instant.now();
        var b = new JcaX509v3CertificateBuilder(
                name,
                BigInteger.TEN,
                Date.from(now.minusSeconds(60)),
                Date.from(now.plus(Duration.ofDays(100))),
                name,
                pair.getPublic());
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
        b.addExtension(
                Extension.keyUsage,
                true,
                new KeyUsage(
                        keyCertSign ? KeyUsage.keyCertSign | KeyUsage.digitalSignature : KeyUsage.digitalSignature));
        var cert = new JcaX509CertificateConverter()
                .getCertificate(b.build(new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate())));
        StringWriter out = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(out)) {
            w.writeObject(cert);
        }
        return out.toString();
    }
}
