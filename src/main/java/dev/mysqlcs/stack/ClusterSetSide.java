package dev.mysqlcs.stack;

import com.pulumi.Context;
import com.pulumi.core.Output;
import com.pulumi.kubernetes.Provider;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import dev.mysqlcs.ClusterSet;
import dev.mysqlcs.ClusterSetArgs;
import dev.mysqlcs.ClusterSetMember;
import dev.mysqlcs.ClusterSetMemberArgs;
import dev.mysqlcs.ClusterSetPrimary;
import dev.mysqlcs.ClusterSetPrimaryArgs;
import dev.mysqlcs.ClusterSetSpecArgs;
import dev.mysqlcs.MysqlcsProvider;
import dev.mysqlcs.MysqlcsProviderArgs;
import dev.mysqlcs.model.Member;
import dev.mysqlcs.model.Topology;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ClusterSet linkage (issue 4): the mysqlcs provider and its resources, registered by every stack that deploys a
 * member of the ClusterSet. Every such stack has the {@link ClusterSet} (created by the stack deploying the configured
 * primary, adopted by the others) and the {@link ClusterSetPrimary} (so the DR stack alone can switch or fail over);
 * each member is a {@link ClusterSetMember} of the stack that deploys it. Resource names do not depend on which member
 * is primary, so a switchover never moves a resource between stacks.
 */
public final class ClusterSetSide {

    private ClusterSetSide() {
    }

    /**
     * @param kubernetes     the stack's kubernetes providers by kube cluster name; the ClusterSet resources depend on
     *                       those of the deployed members
     * @param innodbClusters the InnoDBCluster resources of the deployed members, by member name: every ClusterSet
     *                       resource of the stack waits for them
     */
    public static void define(Context ctx, StackConfig config, Map<String, Provider> kubernetes,
                              Map<String, ? extends Resource> innodbClusters) {
        Topology t = config.topology();
        List<Member> deployed = t.deployedMembers();
        if (deployed.isEmpty()) {
            return;
        }
        String cs = t.clusterSet().name();
        MysqlcsProvider provider = new MysqlcsProvider("mysqlcs", MysqlcsProviderArgs.of(t.kubeClusters()),
                CustomResourceOptions.builder().build());
        ClusterSetSpecArgs spec = ClusterSetSpecArgs.of(t.clusterSet());
        String user = t.root().user();
        Output<String> password = config.rootPassword();

        // The kubernetes providers of the deployed clusters (what the InnoDBClusters are created through) and the
        // InnoDBClusters themselves.
        List<Resource> base = new ArrayList<>();
        deployed.stream().map(Member::kubeCluster).distinct().map(kubernetes::get).filter(p -> p != null)
                .forEach(base::add);
        deployed.stream().map(m -> innodbClusters.get(m.name())).filter(c -> c != null).forEach(base::add);

        ClusterSet clusterSet = new ClusterSet(cs, ClusterSetArgs.of(spec, t.deploy(), user, password),
                options(provider, base));

        Map<String, Output<List<String>>> planned = new LinkedHashMap<>();
        planned.put(cs, clusterSet.plannedSteps());
        List<Resource> members = new ArrayList<>();
        for (Member m : deployed) {
            List<Resource> deps = new ArrayList<>(base);
            deps.add(clusterSet);
            ClusterSetMember member = new ClusterSetMember(cs + "-" + m.name(),
                    ClusterSetMemberArgs.of(spec, t.deploy(), user, password, m.name()), options(provider, deps));
            members.add(member);
            planned.put(cs + "-" + m.name(), member.plannedSteps());
        }
        List<Resource> primaryDeps = new ArrayList<>(base);
        primaryDeps.add(clusterSet);
        primaryDeps.addAll(members);
        ClusterSetPrimary primary = new ClusterSetPrimary(cs + "-primary",
                ClusterSetPrimaryArgs.of(spec, t.deploy(), user, password), options(provider, primaryDeps));
        planned.put(cs + "-primary", primary.plannedSteps());

        List<String> names = List.copyOf(planned.keySet());
        ctx.export("clusterSetPlannedSteps", Output.all(List.copyOf(planned.values())).applyValue(lists -> {
            Map<String, List<String>> out = new LinkedHashMap<>();
            for (int i = 0; i < names.size(); i++) {
                out.put(names.get(i), lists.get(i) == null ? List.of() : lists.get(i));
            }
            return out;
        }));
        ctx.export("clusterSetPrimaryCluster", primary.primaryCluster());
        // What `clusterset status --extended=1` said at the last up / refresh (S1.5, S2.17).
        ctx.export("clusterSetStatus", clusterSet.clusterSetStatus());
        ctx.export("clusterSetMembers", clusterSet.members());
    }

    private static CustomResourceOptions options(MysqlcsProvider provider, List<Resource> dependsOn) {
        return CustomResourceOptions.builder().provider(provider).dependsOn(List.copyOf(dependsOn)).build();
    }
}
