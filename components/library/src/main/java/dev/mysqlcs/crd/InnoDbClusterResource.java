package dev.mysqlcs.crd;

import com.pulumi.core.annotations.ResourceType;
import com.pulumi.resources.CustomResourceOptions;
import javax.annotation.Nullable;

/** An InnoDBCluster ({@code mysql.oracle.com/v2}), served by the Kubernetes provider like any CRD instance. */
@ResourceType(type = InnoDbClusterResource.TYPE)
public class InnoDbClusterResource extends KubernetesCrd {

    public static final String API_VERSION = "mysql.oracle.com/v2";
    public static final String KIND = "InnoDBCluster";
    public static final String TYPE = "kubernetes:" + API_VERSION + ":" + KIND;

    /**
     * @param args built with {@link CustomResourceArgs#of} and {@link #API_VERSION} / {@link #KIND}
     */
    public InnoDbClusterResource(String name, CustomResourceArgs args, @Nullable CustomResourceOptions options) {
        super(TYPE, name, args, options);
    }
}
