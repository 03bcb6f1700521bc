package dev.mysqlcs.provider;

import dev.mysqlcs.model.Member;
import dev.mysqlcs.model.Topology;
import dev.mysqlcs.testing.ConfigFixtures;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Instant;
import java.util.Map;

/**
 * Fixture of the slow tests that run seed 000 (one Kubernetes cluster, the Enterprise operator) against the real
 * kube-apiserver and the MySQL Operator's real CRDs ({@link dev.mysqlcs.testing.KubeApiServer}): the topology in
 * namespaces of the test's own (the server is shared, and what a test creates stays), and the objects the MySQL
 * Operator and the Kubernetes controllers would write, since nothing reconciles there: the InnoDBCluster, and the
 * Enterprise operator's side of a MySQLClusterSetFailover as its e2e test observes it (mysql/mysql-operator's
 * clusterset_t.py {@code _apply_switchover}): an Event {@code FailOverObjectCreated}
 * on the target InnoDBCluster, a Job named after the resource, whose status the Job controller writes through the
 * status subresource.
 */
final class EnterpriseOperatorOnRealApiServer {

    /** The InnoDBCluster spec of seed 000's members (Enterprise edition, self-signed TLS). */
    static final Map<String, Object> SEED_000_SPEC =
            Map.of("secretName", "mypwds", "instances", 3, "edition", "enterprise", "tlsUseSelfSigned", true);

    private EnterpriseOperatorOnRealApiServer() {}

    /**
     * Seed 000's stack file ({@code src/examples/Pulumi.single-cluster-enterprise.yaml}) with {@code mycluster2}
     * renamed {@code dr-site-2} (a Kubernetes name with dashes, not a MySQL cluster name) and its namespaces
     * {@code clusterns1..4} renamed {@code <namespaces>1..4}.
     */
    static String seed000(String namespaces) {
        return ConfigFixtures.shipped("src/examples/Pulumi.single-cluster-enterprise.yaml")
                .replace("namespace: clusterns", "namespace: " + namespaces)
                .replace("mycluster2", "dr-site-2");
    }

    /**
     * Creates each member's namespace with its {@code default} ServiceAccount (no controller-manager runs: the
     * ServiceAccount admission plugin needs the default account to exist).
     */
    static void namespaces(KubernetesClient client, Topology t) {
        for (Member m : t.clusterSet().members()) {
            client.namespaces()
                    .resource(new NamespaceBuilder()
                            .withNewMetadata()
                            .withName(m.namespace())
                            .endMetadata()
                            .build())
                    .create();
            client.serviceAccounts()
                    .inNamespace(m.namespace())
                    .resource(new ServiceAccountBuilder()
                            .withNewMetadata()
                            .withName("default")
                            .endMetadata()
                            .build())
                    .create();
        }
    }

    /** The member's InnoDBCluster as the stack's program registers it (its Kubernetes name: what the operator GETs). */
    static void innoDbCluster(KubernetesClient client, Member m, Map<String, Object> spec) {
        client.genericKubernetesResources(Fabric8KubeActions.INNODB_CLUSTER)
                .inNamespace(m.namespace())
                .resource(new GenericKubernetesResourceBuilder()
                        .withApiVersion("mysql.oracle.com/v2")
                        .withKind("InnoDBCluster")
                        .withNewMetadata()
                        .withName(m.name())
                        .endMetadata()
                        .addToAdditionalProperties("spec", spec)
                        .build())
                .create();
    }

    /**
     * The operator took up MySQLClusterSetFailover {@code resource}: its Event {@code FailOverObjectCreated} (source
     * kopf) on InnoDBCluster {@code namespace/cluster}.
     */
    static void failoverTakenUp(KubernetesClient client, String namespace, String cluster, String resource) {
        client.v1()
                .events()
                .inNamespace(namespace)
                .resource(new EventBuilder()
                        .withNewMetadata()
                        .withName(cluster + "." + resource)
                        .endMetadata()
                        .withReason(Fabric8KubeActions.FAILOVER_TAKEN_UP)
                        .withType("Normal")
                        .withMessage("Switching over to " + namespace + "/" + cluster + " from mycluster1")
                        .withNewInvolvedObject()
                        .withKind("InnoDBCluster")
                        .withApiVersion("mysql.oracle.com/v2")
                        .withName(cluster)
                        .withNamespace(namespace)
                        .endInvolvedObject()
                        .withNewSource()
                        .withComponent("kopf")
                        .endSource()
                        .withFirstTimestamp(Instant.now().toString())
                        .withLastTimestamp(Instant.now().toString())
                        .withCount(1)
                        .build())
                .create();
    }

    /** The operator's failover Job for MySQLClusterSetFailover {@code name} (named after it), not run yet. */
    static Job failoverJob(KubernetesClient client, String namespace, String name) {
        return client.batch()
                .v1()
                .jobs()
                .inNamespace(namespace)
                .resource(new JobBuilder()
                        .withNewMetadata()
                        .withName(name)
                        .endMetadata()
                        .withNewSpec()
                        .withBackoffLimit(0)
                        .withNewTemplate()
                        .withNewSpec()
                        .withRestartPolicy("Never")
                        .withAutomountServiceAccountToken(false)
                        .addNewContainer()
                        .withName("failover")
                        .withImage("container-registry.oracle.com/mysql/enterprise-operator:9.7.0-2.2.8")
                        .withArgs("mysqlsh", "--pym", "mysqloperator", "clusterset-failover")
                        .endContainer()
                        .endSpec()
                        .endTemplate()
                        .endSpec()
                        .build())
                .create();
    }

    /** The Job controller's status of the finished Job, through the status subresource. */
    static void jobFinished(KubernetesClient client, String namespace, String name, boolean succeeded) {
        client.batch().v1().jobs().inNamespace(namespace).withName(name).editStatus(j -> {
            j.setStatus(new JobStatusBuilder()
                    .withStartTime(Instant.now().toString())
                    .withSucceeded(succeeded ? 1 : null)
                    .withFailed(succeeded ? null : 1)
                    .addNewCondition()
                    .withType(succeeded ? "Complete" : "Failed")
                    .withStatus("True")
                    .withLastTransitionTime(Instant.now().toString())
                    .endCondition()
                    .build());
            return j;
        });
    }
}
