package dev.mysqlcs.model;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Router options of one member's MySQL Routers in the ClusterSet (config {@code clusterSet.members[i].routing}), set
 * per router with {@code clusterSet.setRoutingOption(router, option, value)}. The options and values are MySQL
 * Shell's for a ClusterSet (modules/adminapi/common/router.h {@code k_clusterset_router_options}, validated by
 * common/router.cc {@code validate_router_option}); {@code tags} is not offered.
 *
 * @param values option name to value: String for target_cluster (a member name or {@code primary}),
 *               invalidated_cluster_policy, read_only_targets; Long for stats_updates_frequency; Boolean for
 *               use_replica_primary_as_rw
 */
public record RoutingOptions(Map<String, Object> values) {

    public static final String TARGET_CLUSTER = "target_cluster";
    public static final String INVALIDATED_CLUSTER_POLICY = "invalidated_cluster_policy";
    public static final String STATS_UPDATES_FREQUENCY = "stats_updates_frequency";
    public static final String USE_REPLICA_PRIMARY_AS_RW = "use_replica_primary_as_rw";
    public static final String READ_ONLY_TARGETS = "read_only_targets";

    /** The options a config may set, in the Shell's order. */
    public static final List<String> OPTIONS = List.of(
            TARGET_CLUSTER,
            INVALIDATED_CLUSTER_POLICY,
            STATS_UPDATES_FREQUENCY,
            USE_REPLICA_PRIMARY_AS_RW,
            READ_ONLY_TARGETS);
    /** common/router.h {@code k_router_option_invalidated_cluster_routing_policy_*}. */
    public static final List<String> INVALIDATED_POLICIES = List.of("drop_all", "accept_ro");
    /** common/router.h {@code k_router_option_read_only_targets_*}. */
    public static final List<String> READ_ONLY_TARGET_VALUES = List.of("all", "read_replicas", "secondaries");

    public static final String PRIMARY = "primary";

    public RoutingOptions {
        values = java.util.Collections.unmodifiableMap(new TreeMap<>(values));
    }

    public static RoutingOptions none() {
        return new RoutingOptions(Map.of());
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }
}
