package dev.mysqlcs;

import com.pulumi.core.Output;
import dev.mysqlcs.model.CiliumSettings;
import dev.mysqlcs.model.KubeCluster;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Inputs of {@link CiliumCluster}: the cluster Cilium goes on, its peers in the mesh, the install settings and the
 * shared CA as PEM (the key a secret Output).
 */
public final class CiliumClusterArgs {

    private final KubeCluster cluster;
    private final List<KubeCluster> peers;
    private final CiliumSettings settings;
    private final int maxConnectedClusters;
    private final Optional<Output<String>> caCertPem;
    private final Optional<Output<String>> caKeyPem;

    private CiliumClusterArgs(Builder b) {
        this.cluster = Objects.requireNonNull(b.cluster, "cluster");
        this.peers = List.copyOf(b.peers);
        this.settings = Objects.requireNonNull(b.settings, "settings");
        this.maxConnectedClusters = b.maxConnectedClusters;
        this.caCertPem = Optional.ofNullable(b.caCertPem);
        this.caKeyPem = Optional.ofNullable(b.caKeyPem).map(Output::asSecret);
        if (caCertPem.isPresent() != caKeyPem.isPresent()) {
            throw new IllegalArgumentException("the mesh CA needs both caCertPem and caKeyPem, or neither");
        }
        if (peers.stream().anyMatch(p -> p.name().equals(cluster.name()))) {
            throw new IllegalArgumentException("cluster " + cluster.name() + " cannot be its own peer");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public KubeCluster cluster() {
        return cluster;
    }

    public List<KubeCluster> peers() {
        return peers;
    }

    public CiliumSettings settings() {
        return settings;
    }

    public int maxConnectedClusters() {
        return maxConnectedClusters;
    }

    public Optional<Output<String>> caCertPem() {
        return caCertPem;
    }

    /** Always a secret Output. */
    public Optional<Output<String>> caKeyPem() {
        return caKeyPem;
    }

    public static final class Builder {
        private KubeCluster cluster;
        private List<KubeCluster> peers = List.of();
        private CiliumSettings settings;
        private int maxConnectedClusters = 255;
        private Output<String> caCertPem;
        private Output<String> caKeyPem;

        private Builder() {
        }

        public Builder cluster(KubeCluster cluster) {
            this.cluster = cluster;
            return this;
        }

        public Builder peers(List<KubeCluster> peers) {
            this.peers = peers;
            return this;
        }

        public Builder settings(CiliumSettings settings) {
            this.settings = settings;
            return this;
        }

        public Builder maxConnectedClusters(int maxConnectedClusters) {
            this.maxConnectedClusters = maxConnectedClusters;
            return this;
        }

        /** PEM of the CA certificate every cluster of the mesh shares. */
        public Builder caCertPem(Output<String> caCertPem) {
            this.caCertPem = caCertPem;
            return this;
        }

        /** PEM of the CA private key; made a secret whatever it was. */
        public Builder caKeyPem(Output<String> caKeyPem) {
            this.caKeyPem = caKeyPem;
            return this;
        }

        public CiliumClusterArgs build() {
            return new CiliumClusterArgs(this);
        }
    }
}
