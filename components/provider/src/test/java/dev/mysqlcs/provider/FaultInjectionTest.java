package dev.mysqlcs.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.mysqlcs.fake.FakeGtids;
import dev.mysqlcs.fake.FakeWorld;
import dev.mysqlcs.model.Member;
import dev.mysqlcs.model.Topology;
import dev.mysqlcs.testing.ConfigFixtures;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.grpc.StatusRuntimeException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * A fault before and after every mutating step (mysqlsh and Kubernetes alike: the request never arrives, or it takes
 * effect and its answer is lost), then `pulumi up` again: the ClusterSet ends exactly as without the fault, and no
 * transaction or schema is lost.
 */
class FaultInjectionTest {

    static final int ATTEMPTS = 3;

    /** A run of `pulumi up`s (and world events) against one deployment. */
    record Scenario(String name, Consumer<Env> setup, List<Consumer<Env>> steps) {}

    /** One deployment: the harness and the engine state of both stacks. */
    static final class Env implements AutoCloseable {
        final ProviderHarness h = new ProviderHarness(ConfigFixtures.prod());
        final ProviderHarness.EngineStack prod = h.stack("prod");
        final ProviderHarness.EngineStack dr = h.stack("dr");
        String committedBeforeFaults = "";

        Env() {
            h.rolloutMillis = 20;
        }

        @Override
        public void close() {
            h.close();
        }
    }

    static Consumer<Env> up(String stack, Topology config) {
        return env -> (stack.equals("prod") ? env.prod : env.dr).up(config);
    }

    static List<Scenario> scenarios() {
        Topology prod = ConfigFixtures.prod();
        Topology dr = ConfigFixtures.dr();
        Consumer<Env> fresh = env -> {
            env.h.world.operatorCreates("prd").operatorCreates("dr");
            env.h.world.write("prd", "shop");
        };
        Consumer<Env> deployed = fresh.andThen(env -> {
            env.prod.up(prod);
            env.dr.up(dr);
            env.h.world.write("prd", "orders");
        });
        return List.of(
                new Scenario(
                        "create, join, switchover",
                        fresh,
                        List.of(
                                up("prod", prod),
                                up("dr", dr),
                                up("dr", DisasterRecoveryTest.dr("dr", 1, false)),
                                up("prod", DisasterRecoveryTest.prod("dr", 1, false)))),
                new Scenario(
                        "forced failover, fence, rejoin, failback",
                        deployed.andThen(env -> env.h.world.kubeDown("prod", true)),
                        List.of(
                                up("dr", DisasterRecoveryTest.dr("dr", 1, true)),
                                env -> env.h.world.kubeDown("prod", false),
                                up("prod", DisasterRecoveryTest.prod("dr", 1, false)),
                                up("prod", DisasterRecoveryTest.prod("prd", 2, false)))));
    }

    /** The outcome that must not depend on faults. */
    static Map<String, Object> fingerprint(Env env) {
        FakeWorld w = env.h.world;
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("domain", w.domainName());
        f.put("primary", w.clusterSetPrimary());
        f.put("members", w.clusterSetMembers());
        f.put("invalidated", w.invalidated());
        f.put("epoch", w.epoch());
        for (Member m : env.h.topology.clusterSet().members()) {
            f.put(m.name() + ".state", w.state(m.name()));
            f.put(m.name() + ".instances", w.instancesInMetadata(m.name()));
            for (int i = 0; i < m.instances(); i++) {
                f.put(m.name() + "-" + i + ".schemas", w.userSchemas(m.name(), i));
                f.put(m.name() + "-" + i + ".superReadOnly", w.superReadOnly(m.name(), i));
            }
            var kube = env.h.clients.get(m.kubeCluster());
            Deployment router = kube.apps()
                    .deployments()
                    .inNamespace(m.namespace())
                    .withName(m.name() + "-router")
                    .get();
            f.put(
                    m.name() + ".router",
                    router.getSpec().getTemplate().getMetadata().getAnnotations() == null
                            ? null
                            : router.getSpec()
                                    .getTemplate()
                                    .getMetadata()
                                    .getAnnotations()
                                    .get(Fabric8KubeActions.RESTARTED_FOR));
            f.put(
                    m.name() + ".joinRecord",
                    kube.configMaps()
                                    .inNamespace(m.namespace())
                                    .withName(m.name() + "-mysqlcs-clusterset")
                                    .get()
                            != null);
        }
        List<Map<String, String>> secrets = new ArrayList<>();
        for (Member m : env.h.topology.clusterSet().members()) {
            Map<String, String> data = new LinkedHashMap<>();
            for (String suffix : Fabric8KubeActions.SHARED_ACCOUNTS.keySet()) {
                Secret s = env.h
                        .clients
                        .get(m.kubeCluster())
                        .secrets()
                        .inNamespace(m.namespace())
                        .withName(m.name() + suffix)
                        .get();
                data.putAll(s.getData());
            }
            secrets.add(data);
        }
        f.put("secretsEqualOnEveryMember", secrets.stream().distinct().count() == 1);
        return f;
    }

    /** Runs the steps, each `pulumi up` retried (as a user would) after a failure. */
    static void run(Env env, Scenario s, List<String> failures) {
        for (Consumer<Env> step : s.steps()) {
            for (int attempt = 1; ; attempt++) {
                try {
                    step.accept(env);
                    break;
                } catch (StatusRuntimeException e) {
                    failures.add(e.getStatus().getCode() + ": " + e.getStatus().getDescription());
                    if (attempt == ATTEMPTS) {
                        fail("`pulumi up` still fails after " + ATTEMPTS + " attempts: " + failures);
                    }
                }
            }
        }
    }

    @TestFactory
    Stream<DynamicTest> aFaultBeforeOrAfterEveryStepThenARerunConvergesWithNothingLost() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Scenario s : scenarios()) {
            Map<String, Object> expected;
            List<String> mutations;
            try (Env clean = new Env()) {
                s.setup().accept(clean);
                long start = clean.h.world.mutationCount();
                int done = clean.h.world.mutations().size();
                List<String> failures = new ArrayList<>();
                run(clean, s, failures);
                assertEquals(List.of(), failures, "the clean run of '" + s.name() + "' fails");
                expected = fingerprint(clean);
                mutations = clean.h
                        .world
                        .mutations()
                        .subList(done, clean.h.world.mutations().size());
                assertEquals(
                        mutations.size(),
                        clean.h.world.mutationCount() - start,
                        "every mutation attempt of a clean run succeeds");
            }
            for (int k = 1; k <= mutations.size(); k++) {
                for (FakeWorld.Phase phase : FakeWorld.Phase.values()) {
                    int n = k;
                    String name = s.name() + ": fault " + phase + " step " + k + " (" + mutations.get(k - 1) + ")";
                    tests.add(DynamicTest.dynamicTest(name, () -> {
                        try (Env env = new Env()) {
                            s.setup().accept(env);
                            String primaryBefore = env.h.world.gtids(
                                    env.h.world.clusterSetPrimary().orElse("prd"), 0);
                            env.h.world.failAt(n, phase);
                            List<String> failures = new ArrayList<>();
                            run(env, s, failures);
                            assertTrue(!failures.isEmpty(), "the injected fault surfaced as a failed `pulumi up`");
                            assertEquals(expected, fingerprint(env), "converged to the fault-free outcome");
                            String finalPrimary =
                                    env.h.world.clusterSetPrimary().orElseThrow();
                            assertTrue(
                                    FakeGtids.subset(primaryBefore, env.h.world.gtids(finalPrimary, 0)),
                                    "no transaction committed before the faults is lost");
                            for (String m : env.h.world.clusterSetMembers()) {
                                assertTrue(
                                        env.h.world.userSchemas(m, 0).containsAll(List.of("shop")), m + " lost data");
                            }
                            assertEquals(List.of(), env.h.lockViolations);
                            assertEquals(0, env.h.probes.openProbes());
                        }
                    }));
                }
            }
        }
        return tests.stream();
    }
}
