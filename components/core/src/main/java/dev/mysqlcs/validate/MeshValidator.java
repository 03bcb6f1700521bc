package dev.mysqlcs.validate;

import dev.mysqlcs.config.ConfigError;
import dev.mysqlcs.model.CiliumSettings;
import dev.mysqlcs.model.KubeCluster;
import dev.mysqlcs.model.Member;
import dev.mysqlcs.model.MeshEndpoint;
import dev.mysqlcs.model.Topology;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rules of the Cilium ClusterMesh and cross-cluster DNS, added to {@link TopologyValidator}'s (which already
 * checks cluster ids against maxConnectedClusters, unique names and ids, node IPs and NodePort ranges). Each error
 * names the key, the bad value and what is allowed. maxConnectedClusters is one key shared by every cluster, so it is
 * equal everywhere by construction.
 */
public final class MeshValidator {

    /** The clustermesh-apiserver Service port the chart creates (templates/clustermesh-apiserver/service.yaml). */
    public static final int APISERVER_PORT = 2379;

    private static final String KC = "mysqlcs:kubeClusters";
    private static final String CILIUM = "mysqlcs:cilium";
    private static final Pattern CHART_VERSION = Pattern.compile("([0-9]+)\\.([0-9]+)\\.([0-9]+)(-[0-9A-Za-z.-]+)?");
    private static final Pattern DNS1123_SUBDOMAIN =
            Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final Pattern REPO_URL = Pattern.compile("https://[^\\s/]+(/\\S*)?");

    private final List<ConfigError> errors = new ArrayList<>();
    private final Topology t;

    private MeshValidator(Topology t) {
        this.t = t;
    }

    public static List<ConfigError> validate(Topology topology) {
        MeshValidator v = new MeshValidator(topology);
        v.cilium(topology.mesh().cilium());
        v.kubeClusters();
        if (topology.meshed()) {
            v.namespacesPerCluster();
        }
        return List.copyOf(v.errors);
    }

    private void error(String key, String message) {
        errors.add(new ConfigError(key, message));
    }

    private void cilium(CiliumSettings c) {
        Matcher m = CHART_VERSION.matcher(c.chartVersion());
        if (!m.matches()) {
            error(
                    CILIUM + ".chartVersion",
                    "'" + c.chartVersion() + "' is not a chart version; allowed: "
                            + "MAJOR.MINOR.PATCH such as 1.19.6 or 1.20.0");
        } else if (Integer.parseInt(m.group(1)) < 1
                || Integer.parseInt(m.group(1)) == 1 && Integer.parseInt(m.group(2)) < 19) {
            error(
                    CILIUM + ".chartVersion",
                    "'" + c.chartVersion() + "' is too old; allowed: 1.19.0 or newer "
                            + "(the values rendered here were checked against the 1.19.6 and 1.20.0 charts)");
        }
        if (!REPO_URL.matcher(c.chartRepo()).matches()) {
            error(
                    CILIUM + ".chartRepo",
                    "'" + c.chartRepo() + "' is not a Helm repository URL; allowed: an https:// "
                            + "URL such as https://helm.cilium.io");
        }
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < c.restartDeployments().size(); i++) {
            String d = c.restartDeployments().get(i);
            String k = CILIUM + ".restartDeployments[" + i + "]";
            if (!DNS1123_SUBDOMAIN.matcher(d).matches() || d.length() > 253) {
                error(k, "'" + d + "' is not a Deployment name; allowed: a DNS-1123 subdomain such as coredns");
            }
            Integer first = seen.putIfAbsent(d, i);
            if (first != null) {
                error(
                        k,
                        "'" + d + "' is already listed at " + CILIUM + ".restartDeployments[" + first
                                + "]; allowed: each Deployment once");
            }
        }
    }

    private void kubeClusters() {
        List<Optional<Cidr>> cidrs = new ArrayList<>();
        for (int j = 0; j < t.kubeClusters().size(); j++) {
            KubeCluster kc = t.kubeClusters().get(j);
            String k = KC + "[" + j + "]";
            if ("default".equals(kc.ciliumName())) {
                error(
                        k + ".cilium.clusterName",
                        "'default' cannot be used with a cluster id other than 0 (Cilium "
                                + "reserves it for clusters outside a mesh); allowed: any other name, e.g. "
                                + kc.name());
            }
            MeshEndpoint e = kc.meshEndpoint();
            // An out-of-range port is TopologyValidator's error already.
            if (e.type() == MeshEndpoint.Type.LOAD_BALANCER
                    && e.port() != APISERVER_PORT
                    && e.port() >= 1
                    && e.port() <= 65535) {
                error(
                        k + ".meshEndpoint.port",
                        e.port() + " is not allowed with type LoadBalancer; allowed: " + APISERVER_PORT
                                + " (the clustermesh-apiserver Service port the Cilium chart creates)");
            }
            // TopologyValidator already requires nodeIps when members span clusters; the mesh needs them as soon as
            // a second Kubernetes cluster exists (the peers' clustermesh NodePort and DNS forward targets).
            if (t.meshed() && !t.multiCluster() && kc.nodeIps().isEmpty()) {
                error(
                        k + ".nodeIps",
                        "is required when " + KC + " lists several clusters: peers forward DNS"
                                + (e.type() == MeshEndpoint.Type.NODE_PORT
                                        ? " and reach the clustermesh-apiserver NodePort"
                                        : "")
                                + " there; allowed: node IP addresses");
            }
            Optional<Cidr> cidr = kc.podCidr().flatMap(c -> cidr(k + ".podCidr", c));
            for (int i = 0; i < cidrs.size() && cidr.isPresent(); i++) {
                Optional<Cidr> other = cidrs.get(i);
                if (other.isPresent() && other.get().overlaps(cidr.get())) {
                    error(
                            k + ".podCidr",
                            "'" + cidr.get().text() + "' overlaps '"
                                    + other.get().text() + "' of " + KC
                                    + "[" + i + "] (" + t.kubeClusters().get(i).name()
                                    + "); allowed: pod CIDRs that do not "
                                    + "overlap across the mesh (Cilium routes pod IPs between clusters)");
                }
            }
            cidrs.add(cidr);
        }
    }

    /**
     * Cross-cluster DNS forwards {@code <namespace>.svc.<domain>} of every remote member to the cluster holding it,
     * so a namespace that holds members in two clusters would shadow the local one.
     */
    private void namespacesPerCluster() {
        Map<String, Integer> clusterOfNamespace = new HashMap<>();
        List<Member> members = t.clusterSet().members();
        for (int i = 0; i < members.size(); i++) {
            Member m = members.get(i);
            if (m.namespace().isEmpty()) {
                continue;
            }
            Integer first = clusterOfNamespace.putIfAbsent(m.namespace(), i);
            if (first != null && !members.get(first).kubeCluster().equals(m.kubeCluster())) {
                error(
                        "mysqlcs:clusterSet.members[" + i + "].namespace",
                        "'" + m.namespace() + "' is also the "
                                + "namespace of mysqlcs:clusterSet.members[" + first + "] in Kubernetes cluster '"
                                + members.get(first).kubeCluster() + "'; cross-cluster DNS forwards " + m.namespace()
                                + ".svc."
                                + t.clusterSet().domain() + " to one cluster only; allowed: a namespace used in one "
                                + "Kubernetes cluster only");
            }
        }
    }

    /** An IP network: address and prefix length, host bits clear. */
    record Cidr(String text, BigInteger first, BigInteger last, int bits) {
        boolean overlaps(Cidr o) {
            return bits == o.bits && first.compareTo(o.last) <= 0 && o.first.compareTo(last) <= 0;
        }
    }

    private Optional<Cidr> cidr(String key, String text) {
        int slash = text.indexOf('/');
        String address = slash < 0 ? text : text.substring(0, slash);
        String prefix = slash < 0 ? "" : text.substring(slash + 1);
        if (slash < 0 || !TopologyValidator.isIp(address) || !prefix.matches("[0-9]{1,3}")) {
            error(key, "'" + text + "' is not a CIDR; allowed: ADDRESS/PREFIX such as 10.42.0.0/16 or fd00:42::/56");
            return Optional.empty();
        }
        byte[] bytes;
        try {
            bytes = InetAddress.getByName(address).getAddress();
        } catch (UnknownHostException e) {
            error(key, "'" + text + "' is not a CIDR; allowed: ADDRESS/PREFIX such as 10.42.0.0/16");
            return Optional.empty();
        }
        int bits = bytes.length * 8;
        int p = Integer.parseInt(prefix);
        if (p > bits) {
            error(key, "'" + text + "' has prefix length " + p + "; allowed: 0.." + bits);
            return Optional.empty();
        }
        BigInteger value = new BigInteger(1, bytes);
        BigInteger hostMask = BigInteger.ONE.shiftLeft(bits - p).subtract(BigInteger.ONE);
        if (!value.and(hostMask).equals(BigInteger.ZERO)) {
            error(
                    key,
                    "'" + text + "' has host bits set; allowed: the network address, e.g. "
                            + network(value.andNot(hostMask), bytes.length) + "/" + p);
            return Optional.empty();
        }
        return Optional.of(new Cidr(text, value, value.or(hostMask), bits));
    }

    private static String network(BigInteger value, int length) {
        byte[] raw = value.toByteArray();
        byte[] out = new byte[length];
        int copy = Math.min(raw.length, length);
        System.arraycopy(raw, raw.length - copy, out, length - copy, copy);
        try {
            return InetAddress.getByAddress(out).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
