package dev.mysqlcs;

import com.pulumi.kubernetes.Provider;
import dev.mysqlcs.model.Edition;
import dev.mysqlcs.model.OperatorSettings;

import com.pulumi.resources.Resource;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Inputs of a {@link MySqlOperator}: where the chart and images come from, which edition, the cluster domain, and the
 * Kubernetes provider of the cluster it is installed in.
 */
public final class MySqlOperatorArgs {

    private final OperatorSettings settings;
    private final Edition edition;
    private final String clusterDomain;
    private final Provider provider;
    private final List<Resource> after;

    private MySqlOperatorArgs(Builder b) {
        this.settings = b.settings;
        this.edition = b.edition;
        this.clusterDomain = b.clusterDomain;
        this.provider = b.provider;
        this.after = List.copyOf(b.after);
    }

    public static Builder builder() {
        return new Builder();
    }

    public OperatorSettings settings() {
        return settings;
    }

    public Edition edition() {
        return edition;
    }

    /** MYSQL_OPERATOR_K8S_CLUSTER_DOMAIN: the domain every FQDN the operator builds ends with. */
    public String clusterDomain() {
        return clusterDomain;
    }

    public Provider provider() {
        return provider;
    }

    /** What must exist in the cluster before the operator installs, e.g. Cilium (seed 001: S2.1 precedes S2.9). */
    public List<Resource> after() {
        return after;
    }

    public static final class Builder {
        private OperatorSettings settings = OperatorSettings.defaults();
        private Edition edition = Edition.COMMUNITY;
        private String clusterDomain = "cluster.local";
        private Provider provider;
        private final List<Resource> after = new ArrayList<>();

        private Builder() {
        }

        public Builder settings(OperatorSettings settings) {
            this.settings = Objects.requireNonNull(settings, "settings");
            return this;
        }

        public Builder edition(Edition edition) {
            this.edition = Objects.requireNonNull(edition, "edition");
            return this;
        }

        public Builder clusterDomain(String clusterDomain) {
            this.clusterDomain = Objects.requireNonNull(clusterDomain, "clusterDomain");
            return this;
        }

        /** The explicit provider of the Kubernetes cluster: never an ambient kube context. */
        public Builder provider(Provider provider) {
            this.provider = Objects.requireNonNull(provider, "provider");
            return this;
        }

        public Builder after(Resource resource) {
            this.after.add(Objects.requireNonNull(resource, "after"));
            return this;
        }

        public MySqlOperatorArgs build() {
            if (provider == null) {
                throw new IllegalArgumentException("MySqlOperatorArgs.provider is required: the Kubernetes provider "
                        + "of the cluster the operator is installed in");
            }
            if (clusterDomain.isBlank()) {
                throw new IllegalArgumentException("MySqlOperatorArgs.clusterDomain must not be blank; "
                        + "allowed: a DNS-1123 subdomain such as cluster.local");
            }
            return new MySqlOperatorArgs(this);
        }
    }
}
