package dev.mysqlcs.provider;

import dev.mysqlcs.model.Member;
import dev.mysqlcs.plan.Observation;
import dev.mysqlcs.plan.Observation.RouterState;
import dev.mysqlcs.plan.Observation.SecretsState;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What the provider does through the Kubernetes API (besides exec and port-forward, which live in io/). */
public interface KubeActions {

    /** Has the member's router Deployment been restarted for this ClusterSet ({@code marker}) already? */
    RouterState routerState(Member member, String marker);

    /** Rollout restart of {@code <member>-router}, recording {@code marker}; returns when the rollout is complete. */
    void restartRouter(Member member, String marker, Duration timeout, ProgressLog log, Cancellation cancellation);

    /** Do the member's operator secrets hold the same accounts as the source member's (S2.15)? */
    SecretsState secretsState(Member source, Member target);

    /**
     * The operator Secrets ({@code -privsecrets}, {@code -router}, {@code -backup}) of source and target that do not
     * exist: why {@link #secretsState} says UNKNOWN when it read them all.
     */
    List<Observation.MissingSecret> missingSecrets(Member source, Member target);

    /**
     * S2.15: copies the {@code -privsecrets}, {@code -router}, {@code -backup} accounts from source into target; a
     * target Secret that does not exist is created with them. A missing source Secret fails the copy before any
     * change.
     */
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
    record CertNames(String issuer, String subject) {}

    /** The ClusterSet a join of this member was started for, if the journal in its namespace says so. */
    Optional<String> joinMark(Member member);

    void setJoinMark(Member member, String clusterSetName);

    void clearJoinMark(Member member);

    /**
     * Enterprise (S1.6 / S1.7): creates a {@code MySQLClusterSetFailover} named {@code name} in the target's namespace
     * with {@code spec.clusterName} the target's InnoDBCluster (its Kubernetes name, which the operator reads with
     * {@code InnoDBCluster.read(namespace, cluster_name)}), or follows the one an earlier run created, and waits for
     * the operator's Job of the same name. A non-empty {@code invalidateReplicaClusters} (MySQL cluster names, as the
     * ClusterSet's status names them) goes to {@code spec.options.invalidateReplicaClusters}, which the operator's Job
     * passes on to {@code set_primary_cluster} / {@code force_primary_cluster} (the CRD's {@code spec.options},
     * mysql-operator-2.2.8.crds.yaml; clusterset_failover_main.py {@code --invalidate-replica-clusters}).
     * {@code timeout} is the step deadline: the wait for the Job, and, less the AdminApi margin, the resource's
     * {@code spec.options.timeout} (the Shell's own wait inside the Job).
     *
     * @return the operator's result: the Job's success, with the resource's {@code status.status} text when set
     * @throws FailoverFailedException when the Job failed, or the resource or Job cannot be this failover's
     */
    String runOperatorFailover(
            Member target,
            boolean force,
            List<String> invalidateReplicaClusters,
            String name,
            Duration timeout,
            ProgressLog log,
            Cancellation cancellation);

    /**
     * The member's InnoDBCluster as its operator reports it, empty when the resource does not exist (yet).
     */
    Optional<OperatorView> innoDbCluster(Member member);

    /**
     * Ordinals of the member's server pods (label {@code mysql.oracle.com/cluster=<name>}, {@code component=mysqld})
     * that run and are Ready, ascending: the pods a command or session can use.
     */
    List<Integer> readyServerPods(Member member);

    /**
     * Names of the member's router pods that exist, in any phase, terminating ones included (label
     * {@code mysql.oracle.com/cluster=<name>}, {@code component=mysqlrouter}: mysql-operator router_objects.py
     * prepare_router_deployment, the label its on_router_pod_delete handler watches, operator_cluster.py).
     */
    java.util.Set<String> routerPods(Member member);

    /**
     * What the MySQL Operator wrote on an InnoDBCluster: {@code status.cluster.status} (its diagnosis: ONLINE,
     * ONLINE_PARTIAL, NO_QUORUM, OFFLINE, PENDING, INITIALIZING, ...; empty before the first probe),
     * {@code status.cluster.onlineInstances}, {@code status.createTime} (set once the operator created the InnoDB
     * cluster; it creates one only while this is unset) and the {@code createOptions} of its
     * {@code mysql.oracle.com/cluster-info} annotation (the options it passed to {@code dba.createCluster}).
     */
    record OperatorView(
            String status, int onlineInstances, Optional<String> createTime, Map<String, Object> createOptions) {
        public OperatorView {
            createOptions = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(createOptions));
        }
    }

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
