package dev.mysqlcs.plan;

/** What one provider resource asks for; the planner turns it, with what was observed, into steps. */
public sealed interface Intent {

    /** The ClusterSet exists (created on the configured primary if it does not), its primary's router restarted. */
    record EnsureClusterSet() implements Intent {}

    /** The member's InnoDBCluster belongs to the ClusterSet with all its instances (joined as a replica if not). */
    record EnsureMember(String member) implements Intent {}

    /** The configured member is the primary cluster (switchover, or forced failover when allowed). */
    record EnsurePrimary() implements Intent {}

    /** The member's cluster leaves the ClusterSet (never the primary). */
    record RemoveMember(String member) implements Intent {}

    /** The ClusterSet is dissolved when only its primary is left and it holds no user data. */
    record DissolveClusterSet() implements Intent {}
}
