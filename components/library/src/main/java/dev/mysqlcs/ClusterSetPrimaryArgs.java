package dev.mysqlcs;

import com.pulumi.core.Output;
import java.util.List;

/** Inputs of a {@link ClusterSetPrimary}: the desired primary, epoch and forceFailover are in {@code spec}. The root password is always sent as a secret. */
public final class ClusterSetPrimaryArgs extends ClusterSetResourceArgs {

    private ClusterSetPrimaryArgs(
            ClusterSetSpecArgs spec, List<String> deploy, String rootUser, Output<String> rootPassword) {
        super(spec, deploy, rootUser, rootPassword);
    }

    /**
     * @param deploy the kubeClusters the registering stack deploys ({@code mysqlcs:deploy})
     */
    public static ClusterSetPrimaryArgs of(
            ClusterSetSpecArgs spec, List<String> deploy, String rootUser, Output<String> rootPassword) {
        return new ClusterSetPrimaryArgs(spec, deploy, rootUser, rootPassword);
    }
}
