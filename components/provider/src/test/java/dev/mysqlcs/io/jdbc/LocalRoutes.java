package dev.mysqlcs.io.jdbc;

import dev.mysqlcs.io.InstanceProbes.ProbeUnavailableException;
import dev.mysqlcs.io.MySqlEndpoint;
import dev.mysqlcs.io.PodRef;
import dev.mysqlcs.io.PortForwarder;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/** A {@link PortForwarder} that routes pods to local servers and counts the routes still open. */
public final class LocalRoutes implements PortForwarder {

    private final Map<PodRef, MySqlEndpoint> endpoints = new ConcurrentHashMap<>();
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger opened = new AtomicInteger();

    public LocalRoutes route(PodRef pod, MySqlEndpoint endpoint) {
        endpoints.put(pod, endpoint);
        return this;
    }

    /** The pod is gone (or not ready): port-forwards to it fail from now on. */
    public LocalRoutes unroute(PodRef pod) {
        endpoints.remove(pod);
        return this;
    }

    public int openRoutes() {
        return open.get();
    }

    public int openedRoutes() {
        return opened.get();
    }

    @Override
    public Route open(PodRef pod, int remotePort) {
        if (remotePort != JdbcInstanceProbes.MYSQL_PORT) {
            throw new IllegalArgumentException("expected a route to the MySQL port, got " + remotePort);
        }
        MySqlEndpoint endpoint = endpoints.get(pod);
        if (endpoint == null) {
            throw new ProbeUnavailableException("pod " + pod + " does not exist", null);
        }
        open.incrementAndGet();
        opened.incrementAndGet();
        AtomicBoolean closed = new AtomicBoolean();
        return new Route() {
            @Override
            public MySqlEndpoint endpoint() {
                return endpoint;
            }

            @Override
            public void close() {
                if (closed.compareAndSet(false, true)) {
                    open.decrementAndGet();
                }
            }
        };
    }
}
