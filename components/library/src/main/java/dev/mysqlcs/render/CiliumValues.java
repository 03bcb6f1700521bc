package dev.mysqlcs.render;

import dev.mysqlcs.model.CiliumSettings;
import dev.mysqlcs.model.KubeCluster;
import dev.mysqlcs.model.MeshEndpoint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Helm values of the {@code cilium} chart for one Kubernetes cluster of the mesh: seed 001's S2.1 (cluster name
 * and id, Hubble relay and UI, Hubble TLS as configured, {@code ipam.mode: kubernetes}) and S2.4 (clustermesh
 * apiserver, CiliumEndpointSlice), plus what {@code cilium clustermesh connect} would have set: the shared CA and
 * {@code clustermesh.config} listing every other cluster. Pure; every key exists in the pinned charts' values.yaml.
 *
 * <p>Peers are written in the map form the chart's values.yaml calls recommended,
 * {@code clusters: {<cilium name>: {enabled, port, ips | address}}}: keyed by name, so adding a cluster adds one
 * entry instead of shifting list indexes. A peer reached on node IPs (NodePort, or a LoadBalancer with an IP) is
 * listed with {@code ips}: the chart then dials {@code <name>.mesh.cilium.io} with a host alias to those IPs, a name
 * the clustermesh-apiserver's generated server certificate carries ({@code *.mesh.cilium.io}). A LoadBalancer with a
 * DNS name is listed with {@code address}, and that cluster adds the name to its own server certificate.
 */
public final class CiliumValues {

    private static final Pattern VERSION = Pattern.compile("([0-9]+)\\.([0-9]+)\\..*");
    private static final Pattern IPV4 = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}");

    /**
     * @param caCertBase64 {@code tls.ca.cert}: base64 of the CA certificate PEM (a String, or a Pulumi Output in the
     *                     program); null leaves the CA out (only the offline plan without CA config does that)
     * @param caKeyBase64  {@code tls.ca.key}: base64 of the CA key PEM; in the program a secret Output
     */
    public record Input(
            KubeCluster local,
            List<KubeCluster> peers,
            CiliumSettings settings,
            int maxConnectedClusters,
            Object caCertBase64,
            Object caKeyBase64) {
        public Input {
            Objects.requireNonNull(local);
            peers = List.copyOf(peers);
            Objects.requireNonNull(settings);
            if ((caCertBase64 == null) != (caKeyBase64 == null)) {
                throw new IllegalArgumentException("tls.ca needs both the certificate and the key, or neither");
            }
        }
    }

    private CiliumValues() {}

    public static Map<String, Object> render(Input in) {
        KubeCluster local = in.local();
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("cluster", map("name", local.ciliumName(), "id", local.ciliumId()));
        values.put("ipam", map("mode", "kubernetes"));
        values.put(
                "hubble",
                map(
                        "enabled", true,
                        "relay", map("enabled", true),
                        "ui", map("enabled", true),
                        "tls", map("enabled", in.settings().hubbleTls())));
        values.put("ciliumEndpointSlice", map("enabled", true));

        Map<String, Object> clustermesh = new LinkedHashMap<>();
        clustermesh.put("useAPIServer", true);
        clustermesh.put("maxConnectedClusters", in.maxConnectedClusters());
        // S2.11's service.cilium.io/global-sync-endpoint-slices annotations need it.
        clustermesh.put("enableEndpointSliceSynchronization", true);
        clustermesh.put("apiserver", apiserver(local, in.settings().chartVersion()));
        Map<String, Object> peers = new LinkedHashMap<>();
        in.peers().stream()
                .sorted(java.util.Comparator.comparing(KubeCluster::ciliumName))
                .forEach(p -> peers.put(p.ciliumName(), peer(p)));
        clustermesh.put("config", map("enabled", true, "clusters", peers));
        values.put("clustermesh", clustermesh);

        if (in.caCertBase64() != null) {
            values.put("tls", map("ca", map("cert", in.caCertBase64(), "key", in.caKeyBase64())));
        }
        return values;
    }

    private static Map<String, Object> apiserver(KubeCluster local, String chartVersion) {
        MeshEndpoint e = local.meshEndpoint();
        Map<String, Object> apiserver = new LinkedHashMap<>();
        if (e.type() == MeshEndpoint.Type.NODE_PORT) {
            apiserver.put("service", map("type", "NodePort", "nodePort", e.port()));
        } else {
            apiserver.put("service", map("type", "LoadBalancer"));
            String address = e.address().orElseThrow();
            if (!isIp(address)) {
                // Peers dial this name: the generated server certificate must carry it.
                Map<String, Object> server = map("extraDnsNames", List.of(address));
                apiserver.put(
                        "tls",
                        autoServerTlsMovedIn(chartVersion)
                                ? map("auto", map("server", server))
                                : map("server", server));
            }
        }
        return apiserver;
    }

    /** 1.20 moved clustermesh.apiserver.tls.server.extraDnsNames to clustermesh.apiserver.tls.auto.server. */
    static boolean autoServerTlsMovedIn(String chartVersion) {
        Matcher m = VERSION.matcher(chartVersion);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a chart version: " + chartVersion);
        }
        int major = Integer.parseInt(m.group(1));
        int minor = Integer.parseInt(m.group(2));
        return major > 1 || minor >= 20;
    }

    private static Map<String, Object> peer(KubeCluster p) {
        MeshEndpoint e = p.meshEndpoint();
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("enabled", true);
        entry.put("port", e.port());
        if (e.type() == MeshEndpoint.Type.NODE_PORT) {
            entry.put("ips", new ArrayList<>(p.nodeIps()));
        } else if (isIp(e.address().orElseThrow())) {
            entry.put("ips", List.of(e.address().get()));
        } else {
            entry.put("address", e.address().get());
        }
        return entry;
    }

    private static boolean isIp(String s) {
        return IPV4.matcher(s).matches() || s.contains(":");
    }

    /** An insertion-ordered map of key/value pairs. */
    static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}
