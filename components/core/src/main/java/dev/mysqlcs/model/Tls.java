package dev.mysqlcs.model;

import java.util.Optional;

/**
 * TLS of an InnoDBCluster: operator-generated self-signed certificates, or certificates the user keeps
 * in Kubernetes secrets (names as in the InnoDBCluster spec: tlsCASecretName, tlsSecretName, router.tlsSecretName).
 */
public record Tls(
        boolean useSelfSigned,
        Optional<String> caSecretName,
        Optional<String> serverSecretName,
        Optional<String> routerSecretName) {

    public static Tls selfSigned() {
        return new Tls(true, Optional.empty(), Optional.empty(), Optional.empty());
    }
}
