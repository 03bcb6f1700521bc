package dev.mysqlcs.contract;

import dev.mysqlcs.plan.Intent;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The wire contract between a program and the mysqlcs provider plugin, declared once: the type tokens, the input and
 * output property names, and which ClusterSet intent each resource stands for. The program side
 * ({@code dev.mysqlcs.ClusterSet*} in the library: {@code @ResourceType}, {@code @Import}, {@code @Export}), the
 * provider ({@code ResourceKind}, {@code ResourceInputs}, {@code Schema}) and {@code ./plan}'s predicted outputs all
 * name these constants; the provider's {@code SchemaContractTest} checks its schema against the annotations.
 */
public final class ClusterSetContract {

    /** The plugin's package name: {@code pulumi-resource-mysqlcs}, {@code pulumi:providers:mysqlcs}. */
    public static final String PACKAGE = "mysqlcs";

    public static final String PROVIDER_TYPE = "pulumi:providers:" + PACKAGE;

    public static final String CLUSTER_SET_TOKEN = "mysqlcs:index:ClusterSet";
    public static final String MEMBER_TOKEN = "mysqlcs:index:ClusterSetMember";
    public static final String PRIMARY_TOKEN = "mysqlcs:index:ClusterSetPrimary";

    /** Provider input (and config {@code mysqlcs:kubeClusters}): how to reach each Kubernetes cluster. */
    public static final String KUBE_CLUSTERS = "kubeClusters";

    public static final String KUBE_NAME = "name";
    public static final String KUBE_CONTEXT = "context";
    public static final String KUBE_KUBECONFIG = "kubeconfig";

    /** Inputs of every resource: the ClusterSet shaped like {@code mysqlcs:clusterSet}, ... */
    public static final String SPEC = "spec";
    /** ... the kube clusters the registering stack deploys ({@code mysqlcs:deploy}), ... */
    public static final String DEPLOY = "deploy";
    /** ... and the root login; the password always a secret. */
    public static final String ROOT_USER = "rootUser";

    public static final String ROOT_PASSWORD = "rootPassword";
    /** Input of a member: its InnoDBCluster name. */
    public static final String MEMBER = "member";

    /** Outputs of every resource: the steps Diff plans, those Create / Update ran, notes, and the status read. */
    public static final String PLANNED_STEPS = "plannedSteps";

    public static final String APPLIED_STEPS = "appliedSteps";
    public static final String NOTES = "notes";
    public static final String CLUSTER_SET_STATUS = "clusterSetStatus";

    public static final String DOMAIN_NAME = "domainName";
    public static final String PRIMARY_CLUSTER = "primaryCluster";
    public static final String STATUS_TEXT = "statusText";
    public static final String MEMBERS = "members";
    public static final String CLUSTERS = "clusters";
    public static final String INVALIDATED_CLUSTERS = "invalidatedClusters";
    public static final String PRIMARY_EPOCH = "primaryEpoch";

    public static final String CLUSTER_NAME = "clusterName";
    public static final String CLUSTER_ROLE = "clusterRole";
    public static final String GLOBAL_STATUS = "globalStatus";
    public static final String CLUSTER_STATUS = "clusterStatus";
    public static final String INSTANCES = "instances";
    public static final String INVALIDATED = "invalidated";
    /** A replica's ClusterSet channel as the Shell reports it (clusterSetReplicationStatus). */
    public static final String REPLICATION_CHANNEL = "replicationChannel";

    private ClusterSetContract() {}

    /** The provider's resource types. */
    public enum Kind {

        /** The ClusterSet itself; registered by every stack (created on the configured primary, adopted elsewhere). */
        CLUSTER_SET(
                CLUSTER_SET_TOKEN,
                false,
                List.of(
                        CLUSTER_SET_STATUS,
                        DOMAIN_NAME,
                        PRIMARY_CLUSTER,
                        STATUS_TEXT,
                        MEMBERS,
                        CLUSTERS,
                        INVALIDATED_CLUSTERS,
                        PRIMARY_EPOCH)),
        /** One InnoDBCluster's membership (joined as a replica when it is not a member); by the stack deploying it. */
        MEMBER(
                MEMBER_TOKEN,
                true,
                List.of(
                        CLUSTER_SET_STATUS,
                        CLUSTER_NAME,
                        CLUSTER_ROLE,
                        GLOBAL_STATUS,
                        CLUSTER_STATUS,
                        REPLICATION_CHANNEL,
                        INSTANCES,
                        INVALIDATED)),
        /** The primary cluster (switchover / forced failover); by every stack, guarded by the primary epoch. */
        PRIMARY(PRIMARY_TOKEN, false, List.of(CLUSTER_SET_STATUS, PRIMARY_CLUSTER, PRIMARY_EPOCH));

        private final String token;
        private final boolean needsMember;
        private final List<String> observedOutputs;

        Kind(String token, boolean needsMember, List<String> observedOutputs) {
            this.token = token;
            this.needsMember = needsMember;
            this.observedOutputs = observedOutputs;
        }

        public String token() {
            return token;
        }

        public boolean needsMember() {
            return needsMember;
        }

        public static Optional<Kind> ofToken(String token) {
            for (Kind k : values()) {
                if (k.token.equals(token)) {
                    return Optional.of(k);
                }
            }
            return Optional.empty();
        }

        /** The inputs, all required. */
        public List<String> inputs() {
            return needsMember
                    ? List.of(SPEC, DEPLOY, ROOT_USER, ROOT_PASSWORD, ClusterSetContract.MEMBER)
                    : List.of(SPEC, DEPLOY, ROOT_USER, ROOT_PASSWORD);
        }

        /** The outputs read from the ClusterSet (unknown in a preview). */
        public List<String> observedOutputs() {
            return observedOutputs;
        }

        /** Every output besides the echoed inputs: the observed ones, then the step lists. */
        public List<String> outputs() {
            List<String> all = new ArrayList<>(observedOutputs);
            all.addAll(List.of(PLANNED_STEPS, APPLIED_STEPS, NOTES));
            return List.copyOf(all);
        }

        /** What Create / Update of this resource asks the planner for. */
        public Intent ensure(Optional<String> member) {
            return switch (this) {
                case CLUSTER_SET -> new Intent.EnsureClusterSet();
                case MEMBER -> new Intent.EnsureMember(member.orElseThrow());
                case PRIMARY -> new Intent.EnsurePrimary();
            };
        }
    }
}
