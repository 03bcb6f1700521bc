package dev.mysqlcs;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.resources.ResourceArgs;

import java.util.List;

/** Inputs of a {@link ClusterSet}. The root password is always sent as a secret. */
public final class ClusterSetArgs extends ResourceArgs {

    @Import(name = "spec", required = true)
    private Output<ClusterSetSpecArgs> spec;

    @Import(name = "deploy", required = true)
    private Output<List<String>> deploy;

    @Import(name = "rootUser", required = true)
    private Output<String> rootUser;

    @Import(name = "rootPassword", required = true)
    private Output<String> rootPassword;

    private ClusterSetArgs() {
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

    /**
     * @param deploy the kubeClusters the registering stack deploys ({@code mysqlcs:deploy})
     */
    public static ClusterSetArgs of(ClusterSetSpecArgs spec, List<String> deploy, String rootUser,
                                    Output<String> rootPassword) {
        ClusterSetArgs a = new ClusterSetArgs();
        a.spec = Output.of(spec);
        a.deploy = Output.of(List.copyOf(deploy));
        a.rootUser = Output.of(rootUser);
        a.rootPassword = rootPassword.asSecret();
        return a;
    }
}
