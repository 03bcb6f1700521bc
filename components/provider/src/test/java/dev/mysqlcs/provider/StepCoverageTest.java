package dev.mysqlcs.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mysqlcs.io.Credentials;
import dev.mysqlcs.io.InstanceProbes;
import dev.mysqlcs.io.MySqlShell;
import dev.mysqlcs.model.Topology;
import dev.mysqlcs.plan.ClusterSetPlanner;
import dev.mysqlcs.plan.ClusterSetStep;
import dev.mysqlcs.plan.FirstDeploy;
import dev.mysqlcs.plan.Intent;
import dev.mysqlcs.testing.ConfigFixtures;
import java.lang.reflect.Proxy;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Java 17 has no exhaustive switch over a sealed interface, so the Reconciler's step dispatch and the planner's
 * intent dispatch end in "no runner" / "no plan" at run time. This turns a missing branch into a build failure: every
 * permitted {@link ClusterSetStep} reaches its runner (its first I/O call fails on purpose, so nothing runs) and has
 * a description for the preview; every permitted {@link Intent} is asked for by a resource kind and planned.
 */
class StepCoverageTest {

    private final Topology t = ConfigFixtures.prod();

    /** Thrown by every I/O call: a step that gets this far has a runner. */
    static final class ReachedIo extends RuntimeException {
        ReachedIo() {
            super("reached I/O");
        }
    }

    @Test
    void everyStepHasARunnerAndADescription() {
        Cancellation cancelled = new Cancellation();
        cancelled.cancel(); // waits stop at their first check
        Backends noIo =
                new Backends(failing(MySqlShell.class), failing(InstanceProbes.class), failing(KubeActions.class));
        Reconciler reconciler = new Reconciler(
                t.clusterSet(),
                Set.copyOf(t.deploy()),
                noIo,
                new Credentials("root", "pw".toCharArray()),
                Set.of("prod", "dr"),
                new RecordingLog(),
                cancelled,
                Duration.ZERO);
        Intent intent = new Intent.EnsureMember("prd");
        var obs = FirstDeploy.observation(t.clusterSet(), Set.copyOf(t.deploy()), intent);
        List<String> missing = new ArrayList<>();
        for (Class<?> type : ClusterSetStep.class.getPermittedSubclasses()) {
            ClusterSetStep step = (ClusterSetStep) instance(type);
            String description = step.describe();
            assertTrue(
                    description != null && !description.isBlank() && !description.contains("null"),
                    type.getSimpleName() + " describes itself as: " + description);
            Throwable outcome = assertTimeoutPreemptively(
                    Duration.ofSeconds(20),
                    () -> {
                        try {
                            reconciler.run(step, obs, intent);
                            return null;
                        } catch (Throwable e) {
                            return e;
                        }
                    },
                    type.getSimpleName());
            if (outcome instanceof IllegalStateException e
                    && String.valueOf(e.getMessage()).startsWith("no runner")) {
                missing.add(type.getSimpleName());
            }
        }
        assertEquals(List.of(), missing, "steps without a runner in Reconciler.run");
        assertTrue(ClusterSetStep.class.getPermittedSubclasses().length >= 17);
    }

    @Test
    void everyIntentIsAskedForByAResourceKindAndPlanned() {
        Set<Class<?>> asked = new HashSet<>();
        ResourceInputs in =
                new ResourceInputs(t.clusterSet(), Set.copyOf(t.deploy()), "root", "pw", Optional.of("prd"));
        for (ResourceKind kind : ResourceKind.values()) {
            asked.add(kind.ensure(in).getClass());
            kind.delete(in).ifPresent(i -> asked.add(i.getClass()));
        }
        for (Class<?> type : Intent.class.getPermittedSubclasses()) {
            assertTrue(asked.contains(type), type.getSimpleName() + " is not asked for by any resource kind");
            Intent intent = (Intent) instance(type);
            var plan = ClusterSetPlanner.plan(
                    intent,
                    t.clusterSet(),
                    Set.copyOf(t.deploy()),
                    FirstDeploy.observation(t.clusterSet(), Set.copyOf(t.deploy()), intent));
            assertFalse(plan.describe().stream().anyMatch(String::isBlank), type.getSimpleName());
        }
    }

    /** A record with plausible values: member names of the prod topology, small numbers, empty lists. */
    private static Object instance(Class<?> type) {
        RecordComponent[] components = type.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            Class<?> c = components[i].getType();
            types[i] = c;
            values[i] = c == String.class
                    ? (components[i].getName().toLowerCase().contains("member") ? "prd" : "mycs")
                    : c == int.class
                            ? 1
                            : c == long.class ? 1L : c == boolean.class ? false : c == List.class ? List.of() : null;
        }
        try {
            return type.getDeclaredConstructor(types).newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("cannot build " + type.getSimpleName(), e);
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> T failing(Class<T> type) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return method.getName().equals("toString")
                        ? "no I/O"
                        : method.getName().equals("hashCode") ? System.identityHashCode(proxy) : proxy == args[0];
            }
            throw new ReachedIo();
        });
    }
}
