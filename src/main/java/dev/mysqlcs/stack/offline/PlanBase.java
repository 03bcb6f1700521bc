package dev.mysqlcs.stack.offline;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.mysqlcs.config.InvalidConfigException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The plan {@code ./plan --diff BASE} compares with: BASE is a file (a {@code ./plan --json} document, or a stack
 * file planned as this stack with this code) or a git commit (the same stack file at that commit).
 *
 * <p>For a commit the plan must come from that commit's code: when the code the plan runs (the sources and poms
 * {@code ./plan} builds from) is the same at BASE as in the working tree, BASE's stack file and Pulumi.yaml are
 * planned here, in this process; otherwise BASE is extracted ({@code git archive}) into a temporary directory and
 * its own {@code ./plan} builds and plans it there (minutes, not seconds).
 */
final class PlanBase {

    /** What {@code ./plan} builds from, relative to the project directory (as the script's rebuild check). */
    static final List<String> CODE_PATHS = List.of(
            "pom.xml",
            "components/pom.xml",
            "components/core/pom.xml",
            "components/core/src/main",
            "components/library/pom.xml",
            "components/library/src/main",
            "src/pom.xml",
            "src/main");

    static final long GIT_TIMEOUT_SECONDS = 120;
    static final long BUILD_TIMEOUT_SECONDS = 1800;

    record Base(String label, JsonObject doc) {}

    private PlanBase() {}

    /**
     * @param stack      the stack being planned (the base is planned as the same stack)
     * @param configFile this stack's file
     */
    static Base resolve(String base, Path projectDir, String stack, Path configFile, PrintStream err)
            throws IOException {
        Path file = Path.of(base);
        if (Files.isRegularFile(file)) {
            return fromFile(file, projectDir, stack);
        }
        if (Files.exists(file)) {
            throw new IOException("--diff " + base + ": not a regular file");
        }
        Path top = gitTopLevel(projectDir);
        if (top == null
                || git(top, "rev-parse", "--verify", "--quiet", base + "^{commit}")
                                .exit()
                        != 0) {
            throw new IOException(
                    "--diff " + base + ": neither a file nor a git commit of the repository in " + projectDir);
        }
        String sha = git(top, "rev-parse", "--short", base + "^{commit}").text().strip();
        String label = base + " (" + sha + ")";
        Path realProject = projectDir.toRealPath();
        Path realConfig = configFile.toAbsolutePath().normalize().toRealPath();
        if (!realConfig.startsWith(top)) {
            throw new IOException("--diff " + base + ": the stack file " + configFile + " is outside the git "
                    + "repository; compare with a file instead");
        }
        String projectRel = rel(top, realProject);
        if (sameCode(top, base, projectRel)) {
            return planAtCommit(top, base, label, projectRel, rel(top, realConfig), stack);
        }
        err.println("plan: the code differs between " + label + " and the working tree: building " + base
                + "'s ./plan in a temporary copy (minutes)...");
        return buildAndPlanAtCommit(top, base, label, projectRel, realProject, realConfig, stack);
    }

    static Base fromFile(Path file, Path projectDir, String stack) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        if (text.stripLeading().startsWith("{")) {
            try {
                return new Base(file.toString(), JsonParser.parseString(text).getAsJsonObject());
            } catch (JsonParseException | IllegalStateException e) {
                throw new IOException("--diff " + file + ": not a ./plan --json document (invalid JSON)");
            }
        }
        Plan.Project project = Plan.Project.read(projectDir);
        return new Base(file.toString(), plan(project, stack, file, file.toString()));
    }

    private static JsonObject plan(Plan.Project project, String stack, Path stackFile, String where)
            throws IOException {
        try {
            StackFile f = project.withDefaults(StackFile.read(stackFile, project.name()));
            return JsonParser.parseString(Plan.toJson(Plan.plan(project.name(), stack, f)))
                    .getAsJsonObject();
        } catch (InvalidConfigException e) {
            throw new Plan.PlanFailedException("the base plan (" + where + ") has config errors: "
                    + e.errors().get(0).render()
                    + (e.errors().size() > 1 ? " (and " + (e.errors().size() - 1) + " more)" : ""));
        }
    }

    static JsonObject empty(String stack) {
        JsonObject doc = new JsonObject();
        doc.addProperty("stack", stack);
        doc.add("warnings", new JsonArray());
        doc.add("resources", new JsonArray());
        doc.add("outputs", new JsonObject());
        return doc;
    }

    static boolean sameCode(Path top, String base, String projectRel) throws IOException {
        List<String> diff = new ArrayList<>(List.of("diff", "--quiet", base, "--"));
        List<String> untracked = new ArrayList<>(List.of("ls-files", "--others", "--exclude-standard", "--"));
        CODE_PATHS.forEach(p -> diff.add(projectRel + p));
        CODE_PATHS.forEach(p -> untracked.add(projectRel + p));
        Git d = git(top, diff.toArray(String[]::new));
        if (d.exit() > 1) {
            throw new IOException("git diff " + base + " failed: " + d.text().strip());
        }
        return d.exit() == 0
                && git(top, untracked.toArray(String[]::new)).text().isBlank();
    }

    /** Same code: BASE's Pulumi.yaml and stack file, planned here. */
    private static Base planAtCommit(
            Path top, String base, String label, String projectRel, String configRel, String stack) throws IOException {
        Path dir = Files.createTempDirectory("plan-base");
        try {
            Git project = git(top, "show", base + ":" + projectRel + "Pulumi.yaml");
            if (project.exit() != 0) {
                throw new IOException("--diff " + base + ": no " + projectRel + "Pulumi.yaml at " + label);
            }
            Files.writeString(dir.resolve("Pulumi.yaml"), project.text());
            Git stackFile = git(top, "show", base + ":" + configRel);
            if (stackFile.exit() != 0) {
                return new Base(label + ", where " + configRel + " does not exist", empty(stack));
            }
            Path f = dir.resolve(Path.of(configRel).getFileName().toString());
            Files.writeString(f, stackFile.text());
            return new Base(label, plan(Plan.Project.read(dir), stack, f, label));
        } finally {
            deleteTree(dir);
        }
    }

    /** Different code: BASE's own ./plan, built in a temporary copy of BASE. */
    private static Base buildAndPlanAtCommit(
            Path top, String base, String label, String projectRel, Path realProject, Path realConfig, String stack)
            throws IOException {
        Path dir = Files.createTempDirectory("plan-base");
        try {
            Path tar = dir.resolve("base.tar");
            Git archive = git(top, "archive", "--format=tar", "-o", tar.toString(), base);
            if (archive.exit() != 0) {
                throw new IOException(
                        "git archive " + base + " failed: " + archive.text().strip());
            }
            Path tree = Files.createDirectory(dir.resolve("tree"));
            run(tree, GIT_TIMEOUT_SECONDS, "tar", "-xf", tar.toString());
            Path baseProject =
                    tree.resolve(projectRel.isEmpty() ? "." : projectRel).normalize();
            Path script = baseProject.resolve("plan");
            if (!Files.isRegularFile(script)) {
                throw new IOException("--diff " + base + ": no ./plan at " + label);
            }
            Path baseConfig = tree.resolve(rel(top, realConfig));
            if (!Files.isRegularFile(baseConfig)) {
                return new Base(label + ", where " + rel(top, realConfig) + " does not exist", empty(stack));
            }
            List<String> command = new ArrayList<>(List.of("bash", script.toString(), stack));
            boolean named = realConfig.getParent().equals(realProject)
                    && realConfig.getFileName().toString().equals("Pulumi." + stack + ".yaml");
            if (!named) {
                command.addAll(List.of("--config", baseConfig.toString()));
            }
            command.add("--json");
            Proc p = run(baseProject, BUILD_TIMEOUT_SECONDS, command.toArray(String[]::new));
            if (p.exit() != 0) {
                List<String> why =
                        p.err().lines().filter(l -> !l.startsWith("warning: ")).toList();
                throw new Plan.PlanFailedException("the plan at " + label + " failed (exit " + p.exit() + "): "
                        + String.join(" | ", why.subList(Math.max(0, why.size() - 3), why.size())));
            }
            try {
                return new Base(label, JsonParser.parseString(p.out()).getAsJsonObject());
            } catch (JsonParseException | IllegalStateException e) {
                throw new Plan.PlanFailedException("the plan at " + label + " printed no JSON document");
            }
        } finally {
            deleteTree(dir);
        }
    }

    private static String rel(Path top, Path p) {
        String r = top.relativize(p).toString().replace('\\', '/');
        return r.isEmpty() || p.equals(top) ? "" : Files.isDirectory(p) ? r + "/" : r;
    }

    private static Path gitTopLevel(Path dir) throws IOException {
        Git g = git(dir, "rev-parse", "--show-toplevel");
        return g.exit() == 0 ? Path.of(g.text().strip()).toRealPath() : null;
    }

    record Git(int exit, String text) {}

    record Proc(int exit, String out, String err) {}

    private static Git git(Path dir, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("git", "-C", dir.toString()));
        command.addAll(List.of(args));
        Proc p = run(dir, GIT_TIMEOUT_SECONDS, command.toArray(String[]::new));
        return new Git(p.exit(), p.exit() == 0 ? p.out() : p.err());
    }

    private static Proc run(Path dir, long timeoutSeconds, String... command) throws IOException {
        Path out = Files.createTempFile("plan-base", ".out");
        Path errFile = Files.createTempFile("plan-base", ".err");
        try {
            Process p;
            try {
                p = new ProcessBuilder(command)
                        .directory(dir.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                        .redirectOutput(out.toFile())
                        .redirectError(errFile.toFile())
                        .start();
            } catch (IOException e) {
                throw new IOException("cannot run " + command[0] + ": " + e.getMessage());
            }
            try {
                if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                    p.descendants().forEach(ProcessHandle::destroy);
                    p.destroy();
                    throw new IOException(String.join(" ", command) + " did not finish in " + timeoutSeconds + " s");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                p.destroy();
                throw new IOException("interrupted");
            }
            return new Proc(
                    p.exitValue(),
                    Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(errFile, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(errFile);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
