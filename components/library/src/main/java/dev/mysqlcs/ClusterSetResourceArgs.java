package dev.mysqlcs;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.resources.ResourceArgs;
import dev.mysqlcs.contract.ClusterSetContract;
import java.util.List;

/**
 * The inputs every ClusterSet resource of the provider takes: the whole ClusterSet, what the registering stack
 * deploys and the root login. The root password is always sent as a secret. The SDK serializes {@code @Import} fields
 * of superclasses too ({@code Reflection.allFields}).
 */
public abstract class ClusterSetResourceArgs extends ResourceArgs {

    @Import(name = ClusterSetContract.SPEC, required = true)
    private final Output<ClusterSetSpecArgs> spec;

    @Import(name = ClusterSetContract.DEPLOY, required = true)
    private final Output<List<String>> deploy;

    @Import(name = ClusterSetContract.ROOT_USER, required = true)
    private final Output<String> rootUser;

    @Import(name = ClusterSetContract.ROOT_PASSWORD, required = true)
    private final Output<String> rootPassword;

    /**
     * @param deploy the kubeClusters the registering stack deploys ({@code mysqlcs:deploy})
     */
    protected ClusterSetResourceArgs(
            ClusterSetSpecArgs spec, List<String> deploy, String rootUser, Output<String> rootPassword) {
        this.spec = Output.of(spec);
        this.deploy = Output.of(List.copyOf(deploy));
        this.rootUser = Output.of(rootUser);
        this.rootPassword = rootPassword.asSecret();
    }

    public Output<ClusterSetSpecArgs> spec() {
        return spec;
    }

    public Output<List<String>> deploy() {
        return deploy;
    }

    public Output<String> rootUser() {
        return rootUser;
    }

    public Output<String> rootPassword() {
        return rootPassword;
    }
}
