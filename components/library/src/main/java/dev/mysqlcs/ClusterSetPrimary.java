package dev.mysqlcs;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.core.annotations.ResourceType;
import com.pulumi.resources.CustomResourceOptions;
import dev.mysqlcs.contract.ClusterSetContract;

/**
 * Which member is the primary cluster (seed S1.6, S1.7): switchover while the current primary is reachable;
 * forcePrimaryCluster only with {@code forceFailover} and the primary unreachable; Enterprise through a
 * MySQLClusterSetFailover. {@code primaryEpoch} is recorded in the ClusterSet and a stack whose epoch is not newer is
 * refused, so stacks never flip the primary back and forth. Delete changes nothing in MySQL.
 */
@ResourceType(type = ClusterSetContract.PRIMARY_TOKEN)
public class ClusterSetPrimary extends ClusterSetResource {

    public static final String TYPE = ClusterSetContract.PRIMARY_TOKEN;

    @Export(
            name = ClusterSetContract.PRIMARY_CLUSTER,
            refs = {String.class},
            tree = "[0]")
    private Output<String> primaryCluster;

    public Output<String> primaryCluster() {
        return primaryCluster;
    }

    @Export(
            name = ClusterSetContract.PRIMARY_EPOCH,
            refs = {Double.class},
            tree = "[0]")
    private Output<Double> primaryEpoch;

    public Output<Double> primaryEpoch() {
        return primaryEpoch;
    }

    /** @param options must name the {@link MysqlcsProvider} ({@code provider(...)}) */
    public ClusterSetPrimary(String name, ClusterSetPrimaryArgs args, CustomResourceOptions options) {
        super(TYPE, name, args, options);
    }
}
