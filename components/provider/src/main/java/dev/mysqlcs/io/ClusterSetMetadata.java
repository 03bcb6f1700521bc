package dev.mysqlcs.io;

import java.util.List;
import java.util.Optional;

/** The ClusterSet as mysql_innodb_cluster_metadata records it (views v2_cs_clustersets and v2_cs_members). */
public record ClusterSetMetadata(String clusterSetId, String domainName, List<Member> members) {

    /**
     * One row of v2_cs_members, with the cluster's {@code group_replication_view_change_uuid} as the Shell records it
     * in {@code clusters.attributes} (common/metadata_storage.cc), empty when none is recorded.
     */
    public record Member(
            String clusterId,
            String clusterName,
            boolean primary,
            boolean invalidated,
            Optional<String> viewChangeUuid) {
        public Member(String clusterId, String clusterName, boolean primary, boolean invalidated) {
            this(clusterId, clusterName, primary, invalidated, Optional.empty());
        }
    }

    /**
     * The view-change UUIDs of the members: GTIDs under them are Group Replication's own view-change events, which
     * the Shell never counts as errant (cluster_set/status.cc check_cluster_consistency, and the allowed errant UUIDs
     * of cluster_set_impl.cc rejoin).
     */
    public java.util.Set<String> viewChangeUuids() {
        java.util.Set<String> out = new java.util.LinkedHashSet<>();
        members.forEach(m -> m.viewChangeUuid()
                .filter(u -> u.contains("-"))
                .ifPresent(u -> out.add(u.toLowerCase(java.util.Locale.ROOT))));
        return out;
    }

    public Optional<Member> primary() {
        return members.stream().filter(Member::primary).findFirst();
    }

    public Optional<Member> member(String clusterName) {
        return members.stream().filter(m -> m.clusterName().equals(clusterName)).findFirst();
    }
}
