package dev.mysqlcs.model;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Router options of one member's MySQL Routers in the ClusterSet (config {@code clusterSet.members[i].routing}), set
 * per router with {@code clusterSet.setRoutingOption(router, option, value)}. The options and values are MySQL
 * Shell's for a ClusterSet (modules/adminapi/common/router.h {@code k_clusterset_router_options}, validated by
 * common/router.cc {@code validate_router_option}). {@code tags} (a ClusterSet router option since Shell 8.1.0:
 * router.h {@code k_clusterset_router_options}; 8.0's {@code k_router_options} lacks it) is stored as the router's
 * own {@code $.tags} object, replaced whole by {@code setRoutingOption(router, 'tags', {...})} and removed by
 * {@code setRoutingOption(router, 'tags', null)} (metadata_storage.cc {@code set_routing_option}: JSON_SET /
 * JSON_REMOVE of {@code routers.options}).
 *
 * @param values option name to value: String for target_cluster (a member name or {@code primary}),
 *               invalidated_cluster_policy, read_only_targets; Long for stats_updates_frequency; Boolean for
 *               use_replica_primary_as_rw; for tags a sorted map of tag name to String, Long or Boolean
 */
public record RoutingOptions(Map<String, Object> values) {

    public static final String TARGET_CLUSTER = "target_cluster";
    public static final String INVALIDATED_CLUSTER_POLICY = "invalidated_cluster_policy";
    public static final String STATS_UPDATES_FREQUENCY = "stats_updates_frequency";
    public static final String USE_REPLICA_PRIMARY_AS_RW = "use_replica_primary_as_rw";
    public static final String READ_ONLY_TARGETS = "read_only_targets";
    public static final String TAGS = "tags";

    /** The options a config may set, in the Shell's order. */
    public static final List<String> OPTIONS = List.of(
            TARGET_CLUSTER,
            INVALIDATED_CLUSTER_POLICY,
            STATS_UPDATES_FREQUENCY,
            USE_REPLICA_PRIMARY_AS_RW,
            TAGS,
            READ_ONLY_TARGETS);
    /** common/router.h {@code k_router_option_invalidated_cluster_routing_policy_*}. */
    public static final List<String> INVALIDATED_POLICIES = List.of("drop_all", "accept_ro");
    /** common/router.h {@code k_router_option_read_only_targets_*}. */
    public static final List<String> READ_ONLY_TARGET_VALUES = List.of("all", "read_replicas", "secondaries");

    public static final String PRIMARY = "primary";

    public RoutingOptions {
        TreeMap<String, Object> copy = new TreeMap<>(values);
        copy.computeIfPresent(TAGS, (k, v) -> java.util.Collections.unmodifiableMap(new TreeMap<>((Map<?, ?>) v)));
        values = java.util.Collections.unmodifiableMap(copy);
    }

    /**
     * The JSON text of a value as the planner and the provider's reading of the metadata both write it, so that the
     * two compare as text: strings quoted with {@code \\} and {@code "} escaped, numbers and booleans as they are,
     * maps with their keys sorted and no spaces.
     */
    public static String json(Object value) {
        if (value instanceof String s) {
            StringBuilder b = new StringBuilder("\"");
            for (char c : s.toCharArray()) {
                switch (c) {
                    case '"' -> b.append("\\\"");
                    case '\\' -> b.append("\\\\");
                    default -> {
                        if (c < 0x20) {
                            b.append(String.format("\\u%04x", (int) c));
                        } else {
                            b.append(c);
                        }
                    }
                }
            }
            return b.append('"').toString();
        }
        if (value instanceof Map<?, ?> m) {
            StringBuilder b = new StringBuilder("{");
            new TreeMap<>(m).forEach((k, v) -> {
                if (b.length() > 1) {
                    b.append(',');
                }
                b.append(json(k.toString())).append(':').append(json(v));
            });
            return b.append('}').toString();
        }
        return String.valueOf(value);
    }

    /**
     * The values as Pulumi resource inputs carry them: numbers as doubles (the provider's parser reads whole ones back
     * as integers), tags included.
     */
    public Map<String, Object> wire() {
        Map<String, Object> out = new TreeMap<>();
        values.forEach((k, v) -> out.put(k, wire(v)));
        return out;
    }

    private static Object wire(Object v) {
        if (v instanceof Long l) {
            return l.doubleValue();
        }
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new TreeMap<>();
            m.forEach((k, x) -> out.put(k.toString(), wire(x)));
            return out;
        }
        return v;
    }

    public static RoutingOptions none() {
        return new RoutingOptions(Map.of());
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }
}
