package dev.mysqlcs.crd;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.kubernetes.Utilities;
import com.pulumi.kubernetes.meta.v1.outputs.ObjectMeta;
import com.pulumi.resources.CustomResource;
import com.pulumi.resources.CustomResourceOptions;
import java.util.Map;
import javax.annotation.Nullable;

/**
 * A CRD instance served by the Kubernetes provider: the outputs every such object has, and the provider plugin pinned
 * to the SDK's version. The SDK finds {@code @Export} fields through superclasses ({@code Reflection.allFields}); they
 * stay without initializers, which would overwrite what {@code Resource}'s constructor set.
 */
public abstract class KubernetesCrd extends CustomResource {

    @Export(
            name = "apiVersion",
            refs = {String.class},
            tree = "[0]")
    private Output<String> apiVersion;

    @Export(
            name = "kind",
            refs = {String.class},
            tree = "[0]")
    private Output<String> kind;

    @Export(
            name = "metadata",
            refs = {ObjectMeta.class},
            tree = "[0]")
    private Output<ObjectMeta> metadata;

    @Export(
            name = "spec",
            refs = {Map.class, String.class, Object.class},
            tree = "[0,1,2]")
    private Output<Map<String, Object>> spec;

    protected KubernetesCrd(
            String type, String name, CustomResourceArgs args, @Nullable CustomResourceOptions options) {
        super(type, name, args, withProviderVersion(options));
    }

    public Output<String> apiVersion() {
        return apiVersion;
    }

    public Output<String> kind() {
        return kind;
    }

    public Output<ObjectMeta> metadata() {
        return metadata;
    }

    public Output<Map<String, Object>> spec() {
        return spec;
    }

    /** Pins the Kubernetes provider plugin to the SDK's version, as the SDK's own resources do. */
    private static CustomResourceOptions withProviderVersion(@Nullable CustomResourceOptions options) {
        return CustomResourceOptions.merge(
                CustomResourceOptions.builder().version(Utilities.getVersion()).build(), options);
    }
}
