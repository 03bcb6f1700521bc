package dev.mysqlcs.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Pulumi.yaml runs the program as a prebuilt jar ({@code runtime.options.binary}: the Java language host starts
 * {@code java -jar src/target/mysqlcs-stack.jar}, pulumi-java executor_jar.go), which nothing rebuilds. So that a
 * {@code pulumi preview} after a {@code git pull} or an edit never runs the old program, the program checks its own
 * jar first, with {@code ./plan}'s rule: the jar is stale when a source, resource or pom of the modules on its class
 * path (components/core, components/library, src) is newer, directories included (a deleted or renamed file changes
 * its directory's time). A stale jar is rebuilt with the project's Maven wrapper and the program restarts from the new
 * jar; a fresh one (the normal case) costs a walk of those directories, a few milliseconds.
 *
 * <p>Nothing here loads a class from the jar or its lib/ once the build has started: the build rewrites them.
 */
final class StaleJarGuard {

    /** What {@code ./plan} watches, relative to the project root. */
    static final List<String> WATCHED = List.of("components/core/src/main", "components/library/src/main", "src/main",
            "pom.xml", "components/pom.xml", "components/core/pom.xml", "components/library/pom.xml", "src/pom.xml");

    /** The build {@code ./plan} runs: the stack module and what it needs, in the reactor, no tests. */
    static final List<String> BUILD = List.of("-q", "-B", "-Dmaven.test.skip=true", "package", "-pl", "src", "-am");

    /** Set on the restarted program: its jar was just built. */
    static final String REBUILT = "mysqlcs.jarRebuilt";

    private StaleJarGuard() {
    }

    /** The project a jar at {@code <root>/src/target/<name>.jar} belongs to, if it is one. */
    static Optional<Path> projectOf(Path jar) {
        Path target = jar.getParent();
        if (target == null || !"target".equals(String.valueOf(target.getFileName()))) {
            return Optional.empty();
        }
        Path module = target.getParent();
        Path root = module == null ? null : module.getParent();
        if (root == null || !Files.isRegularFile(root.resolve("src/pom.xml")) || !Files.isRegularFile(root.resolve("mvnw"))) {
            return Optional.empty();
        }
        return Optional.of(root);
    }

    /** The first watched file newer than the jar, else the first such directory (a file deleted or renamed in it). */
    static Optional<Path> newerThan(Path jar, Path root) {
        try {
            FileTime built = Files.getLastModifiedTime(jar);
            Path newerDirectory = null;
            for (String w : WATCHED) {
                Path p = root.resolve(w);
                if (!Files.exists(p)) {
                    continue;
                }
                try (Stream<Path> walk = Files.walk(p)) {
                    for (Path f : (Iterable<Path>) walk::iterator) {
                        if (Files.getLastModifiedTime(f).compareTo(built) <= 0) {
                            continue;
                        }
                        if (!Files.isDirectory(f)) {
                            return Optional.of(f);
                        }
                        if (newerDirectory == null) {
                            newerDirectory = f;
                        }
                    }
                }
            }
            return Optional.ofNullable(newerDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The jar this class was loaded from; empty when it runs from class directories (Maven's exec:java). */
    static Optional<Path> runningJar() {
        try {
            var source = StaleJarGuard.class.getProtectionDomain().getCodeSource();
            if (source == null) {
                return Optional.empty();
            }
            Path p = Path.of(source.getLocation().toURI());
            return Files.isRegularFile(p) && p.toString().endsWith(".jar") ? Optional.of(p) : Optional.empty();
        } catch (URISyntaxException | SecurityException e) {
            return Optional.empty();
        }
    }

    /**
     * Rebuilds a stale jar and runs the program again from it.
     *
     * @return the exit code of the restarted program, or empty when the jar is current (run the program here)
     */
    static Optional<Integer> rebuildIfStale() throws IOException, InterruptedException {
        if (Boolean.getBoolean(REBUILT)) {
            return Optional.empty();
        }
        Optional<Path> jar = runningJar();
        Optional<Path> root = jar.flatMap(StaleJarGuard::projectOf);
        if (root.isEmpty()) {
            return Optional.empty();
        }
        Optional<Path> newer = newerThan(jar.get(), root.get());
        if (newer.isEmpty()) {
            return Optional.empty();
        }
        System.err.println("mysqlcs: " + root.get().relativize(jar.get()) + " is older than "
                + root.get().relativize(newer.get()) + "; rebuilding it (./mvnw " + String.join(" ", BUILD) + ")...");
        List<String> build = new ArrayList<>();
        build.add(root.get().resolve("mvnw").toString());
        build.addAll(BUILD);
        ProcessBuilder maven = new ProcessBuilder(build).directory(root.get().toFile()).redirectErrorStream(true);
        // The engine's variables (PULUMI_CONFIG holds the decrypted stack secrets) are the program's, not Maven's.
        maven.environment().keySet().removeIf(k -> k.startsWith("PULUMI_"));
        Process p = maven.start();
        p.getInputStream().transferTo(System.err); // stdout stays the program's
        int built = p.waitFor();
        if (built != 0) {
            System.err.println("mysqlcs: the build failed (exit " + built + "); the program did not run");
            return Optional.of(built);
        }
        List<String> again = new ArrayList<>();
        again.add(ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin",
                "java").toString()));
        again.addAll(java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments());
        again.add("-D" + REBUILT + "=true"); // a file dated in the future must not make it rebuild forever
        again.add("-jar");
        again.add(jar.get().toString());
        return Optional.of(new ProcessBuilder(again).inheritIO().start().waitFor());
    }
}
