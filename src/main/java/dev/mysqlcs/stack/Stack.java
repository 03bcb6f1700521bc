package dev.mysqlcs.stack;

import com.pulumi.Context;
import com.pulumi.exceptions.RunException;
import com.pulumi.kubernetes.Provider;
import com.pulumi.kubernetes.ProviderArgs;
import dev.mysqlcs.KubernetesPlugin;
import dev.mysqlcs.config.ConfigError;
import dev.mysqlcs.config.InvalidConfigException;
import dev.mysqlcs.model.KubeCluster;
import dev.mysqlcs.model.Member;
import dev.mysqlcs.model.Topology;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

/** The stack program: config to topology, then one resource tree per Kubernetes cluster this stack deploys into. */
public final class Stack {

    private Stack() {
    }

    public static void define(Context ctx, Predicate<String> isSecret, boolean offline) {
        StackConfig config = readConfig(ctx, isSecret, offline);
        config.warnings().forEach(w -> ctx.log().warn(w));
        Topology topology = config.topology();

        Map<String, Provider> providers = new LinkedHashMap<>();
        for (KubeCluster kc : topology.deployedClusters()) {
            providers.put(kc.name(), kubernetesProvider(kc));
        }
        var mesh = MeshSide.define(ctx, config, providers, isSecret);
        var mysql = MySqlSide.define(ctx, config, providers, mesh);
        // The ClusterSet steps wait for the InnoDBCluster custom resources themselves, not only their components.
        Map<String, com.pulumi.resources.Resource> innodbClusters = new LinkedHashMap<>();
        mysql.clusters().forEach((member, c) -> innodbClusters.put(member, c.innoDbCluster()));
        ClusterSetSide.define(ctx, config, providers, innodbClusters);

        ctx.export("clusterSetName", com.pulumi.core.Output.of(topology.clusterSet().name()));
        ctx.export("desiredPrimary", com.pulumi.core.Output.of(topology.clusterSet().primary()));
        ctx.export("deployedKubeClusters", com.pulumi.core.Output.of(topology.deploy()));
        Map<String, String> serverIds = new LinkedHashMap<>();
        for (Member m : topology.clusterSet().members()) {
            serverIds.put(m.name(), m.serverIds().toString());
        }
        ctx.export("serverIdRanges", com.pulumi.core.Output.of(serverIds));
    }

    /** User errors end the run with one line per error and no stack trace (RunException is printed bare). */
    static StackConfig readConfig(Context ctx, Predicate<String> isSecret, boolean offline) {
        try {
            return StackConfig.read(ctx, isSecret, offline);
        } catch (InvalidConfigException e) {
            for (ConfigError error : e.errors()) {
                ctx.log().error(error.render());
            }
            throw new RunException(e.errors().size() + " config error(s) in stack " + ctx.stackName()
                    + "; nothing was changed:\n" + e.getMessage());
        }
    }

    /**
     * One explicit provider per Kubernetes cluster: a stack never deploys through an ambient kube context. It runs the
     * pinned plugin ({@link KubernetesPlugin#VERSION}), not the SDK's 4.0.0.
     */
    static Provider kubernetesProvider(KubeCluster kc) {
        ProviderArgs.Builder args = ProviderArgs.builder().context(kc.context());
        kc.kubeconfig().ifPresent(args::kubeconfig);
        return KubernetesPlugin.provider(kc.name() + "-k8s", args.build());
    }
}
