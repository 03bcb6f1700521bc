package dev.mysqlcs.fake;

import dev.mysqlcs.io.ChannelStatus;
import dev.mysqlcs.io.ClusterSetMetadata;
import dev.mysqlcs.io.Credentials;
import dev.mysqlcs.io.InstanceProbe;
import dev.mysqlcs.io.InstanceProbes;
import dev.mysqlcs.io.InstanceState;
import dev.mysqlcs.io.PodRef;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * JDBC probes over {@link FakeWorld}: the same data the fake Shell sees, read as a JDBC session would; GET_LOCK
 * semantics (named, per server, session-scoped, waiting up to the given time) for the mutual-exclusion tests.
 */
public final class FakeInstanceProbes implements InstanceProbes {

    private final FakeWorld w;
    private final Object lockMonitor = new Object();
    private final Map<String, FakeProbe> lockOwners = new HashMap<>();
    private final Map<String, Thread> lockThreads = new HashMap<>();
    private final AtomicInteger opened = new AtomicInteger();
    private final AtomicInteger open = new AtomicInteger();

    public FakeInstanceProbes(FakeWorld world) {
        this.w = world;
    }

    /** Does this thread hold a lock named {@code name} on any server (GET_LOCK semantics)? */
    public boolean holdsLock(Thread t, String name) {
        synchronized (lockMonitor) {
            return lockThreads.entrySet().stream().anyMatch(e -> e.getKey().endsWith("#" + name) && e.getValue() == t);
        }
    }

    /** Probes opened and not yet closed: a leak shows here. */
    public int openProbes() {
        return open.get();
    }

    public int openedProbes() {
        return opened.get();
    }

    @Override
    public InstanceProbe open(PodRef pod, Credentials credentials) {
        if (!w.kubeUp(pod.kubeCluster())) {
            throw new ProbeUnavailableException(
                    "port-forward to " + pod.pod() + ": the Kubernetes API of '" + pod.kubeCluster()
                            + "' does not answer",
                    null);
        }
        var where = w.byPod(pod).orElseThrow(() -> new ProbeUnavailableException("no pod " + pod.pod(), null));
        if (w.podGone(where.getKey(), where.getValue())) {
            throw new ProbeUnavailableException(
                    "port-forward to " + pod.pod() + ": pods \"" + pod.pod() + "\" not found", null);
        }
        if (!credentials.user().equals(w.user) || !new String(credentials.password()).equals(w.password)) {
            throw new ProbeUnavailableException("Access denied for user '" + credentials.user() + "'", null);
        }
        opened.incrementAndGet();
        open.incrementAndGet();
        return new FakeProbe(pod, where.getKey(), where.getValue());
    }

    private final class FakeProbe implements InstanceProbe {
        private final PodRef pod;
        private final FakeWorld.Cluster cluster;
        private final int ordinal;
        private final List<String> held = new ArrayList<>();
        private boolean closed;

        FakeProbe(PodRef pod, FakeWorld.Cluster cluster, int ordinal) {
            this.pod = pod;
            this.cluster = cluster;
            this.ordinal = ordinal;
        }

        private FakeWorld.Instance me() {
            if (closed) {
                throw new IllegalStateException("probe used after close");
            }
            if (!w.kubeUp(pod.kubeCluster())) {
                throw new ProbeUnavailableException("connection to " + pod.pod() + " lost", null);
            }
            return cluster.pods.get(ordinal);
        }

        @Override
        public InstanceState instanceState() {
            synchronized (w) {
                FakeWorld.Instance i = me();
                return new InstanceState(
                        cluster.member.baseServerId() + ordinal,
                        i.uuid,
                        i.version,
                        i.gtids,
                        i.superReadOnly,
                        i.superReadOnly,
                        i.compileOs,
                        i.compileMachine);
            }
        }

        @Override
        public boolean gtidSubset(String subset, String set) {
            me();
            return FakeGtids.subset(subset, set);
        }

        @Override
        public String gtidSubtract(String set, String subtract) {
            me();
            return FakeGtids.subtract(set, subtract);
        }

        @Override
        public List<String> userSchemas() {
            synchronized (w) {
                return List.copyOf(me().schemas);
            }
        }

        @Override
        public Optional<ChannelStatus> replicationChannel(String channel) {
            synchronized (w) {
                me();
                boolean replica = w.cs != null
                        && w.cs.members.contains(cluster.member.name())
                        && !w.cs.primary.equals(cluster.member.name())
                        && !w.cs.invalidated.contains(cluster.member.name());
                return replica
                        ? Optional.of(
                                new ChannelStatus(channel, "ON", w.csPrimary().primaryPod().uuid, 0, "", me().gtids))
                        : Optional.empty();
            }
        }

        @Override
        public Optional<ClusterSetMetadata> clusterSetMetadata() {
            synchronized (w) {
                me();
                if (cluster.own != null) {
                    // The ClusterSet the operator made for it alone (cluster_controller.py create_cluster).
                    return Optional.of(new ClusterSetMetadata(
                            "cs-" + cluster.own.domain,
                            cluster.own.domain,
                            List.of(new ClusterSetMetadata.Member(cluster.groupUuid, cluster.name, true, false))));
                }
                if (w.cs == null || !w.cs.members.contains(cluster.member.name())) {
                    return Optional.empty();
                }
                List<ClusterSetMetadata.Member> members = new ArrayList<>();
                for (String m : w.cs.members) {
                    FakeWorld.Cluster c = w.cluster(m);
                    members.add(new ClusterSetMetadata.Member(
                            c.groupUuid, c.name, w.cs.primary.equals(m), w.cs.invalidated.contains(m)));
                }
                return Optional.of(new ClusterSetMetadata("cs-" + w.cs.domain, w.cs.domain, members));
            }
        }

        private String key(String name) {
            return pod.kubeCluster() + "/" + pod.namespace() + "/" + pod.pod() + "#" + name;
        }

        @Override
        public boolean tryLock(String name, Duration wait) {
            me();
            long deadline = System.nanoTime() + wait.toNanos();
            synchronized (lockMonitor) {
                while (lockOwners.containsKey(key(name)) && lockOwners.get(key(name)) != this) {
                    long left = (deadline - System.nanoTime()) / 1_000_000L;
                    if (left <= 0) {
                        return false;
                    }
                    try {
                        lockMonitor.wait(left);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return false;
                    }
                }
                lockOwners.put(key(name), this);
                lockThreads.put(key(name), Thread.currentThread());
                held.add(name);
                return true;
            }
        }

        @Override
        public void unlock(String name) {
            synchronized (lockMonitor) {
                if (lockOwners.get(key(name)) == this) {
                    lockOwners.remove(key(name));
                    lockThreads.remove(key(name));
                    held.remove(name);
                    lockMonitor.notifyAll();
                }
            }
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            synchronized (lockMonitor) {
                for (String n : List.copyOf(held)) {
                    unlock(n);
                }
            }
            closed = true;
            open.decrementAndGet();
        }
    }
}
