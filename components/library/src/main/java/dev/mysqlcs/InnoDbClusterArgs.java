package dev.mysqlcs;

import com.pulumi.core.Output;
import com.pulumi.kubernetes.Provider;
import com.pulumi.resources.Resource;
import dev.mysqlcs.model.Topology;

import java.util.Objects;
import java.util.Optional;

/**
 * Inputs of an {@link InnoDbCluster}: the topology and which of its members this is, the root password (a Pulumi
 * secret), the Kubernetes provider of the member's cluster, and what must exist first.
 */
public final class InnoDbClusterArgs {

    private final Topology topology;
    private final String member;
    private final Output<String> rootPassword;
    private final Provider provider;
    private final Optional<Resource> operator;
    private final Optional<Resource> primaryCluster;

    private InnoDbClusterArgs(Builder b) {
        this.topology = b.topology;
        this.member = b.member;
        this.rootPassword = b.rootPassword;
        this.provider = b.provider;
        this.operator = Optional.ofNullable(b.operator);
        this.primaryCluster = Optional.ofNullable(b.primaryCluster);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Topology topology() {
        return topology;
    }

    /** Name of the member (InnoDBCluster) in {@code topology.clusterSet().members()}. */
    public String member() {
        return member;
    }

    /** Always a secret: {@link Builder#rootPassword} marks it so whatever the caller passed. */
    public Output<String> rootPassword() {
        return rootPassword;
    }

    public Provider provider() {
        return provider;
    }

    /** What installs the CRDs and runs the operator (the mysql-operator Helm release) in this Kubernetes cluster. */
    public Optional<Resource> operator() {
        return operator;
    }

    /** The primary's InnoDBCluster when it is deployed by the same program (operator linkage joins it). */
    public Optional<Resource> primaryCluster() {
        return primaryCluster;
    }

    public static final class Builder {
        private Topology topology;
        private String member;
        private Output<String> rootPassword;
        private Provider provider;
        private Resource operator;
        private Resource primaryCluster;

        private Builder() {
        }

        public Builder topology(Topology topology) {
            this.topology = Objects.requireNonNull(topology, "topology");
            return this;
        }

        public Builder member(String member) {
            this.member = Objects.requireNonNull(member, "member");
            return this;
        }

        public Builder rootPassword(Output<String> rootPassword) {
            this.rootPassword = Objects.requireNonNull(rootPassword, "rootPassword").asSecret();
            return this;
        }

        public Builder provider(Provider provider) {
            this.provider = Objects.requireNonNull(provider, "provider");
            return this;
        }

        public Builder operator(Resource operator) {
            this.operator = Objects.requireNonNull(operator, "operator");
            return this;
        }

        public Builder primaryCluster(Resource primaryCluster) {
            this.primaryCluster = Objects.requireNonNull(primaryCluster, "primaryCluster");
            return this;
        }

        public InnoDbClusterArgs build() {
            if (topology == null || member == null || rootPassword == null || provider == null) {
                throw new IllegalArgumentException("InnoDbClusterArgs needs topology, member, rootPassword and "
                        + "provider");
            }
            return new InnoDbClusterArgs(this);
        }
    }
}
