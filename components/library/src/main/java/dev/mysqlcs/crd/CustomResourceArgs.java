package dev.mysqlcs.crd;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.resources.ResourceArgs;
import java.util.Map;
import java.util.Objects;

/**
 * The inputs the Kubernetes provider expects for an instance of a CRD: the whole object, apiVersion, kind, metadata
 * and spec (what pulumi-kubernetes' own {@code apiextensions.CustomResource} sends, which SDK 4.0.0 lacks).
 */
public final class CustomResourceArgs extends ResourceArgs {

    @Import(name = "apiVersion", required = true)
    private Output<String> apiVersion;

    @Import(name = "kind", required = true)
    private Output<String> kind;

    @Import(name = "metadata", required = true)
    private Output<ObjectMetaArgs> metadata;

    @Import(name = "spec", required = true)
    private Output<Map<String, Object>> spec;

    private CustomResourceArgs() {}

    /**
     * @param spec plain values (maps, lists, strings, booleans, numbers); numbers are put in the form the engine
     *             serializes
     */
    public static CustomResourceArgs of(
            String apiVersion, String kind, Output<ObjectMetaArgs> metadata, Output<Map<String, Object>> spec) {
        CustomResourceArgs a = new CustomResourceArgs();
        a.apiVersion = Output.of(Objects.requireNonNull(apiVersion, "apiVersion"));
        a.kind = Output.of(Objects.requireNonNull(kind, "kind"));
        a.metadata = Objects.requireNonNull(metadata, "metadata");
        a.spec = Objects.requireNonNull(spec, "spec").applyValue(WireValues::normalizeMap);
        return a;
    }

    public Output<String> apiVersion() {
        return apiVersion;
    }

    public Output<String> kind() {
        return kind;
    }

    public Output<ObjectMetaArgs> metadata() {
        return metadata;
    }

    public Output<Map<String, Object>> spec() {
        return spec;
    }

    /** The type token the Kubernetes provider serves CRD instances under: {@code kubernetes:<apiVersion>:<kind>}. */
    public static String typeToken(String apiVersion, String kind) {
        return "kubernetes:" + apiVersion + ":" + kind;
    }
}
