package dev.mysqlcs;

import com.pulumi.core.Output;
import dev.mysqlcs.model.Topology;
import java.util.Optional;

/**
 * Inputs of a {@link ClusterSetDeployment}: the validated topology (from {@code dev.mysqlcs.config.TopologyLoader},
 * which reports every config error at once) and the secrets, which never enter the model: the root password and the
 * shared mesh CA.
 */
public final class ClusterSetDeploymentArgs {

    private final Topology topology;
    private final Output<String> rootPassword;
    private final Optional<Output<String>> meshCaCertPem;
    private final Optional<Output<String>> meshCaKeyPem;

    private ClusterSetDeploymentArgs(Builder b) {
        this.topology = b.topology;
        this.rootPassword = b.rootPassword.asSecret();
        this.meshCaCertPem = Optional.ofNullable(b.meshCaCertPem);
        this.meshCaKeyPem = Optional.ofNullable(b.meshCaKeyPem).map(Output::asSecret);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Topology topology() {
        return topology;
    }

    /** Always a secret. */
    public Output<String> rootPassword() {
        return rootPassword;
    }

    public Optional<Output<String>> meshCaCertPem() {
        return meshCaCertPem;
    }

    /** Always a secret. */
    public Optional<Output<String>> meshCaKeyPem() {
        return meshCaKeyPem;
    }

    public static final class Builder {
        private Topology topology;
        private Output<String> rootPassword;
        private Output<String> meshCaCertPem;
        private Output<String> meshCaKeyPem;

        private Builder() {}

        public Builder topology(Topology topology) {
            this.topology = topology;
            return this;
        }

        public Builder rootPassword(Output<String> rootPassword) {
            this.rootPassword = rootPassword;
            return this;
        }

        /** The mesh CA (both or neither); absent only where config without it is allowed (the offline plan). */
        public Builder meshCa(Output<String> certPem, Output<String> keyPem) {
            this.meshCaCertPem = certPem;
            this.meshCaKeyPem = keyPem;
            return this;
        }

        /** @throws com.pulumi.exceptions.MissingRequiredPropertyException naming a missing input */
        public ClusterSetDeploymentArgs build() {
            ArgsCheck.required("ClusterSetDeploymentArgs", "topology", topology);
            ArgsCheck.required("ClusterSetDeploymentArgs", "rootPassword", rootPassword);
            if ((meshCaCertPem == null) != (meshCaKeyPem == null)) {
                ArgsCheck.required(
                        "ClusterSetDeploymentArgs", meshCaCertPem == null ? "meshCaCertPem" : "meshCaKeyPem", null);
            }
            return new ClusterSetDeploymentArgs(this);
        }
    }
}
