package dev.mysqlcs.config;

import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.mysqlcs.model.CiliumSettings;
import dev.mysqlcs.model.MeshSettings;
import dev.mysqlcs.pki.MeshCa;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Reads the ClusterMesh keys: {@code mysqlcs:cilium} (an object) and the shared CA, {@code mysqlcs:meshCaCert} and
 * {@code mysqlcs:meshCaKey}. Presence, types and the CA's content; formats and cross-cluster rules are
 * {@link dev.mysqlcs.validate.MeshValidator}'s.
 *
 * <p>The CA is required only when the mesh spans several clusters. Like the root password, a missing CA is a warning
 * in the offline plan and an error otherwise. Encrypted values cannot be read offline; then only presence counts.
 * No message ever quotes a CA value.
 */
public final class MeshConfigParser {

    public static final String CILIUM = "cilium";
    public static final String MESH_CA_CERT = "meshCaCert";
    public static final String MESH_CA_KEY = "meshCaKey";

    public static final String DEFAULT_CHART_VERSION = "1.19.6";
    public static final String DEFAULT_CHART_REPO = "https://helm.cilium.io";
    public static final boolean DEFAULT_HUBBLE_TLS = true;
    public static final List<String> DEFAULT_RESTART_DEPLOYMENTS = List.of("coredns");

    /** The project command that creates a CA and prints the config commands. */
    public static final String GENERATE_COMMAND = "java -jar src/target/mysqlcs-stack.jar mesh-ca";
    /** A CA closer than this to its end is worth a warning on every plan. */
    public static final Duration EXPIRY_WARNING = Duration.ofDays(30);

    private final ConfigSource source;
    private final boolean offline;
    private final List<ConfigError> errors;
    private final List<String> warnings;
    private final Instant now;

    private MeshConfigParser(
            ConfigSource source, boolean offline, List<ConfigError> errors, List<String> warnings, Instant now) {
        this.source = source;
        this.offline = offline;
        this.errors = errors;
        this.warnings = warnings;
        this.now = now;
    }

    /**
     * @param meshed true when more than one Kubernetes cluster is configured (the CA is required then)
     */
    static MeshSettings parse(
            ConfigSource source, boolean offline, boolean meshed, List<ConfigError> errors, List<String> warnings) {
        MeshConfigParser p = new MeshConfigParser(source, offline, errors, warnings, Instant.now());
        return new MeshSettings(p.cilium(), p.ca(meshed));
    }

    private static String key(String k) {
        return TopologyParser.NAMESPACE + ":" + k;
    }

    private CiliumSettings cilium() {
        Optional<String> raw = source.get(CILIUM);
        String version = DEFAULT_CHART_VERSION;
        String repo = DEFAULT_CHART_REPO;
        boolean hubbleTls = DEFAULT_HUBBLE_TLS;
        List<String> restart = DEFAULT_RESTART_DEPLOYMENTS;
        if (raw.isPresent()) {
            JsonElement e;
            try {
                e = JsonParser.parseString(raw.get());
            } catch (JsonParseException x) {
                errors.add(new ConfigError(
                        key(CILIUM), "is not structured config (got '" + raw.get() + "'); allowed: a YAML mapping"));
                return new CiliumSettings(version, repo, hubbleTls, restart);
            }
            if (!e.isJsonObject()) {
                errors.add(new ConfigError(
                        key(CILIUM),
                        "expected an object, got " + JsonFields.describe(e)
                                + "; allowed: a mapping with chartVersion, chartRepo, hubbleTls, restartDeployments"));
                return new CiliumSettings(version, repo, hubbleTls, restart);
            }
            JsonFields f = new JsonFields(key(CILIUM), e.getAsJsonObject(), errors);
            version = f.string("chartVersion").orElse(DEFAULT_CHART_VERSION);
            repo = f.string("chartRepo").orElse(DEFAULT_CHART_REPO);
            hubbleTls = f.bool("hubbleTls").orElse(DEFAULT_HUBBLE_TLS);
            restart = f.has("restartDeployments")
                    ? List.copyOf(f.stringList("restartDeployments"))
                    : DEFAULT_RESTART_DEPLOYMENTS;
            f.rejectUnknown();
        }
        return new CiliumSettings(version, repo, hubbleTls, restart);
    }

    private boolean ca(boolean meshed) {
        Optional<String> cert = source.get(MESH_CA_CERT).filter(s -> !s.isBlank());
        Optional<String> key = source.get(MESH_CA_KEY).filter(s -> !s.isBlank());
        if (key.isPresent() && !source.isSecret(MESH_CA_KEY)) {
            // A plain private key in a stack file is a leak whether or not the mesh uses it.
            errors.add(new ConfigError(
                    key(MESH_CA_KEY),
                    "must be a secret; allowed: a secret, set with: pulumi config set --secret " + key(MESH_CA_KEY)
                            + " < ca.key"));
        }
        if (!meshed) {
            return cert.isPresent() && key.isPresent();
        }
        if (cert.isEmpty()) {
            missing(MESH_CA_CERT, "the PEM certificate of the CA every cluster of the mesh shares", "");
        }
        if (key.isEmpty()) {
            missing(MESH_CA_KEY, "the PEM private key of that CA, as a secret", "--secret ");
        }
        X509Certificate certificate =
                cert.filter(x -> readable(MESH_CA_CERT)).map(this::certificate).orElse(null);
        if (key.isPresent() && source.isSecret(MESH_CA_KEY) && readable(MESH_CA_KEY)) {
            privateKey(key.get()).ifPresent(k -> {
                if (certificate != null && !MeshCa.keyMatches(certificate, k)) {
                    errors.add(new ConfigError(
                            key(MESH_CA_KEY),
                            "does not belong to " + key(MESH_CA_CERT)
                                    + " (the public keys differ); allowed: the private key of that certificate"));
                }
            });
        }
        return cert.isPresent() && key.isPresent();
    }

    private void missing(String k, String what, String secretFlag) {
        String message = "is required when the mesh spans several Kubernetes clusters (" + what + "); generate a CA "
                + "with: " + GENERATE_COMMAND + ", then: pulumi config set " + secretFlag + key(k) + " < "
                + (k.equals(MESH_CA_KEY) ? "ca.key" : "ca.crt");
        if (offline) {
            warnings.add(key(k) + ": " + message);
        } else {
            errors.add(new ConfigError(
                    key(k),
                    "is required when the mesh spans several Kubernetes clusters (" + what
                            + "); allowed: a CA generated with: " + GENERATE_COMMAND + ", then: pulumi config set "
                            + secretFlag
                            + key(k) + " < " + (k.equals(MESH_CA_KEY) ? "ca.key" : "ca.crt")));
        }
    }

    /** Encrypted values cannot be decrypted by the offline plan: they stand as a placeholder there. */
    private boolean readable(String k) {
        return !(offline && source.isSecret(k));
    }

    private X509Certificate certificate(String pem) {
        X509Certificate c;
        try {
            c = MeshCa.parseCertificate(pem);
        } catch (MeshCa.InvalidPemException e) {
            errors.add(new ConfigError(key(MESH_CA_CERT), e.getMessage()));
            return null;
        }
        String k = key(MESH_CA_CERT);
        if (!MeshCa.isCa(c)) {
            errors.add(new ConfigError(
                    k,
                    "is not a CA certificate (basicConstraints CA:true is missing); allowed: "
                            + "a CA certificate such as the one " + GENERATE_COMMAND + " writes"));
        } else if (!MeshCa.hasKeyCertSign(c)) {
            errors.add(new ConfigError(
                    k,
                    "cannot sign certificates (keyUsage keyCertSign is missing); allowed: a CA "
                            + "certificate with keyUsage keyCertSign"));
        }
        Instant notBefore = c.getNotBefore().toInstant();
        Instant notAfter = c.getNotAfter().toInstant();
        if (now.isAfter(notAfter)) {
            errors.add(new ConfigError(k, "expired on " + notAfter + "; allowed: a CA valid now (rotate the mesh CA)"));
        } else if (now.isBefore(notBefore)) {
            errors.add(new ConfigError(k, "is not valid before " + notBefore + "; allowed: a CA valid now"));
        } else if (Duration.between(now, notAfter).compareTo(EXPIRY_WARNING) < 0) {
            warnings.add(k + ": expires on " + notAfter + " (in "
                    + Duration.between(now, notAfter).toDays() + " days); rotate the mesh CA before then");
        }
        return c;
    }

    private Optional<PrivateKey> privateKey(String pem) {
        try {
            return Optional.of(MeshCa.parsePrivateKey(pem));
        } catch (MeshCa.InvalidPemException e) {
            errors.add(new ConfigError(key(MESH_CA_KEY), e.getMessage()));
            return Optional.empty();
        }
    }
}
