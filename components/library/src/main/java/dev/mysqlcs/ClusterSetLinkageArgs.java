package dev.mysqlcs;

import com.pulumi.core.Output;
import dev.mysqlcs.model.ClusterSetSpec;
import java.util.List;

/**
 * Inputs of a {@link ClusterSetLinkage}: the whole ClusterSet (every member, also those other stacks deploy: the
 * provider checks and plans against all of them), the Kubernetes clusters this program deploys into, and the root
 * login of every member (the password a Pulumi secret). No resources: the mysqlcs provider and what to wait for go in
 * the resource options.
 */
public final class ClusterSetLinkageArgs {

    private final ClusterSetSpec clusterSet;
    private final List<String> deploy;
    private final String rootUser;
    private final Output<String> rootPassword;

    private ClusterSetLinkageArgs(Builder b) {
        this.clusterSet = b.clusterSet;
        this.deploy = List.copyOf(b.deploy);
        this.rootUser = b.rootUser;
        this.rootPassword = b.rootPassword.asSecret();
    }

    public static Builder builder() {
        return new Builder();
    }

    public ClusterSetSpec clusterSet() {
        return clusterSet;
    }

    /** The names of the Kubernetes clusters this program deploys into ({@code mysqlcs:deploy}). */
    public List<String> deploy() {
        return deploy;
    }

    public String rootUser() {
        return rootUser;
    }

    /** Always a secret. */
    public Output<String> rootPassword() {
        return rootPassword;
    }

    public static final class Builder {
        private ClusterSetSpec clusterSet;
        private List<String> deploy;
        private String rootUser = "root";
        private Output<String> rootPassword;

        private Builder() {}

        public Builder clusterSet(ClusterSetSpec clusterSet) {
            this.clusterSet = clusterSet;
            return this;
        }

        public Builder deploy(List<String> deploy) {
            this.deploy = deploy;
            return this;
        }

        public Builder rootUser(String rootUser) {
            this.rootUser = rootUser;
            return this;
        }

        /** Made a secret whatever it was. */
        public Builder rootPassword(Output<String> rootPassword) {
            this.rootPassword = rootPassword;
            return this;
        }

        /** @throws com.pulumi.exceptions.MissingRequiredPropertyException naming a missing or blank input */
        public ClusterSetLinkageArgs build() {
            ArgsCheck.required("ClusterSetLinkageArgs", "clusterSet", clusterSet);
            ArgsCheck.required("ClusterSetLinkageArgs", "deploy", deploy);
            ArgsCheck.required("ClusterSetLinkageArgs", "rootUser", rootUser);
            ArgsCheck.required("ClusterSetLinkageArgs", "rootPassword", rootPassword);
            return new ClusterSetLinkageArgs(this);
        }
    }
}
