package dev.mysqlcs;

import com.pulumi.core.Output;
import dev.mysqlcs.model.CiliumSettings;
import dev.mysqlcs.model.KubeCluster;
import java.util.List;
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
        this.cluster = b.cluster;
        this.peers = List.copyOf(b.peers);
        this.settings = b.settings;
        this.maxConnectedClusters = b.maxConnectedClusters;
        this.caCertPem = Optional.ofNullable(b.caCertPem);
        this.caKeyPem = Optional.ofNullable(b.caKeyPem).map(Output::asSecret);
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

        private Builder() {}

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

        /** @throws com.pulumi.exceptions.MissingRequiredPropertyException naming a missing input */
        public CiliumClusterArgs build() {
            ArgsCheck.required("CiliumClusterArgs", "cluster", cluster);
            ArgsCheck.required("CiliumClusterArgs", "peers", peers);
            ArgsCheck.required("CiliumClusterArgs", "settings", settings);
            return new CiliumClusterArgs(this);
        }
    }
}
