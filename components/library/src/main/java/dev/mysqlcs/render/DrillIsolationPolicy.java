package dev.mysqlcs.render;

import dev.mysqlcs.model.Member;
import java.util.List;
import java.util.Map;

/**
 * S1.7's disaster drill: a NetworkPolicy that cuts one InnoDBCluster off from everything but itself. It selects the
 * pods of the InnoDBCluster by the operator's cluster label, and allows ingress from and egress to those pods only
 * (no DNS, no other member, no router of another namespace), which is what makes a forced failover possible.
 */
public final class DrillIsolationPolicy {

    public static final List<String> POLICY_TYPES = List.of("Ingress", "Egress");

    private DrillIsolationPolicy() {}

    /** Seed 000 names it {@code isolate-mycluster1}. */
    public static String name(Member member) {
        return "isolate-" + member.name();
    }

    public static Map<String, String> podLabels(Member member) {
        return Map.of(InnoDbClusterSpec.CLUSTER_LABEL, member.name());
    }
}
