package dev.mysqlcs;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import dev.mysqlcs.contract.ClusterSetContract;
import java.util.List;

/** Inputs of a {@link ClusterSetMember}: the whole ClusterSet and which member this is. The root password is always sent as a secret. */
public final class ClusterSetMemberArgs extends ClusterSetResourceArgs {

    @Import(name = ClusterSetContract.MEMBER, required = true)
    private final Output<String> member;

    private ClusterSetMemberArgs(
            ClusterSetSpecArgs spec, List<String> deploy, String rootUser, Output<String> rootPassword, String member) {
        super(spec, deploy, rootUser, rootPassword);
        this.member = Output.of(member);
    }

    public Output<String> member() {
        return member;
    }

    /**
     * @param deploy the kubeClusters the registering stack deploys ({@code mysqlcs:deploy})
     */
    public static ClusterSetMemberArgs of(
            ClusterSetSpecArgs spec, List<String> deploy, String rootUser, Output<String> rootPassword, String member) {
        return new ClusterSetMemberArgs(spec, deploy, rootUser, rootPassword, member);
    }
}
