package dev.mysqlcs.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The real API server starts with the operator's CRDs, and they are enforced (schema, defaults), not just stored. */
@Tag("slow")
class KubeApiServerIT {

    private static final ResourceDefinitionContext FAILOVER = new ResourceDefinitionContext.Builder()
            .withGroup("mysql.oracle.com")
            .withVersion("v2")
            .withKind("MySQLClusterSetFailover")
            .withPlural("mysqlclustersetfailovers")
            .withNamespaced(true)
            .build();

    @Test
    void theOperatorsCrdsAreInstalledAndTheirSchemaIsEnforced() {
        KubeApiServer server = KubeApiServer.shared();
        try (KubernetesClient c = server.client()) {
            assertEquals("v1.20.2", c.getKubernetesVersion().getGitVersion());
            for (String crd : java.util.List.of(
                    "innodbclusters.mysql.oracle.com",
                    "mysqlbackups.mysql.oracle.com",
                    "mysqlclustersetfailovers.mysql.oracle.com")) {
                assertTrue(
                        c.apiextensions()
                                        .v1()
                                        .customResourceDefinitions()
                                        .withName(crd)
                                        .get()
                                != null,
                        crd);
            }
            c.namespaces()
                    .resource(new NamespaceBuilder()
                            .withNewMetadata()
                            .withName("kube-it")
                            .endMetadata()
                            .build())
                    .create();
            var crs = c.genericKubernetesResources(FAILOVER).inNamespace("kube-it");
            // spec.clusterName is required by the CRD (mysql-operator-2.2.8.crds.yaml)
            KubernetesClientException e = assertThrows(
                    KubernetesClientException.class,
                    () -> crs.resource(failover("no-cluster", Map.of("force", true)))
                            .create());
            assertEquals(422, e.getCode());
            assertTrue(e.getMessage().contains("spec.clusterName: Required value"), e.getMessage());
            // spec.force defaults to false; an undeclared field is pruned
            GenericKubernetesResource created = crs.resource(
                            failover("ok", Map.of("clusterName", "mycluster-2", "notInTheSchema", 1)))
                    .create();
            assertEquals(
                    Map.of("clusterName", "mycluster-2", "force", false),
                    created.getAdditionalProperties().get("spec"));
        }
    }

    private static GenericKubernetesResource failover(String name, Map<String, Object> spec) {
        return new GenericKubernetesResourceBuilder()
                .withApiVersion("mysql.oracle.com/v2")
                .withKind("MySQLClusterSetFailover")
                .withNewMetadata()
                .withName(name)
                .endMetadata()
                .addToAdditionalProperties("spec", spec)
                .build();
    }
}
