package dev.mysqlcs.provider;

import dev.mysqlcs.model.Member;
import dev.mysqlcs.plan.Observation.RouterState;
import dev.mysqlcs.plan.Observation.SecretsState;

import java.time.Duration;
import java.util.Optional;

/** What the provider does through the Kubernetes API (besides exec and port-forward, which live in io/). */
public interface KubeActions {

    /** Has the member's router Deployment been restarted for this ClusterSet ({@code marker}) already? */
    RouterState routerState(Member member, String marker);

    /** Rollout restart of {@code <member>-router}, recording {@code marker}; returns when the rollout is complete. */
    void restartRouter(Member member, String marker, Duration timeout, ProgressLog log, Cancellation cancellation);

    /** Do the member's operator secrets hold the same accounts as the source member's (S2.15)? */
    SecretsState secretsState(Member source, Member target);

    /** S2.15: copies the {@code -privsecrets}, {@code -router}, {@code -backup} accounts from source into target. */
    void copyCredentials(Member source, Member target);

    /**
     * For certificate-authenticated members ({@code tls.useSelfSigned: false}): the subject of the member's server
     * certificate ({@code tls.crt} of its {@code tlsSecretName}, default {@code <name>-tls}) in the form the MySQL
     * Operator passes as the AdminAPI's {@code certSubject} (cluster_api.py get_tls_issuer_and_subject_rdns: the
     * RFC 4514 RDNs in ASN.1 order, each after a '/'), and its issuer in the same form ({@code certIssuer} of
     * createCluster).
     *
     * @throws KubeUnavailableException when the secret or its certificate cannot be read
     */
    CertNames certNames(Member member);

    /** Issuer and subject of a server certificate, "/O=.../CN=..." as the operator formats them. */
    record CertNames(String issuer, String subject) {
    }

    /** The ClusterSet a join of this member was started for, if the journal in its namespace says so. */
    Optional<String> joinMark(Member member);

    void setJoinMark(Member member, String clusterSetName);

    void clearJoinMark(Member member);

    /**
     * Enterprise (S1.6 / S1.7): creates a {@code MySQLClusterSetFailover} named {@code name} in the target's namespace
     * (or finds it from an earlier run) and waits for the operator's Job.
     *
     * @return the operator's final status text
     * @throws FailoverFailedException when the Job failed
     */
    String runOperatorFailover(Member target, String clusterName, boolean force, String name, Duration timeout,
                               ProgressLog log, Cancellation cancellation);

    /** The Kubernetes API of a cluster could not be used. */
    class KubeUnavailableException extends RuntimeException {
        public KubeUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    class FailoverFailedException extends RuntimeException {
        public FailoverFailedException(String message) {
            super(message);
        }
    }
}
