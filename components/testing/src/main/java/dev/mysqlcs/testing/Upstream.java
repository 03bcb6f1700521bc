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
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The upstream reference data the tests check against, shipped in this module as class-path resources under
 * {@code upstream/} (see {@code upstream/PROVENANCE.md} there: source, commit, license), and validation of what this
 * project renders against the real upstream schemas. Nothing here reads outside the class path: the suite runs in a
 * clone of the repository alone.
 */
public final class Upstream {

    public static final String CRDS_2_2_8 = "mysql-operator/2.2.8/mysql-operator-2.2.8.crds.yaml";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, JsonSchema> SCHEMAS = new ConcurrentHashMap<>();
    private static final Map<String, Path> EXTRACTED = new ConcurrentHashMap<>();

    private Upstream() {}

    /** The resource's URL; a clear error naming the file when it was not copied into the module. */
    private static URL url(String relative) {
        URL url = Upstream.class.getResource("/upstream/" + relative);
        if (url == null) {
            throw new IllegalArgumentException("no upstream reference file " + relative + " in mysqlcs-testing's"
                    + " resources (components/testing/src/main/resources/upstream; list it in PROVENANCE.md)");
        }
        return url;
    }

    public static InputStream open(String relative) {
        try {
            return url(relative).openStream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A file system path to the reference file, for tools that open files themselves. In the module's own build the
     * resources are a directory; to the other modules this module is a jar, so the file is extracted once per test
     * JVM to a temporary file (deleted at exit) with the same file name.
     */
    public static Path file(String relative) {
        return toPath(relative, url(relative));
    }

    /** A {@code file:} URL as it is, any other (a {@code jar:} URL) extracted once; package-private for its test. */
    static Path toPath(String relative, URL url) {
        if ("file".equals(url.getProtocol())) {
            try {
                return Path.of(url.toURI());
            } catch (URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        }
        return EXTRACTED.computeIfAbsent(url.toString(), k -> {
            try (InputStream in = url.openStream()) {
                Path dir = Files.createTempDirectory("mysqlcs-upstream");
                Path target = dir.resolve(Path.of(relative).getFileName().toString());
                Files.copy(in, target);
                target.toFile().deleteOnExit();
                dir.toFile().deleteOnExit();
                return target;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    public static String read(String relative) {
        try (InputStream in = open(relative)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every YAML document of a multi-document file. */
    public static List<JsonNode> yamlDocuments(String relative) {
        try (YAMLParser parser = new YAMLFactory().createParser(open(relative))) {
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
        JsonSchema schema = SCHEMAS.computeIfAbsent(
                crdFile + "#" + kind + "/" + version,
                k -> JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4)
                        .getSchema(withoutKubernetesExtensions(crdSchema(crdFile, kind, version))));
        return messages(schema.validate(node));
    }

    /** Violations of Helm values against a Cilium chart's values.schema.json (draft-07). */
    public static List<String> validateCiliumValues(String chartVersion, Object values) {
        JsonSchema schema = SCHEMAS.computeIfAbsent("cilium#" + chartVersion, k -> {
            try {
                JsonNode s = JSON.readTree(read("cilium/" + chartVersion + "/values.schema.json"));
                return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(s);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return messages(schema.validate(JSON.valueToTree(values)));
    }

    /**
     * Violations of a provider's {@code GetSchema} answer against Pulumi's package metaschema
     * ({@code pulumi/pulumi.json}, JSON Schema 2020-12; its {@code $id} resolves to the copy here).
     */
    public static List<String> validatePulumiPackageSchema(String schemaJson) {
        JsonSchema schema = SCHEMAS.computeIfAbsent("pulumi#metaschema", k -> {
            try {
                JsonNode s = JSON.readTree(read("pulumi/pulumi.json"));
                return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                        .getSchema(s);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        try {
            return messages(schema.validate(JSON.readTree(schemaJson)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
