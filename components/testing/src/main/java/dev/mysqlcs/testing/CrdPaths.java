package dev.mysqlcs.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The check JSON Schema validation cannot make on a CRD: fields the schema does not declare. The API server prunes
 * them silently (structural schemas), so a misspelled field would vanish without an error. Lists every such path.
 */
public final class CrdPaths {

    private static final ObjectMapper JSON = new ObjectMapper();

    private CrdPaths() {}

    /** Paths in {@code resource} that the CRD's schema for its kind/version does not declare. */
    public static List<String> undeclared(String crdFile, Object resource) {
        JsonNode node = JSON.valueToTree(resource);
        String kind = node.path("kind").asText();
        String version = node.path("apiVersion").asText().replaceAll(".*/", "");
        JsonNode schema = Upstream.crdSchema(crdFile, kind, version);
        List<String> out = new ArrayList<>();
        // apiVersion, kind and metadata belong to every object, whatever the CRD declares.
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            if (f.getKey().equals("apiVersion")
                    || f.getKey().equals("kind")
                    || f.getKey().equals("metadata")) {
                continue;
            }
            walk(f.getKey(), schema.path("properties").path(f.getKey()), f.getValue(), out);
        }
        return out;
    }

    private static void walk(String path, JsonNode schema, JsonNode value, List<String> out) {
        if (schema.isMissingNode()) {
            out.add(path);
            return;
        }
        if (schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
            return;
        }
        if (value.isObject()) {
            JsonNode props = schema.path("properties");
            JsonNode additional = schema.path("additionalProperties");
            Iterator<Map.Entry<String, JsonNode>> it = value.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> f = it.next();
                JsonNode child = props.path(f.getKey());
                if (child.isMissingNode() && additional.isObject()) {
                    child = additional;
                }
                walk(path + "." + f.getKey(), child, f.getValue(), out);
            }
        } else if (value.isArray()) {
            for (int i = 0; i < value.size(); i++) {
                walk(path + "[" + i + "]", schema.path("items"), value.get(i), out);
            }
        }
    }
}
