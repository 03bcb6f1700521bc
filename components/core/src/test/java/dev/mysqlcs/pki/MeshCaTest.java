package dev.mysqlcs.pki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mysqlcs.testing.MeshFixtures;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcePEMEncryptorBuilder;
import org.junit.jupiter.api.Test;

class MeshCaTest {

    @Test
    void generatesASelfSignedX509CaThatMaySignCertificates() throws Exception {
        MeshCa.Generated ca = MeshFixtures.ca();
        X509Certificate cert = MeshCa.parseCertificate(ca.certificatePem());
        assertEquals(3, cert.getVersion());
        assertEquals(cert.getSubjectX500Principal(), cert.getIssuerX500Principal());
        cert.verify(cert.getPublicKey());
        assertTrue(cert.getBasicConstraints() >= 0, "basicConstraints CA:true");
        assertTrue(cert.getCriticalExtensionOIDs().contains(Extension.basicConstraints.getId()));
        assertTrue(cert.getKeyUsage()[5], "keyUsage keyCertSign");
        assertTrue(cert.getKeyUsage()[6], "keyUsage cRLSign");
        assertTrue(MeshCa.isCa(cert));
        assertTrue(MeshCa.hasKeyCertSign(cert));
        assertEquals("RSA", cert.getPublicKey().getAlgorithm());
        assertTrue(cert.getSerialNumber().signum() > 0);
        X509CertificateHolder holder = new X509CertificateHolder(cert.getEncoded());
        assertTrue(
                holder.getSubject().toString().contains("CN=mysqlcs test mesh CA"),
                holder.getSubject().toString());
    }

    @Test
    void validityStartsJustBeforeNowAndLastsTheRequestedDuration() throws Exception {
        Instant now = Instant.parse("2026-11-21T00:00:00Z");
        MeshCa.Generated ca = MeshCa.generate("x", Duration.ofDays(10), now, new SecureRandom());
        X509Certificate cert = MeshCa.parseCertificate(ca.certificatePem());
        assertEquals(now.minus(Duration.ofMinutes(5)), cert.getNotBefore().toInstant());
        assertEquals(now.plus(Duration.ofDays(10)), cert.getNotAfter().toInstant());
    }

    @Test
    void pemRoundTripsAndTheKeyIsPkcs1RsaMatchingTheCertificate() throws Exception {
        MeshCa.Generated ca = MeshFixtures.ca();
        assertTrue(ca.certificatePem().startsWith("-----BEGIN CERTIFICATE-----\n"));
        assertTrue(
                ca.privateKeyPem().startsWith("-----BEGIN RSA PRIVATE KEY-----\n"),
                "PKCS#1, the form every sprig buildCustomCert parses");
        X509Certificate cert = MeshCa.parseCertificate(ca.certificatePem());
        PrivateKey key = MeshCa.parsePrivateKey(ca.privateKeyPem());
        assertEquals(ca.certificatePem(), MeshCa.pem(cert));
        assertEquals(ca.privateKeyPem(), MeshCa.pem(key));
        assertTrue(MeshCa.keyMatches(cert, key));
    }

    @Test
    void everyGenerationIsANewCaWhoseKeyFitsOnlyItsOwnCertificate() throws Exception {
        MeshCa.Generated a = MeshFixtures.ca();
        MeshCa.Generated b = MeshCa.generate("other");
        assertNotEquals(a.certificatePem(), b.certificatePem());
        assertFalse(MeshCa.keyMatches(
                MeshCa.parseCertificate(a.certificatePem()), MeshCa.parsePrivateKey(b.privateKeyPem())));
    }

    @Test
    void acceptsPkcs8AndEcKeysAndChecksThatEcKeysMatch() throws Exception {
        MeshCa.Generated a = MeshFixtures.ca();
        PrivateKey rsa = MeshCa.parsePrivateKey(a.privateKeyPem());
        assertTrue(MeshCa.keyMatches(MeshCa.parseCertificate(a.certificatePem()), MeshCa.parsePrivateKey(pkcs8(rsa))));

        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(new ECGenParameterSpec("secp256r1"));
        PrivateKey ecKey = MeshCa.parsePrivateKey(pkcs8(ec.generateKeyPair().getPrivate()));
        assertEquals("EC", ecKey.getAlgorithm());
        assertFalse(MeshCa.keyMatches(MeshCa.parseCertificate(a.certificatePem()), ecKey));
    }

    private static String pkcs8(PrivateKey key) {
        return "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(key.getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
    }

    @Test
    void refusesEncryptedKeysWithoutQuotingThem() throws Exception {
        PrivateKey key = MeshCa.parsePrivateKey(MeshFixtures.ca().privateKeyPem());
        StringWriter out = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(out)) {
            w.writeObject(
                    key,
                    new JcePEMEncryptorBuilder("AES-256-CBC")
                            .setProvider(new org.bouncycastle.jce.provider.BouncyCastleProvider())
                            .build("pw".toCharArray()));
        }
        var e = assertThrows(MeshCa.InvalidPemException.class, () -> MeshCa.parsePrivateKey(out.toString()));
        assertEquals(
                "is an encrypted private key; allowed: an unencrypted PEM key (Pulumi keeps it encrypted as a "
                        + "secret)",
                e.getMessage());
    }

    @Test
    void rejectsTextThatIsNotTheExpectedPemAndNeverEchoesIt() {
        String secretish = "-----BEGIN RSA PRIVATE KEY-----\nTOPSECRET\n-----END RSA PRIVATE KEY-----\n";
        var e = assertThrows(MeshCa.InvalidPemException.class, () -> MeshCa.parsePrivateKey(secretish));
        assertFalse(e.getMessage().contains("TOPSECRET"));
        assertEquals("is not readable PEM; allowed: a PEM private key", e.getMessage());
        var c = assertThrows(
                MeshCa.InvalidPemException.class,
                () -> MeshCa.parseCertificate(MeshFixtures.ca().privateKeyPem()));
        assertEquals("is not a PEM certificate (-----BEGIN CERTIFICATE-----)", c.getMessage());
        assertEquals(
                "is empty; allowed: a PEM private key",
                assertThrows(MeshCa.InvalidPemException.class, () -> MeshCa.parsePrivateKey(" "))
                        .getMessage());
        assertEquals(
                "is not PEM text; allowed: a PEM certificate (-----BEGIN CERTIFICATE-----)",
                assertThrows(MeshCa.InvalidPemException.class, () -> MeshCa.parseCertificate("hello"))
                        .getMessage());
    }

    @Test
    void chartBase64IsTheSameWhetherOrNotConfigKeptTheFinalNewline() {
        String pem = MeshFixtures.ca().certificatePem();
        String encoded = MeshCa.chartBase64(pem);
        assertEquals(encoded, MeshCa.chartBase64(pem.stripTrailing()));
        assertEquals(pem, new String(Base64.getDecoder().decode(encoded), StandardCharsets.US_ASCII));
    }

    @Test
    void toStringNeverShowsTheKey() {
        MeshCa.Generated ca = MeshFixtures.ca();
        assertFalse(ca.toString().contains("PRIVATE"));
        assertFalse(ca.toString().contains(ca.privateKeyPem().substring(40, 80)));
    }

    @Test
    void reissuingForTheSameKeyKeepsTheTrustedKey() throws Exception {
        MeshCa.Generated renewed = MeshCa.selfSign(
                MeshFixtures.keyPair(),
                "mysqlcs test mesh CA",
                Duration.ofDays(3650),
                Instant.now(),
                new SecureRandom());
        X509Certificate before = MeshCa.parseCertificate(MeshFixtures.ca().certificatePem());
        X509Certificate after = MeshCa.parseCertificate(renewed.certificatePem());
        assertEquals(before.getPublicKey(), after.getPublicKey());
        assertNotEquals(before.getSerialNumber(), after.getSerialNumber());
        assertEquals(MeshFixtures.ca().privateKeyPem(), renewed.privateKeyPem());
    }

    @Test
    void rejectsNonsenseArguments() {
        assertThrows(
                IllegalArgumentException.class,
                () -> MeshCa.generate(" ", Duration.ofDays(1), Instant.now(), new SecureRandom()));
        assertThrows(
                IllegalArgumentException.class,
                () -> MeshCa.generate("x", Duration.ZERO, Instant.now(), new SecureRandom()));
    }
}
