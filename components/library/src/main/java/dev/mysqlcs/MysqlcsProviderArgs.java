package dev.mysqlcs;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.resources.ResourceArgs;
import dev.mysqlcs.contract.ClusterSetContract;
import dev.mysqlcs.model.KubeCluster;
import java.util.List;

/** Inputs of the mysqlcs provider resource: every Kubernetes cluster of the mesh, by name, with its context. */
public final class MysqlcsProviderArgs extends ResourceArgs {

    @Import(name = ClusterSetContract.KUBE_CLUSTERS, required = true)
    private Output<List<KubeAccessArgs>> kubeClusters;

    private MysqlcsProviderArgs() {}

    public Output<List<KubeAccessArgs>> kubeClusters() {
        return kubeClusters;
    }

    /** All kube clusters of the topology (not only the deployed ones): the DR stack must reach PROD too. */
    public static MysqlcsProviderArgs of(List<KubeCluster> kubeClusters) {
        MysqlcsProviderArgs a = new MysqlcsProviderArgs();
        a.kubeClusters = Output.of(kubeClusters.stream()
                .map(k -> KubeAccessArgs.of(k.name(), k.context(), k.kubeconfig()))
                .toList());
        return a;
    }
}
