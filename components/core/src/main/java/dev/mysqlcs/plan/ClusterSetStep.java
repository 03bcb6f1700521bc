package dev.mysqlcs.plan;

import java.util.List;

/**
 * One step of ClusterSet work (seed steps S1.5-S1.8, S2.13-S2.17). Steps name members by their InnoDBCluster name
 * (config {@code members[].name}); the runner resolves pods and hosts. {@link #describe()} is what a preview shows.
 */
public sealed interface ClusterSetStep {

    /** Does the step change MySQL or Kubernetes (false for waits)? */
    default boolean mutates() {
        return true;
    }

    String describe();

    /** Waits until the member's standalone InnoDBCluster is ONLINE (the operator is still creating it). */
    record AwaitClusterOnline(String member) implements ClusterSetStep {
        @Override
        public boolean mutates() {
            return false;
        }

        @Override
        public String describe() {
            return "wait until InnoDBCluster " + member + " is ONLINE";
        }
    }

    /** Waits until the ClusterSet exists (its ClusterSet resource, earlier in the same `pulumi up`, creates it). */
    record AwaitClusterSet(String domainName) implements ClusterSetStep {
        @Override
        public boolean mutates() {
            return false;
        }

        @Override
        public String describe() {
            return "wait until ClusterSet '" + domainName + "' exists (created by this stack's ClusterSet resource)";
        }
    }

    /** Waits until the operator has linked the member into the ClusterSet (Enterprise, initDB.clusterSet). */
    record AwaitOperatorJoin(String member) implements ClusterSetStep {
        @Override
        public boolean mutates() {
            return false;
        }

        @Override
        public String describe() {
            return "wait until the MySQL Operator has joined " + member + " to the ClusterSet (initDB.clusterSet)";
        }
    }

    /**
     * Outside the provider's own joins: waits (bounded) for the member's MySQL Operator to add the listed pods to its
     * InnoDB cluster itself, as it does for every pod it sees created or restarted (mysql/mysql-operator
     * operator_cluster.py on_pod_create / on_pod_event, then cluster_controller.py on_pod_created /
     * on_pod_restarted, reconcile_pod, join_instance) instead of racing it for the cluster's AdminAPI lock. The
     * AddInstance steps planned after it run only for pods still missing once the wait ends.
     *
     * @param ordinals the pods waited for, ascending
     */
    record AwaitOperatorAddInstance(String member, String clusterName, List<Integer> ordinals)
            implements ClusterSetStep {
        public AwaitOperatorAddInstance {
            ordinals = List.copyOf(ordinals);
        }

        @Override
        public boolean mutates() {
            return false;
        }

        @Override
        public String describe() {
            return "wait for the MySQL Operator to add "
                    + ordinals.stream().map(i -> member + "-" + i).collect(java.util.stream.Collectors.joining(", "))
                    + " to InnoDB cluster " + clusterName + " itself (it joins the pods it sees created or restarted)";
        }
    }

    /** S2.13: createClusterSet on the member's standalone cluster. */
    record CreateClusterSet(String member, String domainName, String host) implements ClusterSetStep {
        @Override
        public String describe() {
            return "createClusterSet('" + domainName + "') on " + member + " (" + host + ")";
        }
    }

    /**
     * Journals, in the member's namespace, that the provider is turning its cluster into a replica (resumable), or,
     * with {@code leaving:<domain>}, that it is removing it from the ClusterSet, or, with {@code left:<domain>[|gtids]},
     * that it removed it (and the GTIDs its re-created cluster held then), which a later re-add relies on.
     */
    record MarkJoining(String member, String domainName) implements ClusterSetStep {
        @Override
        public String describe() {
            if (domainName.startsWith("left:")) {
                int bar = domainName.indexOf('|');
                return "record in " + member + "'s namespace that this provider removed it from ClusterSet '"
                        + domainName.substring("left:".length(), bar < 0 ? domainName.length() : bar) + "'"
                        + (bar < 0
                                ? ""
                                : " (its re-created cluster's own GTIDs " + domainName.substring(bar + 1) + ")");
            }
            return domainName.startsWith("leaving:")
                    ? "record in " + member + "'s namespace that it is leaving ClusterSet '"
                            + domainName.substring("leaving:".length()) + "'"
                    : "record in " + member + "'s namespace that it is joining ClusterSet '" + domainName + "'";
        }
    }

    /** S2.14: dissolve the member's standalone InnoDB cluster (user data stays; preflight proved there is none). */
    record DissolveStandalone(String member, String host) implements ClusterSetStep {
        @Override
        public String describe() {
            return "dissolve the standalone InnoDB cluster " + member + " (" + host + ")";
        }
    }

    /** S2.14: createReplicaCluster from the member's pod 0, provisioned by clone from the primary. */
    record CreateReplicaCluster(String member, String clusterName, String host, String primaryHost)
            implements ClusterSetStep {
        @Override
        public String describe() {
            return "createReplicaCluster('" + host + "', '" + clusterName + "', {recoveryMethod: 'clone'}) via "
                    + primaryHost;
        }
    }

    /** S2.15: copy the privsecrets / router / backup accounts' secrets of the primary into the member's. */
    record CopyCredentials(String fromMember, String toMember) implements ClusterSetStep {
        @Override
        public String describe() {
            return "copy " + fromMember + "-privsecrets/-router/-backup passwords into " + toMember + "'s secrets";
        }
    }

    /** S2.16: addInstance of one more pod of the member with clone. */
    record AddInstance(String member, int ordinal, String host) implements ClusterSetStep {
        @Override
        public String describe() {
            return "addInstance('" + host + "', {recoveryMethod: 'clone'}) to " + member;
        }
    }

    /** {@code cluster.rescan({addUnmanaged: true})} of the member's cluster, where the Shell's status advises it. */
    record Rescan(String member, String clusterName, String advice) implements ClusterSetStep {
        @Override
        public String describe() {
            return "rescan() of InnoDB cluster " + clusterName + " (the Shell says: " + advice + ")";
        }
    }

    /** S2.13 / S2.16: rollout restart of the member's router Deployment, waiting for the rollout. */
    record RestartRouter(String member) implements ClusterSetStep {
        @Override
        public String describe() {
            return "restart Deployment " + member + "-router and wait for its rollout";
        }
    }

    /**
     * {@code clusterSet.setRoutingOption(router, option, value)} for one router of the member (config
     * {@code members[i].routing}); {@code value} is the JSON literal passed to the Shell.
     */
    record SetRoutingOption(String member, String router, String option, String value) implements ClusterSetStep {
        @Override
        public String describe() {
            return "setRoutingOption('" + router + "', '" + option + "', " + value + ") for a router of " + member;
        }
    }

    /**
     * {@code cluster.removeRouterMetadata(router)} run on the member's own cluster (the Shell writes the ClusterSet
     * primary's metadata) for a registration of one of its routers whose pod no longer exists.
     */
    record RemoveRouterMetadata(String member, String router) implements ClusterSetStep {
        @Override
        public String describe() {
            return "removeRouterMetadata('" + router + "') on " + member + ": the router's pod no longer exists";
        }
    }

    /** Removes the join journal once the member is a complete ClusterSet member. */
    record ClearJoinMark(String member) implements ClusterSetStep {
        @Override
        public String describe() {
            return "clear the join record in " + member + "'s namespace";
        }
    }

    /**
     * S1.6: switchover (setPrimaryCluster, or a MySQLClusterSetFailover with force false).
     *
     * @param invalidate InnoDB cluster names of unreachable replicas the Shell may INVALIDATE on the way
     *                   ({@code invalidateReplicaClusters}, config {@code clusterSet.invalidateReplicaClusters})
     */
    record Switchover(String member, String clusterName, boolean viaOperator, List<String> invalidate)
            implements ClusterSetStep {
        public Switchover(String member, String clusterName, boolean viaOperator) {
            this(member, clusterName, viaOperator, List.of());
        }

        @Override
        public String describe() {
            return (viaOperator
                            ? "switch over: MySQLClusterSetFailover {clusterName: " + member + ", force: false}"
                            : "switch over: setPrimaryCluster('" + clusterName + "')")
                    + invalidating(invalidate);
        }
    }

    /** S1.7: forced failover (forcePrimaryCluster, or a MySQLClusterSetFailover with force true). */
    record ForceFailover(String member, String clusterName, boolean viaOperator, List<String> invalidate)
            implements ClusterSetStep {
        public ForceFailover(String member, String clusterName, boolean viaOperator) {
            this(member, clusterName, viaOperator, List.of());
        }

        @Override
        public String describe() {
            return (viaOperator
                            ? "FORCED failover: MySQLClusterSetFailover {clusterName: " + member + ", force: true}"
                            : "FORCED failover: forcePrimaryCluster('" + clusterName
                                    + "'); the old primary is invalidated")
                    + invalidating(invalidate);
        }
    }

    private static String invalidating(List<String> clusters) {
        return clusters.isEmpty() ? "" : "; invalidateReplicaClusters: [" + String.join(", ", clusters) + "]";
    }

    /**
     * Records the primary epoch in the ClusterSet's metadata, the one source of truth across stacks: an AdminAPI tag
     * on the primary cluster (the Shell stores no tags for the ClusterSet itself).
     */
    record RecordPrimaryEpoch(long epoch) implements ClusterSetStep {
        @Override
        public String describe() {
            return "record primary epoch " + epoch + " on the primary cluster (tag:mysqlcs_primary_epoch)";
        }
    }

    /**
     * S1.8: fenceWrites on an invalidated cluster that came back; S1.7: on the old primary before a forced failover
     * while the provider still reaches it ({@code oldPrimary}), so that it stops taking writes first.
     */
    record FenceWrites(String member, String host, boolean oldPrimary) implements ClusterSetStep {
        public FenceWrites(String member, String host) {
            this(member, host, false);
        }

        @Override
        public String describe() {
            return oldPrimary
                    ? "fenceWrites() on the old primary cluster " + member + " (" + host + ") before the forced "
                            + "failover: the provider still reaches it"
                    : "fenceWrites() on invalidated cluster " + member + " (" + host + ")";
        }
    }

    /** S1.8: rejoinCluster of an invalidated cluster without errant transactions. */
    record RejoinCluster(String member, String clusterName) implements ClusterSetStep {
        @Override
        public String describe() {
            return "rejoinCluster('" + clusterName + "')";
        }
    }

    /**
     * removeCluster of a replica (never the primary); {@code force}: one lost for good, run from the primary
     * ({@code clusterSet.removeLostClusters}).
     */
    record RemoveCluster(String member, String clusterName, boolean force) implements ClusterSetStep {
        public RemoveCluster(String member, String clusterName) {
            this(member, clusterName, false);
        }

        @Override
        public String describe() {
            return force
                    ? "removeCluster('" + clusterName + "', {force: true}): " + member + " is lost for good "
                            + "(clusterSet.removeLostClusters)"
                    : "removeCluster('" + clusterName + "')";
        }
    }

    /**
     * After removeCluster: {@code dba.createCluster(name, options)} on the member's pod 0 with the options its MySQL
     * Operator creates clusters with, so that the InnoDBCluster keeps serving, managed by its operator.
     */
    record RecreateCluster(String member, String clusterName, String host) implements ClusterSetStep {
        @Override
        public String describe() {
            return "createCluster('" + clusterName + "') on " + host + " with the MySQL Operator's options (" + member
                    + " serves again as its own InnoDB cluster)";
        }
    }
}
