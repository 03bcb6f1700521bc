package dev.mysqlcs.crd;

import com.pulumi.core.Output;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Inputs of a {@link MySqlClusterSetFailover}, one field per property of the CRD's spec (chart 2.2.8):
 * {@code clusterName} (required), {@code force}, {@code options.invalidateReplicaClusters},
 * {@code options.timeout}.
 */
public final class MySqlClusterSetFailoverArgs {

    private final String name;
    private final String namespace;
    private final String clusterName;
    private final boolean force;
    private final List<String> invalidateReplicaClusters;
    private final Optional<Integer> timeout;

    private MySqlClusterSetFailoverArgs(Builder b) {
        this.name = b.name;
        this.namespace = b.namespace;
        this.clusterName = b.clusterName;
        this.force = b.force;
        this.invalidateReplicaClusters = List.copyOf(b.invalidateReplicaClusters);
        this.timeout = b.timeout;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** metadata.name of the failover object (it names the operator's Job too, e.g. incident-x1-force). */
    public String name() {
        return name;
    }

    /** Namespace of the InnoDBCluster that is to become PRIMARY. */
    public String namespace() {
        return namespace;
    }

    /** The InnoDBCluster (Kubernetes name) that is to become PRIMARY. */
    public String clusterName() {
        return clusterName;
    }

    public boolean force() {
        return force;
    }

    public List<String> invalidateReplicaClusters() {
        return invalidateReplicaClusters;
    }

    public Optional<Integer> timeout() {
        return timeout;
    }

    /** The spec exactly as the CRD names its fields. */
    public Map<String, Object> spec() {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("clusterName", clusterName);
        spec.put("force", force);
        Map<String, Object> options = new LinkedHashMap<>();
        if (!invalidateReplicaClusters.isEmpty()) {
            options.put("invalidateReplicaClusters", invalidateReplicaClusters);
        }
        timeout.ifPresent(t -> options.put("timeout", t));
        if (!options.isEmpty()) {
            spec.put("options", options);
        }
        return spec;
    }

    /** The whole object (apiVersion, kind, metadata, spec), as kubectl would apply it. */
    public Map<String, Object> toObject() {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("apiVersion", MySqlClusterSetFailover.API_VERSION);
        o.put("kind", MySqlClusterSetFailover.KIND);
        o.put("metadata", Map.of("name", name, "namespace", namespace));
        o.put("spec", spec());
        return o;
    }

    CustomResourceArgs toResourceArgs() {
        return CustomResourceArgs.of(MySqlClusterSetFailover.API_VERSION, MySqlClusterSetFailover.KIND,
                Output.of(ObjectMetaArgs.builder().name(name).namespace(namespace).build()), Output.of(spec()));
    }

    public static final class Builder {
        private String name;
        private String namespace;
        private String clusterName;
        private boolean force;
        private List<String> invalidateReplicaClusters = List.of();
        private Optional<Integer> timeout = Optional.empty();

        private Builder() {
        }

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder namespace(String namespace) {
            this.namespace = namespace;
            return this;
        }

        public Builder clusterName(String clusterName) {
            this.clusterName = clusterName;
            return this;
        }

        /** false: switchover (the primary must be reachable); true: failover, invalidating the old primary. */
        public Builder force(boolean force) {
            this.force = force;
            return this;
        }

        /** Replica clusters to invalidate during a forced failover (unreachable ones). */
        public Builder invalidateReplicaClusters(List<String> clusters) {
            this.invalidateReplicaClusters = List.copyOf(clusters);
            return this;
        }

        /** Seconds the operation may take (AdminAPI timeout option). */
        public Builder timeout(int seconds) {
            this.timeout = Optional.of(seconds);
            return this;
        }

        public MySqlClusterSetFailoverArgs build() {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(namespace, "namespace");
            Objects.requireNonNull(clusterName, "clusterName");
            if (clusterName.isBlank()) {
                throw new IllegalArgumentException("clusterName must name the InnoDBCluster to promote");
            }
            if (timeout.isPresent() && timeout.get() < 0) {
                throw new IllegalArgumentException("timeout must be 0 or more seconds, got " + timeout.get());
            }
            return new MySqlClusterSetFailoverArgs(this);
        }
    }
}
