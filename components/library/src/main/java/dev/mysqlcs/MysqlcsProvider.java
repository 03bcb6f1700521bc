package dev.mysqlcs;

import com.pulumi.core.annotations.ResourceType;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.ProviderResource;
import dev.mysqlcs.contract.ClusterSetContract;

/**
 * The explicit {@code pulumi:providers:mysqlcs} provider: the Java plugin in {@code components/provider/bin} (Pulumi.yaml
 * {@code plugins.providers}) that runs the ClusterSet steps. Every mysqlcs resource is registered against one.
 */
@ResourceType(type = ClusterSetContract.PROVIDER_TYPE)
public class MysqlcsProvider extends ProviderResource {

    public MysqlcsProvider(String name, MysqlcsProviderArgs args, CustomResourceOptions options) {
        super(ClusterSetContract.PACKAGE, name, args, options);
    }
}
