package dev.mysqlcs.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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
 *
 * <p>Builds in one checkout exclude each other: this program (two stacks previewed at once start it twice),
 * {@code ./plan} and the provider launcher {@code components/provider/bin/pulumi-resource-mysqlcs} (whose build
 * rewrites components/core too) each build only while holding the checkout's build lock, {@code target/build.lock}
 * under the project root, and check again whether a build is still needed once they hold it, so a second waiter does
 * not build again. The lock is a {@link FileChannel#lock()} (fcntl on Linux and macOS, LockFileEx on Windows; the
 * system drops it when its holder dies). The scripts take it through this file run as a single-file program
 * ({@link #main}: {@code java StaleJarGuard.java <root> <command...>}), the same lock on every OS; util-linux
 * {@code flock} would not do: flock(2) and fcntl locks do not see each other on Linux, and macOS has no flock command.
 * While a build runs, {@code target/build.running} exists: a check that sees it waits for the lock instead of
 * trusting a jar that may be half written; one left by a build that was killed makes the next holder rebuild.
 */
final class StaleJarGuard {

    /** The checkout's build lock and the marker of a build under way, relative to the project root. */
    static final String LOCK = "target/build.lock";

    static final String RUNNING = "target/build.running";

    /** Set for the command {@link #main} runs: it holds the lock (the scripts' "build only" mode). */
    static final String HOLDS_LOCK = "MYSQLCS_HOLDS_BUILD_LOCK";
    /** Set as well when the last holder's build did not finish (killed): build whatever the file times say. */
    static final String UNFINISHED = "MYSQLCS_BUILD_UNFINISHED";

    /** What {@code ./plan} watches, relative to the project root. */
    static final List<String> WATCHED = List.of(
            "components/core/src/main",
            "components/library/src/main",
            "src/main",
            "pom.xml",
            "components/pom.xml",
            "components/core/pom.xml",
            "components/library/pom.xml",
            "src/pom.xml");

    /** The build {@code ./plan} runs: the stack module and what it needs, in the reactor, no tests. */
    static final List<String> BUILD = List.of("-q", "-B", "-Dmaven.test.skip=true", "package", "-pl", "src", "-am");

    /** Set on the restarted program: its jar was just built. */
    static final String REBUILT = "mysqlcs.jarRebuilt";

    private StaleJarGuard() {}

    /** The project a jar at {@code <root>/src/target/<name>.jar} belongs to, if it is one. */
    static Optional<Path> projectOf(Path jar) {
        Path target = jar.getParent();
        if (target == null || !"target".equals(String.valueOf(target.getFileName()))) {
            return Optional.empty();
        }
        Path module = target.getParent();
        Path root = module == null ? null : module.getParent();
        if (root == null
                || !Files.isRegularFile(root.resolve("src/pom.xml"))
                || !Files.isRegularFile(root.resolve("mvnw"))) {
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

    /** What a holder of the build lock does; {@code unfinished}: the last holder's build was killed. */
    interface Locked<T> {
        T run(boolean unfinished) throws IOException, InterruptedException;
    }

    /** Whether a build is under way in the checkout (or one was killed). */
    static boolean buildRunning(Path root) {
        return Files.exists(root.resolve(RUNNING));
    }

    /**
     * Runs {@code work} while holding the checkout's build lock, waiting for it as long as another build holds it.
     * The marker {@link #RUNNING} exists while {@code work} runs; it stays only when {@code work} did not return
     * normally, or when its {@code finished} test says the build was interrupted.
     */
    static <T> T underBuildLock(Path root, Locked<T> work, java.util.function.Predicate<T> finished)
            throws IOException, InterruptedException {
        Path lock = root.resolve(LOCK);
        Path running = root.resolve(RUNNING);
        Files.createDirectories(lock.getParent());
        try (FileChannel channel = FileChannel.open(lock, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock held = channel.lock()) {
            boolean unfinished = Files.exists(running);
            Files.write(running, new byte[0]);
            T result = work.run(unfinished);
            if (finished.test(result)) {
                Files.deleteIfExists(running);
            }
            return result;
        }
    }

    /**
     * {@code java StaleJarGuard.java <project root> <command> [args...]}: runs the command while holding the
     * checkout's build lock, with {@link #HOLDS_LOCK} set (and {@link #UNFINISHED} when the last build was killed);
     * exits with its exit code. {@code ./plan} and the provider launchers run their "check again, build, write the
     * class-data archive" step this way, its stdout sent to stderr (their stdout is a plan or a port line).
     */
    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length < 2) {
            System.err.println("usage: java StaleJarGuard.java <project root> <command> [args...]");
            System.exit(2);
        }
        Path root = Path.of(args[0]).toAbsolutePath().normalize();
        List<String> command = List.of(args).subList(1, args.length);
        int exit = underBuildLock(
                root,
                unfinished -> {
                    ProcessBuilder pb = new ProcessBuilder(command)
                            .directory(root.toFile())
                            .redirectInput(ProcessBuilder.Redirect.INHERIT)
                            .redirectOutput(ProcessBuilder.Redirect.INHERIT)
                            .redirectError(ProcessBuilder.Redirect.INHERIT);
                    pb.environment().put(HOLDS_LOCK, "1");
                    if (unfinished) {
                        pb.environment().put(UNFINISHED, "1");
                    } else {
                        pb.environment().remove(UNFINISHED);
                    }
                    return pb.start().waitFor();
                },
                code -> code < 128); // 128 + signal: the build was killed
        System.exit(exit);
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
        if (!buildRunning(root.get()) && newerThan(jar.get(), root.get()).isEmpty()) {
            return Optional.empty();
        }
        // Stale, or being rebuilt by another process: either way the jar this JVM started from is replaced, so the
        // program runs again from the new one once the lock is free (a second waiter finds it current: no build).
        int built = underBuildLock(
                root.get(),
                unfinished -> {
                    Optional<Path> newer = newerThan(jar.get(), root.get());
                    if (newer.isEmpty() && !unfinished) {
                        return 0;
                    }
                    System.err.println("mysqlcs: " + root.get().relativize(jar.get()) + " is older than "
                            + newer.map(n -> root.get().relativize(n).toString())
                                    .orElse("a build that did not finish")
                            + "; rebuilding it (./mvnw " + String.join(" ", BUILD) + ")...");
                    List<String> build = new ArrayList<>();
                    build.add(root.get().resolve("mvnw").toString());
                    build.addAll(BUILD);
                    ProcessBuilder maven = new ProcessBuilder(build)
                            .directory(root.get().toFile())
                            .redirectErrorStream(true);
                    // The engine's variables (PULUMI_CONFIG holds the decrypted stack secrets) are the program's, not
                    // Maven's.
                    maven.environment().keySet().removeIf(k -> k.startsWith("PULUMI_"));
                    Process p = maven.start();
                    p.getInputStream().transferTo(System.err); // stdout stays the program's
                    return p.waitFor();
                },
                code -> code < 128);
        if (built != 0) {
            System.err.println("mysqlcs: the build failed (exit " + built + "); the program did not run");
            return Optional.of(built);
        }
        List<String> again = new ArrayList<>();
        again.add(ProcessHandle.current()
                .info()
                .command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        again.addAll(java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments());
        again.add("-D" + REBUILT + "=true"); // a file dated in the future must not make it rebuild forever
        again.add("-jar");
        again.add(jar.get().toString());
        return Optional.of(new ProcessBuilder(again).inheritIO().start().waitFor());
    }
}
