package dev.mysqlcs;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.core.annotations.ResourceType;
import com.pulumi.resources.CustomResourceOptions;
import dev.mysqlcs.contract.ClusterSetContract;
import java.util.List;
import java.util.Map;

/**
 * The InnoDB ClusterSet (seed S2.13, S1.5). Create: adopts the ClusterSet if it exists, otherwise runs
 * createClusterSet on the configured primary (only from the stack that deploys it) and restarts its router. Read:
 * {@code clusterset status --extended=1}. Delete: dissolves it only when its primary is the last cluster and holds no
 * user data, from the stack that deploys that primary; other stacks release it unchanged.
 */
@ResourceType(type = ClusterSetContract.CLUSTER_SET_TOKEN)
public class ClusterSet extends ClusterSetResource {

    public static final String TYPE = ClusterSetContract.CLUSTER_SET_TOKEN;

    @Export(
            name = ClusterSetContract.DOMAIN_NAME,
            refs = {String.class},
            tree = "[0]")
    private Output<String> domainName;

    public Output<String> domainName() {
        return domainName;
    }

    @Export(
            name = ClusterSetContract.PRIMARY_CLUSTER,
            refs = {String.class},
            tree = "[0]")
    private Output<String> primaryCluster;

    public Output<String> primaryCluster() {
        return primaryCluster;
    }

    @Export(
            name = ClusterSetContract.STATUS_TEXT,
            refs = {String.class},
            tree = "[0]")
    private Output<String> statusText;

    public Output<String> statusText() {
        return statusText;
    }

    @Export(
            name = ClusterSetContract.MEMBERS,
            refs = {List.class, String.class},
            tree = "[0,1]")
    private Output<List<String>> members;

    public Output<List<String>> members() {
        return members;
    }

    /** Per cluster of the ClusterSet: {@code clusterRole}, {@code globalStatus}, {@code status}. */
    @Export(
            name = ClusterSetContract.CLUSTERS,
            refs = {Map.class, String.class, Object.class},
            tree = "[0,1,2]")
    private Output<Map<String, Object>> clusters;

    public Output<Map<String, Object>> clusters() {
        return clusters;
    }

    @Export(
            name = ClusterSetContract.INVALIDATED_CLUSTERS,
            refs = {List.class, String.class},
            tree = "[0,1]")
    private Output<List<String>> invalidatedClusters;

    public Output<List<String>> invalidatedClusters() {
        return invalidatedClusters;
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
    public ClusterSet(String name, ClusterSetArgs args, CustomResourceOptions options) {
        super(TYPE, name, args, options);
    }
}
