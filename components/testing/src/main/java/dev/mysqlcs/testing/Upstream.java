package dev.mysqlcs.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The read-only upstream reference data in {@code ../shared/upstream} (next to the clone, as in CI), and validation
 * of what this project renders against the real upstream schemas.
 */
public final class Upstream {

    public static final String CRDS_2_2_8 = "mysql-operator/2.2.8/mysql-operator-2.2.8.crds.yaml";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, JsonSchema> SCHEMAS = new ConcurrentHashMap<>();

    private Upstream() {
    }

    /** {@code shared/upstream}, found from the working directory upwards (module dir or repository root). */
    public static Path root() {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            for (Path candidate : List.of(d.resolve("shared/upstream"), d.resolveSibling("shared/upstream"))) {
                if (Files.isDirectory(candidate)) {
                    return candidate;
                }
            }
        }
        throw new IllegalStateException("shared/upstream not found above " + dir
                + " (the CI clone has shared/ beside it)");
    }

    public static Path file(String relative) {
        return root().resolve(relative);
    }

    public static String read(String relative) {
        try {
            return Files.readString(file(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every YAML document of a multi-document file. */
    public static List<JsonNode> yamlDocuments(String relative) {
        try (YAMLParser parser = new YAMLFactory().createParser(file(relative).toFile())) {
            List<JsonNode> docs = new ArrayList<>();
            var it = new ObjectMapper(new YAMLFactory()).readValues(parser, JsonNode.class);
            while (it.hasNext()) {
                JsonNode n = it.next();
                if (n != null && !n.isNull() && !n.isMissingNode()) {
                    docs.add(n);
                }
            }
            return docs;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The openAPIV3Schema of one kind/version of a CRD file. */
    public static JsonNode crdSchema(String crdFile, String kind, String version) {
        for (JsonNode doc : yamlDocuments(crdFile)) {
            if ("CustomResourceDefinition".equals(doc.path("kind").asText())
                    && kind.equals(doc.path("spec").path("names").path("kind").asText())) {
                for (JsonNode v : doc.path("spec").path("versions")) {
                    if (version.equals(v.path("name").asText())) {
                        return v.path("schema").path("openAPIV3Schema");
                    }
                }
            }
        }
        throw new IllegalArgumentException("no CRD for " + kind + "/" + version + " in " + crdFile);
    }

    /** Violations of a custom resource (a whole object: apiVersion, kind, metadata, spec) against its CRD. */
    public static List<String> validateCustomResource(String crdFile, Object resource) {
        JsonNode node = JSON.valueToTree(resource);
        String kind = node.path("kind").asText();
        String version = node.path("apiVersion").asText().replaceAll(".*/", "");
        JsonSchema schema = SCHEMAS.computeIfAbsent(crdFile + "#" + kind + "/" + version,
                k -> JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4)
                        .getSchema(withoutKubernetesExtensions(crdSchema(crdFile, kind, version))));
        return messages(schema.validate(node));
    }

    /** Violations of Helm values against a Cilium chart's values.schema.json (draft-07). */
    public static List<String> validateCiliumValues(String chartVersion, Object values) {
        JsonSchema schema = SCHEMAS.computeIfAbsent("cilium#" + chartVersion, k -> {
            try {
                JsonNode s = JSON.readTree(file("cilium/" + chartVersion + "/values.schema.json").toFile());
                return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(s);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return messages(schema.validate(JSON.valueToTree(values)));
    }

    private static List<String> messages(java.util.Set<ValidationMessage> result) {
        return result.stream().map(ValidationMessage::getMessage).sorted().toList();
    }

    /** Kubernetes structural-schema keywords are not JSON Schema; the validator must not trip on them. */
    private static JsonNode withoutKubernetesExtensions(JsonNode schema) {
        JsonNode copy = schema.deepCopy();
        strip(copy);
        return copy;
    }

    private static void strip(JsonNode n) {
        if (n instanceof ObjectNode o) {
            List<String> drop = new ArrayList<>();
            o.fieldNames().forEachRemaining(f -> {
                if (f.startsWith("x-kubernetes-") || f.equals("nullable")) {
                    drop.add(f);
                }
            });
            o.remove(drop);
            o.elements().forEachRemaining(Upstream::strip);
        } else if (n != null && n.isArray()) {
            n.elements().forEachRemaining(Upstream::strip);
        }
    }
}
