package dev.mysqlcs.provider;

import dev.mysqlcs.io.InstanceProbes;
import dev.mysqlcs.io.MySqlShell;
import dev.mysqlcs.io.fabric8.Fabric8MySqlShell;
import dev.mysqlcs.io.fabric8.Fabric8PortForwarder;
import dev.mysqlcs.io.fabric8.KubeClients;
import dev.mysqlcs.io.jdbc.JdbcInstanceProbes;
import dev.mysqlcs.io.jdbc.JdbcSettings;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The provider's real I/O, built once per Configure from the provider config: one fabric8 client per Kubernetes
 * cluster (its kubeconfig context, created on first use), the Kubernetes actions on them, mysqlsh through exec into
 * the sidecar and JDBC probes through a port-forward.
 */
public final class RealBackends {

    private RealBackends() {}

    /** The single place where concrete I/O classes are constructed. */
    public static Backends create(ProviderConfig config) {
        Map<String, KubeClients.Access> access = new LinkedHashMap<>();
        config.kubeClusters()
                .forEach((name, a) -> access.put(
                        name, new KubeClients.Access(a.context(), a.kubeconfig().map(Path::of))));
        KubeClients kube = new KubeClients(access);
        MySqlShell shell = new Fabric8MySqlShell(kube);
        InstanceProbes probes = new JdbcInstanceProbes(new Fabric8PortForwarder(kube), JdbcSettings.defaults());
        return new Backends(shell, probes, new Fabric8KubeActions(kube::client), kube::close);
    }
}
