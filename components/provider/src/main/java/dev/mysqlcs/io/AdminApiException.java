package dev.mysqlcs.io;

/**
 * A MySQL Shell AdminAPI call that did not succeed, classified from the Shell's error text so callers can react
 * (re-read state, refuse, retry) and users read what to do next ({@link #guidance()}).
 */
public abstract class AdminApiException extends RuntimeException {

    private final String operation;
    private final String guidance;

    protected AdminApiException(String operation, String detail, String guidance, Throwable cause) {
        super(operation + ": " + detail + (guidance.isEmpty() ? "" : " -- " + guidance), cause);
        this.operation = operation;
        this.guidance = guidance;
    }

    /** The AdminAPI operation, e.g. {@code clusterset status} or {@code createReplicaCluster}. */
    public String operation() {
        return operation;
    }

    public String guidance() {
        return guidance;
    }

    /** The instance's InnoDB cluster is not (or no longer) a member of any ClusterSet. */
    public static final class NotInClusterSet extends AdminApiException {
        public NotInClusterSet(String operation, String detail) {
            super(operation, detail, "", null);
        }
    }

    /** The instance belongs to no InnoDB cluster (standalone, e.g. after dissolve, or not yet created). */
    public static final class NotACluster extends AdminApiException {
        public NotACluster(String operation, String detail) {
            super(operation, detail, "", null);
        }
    }

    /**
     * The instance is registered in InnoDB cluster metadata but its Group Replication is not active (MYSQLSH 51314,
     * SHERR_DBA_BADARG_INSTANCE_NOT_ONLINE: "metadata exists, instance belongs to that metadata, but GR is not active",
     * modules/adminapi/common/preconditions.cc TargetType::StandaloneInMetadata): a cluster that is down, never "no
     * cluster".
     */
    public static final class ClusterDown extends AdminApiException {
        public ClusterDown(String operation, String detail) {
            super(
                    operation,
                    detail,
                    "its Group Replication is stopped; the MySQL Operator restarts it (or reboots the "
                            + "cluster after a complete outage): wait for that, or try another pod of the cluster",
                    null);
        }
    }

    /** The cluster already belongs to a ClusterSet (the operation would create or join a second one). */
    public static final class AlreadyInClusterSet extends AdminApiException {
        public AlreadyInClusterSet(String operation, String detail) {
            super(
                    operation,
                    detail,
                    "the cluster already belongs to a ClusterSet; run `pulumi refresh` to see it",
                    null);
        }
    }

    /** The instance is already a member of the target cluster. */
    public static final class AlreadyMember extends AdminApiException {
        public AlreadyMember(String operation, String detail) {
            super(operation, detail, "", null);
        }
    }

    /** The cluster or instance holds transactions the primary does not have. */
    public static final class ErrantTransactions extends AdminApiException {
        public ErrantTransactions(String operation, String detail) {
            super(
                    operation,
                    detail,
                    "it holds transactions the PRIMARY cluster does not have (errant GTIDs); they "
                            + "must be reconciled by hand before it can (re)join: compare @@gtid_executed on both sides, "
                            + "then either apply the missing changes on the primary or rebuild this cluster from a clone",
                    null);
        }
    }

    /** A server (or the primary cluster) could not be reached, or the pod could not be exec'd into. */
    public static final class Unreachable extends AdminApiException {
        public Unreachable(String operation, String detail, Throwable cause) {
            super(
                    operation,
                    detail,
                    "check that the pods are running and that the clusters reach each other "
                            + "(ClusterMesh, cross-cluster DNS)",
                    cause);
        }
    }

    /** The run exceeded its timeout; it may still be running inside the pod. */
    public static final class Timeout extends AdminApiException {
        public Timeout(String operation, String detail, Throwable cause) {
            super(
                    operation,
                    detail,
                    "the command may still be running in the pod; run `pulumi up` again: every "
                            + "step re-reads the ClusterSet first and resumes where it stopped (raise "
                            + "mysqlcs:clusterSet.timeouts.stepSeconds for long clones)",
                    cause);
        }
    }

    /**
     * Another AdminAPI operation holds the cluster's exclusive lock (SHERR_DBA_LOCK_GET_FAILED, 51500), e.g. the MySQL
     * Operator joining a pod (cluster_controller.py join_instance and the provider's addInstance both take it:
     * cluster/cluster_impl.cc get_lock_exclusive): nothing was changed, and a later run succeeds.
     */
    public static final class Busy extends AdminApiException {
        private final String detail;

        public Busy(String operation, String detail) {
            super(
                    operation,
                    detail,
                    "another AdminAPI operation (the MySQL Operator managing its pods, or another run) "
                            + "holds the cluster's lock; nothing was changed: run `pulumi up` again",
                    null);
            this.detail = detail;
        }

        /** What the Shell said, without the guidance. */
        public String detail() {
            return detail;
        }

        /** The same refusal once the provider retried it for {@code waited} (the step timeout). */
        public Busy stillHeldAfter(java.time.Duration waited) {
            return new Busy(
                    operation(),
                    detail + "; the lock was still held after " + waited.toSeconds()
                            + " s of retries (mysqlcs:clusterSet.timeouts.stepSeconds)");
        }
    }

    /** Any other failure; the message carries what the Shell said. */
    public static final class CommandFailed extends AdminApiException {
        public CommandFailed(String operation, String detail) {
            super(operation, detail, "", null);
        }
    }
}
