package dev.mysqlcs.stack.offline;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.pulumi.test.TestOptions;
import com.pulumi.test.internal.PulumiTestInternal;
import dev.mysqlcs.config.ConfigSource;
import dev.mysqlcs.config.InvalidConfigException;
import dev.mysqlcs.config.TopologyLoader;
import dev.mysqlcs.stack.JvmGuard;
import dev.mysqlcs.stack.Stack;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code ./plan <stack> | --config FILE [--json | --diff BASE]}: runs the real stack program under the Pulumi SDK's
 * mock engine with a stack's config and prints the resource tree, or what changed since BASE ({@link PlanDiff}).
 * Needs no Pulumi CLI, cluster, credentials or network. Exit 0: a valid plan (with {@code --diff}: no change);
 * 3: {@code --diff} found changes; 2: config errors (one {@code config error: <key>: <message>} line each on
 * stderr); 1: anything else.
 */
public final class Plan {

    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILED = 1;
    public static final int EXIT_CONFIG = 2;
    /** {@code --diff}: the plans differ. */
    public static final int EXIT_CHANGES = 3;

    /** What a plan shows: the resources as registered, the stack outputs, the warnings. */
    public record Result(
            String stack, List<RegisteredResource> resources, Map<String, Object> outputs, List<String> warnings) {

        public Optional<RegisteredResource> find(String type, String name) {
            return resources.stream()
                    .filter(r -> r.type().equals(type) && r.name().equals(name))
                    .findFirst();
        }

        public List<RegisteredResource> ofType(String type) {
            return resources.stream().filter(r -> r.type().equals(type)).toList();
        }
    }

    private static final com.google.gson.Gson JSON =
            new GsonBuilder().disableHtmlEscaping().serializeNulls().create();

    private Plan() {}

    public static void main(String[] args) {
        JvmGuard.apply();
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, Path.of(System.getProperty("mysqlcs.projectDir", ".")), out, err);
    }

    static int run(String[] args, Path projectRoot, PrintStream out, PrintStream err) {
        return run(args, projectRoot, System.getenv(), out, err);
    }

    /** Set to {@code 1}: an internal error also prints where it happened (the stack trace), for a bug report. */
    public static final String TRACE_ENV = "MYSQLCS_PLAN_TRACE";

    static int run(String[] args, Path projectRoot, Map<String, String> env, PrintStream out, PrintStream err) {
        String stack = null;
        Path configFile = null;
        boolean json = false;
        String diffBase = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--json" -> json = true;
                case "--diff" -> {
                    if (i + 1 >= args.length) {
                        err.println("usage: ./plan <stack> | --config FILE [--json | --diff BASE]");
                        return EXIT_FAILED;
                    }
                    diffBase = args[++i];
                }
                case "--config" -> {
                    if (i + 1 >= args.length) {
                        err.println("usage: ./plan <stack> | --config FILE [--json | --diff BASE]");
                        return EXIT_FAILED;
                    }
                    configFile = Path.of(args[++i]);
                }
                case "-h", "--help" -> {
                    out.println("usage: ./plan <stack> | --config FILE [--json | --diff BASE]");
                    out.println("Runs the stack program offline under the Pulumi SDK's mock engine and prints "
                            + "what the stack would register.");
                    out.println("--diff BASE: what changes from BASE (a git commit, a ./plan --json file or a stack "
                            + "file) to this plan; exit 0 no change, 3 changes, 2 config errors, 1 failure.");
                    return EXIT_OK;
                }
                default -> {
                    if (args[i].startsWith("-") || stack != null) {
                        err.println("unknown argument '" + args[i]
                                + "'; usage: ./plan <stack> | --config FILE [--json | --diff BASE]");
                        return EXIT_FAILED;
                    }
                    stack = args[i];
                }
            }
        }
        if (stack != null && !stack.matches("[A-Za-z0-9_.-]{1,100}") || stack != null && stack.matches("\\.+")) {
            // The Pulumi CLI's stack name rule; it also keeps the stack file inside the project directory.
            err.println("plan failed: '" + StackFile.cut(stack) + "' is not a stack name; allowed: letters, digits, "
                    + "'-', '_' and '.'");
            return EXIT_FAILED;
        }
        if (configFile != null && configFile.toString().isBlank()) {
            err.println("plan failed: --config names no file; allowed: a stack file such as Pulumi.prod.yaml");
            return EXIT_FAILED;
        }
        if (json && diffBase != null) {
            err.println("usage: ./plan <stack> | --config FILE [--json | --diff BASE]");
            return EXIT_FAILED;
        }
        Path projectDir = projectRoot.toAbsolutePath().normalize();
        String doing = "reading Pulumi.yaml";
        try {
            Project project = Project.read(projectDir);
            if (configFile == null) {
                if (stack == null) {
                    err.println("usage: ./plan <stack> | --config FILE [--json | --diff BASE]  (stacks here: "
                            + String.join(", ", project.stacks()) + ")");
                    return EXIT_FAILED;
                }
                configFile = projectDir.resolve("Pulumi." + stack + ".yaml");
                if (!Files.exists(configFile)) {
                    err.println("no stack file " + configFile.getFileName() + "; stacks here: "
                            + String.join(", ", project.stacks()));
                    return EXIT_FAILED;
                }
            } else if (stack == null) {
                stack = stackNameOf(configFile);
            }
            doing = "reading the stack file";
            StackFile read = StackFile.read(configFile, project.name());
            doing = "checking the stack config";
            // What the engine checks before it starts the program (pulumi preview: "validating stack config").
            List<dev.mysqlcs.config.ConfigError> engine =
                    EngineConfigRules.validateStack(stack, project.name(), project.declarations(), read.values());
            if (!engine.isEmpty()) {
                throw new InvalidConfigException(engine);
            }
            StackFile file = project.withDefaults(read);
            doing = "running the stack program";
            Result result = plan(project.name(), stack, file);
            result.warnings().forEach(w -> err.println("warning: " + w));
            if (diffBase != null) {
                doing = "comparing the plan with --diff " + StackFile.cut(diffBase);
                return diff(result, PlanBase.resolve(diffBase, projectDir, stack, configFile, err), out);
            }
            doing = "printing the plan";
            out.print(json ? toJson(result) : toTree(result));
            return EXIT_OK;
        } catch (InvalidConfigException e) {
            e.errors().forEach(x -> err.println(x.render()));
            return EXIT_CONFIG;
        } catch (java.nio.file.NoSuchFileException e) {
            err.println("plan failed: no such file: " + e.getFile());
            return EXIT_FAILED;
        } catch (IOException | IllegalArgumentException | PlanFailedException e) {
            err.println("plan failed: " + oneLine(e.getMessage()));
            return EXIT_FAILED;
        } catch (RuntimeException | StackOverflowError e) {
            err.println(internalError(configFile, doing, e, "1".equals(env.get(TRACE_ENV))));
            if ("1".equals(env.get(TRACE_ENV))) {
                e.printStackTrace(err);
            }
            return EXIT_FAILED;
        }
    }

    /**
     * The one line an internal error prints (a bug of this program, not of the config): the file, what the plan was
     * doing, the cause when the program gave one, and how to get the details for a report. No Java names: an
     * exception without a message, or with one the JVM wrote (a null dereference, a bad cast, an index out of range,
     * a stack overflow: they name classes and variables), says "no detail" instead, and class names inside other
     * messages are cut ({@link #oneLine}); the stack trace follows only with {@link #TRACE_ENV}{@code =1}.
     */
    static String internalError(Path configFile, String doing, Throwable e, boolean traced) {
        boolean jvmMessage = e instanceof NullPointerException
                || e instanceof ClassCastException
                || e instanceof IndexOutOfBoundsException
                || e instanceof ArithmeticException
                || e instanceof ArrayStoreException
                || e instanceof NegativeArraySizeException
                || e instanceof StackOverflowError;
        String cause = jvmMessage ? "" : oneLine(e.getMessage());
        return "plan failed: " + (configFile == null ? "" : configFile + ": ") + "internal error while " + doing
                + (cause.isEmpty() ? " (no detail)" : ": " + cause)
                + (traced
                        ? "; where it happened follows"
                        : "; rerun with " + TRACE_ENV + "=1 to print where it happened, and report that");
    }

    /** Prints what changes from BASE to this plan; exit 0 without changes, 3 with. */
    static int diff(Result result, PlanBase.Base base, PrintStream out) {
        PlanDiff.Result d;
        try {
            d = PlanDiff.diff(base.doc(), JsonParser.parseString(toJson(result)).getAsJsonObject());
        } catch (IllegalStateException | UnsupportedOperationException | ClassCastException e) {
            throw new IllegalArgumentException("--diff " + base.label() + ": not a ./plan --json document");
        }
        out.print(PlanDiff.render(d, base.label()));
        return d.changed() ? EXIT_CHANGES : EXIT_OK;
    }

    static String stackNameOf(Path file) {
        String n = file.getFileName().toString();
        if (n.startsWith("Pulumi.") && n.endsWith(".yaml")) {
            return n.substring("Pulumi.".length(), n.length() - ".yaml".length());
        }
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }

    /**
     * Validates the config exactly as the program does, then runs the program under mocks.
     *
     * @throws InvalidConfigException with every config error, before the program runs
     */
    public static Result plan(String project, String stack, StackFile file) {
        ConfigSource source = file.configSource(project);
        TopologyLoader.Loaded loaded = TopologyLoader.load(source, true);

        PlanMocks mocks = new PlanMocks();
        Logger quiet = Logger.getLogger("mysqlcs.plan");
        quiet.setUseParentHandlers(false);
        quiet.setLevel(Level.OFF);
        RecordingMonitor[] monitor = new RecordingMonitor[1];
        // The SDK keeps the deployment per thread: build, run and read the test on the one bounded thread.
        return bounded(() -> {
            var test = PulumiTestInternal.builder()
                    .options(TestOptions.builder()
                            .projectName(project)
                            .stackName(stack)
                            .preview(true)
                            .build())
                    .mocks(mocks)
                    .config(file.config(), file.secretKeys())
                    .standardLogger(quiet)
                    .monitorDecorator(m -> monitor[0] = new RecordingMonitor(mocks, PulumiTestInternal.mockLog(quiet)))
                    .build();
            try {
                var result = test.runTest(ctx -> Stack.define(ctx, file.secretKeys()::contains, true));
                if (!result.exceptions().isEmpty() || result.exitCode() != 0) {
                    // The SDK's errors carry the JVM command line ("Running program [PID: ..](java ...) failed"):
                    // only the causes reach the user.
                    List<String> why = new ArrayList<>();
                    result.exceptions().forEach(x -> why.add(rootMessage(x)));
                    if (why.isEmpty()) {
                        result.errors().stream()
                                .filter(e -> !e.startsWith("Running program"))
                                .forEach(e -> why.add(oneLine(e)));
                    }
                    throw new PlanFailedException("the program failed: " + String.join("; ", why));
                }
                Map<String, Object> outputs = new LinkedHashMap<>();
                new java.util.TreeMap<>(result.outputs()).forEach((k, v) -> {
                    var data = PulumiTestInternal.extractOutputData(v);
                    // A secret stack output must not reach the plan's text or JSON.
                    outputs.put(k, data.isSecret() ? StructJson.SECRET : data.getValueNullable());
                });
                List<RegisteredResource> resources = new ArrayList<>(monitor[0].registered());
                resources.sort(Comparator.comparing(RegisteredResource::urn));
                return new Result(stack, List.copyOf(resources), outputs, loaded.warnings());
            } finally {
                PulumiTestInternal.cleanup();
            }
        });
    }

    /** Longest an offline plan may take; an honest one takes about a second. */
    static final long PROGRAM_TIMEOUT_SECONDS = 120;

    /**
     * Runs the program with a bound: the SDK's test runner waits forever when a registration never resolves (a
     * resource with an empty name did so before the rules refused empty names), and ./plan must never hang.
     */
    private static <T> T bounded(java.util.concurrent.Callable<T> program) {
        return bounded(program, PROGRAM_TIMEOUT_SECONDS);
    }

    static <T> T bounded(java.util.concurrent.Callable<T> program, long seconds) {
        java.util.concurrent.ExecutorService runner = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "plan-program");
            t.setDaemon(true);
            return t;
        });
        try {
            return runner.submit(program).get(seconds, java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new PlanFailedException("the program did not finish within " + seconds
                    + " s (a registration never resolved); nothing was deployed");
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new PlanFailedException("the program failed: " + rootMessage(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlanFailedException("interrupted");
        } finally {
            runner.shutdownNow();
        }
    }

    private static String rootMessage(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return oneLine(c.getMessage() == null ? "no message" : c.getMessage());
    }

    /** A message as one line without Java class names, cut at 300 characters. */
    static String oneLine(String s) {
        String line = s == null ? "" : s.split("\\R", 2)[0];
        line = line.replaceAll("\\b(?:[a-z][a-z0-9_]*\\.)+[A-Z][A-Za-z0-9_$]*(?:Exception|Error)?:?\\s*", "")
                .trim();
        return line.length() > 300 ? line.substring(0, 299) + "…" : line;
    }

    /**
     * {@code {"stack", "warnings", "resources": [{"type", "name", "urn", "parent", "custom", "protect",
     * "retainOnDelete", "provider", "providers", "dependsOn", "inputs", "outputs"}], "outputs"}}, resources in tree
     * order; {@code parent} and {@code provider} are URNs (or null), {@code dependsOn} sorted URNs.
     */
    public static String toJson(Result r) {
        JsonObject doc = new JsonObject();
        doc.addProperty("stack", r.stack());
        JsonArray warnings = new JsonArray();
        r.warnings().forEach(warnings::add);
        doc.add("warnings", warnings);
        JsonArray resources = new JsonArray();
        for (RegisteredResource res : treeOrder(r.resources())) {
            JsonObject o = new JsonObject();
            o.addProperty("type", res.type());
            o.addProperty("name", res.name());
            o.addProperty("urn", res.urn());
            o.add("parent", res.parentUrn().<JsonElement>map(JsonPrimitive::new).orElse(JsonNull.INSTANCE));
            o.addProperty("custom", res.custom());
            o.addProperty("protect", res.protect());
            o.addProperty("retainOnDelete", res.retainOnDelete());
            o.add(
                    "provider",
                    res.provider().<JsonElement>map(JsonPrimitive::new).orElse(JsonNull.INSTANCE));
            JsonObject providers = new JsonObject();
            new java.util.TreeMap<>(res.providers()).forEach(providers::addProperty);
            o.add("providers", providers);
            JsonArray deps = new JsonArray();
            res.dependencies().forEach(deps::add);
            o.add("dependsOn", deps);
            o.add("inputs", res.inputs());
            o.add("outputs", res.outputs());
            resources.add(o);
        }
        doc.add("resources", resources);
        doc.add("outputs", JSON.toJsonTree(r.outputs()));
        return new GsonBuilder()
                        .setPrettyPrinting()
                        .disableHtmlEscaping()
                        .serializeNulls()
                        .create()
                        .toJson(doc) + "\n";
    }

    /** The tree's legend, under its first line. */
    static final String LEGEND = """
            #N: deployment wave: created after its parent, dependsOn and provider (all in lower waves); one wave \
            runs in parallel
            [protected]: the engine refuses to delete it; [retainOnDelete]: deleting it leaves the object in place
            """;

    public static String toTree(Result r) {
        StringBuilder sb = new StringBuilder();
        List<RegisteredResource> ordered = treeOrder(r.resources());
        sb.append("Plan of stack '")
                .append(r.stack())
                .append("': ")
                .append(ordered.size())
                .append(" resources (offline: no engine, cluster or credentials contacted)\n")
                .append(LEGEND)
                .append('\n');
        Map<String, List<RegisteredResource>> children = childrenByParent(r.resources());
        Map<String, Integer> waves = waves(r.resources());
        for (RegisteredResource root : roots(r.resources())) {
            tree(sb, root, children, waves, "", "", true);
        }
        if (!r.outputs().isEmpty()) {
            sb.append("\nOutputs:\n");
            r.outputs()
                    .forEach((k, v) -> sb.append("    ")
                            .append(k)
                            .append(": ")
                            .append(new GsonBuilder()
                                    .disableHtmlEscaping()
                                    .create()
                                    .toJson(v))
                            .append('\n'));
        }
        return sb.toString();
    }

    private static void tree(
            StringBuilder sb,
            RegisteredResource r,
            Map<String, List<RegisteredResource>> children,
            Map<String, Integer> waves,
            String prefix,
            String connector,
            boolean last) {
        sb.append(prefix)
                .append(connector)
                .append(r.type())
                .append("  ")
                .append(r.name())
                .append("  #")
                .append(waves.get(r.urn()));
        if (r.protect()) {
            sb.append(" [protected]");
        }
        if (r.retainOnDelete()) {
            sb.append(" [retainOnDelete]");
        }
        sb.append('\n');
        String childPrefix = prefix + (connector.isEmpty() ? "" : last ? "   " : "│  ");
        List<RegisteredResource> kids = children.getOrDefault(r.urn(), List.of());
        String inputIndent = childPrefix + (kids.isEmpty() ? "      " : "│     ");
        for (Map.Entry<String, String> in : flatten(r.inputs()).entrySet()) {
            sb.append(inputIndent)
                    .append(in.getKey())
                    .append(": ")
                    .append(in.getValue())
                    .append('\n');
        }
        for (int i = 0; i < kids.size(); i++) {
            boolean kidLast = i == kids.size() - 1;
            tree(sb, kids.get(i), children, waves, childPrefix, kidLast ? "└─ " : "├─ ", kidLast);
        }
    }

    /**
     * Each resource's deployment wave: 1 for a resource that waits for nothing, else one more than the highest wave
     * among what it waits for: its parent (the engine needs the parent's URN, which its registration returns once
     * the parent exists), its dependencies and its provider instance. Resources outside the plan (reads) count as
     * present.
     */
    static Map<String, Integer> waves(List<RegisteredResource> all) {
        Map<String, RegisteredResource> byUrn = new LinkedHashMap<>();
        all.forEach(r -> byUrn.put(r.urn(), r));
        Map<String, Integer> waves = new LinkedHashMap<>();
        for (RegisteredResource r : all) {
            wave(r, byUrn, waves, new java.util.HashSet<>());
        }
        return waves;
    }

    static List<String> waitsFor(RegisteredResource r) {
        List<String> w = new ArrayList<>();
        r.parentUrn().ifPresent(w::add);
        w.addAll(r.dependencies());
        r.provider().ifPresent(w::add);
        return w;
    }

    private static int wave(
            RegisteredResource r,
            Map<String, RegisteredResource> byUrn,
            Map<String, Integer> waves,
            java.util.Set<String> visiting) {
        Integer known = waves.get(r.urn());
        if (known != null) {
            return known;
        }
        if (!visiting.add(r.urn())) {
            throw new PlanFailedException("dependency cycle through " + r.urn());
        }
        int w = 1;
        for (String urn : waitsFor(r)) {
            RegisteredResource dep = byUrn.get(urn);
            if (dep != null) {
                w = Math.max(w, wave(dep, byUrn, waves, visiting) + 1);
            }
        }
        visiting.remove(r.urn());
        waves.put(r.urn(), w);
        return w;
    }

    /** Leaf inputs as dotted paths, long values shortened: the key inputs a reviewer scans. */
    static Map<String, String> flatten(JsonObject inputs) {
        Map<String, String> out = new LinkedHashMap<>();
        flatten("", inputs, out);
        return out;
    }

    private static void flatten(String path, JsonElement e, Map<String, String> out) {
        if (e.isJsonObject()) {
            if (e.getAsJsonObject().size() == 0 && !path.isEmpty()) {
                out.put(path, "{}");
            }
            e.getAsJsonObject()
                    .entrySet()
                    .forEach(
                            en -> flatten(path.isEmpty() ? en.getKey() : path + "." + en.getKey(), en.getValue(), out));
        } else if (e.isJsonArray()) {
            JsonArray a = e.getAsJsonArray();
            if (a.isEmpty()) {
                out.put(path, "[]");
            }
            for (int i = 0; i < a.size(); i++) {
                flatten(path + "[" + i + "]", a.get(i), out);
            }
        } else {
            String s = e.isJsonNull() ? "null" : e.getAsJsonPrimitive().isString() ? e.getAsString() : e.toString();
            s = s.replace("\n", "\\n");
            out.put(path, s.length() > 120 ? s.substring(0, 117) + "..." : s);
        }
    }

    static List<RegisteredResource> treeOrder(List<RegisteredResource> all) {
        Map<String, List<RegisteredResource>> children = childrenByParent(all);
        List<RegisteredResource> out = new ArrayList<>();
        for (RegisteredResource root : roots(all)) {
            walk(root, children, out);
        }
        return out;
    }

    private static void walk(
            RegisteredResource r, Map<String, List<RegisteredResource>> children, List<RegisteredResource> out) {
        out.add(r);
        children.getOrDefault(r.urn(), List.of()).forEach(c -> walk(c, children, out));
    }

    private static List<RegisteredResource> roots(List<RegisteredResource> all) {
        var urns = all.stream().map(RegisteredResource::urn).collect(java.util.stream.Collectors.toSet());
        return all.stream()
                .filter(r ->
                        r.parentUrn().isEmpty() || !urns.contains(r.parentUrn().get()))
                .sorted(Comparator.comparing(
                                (RegisteredResource r) -> r.parentUrn().isPresent())
                        .thenComparing(RegisteredResource::urn))
                .toList();
    }

    private static Map<String, List<RegisteredResource>> childrenByParent(List<RegisteredResource> all) {
        Map<String, List<RegisteredResource>> m = new LinkedHashMap<>();
        all.stream()
                .sorted(Comparator.comparing(RegisteredResource::type).thenComparing(RegisteredResource::name))
                .forEach(r -> r.parentUrn()
                        .ifPresent(p ->
                                m.computeIfAbsent(p, k -> new ArrayList<>()).add(r)));
        return m;
    }

    /** The program failed for a reason other than config. */
    static final class PlanFailedException extends RuntimeException {
        PlanFailedException(String message) {
            super(message);
        }
    }

    /** Pulumi.yaml: the project name, the stacks next to it, project-level config defaults. */
    record Project(
            String name,
            List<String> stacks,
            Map<String, Object> defaults,
            List<EngineConfigRules.Declaration> declarations) {

        static Project read(Path dir) throws IOException {
            Path file = dir.resolve("Pulumi.yaml");
            if (!Files.exists(file)) {
                throw new IOException("no Pulumi.yaml in " + dir + " (run ./plan from the project root)");
            }
            if (!(StackFile.readYaml(file) instanceof Map<?, ?> doc)
                    || !(doc.get("name") instanceof String name)
                    || name.isEmpty()) {
                throw new StackFile.Unreadable(
                        file.toString(), "project is missing a non-empty string 'name' " + "attribute");
            }
            List<EngineConfigRules.Declaration> declarations;
            try {
                declarations = EngineConfigRules.declarations(name, doc.get("config"));
            } catch (EngineConfigRules.ProjectError e) {
                throw new StackFile.Unreadable(file.toString(), e.getMessage());
            }
            Map<String, Object> defaults = new LinkedHashMap<>();
            if (doc.get("config") instanceof Map<?, ?> config) {
                config.forEach((k, v) -> {
                    if (v instanceof Map<?, ?> decl && decl.containsKey("default")) {
                        String key = String.valueOf(k);
                        defaults.put(key.contains(":") ? key : name + ":" + key, decl.get("default"));
                    }
                });
            }
            List<String> stacks = new ArrayList<>();
            try (var files = Files.list(dir)) {
                files.map(p -> p.getFileName().toString())
                        .filter(n -> n.startsWith("Pulumi.") && n.endsWith(".yaml") && !n.equals("Pulumi.yaml"))
                        .sorted()
                        .forEach(n -> stacks.add(stackNameOf(Path.of(n))));
            }
            return new Project(name, stacks, defaults, declarations);
        }

        /** Project-level defaults apply where the stack file is silent, as the engine does. */
        StackFile withDefaults(StackFile file) {
            Map<String, String> config = new LinkedHashMap<>();
            defaults.forEach((k, v) -> config.put(
                    k,
                    v instanceof Map || v instanceof List ? new com.google.gson.Gson().toJson(v) : String.valueOf(v)));
            config.putAll(file.config());
            return new StackFile(config, file.secretKeys());
        }
    }
}
