package dev.mysqlcs;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.exceptions.ResourceException;
import com.pulumi.kubernetes.apps.v1.DeploymentPatch;
import com.pulumi.kubernetes.apps.v1.DeploymentPatchArgs;
import com.pulumi.kubernetes.apps.v1.inputs.DeploymentSpecPatchArgs;
import com.pulumi.kubernetes.core.v1.ConfigMap;
import com.pulumi.kubernetes.core.v1.ConfigMapPatch;
import com.pulumi.kubernetes.core.v1.ConfigMapPatchArgs;
import com.pulumi.kubernetes.core.v1.Service;
import com.pulumi.kubernetes.core.v1.ServiceArgs;
import com.pulumi.kubernetes.core.v1.inputs.PodTemplateSpecPatchArgs;
import com.pulumi.kubernetes.core.v1.inputs.ServicePortArgs;
import com.pulumi.kubernetes.core.v1.inputs.ServiceSpecArgs;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaPatchArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import dev.mysqlcs.model.DnsMode;
import dev.mysqlcs.model.KubeCluster;
import dev.mysqlcs.render.CoreDnsZones;
import dev.mysqlcs.render.CoreDnsZones.ForwardZone;
import dev.mysqlcs.render.CorefilePatch;
import java.util.List;
import java.util.Map;

/**
 * Cross-cluster DNS on one Kubernetes cluster. S2.6: CoreDNS exposed on a NodePort ({@code core-dns-nodeport}, UDP
 * and TCP 53) so that peers can forward to it. S2.8: the zones of the members in other clusters forwarded to those
 * clusters' NodePorts, in one of two modes:
 * <ul>
 *   <li>{@code coredns-custom} (k3s, AKS, OKE): keys {@code mysqlcs.<zone>.server} in
 *   {@code kube-system/coredns-custom}, which those distributions' CoreDNS imports; the main Corefile is not touched.
 *   The ConfigMap is applied server-side, so it is created where absent (k3s, OKE) and extended where the
 *   distribution ships it (AKS). CoreDNS's {@code reload} plugin watches the Corefile only, not imported files, so
 *   the CoreDNS pod template carries a digest of the zones and rolls when, and only when, they change.</li>
 *   <li>{@code corefile} (kubeadm): the live Corefile of {@code kube-system/coredns} is read and patched with
 *   {@link CorefilePatch}, which keeps every other stanza; CoreDNS's {@code reload} plugin picks it up. kubeadm owns
 *   the field, so the patch forces ownership; it is retained on delete, because giving the field up would delete the
 *   whole Corefile.</li>
 * </ul>
 */
public class CrossClusterDns extends ComponentResource {

    public static final String TYPE = "mysqlcs:index:CrossClusterDns";
    public static final String NAMESPACE = "kube-system";
    public static final String SERVICE_NAME = "core-dns-nodeport";
    public static final String COREDNS_CONFIGMAP = "coredns";
    public static final String COREDNS_CUSTOM_CONFIGMAP = "coredns-custom";
    public static final String COREDNS_DEPLOYMENT = "coredns";
    public static final String COREFILE_KEY = "Corefile";
    /** CoreDNS pod-template annotation: digest of the zones served from coredns-custom. */
    public static final String ZONES_ANNOTATION = "mysqlcs.dev/coredns-custom-zones";
    /** pulumi-kubernetes: a Patch resource takes fields other managers own. */
    public static final String PATCH_FORCE = "pulumi.com/patchForce";

    @Export(
            name = "nodePort",
            refs = {Integer.class},
            tree = "[0]")
    public final Output<Integer> nodePort;

    @Export(
            name = "mode",
            refs = {String.class},
            tree = "[0]")
    public final Output<String> mode;

    @Export(
            name = "forwardedZones",
            refs = {List.class, String.class},
            tree = "[0,1]")
    public final Output<List<String>> forwardedZones;

    public final Service service;

    public CrossClusterDns(String name, CrossClusterDnsArgs args, ComponentResourceOptions opts) {
        super(TYPE, name, opts);
        KubeCluster kc = args.cluster();
        List<ForwardZone> zones = args.zones();
        if (zones.stream().map(ForwardZone::zone).distinct().count() != zones.size()) {
            throw new ResourceException("a zone is listed twice in " + zones, this);
        }

        this.service = new Service(
                name + "-nodeport",
                ServiceArgs.builder()
                        .metadata(ObjectMetaArgs.builder()
                                .name(SERVICE_NAME)
                                .namespace(NAMESPACE)
                                .labels(Map.of("k8s-app", SERVICE_NAME, "kubernetes.io/name", "CoreDNS"))
                                .build())
                        .spec(ServiceSpecArgs.builder()
                                .type("NodePort")
                                .selector(Map.of("k8s-app", "kube-dns"))
                                .sessionAffinity("None")
                                .ports(port("dns", "UDP", kc.dnsNodePort()), port("dns-tcp", "TCP", kc.dnsNodePort()))
                                .build())
                        .build(),
                CustomResourceOptions.builder().parent(this).build());

        if (kc.dnsMode() == DnsMode.COREFILE) {
            patchCorefile(name, zones);
        } else {
            extendCorednsCustom(name, zones);
        }

        this.nodePort = Output.of(kc.dnsNodePort());
        this.mode = Output.of(kc.dnsMode().value());
        this.forwardedZones = Output.of(zones.stream().map(ForwardZone::zone).toList());
        registerOutputs(Map.of("nodePort", nodePort, "mode", mode, "forwardedZones", forwardedZones));
    }

    private static ServicePortArgs port(String name, String protocol, int nodePort) {
        return ServicePortArgs.builder()
                .name(name)
                .protocol(protocol)
                .port(53)
                .targetPort(53)
                .nodePort(nodePort)
                .build();
    }

    private void patchCorefile(String name, List<ForwardZone> zones) {
        ConfigMap live = ConfigMap.get(
                name + "-coredns",
                Output.of(NAMESPACE + "/" + COREDNS_CONFIGMAP),
                CustomResourceOptions.builder().parent(this).build());
        Output<Map<String, String>> data = live.data().applyValue(d -> {
            String corefile = d == null ? null : d.get(COREFILE_KEY);
            if (corefile == null) {
                throw new ResourceException(
                        NAMESPACE + "/" + COREDNS_CONFIGMAP + " has no " + COREFILE_KEY
                                + " key, so dns.mode corefile cannot patch it; use dns.mode coredns-custom if this "
                                + "cluster's CoreDNS imports kube-system/coredns-custom",
                        this);
            }
            return Map.of(COREFILE_KEY, CorefilePatch.apply(corefile, zones));
        });
        new ConfigMapPatch(
                name + "-corefile",
                ConfigMapPatchArgs.builder()
                        .metadata(ObjectMetaPatchArgs.builder()
                                .name(COREDNS_CONFIGMAP)
                                .namespace(NAMESPACE)
                                .annotations(Map.of(PATCH_FORCE, "true"))
                                .build())
                        .data(data)
                        .build(),
                CustomResourceOptions.builder()
                        .parent(this)
                        .retainOnDelete(true)
                        .build());
    }

    private void extendCorednsCustom(String name, List<ForwardZone> zones) {
        ConfigMapPatch custom = new ConfigMapPatch(
                name + "-custom",
                ConfigMapPatchArgs.builder()
                        .metadata(ObjectMetaPatchArgs.builder()
                                .name(COREDNS_CUSTOM_CONFIGMAP)
                                .namespace(NAMESPACE)
                                .build())
                        .data(CoreDnsZones.customServerData(zones))
                        .build(),
                CustomResourceOptions.builder().parent(this).build());
        new DeploymentPatch(
                name + "-reload",
                DeploymentPatchArgs.builder()
                        .metadata(ObjectMetaPatchArgs.builder()
                                .name(COREDNS_DEPLOYMENT)
                                .namespace(NAMESPACE)
                                .build())
                        .spec(DeploymentSpecPatchArgs.builder()
                                .template(PodTemplateSpecPatchArgs.builder()
                                        .metadata(ObjectMetaPatchArgs.builder()
                                                .annotations(Map.of(ZONES_ANNOTATION, CoreDnsZones.digest(zones)))
                                                .build())
                                        .build())
                                .build())
                        .build(),
                CustomResourceOptions.builder().parent(this).dependsOn(custom).build());
    }
}
