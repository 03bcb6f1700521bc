package dev.mysqlcs.render;

import dev.mysqlcs.model.Linkage;
import dev.mysqlcs.model.Member;
import dev.mysqlcs.model.OperatorSettings;
import dev.mysqlcs.model.Placement;
import dev.mysqlcs.model.Tls;
import dev.mysqlcs.model.Topology;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The InnoDBCluster custom resource ({@code mysql.oracle.com/v2}) of one member, field names as in the operator's CRD
 * (chart 2.2.8). Pure: the same topology always gives the same resource.
 */
public final class InnoDbClusterSpec {

    public static final String API_VERSION = "mysql.oracle.com/v2";
    public static final String KIND = "InnoDBCluster";
    /** The root credentials Secret of every member (seed 001's {@code mypwds}): rootUser, rootHost, rootPassword. */
    public static final String ROOT_SECRET = "mypwds";
    /** Seed 000's namespace-local copy of the primary's root credentials, read by initDB.clusterSet. */
    public static final String CLUSTERSET_SECRET = "clusterset-secret";
    /** Label the operator puts on every pod of an InnoDBCluster (server and router). */
    public static final String CLUSTER_LABEL = "mysql.oracle.com/cluster";

    /**
     * S2.11: makes {@code <ic>-instances} a Cilium global service, so pod FQDNs of one Kubernetes cluster resolve and
     * route from the others.
     */
    public static final Map<String, String> CILIUM_GLOBAL_SERVICE_ANNOTATIONS = orderedOf(
            "service.cilium.io/global", "true",
            "service.cilium.io/shared", "true",
            "service.cilium.io/global-sync-endpoint-slices", "true",
            "service.cilium.io/affinity", "remote");

    private InnoDbClusterSpec() {}

    /** The whole custom resource: apiVersion, kind, metadata, spec. */
    public static Map<String, Object> resource(Topology topology, Member member) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", member.name());
        metadata.put("namespace", member.namespace());
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("apiVersion", API_VERSION);
        r.put("kind", KIND);
        r.put("metadata", metadata);
        r.put("spec", spec(topology, member));
        return r;
    }

    /**
     * What an InnoDBCluster needs besides its member: the settings a ClusterSet gives all its members.
     *
     * @param imageRepository     where the operator pulls server, sidecar and router images (empty: its default)
     * @param imagePullSecret     a docker-registry Secret in the member's namespace for those images
     * @param ciliumGlobalService S2.11: the ClusterSet spans several Kubernetes clusters over the Cilium mesh
     * @param clusterSetTargetUrl S1.3: the primary's pod 0 the Enterprise operator joins this replica to
     */
    public record Settings(
            String rootUser,
            Optional<String> imageRepository,
            Optional<String> imagePullSecret,
            boolean ciliumGlobalService,
            Optional<String> clusterSetTargetUrl) {

        /** The settings of {@code member} in a topology. */
        public static Settings of(Topology topology, Member member) {
            OperatorSettings images = topology.mysqlOperator();
            return new Settings(
                    topology.root().user(),
                    images.serverImageRepository(),
                    images.serverPullSecret(),
                    topology.multiCluster(),
                    InnoDbClusterSpec.clusterSetTargetUrl(topology, member));
        }
    }

    public static Map<String, Object> spec(Topology topology, Member member) {
        return spec(member, Settings.of(topology, member));
    }

    public static Map<String, Object> spec(Member member, Settings settings) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("secretName", ROOT_SECRET);
        spec.put("edition", member.edition().value());
        member.version().ifPresent(v -> spec.put("version", v));
        // The operator pulls server, sidecar and router images from here, with these credentials (it puts them on the
        // pods' ServiceAccount and the router Deployment).
        settings.imageRepository().ifPresent(r -> spec.put("imageRepository", r));
        settings.imagePullSecret().ifPresent(n -> spec.put("imagePullSecrets", List.of(Map.of("name", n))));
        spec.put("baseServerId", member.baseServerId());
        spec.put("instances", member.instances());

        Map<String, Object> router = new LinkedHashMap<>();
        router.put("instances", member.routerInstances());
        Tls tls = member.tls();
        if (tls.useSelfSigned()) {
            spec.put("tlsUseSelfSigned", true);
        } else {
            tls.caSecretName().ifPresent(n -> spec.put("tlsCASecretName", n));
            tls.serverSecretName().ifPresent(n -> spec.put("tlsSecretName", n));
            tls.routerSecretName().ifPresent(n -> router.put("tlsSecretName", n));
        }
        spec.put("router", router);

        member.storage()
                .ifPresent(size -> spec.put(
                        "datadirVolumeClaimTemplate",
                        Map.of(
                                "accessModes", List.of("ReadWriteOnce"),
                                "resources", Map.of("requests", Map.of("storage", size)))));

        podSpec(member.placement()).ifPresent(p -> spec.put("podSpec", p));

        if (settings.ciliumGlobalService()) {
            spec.put("instanceService", Map.of("annotations", CILIUM_GLOBAL_SERVICE_ANNOTATIONS));
        }

        settings.clusterSetTargetUrl().ifPresent(url -> {
            Map<String, Object> clusterSet = new LinkedHashMap<>();
            clusterSet.put("targetUrl", url);
            clusterSet.put("rootUser", settings.rootUser());
            clusterSet.put("secretKeyRef", Map.of("name", CLUSTERSET_SECRET));
            spec.put("initDB", Map.of("clusterSet", clusterSet));
        });
        return spec;
    }

    /**
     * S1.3: with linkage {@code operator} every replica joins the ClusterSet itself, from server pod 0 of the primary
     * ({@code <primary>-0.<primary>-instances.<ns>.svc.<domain>}). Empty for the primary and for linkage
     * {@code provider}.
     */
    public static Optional<String> clusterSetTargetUrl(Topology topology, Member member) {
        if (!joinsThroughOperator(topology, member)) {
            return Optional.empty();
        }
        return Optional.of(topology.clusterSet()
                .primaryMember()
                .pod0Fqdn(topology.clusterSet().domain()));
    }

    /**
     * With linkage {@code operator} every member's namespace holds the clusterset Secret (the ClusterSet's root
     * credentials), whichever member is the primary: a switchover then changes no Secret.
     */
    public static boolean hasClusterSetSecret(Topology topology) {
        return topology.clusterSet().linkage() == Linkage.OPERATOR;
    }

    /** A replica the Enterprise operator links into the ClusterSet (needs the clusterset Secret in its namespace). */
    public static boolean joinsThroughOperator(Topology topology, Member member) {
        return topology.clusterSet().linkage() == Linkage.OPERATOR
                && !member.name().equals(topology.clusterSet().primary());
    }

    /** S1.9: nodeSelector and affinity of the server pods, merged by the operator into its StatefulSet. */
    static Optional<Map<String, Object>> podSpec(Placement placement) {
        if (placement.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Object> pod = new LinkedHashMap<>();
        if (!placement.nodeSelector().isEmpty()) {
            pod.put("nodeSelector", placement.nodeSelector());
        }
        if (!placement.affinity().isEmpty()) {
            pod.put("affinity", placement.affinity());
        }
        return Optional.of(pod);
    }

    private static Map<String, String> orderedOf(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(m);
    }
}
