package dev.mysqlcs;

import com.pulumi.core.annotations.ResourceType;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.ProviderResource;

/**
 * The explicit {@code pulumi:providers:mysqlcs} provider: the Java plugin in {@code components/provider/bin} (Pulumi.yaml
 * {@code plugins.providers}) that runs the ClusterSet steps. Every mysqlcs resource is registered against one.
 */
@ResourceType(type = "pulumi:providers:mysqlcs")
public class MysqlcsProvider extends ProviderResource {

    public MysqlcsProvider(String name, MysqlcsProviderArgs args, CustomResourceOptions options) {
        super("mysqlcs", name, args, options);
    }
}
