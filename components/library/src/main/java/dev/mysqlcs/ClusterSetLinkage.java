package dev.mysqlcs;

import com.pulumi.core.Output;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.ProviderResource;
import com.pulumi.resources.Resource;
import dev.mysqlcs.model.ClusterSetSpec;
import dev.mysqlcs.model.Member;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The ClusterSet linkage of one program (seed 001 S2.13-S2.17, seed 000 S1.5-S1.8): the mysqlcs provider's resources
 * that create the ClusterSet, join the members and keep the primary where the config says.
 * <ul>
 *   <li>{@code <name>}: the {@link ClusterSet}, created by the program deploying the configured primary, adopted by
 *   the others;</li>
 *   <li>whatever must exist only once the ClusterSet does ({@code afterClusterSet}): the InnoDBClusters of the
 *   replicas the Enterprise operator links ({@code initDB.clusterSet}), whose sidecar joins the ClusterSet it finds
 *   on the primary;</li>
 *   <li>{@code <name>-<member>}: a {@link ClusterSetMember} for every member in a Kubernetes cluster the program
 *   deploys into, after the ClusterSet and what {@code afterClusterSet} returned;</li>
 *   <li>{@code <name>-primary}: the {@link ClusterSetPrimary}, after the ClusterSet and the members, in every program
 *   (so the DR side alone can switch or fail over).</li>
 * </ul>
 * Resource names do not depend on which member is primary, so a switchover never moves a resource between stacks.
 * The provider plans and refuses the unsafe steps itself (named refusals, {@code plannedSteps} in a preview).
 *
 * <p>A group, not a ComponentResource: the three resources are registered where the caller registers the linkage
 * (the stack, or {@code parent} in the options), so stacks deployed before this class existed keep their URNs.
 */
public final class ClusterSetLinkage {

    private final ClusterSet clusterSet;
    private final Map<String, ClusterSetMember> members;
    private final ClusterSetPrimary primary;

    /**
     * @param options {@code provider}: the {@link MysqlcsProvider} (required); {@code dependsOn}: what every resource
     *                of the linkage waits for, at least the InnoDBCluster custom resources of the deployed members;
     *                {@code parent} if the caller nests it
     * @throws IllegalArgumentException without a provider, or when {@code deploy} holds no member of the ClusterSet
     */
    public ClusterSetLinkage(String name, ClusterSetLinkageArgs args, CustomResourceOptions options) {
        this(name, args, options, clusterSet -> List.of());
    }

    /**
     * @param options         as above; its {@code dependsOn} is all the {@link ClusterSet} waits for (with linkage
     *                        {@code operator}: the primary's InnoDBCluster custom resource, not the replicas')
     * @param afterClusterSet called once, right after the ClusterSet is registered, with it: registers what waits for
     *                        the ClusterSet (an operator-linked replica's {@link InnoDbCluster} with the ClusterSet in
     *                        its {@code dependsOn}) and returns the resources the members and the primary resource
     *                        wait for as well (those InnoDBCluster custom resources)
     */
    public ClusterSetLinkage(
            String name,
            ClusterSetLinkageArgs args,
            CustomResourceOptions options,
            Function<ClusterSet, List<Resource>> afterClusterSet) {
        ProviderResource provider = options.getProvider()
                .orElseThrow(() -> new IllegalArgumentException(
                        "ClusterSetLinkage " + name + ": options.provider is required: the mysqlcs provider "
                                + "(new MysqlcsProvider(...)) the ClusterSet resources run on"));
        ClusterSetSpec cs = args.clusterSet();
        List<Member> deployed = cs.members().stream()
                .filter(m -> args.deploy().contains(m.kubeCluster()))
                .toList();
        if (deployed.isEmpty()) {
            throw new IllegalArgumentException("ClusterSetLinkage " + name + ": no member of ClusterSet " + cs.name()
                    + " is in deploy " + args.deploy() + "; a program without a member has no linkage");
        }
        ClusterSetSpecArgs spec = ClusterSetSpecArgs.of(cs);
        String user = args.rootUser();
        Output<String> password = args.rootPassword();

        this.clusterSet = new ClusterSet(
                name, ClusterSetArgs.of(spec, args.deploy(), user, password), options(options, provider, List.of()));
        List<Resource> membersAfter = new ArrayList<>();
        membersAfter.add(clusterSet);
        membersAfter.addAll(afterClusterSet.apply(clusterSet));
        Map<String, ClusterSetMember> byMember = new LinkedHashMap<>();
        for (Member m : deployed) {
            byMember.put(
                    m.name(),
                    new ClusterSetMember(
                            name + "-" + m.name(),
                            ClusterSetMemberArgs.of(spec, args.deploy(), user, password, m.name()),
                            options(options, provider, membersAfter)));
        }
        this.members = java.util.Collections.unmodifiableMap(byMember);
        List<Resource> primaryAfter = new ArrayList<>(membersAfter);
        primaryAfter.addAll(byMember.values());
        this.primary = new ClusterSetPrimary(
                name + "-primary",
                ClusterSetPrimaryArgs.of(spec, args.deploy(), user, password),
                options(options, provider, primaryAfter));
    }

    public ClusterSet clusterSet() {
        return clusterSet;
    }

    /** The deployed members' resources, by member name. */
    public Map<String, ClusterSetMember> members() {
        return members;
    }

    public ClusterSetPrimary primary() {
        return primary;
    }

    /** The steps each resource's Diff plans ({@code plannedSteps}), by resource name, in registration order. */
    public Output<Map<String, List<String>>> plannedSteps() {
        Map<String, Output<List<String>>> planned = new LinkedHashMap<>();
        planned.put(clusterSet.pulumiResourceName(), clusterSet.plannedSteps());
        members.values().forEach(m -> planned.put(m.pulumiResourceName(), m.plannedSteps()));
        planned.put(primary.pulumiResourceName(), primary.plannedSteps());
        List<String> names = List.copyOf(planned.keySet());
        return Output.all(List.copyOf(planned.values())).applyValue(lists -> {
            Map<String, List<String>> out = new LinkedHashMap<>();
            for (int i = 0; i < names.size(); i++) {
                out.put(names.get(i), lists.get(i) == null ? List.of() : lists.get(i));
            }
            return out;
        });
    }

    private static CustomResourceOptions options(
            CustomResourceOptions given, ProviderResource provider, List<Resource> after) {
        CustomResourceOptions.Builder b = CustomResourceOptions.builder()
                .provider(provider)
                .dependsOn(given.getDependsOn().applyValue(first -> {
                    List<Resource> all = new ArrayList<>(first);
                    all.addAll(after);
                    return List.copyOf(all);
                }));
        given.getParent().ifPresent(b::parent);
        return b.build();
    }
}
