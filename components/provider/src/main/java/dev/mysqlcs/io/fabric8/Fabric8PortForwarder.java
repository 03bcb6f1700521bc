package dev.mysqlcs.io.fabric8;

import dev.mysqlcs.io.InstanceProbes.ProbeUnavailableException;
import dev.mysqlcs.io.MySqlEndpoint;
import dev.mysqlcs.io.PodRef;
import dev.mysqlcs.io.PortForwarder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.LocalPortForward;
import io.fabric8.kubernetes.client.dsl.PodResource;
import java.io.IOException;
import java.net.InetAddress;
import java.util.Objects;
import java.util.function.Function;

/**
 * {@link PortForwarder} over the Kubernetes port-forward API (fabric8): each route listens on an ephemeral port of the
 * loopback interface only (fabric8's default would listen on every interface, exposing the database to the network).
 * Every TCP connection to the local port opens its own stream to the pod.
 *
 * <p>The pod must exist and be Running; otherwise, or when the API server cannot be reached,
 * {@link ProbeUnavailableException} is raised. Authentication or authorization failures are configuration errors
 * ({@link IllegalStateException}), never "unreachable".
 */
public final class Fabric8PortForwarder implements PortForwarder {

    private final Function<String, KubernetesClient> clients;

    public Fabric8PortForwarder(KubeClients clients) {
        this(Objects.requireNonNull(clients, "clients")::client);
    }

    /** @param clients the fabric8 client of a Kubernetes cluster, by the topology's kubeClusters name */
    public Fabric8PortForwarder(Function<String, KubernetesClient> clients) {
        this.clients = Objects.requireNonNull(clients, "clients");
    }

    @Override
    public Route open(PodRef pod, int remotePort) {
        Objects.requireNonNull(pod, "pod");
        if (remotePort < 1 || remotePort > 65535) {
            throw new IllegalArgumentException("remote port must be 1-65535, got " + remotePort);
        }
        String where = "pod " + pod.namespace() + "/" + pod.pod() + " in Kubernetes cluster " + pod.kubeCluster();
        PodResource resource = clients.apply(pod.kubeCluster())
                .pods()
                .inNamespace(pod.namespace())
                .withName(pod.pod());
        Pod current;
        try {
            current = resource.get();
        } catch (KubernetesClientException e) {
            throw failure(where, remotePort, e);
        }
        if (current == null) {
            throw new ProbeUnavailableException(where + " does not exist", null);
        }
        String phase = current.getStatus() == null ? null : current.getStatus().getPhase();
        if (!"Running".equals(phase)) {
            throw new ProbeUnavailableException(where + " is not running (phase " + phase + ")", null);
        }
        try {
            LocalPortForward forward = resource.portForward(remotePort, InetAddress.getLoopbackAddress(), 0);
            return new Fabric8Route(forward, where, remotePort);
        } catch (KubernetesClientException e) {
            throw failure(where, remotePort, e);
        } catch (IllegalStateException e) {
            // fabric8: "Unable to port forward" when the local listening socket cannot be opened
            throw new ProbeUnavailableException(
                    "cannot forward port " + remotePort + " of " + where + ": " + e.getMessage(), e);
        }
    }

    private static RuntimeException failure(String where, int port, KubernetesClientException e) {
        if (e.getCode() == 401 || e.getCode() == 403) {
            return new IllegalStateException(
                    "Kubernetes refused access to " + where + " (HTTP " + e.getCode()
                            + "): the kube context needs get and pods/portforward on pods in that namespace",
                    e);
        }
        return new ProbeUnavailableException(
                "cannot forward port " + port + " of " + where + ": "
                        + (e.getMessage() == null
                                ? e.getClass().getSimpleName()
                                : e.getMessage().replaceAll("\\s+", " ")),
                e);
    }

    private static final class Fabric8Route implements Route {
        private final LocalPortForward forward;
        private final MySqlEndpoint endpoint;
        private final String description;

        Fabric8Route(LocalPortForward forward, String where, int remotePort) {
            this.forward = forward;
            this.endpoint = new MySqlEndpoint(forward.getLocalAddress().getHostAddress(), forward.getLocalPort());
            this.description = endpoint.host() + ":" + endpoint.port() + " -> " + where + ":" + remotePort;
        }

        @Override
        public MySqlEndpoint endpoint() {
            return endpoint;
        }

        @Override
        public void close() {
            try {
                forward.close();
            } catch (IOException ignored) {
                // Closing a listening socket that is already gone: the route is down either way.
            }
        }

        @Override
        public String toString() {
            return "Route[" + description + "]";
        }
    }
}
