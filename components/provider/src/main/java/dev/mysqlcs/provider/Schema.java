package dev.mysqlcs.provider;

import com.google.gson.GsonBuilder;
import dev.mysqlcs.contract.ClusterSetContract;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The provider's (minimal) Pulumi package schema: its config and the three resource types with their properties. */
final class Schema {

    private Schema() {}

    static String json(String version) {
        Map<String, Object> kubeAccess = Map.of(
                "type",
                "object",
                "properties",
                Map.of(
                        ClusterSetContract.KUBE_NAME,
                        str(),
                        ClusterSetContract.KUBE_CONTEXT,
                        str(),
                        ClusterSetContract.KUBE_KUBECONFIG,
                        str()),
                "required",
                List.of(ClusterSetContract.KUBE_NAME, ClusterSetContract.KUBE_CONTEXT));
        Map<String, Object> kubeClusters = Map.of(
                "type",
                "array",
                "items",
                kubeAccess,
                "description",
                "How to reach each Kubernetes cluster of the mesh (every stack lists all of them).");
        Map<String, Object> inputs = new LinkedHashMap<>();
        // A named type: "$ref" alone (pulumi.json's typeSpec "Named Type": a "type" beside it is ignored).
        inputs.put(
                ClusterSetContract.SPEC,
                Map.of(
                        "$ref",
                        "pulumi.json#/Any",
                        "description",
                        "The ClusterSet, shaped like stack config mysqlcs:clusterSet."));
        inputs.put(ClusterSetContract.DEPLOY, Map.of("type", "array", "items", str()));
        inputs.put(ClusterSetContract.ROOT_USER, str());
        inputs.put(ClusterSetContract.ROOT_PASSWORD, Map.of("type", "string", "secret", true));
        Map<String, Object> resources = new LinkedHashMap<>();
        for (ResourceKind k : ResourceKind.values()) {
            Map<String, Object> in = new LinkedHashMap<>(inputs);
            if (k.needsMember()) {
                in.put(ClusterSetContract.MEMBER, str());
            }
            Map<String, Object> props = new LinkedHashMap<>(in);
            k.observedKeys().forEach(o -> props.put(o, Map.of("$ref", "pulumi.json#/Any")));
            props.put(ResourceKind.PLANNED_STEPS, Map.of("type", "array", "items", str()));
            props.put(ResourceKind.APPLIED_STEPS, Map.of("type", "array", "items", str()));
            props.put(ClusterSetContract.NOTES, Map.of("type", "array", "items", str()));
            resources.put(
                    k.token(),
                    Map.of(
                            "inputProperties",
                            in,
                            "properties",
                            props,
                            "requiredInputs",
                            k.contract().inputs()));
        }
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("name", ClusterSetContract.PACKAGE);
        schema.put("version", version);
        schema.put(
                "description",
                "MySQL InnoDB ClusterSet steps (create, join, switchover, failover, rejoin) " + "run from Pulumi");
        schema.put("config", Map.of("variables", Map.of(ClusterSetContract.KUBE_CLUSTERS, kubeClusters)));
        schema.put("provider", Map.of("inputProperties", Map.of(ClusterSetContract.KUBE_CLUSTERS, kubeClusters)));
        schema.put("resources", resources);
        return new GsonBuilder().disableHtmlEscaping().create().toJson(schema);
    }

    private static Map<String, Object> str() {
        return Map.of("type", "string");
    }
}
