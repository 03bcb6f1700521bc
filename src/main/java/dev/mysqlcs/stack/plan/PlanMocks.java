package dev.mysqlcs.stack.plan;

import com.google.gson.Gson;
import com.pulumi.test.Mocks;
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
import java.util.concurrent.CompletableFuture;

/**
 * The engine's side of an offline plan: every resource "exists" with its inputs as its state, as it would right
 * after a create. The mysqlcs ClusterSet resources also get the outputs their provider would compute on a first
 * deployment: the steps the planner picks against {@link FirstDeploy}'s world. No cluster, credentials or network.
 */
public final class PlanMocks implements Mocks {

    static final String MYSQLCS = "mysqlcs:index:";
    private static final Gson GSON = new Gson();

    @Override
    public CompletableFuture<ResourceResult> newResourceAsync(ResourceArgs args) {
        Map<String, Object> state = new HashMap<>(args.inputs);
        if (args.type.startsWith(MYSQLCS)) {
            state.putAll(clusterSetOutputs(args.type.substring(MYSQLCS.length()), args.inputs));
        }
        return CompletableFuture.completedFuture(ResourceResult.of(Optional.of(args.name + "-id"), state));
    }

    @Override
    public CompletableFuture<Map<String, Object>> callAsync(CallArgs args) {
        return CompletableFuture.completedFuture(Map.of());
    }

    /** What the mysqlcs provider would report after the first {@code pulumi up} of this stack. */
    static Map<String, Object> clusterSetOutputs(String type, Map<String, Object> inputs) {
        Map<String, Object> out = new HashMap<>();
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
        Intent intent = switch (type) {
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
        if (type.equals("ClusterSet")) {
            out.put("domainName", spec.name());
            out.put("statusText", "All Clusters available.");
            out.put("members", spec.members().stream().map(Member::mysqlClusterName).toList());
            out.put("invalidatedClusters", List.of());
        } else if (type.equals("ClusterSetMember")) {
            spec.member(String.valueOf(inputs.get("member"))).ifPresent(m -> {
                out.put("clusterName", m.mysqlClusterName());
                out.put("clusterRole", m.name().equals(primary.name()) ? "PRIMARY" : "REPLICA");
                out.put("globalStatus", "OK");
                out.put("clusterStatus", "OK");
                out.put("instances", java.util.stream.IntStream.range(0, m.instances())
                        .mapToObj(i -> m.podFqdn(i, spec.domain()) + ":3306").toList());
                out.put("invalidated", false);
            });
        }
        return out;
    }
}
