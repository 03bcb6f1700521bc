package dev.mysqlcs.crd;

import com.pulumi.core.annotations.ResourceType;
import com.pulumi.resources.CustomResourceOptions;

import javax.annotation.Nullable;

/**
 * A MySQLClusterSetFailover ({@code mysql.oracle.com/v2}, Enterprise operator): asks the operator to make
 * {@code spec.clusterName} the PRIMARY cluster of its ClusterSet; a switchover with {@code force: false} (S1.6), a
 * forced failover that invalidates the unreachable primary with {@code force: true} (S1.7). Created in the namespace of
 * the target InnoDBCluster; the operator runs it once as a Job.
 */
@ResourceType(type = MySqlClusterSetFailover.TYPE)
public class MySqlClusterSetFailover extends KubernetesCrd {

    public static final String API_VERSION = "mysql.oracle.com/v2";
    public static final String KIND = "MySQLClusterSetFailover";
    public static final String TYPE = "kubernetes:" + API_VERSION + ":" + KIND;

    public MySqlClusterSetFailover(String name, MySqlClusterSetFailoverArgs args,
                                   @Nullable CustomResourceOptions options) {
        super(TYPE, name, args.toResourceArgs(), options);
    }
}
