package dev.mysqlcs.validate;

import dev.mysqlcs.config.ConfigError;
import dev.mysqlcs.model.ClusterSetSpec;
import dev.mysqlcs.model.Edition;
import dev.mysqlcs.model.KubeCluster;
import dev.mysqlcs.model.Linkage;
import dev.mysqlcs.model.Member;
import dev.mysqlcs.model.MeshEndpoint;
import dev.mysqlcs.model.Topology;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Every rule a topology must pass before anything is registered. Each error names the config key, the bad value
 * and what is allowed. Pure: used by the stack program, {@code ./plan} and the provider's Check alike.
 */
public final class TopologyValidator {

    /** The operator CRD's maximum (mysql-operator 2.2.8 InnoDBCluster spec.baseServerId). */
    public static final long MAX_BASE_SERVER_ID = 4_294_967_195L;
    /** MySQL's server_id is a 32-bit unsigned value; each instance uses baseServerId + its ordinal. */
    public static final long MAX_SERVER_ID = 4_294_967_295L;

    public static final int MAX_ROUTER_INSTANCES = Integer.MAX_VALUE;
    /** The oldest MySQL with InnoDB ClusterSet (MySQL Shell / Server 8.0.27). */
    public static final int[] MIN_VERSION = {8, 0, 27};
    /**
     * Namespaces no InnoDBCluster may use: Kubernetes' own (every {@code kube-*} name is reserved for the system),
     * {@code default}, and Cilium's ({@link dev.mysqlcs.model.CiliumSettings#NAMESPACE}). The operator's namespace is
     * added from {@code mysqlcs:mysqlOperator.namespace}.
     */
    public static final java.util.Set<String> SYSTEM_NAMESPACES = java.util.Set.copyOf(List.of(
            "default",
            "kube-system",
            "kube-public",
            "kube-node-lease",
            dev.mysqlcs.model.CiliumSettings.NAMESPACE,
            dev.mysqlcs.model.OperatorSettings.DEFAULT_NAMESPACE));

    public static final int MAX_INSTANCES = 9;
    public static final int MAX_INNODBCLUSTER_NAME = 40;
    public static final int NODE_PORT_MIN = 30000;
    public static final int NODE_PORT_MAX = 32767;
    /** One day: no ClusterSet step should wait longer, and a longer value is most likely a unit mistake. */
    public static final long MAX_TIMEOUT_SECONDS = 86_400;

    private static final Pattern DNS1123_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern DNS1123_SUBDOMAIN =
            Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    /** AdminAPI rule for ClusterSet / cluster names. */
    private static final Pattern CLUSTER_SET_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]{0,62}");
    /** Cilium cluster.name: lowercase alphanumerics and '-', at most 32 characters. */
    private static final Pattern CILIUM_NAME = Pattern.compile("[a-z0-9]([-a-z0-9]{0,30}[a-z0-9])?");

    private static final Pattern QUANTITY = Pattern.compile("[0-9]+(\\.[0-9]+)?(Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E)?");
    private static final Pattern VERSION = Pattern.compile("[0-9]+\\.[0-9]+\\.[0-9]+");
    private static final Pattern IPV4 = Pattern.compile(
            "((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])");
    private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:.]+");

    private static final String CS = "mysqlcs:clusterSet";
    private static final String KC = "mysqlcs:kubeClusters";

    private final List<ConfigError> errors = new ArrayList<>();
    private final Topology t;
    private final List<String> kubeClusterNames;
    private final String operatorNamespace;

    private TopologyValidator(Topology t) {
        this.t = t;
        this.kubeClusterNames = t.kubeClusters().stream().map(KubeCluster::name).toList();
        this.operatorNamespace = t.mysqlOperator().namespace();
    }

    private TopologyValidator(List<String> kubeClusterNames, String operatorNamespace) {
        this.t = null;
        this.kubeClusterNames = List.copyOf(kubeClusterNames);
        this.operatorNamespace = operatorNamespace;
    }

    public static List<ConfigError> validate(Topology topology) {
        TopologyValidator v = new TopologyValidator(topology);
        v.clusterSet(topology.clusterSet());
        v.kubeClusters();
        v.deploy(topology.deploy());
        v.root();
        v.errors.addAll(MeshValidator.validate(topology));
        return List.copyOf(v.errors);
    }

    /**
     * Only the ClusterSet rules ({@code mysqlcs:clusterSet}): what the ClusterSet provider's Check re-runs on resource
     * inputs, where the Kubernetes clusters are known by name only.
     */
    public static List<ConfigError> validateClusterSet(ClusterSetSpec clusterSet, List<String> kubeClusterNames) {
        return validateClusterSet(clusterSet, kubeClusterNames, dev.mysqlcs.model.OperatorSettings.DEFAULT_NAMESPACE);
    }

    /** @param operatorNamespace the MySQL Operator's namespace, which no member may share */
    public static List<ConfigError> validateClusterSet(
            ClusterSetSpec clusterSet, List<String> kubeClusterNames, String operatorNamespace) {
        TopologyValidator v = new TopologyValidator(kubeClusterNames, operatorNamespace);
        v.clusterSet(clusterSet);
        return List.copyOf(v.errors);
    }

    /** What {@code mysqlcs:rootUser} allows. */
    public static final String ROOT_USER_ALLOWED = "a MySQL user name such as root";

    /**
     * The {@code mysqlcs:deploy} rules against the kube cluster names ({@code mysqlcs:kubeClusters}, or the provider's
     * {@code kubeClusters}): not empty, each one of them, each once.
     */
    public static List<ConfigError> validateDeploy(List<String> deploy, List<String> kubeClusterNames) {
        TopologyValidator v =
                new TopologyValidator(kubeClusterNames, dev.mysqlcs.model.OperatorSettings.DEFAULT_NAMESPACE);
        v.deploy(deploy);
        return List.copyOf(v.errors);
    }

    /** The {@code mysqlcs:rootUser} rule: not blank. */
    public static List<ConfigError> validateRootUser(String user) {
        return user.isBlank()
                ? List.of(new ConfigError("mysqlcs:rootUser", "is empty; allowed: " + ROOT_USER_ALLOWED))
                : List.of();
    }

    /** The rule for the name of {@code mysqlcs:kubeClusters[j]} (the provider's config checks it alike). */
    public static List<ConfigError> validateKubeClusterName(int j, String name) {
        if (!DNS1123_LABEL.matcher(name).matches() || name.length() > 63) {
            return List.of(new ConfigError(
                    KC + "[" + j + "].name",
                    "'" + name + "' is not a valid name; allowed: "
                            + "a DNS-1123 label (lowercase letters, digits and '-') of at most 63 characters"));
        }
        return List.of();
    }

    private void error(String key, String message) {
        errors.add(new ConfigError(key, message));
    }

    private static String memberKey(int i) {
        return CS + ".members[" + i + "]";
    }

    private void clusterSet(ClusterSetSpec cs) {
        if (!CLUSTER_SET_NAME.matcher(cs.name()).matches()) {
            error(
                    CS + ".name",
                    "'" + cs.name() + "' is not a valid ClusterSet name; allowed: letters, digits, "
                            + "'_', '.' and '-', starting with a letter or '_', at most 63 characters");
        }
        if (!DNS1123_SUBDOMAIN.matcher(cs.domain()).matches() || cs.domain().length() > 253) {
            error(
                    CS + ".domain",
                    "'" + cs.domain() + "' is not a valid Kubernetes cluster domain; allowed: "
                            + "a DNS-1123 subdomain such as cluster.local");
        }
        List<Member> members = cs.members();
        if (members.isEmpty()) {
            error(CS + ".members", "is empty; allowed: 1 or more InnoDBClusters");
        }
        List<String> names = members.stream().map(Member::name).toList();
        if (!names.contains(cs.primary())) {
            error(
                    CS + ".primary",
                    "'" + cs.primary() + "' is not a member of the ClusterSet; allowed: exactly one of "
                            + String.join(", ", names));
        }

        Map<String, Integer> byName = new HashMap<>();
        Map<String, Integer> byNamespace = new HashMap<>();
        for (int i = 0; i < members.size(); i++) {
            Member m = members.get(i);
            String k = memberKey(i);
            member(k, m);
            Integer firstName = byName.putIfAbsent(m.name(), i);
            if (firstName != null && !m.name().isEmpty()) {
                error(
                        k + ".name",
                        "'" + m.name() + "' is already the name of " + memberKey(firstName)
                                + "; allowed: InnoDBCluster names unique in the ClusterSet");
            }
            Integer firstNs = byNamespace.putIfAbsent(m.kubeCluster() + "/" + m.namespace(), i);
            if (firstNs != null && !m.namespace().isEmpty()) {
                error(
                        k + ".namespace",
                        "'" + m.namespace() + "' in Kubernetes cluster '" + m.kubeCluster()
                                + "' is already the namespace of " + memberKey(firstNs)
                                + "; allowed: one InnoDBCluster per namespace in each Kubernetes cluster");
            }
            if (cs.linkage() == Linkage.OPERATOR && m.edition() != Edition.ENTERPRISE) {
                error(
                        k + ".edition",
                        "'" + m.edition().value() + "' cannot be linked by the operator: "
                                + CS
                                + ".linkage 'operator' (initDB.clusterSet) is Enterprise-only; allowed: enterprise, "
                                + "or linkage 'provider' for the community edition");
            }
        }
        serverIdOverlaps(members);
        versionLine(members, cs.allowMixedVersions());
        if (!cs.allowMixedVersions()) {
            cloneCompatibleVersions(members);
        }
        if (cs.primaryEpoch() < 0 || cs.primaryEpoch() > Integer.MAX_VALUE) {
            error(
                    CS + ".primaryEpoch",
                    cs.primaryEpoch() + " is out of range; allowed: 0.." + Integer.MAX_VALUE
                            + ", raised by one with every change of " + CS + ".primary");
        }
        timeout(CS + ".timeouts.lockSeconds", cs.timeouts().lock().toSeconds());
        timeout(CS + ".timeouts.stepSeconds", cs.timeouts().step().toSeconds());
        timeout(CS + ".timeouts.rolloutSeconds", cs.timeouts().rollout().toSeconds());
        replicaNames(
                CS + ".invalidateReplicaClusters",
                cs.invalidateReplicaClusters(),
                cs,
                names,
                "the cluster being promoted");
        replicaNames(CS + ".removeLostClusters", cs.removeLostClusters(), cs, names, "never removed");
        for (int i = 0; i < members.size(); i++) {
            Object target = members.get(i).routing().values().get(dev.mysqlcs.model.RoutingOptions.TARGET_CLUSTER);
            if (target != null && !target.equals(dev.mysqlcs.model.RoutingOptions.PRIMARY) && !names.contains(target)) {
                // common/router.cc validate_router_option: "accepted values 'primary' or valid cluster name"
                error(
                        CS + ".members[" + i + "].routing.target_cluster",
                        "'" + target + "' is neither 'primary' nor " + "one of " + CS + ".members; allowed: primary, "
                                + String.join(", ", names));
            }
        }
    }

    private void replicaNames(String key, List<String> list, ClusterSetSpec cs, List<String> names, String why) {
        for (int i = 0; i < list.size(); i++) {
            String n = list.get(i);
            String k = key + "[" + i + "]";
            if (!names.contains(n)) {
                error(k, "'" + n + "' is not one of " + CS + ".members; allowed: " + String.join(", ", names));
            } else if (n.equals(cs.primary())) {
                error(k, "'" + n + "' is " + CS + ".primary, " + why + "; allowed: the other members");
            }
        }
    }

    /**
     * Every member is provisioned by clone from another, so their versions must be clone-compatible as MySQL Shell
     * checks it ({@link dev.mysqlcs.model.CloneVersions}: mysqlshdk/libs/mysql/clone.cc verify_compatible_clone_versions,
     * called by common/base_cluster_impl.cc check_compatible_clone_donor): the same MAJOR.MINOR always; and below 8.4
     * the same patch too unless both are 8.0.37 or newer. Members without {@code version} run their operator's default;
     * the planner checks the versions the servers report before every clone.
     */
    private void cloneCompatibleVersions(List<Member> members) {
        Member first = null;
        int firstIndex = -1;
        for (int i = 0; i < members.size(); i++) {
            Member m = members.get(i);
            if (m.version().isEmpty() || !VERSION.matcher(m.version().get()).matches()) {
                continue;
            }
            if (first == null) {
                first = m;
                firstIndex = i;
                continue;
            }
            var a = dev.mysqlcs.model.CloneVersions.parse(first.version().get());
            var b = dev.mysqlcs.model.CloneVersions.parse(m.version().get());
            if (a.isEmpty()
                    || b.isEmpty()
                    || !a.get().supportsClone()
                    || !b.get().supportsClone()) {
                // Older than clone itself: mysql-version-clusterset's error.
                continue;
            }
            boolean sameSeries = a.get().major() == b.get().major()
                    && a.get().minor() == b.get().minor();
            // Another MAJOR.MINOR is versionLine's error; here the patch rule below 8.4.
            if (sameSeries && !dev.mysqlcs.model.CloneVersions.compatible(a.get(), b.get())) {
                error(
                        memberKey(i) + ".version",
                        "'" + m.version().get() + "' cannot be cloned from or to "
                                + memberKey(firstIndex) + ".version '"
                                + first.version().get() + "' (MySQL Shell's clone "
                                + "check); allowed: " + dev.mysqlcs.model.CloneVersions.allowed(a.get()));
            }
        }
    }

    private void timeout(String key, long seconds) {
        if (seconds < 1 || seconds > MAX_TIMEOUT_SECONDS) {
            error(key, seconds + " is out of range; allowed: 1.." + MAX_TIMEOUT_SECONDS + " seconds");
        }
    }

    private void member(String k, Member m) {
        if (!DNS1123_LABEL.matcher(m.name()).matches() || m.name().length() > MAX_INNODBCLUSTER_NAME) {
            error(
                    k + ".name",
                    "'" + m.name() + "' is not a valid InnoDBCluster name; allowed: a DNS-1123 label "
                            + "(lowercase letters, digits and '-', starting and ending with a letter or digit) of at most "
                            + MAX_INNODBCLUSTER_NAME + " characters");
        }
        if (!DNS1123_LABEL.matcher(m.namespace()).matches() || m.namespace().length() > 63) {
            error(
                    k + ".namespace",
                    "'" + m.namespace() + "' is not a valid namespace; allowed: a DNS-1123 label "
                            + "of at most 63 characters");
        } else if (SYSTEM_NAMESPACES.contains(m.namespace())
                || m.namespace().startsWith("kube-")
                || m.namespace().equals(operatorNamespace)) {
            boolean operator = m.namespace().equals(operatorNamespace)
                    || m.namespace().equals(dev.mysqlcs.model.OperatorSettings.DEFAULT_NAMESPACE);
            error(
                    k + ".namespace",
                    "'" + m.namespace() + "' is a system namespace ("
                            + (operator
                                    ? "the MySQL Operator's"
                                    : m.namespace().startsWith("kube-")
                                                    || m.namespace().equals("default")
                                            ? "Kubernetes'"
                                            : "Cilium's")
                            + "); allowed: a namespace of its own, not default, kube-* or "
                            + dev.mysqlcs.model.OperatorSettings.DEFAULT_NAMESPACE
                            + (operatorNamespace.equals(dev.mysqlcs.model.OperatorSettings.DEFAULT_NAMESPACE)
                                    ? ""
                                    : " or " + operatorNamespace));
        }
        if (!kubeClusterNames.contains(m.kubeCluster())) {
            error(k + ".kubeCluster", "'" + m.kubeCluster() + "' is not one of " + KC + "; allowed: " + kubeNames());
        }
        if (m.instances() < 1 || m.instances() > MAX_INSTANCES) {
            error(
                    k + ".instances",
                    m.instances() + " is out of range; allowed: 1.." + MAX_INSTANCES
                            + " (an InnoDBCluster has at most 9 members)");
        }
        if (m.routerInstances() < 0) {
            error(k + ".routerInstances", m.routerInstances() + " is out of range; allowed: 0 or more");
        }
        if (m.baseServerId() < 1 || m.baseServerId() > MAX_BASE_SERVER_ID) {
            error(
                    k + ".baseServerId",
                    m.baseServerId() + " is out of range; allowed: 1.." + MAX_BASE_SERVER_ID
                            + (m.baseServerId() == 0 ? " (server_id 0 stops a server from replicating)" : ""));
        } else if (m.instances() >= 1 && m.baseServerId() + m.instances() - 1 > MAX_SERVER_ID) {
            error(
                    k + ".baseServerId",
                    "server IDs " + m.serverIds() + " go beyond " + MAX_SERVER_ID
                            + "; allowed: baseServerId + instances - 1 at most " + MAX_SERVER_ID);
        }
        m.version().ifPresent(v -> {
            if (!VERSION.matcher(v).matches()) {
                error(k + ".version", "'" + v + "' is not a MySQL version; allowed: MAJOR.MINOR.PATCH such as 9.1.0");
            } else if (compareVersion(v, MIN_VERSION) < 0) {
                error(k + ".version", "'" + v + "' has no InnoDB ClusterSet; allowed: MySQL 8.0.27 or newer");
            }
        });
        m.storage().ifPresent(s -> {
            if (!QUANTITY.matcher(s).matches()) {
                error(
                        k + ".storage",
                        "'" + s + "' is not a Kubernetes quantity; allowed: a size such as 2Gi, " + "500Mi or 10G");
            }
        });
        if (m.tls().useSelfSigned()) {
            if (m.tls().caSecretName().isPresent()
                    || m.tls().serverSecretName().isPresent()
                    || m.tls().routerSecretName().isPresent()) {
                error(
                        k + ".tls.useSelfSigned",
                        "true conflicts with the TLS secret names given; allowed: "
                                + "useSelfSigned true alone, or false with caSecretName and serverSecretName");
            }
        } else {
            if (m.tls().caSecretName().isEmpty()) {
                error(
                        k + ".tls.caSecretName",
                        "is required when tls.useSelfSigned is false; allowed: the name of "
                                + "the Secret holding the CA certificate");
            }
            if (m.tls().serverSecretName().isEmpty()) {
                error(
                        k + ".tls.serverSecretName",
                        "is required when tls.useSelfSigned is false; allowed: the name "
                                + "of the Secret holding the server certificate");
            }
        }
        m.tls().caSecretName().ifPresent(n -> secretName(k + ".tls.caSecretName", n));
        m.tls().serverSecretName().ifPresent(n -> secretName(k + ".tls.serverSecretName", n));
        m.tls().routerSecretName().ifPresent(n -> secretName(k + ".tls.routerSecretName", n));
    }

    private void secretName(String key, String n) {
        if (!DNS1123_SUBDOMAIN.matcher(n).matches() || n.length() > 253) {
            error(key, "'" + n + "' is not a valid Secret name; allowed: a DNS-1123 subdomain");
        }
    }

    private void serverIdOverlaps(List<Member> members) {
        for (int j = 0; j < members.size(); j++) {
            for (int i = 0; i < j; i++) {
                Member a = members.get(i);
                Member b = members.get(j);
                if (invalidRange(a) || invalidRange(b)) {
                    continue;
                }
                if (a.serverIds().overlaps(b.serverIds())) {
                    error(
                            memberKey(j) + ".baseServerId",
                            "server IDs " + b.serverIds() + " of '" + b.name()
                                    + "' overlap server IDs " + a.serverIds() + " of '" + a.name() + "' ("
                                    + memberKey(i) + "); allowed: ranges [baseServerId, baseServerId + instances - 1] "
                                    + "unique across the ClusterSet");
                }
            }
        }
    }

    private static boolean invalidRange(Member m) {
        return m.instances() < 1
                || m.instances() > MAX_INSTANCES
                || m.baseServerId() < 1
                || m.baseServerId() > MAX_BASE_SERVER_ID;
    }

    /**
     * One version line (MAJOR.MINOR) across the members that set a version, unless {@code allowMixedVersions}:
     * members of one line replicate without the cross-version caveats. A member without a version runs the
     * operator's default (one version for every such member).
     */
    private void versionLine(List<Member> members, boolean allowMixed) {
        if (allowMixed || members.size() < 2) {
            return;
        }
        String firstLine = null;
        int firstIndex = -1;
        for (int i = 0; i < members.size(); i++) {
            Member m = members.get(i);
            String line = m.version()
                    .filter(v -> VERSION.matcher(v).matches())
                    .map(v -> v.substring(0, v.lastIndexOf('.')))
                    .orElse(null);
            if (line == null) {
                continue; // unset (the operator's default), or invalid and reported by itself
            }
            if (firstLine == null) {
                firstLine = line;
                firstIndex = i;
            } else if (!line.equals(firstLine)) {
                error(
                        memberKey(i) + ".version",
                        "'" + m.version().get() + "' is another version line than "
                                + firstLine + " of " + memberKey(firstIndex)
                                + "; allowed: the same MAJOR.MINOR on every member (set version on each), or "
                                + CS + ".allowMixedVersions: true");
            }
        }
    }

    static int compareVersion(String v, int[] other) {
        String[] parts = v.split("\\.");
        for (int i = 0; i < 3; i++) {
            int c = new java.math.BigInteger(parts[i]).compareTo(java.math.BigInteger.valueOf(other[i]));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    private void kubeClusters() {
        int max = t.maxConnectedClusters();
        if (max != 255 && max != 511) {
            error(
                    "mysqlcs:maxConnectedClusters",
                    max + " is not allowed; allowed: 255 or 511 " + "(equal on every cluster, immutable once set)");
            max = 255;
        }
        if (t.kubeClusters().isEmpty()) {
            error(KC, "is empty; allowed: 1 or more Kubernetes clusters");
        }
        Map<String, Integer> byName = new HashMap<>();
        Map<String, Integer> byCiliumName = new HashMap<>();
        Map<Integer, Integer> byCiliumId = new HashMap<>();
        Map<String, Integer> byContext = new HashMap<>();
        boolean multi = t.multiCluster();
        for (int j = 0; j < t.kubeClusters().size(); j++) {
            KubeCluster kc = t.kubeClusters().get(j);
            String k = KC + "[" + j + "]";
            errors.addAll(validateKubeClusterName(j, kc.name()));
            Integer first = byName.putIfAbsent(kc.name(), j);
            if (first != null && !kc.name().isEmpty()) {
                error(
                        k + ".name",
                        "'" + kc.name() + "' is already the name of " + KC + "[" + first + "]; allowed: unique names");
            }
            if (!CILIUM_NAME.matcher(kc.ciliumName()).matches()) {
                error(
                        k + ".cilium.clusterName",
                        "'" + kc.ciliumName() + "' is not a valid Cilium cluster name; "
                                + "allowed: lowercase letters, digits and '-', at most 32 characters");
            }
            if (kc.context().isBlank()) {
                error(
                        k + ".context",
                        "is empty (the provider would deploy to whatever context is current); allowed: "
                                + "the kubeconfig context of this cluster");
            } else {
                String where = kc.kubeconfig().orElse("") + "\u0000" + kc.context();
                Integer firstCtx = byContext.putIfAbsent(where, j);
                if (firstCtx != null) {
                    error(
                            k + ".context",
                            "'" + kc.context() + "' is already the context of " + KC + "[" + firstCtx
                                    + "]" + (kc.kubeconfig().isPresent() ? " in the same kubeconfig" : "")
                                    + "; allowed: one kubeconfig context per Kubernetes cluster");
                }
            }
            Integer firstCn = byCiliumName.putIfAbsent(kc.ciliumName(), j);
            if (firstCn != null) {
                error(
                        k + ".cilium.clusterName",
                        "'" + kc.ciliumName() + "' is already the Cilium cluster name of " + KC + "[" + firstCn
                                + "]; allowed: names unique across the mesh");
            }
            if (kc.ciliumId() < 1 || kc.ciliumId() > max) {
                error(
                        k + ".cilium.clusterId",
                        kc.ciliumId() + " is out of range; allowed: 1.." + max
                                + (max == 255 ? " (1..511 with mysqlcs:maxConnectedClusters: 511)" : ""));
            } else {
                Integer firstId = byCiliumId.putIfAbsent(kc.ciliumId(), j);
                if (firstId != null) {
                    error(
                            k + ".cilium.clusterId",
                            kc.ciliumId() + " is already the Cilium cluster id of " + KC + "[" + firstId
                                    + "]; allowed: ids unique across the mesh");
                }
            }
            for (int n = 0; n < kc.nodeIps().size(); n++) {
                String ip = kc.nodeIps().get(n);
                if (!isIp(ip)) {
                    error(
                            k + ".nodeIps[" + n + "]",
                            "'" + ip + "' is not an IP address; allowed: IPv4 such as "
                                    + "10.0.0.11 or IPv6 such as fd00::11");
                }
            }
            if (multi && kc.nodeIps().isEmpty()) {
                error(
                        k + ".nodeIps",
                        "is required when the ClusterSet spans several Kubernetes clusters: peers "
                                + "forward DNS"
                                + (kc.meshEndpoint().type() == MeshEndpoint.Type.NODE_PORT
                                        ? " and reach the clustermesh-apiserver NodePort"
                                        : "")
                                + " there; allowed: node IP addresses");
            }
            meshEndpoint(k + ".meshEndpoint", kc.meshEndpoint());
            nodePort(k + ".dns.nodePort", kc.dnsNodePort());
        }
    }

    private void meshEndpoint(String k, MeshEndpoint e) {
        if (e.type() == MeshEndpoint.Type.NODE_PORT) {
            nodePort(k + ".port", e.port());
            if (e.address().isPresent()) {
                error(
                        k + ".address",
                        "is only allowed with type LoadBalancer; allowed: no address with type NodePort "
                                + "(NodePort endpoints use nodeIps)");
            }
        } else {
            if (e.port() < 1 || e.port() > 65535) {
                error(k + ".port", e.port() + " is out of range; allowed: 1..65535");
            }
            if (e.address().isEmpty()) {
                error(k + ".address", "is required with type LoadBalancer; allowed: an IP address or DNS name");
            } else if (!isIp(e.address().get())
                    && !DNS1123_SUBDOMAIN.matcher(e.address().get()).matches()) {
                error(k + ".address", "'" + e.address().get() + "' is not an IP address or DNS name");
            }
        }
    }

    private void nodePort(String key, int port) {
        if (port < NODE_PORT_MIN || port > NODE_PORT_MAX) {
            error(
                    key,
                    port + " is out of range; allowed: " + NODE_PORT_MIN + ".." + NODE_PORT_MAX
                            + " (the Kubernetes NodePort range)");
        }
    }

    private void deploy(List<String> deploy) {
        if (deploy.isEmpty()) {
            error("mysqlcs:deploy", "is empty; allowed: one or more of " + kubeNames());
        }
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < deploy.size(); i++) {
            String d = deploy.get(i);
            if (!kubeClusterNames.contains(d)) {
                error("mysqlcs:deploy[" + i + "]", "'" + d + "' is not one of " + KC + "; allowed: " + kubeNames());
            } else if (seen.contains(d)) {
                error("mysqlcs:deploy[" + i + "]", "'" + d + "' is listed twice; allowed: each cluster once");
            }
            seen.add(d);
        }
    }

    private void root() {
        errors.addAll(validateRootUser(t.root().user()));
        if (t.root().host().isBlank()) {
            error("mysqlcs:rootHost", "is empty; allowed: a MySQL host pattern such as %");
        }
    }

    private String kubeNames() {
        List<String> named = kubeClusterNames.stream().filter(n -> !n.isBlank()).toList();
        return named.isEmpty() ? "(none defined)" : String.join(", ", named);
    }

    /** Literal IPs only: never resolves a name. */
    static boolean isIp(String s) {
        if (IPV4.matcher(s).matches()) {
            return true;
        }
        if (s.contains(":") && IPV6_CHARS.matcher(s).matches()) {
            try {
                return java.net.InetAddress.getByName(s) instanceof java.net.Inet6Address;
            } catch (java.net.UnknownHostException e) {
                return false;
            }
        }
        return false;
    }
}
