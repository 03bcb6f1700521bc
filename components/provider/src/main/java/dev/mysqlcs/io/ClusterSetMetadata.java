package dev.mysqlcs.io;

import java.util.List;
import java.util.Optional;

/** The ClusterSet as mysql_innodb_cluster_metadata records it (views v2_cs_clustersets and v2_cs_members). */
public record ClusterSetMetadata(String clusterSetId, String domainName, List<Member> members) {

    /** One row of v2_cs_members. */
    public record Member(String clusterId, String clusterName, boolean primary, boolean invalidated) {
    }

    public Optional<Member> primary() {
        return members.stream().filter(Member::primary).findFirst();
    }

    public Optional<Member> member(String clusterName) {
        return members.stream().filter(m -> m.clusterName().equals(clusterName)).findFirst();
    }
}
