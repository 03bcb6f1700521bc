package dev.mysqlcs.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonObject;
import dev.mysqlcs.testing.LocalMySqld;
import dev.mysqlcs.testing.ShellMetadata;
import dev.mysqlcs.testing.ShellMetadata.ClusterRow;
import dev.mysqlcs.testing.SqlScript;
import dev.mysqlcs.testing.Upstream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link AdminApi#EPOCH_SQL} against a real mysqld 8.0.31 holding the real metadata schema (2.2.0 of Shell 8.4 and
 * 2.4.0 of Shell 9.x, from mysqlcs-testing's upstream/), with the epoch tag written by the very UPDATE the Shell issues for a
 * custom tag ({@code MetadataStorage::set_table_tag}, modules/adminapi/common/metadata_storage.cc, tags 8.4.8 and
 * 9.6.0): {@code Cluster.setOption('tag:...')} passes the cluster's id, {@code ClusterSet.setOption('tag:...')} the
 * ClusterSet's. The server plays the primary cluster's primary; AdminApi runs the same statement through
 * {@code session.runSql} and parses its one column with {@link AdminApi#epochOf}, as here.
 */
@Tag("slow")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminApiEpochSqlIT {

    private LocalMySqld server;
    private String uuid;

    @BeforeAll
    void start() throws Exception {
        server = LocalMySqld.start(3101);
        uuid = server.queryString("SELECT @@server_uuid");
    }

    @AfterAll
    void stop() {
        LocalMySqld.closeAll(server);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2.2.0", "2.4.0"})
    void theEpochIsTheHighestClusterTagAndClusterSetTagsAreLost(String version) throws SQLException {
        try (Connection c = server.root()) {
            try (Statement st = c.createStatement()) {
                st.execute("DROP SCHEMA IF EXISTS mysql_innodb_cluster_metadata");
            }
            SqlScript.run(c, Upstream.read("mysql-shell/metadata/metadata-model-" + version + ".sql"));
            ClusterRow prd = ClusterRow.of("prd", server.host() + ":" + server.port(), uuid);
            ClusterRow dr = ClusterRow.of(
                    "dr", "dr-0.dr-instances.mysql-dr.svc.cluster.local:3306", "5f3e0c1a-0000-11ef-8000-000000000002");
            ShellMetadata.insertClusters(c, List.of(prd, dr));
            assertEquals(Optional.empty(), epoch(c), "a standalone InnoDB cluster: no ClusterSet");

            String csId = ShellMetadata.createClusterSet(c, "mycs", prd.clusterId(), List.of(dr.clusterId()));
            assertEquals(Optional.of(OptionalLong.empty()), epoch(c), "a ClusterSet without the tag");

            assertEquals(0, tagAsTheShellDoes(c, csId, "5"), "ClusterSet.setOption: no cluster row has that id");
            assertEquals(Optional.of(OptionalLong.empty()), epoch(c));

            assertEquals(1, tagAsTheShellDoes(c, prd.clusterId(), "1"), "Cluster.setOption on the primary");
            assertEquals(Optional.of(OptionalLong.of(1)), epoch(c));
            assertEquals(1, tagAsTheShellDoes(c, dr.clusterId(), "2"), "the next primary's tag");
            assertEquals(Optional.of(OptionalLong.of(2)), epoch(c));
            assertEquals(1, tagAsTheShellDoes(c, prd.clusterId(), "3"), "and back: the tag is overwritten");
            assertEquals(Optional.of(OptionalLong.of(3)), epoch(c));

            assertEquals(1, tagAsTheShellDoes(c, dr.clusterId(), "4"));
            ShellMetadata.removeMember(c, csId, dr.clusterId());
            assertEquals(Optional.of(OptionalLong.of(3)), epoch(c), "a removed cluster's tag no longer counts");
        }
    }

    /** {@link AdminApi#CLUSTER_GROUPS_SQL}: the group name routingOptions() stores for target_cluster, by cluster. */
    @ParameterizedTest
    @ValueSource(strings = {"2.2.0", "2.4.0"})
    void clusterNamesByGroupNameComeFromTheGrClustersView(String version) throws SQLException {
        try (Connection c = server.root()) {
            try (Statement st = c.createStatement()) {
                st.execute("DROP SCHEMA IF EXISTS mysql_innodb_cluster_metadata");
            }
            SqlScript.run(c, Upstream.read("mysql-shell/metadata/metadata-model-" + version + ".sql"));
            ShellMetadata.insertClusters(
                    c,
                    List.of(
                            ClusterRow.of("prd", server.host() + ":" + server.port(), uuid),
                            ClusterRow.of(
                                    "dr",
                                    "dr-0.dr-instances.mysql-dr.svc.cluster.local:3306",
                                    "5f3e0c1a-0000-11ef-8000-000000000002")));
            java.util.Map<String, String> expected = new java.util.TreeMap<>();
            try (Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery(
                            "SELECT attributes->>"
                                    + "'$.group_replication_group_name', cluster_name FROM mysql_innodb_cluster_metadata.clusters")) {
                while (rs.next()) {
                    expected.put(rs.getString(1), rs.getString(2));
                }
            }
            java.util.Map<String, String> read = new java.util.TreeMap<>();
            try (Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery(AdminApi.CLUSTER_GROUPS_SQL)) {
                while (rs.next()) {
                    read.put(rs.getString(2), rs.getString(1));
                }
            }
            assertEquals(2, expected.size());
            assertEquals(expected, read);
        }
    }

    /** The statement and parsing of {@link AdminApi#primaryEpoch}; empty outside a ClusterSet. */
    private static Optional<OptionalLong> epoch(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(AdminApi.EPOCH_SQL)) {
            rs.next();
            String printed = rs.getString(1);
            JsonObject doc =
                    ShellJson.lastResult(printed, j -> j.has("clusters")).orElseThrow();
            return AdminApi.epochOf(doc);
        }
    }

    /**
     * {@code setOption('tag:mysqlcs_primary_epoch', value)}: the Shell merges {@code {"tags": {name: value}}} into
     * {@code clusters.attributes} of the row whose {@code cluster_id} is the object's id, the value cast from its
     * JSON text.
     *
     * @return the rows changed
     */
    private static int tagAsTheShellDoes(Connection c, String id, String valueJson) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE mysql_innodb_cluster_metadata.clusters"
                + " SET attributes = JSON_MERGE_PATCH(attributes, JSON_OBJECT('tags', JSON_OBJECT(?, CAST(? AS JSON))))"
                + " WHERE cluster_id = ?")) {
            ps.setString(1, AdminApi.EPOCH_TAG);
            ps.setString(2, valueJson);
            ps.setString(3, id);
            return ps.executeUpdate();
        }
    }
}
