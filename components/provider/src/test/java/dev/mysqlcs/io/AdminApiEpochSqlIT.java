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

    /**
     * {@link AdminApi#ROUTER_OPTIONS_SQL}, {@link AdminApi#CLUSTERSET_ROUTER_OPTIONS_SQL}: the options the Shell stores
     * (metadata_storage.cc set_routing_option: JSON_SET of {@code routers.options} with the value's JSON text, and
     * JSON_REMOVE for null; set_global_routing_option on {@code clustersets.router_options}), read back and parsed as
     * the provider compares them with the config.
     */
    @ParameterizedTest
    @ValueSource(strings = {"2.2.0", "2.4.0"})
    void routerOptionsAreReadAsTheShellStoresThem(String version) throws SQLException {
        try (Connection c = server.root()) {
            try (Statement st = c.createStatement()) {
                st.execute("DROP SCHEMA IF EXISTS mysql_innodb_cluster_metadata");
            }
            SqlScript.run(c, Upstream.read("mysql-shell/metadata/metadata-model-" + version + ".sql"));
            ClusterRow prd = ClusterRow.of("prd", server.host() + ":" + server.port(), uuid);
            ClusterRow dr = ClusterRow.of(
                    "dr", "dr-0.dr-instances.mysql-dr.svc.cluster.local:3306", "5f3e0c1a-0000-11ef-8000-000000000002");
            ShellMetadata.insertClusters(c, List.of(prd, dr));
            String csId = ShellMetadata.createClusterSet(c, "mycs", prd.clusterId(), List.of(dr.clusterId()));
            String drGroup;
            try (Statement st = c.createStatement();
                    ResultSet rs =
                            st.executeQuery("SELECT group_name FROM mysql_innodb_cluster_metadata.v2_gr_clusters WHERE "
                                    + "cluster_name = 'dr'")) {
                rs.next();
                drGroup = rs.getString(1);
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE mysql_innodb_cluster_metadata.clustersets SET "
                    + "router_options = ? WHERE clusterset_id = ?")) {
                // cluster_set_impl.cc: createClusterSet stores k_default_clusterset_router_options (null ones too)
                ps.setString(
                        1,
                        "{\"invalidated_cluster_policy\": \"drop_all\", \"target_cluster\": \"primary\", "
                                + "\"stats_updates_frequency\": 30, \"use_replica_primary_as_rw\": false, \"tags\": {}, "
                                + "\"read_only_targets\": \"secondaries\"}");
                ps.setString(2, csId);
                ps.execute();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO mysql_innodb_cluster_metadata.routers "
                    + "(router_name, product_name, address, version, attributes, options, clusterset_id) VALUES "
                    + "('', 'MySQL Router', ?, '9.7.0', '{\"bootstrapTargetType\": \"clusterset\"}', NULL, ?)")) {
                for (String pod : List.of("dr-router-5c7d8-qx2lp", "dr-router-5c7d8-7wz9k")) {
                    ps.setString(1, pod);
                    ps.setString(2, csId);
                    ps.execute();
                }
            }
            String a = "dr-router-5c7d8-qx2lp::";
            setAsTheShellDoes(c, csId, a, "target_cluster", "\"" + drGroup + "\"");
            setAsTheShellDoes(c, csId, a, "tags", "{\"zone\": \"eu-west-1\", \"weight\": 3, \"canary\": false}");
            setAsTheShellDoes(c, csId, a, "stats_updates_frequency", "5");
            setAsTheShellDoes(c, csId, a, "stats_updates_frequency", null);

            JsonObject read = new JsonObject();
            JsonObject routers = new JsonObject();
            JsonObject own = new JsonObject();
            try (PreparedStatement ps = c.prepareStatement(AdminApi.ROUTER_OPTIONS_SQL)) {
                ps.setString(1, "mycs");
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        routers.add(rs.getString(1), new JsonObject());
                        own.add(
                                rs.getString(1),
                                rs.getString(2) == null
                                        ? new JsonObject()
                                        : com.google.gson.JsonParser.parseString(rs.getString(2)));
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement(AdminApi.CLUSTERSET_ROUTER_OPTIONS_SQL)) {
                ps.setString(1, "mycs");
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    read.add("global", com.google.gson.JsonParser.parseString(rs.getString(1)));
                }
            }
            JsonObject groups = new JsonObject();
            try (Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery(AdminApi.CLUSTER_GROUPS_SQL)) {
                while (rs.next()) {
                    groups.addProperty(rs.getString(2), rs.getString(1));
                }
            }
            read.add("routers", routers);
            read.add("own", own);
            read.add("groups", groups);
            java.util.Map<String, String> defaults = java.util.Map.of(
                    "target_cluster", "\"primary\"",
                    "invalidated_cluster_policy", "\"drop_all\"",
                    "stats_updates_frequency", "30",
                    "use_replica_primary_as_rw", "false",
                    "read_only_targets", "\"secondaries\"");
            java.util.Map<String, String> first = new java.util.TreeMap<>(defaults);
            first.put("target_cluster", "\"dr\"");
            first.put("tags", "{\"canary\":false,\"weight\":3,\"zone\":\"eu-west-1\"}");
            assertEquals(
                    java.util.Map.of(a, first, "dr-router-5c7d8-7wz9k::", defaults), AdminApi.parseRouterOptions(read));
            // The planner's JSON text of the config's tags is the text read back: no second setRoutingOption.
            assertEquals(
                    first.get("tags"),
                    dev.mysqlcs.model.RoutingOptions.json(
                            java.util.Map.of("zone", "eu-west-1", "weight", 3L, "canary", false)));
        }
    }

    /** metadata_storage.cc set_routing_option for a ClusterSet router: JSON_SET, or JSON_REMOVE for null. */
    private static void setAsTheShellDoes(Connection c, String csId, String router, String option, String json)
            throws SQLException {
        String sql = json == null
                ? "UPDATE mysql_innodb_cluster_metadata.routers r SET r.options = JSON_REMOVE(r.options, concat('$.', "
                        + "?)) WHERE r.clusterset_id = ? AND CONCAT(CONVERT(r.address using utf8mb4), '::', "
                        + "r.router_name) = ?"
                : "UPDATE mysql_innodb_cluster_metadata.routers r SET r.options = JSON_SET(IFNULL(r.options, '{}'), "
                        + "concat('$.', ?), CAST(? as JSON)) WHERE r.clusterset_id = ? AND CONCAT(CONVERT(r.address "
                        + "using utf8mb4), '::', r.router_name) = ?";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            ps.setString(i++, option);
            if (json != null) {
                ps.setString(i++, json);
            }
            ps.setString(i++, csId);
            ps.setString(i, router);
            assertEquals(1, ps.executeUpdate(), option + " of " + router);
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
