package dev.mysqlcs;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import dev.mysqlcs.model.KubeCluster;
import dev.mysqlcs.model.MeshEndpoint;
import dev.mysqlcs.render.CoreDnsZones.ForwardZone;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One side of the Cilium ClusterMesh: everything one Kubernetes cluster needs to join the full mesh, deployed with
 * that cluster's provider only (pass it with {@code ComponentResourceOptions.providers}). Children:
 * {@code <name>-cilium} ({@link CiliumCluster}: Cilium listing every other cluster as a peer) and {@code <name>-dns}
 * ({@link CrossClusterDns}: the CoreDNS NodePort and the forward zones of the members in other clusters).
 *
 * <p>No side needs another side's credentials: the peers' endpoints and the CA come from the shared topology config,
 * so the sides can be deployed in any order, and each connects as soon as its peers are up.
 */
public class ClusterMesh extends ComponentResource {

    public static final String TYPE = "mysqlcs:index:ClusterMesh";

    /** What peers need to know about this side: its mesh endpoint, node IPs and DNS port. */
    @Export(
            name = "peerInfo",
            refs = {Map.class, String.class, Object.class},
            tree = "[0,1,2]")
    public final Output<Map<String, Object>> peerInfo;

    public final CiliumCluster cilium;
    public final CrossClusterDns dns;

    public ClusterMesh(String name, ClusterMeshArgs args, ComponentResourceOptions opts) {
        super(TYPE, name, opts);
        KubeCluster kc = args.cluster();
        List<KubeCluster> peers = args.peers();
        List<ForwardZone> zones = args.zones();

        CiliumClusterArgs.Builder cilium = CiliumClusterArgs.builder()
                .cluster(kc)
                .peers(peers)
                .settings(args.cilium())
                .maxConnectedClusters(args.maxConnectedClusters());
        args.caCertPem().ifPresent(cilium::caCertPem);
        args.caKeyPem().ifPresent(cilium::caKeyPem);
        this.cilium = new CiliumCluster(
                name + "-cilium",
                cilium.build(),
                ComponentResourceOptions.builder().parent(this).build());
        this.dns = new CrossClusterDns(
                name + "-dns",
                CrossClusterDnsArgs.builder().cluster(kc).zones(zones).build(),
                ComponentResourceOptions.builder().parent(this).build());

        this.peerInfo = Output.of(peerInfo(kc, peers, zones));
        registerOutputs(Map.of("peerInfo", peerInfo));
    }

    /** Plain data only: no secret belongs here. */
    static Map<String, Object> peerInfo(KubeCluster kc, List<KubeCluster> peers, List<ForwardZone> zones) {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("ciliumClusterName", kc.ciliumName());
        info.put("ciliumClusterId", kc.ciliumId());
        info.put("meshEndpoint", endpoint(kc));
        info.put("nodeIps", new ArrayList<>(kc.nodeIps()));
        info.put("dnsNodePort", kc.dnsNodePort());
        info.put("dnsMode", kc.dnsMode().value());
        info.put("peers", peers.stream().map(KubeCluster::ciliumName).sorted().toList());
        info.put("forwardedZones", zones.stream().map(ForwardZone::zone).toList());
        kc.podCidr().ifPresent(c -> info.put("podCidr", c));
        return info;
    }

    static Map<String, Object> endpoint(KubeCluster kc) {
        MeshEndpoint e = kc.meshEndpoint();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", e.type().value());
        m.put("port", e.port());
        if (e.type() == MeshEndpoint.Type.NODE_PORT) {
            m.put("ips", new ArrayList<>(kc.nodeIps()));
        } else {
            m.put("address", e.address().orElseThrow());
        }
        return m;
    }
}
