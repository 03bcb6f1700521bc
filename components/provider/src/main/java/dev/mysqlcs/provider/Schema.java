package dev.mysqlcs.provider;

import com.google.gson.GsonBuilder;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The provider's (minimal) Pulumi package schema: its config and the three resource types with their properties. */
final class Schema {

    private Schema() {
    }

    static String json(String version) {
        Map<String, Object> kubeAccess = Map.of("type", "object", "properties", Map.of(
                "name", str(), "context", str(), "kubeconfig", str()), "required", List.of("name", "context"));
        Map<String, Object> kubeClusters = Map.of("type", "array", "items", kubeAccess,
                "description", "How to reach each Kubernetes cluster of the mesh (every stack lists all of them).");
        Map<String, Object> inputs = new LinkedHashMap<>();
        // A named type: "$ref" alone (pulumi.json's typeSpec "Named Type": a "type" beside it is ignored).
        inputs.put("spec", Map.of("$ref", "pulumi.json#/Any",
                "description", "The ClusterSet, shaped like stack config mysqlcs:clusterSet."));
        inputs.put("deploy", Map.of("type", "array", "items", str()));
        inputs.put("rootUser", str());
        inputs.put("rootPassword", Map.of("type", "string", "secret", true));
        Map<String, Object> resources = new LinkedHashMap<>();
        for (ResourceKind k : ResourceKind.values()) {
            Map<String, Object> in = new LinkedHashMap<>(inputs);
            if (k.needsMember()) {
                in.put("member", str());
            }
            Map<String, Object> props = new LinkedHashMap<>(in);
            k.observedKeys().forEach(o -> props.put(o, Map.of("$ref", "pulumi.json#/Any")));
            props.put(ResourceKind.PLANNED_STEPS, Map.of("type", "array", "items", str()));
            props.put(ResourceKind.APPLIED_STEPS, Map.of("type", "array", "items", str()));
            props.put("notes", Map.of("type", "array", "items", str()));
            resources.put(k.token(), Map.of("inputProperties", in, "properties", props,
                    "requiredInputs", k.needsMember() ? List.of("spec", "deploy", "rootUser", "rootPassword", "member")
                            : List.of("spec", "deploy", "rootUser", "rootPassword")));
        }
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("name", "mysqlcs");
        schema.put("version", version);
        schema.put("description", "MySQL InnoDB ClusterSet steps (create, join, switchover, failover, rejoin) "
                + "run from Pulumi");
        schema.put("config", Map.of("variables", Map.of("kubeClusters", kubeClusters)));
        schema.put("provider", Map.of("inputProperties", Map.of("kubeClusters", kubeClusters)));
        schema.put("resources", resources);
        return new GsonBuilder().disableHtmlEscaping().create().toJson(schema);
    }

    private static Map<String, Object> str() {
        return Map.of("type", "string");
    }
}
