package dev.mysqlcs.io;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Read-only questions asked of one MySQL server over JDBC (through a port-forward in a real cluster), plus the
 * ClusterSet mutation lock. Preflight checks and Read are built on this; nothing here mutates data.
 */
public interface InstanceProbe extends AutoCloseable {

    InstanceState instanceState();

    /** {@code GTID_SUBSET(subset, set)}: true when every transaction of {@code subset} is in {@code set}. */
    boolean gtidSubset(String subset, String set);

    /** {@code GTID_SUBTRACT(set, subtract)}: the transactions of {@code set} not in {@code subtract}. */
    String gtidSubtract(String set, String subtract);

    /** Schemas that hold user data: everything but the system and InnoDB cluster metadata schemas. */
    List<String> userSchemas();

    Optional<ChannelStatus> replicationChannel(String channel);

    /** Empty when the server holds no ClusterSet metadata (standalone, or no metadata schema at all). */
    Optional<ClusterSetMetadata> clusterSetMetadata();

    /**
     * {@code GET_LOCK(name, wait)}: held while this probe's session lives, so a crashed run never leaves a stale
     * lock behind. False when another session holds it after {@code wait}.
     */
    boolean tryLock(String name, Duration wait);

    void unlock(String name);

    @Override
    void close();
}
