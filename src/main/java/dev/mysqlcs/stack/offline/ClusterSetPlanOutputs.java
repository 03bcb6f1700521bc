package dev.mysqlcs.stack.offline;

import com.google.gson.Gson;
import dev.mysqlcs.config.TopologyParser;
import dev.mysqlcs.contract.ClusterSetContract;
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

    private static final Gson GSON = new Gson();

    private ClusterSetPlanOutputs() {}

    /** Computed outputs of a mysqlcs resource; empty for any other type. */
    public static Map<String, Object> of(String type, Map<String, Object> inputs) {
        Map<String, Object> out = new HashMap<>();
        // Only the provider's resource types: other mysqlcs:index: types are the program's own components.
        Optional<ClusterSetContract.Kind> kind = ClusterSetContract.Kind.ofToken(type);
        if (kind.isEmpty()) {
            return out;
        }
        Object rawSpec = inputs.get(ClusterSetContract.SPEC);
        Optional<ClusterSetSpec> parsed = rawSpec instanceof Map<?, ?>
                ? TopologyParser.parseClusterSet(GSON.toJson(rawSpec)).clusterSet()
                : Optional.empty();
        if (parsed.isEmpty()) {
            return out;
        }
        ClusterSetSpec spec = parsed.get();
        Set<String> deploy = new LinkedHashSet<>();
        if (inputs.get(ClusterSetContract.DEPLOY) instanceof List<?> l) {
            l.forEach(x -> deploy.add(String.valueOf(x)));
        }
        Optional<String> member =
                Optional.ofNullable(inputs.get(ClusterSetContract.MEMBER)).map(String::valueOf);
        Intent intent = kind.get().ensure(member.or(() -> Optional.of("null")));
        StepPlan plan = ClusterSetPlanner.plan(intent, spec, deploy, FirstDeploy.observation(spec, deploy, intent));
        Member primary = spec.primaryMember();
        out.put(ClusterSetContract.PLANNED_STEPS, plan.describe());
        out.put(ClusterSetContract.APPLIED_STEPS, List.of());
        out.put(ClusterSetContract.NOTES, plan.notes());
        out.put(ClusterSetContract.CLUSTER_SET_STATUS, "HEALTHY");
        out.put(ClusterSetContract.PRIMARY_CLUSTER, primary.mysqlClusterName());
        out.put(ClusterSetContract.PRIMARY_EPOCH, (double) spec.primaryEpoch());
        if (kind.get() == ClusterSetContract.Kind.CLUSTER_SET) {
            out.put(ClusterSetContract.DOMAIN_NAME, spec.name());
            out.put(ClusterSetContract.STATUS_TEXT, "All Clusters available.");
            out.put(
                    ClusterSetContract.MEMBERS,
                    spec.members().stream().map(Member::mysqlClusterName).toList());
            out.put(ClusterSetContract.INVALIDATED_CLUSTERS, List.of());
        } else if (kind.get() == ClusterSetContract.Kind.MEMBER) {
            spec.member(member.orElse("null")).ifPresent(m -> {
                out.put(ClusterSetContract.CLUSTER_NAME, m.mysqlClusterName());
                out.put(ClusterSetContract.CLUSTER_ROLE, m.name().equals(primary.name()) ? "PRIMARY" : "REPLICA");
                out.put(ClusterSetContract.GLOBAL_STATUS, "OK");
                out.put(ClusterSetContract.CLUSTER_STATUS, "OK");
                out.put(
                        ClusterSetContract.INSTANCES,
                        IntStream.range(0, m.instances())
                                .mapToObj(i -> m.podFqdn(i, spec.domain()) + ":3306")
                                .toList());
                out.put(ClusterSetContract.INVALIDATED, false);
            });
        }
        return out;
    }
}
