package dev.mysqlcs;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.exceptions.ResourceException;
import com.pulumi.kubernetes.apps.v1.DeploymentPatch;
import com.pulumi.kubernetes.apps.v1.DeploymentPatchArgs;
import com.pulumi.kubernetes.apps.v1.inputs.DeploymentSpecPatchArgs;
import com.pulumi.kubernetes.core.v1.inputs.PodTemplateSpecPatchArgs;
import com.pulumi.kubernetes.helm.v3.Release;
import com.pulumi.kubernetes.helm.v3.ReleaseArgs;
import com.pulumi.kubernetes.helm.v3.inputs.RepositoryOptsArgs;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaPatchArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import dev.mysqlcs.model.CiliumSettings;
import dev.mysqlcs.model.KubeCluster;
import dev.mysqlcs.pki.MeshCa;
import dev.mysqlcs.render.CiliumValues;
import java.util.List;
import java.util.Map;

/**
 * Cilium on one Kubernetes cluster (S2.1, S2.4, and S2.5 without the cilium CLI): a Helm release of the pinned
 * {@code cilium} chart whose values carry the cluster identity, the clustermesh-apiserver endpoint, the shared CA and
 * every peer; then S2.2, the restart of the pods that started before Cilium.
 *
 * <p>S2.2 is a pod-template annotation on each configured kube-system Deployment, applied by server-side apply after
 * the release is ready. Its value is the Cilium identity of the cluster ({@code kube-system/cilium:prod:1}), not a
 * time: it is set once after the first install and never changes on later runs or chart upgrades, so the pods roll
 * exactly once. (It changes only with the cluster's Cilium name or id, which needs a reinstall anyway.) The key is
 * this project's own, not {@code kubectl.kubernetes.io/restartedAt}, so a later {@code kubectl rollout restart} does
 * not fight over it.
 *
 * <p>Only Deployments that surely exist are patched, as a patch of a missing Deployment fails: by default CoreDNS
 * ({@code coredns}: kubeadm, k3s, AKS, OKE and EKS all name it so). kube-dns-autoscaler exists on some distributions
 * only, so it is opt-in through {@code mysqlcs:cilium.restartDeployments}. hubble-relay and hubble-ui are not
 * patched: this release creates them itself, after the Cilium agent, so they start under Cilium already.
 */
public class CiliumCluster extends ComponentResource {

    public static final String TYPE = "mysqlcs:index:CiliumCluster";
    /** The pod-template annotation of S2.2's one-time restart. */
    public static final String RESTART_ANNOTATION = "mysqlcs.dev/restarted-under-cilium";
    /** Helm waits for the rollout; a first Cilium install on a slow cluster exceeds the 300 s default. */
    static final int HELM_TIMEOUT_SECONDS = 600;
    /** Helm keeps the values (the CA key among them) in one Secret per revision: keep few. */
    static final int HELM_MAX_HISTORY = 5;

    @Export(
            name = "clusterName",
            refs = {String.class},
            tree = "[0]")
    public final Output<String> clusterName;

    @Export(
            name = "clusterId",
            refs = {Integer.class},
            tree = "[0]")
    public final Output<Integer> clusterId;

    @Export(
            name = "chartVersion",
            refs = {String.class},
            tree = "[0]")
    public final Output<String> chartVersion;

    @Export(
            name = "peers",
            refs = {List.class, String.class},
            tree = "[0,1]")
    public final Output<List<String>> peers;

    @Export(
            name = "restartedDeployments",
            refs = {List.class, String.class},
            tree = "[0,1]")
    public final Output<List<String>> restartedDeployments;

    /** The Helm release, for resources that must wait for Cilium. */
    public final Release release;

    public CiliumCluster(String name, CiliumClusterArgs args, ComponentResourceOptions opts) {
        super(TYPE, name, opts);
        KubeCluster kc = args.cluster();
        CiliumSettings settings = args.settings();
        if (args.caCertPem().isPresent() != args.caKeyPem().isPresent()) {
            throw new ResourceException("the mesh CA needs both caCertPem and caKeyPem, or neither", this);
        }
        if (args.peers().stream().anyMatch(p -> p.name().equals(kc.name()))) {
            throw new ResourceException("cluster " + kc.name() + " cannot be its own peer", this);
        }

        Object certBase64 =
                args.caCertPem().map(o -> o.applyValue(MeshCa::chartBase64)).orElse(null);
        Object keyBase64 = args.caKeyPem()
                .map(o -> o.applyValue(MeshCa::chartBase64).asSecret())
                .orElse(null);
        Map<String, Object> values = CiliumValues.render(
                new CiliumValues.Input(kc, args.peers(), settings, args.maxConnectedClusters(), certBase64, keyBase64));

        this.release = new Release(
                name + "-release",
                ReleaseArgs.builder()
                        .name(CiliumSettings.RELEASE_NAME)
                        .namespace(CiliumSettings.NAMESPACE)
                        .chart(CiliumSettings.CHART)
                        .version(settings.chartVersion())
                        .repositoryOpts(RepositoryOptsArgs.builder()
                                .repo(settings.chartRepo())
                                .build())
                        .values(values)
                        .timeout(HELM_TIMEOUT_SECONDS)
                        .maxHistory(HELM_MAX_HISTORY)
                        .build(),
                CustomResourceOptions.builder().parent(this).build());

        String identity = restartIdentity(kc);
        for (String deployment : settings.restartDeployments()) {
            new DeploymentPatch(
                    name + "-restart-" + deployment,
                    DeploymentPatchArgs.builder()
                            .metadata(ObjectMetaPatchArgs.builder()
                                    .name(deployment)
                                    .namespace(CiliumSettings.NAMESPACE)
                                    .build())
                            .spec(DeploymentSpecPatchArgs.builder()
                                    .template(PodTemplateSpecPatchArgs.builder()
                                            .metadata(ObjectMetaPatchArgs.builder()
                                                    .annotations(Map.of(RESTART_ANNOTATION, identity))
                                                    .build())
                                            .build())
                                    .build())
                            .build(),
                    CustomResourceOptions.builder()
                            .parent(this)
                            .dependsOn(release)
                            .build());
        }

        this.clusterName = Output.of(kc.ciliumName());
        this.clusterId = Output.of(kc.ciliumId());
        this.chartVersion = Output.of(settings.chartVersion());
        this.peers = Output.of(
                args.peers().stream().map(KubeCluster::ciliumName).sorted().toList());
        this.restartedDeployments = Output.of(List.copyOf(settings.restartDeployments()));
        registerOutputs(Map.of(
                "clusterName", clusterName,
                "clusterId", clusterId,
                "chartVersion", chartVersion,
                "peers", peers,
                "restartedDeployments", restartedDeployments));
    }

    /** The stable identity of a cluster's Cilium install: the S2.2 annotation value. */
    public static String restartIdentity(KubeCluster kc) {
        return CiliumSettings.NAMESPACE + "/" + CiliumSettings.RELEASE_NAME + ":" + kc.ciliumName() + ":"
                + kc.ciliumId();
    }
}
