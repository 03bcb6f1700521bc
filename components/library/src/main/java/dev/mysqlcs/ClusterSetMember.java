package dev.mysqlcs;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.core.annotations.ResourceType;
import com.pulumi.resources.CustomResourceOptions;
import dev.mysqlcs.contract.ClusterSetContract;
import java.util.List;

/**
 * One InnoDBCluster as a member of the ClusterSet (seed S2.14-S2.16, S1.8). Create / Update: when it is not a
 * member, preflight (ONLINE, no user data, no foreign GTIDs), dissolve, createReplicaCluster with clone, copy the
 * operator secrets, addInstance of its other pods, restart its router; when it is INVALIDATED and back, fenceWrites
 * then rejoinCluster (refused on errant transactions). Enterprise linkage: waits for the operator to link it.
 * Delete: removeCluster, never of the primary, never losing transactions.
 */
@ResourceType(type = ClusterSetContract.MEMBER_TOKEN)
public class ClusterSetMember extends ClusterSetResource {

    public static final String TYPE = ClusterSetContract.MEMBER_TOKEN;

    @Export(
            name = ClusterSetContract.CLUSTER_NAME,
            refs = {String.class},
            tree = "[0]")
    private Output<String> clusterName;

    public Output<String> clusterName() {
        return clusterName;
    }

    @Export(
            name = ClusterSetContract.CLUSTER_ROLE,
            refs = {String.class},
            tree = "[0]")
    private Output<String> clusterRole;

    public Output<String> clusterRole() {
        return clusterRole;
    }

    @Export(
            name = ClusterSetContract.GLOBAL_STATUS,
            refs = {String.class},
            tree = "[0]")
    private Output<String> globalStatus;

    public Output<String> globalStatus() {
        return globalStatus;
    }

    @Export(
            name = ClusterSetContract.CLUSTER_STATUS,
            refs = {String.class},
            tree = "[0]")
    private Output<String> clusterStatus;

    public Output<String> clusterStatus() {
        return clusterStatus;
    }

    /** The ClusterSet replication channel of a replica (OK, STOPPED, ERROR, MISSING); empty for the primary. */
    @Export(
            name = ClusterSetContract.REPLICATION_CHANNEL,
            refs = {String.class},
            tree = "[0]")
    private Output<String> replicationChannel;

    public Output<String> replicationChannel() {
        return replicationChannel;
    }

    @Export(
            name = ClusterSetContract.INSTANCES,
            refs = {List.class, String.class},
            tree = "[0,1]")
    private Output<List<String>> instances;

    public Output<List<String>> instances() {
        return instances;
    }

    @Export(
            name = ClusterSetContract.INVALIDATED,
            refs = {Boolean.class},
            tree = "[0]")
    private Output<Boolean> invalidated;

    public Output<Boolean> invalidated() {
        return invalidated;
    }

    /** @param options must name the {@link MysqlcsProvider} ({@code provider(...)}) */
    public ClusterSetMember(String name, ClusterSetMemberArgs args, CustomResourceOptions options) {
        super(TYPE, name, args, options);
    }
}
