package dev.mysqlcs.model;

import java.util.List;
import java.util.Optional;

/**
 * The ClusterSet: its domain name inside MySQL, the Kubernetes cluster domain, its members and the desired primary.
 *
 * @param domain        Kubernetes cluster domain (MYSQL_OPERATOR_K8S_CLUSTER_DOMAIN), e.g. cluster.local
 * @param primary       name of the member that should be the PRIMARY cluster
 * @param linkage       who links replicas into the ClusterSet
 * @param primaryEpoch  raised by one with every change of {@code primary}; the ClusterSet records the epoch of its last
 *                      primary change (AdminAPI tag), and a stack whose epoch is not newer never moves the primary
 * @param forceFailover allow a forced failover (forcePrimaryCluster) to {@code primary} when the current primary
 *                      cluster is unreachable; never used while it is reachable
 * @param timeouts      how long the ClusterSet provider waits for locks, steps and rollouts
 * @param allowMixedVersions members may run different MySQL version lines (MAJOR.MINOR); off by default
 * @param invalidateReplicaClusters members (names) that a switchover or forced failover may INVALIDATE when they are
 *                      unreachable at that moment (the Shell's {@code invalidateReplicaClusters} option); empty: a
 *                      primary change with an unreachable replica is refused
 * @param removeLostClusters members (names) lost for good: removing one that cannot be reached runs
 *                      {@code removeCluster(name, {force: true})} instead of refusing
 */
public record ClusterSetSpec(
        String name,
        String domain,
        String primary,
        Linkage linkage,
        List<Member> members,
        long primaryEpoch,
        boolean forceFailover,
        ClusterSetTimeouts timeouts,
        boolean allowMixedVersions,
        List<String> invalidateReplicaClusters,
        List<String> removeLostClusters) {

    public Optional<Member> member(String memberName) {
        return members.stream().filter(m -> m.name().equals(memberName)).findFirst();
    }

    public Member primaryMember() {
        return member(primary).orElseThrow();
    }

    public List<Member> replicas() {
        return members.stream().filter(m -> !m.name().equals(primary)).toList();
    }

    public List<Member> membersIn(String kubeCluster) {
        return members.stream().filter(m -> m.kubeCluster().equals(kubeCluster)).toList();
    }
}
