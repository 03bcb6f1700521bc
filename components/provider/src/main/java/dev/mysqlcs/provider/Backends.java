package dev.mysqlcs.provider;

import dev.mysqlcs.io.InstanceProbes;
import dev.mysqlcs.io.MySqlShell;

/**
 * The provider's I/O: mysqlsh in the server pods, JDBC probes, and the Kubernetes actions. Real ones come from
 * {@link RealBackends#create(ProviderConfig)}; tests hand in fakes over one shared model of the world.
 */
public record Backends(MySqlShell shell, InstanceProbes probes, KubeActions kube, Runnable onClose)
        implements AutoCloseable {

    public Backends(MySqlShell shell, InstanceProbes probes, KubeActions kube) {
        this(shell, probes, kube, () -> {});
    }

    @Override
    public void close() {
        onClose.run();
    }
}
