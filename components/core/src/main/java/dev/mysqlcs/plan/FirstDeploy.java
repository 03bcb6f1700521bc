package dev.mysqlcs.plan;

import dev.mysqlcs.model.ClusterSetSpec;
import dev.mysqlcs.model.ClusterSetStatus;
import dev.mysqlcs.model.Member;
import dev.mysqlcs.plan.Observation.DataFacts;
import dev.mysqlcs.plan.Observation.MemberFacts;
import dev.mysqlcs.plan.Observation.Platform;
import dev.mysqlcs.plan.Observation.Reach;
import dev.mysqlcs.plan.Observation.RouterState;
import dev.mysqlcs.plan.Observation.SecretsState;
import dev.mysqlcs.plan.Observation.Standalone;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The world a first deployment meets, for offline plans ({@code ./plan}): every InnoDBCluster ONLINE, empty and
 * standalone; the ClusterSet exists only once the stack deploying its primary has run (deploy order: that stack
 * first). Planning a resource against it shows the steps its first {@code pulumi up} runs.
 */
public final class FirstDeploy {

    private FirstDeploy() {}

    /**
     * A first deployment's servers run their configured {@code version}. The operator's default is not known offline:
     * a member without one is taken to run the primary's configured version, else one shared default, so the offline
     * plan never predicts a clone refusal (clone-versions-*) that only the real servers can decide.
     */
    static final String UNCONFIGURED_VERSION = "8.4.0";

    private static Map<Integer, String> versions(ClusterSetSpec spec, Member m) {
        String v = m.version().or(() -> spec.primaryMember().version()).orElse(UNCONFIGURED_VERSION);
        Map<Integer, String> out = new LinkedHashMap<>();
        for (int i = 0; i < m.instances(); i++) {
            out.put(i, v);
        }
        return out;
    }

    /**
     * The platform every server of a first deployment is taken to run ({@code @@version_compile_os},
     * {@code @@version_compile_machine}): the MySQL Operator runs one server image on every pod, and which machine the
     * nodes are is not known offline, so one shared value never predicts a clone refusal either.
     */
    static final Platform UNREAD_PLATFORM = new Platform("Linux", "x86_64");

    private static Map<Integer, Platform> platforms(Member m) {
        Map<Integer, Platform> out = new LinkedHashMap<>();
        for (int i = 0; i < m.instances(); i++) {
            out.put(i, UNREAD_PLATFORM);
        }
        return out;
    }

    public static Observation observation(ClusterSetSpec spec, Set<String> deployed, Intent intent) {
        Member primary = spec.primaryMember();
        boolean primaryHere = deployed.contains(primary.kubeCluster());
        boolean clusterSetExists = !(intent instanceof Intent.EnsureClusterSet && primaryHere);
        Map<String, MemberFacts> facts = new LinkedHashMap<>();
        for (Member m : spec.members()) {
            boolean isPrimary = m.name().equals(primary.name());
            boolean inClusterSet = clusterSetExists && isPrimary;
            RouterState router =
                    m.routerInstances() == 0 ? RouterState.NONE : inClusterSet ? RouterState.DONE : RouterState.PENDING;
            facts.put(
                    m.name(),
                    new MemberFacts(
                            m.name(),
                            Reach.REACHABLE,
                            inClusterSet ? Standalone.UNKNOWN : Standalone.ONLINE,
                            Optional.empty(),
                            Optional.of(new DataFacts(List.of(), "", !isPrimary, Optional.of(""), Set.of())),
                            Map.of(),
                            router,
                            isPrimary ? SecretsState.IN_SYNC : SecretsState.DIFFERENT,
                            Optional.empty(),
                            Map.of(),
                            List.of(),
                            Map.of(),
                            versions(spec, m),
                            List.of(),
                            Optional.empty(),
                            platforms(m)));
        }
        Optional<ClusterSetStatus> cs = Optional.empty();
        if (clusterSetExists) {
            Map<String, ClusterSetStatus.Instance> topology = new LinkedHashMap<>();
            for (int i = 0; i < primary.instances(); i++) {
                String address = primary.podFqdn(i, spec.domain()) + ":3306";
                topology.put(
                        address,
                        new ClusterSetStatus.Instance(
                                address, i == 0 ? "PRIMARY" : "SECONDARY", i == 0 ? "R/W" : "R/O", "ONLINE"));
            }
            String primaryAddress = primary.podFqdn(0, spec.domain()) + ":3306";
            cs = Optional.of(new ClusterSetStatus(
                    spec.name(),
                    primary.mysqlClusterName(),
                    "HEALTHY",
                    "All Clusters available.",
                    Optional.of(primaryAddress),
                    Map.of(
                            primary.mysqlClusterName(),
                            new ClusterSetStatus.Cluster(
                                    primary.mysqlClusterName(),
                                    "PRIMARY",
                                    "OK",
                                    "OK",
                                    "",
                                    Optional.of(primaryAddress),
                                    Optional.empty(),
                                    Optional.empty(),
                                    topology,
                                    List.of()))));
        }
        return new Observation(
                cs,
                cs.map(x -> primary.name()),
                clusterSetExists ? OptionalLong.of(spec.primaryEpoch()) : OptionalLong.empty(),
                true,
                facts,
                List.of(),
                Set.of(),
                Set.of());
    }
}
