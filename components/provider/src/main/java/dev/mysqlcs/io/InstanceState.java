package dev.mysqlcs.io;

/**
 * What one MySQL server says about itself (JDBC: @@server_id, @@server_uuid, @@version, @@gtid_executed, read-only
 * flags, and @@version_compile_os / @@version_compile_machine, which MySQL Shell's clone check compares besides the
 * version: mysql/mysql-shell modules/adminapi/common/base_cluster_impl.cc:617-647 check_compatible_clone_donor, read
 * by mysqlshdk/libs/mysql/instance.cc:157-173 as GLOBAL system variables).
 */
public record InstanceState(
        long serverId,
        String serverUuid,
        String version,
        String gtidExecuted,
        boolean superReadOnly,
        boolean readOnly,
        String versionCompileOs,
        String versionCompileMachine) {}
