package dev.mysqlcs;

import com.pulumi.core.Output;
import dev.mysqlcs.model.Topology;

import java.util.Objects;
import java.util.Optional;

/**
 * Inputs of {@link ClusterMesh}: the whole (validated) topology, which of its Kubernetes clusters this side is, and
 * the shared CA as PEM. The CA may be absent only in the offline plan, where config without it is a warning.
 */
public final class ClusterMeshArgs {

    private final Topology topology;
    private final String kubeCluster;
    private final Optional<Output<String>> caCertPem;
    private final Optional<Output<String>> caKeyPem;

    private ClusterMeshArgs(Builder b) {
        this.topology = Objects.requireNonNull(b.topology, "topology");
        this.kubeCluster = Objects.requireNonNull(b.kubeCluster, "kubeCluster");
        this.caCertPem = Optional.ofNullable(b.caCertPem);
        this.caKeyPem = Optional.ofNullable(b.caKeyPem).map(Output::asSecret);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Topology topology() {
        return topology;
    }

    /** The name (in {@code mysqlcs:kubeClusters}) of the cluster this side deploys into. */
    public String kubeCluster() {
        return kubeCluster;
    }

    public Optional<Output<String>> caCertPem() {
        return caCertPem;
    }

    /** Always a secret Output. */
    public Optional<Output<String>> caKeyPem() {
        return caKeyPem;
    }

    public static final class Builder {
        private Topology topology;
        private String kubeCluster;
        private Output<String> caCertPem;
        private Output<String> caKeyPem;

        private Builder() {
        }

        public Builder topology(Topology topology) {
            this.topology = topology;
            return this;
        }

        public Builder kubeCluster(String kubeCluster) {
            this.kubeCluster = kubeCluster;
            return this;
        }

        public Builder caCertPem(Output<String> caCertPem) {
            this.caCertPem = caCertPem;
            return this;
        }

        public Builder caKeyPem(Output<String> caKeyPem) {
            this.caKeyPem = caKeyPem;
            return this;
        }

        public ClusterMeshArgs build() {
            return new ClusterMeshArgs(this);
        }
    }
}
