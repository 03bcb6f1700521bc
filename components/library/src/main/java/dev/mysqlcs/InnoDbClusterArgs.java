package dev.mysqlcs;

import com.pulumi.core.Output;
import com.pulumi.exceptions.MissingRequiredPropertyException;
import dev.mysqlcs.model.Member;
import dev.mysqlcs.render.InnoDbClusterSpec;
import java.util.Optional;

/**
 * Inputs of an {@link InnoDbCluster}: the member it is (name, namespace, server IDs, instances, TLS, storage,
 * placement), the Kubernetes cluster domain, the root account (the password a Pulumi secret), where the images come
 * from, and how the member joins the ClusterSet. No resources: the Kubernetes provider comes through
 * {@code ComponentResourceOptions.providers}, what must exist first through {@code dependsOn}.
 */
public final class InnoDbClusterArgs {

    private final Member member;
    private final String clusterDomain;
    private final String rootHost;
    private final Output<String> rootPassword;
    private final InnoDbClusterSpec.Settings settings;
    private final boolean operatorLinked;

    private InnoDbClusterArgs(Builder b) {
        this.member = b.member;
        this.clusterDomain = b.clusterDomain;
        this.rootHost = b.rootHost;
        this.rootPassword = b.rootPassword.asSecret();
        this.operatorLinked = b.operatorLinked || b.clusterSetTargetUrl != null;
        this.settings = new InnoDbClusterSpec.Settings(
                b.rootUser,
                Optional.ofNullable(b.imageRepository),
                Optional.ofNullable(b.imagePullSecret),
                b.ciliumGlobalService,
                Optional.ofNullable(b.clusterSetTargetUrl));
    }

    public static Builder builder() {
        return new Builder();
    }

    public Member member() {
        return member;
    }

    /** The Kubernetes cluster domain the member's FQDNs end with ({@code cluster.local}). */
    public String clusterDomain() {
        return clusterDomain;
    }

    public String rootUser() {
        return settings.rootUser();
    }

    public String rootHost() {
        return rootHost;
    }

    /** Always a secret, whatever the caller passed. */
    public Output<String> rootPassword() {
        return rootPassword;
    }

    /** What the rendered InnoDBCluster takes besides the member. */
    public InnoDbClusterSpec.Settings settings() {
        return settings;
    }

    /** A replica the Enterprise operator links into the ClusterSet (S1.3): it needs the clusterset Secret. */
    public boolean joinsThroughOperator() {
        return settings.clusterSetTargetUrl().isPresent();
    }

    /**
     * The Enterprise operator links the ClusterSet this member belongs to (linkage {@code operator}): its namespace
     * holds the clusterset Secret whether it is the primary of the day or a replica.
     */
    public boolean operatorLinked() {
        return operatorLinked;
    }

    public static final class Builder {
        private Member member;
        private String clusterDomain = "cluster.local";
        private String rootUser = "root";
        private String rootHost = "%";
        private Output<String> rootPassword;
        private String imageRepository;
        private String imagePullSecret;
        private boolean ciliumGlobalService;
        private String clusterSetTargetUrl;
        private boolean operatorLinked;

        private Builder() {}

        public Builder member(Member member) {
            this.member = member;
            return this;
        }

        public Builder clusterDomain(String clusterDomain) {
            this.clusterDomain = clusterDomain;
            return this;
        }

        public Builder rootUser(String rootUser) {
            this.rootUser = rootUser;
            return this;
        }

        public Builder rootHost(String rootHost) {
            this.rootHost = rootHost;
            return this;
        }

        /** Made a secret whatever it was. */
        public Builder rootPassword(Output<String> rootPassword) {
            this.rootPassword = rootPassword;
            return this;
        }

        /** {@code <registry>/<repository>} of the server and router images; unset: the operator's default. */
        public Builder imageRepository(String imageRepository) {
            this.imageRepository = imageRepository;
            return this;
        }

        /** A docker-registry Secret in the member's namespace for the server, sidecar and router images. */
        public Builder imagePullSecret(String imagePullSecret) {
            this.imagePullSecret = imagePullSecret;
            return this;
        }

        /** S2.11: the ClusterSet spans Kubernetes clusters, so {@code <name>-instances} is a Cilium global service. */
        public Builder ciliumGlobalService(boolean ciliumGlobalService) {
            this.ciliumGlobalService = ciliumGlobalService;
            return this;
        }

        /** S1.3 (linkage {@code operator}): the Enterprise operator joins this replica to the primary's pod 0. */
        public Builder joinClusterSetAt(String primaryPod0Fqdn) {
            this.clusterSetTargetUrl = primaryPod0Fqdn;
            return this;
        }

        /** Linkage {@code operator}: the member gets the clusterset Secret (implied by {@link #joinClusterSetAt}). */
        public Builder operatorLinked(boolean operatorLinked) {
            this.operatorLinked = operatorLinked;
            return this;
        }

        /** @throws MissingRequiredPropertyException naming the first required input that is missing or blank */
        public InnoDbClusterArgs build() {
            ArgsCheck.required("InnoDbClusterArgs", "member", member);
            ArgsCheck.required("InnoDbClusterArgs", "clusterDomain", clusterDomain);
            ArgsCheck.required("InnoDbClusterArgs", "rootUser", rootUser);
            ArgsCheck.required("InnoDbClusterArgs", "rootHost", rootHost);
            ArgsCheck.required("InnoDbClusterArgs", "rootPassword", rootPassword);
            return new InnoDbClusterArgs(this);
        }
    }
}
