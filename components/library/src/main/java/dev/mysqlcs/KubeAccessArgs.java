package dev.mysqlcs;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.resources.ResourceArgs;
import dev.mysqlcs.contract.ClusterSetContract;
import java.util.Objects;
import java.util.Optional;

/** How the mysqlcs provider reaches one Kubernetes cluster: its kubeconfig context (and file). */
public final class KubeAccessArgs extends ResourceArgs {

    @Import(name = ClusterSetContract.KUBE_NAME, required = true)
    private Output<String> name;

    @Import(name = ClusterSetContract.KUBE_CONTEXT, required = true)
    private Output<String> context;

    @Import(name = ClusterSetContract.KUBE_KUBECONFIG)
    private Output<String> kubeconfig;

    private KubeAccessArgs() {}

    public Output<String> name() {
        return name;
    }

    public Output<String> context() {
        return context;
    }

    public Optional<Output<String>> kubeconfig() {
        return Optional.ofNullable(kubeconfig);
    }

    public static KubeAccessArgs of(String name, String context, Optional<String> kubeconfig) {
        KubeAccessArgs a = new KubeAccessArgs();
        a.name = Output.of(Objects.requireNonNull(name));
        a.context = Output.of(Objects.requireNonNull(context));
        a.kubeconfig = kubeconfig.map(Output::of).orElse(null);
        return a;
    }
}
