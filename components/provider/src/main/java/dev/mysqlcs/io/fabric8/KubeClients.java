package dev.mysqlcs.io.fabric8;

import dev.mysqlcs.model.KubeCluster;
import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * One fabric8 {@link KubernetesClient} per Kubernetes cluster of the topology, built lazily from a kubeconfig file
 * (or the default loading rules: {@code $KUBECONFIG}, {@code ~/.kube/config}) and a context. Closing closes them all.
 */
public final class KubeClients implements AutoCloseable {

    /**
     * How to reach one cluster.
     *
     * @param context    kubeconfig context; required, so that a changed current-context never redirects a stack
     * @param kubeconfig kubeconfig file; empty means the default loading rules
     */
    public record Access(String context, Optional<Path> kubeconfig) {
        public Access {
            Objects.requireNonNull(context, "context");
            Objects.requireNonNull(kubeconfig, "kubeconfig");
            if (context.isBlank()) {
                throw new IllegalArgumentException("kubeconfig context must not be blank");
            }
        }
    }

    private final Map<String, Access> access;
    private final Function<Access, KubernetesClient> factory;
    private final Map<String, KubernetesClient> clients = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /** @param access Kubernetes cluster name (the topology's kubeClusters name) to how to reach it */
    public KubeClients(Map<String, Access> access) {
        this(access, a -> new KubernetesClientBuilder().withConfig(config(a)).build());
    }

    KubeClients(Map<String, Access> access, Function<Access, KubernetesClient> factory) {
        this.access = Map.copyOf(access);
        this.factory = Objects.requireNonNull(factory, "factory");
    }

    /** From the topology's kubeClusters (context and optional kubeconfig path of each). */
    public static KubeClients of(Collection<KubeCluster> clusters) {
        Map<String, Access> access = new LinkedHashMap<>();
        for (KubeCluster k : clusters) {
            access.put(
                    k.name(),
                    new Access(
                            k.context(),
                            k.kubeconfig().filter(s -> !s.isBlank()).map(Path::of)));
        }
        return new KubeClients(access);
    }

    /** Clients built elsewhere (e.g. against a mock API server); they are closed with this object. */
    public static KubeClients ofClients(Map<String, KubernetesClient> prebuilt) {
        Map<String, Access> access = new LinkedHashMap<>();
        prebuilt.keySet().forEach(name -> access.put(name, new Access("prebuilt:" + name, Optional.empty())));
        Map<String, KubernetesClient> byContext = new LinkedHashMap<>();
        prebuilt.forEach((name, client) -> byContext.put("prebuilt:" + name, client));
        return new KubeClients(access, a -> byContext.get(a.context()));
    }

    /**
     * The client of one Kubernetes cluster, built on first use.
     *
     * @throws IllegalArgumentException when the name is not a known cluster, or its context is not in the kubeconfig
     */
    public KubernetesClient client(String kubeCluster) {
        if (closed) {
            throw new IllegalStateException("KubeClients is closed");
        }
        Access a = access.get(kubeCluster);
        if (a == null) {
            throw new IllegalArgumentException("unknown Kubernetes cluster '" + kubeCluster + "'; known: "
                    + String.join(", ", access.keySet().stream().sorted().toList()));
        }
        return clients.computeIfAbsent(kubeCluster, k -> factory.apply(a));
    }

    /** The kube contexts this object may reach, by cluster name (for messages). */
    public Map<String, Access> access() {
        return access;
    }

    /**
     * The fabric8 configuration of one cluster: the named context of the given kubeconfig file, or of the files the
     * default loading rules find.
     *
     * @throws IllegalArgumentException when the file is missing or the context is not in it
     */
    public static Config config(Access a) {
        Config config;
        String source;
        if (a.kubeconfig().isPresent()) {
            Path file = a.kubeconfig().get();
            if (!Files.isReadable(file)) {
                throw new IllegalArgumentException("kubeconfig " + file + " does not exist or is not readable");
            }
            config = Config.fromKubeconfig(a.context(), file.toFile());
            source = "kubeconfig " + file;
        } else {
            config = Config.autoConfigure(a.context());
            source = "the default kubeconfig ($KUBECONFIG or ~/.kube/config)";
        }
        // fabric8 silently falls back to current-context when the named one is missing: never let that happen.
        List<NamedContext> contexts = config.getContexts() == null ? List.of() : config.getContexts();
        NamedContext current = config.getCurrentContext();
        if (current == null || !a.context().equals(current.getName())) {
            throw new IllegalArgumentException("context '" + a.context() + "' is not in " + source + "; contexts: "
                    + (contexts.isEmpty()
                            ? "(none)"
                            : String.join(
                                    ", ",
                                    contexts.stream()
                                            .map(NamedContext::getName)
                                            .sorted()
                                            .toList())));
        }
        return config;
    }

    @Override
    public void close() {
        closed = true;
        RuntimeException failure = null;
        for (KubernetesClient c : clients.values()) {
            try {
                c.close();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        clients.clear();
        if (failure != null) {
            throw failure;
        }
    }
}
