package dev.mysqlcs.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code clusterset status --extended=1} as MySQL Shell reports it: the ClusterSet's domain name, its primary cluster,
 * its global status and one entry per member cluster (by the InnoDB cluster name inside MySQL).
 *
 * @param status                HEALTHY, AVAILABLE, UNAVAILABLE
 * @param globalPrimaryInstance host:port of the instance that takes writes, when known
 */
public record ClusterSetStatus(
        String domainName,
        String primaryCluster,
        String status,
        String statusText,
        Optional<String> globalPrimaryInstance,
        Map<String, Cluster> clusters) {

    /**
     * One member cluster.
     *
     * @param clusterRole                 PRIMARY or REPLICA
     * @param globalStatus                OK, OK_NOT_REPLICATING, OK_NOT_CONSISTENT, OK_MISCONFIGURED, NOT_OK,
     *                                    INVALIDATED, UNKNOWN
     * @param status                      the cluster's own status: OK, OK_NO_TOLERANCE, ..., NO_QUORUM, UNREACHABLE,
     *                                    INVALIDATED, FENCED_WRITES
     * @param errantGtidSet               transactionSetErrantGtidSet (extended status of replicas)
     * @param topology                    instances by address (host:port), empty when the status was not extended
     */
    public record Cluster(
            String name,
            String clusterRole,
            String globalStatus,
            String status,
            String statusText,
            Optional<String> primary,
            Optional<String> clusterSetReplicationStatus,
            Optional<String> errantGtidSet,
            Map<String, Instance> topology,
            List<String> clusterErrors) {

        public boolean isPrimary() {
            return "PRIMARY".equalsIgnoreCase(clusterRole);
        }

        public boolean invalidated() {
            return "INVALIDATED".equalsIgnoreCase(globalStatus) || "INVALIDATED".equalsIgnoreCase(status);
        }

        /** The AdminAPI could reach none of its members. */
        public boolean unreachable() {
            return "UNREACHABLE".equalsIgnoreCase(status)
                    || "NO_QUORUM".equalsIgnoreCase(status)
                    || "OFFLINE".equalsIgnoreCase(status)
                    || "UNAVAILABLE".equalsIgnoreCase(status);
        }

        public boolean fencedWrites() {
            return status.toUpperCase(java.util.Locale.ROOT).startsWith("FENCED");
        }

        /** The cluster itself serves (OK, OK_PARTIAL, OK_NO_TOLERANCE, ...). */
        public boolean online() {
            return status.toUpperCase(java.util.Locale.ROOT).startsWith("OK");
        }

        /**
         * The first message of the Shell asking for {@code cluster.rescan()} because an instance is in the group but
         * not in the metadata (cluster/status.cc "Instance is not managed by InnoDB cluster", cluster_impl.cc "is not
         * stored in the metadata"): what {@code rescan({addUnmanaged: true})} repairs.
         */
        public Optional<String> rescanAdvice() {
            return java.util.stream.Stream.concat(
                            clusterErrors.stream(),
                            topology.values().stream().flatMap(i -> i.instanceErrors().stream()))
                    .filter(e -> e.contains("rescan()")
                            && (e.contains("not managed by InnoDB cluster")
                                    || e.contains("not stored in the metadata")))
                    .findFirst();
        }

        /** Is an instance with this host (FQDN without port) registered in the cluster's metadata? */
        public boolean hasInstanceOnHost(String host) {
            return hasHost(topology, host);
        }
    }

    /** Is a key of {@code topology} (a Shell instance label, host:port) on this host (FQDN without port)? */
    static boolean hasHost(Map<String, Instance> topology, String host) {
        return topology.keySet().stream().anyMatch(a -> hostOf(a).equalsIgnoreCase(host));
    }

    /**
     * One server of a member cluster. {@code status}: ONLINE, RECOVERING, OFFLINE, (MISSING), UNREACHABLE;
     * {@code instanceErrors} as the Shell lists them (cluster/status.cc), e.g. "... Use cluster.rescan() to repair.";
     * {@code version} the server version the group reports for a member (cluster/status.cc feed_member_info:
     * replication_group_members.MEMBER_VERSION), absent for instances outside the group.
     */
    public record Instance(
            String address,
            String memberRole,
            String mode,
            String status,
            List<String> instanceErrors,
            Optional<String> version) {
        public Instance(String address, String memberRole, String mode, String status, List<String> instanceErrors) {
            this(address, memberRole, mode, status, instanceErrors, Optional.empty());
        }

        public Instance(String address, String memberRole, String mode, String status) {
            this(address, memberRole, mode, status, List.of());
        }

        public boolean online() {
            return "ONLINE".equalsIgnoreCase(status);
        }
    }

    public Optional<Cluster> cluster(String mysqlClusterName) {
        return Optional.ofNullable(clusters.get(mysqlClusterName));
    }

    public Optional<Cluster> primary() {
        return cluster(primaryCluster);
    }

    public List<String> invalidatedClusters() {
        return clusters.values().stream()
                .filter(Cluster::invalidated)
                .map(Cluster::name)
                .sorted()
                .toList();
    }

    /** {@code host:port} to host; addresses without a port stay as they are. */
    public static String hostOf(String address) {
        int colon = address.lastIndexOf(':');
        return colon < 0 || address.indexOf(']') > colon ? address : address.substring(0, colon);
    }
}
