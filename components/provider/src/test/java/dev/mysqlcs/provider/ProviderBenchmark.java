package dev.mysqlcs.provider;

import dev.mysqlcs.plan.Intent;
import dev.mysqlcs.testing.ConfigFixtures;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Prints the provider's figures (never asserted in tests; timings depend on the machine):
 * <ul>
 *   <li>cold start of {@code components/provider/bin/pulumi-resource-mysqlcs} until its port line (target 0.5 s), with the
 *       AppCDS archive and, for comparison, without it;</li>
 *   <li>how long after a state change a wait notices it (target 2 s): the bare poll loop, a router rollout on the
 *       mock API server, and the whole observe / plan loop waiting for an InnoDBCluster to come ONLINE.</li>
 * </ul>
 * Run: {@code components/provider/bench/provider-benchmark.sh}.
 */
public final class ProviderBenchmark {

    static final int RUNS = 10;

    private ProviderBenchmark() {}

    public static void main(String[] args) throws Exception {
        java.util.logging.Logger.getLogger("io.fabric8.mockwebserver").setLevel(java.util.logging.Level.WARNING);
        java.util.logging.Logger.getLogger("io.fabric8.mockwebserver.MockWebServer")
                .setLevel(java.util.logging.Level.WARNING);
        Path root = ConfigFixtures.repoRoot();
        Path launcher = root.resolve("components/provider/bin/pulumi-resource-mysqlcs");
        startTime(List.of(launcher.toString()), 1); // builds and trains the CDS archive if needed
        report(
                "cold start to port line, launcher with AppCDS (target <= 500 ms)",
                startTime(List.of(launcher.toString()), RUNS));
        // The launcher's class path: the provider jar alone (its manifest lists the exact target/lib jars).
        String cp;
        try (var jars = java.nio.file.Files.list(root.resolve("components/provider/target"))) {
            cp = jars.map(Path::toString)
                    .filter(n -> n.matches(".*/mysqlcs-provider-[^/]*\\.jar") && !n.endsWith("-tests.jar"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException(
                            "no components/provider/target/mysqlcs-provider-*.jar: the launcher run above builds it"));
        }
        report(
                "cold start to port line, same JVM flags, no CDS archive",
                startTime(
                        List.of(
                                "java",
                                "-Djava.util.concurrent.ForkJoinPool.common.parallelism=4",
                                "-XX:+UseSerialGC",
                                "-XX:TieredStopAtLevel=1",
                                "-Xshare:auto",
                                "-cp",
                                cp,
                                ProviderMain.class.getName()),
                        RUNS));

        report("poll loop: change noticed after (target <= 2000 ms)", pollLag());
        report("router rollout wait on the mock API server: rollout noticed after", rolloutLag());
        report("observe/plan loop: InnoDBCluster ONLINE noticed (createClusterSet issued) after", reconcileLag());
    }

    static List<Long> startTime(List<String> command, int runs) throws Exception {
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            Process p = new ProcessBuilder(command)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            String line =
                    new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).readLine();
            long ms = (System.nanoTime() - t0) / 1_000_000;
            p.destroy();
            p.waitFor();
            if (line == null || !line.matches("\\d+")) {
                throw new IllegalStateException("no port line from " + command + ": " + line);
            }
            out.add(ms);
        }
        return out;
    }

    static List<Long> pollLag() {
        Random r = new Random(42);
        List<Long> out = new ArrayList<>();
        ProgressLog quiet = quiet();
        for (int i = 0; i < RUNS; i++) {
            long changeAt = System.nanoTime() + (500 + r.nextInt(2500)) * 1_000_000L;
            long seen = Poll.until(
                    "a change",
                    Duration.ofSeconds(30),
                    () -> System.nanoTime() >= changeAt ? Optional.of(System.nanoTime()) : Optional.empty(),
                    quiet,
                    new Cancellation());
            out.add((seen - changeAt) / 1_000_000);
        }
        return out;
    }

    static List<Long> rolloutLag() throws Exception {
        KubernetesMockServer server = new KubernetesMockServer(
                new Context(), new MockWebServer(), new HashMap<>(), new KubernetesCrudDispatcher(), false);
        server.init();
        KubernetesClient client = server.createClient();
        var t = ConfigFixtures.prod();
        var m = t.clusterSet().primaryMember();
        Fabric8KubeActions kube = new Fabric8KubeActions(name -> client);
        Random r = new Random(7);
        List<Long> out = new ArrayList<>();
        try {
            for (int i = 0; i < RUNS; i++) {
                client.apps()
                        .deployments()
                        .inNamespace(m.namespace())
                        .withName("prd-router")
                        .delete();
                client.apps()
                        .deployments()
                        .inNamespace(m.namespace())
                        .resource(new DeploymentBuilder()
                                .withNewMetadata()
                                .withName("prd-router")
                                .withGeneration(1L)
                                .endMetadata()
                                .withNewSpec()
                                .withReplicas(1)
                                .withNewTemplate()
                                .withNewMetadata()
                                .endMetadata()
                                .endTemplate()
                                .endSpec()
                                .withNewStatus()
                                .withObservedGeneration(1L)
                                .withReplicas(1)
                                .withUpdatedReplicas(1)
                                .withAvailableReplicas(1)
                                .endStatus()
                                .build())
                        .create();
                int delay = 500 + r.nextInt(2500);
                AtomicLong rolledOutAt = new AtomicLong();
                Thread controller = new Thread(() -> {
                    try {
                        while (client.apps()
                                        .deployments()
                                        .inNamespace(m.namespace())
                                        .withName("prd-router")
                                        .get()
                                        .getMetadata()
                                        .getGeneration()
                                < 2) {
                            Thread.sleep(5);
                        }
                        Thread.sleep(delay);
                        client.apps()
                                .deployments()
                                .inNamespace(m.namespace())
                                .withName("prd-router")
                                .editStatus(d -> {
                                    d.getStatus()
                                            .setObservedGeneration(
                                                    d.getMetadata().getGeneration());
                                    return d;
                                });
                        rolledOutAt.set(System.nanoTime());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
                controller.start();
                kube.restartRouter(m, "mycs", Duration.ofSeconds(30), quiet(), new Cancellation());
                long returned = System.nanoTime();
                controller.join();
                out.add((returned - rolledOutAt.get()) / 1_000_000);
            }
        } finally {
            client.close();
            server.destroy();
        }
        return out;
    }

    static List<Long> reconcileLag() throws Exception {
        Random r = new Random(3);
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            try (ProviderHarness h = new ProviderHarness(ConfigFixtures.prod())) {
                h.world.operatorStarting("prd");
                var t = h.topology;
                Reconciler rec = new Reconciler(
                        t.clusterSet(),
                        java.util.Set.copyOf(t.deploy()),
                        h.backends,
                        new dev.mysqlcs.io.Credentials("root", ProviderHarness.PASSWORD.toCharArray()),
                        java.util.Set.of("prod", "dr"),
                        quiet(),
                        new Cancellation(),
                        Duration.ZERO);
                int delay = 500 + r.nextInt(2500);
                AtomicLong onlineAt = new AtomicLong();
                Thread operator = new Thread(() -> {
                    try {
                        Thread.sleep(delay);
                        synchronized (h.world) {
                            h.world.operatorCreates("prd");
                            onlineAt.set(System.nanoTime());
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
                operator.start();
                rec.converge(new Intent.EnsureClusterSet());
                operator.join();
                // From the cluster coming ONLINE to the first mutation (createClusterSet) reaching the exec layer.
                out.add((h.mutationTimes.get(0) - onlineAt.get()) / 1_000_000);
            }
        }
        return out;
    }

    static ProgressLog quiet() {
        return new ProgressLog() {
            @Override
            public void info(String message) {}

            @Override
            public void warn(String message) {}
        };
    }

    static void report(String what, List<Long> ms) {
        List<Long> s = new ArrayList<>(ms);
        Collections.sort(s);
        System.out.printf(
                "%-90s min %5d ms  median %5d ms  max %5d ms  (n=%d)%n",
                what, s.get(0), s.get(s.size() / 2), s.get(s.size() - 1), s.size());
    }
}
