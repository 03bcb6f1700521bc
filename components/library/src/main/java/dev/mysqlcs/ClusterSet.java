package dev.mysqlcs;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.core.annotations.ResourceType;
import com.pulumi.resources.CustomResourceOptions;

import java.util.List;

/**
 * The InnoDB ClusterSet (seed S2.13, S1.5). Create: adopts the ClusterSet if it exists, otherwise runs
 * createClusterSet on the configured primary (only from the stack that deploys it) and restarts its router. Read:
 * {@code clusterset status --extended=1}. Delete: dissolves it only when its primary is the last cluster and holds no
 * user data, from the stack that deploys that primary; other stacks release it unchanged.
 */
@ResourceType(type = "mysqlcs:index:ClusterSet")
public class ClusterSet extends ClusterSetResource {

    public static final String TYPE = "mysqlcs:index:ClusterSet";

    @Export(name = "domainName", refs = {String.class}, tree = "[0]")
    private Output<String> domainName;

    public Output<String> domainName() {
        return domainName;
    }

    @Export(name = "primaryCluster", refs = {String.class}, tree = "[0]")
    private Output<String> primaryCluster;

    public Output<String> primaryCluster() {
        return primaryCluster;
    }

    @Export(name = "statusText", refs = {String.class}, tree = "[0]")
    private Output<String> statusText;

    public Output<String> statusText() {
        return statusText;
    }

    @Export(name = "members", refs = {List.class, String.class}, tree = "[0,1]")
    private Output<List<String>> members;

    public Output<List<String>> members() {
        return members;
    }

    @Export(name = "invalidatedClusters", refs = {List.class, String.class}, tree = "[0,1]")
    private Output<List<String>> invalidatedClusters;

    public Output<List<String>> invalidatedClusters() {
        return invalidatedClusters;
    }

    @Export(name = "primaryEpoch", refs = {Double.class}, tree = "[0]")
    private Output<Double> primaryEpoch;

    public Output<Double> primaryEpoch() {
        return primaryEpoch;
    }

    /** @param options must name the {@link MysqlcsProvider} ({@code provider(...)}) */
    public ClusterSet(String name, ClusterSetArgs args, CustomResourceOptions options) {
        super(TYPE, name, args, options);
    }
}
