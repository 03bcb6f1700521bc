package dev.mysqlcs.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import pulumirpc.EngineOuterClass.LogSeverity;

/**
 * The commands the Java language host runs, exactly as it runs them (pulumi/pulumi-java
 * {@code pkg/internal/executors/executor_maven.go}, {@code executor_jar.go}; {@code pkg/cmd/pulumi-language-java/main.go}
 * runs them in the program directory, the project root here, with {@code constructEnv}'s environment), in a fresh
 * clone whose local Maven repository holds none of this project's artifacts. The program runs against
 * {@link FakeEngine}, the engine's ResourceMonitor as a preview serves it.
 */
@Tag("slow")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LanguageHostIT {

    /** executor_maven.go PluginArgs. */
    static final List<String> MAVEN_PLUGIN_ARGS = List.of(
            "-Dorg.slf4j.simpleLogger.logFile=System.err",
            "--no-transfer-progress",
            "compile",
            "exec:java",
            "-DmainClass=com.pulumi.bootstrap.internal.Main",
            "-DmainArgs=packages");
    /** executor_maven.go RunArgs (the versions before 2025 drop the log-level property; the goals are the same). */
    static final List<String> MAVEN_RUN_ARGS =
            List.of("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "--no-transfer-progress", "compile", "exec:java");
    /** Pulumi.yaml's runtime.options.binary, as executor_jar.go passes it: {@code java -jar <binary>}. */
    static final String BINARY = "src/target/mysqlcs-stack.jar";

    static final String PULLED = "components/library/src/main/java/dev/mysqlcs/render/Pulled.java";
    /** What the program's class path declares: the Kubernetes SDK's plugin.json (the engine installs it ahead). */
    static final String PACKAGES = "[{\"resource\":true,\"name\":\"kubernetes\",\"version\":\"4.0.0\"}]";

    static Path work;
    static FreshClone clone;
    static FreshClone.EngineConfig config;
    static Set<String> planned;

    @BeforeAll
    static void freshClone() throws Exception {
        work = Files.createTempDirectory("language-host-it");
        clone = FreshClone.of(PlanFixture.repoRoot(), work);
        config = FreshClone.engineConfig(clone.dir(), "prod");
        planned = PlanFixture.planStack("prod").resources().stream()
                .map(r -> r.type() + "::" + r.name())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @AfterAll
    static void cleanUp() {
        if (work != null) {
            FreshClone.deleteTree(work);
        }
    }

    static String mvnw() {
        // fsys.LookPath(wd, "./mvnw") = exec.LookPath(filepath.Join(wd, "./mvnw")): the wrapper by absolute path.
        return clone.dir().resolve("mvnw").toString();
    }

    static List<String> command(String executable, List<String> args) {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(executable), args.stream())
                .toList();
    }

    @Test
    @Order(1)
    void pluginDiscoveryThroughMavenPrintsOnlyThePackagesJsonOnStdout() throws Exception {
        FreshClone.Run r = clone.run(command(mvnw(), MAVEN_PLUGIN_ARGS), Map.of());
        assertEquals(0, r.exit(), r.err());
        JsonArray packages = JsonParser.parseString(r.out()).getAsJsonArray();
        assertEquals(JsonParser.parseString(PACKAGES), packages, r.out());
        assertFalse(clone.repositoryHoldsProjectArtifacts());
    }

    @Test
    @Order(2)
    void programRunThroughMavenRegistersThePlannedResourcesWithTheEngine() throws Exception {
        try (FakeEngine engine = new FakeEngine(FreshClone.PROJECT, "prod")) {
            FreshClone.Run r = clone.run(
                    command(mvnw(), MAVEN_RUN_ARGS),
                    engine.languageHostEnvironment(clone.dir(), config.config(), config.secretKeys()));
            assertEquals(0, r.exit(), r.out() + r.err());
            assertRanThePlannedProgram(engine, r);
        }
        assertFalse(clone.repositoryHoldsProjectArtifacts());
    }

    @Test
    @Order(0)
    void pulumiYamlRunsThePrebuiltJar() throws Exception {
        Object project = new org.yaml.snakeyaml.Yaml(
                        new org.yaml.snakeyaml.constructor.SafeConstructor(new org.yaml.snakeyaml.LoaderOptions()))
                .load(Files.readString(clone.dir().resolve("Pulumi.yaml")));
        Map<?, ?> runtime = (Map<?, ?>) ((Map<?, ?>) project).get("runtime");
        assertEquals("java", runtime.get("name"));
        assertEquals(Map.of("binary", BINARY), runtime.get("options"));
    }

    @Test
    @Order(3)
    void readmeCommandOneBuildsTheJarThePrebuiltBinaryOptionRuns() throws Exception {
        FreshClone.Run plan = clone.run(List.of(clone.dir().resolve("plan").toString(), "prod"), Map.of());
        assertEquals(0, plan.exit(), plan.err());
        assertTrue(plan.err().contains("plan: building the project"), plan.err());
        assertTrue(plan.out().startsWith("Plan of stack 'prod': "), plan.out());
        assertTrue(Files.isRegularFile(clone.dir().resolve(BINARY)));
        assertFalse(clone.repositoryHoldsProjectArtifacts());
    }

    @Test
    @Order(4)
    void prebuiltJarRunRegistersTheSameResources() throws Exception {
        try (FakeEngine engine = new FakeEngine(FreshClone.PROJECT, "prod")) {
            // executor_jar.go RunArgs: java -jar <binary>, `java` from PATH.
            FreshClone.Run r = clone.run(
                    List.of("java", "-jar", BINARY),
                    engine.languageHostEnvironment(clone.dir(), config.config(), config.secretKeys()));
            assertEquals(0, r.exit(), r.out() + r.err());
            assertRanThePlannedProgram(engine, r);
        }
    }

    @Test
    @Order(5)
    void prebuiltJarPluginDiscoveryPrintsTheSamePackages() throws Exception {
        // executor_jar.go PluginArgs: java -cp <binary> com.pulumi.bootstrap.internal.Main packages.
        FreshClone.Run r =
                clone.run(List.of("java", "-cp", BINARY, "com.pulumi.bootstrap.internal.Main", "packages"), Map.of());
        assertEquals(0, r.exit(), r.err());
        assertEquals(JsonParser.parseString(PACKAGES), JsonParser.parseString(r.out()), r.out());
    }

    @Test
    @Order(6)
    void planRebuildsAfterAPullChangedASourceAndAfterAPullDeletedOne() throws Exception {
        String baseline = clone.run(List.of(clone.dir().resolve("plan").toString(), "prod"), Map.of())
                .out();

        Path source = clone.dir().resolve(PULLED);
        Files.writeString(
                source, "package dev.mysqlcs.render;\n\n/** Arrived with a pull. */\nfinal class Pulled {\n}\n");
        FreshClone.Run changed = clone.run(List.of(clone.dir().resolve("plan").toString(), "prod"), Map.of());
        assertEquals(0, changed.exit(), changed.err());
        assertTrue(changed.err().contains("plan: building the project"), changed.err());
        assertEquals(baseline, changed.out());
        assertTrue(Files.isRegularFile(
                clone.dir().resolve("components/library/target/classes/dev/mysqlcs/render/Pulled.class")));

        Files.delete(source);
        FreshClone.Run deleted = clone.run(List.of(clone.dir().resolve("plan").toString(), "prod"), Map.of());
        assertEquals(0, deleted.exit(), deleted.err());
        assertTrue(deleted.err().contains("plan: building the project"), deleted.err());
        assertEquals(baseline, deleted.out());
        assertFalse(
                Files.exists(clone.dir().resolve("components/library/target/classes/dev/mysqlcs/render/Pulled.class")),
                "the class of a deleted source is gone after the rebuild");

        FreshClone.Run again = clone.run(List.of(clone.dir().resolve("plan").toString(), "prod"), Map.of());
        assertFalse(again.err().contains("plan: building the project"), "nothing changed: no rebuild\n" + again.err());
        assertFalse(clone.repositoryHoldsProjectArtifacts());
    }

    @Test
    @Order(7)
    void prebuiltJarOlderThanASourceRebuildsItselfBeforeTheProgramRuns() throws Exception {
        Path jar = clone.dir().resolve(BINARY);
        Path source = clone.dir().resolve(PULLED);
        Files.writeString(
                source, "package dev.mysqlcs.render;\n\n/** Edited after the build. */\nfinal class Pulled {\n}\n");
        try (FakeEngine engine = new FakeEngine(FreshClone.PROJECT, "prod")) {
            FreshClone.Run r = clone.run(
                    List.of("java", "-jar", BINARY),
                    engine.languageHostEnvironment(clone.dir(), config.config(), config.secretKeys()));
            assertEquals(0, r.exit(), r.out() + r.err());
            assertTrue(
                    r.err().contains("mysqlcs: " + BINARY + " is older than " + PULLED + "; rebuilding it"), r.err());
            assertRanThePlannedProgram(engine, r);
        }
        assertTrue(Files.getLastModifiedTime(jar).compareTo(Files.getLastModifiedTime(source)) > 0);
        assertTrue(Files.isRegularFile(
                clone.dir().resolve("components/library/target/classes/dev/mysqlcs/render/Pulled.class")));
        try (FakeEngine engine = new FakeEngine(FreshClone.PROJECT, "prod")) {
            FreshClone.Run fresh = clone.run(
                    List.of("java", "-jar", BINARY),
                    engine.languageHostEnvironment(clone.dir(), config.config(), config.secretKeys()));
            assertEquals(0, fresh.exit(), fresh.err());
            assertFalse(fresh.err().contains("rebuilding"), fresh.err());
        }
        assertFalse(clone.repositoryHoldsProjectArtifacts());
    }

    /** The resources the offline plan of the same stack registers, each Kubernetes one through a pinned provider. */
    static void assertRanThePlannedProgram(FakeEngine engine, FreshClone.Run r) {
        Set<String> registered = engine.registrations().stream()
                .map(g -> g.type() + "::" + g.name())
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(planned, registered, r.err());
        List<FakeEngine.Log> errors = engine.logs().stream()
                .filter(l -> l.severity() == LogSeverity.ERROR)
                .toList();
        assertEquals(List.of(), errors);
        assertTrue(engine.stackOutputs().isPresent(), "the stack registered its outputs");
        assertTrue(engine.stackOutputs().get().containsFields("clusterSetName"));
        assertTrue(engine.firstContactNanos() > 0);
        KubernetesProviderPinTest.assertPinned(engine.registrations());
    }
}
