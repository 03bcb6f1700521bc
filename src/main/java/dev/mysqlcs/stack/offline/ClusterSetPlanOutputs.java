package dev.mysqlcs.stack.offline;

import com.google.gson.Gson;
import dev.mysqlcs.config.TopologyParser;
import dev.mysqlcs.model.ClusterSetSpec;
import dev.mysqlcs.model.Member;
import dev.mysqlcs.plan.ClusterSetPlanner;
import dev.mysqlcs.plan.FirstDeploy;
import dev.mysqlcs.plan.Intent;
import dev.mysqlcs.plan.StepPlan;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * What the mysqlcs provider would report for its resources after this stack's first {@code pulumi up}, for offline
 * plans: the steps the real planner picks against {@link FirstDeploy}'s world, and the outputs that follow from them.
 */
public final class ClusterSetPlanOutputs {

    static final String MYSQLCS = "mysqlcs:index:";
    /** The provider's resource types (other mysqlcs:index: types are the program's own components). */
    static final Set<String> TYPES = Set.of("ClusterSet", "ClusterSetMember", "ClusterSetPrimary");
    private static final Gson GSON = new Gson();

    private ClusterSetPlanOutputs() {
    }

    /** Computed outputs of a mysqlcs resource; empty for any other type. */
    public static Map<String, Object> of(String type, Map<String, Object> inputs) {
        Map<String, Object> out = new HashMap<>();
        String kind = type.startsWith(MYSQLCS) ? type.substring(MYSQLCS.length()) : "";
        if (!TYPES.contains(kind)) {
            return out;
        }
        Object rawSpec = inputs.get("spec");
        Optional<ClusterSetSpec> parsed = rawSpec instanceof Map<?, ?>
                ? TopologyParser.parseClusterSet(GSON.toJson(rawSpec)).clusterSet() : Optional.empty();
        if (parsed.isEmpty()) {
            return out;
        }
        ClusterSetSpec spec = parsed.get();
        Set<String> deploy = new LinkedHashSet<>();
        if (inputs.get("deploy") instanceof List<?> l) {
            l.forEach(x -> deploy.add(String.valueOf(x)));
        }
        Intent intent = switch (kind) {
            case "ClusterSet" -> new Intent.EnsureClusterSet();
            case "ClusterSetMember" -> new Intent.EnsureMember(String.valueOf(inputs.get("member")));
            default -> new Intent.EnsurePrimary();
        };
        StepPlan plan = ClusterSetPlanner.plan(intent, spec, deploy, FirstDeploy.observation(spec, deploy, intent));
        Member primary = spec.primaryMember();
        out.put("plannedSteps", plan.describe());
        out.put("appliedSteps", List.of());
        out.put("notes", plan.notes());
        out.put("clusterSetStatus", "HEALTHY");
        out.put("primaryCluster", primary.mysqlClusterName());
        out.put("primaryEpoch", (double) spec.primaryEpoch());
        if (kind.equals("ClusterSet")) {
            out.put("domainName", spec.name());
            out.put("statusText", "All Clusters available.");
            out.put("members", spec.members().stream().map(Member::mysqlClusterName).toList());
            out.put("invalidatedClusters", List.of());
        } else if (kind.equals("ClusterSetMember")) {
            spec.member(String.valueOf(inputs.get("member"))).ifPresent(m -> {
                out.put("clusterName", m.mysqlClusterName());
                out.put("clusterRole", m.name().equals(primary.name()) ? "PRIMARY" : "REPLICA");
                out.put("globalStatus", "OK");
                out.put("clusterStatus", "OK");
                out.put("instances", IntStream.range(0, m.instances())
                        .mapToObj(i -> m.podFqdn(i, spec.domain()) + ":3306").toList());
                out.put("invalidated", false);
            });
        }
        return out;
    }
}
