package dev.mysqlcs.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Builds that start at the same time in one checkout (review doubt B-1: two stacks previewed at once, or the program
 * and the provider plugin together) run one after the other under the checkout's build lock, and the second finds
 * nothing left to build: two {@code ./plan prod} on a tree with no jar and again on one whose jar is stale, two
 * provider launchers whose jar is stale, and two runs of the prebuilt program jar whose jar is stale. In a
 * fresh clone with a private local repository ({@link FreshClone}), so no build touches this checkout's target/.
 */
@Tag("slow")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConcurrentBuildIT {

    static final String PLAN_BUILDS = "plan: building the project (first use or sources changed)...";
    static final String PROVIDER_BUILDS =
            "pulumi-resource-mysqlcs: building the provider (first use or sources changed)...";
    static final String PROGRAM_REBUILDS = "mysqlcs: src/target/mysqlcs-stack.jar is older than ";

    static Path work;
    static FreshClone clone;
    static String golden;

    @BeforeAll
    static void freshClone() throws Exception {
        work = Files.createTempDirectory("concurrent-build-it");
        clone = FreshClone.of(PlanFixture.repoRoot(), work);
        golden = Files.readString(PlanFixture.repoRoot().resolve("src/test/resources/plan/prod.txt"));
    }

    @AfterAll
    static void cleanUp() {
        if (work != null) {
            FreshClone.deleteTree(work);
        }
    }

    /** Starts the same command twice at once and waits for both. */
    static List<FreshClone.Run> twiceAtOnce(List<String> command, Map<String, String> env) {
        List<CompletableFuture<FreshClone.Run>> runs = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            runs.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return clone.run(command, env);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }));
        }
        return runs.stream().map(CompletableFuture::join).toList();
    }

    static long count(List<FreshClone.Run> runs, String line) {
        return runs.stream()
                .flatMap(r -> r.err().lines())
                .filter(l -> l.startsWith(line))
                .count();
    }

    static void touch(Path p) throws IOException {
        Files.setLastModifiedTime(p, FileTime.from(Instant.now().plusSeconds(2)));
    }

    static List<String> plan() {
        return List.of(clone.dir().resolve("plan").toString(), "prod");
    }

    static void assertBothPlannedOnceBuilt(List<FreshClone.Run> runs) {
        for (FreshClone.Run r : runs) {
            assertEquals(0, r.exit(), r.err());
            assertEquals(golden, r.out(), r.err());
        }
        assertEquals(
                1,
                count(runs, PLAN_BUILDS),
                runs.get(0).err() + "\n---\n" + runs.get(1).err());
        assertFalse(Files.exists(clone.dir().resolve(StaleJarGuard.RUNNING)), "the build finished");
        assertFalse(clone.repositoryHoldsProjectArtifacts());
    }

    @Test
    @Order(1)
    void twoPlansOnAFreshCloneBuildOnceAndPrintTheSamePlan() {
        assertBothPlannedOnceBuilt(twiceAtOnce(plan(), Map.of()));
    }

    @Test
    @Order(2)
    void twoPlansAfterASourceChangedRebuildOnceAndPrintTheSamePlan() throws Exception {
        Path jar = clone.dir().resolve("src/target/mysqlcs-stack.jar");
        Path source = clone.dir().resolve("components/library/src/main/java/dev/mysqlcs/InnoDbCluster.java");
        touch(source);
        assertBothPlannedOnceBuilt(twiceAtOnce(plan(), Map.of()));
        assertTrue(Files.getLastModifiedTime(jar).compareTo(Files.getLastModifiedTime(source)) > 0, "rebuilt");

        FreshClone.Run again = clone.run(plan(), Map.of());
        assertEquals(golden, again.out(), again.err());
        assertFalse(again.err().contains(PLAN_BUILDS), again.err());
    }

    @Test
    @Order(3)
    void aBuildThatWasKilledIsRedoneByTheNextPlan() throws Exception {
        // What a build killed half way leaves: the marker, and a jar newer than every source.
        Files.writeString(clone.dir().resolve(StaleJarGuard.RUNNING), "");
        FreshClone.Run r = clone.run(plan(), Map.of());
        assertEquals(0, r.exit(), r.err());
        assertEquals(golden, r.out());
        assertEquals(1, r.err().lines().filter(l -> l.startsWith(PLAN_BUILDS)).count(), r.err());
        assertFalse(Files.exists(clone.dir().resolve(StaleJarGuard.RUNNING)));
    }

    @Test
    @Order(4)
    void twoStaleProgramJarsRebuildOnceAndBothRunTheProgram() throws Exception {
        touch(clone.dir().resolve("src/main/java/dev/mysqlcs/stack/Stack.java"));
        FreshClone.EngineConfig config = FreshClone.engineConfig(clone.dir(), "prod");
        try (FakeEngine a = new FakeEngine(FreshClone.PROJECT, "prod");
                FakeEngine b = new FakeEngine(FreshClone.PROJECT, "prod")) {
            List<CompletableFuture<FreshClone.Run>> runs = new ArrayList<>();
            for (FakeEngine engine : List.of(a, b)) {
                Map<String, String> env =
                        engine.languageHostEnvironment(clone.dir(), config.config(), config.secretKeys());
                runs.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        return clone.run(List.of("java", "-jar", "src/target/mysqlcs-stack.jar"), env);
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException(e);
                    }
                }));
            }
            List<FreshClone.Run> done =
                    runs.stream().map(CompletableFuture::join).toList();
            for (FreshClone.Run r : done) {
                assertEquals(0, r.exit(), r.out() + r.err());
            }
            assertEquals(
                    1,
                    count(done, PROGRAM_REBUILDS),
                    done.get(0).err() + "\n---\n" + done.get(1).err());
            assertEquals(a.registrations().size(), b.registrations().size());
            assertTrue(a.stackOutputs().isPresent() && b.stackOutputs().isPresent(), "both programs ran to the end");
        }
        assertFalse(Files.exists(clone.dir().resolve(StaleJarGuard.RUNNING)));
    }

    @Test
    @Order(5)
    void twoProviderLaunchersAfterAProviderSourceChangedBuildOnceAndBothPrintTheirPort() throws Exception {
        Path launcher = clone.dir().resolve("components/provider/bin/pulumi-resource-mysqlcs");
        // The stack's build (-pl src -am) packages the provider too (a test-scope dependency of src): make it stale.
        touch(clone.dir().resolve("components/provider/src/main/java/dev/mysqlcs/provider/ProviderMain.java"));
        List<Process> launched = new ArrayList<>();
        List<Path> errs = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                Path err = work.resolve("launcher-" + i + ".err");
                errs.add(err);
                ProcessBuilder pb = new ProcessBuilder(launcher.toString())
                        .directory(clone.dir().toFile())
                        .redirectError(err.toFile());
                pb.environment().put("MAVEN_OPTS", "-Dmaven.repo.local=" + clone.repository());
                launched.add(pb.start());
            }
            List<CompletableFuture<String>> ports = launched.stream()
                    .map(p -> CompletableFuture.supplyAsync(() -> {
                        try (BufferedReader out =
                                new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                            return out.readLine();
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }))
                    .toList();
            for (CompletableFuture<String> port : ports) {
                String first = port.get(10, TimeUnit.MINUTES);
                assertTrue(first != null && first.matches("\\d+"), "first stdout line is the port: " + first);
            }
        } finally {
            for (Process p : launched) {
                p.destroy();
                assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the plugin exits on SIGTERM");
            }
        }
        long builds = 0;
        StringBuilder all = new StringBuilder();
        for (Path err : errs) {
            String e = Files.readString(err);
            all.append(e).append("\n---\n");
            builds += e.lines().filter(l -> l.startsWith(PROVIDER_BUILDS)).count();
        }
        assertEquals(1, builds, all.toString());
        try (Stream<Path> cds = Files.list(clone.dir().resolve("components/provider/target/cds"))) {
            List<String> names = cds.map(p -> p.getFileName().toString()).toList();
            assertEquals(1, names.size(), "one archive, no temporary file left: " + names);
            assertTrue(names.get(0).endsWith(".jsa"), names.toString());
        }
        assertFalse(Files.exists(clone.dir().resolve(StaleJarGuard.RUNNING)));
        assertFalse(clone.repositoryHoldsProjectArtifacts());
    }
}
