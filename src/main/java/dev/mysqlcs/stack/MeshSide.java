package dev.mysqlcs.stack;

import com.pulumi.Context;
import com.pulumi.core.Output;
import com.pulumi.kubernetes.Provider;
import com.pulumi.resources.ComponentResourceOptions;
import dev.mysqlcs.ClusterMesh;
import dev.mysqlcs.ClusterMeshArgs;
import dev.mysqlcs.config.MeshConfigParser;
import dev.mysqlcs.config.TopologyParser;
import dev.mysqlcs.model.KubeCluster;
import dev.mysqlcs.model.Topology;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * This stack's side of the Cilium ClusterMesh: one {@link ClusterMesh} per Kubernetes cluster the stack deploys into
 * (Cilium with every other cluster as a peer, the CoreDNS NodePort and forward zones), and the stack outputs peers
 * read: {@code mesh} (per cluster: mesh endpoint, node IPs, DNS port), {@code meshCaCert} and, as a secret only,
 * {@code meshCaKey}. A topology with a single Kubernetes cluster has no mesh and gets nothing here.
 *
 * <p>The CA comes from config ({@code mysqlcs:meshCaCert}, {@code mysqlcs:meshCaKey}), set once per stack from the
 * same files, so it is identical on every side and stable across runs by construction.
 */
public final class MeshSide {

    private MeshSide() {
    }

    /**
     * @param providers the Kubernetes provider of each deployed cluster, by kube cluster name
     * @param isSecret  which full config keys the engine marked secret
     * @return this stack's side of the mesh by kube cluster name (empty without a mesh), for resources that must
     *         wait for Cilium
     */
    public static Map<String, ClusterMesh> define(Context ctx, StackConfig config, Map<String, Provider> providers,
                                                  Predicate<String> isSecret) {
        Topology t = config.topology();
        Map<String, ClusterMesh> sides = new LinkedHashMap<>();
        if (!t.meshed()) {
            return sides;
        }
        // Absent only in the offline plan (a warning there); the parser made it an error everywhere else.
        boolean ca = t.mesh().caConfigured();
        Output<String> cert = ca ? caValue(ctx, MeshConfigParser.MESH_CA_CERT, isSecret) : null;
        Output<String> key = ca ? caValue(ctx, MeshConfigParser.MESH_CA_KEY, k -> true) : null;

        List<String> names = new ArrayList<>();
        List<Output<Map<String, Object>>> infos = new ArrayList<>();
        for (KubeCluster kc : t.deployedClusters()) {
            ClusterMeshArgs.Builder args = ClusterMeshArgs.builder().topology(t).kubeCluster(kc.name());
            if (ca) {
                args.caCertPem(cert).caKeyPem(key);
            }
            ClusterMesh side = new ClusterMesh(kc.name(), args.build(),
                    ComponentResourceOptions.builder().providers(providers.get(kc.name())).build());
            sides.put(kc.name(), side);
            names.add(kc.name());
            infos.add(side.peerInfo);
        }
        ctx.export("mesh", Output.all(infos).applyValue(values -> {
            Map<String, Object> byCluster = new LinkedHashMap<>();
            for (int i = 0; i < names.size(); i++) {
                byCluster.put(names.get(i), values.get(i));
            }
            return byCluster;
        }));
        if (ca) {
            ctx.export("meshCaCert", cert);
            ctx.export("meshCaKey", key.asSecret());
        }
        return sides;
    }

    /** A CA value from config: a secret Output when config holds it as a secret (always for the key). */
    private static Output<String> caValue(Context ctx, String key, Predicate<String> isSecret) {
        if (isSecret.test(TopologyParser.NAMESPACE + ":" + key)) {
            return ctx.config().getSecret(key).applyValue(o -> o.orElse("")).asSecret();
        }
        return Output.of(ctx.config().get(key).orElse(""));
    }
}
