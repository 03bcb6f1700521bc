package dev.mysqlcs.crd;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.core.annotations.ResourceType;
import com.pulumi.kubernetes.meta.v1.outputs.ObjectMeta;
import com.pulumi.resources.CustomResource;
import com.pulumi.resources.CustomResourceOptions;

import javax.annotation.Nullable;
import java.util.Map;

/**
 * A MySQLClusterSetFailover ({@code mysql.oracle.com/v2}, Enterprise operator): asks the operator to make
 * {@code spec.clusterName} the PRIMARY cluster of its ClusterSet; a switchover with {@code force: false} (S1.6), a
 * forced failover that invalidates the unreachable primary with {@code force: true} (S1.7). Created in the namespace of
 * the target InnoDBCluster; the operator runs it once as a Job.
 */
@ResourceType(type = MySqlClusterSetFailover.TYPE)
public class MySqlClusterSetFailover extends CustomResource {

    public static final String API_VERSION = "mysql.oracle.com/v2";
    public static final String KIND = "MySQLClusterSetFailover";
    public static final String TYPE = "kubernetes:" + API_VERSION + ":" + KIND;

    @Export(name = "apiVersion", refs = {String.class}, tree = "[0]")
    private Output<String> apiVersion;

    @Export(name = "kind", refs = {String.class}, tree = "[0]")
    private Output<String> kind;

    @Export(name = "metadata", refs = {ObjectMeta.class}, tree = "[0]")
    private Output<ObjectMeta> metadata;

    @Export(name = "spec", refs = {Map.class, String.class, Object.class}, tree = "[0,1,2]")
    private Output<Map<String, Object>> spec;

    public MySqlClusterSetFailover(String name, MySqlClusterSetFailoverArgs args,
                                   @Nullable CustomResourceOptions options) {
        super(TYPE, name, args.toResourceArgs(), InnoDbClusterResource.withProviderVersion(options));
    }

    public Output<String> apiVersion() {
        return apiVersion;
    }

    public Output<String> kind() {
        return kind;
    }

    public Output<ObjectMeta> metadata() {
        return metadata;
    }

    public Output<Map<String, Object>> spec() {
        return spec;
    }
}
