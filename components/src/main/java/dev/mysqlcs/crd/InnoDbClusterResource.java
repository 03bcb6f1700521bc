package dev.mysqlcs.crd;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.core.annotations.ResourceType;
import com.pulumi.kubernetes.Utilities;
import com.pulumi.kubernetes.meta.v1.outputs.ObjectMeta;
import com.pulumi.resources.CustomResource;
import com.pulumi.resources.CustomResourceOptions;

import javax.annotation.Nullable;
import java.util.Map;

/** An InnoDBCluster ({@code mysql.oracle.com/v2}), served by the Kubernetes provider like any CRD instance. */
@ResourceType(type = InnoDbClusterResource.TYPE)
public class InnoDbClusterResource extends CustomResource {

    public static final String API_VERSION = "mysql.oracle.com/v2";
    public static final String KIND = "InnoDBCluster";
    public static final String TYPE = "kubernetes:" + API_VERSION + ":" + KIND;

    @Export(name = "apiVersion", refs = {String.class}, tree = "[0]")
    private Output<String> apiVersion;

    @Export(name = "kind", refs = {String.class}, tree = "[0]")
    private Output<String> kind;

    @Export(name = "metadata", refs = {ObjectMeta.class}, tree = "[0]")
    private Output<ObjectMeta> metadata;

    @Export(name = "spec", refs = {Map.class, String.class, Object.class}, tree = "[0,1,2]")
    private Output<Map<String, Object>> spec;

    /**
     * @param args built with {@link CustomResourceArgs#of} and {@link #API_VERSION} / {@link #KIND}
     */
    public InnoDbClusterResource(String name, CustomResourceArgs args, @Nullable CustomResourceOptions options) {
        super(TYPE, name, args, withProviderVersion(options));
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
    static CustomResourceOptions withProviderVersion(@Nullable CustomResourceOptions options) {
        return CustomResourceOptions.merge(CustomResourceOptions.builder().version(Utilities.getVersion()).build(),
                options);
    }
}
