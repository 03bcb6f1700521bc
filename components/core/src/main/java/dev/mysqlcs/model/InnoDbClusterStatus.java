package dev.mysqlcs.model;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code cluster status} of one InnoDB cluster, as MySQL Shell reports it (defaultReplicaSet), plus the ClusterSet
 * keys a ClusterSet member adds ({@code clusterRole}, {@code domainName}).
 */
public record InnoDbClusterStatus(
        String clusterName,
        String status,
        String statusText,
        Map<String, ClusterSetStatus.Instance> topology,
        Optional<String> clusterRole,
        Optional<String> domainName) {

    /** The cluster serves: OK, OK_PARTIAL, OK_NO_TOLERANCE, OK_NO_TOLERANCE_PARTIAL. */
    public boolean online() {
        return status.toUpperCase(Locale.ROOT).startsWith("OK");
    }

    /** Every one of {@code instances} configured instances is in the topology and ONLINE. */
    public boolean everyInstanceOnline(int instances) {
        return online() && onlineInstances() >= instances;
    }

    /** Is an instance with this host (FQDN without port) in the cluster's topology? */
    public boolean hasInstanceOnHost(String host) {
        return ClusterSetStatus.hasHost(topology, host);
    }

    public long onlineInstances() {
        return topology.values().stream()
                .filter(i -> "ONLINE".equalsIgnoreCase(i.status()))
                .count();
    }
}
