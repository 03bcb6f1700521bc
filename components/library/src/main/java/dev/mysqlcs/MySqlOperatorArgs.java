package dev.mysqlcs;

import dev.mysqlcs.model.Edition;
import dev.mysqlcs.model.OperatorSettings;

/**
 * Inputs of a {@link MySqlOperator}: where the chart and images come from, which edition, and the cluster domain. No
 * resources: the Kubernetes provider comes through {@code ComponentResourceOptions.providers}, what must be in the
 * cluster first (Cilium: S2.1 precedes S2.9) through {@code dependsOn}.
 */
public final class MySqlOperatorArgs {

    private final OperatorSettings settings;
    private final Edition edition;
    private final String clusterDomain;

    private MySqlOperatorArgs(Builder b) {
        this.settings = b.settings;
        this.edition = b.edition;
        this.clusterDomain = b.clusterDomain;
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

    public static final class Builder {
        private OperatorSettings settings = OperatorSettings.defaults();
        private Edition edition = Edition.COMMUNITY;
        private String clusterDomain = "cluster.local";

        private Builder() {}

        public Builder settings(OperatorSettings settings) {
            this.settings = settings;
            return this;
        }

        public Builder edition(Edition edition) {
            this.edition = edition;
            return this;
        }

        public Builder clusterDomain(String clusterDomain) {
            this.clusterDomain = clusterDomain;
            return this;
        }

        /** @throws com.pulumi.exceptions.MissingRequiredPropertyException naming a missing or blank input */
        public MySqlOperatorArgs build() {
            ArgsCheck.required("MySqlOperatorArgs", "settings", settings);
            ArgsCheck.required("MySqlOperatorArgs", "edition", edition);
            ArgsCheck.required("MySqlOperatorArgs", "clusterDomain", clusterDomain);
            return new MySqlOperatorArgs(this);
        }
    }
}
