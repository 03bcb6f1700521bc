package dev.mysqlcs.stack;

import com.google.gson.Gson;
import dev.mysqlcs.pki.MeshCa;
import dev.mysqlcs.stack.offline.StackFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * A copy of the repository as a new user has it right after {@code git clone}: the files git knows (tracked, plus new
 * files not ignored), no {@code target/}, nothing beside it; and a private local Maven repository with every
 * third-party artifact of the caller's one and none of this project's ({@code dev/mysqlcs}). Commands run in it with
 * {@code MAVEN_OPTS=-Dmaven.repo.local=<that repository>}, so every Maven they start (the first-use builds too) uses it.
 */
public final class FreshClone {

    public static final String PROJECT = "mysqlcs";

    /** A finished process: exit code, stdout, stderr, wall time. */
    public record Run(int exit, String out, String err, long millis) {}

    private final Path dir;
    private final Path repository;

    private FreshClone(Path dir, Path repository) {
        this.dir = dir;
        this.repository = repository;
    }

    public Path dir() {
        return dir;
    }

    public Path repository() {
        return repository;
    }

    public static FreshClone of(Path sourceTree, Path workDir) throws IOException, InterruptedException {
        Path clone = workDir.resolve("clone");
        Path repo = workDir.resolve("m2");
        copyTree(sourceTree, clone);
        seedRepository(callersRepository(), repo);
        return new FreshClone(clone, repo);
    }

    /** The local repository the calling build uses: {@code -Dmaven.repo.local} in MAVEN_OPTS, else ~/.m2/repository. */
    static Path callersRepository() {
        String opts = System.getenv().getOrDefault("MAVEN_OPTS", "");
        Matcher m = Pattern.compile("-Dmaven\\.repo\\.local=(\\S+)").matcher(opts);
        if (m.find()) {
            return Path.of(m.group(1));
        }
        return Path.of(System.getProperty("user.home"), ".m2", "repository");
    }

    static void copyTree(Path source, Path target) throws IOException, InterruptedException {
        for (String relative : gitFiles(source)) {
            Path from = source.resolve(relative);
            if (!Files.isRegularFile(from)) {
                continue; // deleted in the work tree, or a submodule
            }
            Path to = target.resolve(relative);
            Files.createDirectories(to.getParent());
            Files.copy(from, to, StandardCopyOption.COPY_ATTRIBUTES);
        }
    }

    /** Tracked files and new ones git does not ignore: what a commit of the work tree would hold. */
    static List<String> gitFiles(Path source) throws IOException, InterruptedException {
        Path out = Files.createTempFile("git-ls-files", ".txt");
        try {
            Process p = new ProcessBuilder("git", "ls-files", "-z", "--cached", "--others", "--exclude-standard")
                    .directory(source.toFile())
                    .redirectOutput(out.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(
                        "git ls-files failed in " + source + " (the fresh clone is made of the files git knows)");
            }
            List<String> files = new ArrayList<>();
            for (String f : Files.readString(out, StandardCharsets.UTF_8).split("\0")) {
                if (!f.isEmpty()) {
                    files.add(f);
                }
            }
            return files;
        } finally {
            Files.deleteIfExists(out);
        }
    }

    /** Hard links of jars and poms (never rewritten), copies of the metadata Maven rewrites in place. */
    static void seedRepository(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        if (!Files.isDirectory(from)) {
            return;
        }
        Path own = from.resolve("dev").resolve("mysqlcs");
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                if (f.startsWith(own)) {
                    continue;
                }
                Path target = to.resolve(from.relativize(f).toString());
                Files.createDirectories(target.getParent());
                String name = f.getFileName().toString();
                try {
                    if (name.endsWith(".jar") || name.endsWith(".pom")) {
                        Files.createLink(target, f);
                    } else {
                        Files.copy(f, target);
                    }
                } catch (FileAlreadyExistsException e) {
                    // seeded already
                } catch (UnsupportedOperationException | IOException e) {
                    Files.copy(f, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    /** Whether a build put this project's artifacts into the private repository (it must never). */
    public boolean repositoryHoldsProjectArtifacts() {
        return Files.exists(repository.resolve("dev").resolve("mysqlcs"));
    }

    /** Runs a command in the clone, with the private repository and the extra environment; 10 minutes at most. */
    public Run run(List<String> command, Map<String, String> extraEnv) throws IOException, InterruptedException {
        Path out = Files.createTempFile("fresh-clone", ".out");
        Path err = Files.createTempFile("fresh-clone", ".err");
        try {
            ProcessBuilder pb = new ProcessBuilder(command)
                    .directory(dir.toFile())
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile());
            pb.environment().put("MAVEN_OPTS", "-Dmaven.repo.local=" + repository);
            pb.environment().putAll(extraEnv);
            long start = System.nanoTime();
            Process p = pb.start();
            if (!p.waitFor(10, TimeUnit.MINUTES)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                throw new IllegalStateException(command + " did not finish in 10 minutes");
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            return new Run(
                    p.exitValue(),
                    Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8),
                    millis);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /**
     * The config the engine hands the program for a stack (pulumi/pulumi pkg/workspace/config.go mergeConfig): the
     * stack file's values, then the defaults {@code Pulumi.yaml} declares for keys the stack does not set; plus the
     * secrets README tells a user to set (root password, mesh CA), which the engine passes decrypted.
     */
    public static EngineConfig engineConfig(Path projectDir, String stack) throws IOException {
        StackFile file = StackFile.read(projectDir.resolve("Pulumi." + stack + ".yaml"), PROJECT);
        Map<String, String> config = new LinkedHashMap<>(file.config());
        Object project = new Yaml(new SafeConstructor(new LoaderOptions()))
                .load(Files.readString(projectDir.resolve("Pulumi.yaml")));
        Object declared = ((Map<?, ?>) project).get("config");
        if (declared instanceof Map<?, ?> keys) {
            keys.forEach((k, v) -> {
                if (v instanceof Map<?, ?> spec && spec.containsKey("default")) {
                    Object d = spec.get("default");
                    config.putIfAbsent(
                            String.valueOf(k),
                            d instanceof Map || d instanceof List ? new Gson().toJson(d) : String.valueOf(d));
                }
            });
        }
        MeshCa.Generated ca = MeshCa.generate("fresh-clone test CA");
        config.put(PROJECT + ":rootPassword", "not-a-real-password-" + System.nanoTime());
        config.put(PROJECT + ":meshCaCert", ca.certificatePem());
        config.put(PROJECT + ":meshCaKey", ca.privateKeyPem());
        Set<String> secrets = new LinkedHashSet<>(file.secretKeys());
        secrets.add(PROJECT + ":rootPassword");
        secrets.add(PROJECT + ":meshCaKey");
        return new EngineConfig(config, secrets);
    }

    /** PULUMI_CONFIG's map and PULUMI_CONFIG_SECRET_KEYS' list. */
    public record EngineConfig(Map<String, String> config, Set<String> secretKeys) {}

    public static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
