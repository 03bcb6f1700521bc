package dev.mysqlcs.io.jdbc;

import dev.mysqlcs.io.Credentials;
import dev.mysqlcs.io.InstanceProbe;
import dev.mysqlcs.io.InstanceProbes;
import dev.mysqlcs.io.MySqlEndpoint;
import dev.mysqlcs.io.PodRef;
import dev.mysqlcs.io.PortForwarder;
import java.util.Objects;

/**
 * Opens a {@link JdbcInstanceProbe} on a server pod through a route to its MySQL port (a Kubernetes port-forward in a
 * real cluster); the route lives exactly as long as the probe.
 */
public final class JdbcInstanceProbes implements InstanceProbes {

    /** The classic-protocol port of the operator's server pods. */
    public static final int MYSQL_PORT = 3306;

    private final PortForwarder forwarder;
    private final JdbcSettings settings;

    public JdbcInstanceProbes(PortForwarder forwarder, JdbcSettings settings) {
        this.forwarder = Objects.requireNonNull(forwarder, "forwarder");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /**
     * @throws ProbeUnavailableException when the pod or its server cannot be reached (the route is closed again)
     * @throws JdbcProbeException        when the server answers but refuses the session (e.g. access denied)
     */
    @Override
    public InstanceProbe open(PodRef pod, Credentials credentials) {
        Objects.requireNonNull(pod, "pod");
        Objects.requireNonNull(credentials, "credentials");
        PortForwarder.Route route = forwarder.open(pod, MYSQL_PORT);
        MySqlEndpoint endpoint;
        try {
            endpoint = route.endpoint();
        } catch (RuntimeException e) {
            route.close();
            throw e;
        }
        return JdbcInstanceProbe.connect(describe(pod), endpoint, credentials, settings, route::close);
    }

    /** How messages name a server pod: {@code kubeCluster/namespace/pod}. */
    public static String describe(PodRef pod) {
        return pod.kubeCluster() + "/" + pod.namespace() + "/" + pod.pod();
    }
}
