package dev.mysqlcs.io;

/** What one MySQL server says about itself (JDBC: @@server_id, @@server_uuid, @@gtid_executed, read-only flags). */
public record InstanceState(
        long serverId,
        String serverUuid,
        String version,
        String gtidExecuted,
        boolean superReadOnly,
        boolean readOnly) {}
