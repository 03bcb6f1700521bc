package dev.mysqlcs.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;

/**
 * Writes InnoDB cluster and ClusterSet records into a real {@code mysql_innodb_cluster_metadata} schema the way the
 * Shell does: plain rows for clusters and instances, then the metadata's own stored procedures for the ClusterSet
 * ({@code v2_cs_created}, {@code v2_cs_member_added}, {@code v2_cs_member_removed}).
 */
public final class ShellMetadata {

    private ShellMetadata() {}

    /** One InnoDB cluster with one instance, identified by its {@code host:port} and {@code @@server_uuid}. */
    public record ClusterRow(String clusterId, String name, String address, String serverUuid) {
        public static ClusterRow of(String name, String address, String serverUuid) {
            return new ClusterRow(UUID.randomUUID().toString(), name, address, serverUuid);
        }
    }

    /** Cluster and instance rows, as {@code dba.createCluster()} leaves them (no ClusterSet yet). */
    public static void insertClusters(Connection c, List<ClusterRow> clusters) throws SQLException {
        try (PreparedStatement cluster = c.prepareStatement("INSERT INTO mysql_innodb_cluster_metadata.clusters"
                        + " (cluster_id, cluster_name, description, options, attributes, cluster_type, primary_mode,"
                        + " router_options) VALUES (?, ?, 'Default Cluster', '{}',"
                        + " JSON_OBJECT('group_replication_group_name', ?, 'adopted', 0), 'gr', 'pm', '{}')");
                PreparedStatement instance = c.prepareStatement(
                        "INSERT INTO mysql_innodb_cluster_metadata.instances"
                                + " (cluster_id, address, mysql_server_uuid, instance_name, addresses, attributes,"
                                + " instance_type) VALUES (?, ?, ?, ?, JSON_OBJECT('mysqlClassic', ?), '{}', 'group-member')")) {
            for (ClusterRow r : clusters) {
                cluster.setString(1, r.clusterId());
                cluster.setString(2, r.name());
                cluster.setString(3, UUID.randomUUID().toString());
                cluster.execute();
                instance.setString(1, r.clusterId());
                instance.setString(2, r.address());
                instance.setString(3, r.serverUuid());
                instance.setString(4, r.address());
                instance.setString(5, r.address());
                instance.execute();
            }
        }
    }

    /**
     * {@code cluster.createClusterSet(domain)} on {@code primary}, then {@code createReplicaCluster} of each replica.
     *
     * @return the new ClusterSet's id (the procedure draws it with {@code uuid()})
     */
    public static String createClusterSet(Connection c, String domain, String primaryId, List<String> replicaIds)
            throws SQLException {
        try (PreparedStatement created =
                c.prepareStatement("CALL mysql_innodb_cluster_metadata.v2_cs_created(?, ?, '{}', @cs_id)")) {
            created.setString(1, domain);
            created.setString(2, primaryId);
            created.execute();
        }
        String id;
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT @cs_id")) {
            rs.next();
            id = rs.getString(1);
        }
        try (PreparedStatement added =
                c.prepareStatement("CALL mysql_innodb_cluster_metadata.v2_cs_member_added(?, ?, ?, '{}')")) {
            for (String replica : replicaIds) {
                added.setString(1, id);
                added.setString(2, replica);
                added.setString(3, primaryId);
                added.execute();
            }
        }
        return id;
    }

    /** {@code clusterSet.removeCluster(name)} as recorded on the primary. */
    public static void removeMember(Connection c, String clusterSetId, String clusterId) throws SQLException {
        try (PreparedStatement removed =
                c.prepareStatement("CALL mysql_innodb_cluster_metadata.v2_cs_member_removed(?, ?)")) {
            removed.setString(1, clusterSetId);
            removed.setString(2, clusterId);
            removed.execute();
        }
    }
}
