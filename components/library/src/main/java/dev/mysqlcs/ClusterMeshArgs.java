package dev.mysqlcs;

import com.pulumi.core.Output;
import dev.mysqlcs.model.CiliumSettings;
import dev.mysqlcs.model.KubeCluster;
import dev.mysqlcs.render.CoreDnsZones.ForwardZone;
import java.util.List;
import java.util.Optional;

/**
 * Inputs of {@link ClusterMesh}: the Kubernetes cluster this side is, its peers in the mesh, the zones of members in
 * other clusters its CoreDNS forwards, the Cilium install settings and the shared CA as PEM (the key a secret). The CA
 * may be absent only in the offline plan, where config without it is a warning. No resources: the Kubernetes provider
 * comes through {@code ComponentResourceOptions.providers}.
 */
public final class ClusterMeshArgs {

    private final KubeCluster cluster;
    private final List<KubeCluster> peers;
    private final List<ForwardZone> zones;
    private final CiliumSettings cilium;
    private final int maxConnectedClusters;
    private final Optional<Output<String>> caCertPem;
    private final Optional<Output<String>> caKeyPem;

    private ClusterMeshArgs(Builder b) {
        this.cluster = b.cluster;
        this.peers = List.copyOf(b.peers);
        this.zones = List.copyOf(b.zones);
        this.cilium = b.cilium;
        this.maxConnectedClusters = b.maxConnectedClusters;
        this.caCertPem = Optional.ofNullable(b.caCertPem);
        this.caKeyPem = Optional.ofNullable(b.caKeyPem).map(Output::asSecret);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The cluster this side deploys into. */
    public KubeCluster cluster() {
        return cluster;
    }

    /** Every other cluster of the mesh. */
    public List<KubeCluster> peers() {
        return peers;
    }

    /** The remote zones this cluster's CoreDNS forwards ({@link dev.mysqlcs.render.CoreDnsZones#forCluster}). */
    public List<ForwardZone> zones() {
        return zones;
    }

    public CiliumSettings cilium() {
        return cilium;
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
        private List<ForwardZone> zones = List.of();
        private CiliumSettings cilium;
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

        public Builder zones(List<ForwardZone> zones) {
            this.zones = zones;
            return this;
        }

        public Builder cilium(CiliumSettings cilium) {
            this.cilium = cilium;
            return this;
        }

        public Builder maxConnectedClusters(int maxConnectedClusters) {
            this.maxConnectedClusters = maxConnectedClusters;
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

        /** @throws com.pulumi.exceptions.MissingRequiredPropertyException naming a missing input */
        public ClusterMeshArgs build() {
            ArgsCheck.required("ClusterMeshArgs", "cluster", cluster);
            ArgsCheck.required("ClusterMeshArgs", "peers", peers);
            ArgsCheck.required("ClusterMeshArgs", "zones", zones);
            ArgsCheck.required("ClusterMeshArgs", "cilium", cilium);
            return new ClusterMeshArgs(this);
        }
    }
}
