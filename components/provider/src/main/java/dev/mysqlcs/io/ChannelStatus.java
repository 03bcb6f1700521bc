package dev.mysqlcs.io;

/**
 * A replication channel as performance_schema reports it (replication_connection_status joined with
 * replication_applier_status_by_worker): the ClusterSet channel is {@code clusterset_replication}.
 *
 * @param serviceState receiver state: ON, OFF, CONNECTING
 */
public record ChannelStatus(
        String channel,
        String serviceState,
        String sourceUuid,
        int lastErrorNumber,
        String lastErrorMessage,
        String receivedTransactionSet) {

    public static final String CLUSTERSET_CHANNEL = "clusterset_replication";

    public boolean running() {
        return "ON".equals(serviceState);
    }
}
