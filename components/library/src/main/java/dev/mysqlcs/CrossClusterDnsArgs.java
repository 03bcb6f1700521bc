package dev.mysqlcs;

import dev.mysqlcs.model.KubeCluster;
import dev.mysqlcs.render.CoreDnsZones.ForwardZone;
import java.util.List;

/** Inputs of {@link CrossClusterDns}: the cluster whose CoreDNS is configured and the zones it forwards. */
public final class CrossClusterDnsArgs {

    private final KubeCluster cluster;
    private final List<ForwardZone> zones;

    private CrossClusterDnsArgs(Builder b) {
        this.cluster = b.cluster;
        this.zones = List.copyOf(b.zones);
    }

    public static Builder builder() {
        return new Builder();
    }

    public KubeCluster cluster() {
        return cluster;
    }

    public List<ForwardZone> zones() {
        return zones;
    }

    public static final class Builder {
        private KubeCluster cluster;
        private List<ForwardZone> zones = List.of();

        private Builder() {}

        public Builder cluster(KubeCluster cluster) {
            this.cluster = cluster;
            return this;
        }

        /** The remote zones to forward, e.g. from {@link dev.mysqlcs.render.CoreDnsZones#forCluster}. */
        public Builder zones(List<ForwardZone> zones) {
            this.zones = zones;
            return this;
        }

        /** @throws com.pulumi.exceptions.MissingRequiredPropertyException naming a missing input */
        public CrossClusterDnsArgs build() {
            ArgsCheck.required("CrossClusterDnsArgs", "cluster", cluster);
            ArgsCheck.required("CrossClusterDnsArgs", "zones", zones);
            return new CrossClusterDnsArgs(this);
        }
    }
}
