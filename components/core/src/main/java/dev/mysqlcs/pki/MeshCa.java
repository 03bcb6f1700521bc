package dev.mysqlcs.pki;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * The one CA every cluster of the Cilium ClusterMesh shares ({@code tls.ca.cert} / {@code tls.ca.key} of the chart):
 * each cluster's Helm install signs its clustermesh-apiserver server and client certificates with it, so peers trust
 * each other. Pure: generation, PEM encoding and parsing, no I/O.
 *
 * <p>The key is RSA 2048 written as PKCS#1 ({@code RSA PRIVATE KEY}), the form every Helm/sprig version's
 * {@code buildCustomCert} parses, the same kind of CA the chart would generate itself.
 */
public final class MeshCa {

    public static final String DEFAULT_COMMON_NAME = "mysqlcs ClusterMesh CA";
    /** Ten years: Helm re-signs the clustermesh leaf certificates on every upgrade, the CA itself must outlive them. */
    public static final Duration DEFAULT_VALIDITY = Duration.ofDays(3650);

    private static final int RSA_BITS = 2048;

    /** A CA as PEM text. {@link #toString()} never shows the key. */
    public record Generated(String certificatePem, String privateKeyPem) {
        @Override
        public String toString() {
            return "MeshCa.Generated[certificate=" + certificatePem.length() + " chars, privateKey=****]";
        }
    }

    /** Why a PEM value is unusable; the message never quotes the value. */
    public static final class InvalidPemException extends Exception {
        public InvalidPemException(String message) {
            super(message);
        }
    }

    private MeshCa() {}

    public static Generated generate(String commonName, Duration validity, Instant now, SecureRandom random) {
        requireValid(commonName, validity);
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(RSA_BITS, random);
            return selfSign(generator.generateKeyPair(), commonName, validity, now, random);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate the mesh CA key: " + e.getMessage(), e);
        }
    }

    /**
     * A CA certificate for an existing RSA key pair. Re-issuing for the same key extends a CA without changing what
     * the clusters trust.
     */
    public static Generated selfSign(
            KeyPair pair, String commonName, Duration validity, Instant now, SecureRandom random) {
        requireValid(commonName, validity);
        if (!"RSA".equals(pair.getPrivate().getAlgorithm())) {
            throw new IllegalArgumentException("the mesh CA is signed with SHA256withRSA; got a "
                    + pair.getPrivate().getAlgorithm() + " key");
        }
        try {
            X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
                    .addRDN(BCStyle.O, "mysqlcs")
                    .addRDN(BCStyle.CN, commonName)
                    .build();
            // Positive 127-bit serial (RFC 5280: positive, at most 20 octets, unpredictable).
            BigInteger serial = new BigInteger(127, random).setBit(126);
            // Backdated a little so that clusters with a slightly slow clock accept it at once.
            Date notBefore = Date.from(now.minus(Duration.ofMinutes(5)));
            Date notAfter = Date.from(now.plus(validity));
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            JcaX509v3CertificateBuilder builder =
                    new JcaX509v3CertificateBuilder(subject, serial, notBefore, notAfter, subject, pair.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            builder.addExtension(
                    Extension.keyUsage,
                    true,
                    new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature));
            builder.addExtension(
                    Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(pair.getPublic()));
            builder.addExtension(
                    Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(pair.getPublic()));
            ContentSigner signer = new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate());
            X509CertificateHolder holder = builder.build(signer);
            X509Certificate cert = new JcaX509CertificateConverter().getCertificate(holder);
            return new Generated(pem(cert), pem(pair.getPrivate()));
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException("cannot generate the mesh CA: " + e.getMessage(), e);
        }
    }

    /** Generates with {@link #DEFAULT_VALIDITY} from now. */
    public static Generated generate(String commonName) {
        return generate(commonName, DEFAULT_VALIDITY, Instant.now(), new SecureRandom());
    }

    private static void requireValid(String commonName, Duration validity) {
        if (commonName == null || commonName.isBlank()) {
            throw new IllegalArgumentException("common name is empty");
        }
        if (validity.isNegative() || validity.isZero()) {
            throw new IllegalArgumentException("validity must be positive, got " + validity);
        }
    }

    static String pem(Object object) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(object);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** The first certificate of a PEM text. */
    public static X509Certificate parseCertificate(String pem) throws InvalidPemException {
        Object o = readFirst(pem, "a PEM certificate (-----BEGIN CERTIFICATE-----)");
        if (!(o instanceof X509CertificateHolder holder)) {
            throw new InvalidPemException("is not a PEM certificate (-----BEGIN CERTIFICATE-----)");
        }
        try {
            return new JcaX509CertificateConverter().getCertificate(holder);
        } catch (CertificateException e) {
            throw new InvalidPemException("is not a valid X.509 certificate");
        }
    }

    /** An unencrypted private key in PKCS#1 ({@code RSA PRIVATE KEY}), SEC1 ({@code EC PRIVATE KEY}) or PKCS#8. */
    public static PrivateKey parsePrivateKey(String pem) throws InvalidPemException {
        Object o = readFirst(pem, "a PEM private key");
        if (o instanceof PEMEncryptedKeyPair || o instanceof PKCS8EncryptedPrivateKeyInfo) {
            throw new InvalidPemException("is an encrypted private key; allowed: an unencrypted PEM key "
                    + "(Pulumi keeps it encrypted as a secret)");
        }
        PrivateKeyInfo info;
        if (o instanceof PEMKeyPair pair) {
            info = pair.getPrivateKeyInfo();
        } else if (o instanceof PrivateKeyInfo i) {
            info = i;
        } else {
            throw new InvalidPemException(
                    "is not a PEM private key; allowed: RSA PRIVATE KEY, EC PRIVATE KEY or " + "PRIVATE KEY (PKCS#8)");
        }
        String oid = info.getPrivateKeyAlgorithm().getAlgorithm().getId();
        String algorithm = PKCSObjectIdentifiers.rsaEncryption.getId().equals(oid)
                ? "RSA"
                : X9ObjectIdentifiers.id_ecPublicKey.getId().equals(oid) ? "EC" : null;
        if (algorithm == null) {
            throw new InvalidPemException("uses an unsupported key algorithm; allowed: an RSA or EC key");
        }
        try {
            // The JDK's own providers: no security provider needs registering.
            return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(info.getEncoded()));
        } catch (IOException | GeneralSecurityException e) {
            throw new InvalidPemException("is not a usable " + algorithm + " private key");
        }
    }

    private static Object readFirst(String pem, String what) throws InvalidPemException {
        if (pem == null || pem.isBlank()) {
            throw new InvalidPemException("is empty; allowed: " + what);
        }
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            Object o = parser.readObject();
            if (o == null) {
                throw new InvalidPemException("is not PEM text; allowed: " + what);
            }
            return o;
        } catch (IOException | RuntimeException e) {
            // Never echo the parser's message: it may quote the (secret) input.
            throw new InvalidPemException("is not readable PEM; allowed: " + what);
        }
    }

    /** True when the certificate carries basicConstraints CA:true. */
    public static boolean isCa(X509Certificate cert) {
        return cert.getBasicConstraints() >= 0;
    }

    public static boolean hasKeyCertSign(X509Certificate cert) {
        boolean[] usage = cert.getKeyUsage();
        return usage != null && usage.length > 5 && usage[5];
    }

    /** True when {@code key} is the private half of the certificate's public key (RSA and EC). */
    public static boolean keyMatches(X509Certificate cert, PrivateKey key) {
        PublicKey pub = cert.getPublicKey();
        if (pub instanceof RSAPublicKey rsa && key instanceof RSAPrivateCrtKey priv) {
            return rsa.getModulus().equals(priv.getModulus())
                    && rsa.getPublicExponent().equals(priv.getPublicExponent());
        }
        if (pub instanceof ECPublicKey ec && key instanceof ECPrivateKey priv) {
            return signsFor(pub, key, "SHA256withECDSA");
        }
        return false;
    }

    private static boolean signsFor(PublicKey pub, PrivateKey key, String algorithm) {
        try {
            byte[] probe = "mysqlcs mesh CA key check".getBytes(StandardCharsets.UTF_8);
            java.security.Signature s = java.security.Signature.getInstance(algorithm);
            s.initSign(key);
            s.update(probe);
            byte[] sig = s.sign();
            java.security.Signature v = java.security.Signature.getInstance(algorithm);
            v.initVerify(pub);
            v.update(probe);
            return v.verify(sig);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /**
     * The chart's form of a PEM value ({@code tls.ca.cert} and {@code tls.ca.key} are "base64 encoded PEM"). A value
     * set with {@code pulumi config set ... < file} has lost its final newline; it is restored first so that the
     * encoding of one CA is the same whichever way it was entered.
     */
    public static String chartBase64(String pem) {
        String text = pem.strip().replace("\r\n", "\n") + "\n";
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.US_ASCII));
    }
}
