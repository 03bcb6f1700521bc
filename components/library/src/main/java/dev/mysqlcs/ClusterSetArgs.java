package dev.mysqlcs;

import com.pulumi.core.Output;
import java.util.List;

/** Inputs of a {@link ClusterSet}. The root password is always sent as a secret. */
public final class ClusterSetArgs extends ClusterSetResourceArgs {

    private ClusterSetArgs(ClusterSetSpecArgs spec, List<String> deploy, String rootUser, Output<String> rootPassword) {
        super(spec, deploy, rootUser, rootPassword);
    }

    /**
     * @param deploy the kubeClusters the registering stack deploys ({@code mysqlcs:deploy})
     */
    public static ClusterSetArgs of(
            ClusterSetSpecArgs spec, List<String> deploy, String rootUser, Output<String> rootPassword) {
        return new ClusterSetArgs(spec, deploy, rootUser, rootPassword);
    }
}
