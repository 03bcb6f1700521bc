package dev.mysqlcs;

import com.pulumi.core.Output;
import com.pulumi.kubernetes.Provider;
import com.pulumi.kubernetes.ProviderArgs;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import dev.mysqlcs.model.KubeCluster;
import dev.mysqlcs.model.Member;
import dev.mysqlcs.model.Topology;
import dev.mysqlcs.render.CoreDnsZones;
import dev.mysqlcs.render.InnoDbClusterSpec;
import dev.mysqlcs.render.OperatorValues;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Everything one program deploys for a ClusterSet topology, from the library's components alone, in the order the
 * seeds prescribe. Per Kubernetes cluster in {@code deploy}:
 * <ul>
 *   <li>{@code <kube>-k8s}: an explicit Kubernetes provider (never an ambient kube context), passed to the components
 *   through {@code providers} and inherited by their children;</li>
 *   <li>{@code <kube>}: its side of the Cilium {@link ClusterMesh}, when the topology has several clusters;</li>
 *   <li>{@code <kube>-mysql-operator}: the {@link MySqlOperator}, after Cilium (S2.1 before S2.9);</li>
 *   <li>{@code <member>}: an {@link InnoDbCluster} per member living there, after the operator's release (it installs
 *   the CRDs); the primary first.</li>
 * </ul>
 * Then, when the program deploys a member, the {@link ClusterSetLinkage} {@code <clusterSet.name>} on the
 * {@code mysqlcs} provider, its ClusterSet waiting for the Kubernetes providers and the InnoDBCluster custom resources
 * of the deployed members, except those of the replicas the Enterprise operator links (linkage {@code operator}):
 * those wait for the primary's InnoDBCluster and the ClusterSet ({@link #clusters()}), and the linkage's members and
 * primary resource for them. Every resource sits where the stack program has always put it, so existing stacks keep
 * their URNs.
 */
public final class ClusterSetDeployment {

    private final Map<String, Provider> kubernetes;
    private final Map<String, ClusterMesh> mesh;
    private final Map<String, MySqlOperator> operators;
    private final Map<String, InnoDbCluster> clusters;
    private final Optional<ClusterSetLinkage> linkage;
    private final Map<String, Output<?>> outputs = new LinkedHashMap<>();

    public ClusterSetDeployment(ClusterSetDeploymentArgs args) {
        Topology t = args.topology();
        Map<String, Provider> providers = new LinkedHashMap<>();
        for (KubeCluster kc : t.deployedClusters()) {
            providers.put(kc.name(), kubernetesProvider(kc));
        }
        this.kubernetes = Collections.unmodifiableMap(providers);
        this.mesh = Collections.unmodifiableMap(defineMesh(t, args));
        this.operators = Collections.unmodifiableMap(defineOperators(t));
        Map<String, InnoDbCluster> defined = new LinkedHashMap<>();
        this.linkage = defineClustersAndLinkage(t, args.rootPassword(), defined);
        this.clusters = Collections.unmodifiableMap(defined);

        outputs.put("clusterSetName", Output.of(t.clusterSet().name()));
        outputs.put("desiredPrimary", Output.of(t.clusterSet().primary()));
        outputs.put("deployedKubeClusters", Output.of(t.deploy()));
        Map<String, String> serverIds = new LinkedHashMap<>();
        for (Member m : t.clusterSet().members()) {
            serverIds.put(m.name(), m.serverIds().toString());
        }
        outputs.put("serverIdRanges", Output.of(serverIds));
        outputs.put(
                "mysqlOperators",
                mapOf(
                        operators,
                        o -> List.of(
                                Map.entry("releaseName", o.releaseName),
                                Map.entry("namespace", o.namespace),
                                Map.entry("chart", o.chart),
                                Map.entry("edition", o.edition))));
        outputs.put(
                "innodbClusters",
                mapOf(
                        clusters,
                        c -> List.of(
                                Map.entry("clusterName", c.clusterName),
                                Map.entry("namespace", c.namespace),
                                Map.entry("mysqlClusterName", c.mysqlClusterName),
                                Map.entry("pod0Fqdn", c.pod0Fqdn),
                                Map.entry("instancesService", c.instancesService),
                                Map.entry("routerService", c.routerService),
                                Map.entry("routerServiceFqdn", c.routerServiceFqdn),
                                Map.entry("rootSecret", c.rootSecret),
                                Map.entry("privSecrets", c.privSecrets),
                                Map.entry("routerSecret", c.routerSecret),
                                Map.entry("backupSecret", c.backupSecret))));
        linkage.ifPresent(l -> {
            outputs.put("clusterSetPlannedSteps", l.plannedSteps());
            outputs.put("clusterSetPrimaryCluster", l.primary().primaryCluster());
            // What `clusterset status --extended=1` said at the last up / refresh (S1.5, S2.17).
            outputs.put("clusterSetStatus", l.clusterSet().clusterSetStatus());
            outputs.put("clusterSetMembers", l.clusterSet().members());
        });
    }

    /** The Kubernetes provider of each deployed cluster, by kube cluster name. */
    public Map<String, Provider> kubernetes() {
        return kubernetes;
    }

    /** This program's sides of the mesh, by kube cluster name (empty with a single Kubernetes cluster). */
    public Map<String, ClusterMesh> mesh() {
        return mesh;
    }

    public Map<String, MySqlOperator> operators() {
        return operators;
    }

    /** The deployed members' InnoDBClusters, by member name, the primary first. */
    public Map<String, InnoDbCluster> clusters() {
        return clusters;
    }

    /** Empty when the program deploys no member. */
    public Optional<ClusterSetLinkage> linkage() {
        return linkage;
    }

    /**
     * The stack outputs: {@code mesh}, {@code meshCaCert}, {@code meshCaKey} (secret), {@code mysqlOperators},
     * {@code innodbClusters}, {@code clusterSetPlannedSteps}, {@code clusterSetStatus}, ...; a program exports them
     * with {@code outputs().forEach(ctx::export)}.
     */
    public Map<String, Output<?>> outputs() {
        return Collections.unmodifiableMap(outputs);
    }

    /**
     * The explicit provider of one Kubernetes cluster, {@code <kube>-k8s}, with its context (and kubeconfig), running
     * the pinned plugin ({@link KubernetesPlugin#VERSION}), not the SDK's 4.0.0.
     */
    public static Provider kubernetesProvider(KubeCluster kc) {
        ProviderArgs.Builder args = ProviderArgs.builder().context(kc.context());
        kc.kubeconfig().ifPresent(args::kubeconfig);
        return KubernetesPlugin.provider(kc.name() + "-k8s", args.build());
    }

    /** The Args of the ClusterMesh side of {@code kc} in a topology. */
    public static ClusterMeshArgs.Builder clusterMeshArgs(Topology t, KubeCluster kc) {
        return ClusterMeshArgs.builder()
                .cluster(kc)
                .peers(t.peersOf(kc.name()))
                .zones(CoreDnsZones.forCluster(t, kc.name()))
                .cilium(t.mesh().cilium())
                .maxConnectedClusters(t.maxConnectedClusters());
    }

    /** The Args of the MySQL Operator in {@code kc}: Enterprise as soon as one of its members is. */
    public static MySqlOperatorArgs.Builder mySqlOperatorArgs(Topology t, KubeCluster kc) {
        return MySqlOperatorArgs.builder()
                .settings(t.mysqlOperator())
                .edition(OperatorValues.editionFor(t, kc.name()))
                .clusterDomain(t.clusterSet().domain());
    }

    /** The Args of a member's InnoDBCluster in a topology. */
    public static InnoDbClusterArgs.Builder innoDbClusterArgs(Topology t, Member m, Output<String> rootPassword) {
        InnoDbClusterSpec.Settings s = InnoDbClusterSpec.Settings.of(t, m);
        InnoDbClusterArgs.Builder b = InnoDbClusterArgs.builder()
                .member(m)
                .clusterDomain(t.clusterSet().domain())
                .rootUser(t.root().user())
                .rootHost(t.root().host())
                .rootPassword(rootPassword)
                .ciliumGlobalService(s.ciliumGlobalService())
                .operatorLinked(InnoDbClusterSpec.hasClusterSetSecret(t));
        s.imageRepository().ifPresent(b::imageRepository);
        s.imagePullSecret().ifPresent(b::imagePullSecret);
        s.clusterSetTargetUrl().ifPresent(b::joinClusterSetAt);
        return b;
    }

    private Map<String, ClusterMesh> defineMesh(Topology t, ClusterSetDeploymentArgs args) {
        Map<String, ClusterMesh> sides = new LinkedHashMap<>();
        if (!t.meshed()) {
            return sides;
        }
        List<String> names = new ArrayList<>();
        List<Output<Map<String, Object>>> infos = new ArrayList<>();
        for (KubeCluster kc : t.deployedClusters()) {
            ClusterMeshArgs.Builder a = clusterMeshArgs(t, kc);
            args.meshCaCertPem().ifPresent(a::caCertPem);
            args.meshCaKeyPem().ifPresent(a::caKeyPem);
            ClusterMesh side = new ClusterMesh(
                    kc.name(),
                    a.build(),
                    ComponentResourceOptions.builder()
                            .providers(kubernetes.get(kc.name()))
                            .build());
            sides.put(kc.name(), side);
            names.add(kc.name());
            infos.add(side.peerInfo);
        }
        outputs.put("mesh", Output.all(infos).applyValue(values -> {
            Map<String, Object> byCluster = new LinkedHashMap<>();
            for (int i = 0; i < names.size(); i++) {
                byCluster.put(names.get(i), values.get(i));
            }
            return byCluster;
        }));
        args.meshCaCertPem().ifPresent(cert -> outputs.put("meshCaCert", cert));
        args.meshCaKeyPem().ifPresent(key -> outputs.put("meshCaKey", key.asSecret()));
        return sides;
    }

    private Map<String, MySqlOperator> defineOperators(Topology t) {
        Map<String, MySqlOperator> out = new LinkedHashMap<>();
        for (KubeCluster kc : t.deployedClusters()) {
            ComponentResourceOptions.Builder o =
                    ComponentResourceOptions.builder().providers(kubernetes.get(kc.name()));
            if (mesh.containsKey(kc.name())) {
                o.dependsOn(mesh.get(kc.name()));
            }
            out.put(
                    kc.name(),
                    new MySqlOperator(
                            kc.name() + "-mysql-operator",
                            mySqlOperatorArgs(t, kc).build(),
                            o.build()));
        }
        return out;
    }

    /**
     * The members' InnoDBClusters and the linkage, in the order that keeps the Enterprise operator from racing the
     * provider: the primary's InnoDBCluster (with linkage {@code provider}, every member's), then the {@link ClusterSet}
     * waiting for those, then the InnoDBClusters of the replicas the operator links ({@code initDB.clusterSet}) waiting
     * for the ClusterSet, then the members and the primary resource. Such a replica's sidecar joins the ClusterSet it
     * finds on the primary and fails while there is none (mysql/mysql-operator
     * {@code controller/innodbcluster/initdb.py} {@code join_innodb_cluster_set}:
     * {@code dba.get_cluster().get_cluster_set()}, then {@code create_replica_cluster}), so it starts only once the
     * ClusterSet resource has created or adopted the ClusterSet. In a stack that deploys replicas only, the ClusterSet
     * resource's Create refuses ({@code clusterset-not-created}) while there is no ClusterSet, and no replica is
     * created. Fills {@code out} by member name, the primary first.
     */
    private Optional<ClusterSetLinkage> defineClustersAndLinkage(
            Topology t, Output<String> rootPassword, Map<String, InnoDbCluster> out) {
        String primary = t.clusterSet().primary();
        List<Member> members = new ArrayList<>(t.deployedMembers());
        members.sort(Comparator.comparing((Member m) -> !m.name().equals(primary)));
        Map<String, InnoDbClusterArgs> args = new LinkedHashMap<>();
        for (Member m : members) {
            args.put(m.name(), innoDbClusterArgs(t, m, rootPassword).build());
        }
        Map<String, InnoDbCluster> defined = new LinkedHashMap<>();
        args.forEach((member, a) -> {
            if (!a.joinsThroughOperator()) {
                defined.put(member, defineCluster(a, List.of()));
            }
        });
        Optional<ClusterSetLinkage> linkage = Optional.empty();
        if (!members.isEmpty()) {
            // With linkage provider nothing joins through the operator: every InnoDBCluster is defined above, the
            // ClusterSet waits for all of them, and the callback registers nothing.
            List<Resource> clusterSetAfter = t.deployedMembers().stream()
                    .filter(m -> defined.containsKey(m.name()))
                    .map(m -> (Resource) defined.get(m.name()).innoDbCluster())
                    .toList();
            linkage = Optional.of(defineLinkage(t, rootPassword, clusterSetAfter, clusterSet -> {
                List<Resource> replicas = new ArrayList<>();
                args.forEach((member, a) -> {
                    if (a.joinsThroughOperator()) {
                        List<Resource> after = new ArrayList<>();
                        Optional.ofNullable(defined.get(primary)).ifPresent(p -> after.add(p.innoDbCluster()));
                        after.add(clusterSet);
                        InnoDbCluster c = defineCluster(a, after);
                        defined.put(member, c);
                        replicas.add(c.innoDbCluster());
                    }
                });
                return replicas;
            }));
        }
        args.keySet().forEach(member -> out.put(member, defined.get(member)));
        return linkage;
    }

    /** A member's InnoDBCluster, after the operator's Helm release (it installs the CRDs) and {@code after}. */
    private InnoDbCluster defineCluster(InnoDbClusterArgs args, List<Resource> after) {
        Member m = args.member();
        List<Resource> dependsOn = new ArrayList<>();
        dependsOn.add(operators.get(m.kubeCluster()).release());
        dependsOn.addAll(after);
        return new InnoDbCluster(
                m.name(),
                args,
                ComponentResourceOptions.builder()
                        .providers(kubernetes.get(m.kubeCluster()))
                        .dependsOn(dependsOn)
                        .build());
    }

    /**
     * The linkage on the {@code mysqlcs} provider. Its ClusterSet waits for the Kubernetes providers of the deployed
     * clusters (what the InnoDBClusters are created through) and {@code clusterSetAfter} (InnoDBCluster custom
     * resources, not only their components); the members and the primary resource also for what
     * {@code afterClusterSet} registers.
     */
    private ClusterSetLinkage defineLinkage(
            Topology t,
            Output<String> rootPassword,
            List<Resource> clusterSetAfter,
            Function<ClusterSet, List<Resource>> afterClusterSet) {
        MysqlcsProvider provider = new MysqlcsProvider(
                "mysqlcs",
                MysqlcsProviderArgs.of(t.kubeClusters()),
                CustomResourceOptions.builder().build());
        List<Resource> after = new ArrayList<>();
        t.deployedMembers().stream()
                .map(Member::kubeCluster)
                .distinct()
                .map(kubernetes::get)
                .forEach(after::add);
        after.addAll(clusterSetAfter);
        return new ClusterSetLinkage(
                t.clusterSet().name(),
                ClusterSetLinkageArgs.builder()
                        .clusterSet(t.clusterSet())
                        .deploy(t.deploy())
                        .rootUser(t.root().user())
                        .rootPassword(rootPassword)
                        .build(),
                CustomResourceOptions.builder()
                        .provider(provider)
                        .dependsOn(after)
                        .build(),
                afterClusterSet);
    }

    /** {@code {key: {field: value}}} from each component's outputs, in a stable order. */
    private static <T> Output<Map<String, Map<String, String>>> mapOf(
            Map<String, T> components, Function<T, List<Map.Entry<String, Output<String>>>> fields) {
        List<Output<Map.Entry<String, Map<String, String>>>> entries = new ArrayList<>();
        components.forEach((key, component) -> {
            List<Map.Entry<String, Output<String>>> fs = fields.apply(component);
            List<Output<String>> values = fs.stream().map(Map.Entry::getValue).toList();
            entries.add(Output.all(values).applyValue(vs -> {
                Map<String, String> m = new LinkedHashMap<>();
                for (int i = 0; i < fs.size(); i++) {
                    m.put(fs.get(i).getKey(), vs.get(i));
                }
                return Map.entry(key, m);
            }));
        });
        return Output.all(entries).applyValue(es -> {
            Map<String, Map<String, String>> out = new LinkedHashMap<>();
            es.forEach(e -> out.put(e.getKey(), e.getValue()));
            return out;
        });
    }
}
