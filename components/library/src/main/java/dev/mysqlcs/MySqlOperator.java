package dev.mysqlcs;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.kubernetes.helm.v3.Release;
import com.pulumi.kubernetes.helm.v3.ReleaseArgs;
import com.pulumi.kubernetes.helm.v3.inputs.RepositoryOptsArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import dev.mysqlcs.model.OperatorSettings;
import dev.mysqlcs.render.OperatorValues;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.annotation.Nullable;

/**
 * The MySQL Operator in one Kubernetes cluster (S2.9): a Helm release of the mysql-operator chart, which also
 * installs the CRDs (InnoDBCluster, MySQLBackup, MySQLClusterSetFailover). Custom resources must depend on
 * {@link #release()}: it completes once the CRDs exist and the operator Deployment is ready.
 */
public final class MySqlOperator extends ComponentResource {

    public static final String TYPE = "mysqlcs:index:MySqlOperator";
    /** Fixed Helm release name: one operator per Kubernetes cluster, found by name by anyone. */
    public static final String RELEASE_NAME = "mysql-operator";

    @Export(
            name = "releaseName",
            refs = {String.class},
            tree = "[0]")
    public final Output<String> releaseName;

    @Export(
            name = "namespace",
            refs = {String.class},
            tree = "[0]")
    public final Output<String> namespace;

    /** The chart installed: {@code <name>@<version>} from a repository, or the local chart path. */
    @Export(
            name = "chart",
            refs = {String.class},
            tree = "[0]")
    public final Output<String> chart;

    @Export(
            name = "edition",
            refs = {String.class},
            tree = "[0]")
    public final Output<String> edition;

    private final Release release;

    /**
     * @param opts the Kubernetes provider of the cluster goes in {@code providers} (the release inherits it);
     *             {@code dependsOn} is what the release waits for (Cilium, where there is a mesh;
     *             {@link ComponentOptions})
     */
    public MySqlOperator(String name, MySqlOperatorArgs args, @Nullable ComponentResourceOptions opts) {
        super(TYPE, name, ComponentOptions.withoutDependsOn(opts));
        OperatorSettings s = args.settings();

        ReleaseArgs.Builder release = ReleaseArgs.builder()
                .name(RELEASE_NAME)
                .namespace(s.namespace())
                .createNamespace(true)
                .chart(s.chart())
                .values(OperatorValues.render(s, args.edition(), args.clusterDomain()));
        s.chartVersion().ifPresent(release::version);
        s.chartRepo()
                .ifPresent(repo -> release.repositoryOpts(
                        RepositoryOptsArgs.builder().repo(repo).build()));
        CustomResourceOptions.Builder releaseOptions =
                CustomResourceOptions.builder().parent(this);
        if (opts != null) {
            releaseOptions.dependsOn(opts.getDependsOn());
        }
        this.release = new Release(name + "-release", release.build(), releaseOptions.build());

        this.releaseName = this.release.name().applyValue(n -> n.orElse(RELEASE_NAME));
        this.namespace = this.release.namespace().applyValue(n -> n.orElse(s.namespace()));
        String chartRef =
                s.localChart() ? s.chart() : s.chart() + "@" + s.chartVersion().orElse("");
        // Tied to the release's URN only so that the output resolves once the release is registered.
        this.chart = this.release.urn().applyValue(u -> chartRef);
        this.edition = Output.of(args.edition().value());

        Map<String, Output<?>> outputs = new LinkedHashMap<>();
        outputs.put("releaseName", releaseName);
        outputs.put("namespace", namespace);
        outputs.put("chart", chart);
        outputs.put("edition", edition);
        registerOutputs(outputs);
    }

    /** The Helm release: what InnoDBClusters and other custom resources of the operator depend on. */
    public Release release() {
        return release;
    }
}
