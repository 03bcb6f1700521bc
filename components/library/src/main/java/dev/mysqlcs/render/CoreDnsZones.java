package dev.mysqlcs.render;

import dev.mysqlcs.model.KubeCluster;
import dev.mysqlcs.model.Member;
import dev.mysqlcs.model.Topology;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Cross-cluster DNS (S2.8): from one Kubernetes cluster, the zone {@code <namespace>.svc.<domain>} of every member
 * living in another cluster is forwarded to that cluster's CoreDNS NodePort on its node IPs, so that
 * {@code dr-0.dr-instances.mysql-dr.svc.cluster.local} resolves in PROD. Pure.
 */
public final class CoreDnsZones {

    /** Prefix and suffix of the keys this project owns in {@code kube-system/coredns-custom}. */
    public static final String CUSTOM_KEY_PREFIX = "mysqlcs.";

    public static final String CUSTOM_KEY_SUFFIX = ".server";

    /**
     * One forwarded zone.
     *
     * @param zone    e.g. {@code mysql-dr.svc.cluster.local}
     * @param targets {@code ip:port} (IPv6 as {@code [ip]:port}) of the remote cluster's CoreDNS NodePort
     */
    public record ForwardZone(String zone, List<String> targets) {
        public ForwardZone {
            Objects.requireNonNull(zone);
            targets = List.copyOf(targets);
            if (targets.isEmpty()) {
                throw new IllegalArgumentException("zone " + zone + " has no forward target");
            }
        }
    }

    private CoreDnsZones() {}

    /** The zones {@code local} forwards, sorted by zone: one per namespace of a member in another cluster. */
    public static List<ForwardZone> forCluster(Topology t, String local) {
        Map<String, ForwardZone> zones = new TreeMap<>();
        for (Member m : t.clusterSet().members()) {
            if (m.kubeCluster().equals(local)) {
                continue;
            }
            KubeCluster remote = t.kubeCluster(m.kubeCluster())
                    .orElseThrow(() -> new IllegalArgumentException(
                            "member " + m.name() + " is in unknown cluster " + m.kubeCluster()));
            String zone = m.namespace() + ".svc." + t.clusterSet().domain();
            List<String> targets = new ArrayList<>();
            for (String ip : remote.nodeIps()) {
                targets.add((ip.contains(":") ? "[" + ip + "]" : ip) + ":" + remote.dnsNodePort());
            }
            zones.putIfAbsent(zone, new ForwardZone(zone, targets));
        }
        return List.copyOf(zones.values());
    }

    /** A CoreDNS server block answering {@code zone} from the remote cluster's CoreDNS. */
    public static String serverBlock(ForwardZone z) {
        return z.zone() + ":53 {\n" + "    errors\n" + "    forward . " + String.join(" ", z.targets()) + "\n" + "}\n";
    }

    /**
     * The data of {@code kube-system/coredns-custom} (k3s, AKS and OKE import its {@code *.server} keys as extra
     * server blocks): one key per zone, {@code mysqlcs.<zone>.server}.
     */
    public static Map<String, String> customServerData(List<ForwardZone> zones) {
        Map<String, String> data = new LinkedHashMap<>();
        for (ForwardZone z : zones) {
            data.put(CUSTOM_KEY_PREFIX + z.zone() + CUSTOM_KEY_SUFFIX, serverBlock(z));
        }
        return data;
    }

    /** A stable digest of the forwarded zones: changes exactly when what CoreDNS must serve changes. */
    public static String digest(List<ForwardZone> zones) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (ForwardZone z : zones) {
                sha.update(serverBlock(z).getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
