package dev.mysqlcs.io;

/** Opens a local route to a pod's MySQL port (Kubernetes port-forward); closing it tears the route down. */
public interface PortForwarder {

    Route open(PodRef pod, int remotePort);

    interface Route extends AutoCloseable {
        MySqlEndpoint endpoint();

        @Override
        void close();
    }
}
