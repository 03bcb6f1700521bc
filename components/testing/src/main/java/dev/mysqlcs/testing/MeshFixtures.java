package dev.mysqlcs.testing;

import dev.mysqlcs.config.ConfigSource;
import dev.mysqlcs.pki.MeshCa;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Mesh topologies beyond the shipped two stacks, and config sources holding a real (test) CA. */
public final class MeshFixtures {

    private static MeshCa.Generated ca;
    private static KeyPair keyPair;

    private MeshFixtures() {}

    /** One CA for the whole test run: RSA generation is slow on the shared CI machine. */
    public static synchronized MeshCa.Generated ca() {
        if (ca == null) {
            ca = MeshCa.selfSign(
                    keyPair(), "mysqlcs test mesh CA", Duration.ofDays(365), Instant.now(), new SecureRandom());
        }
        return ca;
    }

    /** The RSA key pair of {@link #ca()}, for tests that need more certificates without the cost of new keys. */
    public static synchronized KeyPair keyPair() {
        if (keyPair == null) {
            try {
                KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
                g.initialize(2048);
                keyPair = g.generateKeyPair();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
        return keyPair;
    }

    /**
     * Three Kubernetes clusters in a full mesh (prod, dr, dr2; Cilium ids 1, 2, 3), one InnoDBCluster each.
     *
     * @param deploy    the clusters this stack deploys into, e.g. {@code [prod]}
     * @param extraTop  extra top-level config lines (already indented by two spaces), or ""
     */
    public static String threeClusters(String deploy, String extraTop) {
        return """
                config:
                  mysqlcs:deploy: %s
                %s  mysqlcs:kubeClusters:
                    - name: prod
                      context: ctx-prod
                      nodeIps: [10.0.0.11, 10.0.0.12]
                      cilium: {clusterName: prod, clusterId: 1}
                      meshEndpoint: {type: NodePort, port: 32379}
                      dns: {mode: corefile, nodePort: 30053}
                    - name: dr
                      context: ctx-dr
                      nodeIps: [10.1.0.11]
                      cilium: {clusterName: dr, clusterId: 2}
                      meshEndpoint: {type: NodePort, port: 32380}
                      dns: {mode: coredns-custom, nodePort: 30054}
                    - name: dr2
                      context: ctx-dr2
                      nodeIps: [10.2.0.11]
                      cilium: {clusterName: dr2, clusterId: 3}
                      meshEndpoint: {type: LoadBalancer, port: 2379, address: 10.2.255.1}
                      dns: {mode: corefile, nodePort: 30055}
                  mysqlcs:clusterSet:
                    name: mycs
                    primary: prd
                    members:
                      - {name: prd, namespace: mysql-prod, kubeCluster: prod, baseServerId: 100}
                      - {name: dr, namespace: mysql-dr, kubeCluster: dr, baseServerId: 200}
                      - {name: dr2, namespace: mysql-dr2, kubeCluster: dr2, baseServerId: 300}
                """.formatted(deploy, extraTop);
    }

    /** {@code yaml}'s config with {@code plain} values added and {@code secret} values added as (readable) secrets. */
    public static ConfigSource source(String yaml, Map<String, String> plain, Map<String, String> secret) {
        ConfigSource base = ConfigFixtures.source(yaml);
        Map<String, String> values = new HashMap<>(plain);
        values.putAll(secret);
        Set<String> secrets = new HashSet<>(secret.keySet());
        return new ConfigSource() {
            @Override
            public Optional<String> get(String key) {
                return values.containsKey(key) ? Optional.of(values.get(key)) : base.get(key);
            }

            @Override
            public boolean isSecret(String key) {
                return secrets.contains(key) || !values.containsKey(key) && base.isSecret(key);
            }
        };
    }

    /** {@code yaml} with the test CA: the certificate plain, the key a secret. */
    public static ConfigSource withCa(String yaml) {
        return source(yaml, Map.of("meshCaCert", ca().certificatePem()), Map.of("meshCaKey", ca().privateKeyPem()));
    }
}
