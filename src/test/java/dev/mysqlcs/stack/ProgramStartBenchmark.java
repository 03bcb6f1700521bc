package dev.mysqlcs.stack;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Prints how long the stack program takes to start through the Java language host's two ways of running it, in one
 * run on one tree (never asserted: timings depend on the machine): the Maven path ({@code mvnw ... compile exec:java},
 * executor_maven.go) and the prebuilt jar ({@code java -jar src/target/mysqlcs-stack.jar}, executor_jar.go), each
 * against {@link FakeEngine}; "first contact" is the program's first call to the engine, "done" its exit.
 * Run: {@code src/bench/first-contact.sh} (it passes a built tree).
 *
 * <p>Arguments: {@code <project dir> [stack] [runs]}.
 */
public final class ProgramStartBenchmark {

    private ProgramStartBenchmark() {}

    record Timing(long firstContactMillis, long doneMillis) {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]).toAbsolutePath();
        String stack = args.length > 1 ? args[1] : "prod";
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        FreshClone.EngineConfig config = FreshClone.engineConfig(dir, stack);
        List<String> maven = new ArrayList<>(List.of(dir.resolve("mvnw").toString()));
        maven.addAll(LanguageHostIT.MAVEN_RUN_ARGS);
        List<String> jar = List.of("java", "-jar", LanguageHostIT.BINARY);

        List<Timing> viaMaven = new ArrayList<>();
        List<Timing> viaJar = new ArrayList<>();
        for (int i = 0; i < runs; i++) { // interleaved, so that a change of machine load hits both alike
            viaMaven.add(time(dir, stack, maven, config));
            viaJar.add(time(dir, stack, jar, config));
        }
        Timing m = median(viaMaven);
        Timing j = median(viaJar);
        System.out.printf("program start, stack %s, median of %d runs each, interleaved:%n", stack, runs);
        System.out.printf(
                "  Maven path (mvnw compile exec:java): first engine contact %6d ms, done %6d ms%n",
                m.firstContactMillis(), m.doneMillis());
        System.out.printf(
                "  prebuilt jar (java -jar):            first engine contact %6d ms, done %6d ms%n",
                j.firstContactMillis(), j.doneMillis());
        System.out.printf(
                "  ratio Maven / jar: first contact %.1fx, done %.1fx%n",
                (double) m.firstContactMillis() / j.firstContactMillis(), (double) m.doneMillis() / j.doneMillis());
    }

    static Timing time(Path dir, String stack, List<String> command, FreshClone.EngineConfig config) throws Exception {
        try (FakeEngine engine = new FakeEngine(FreshClone.PROJECT, stack)) {
            Map<String, String> env = engine.languageHostEnvironment(dir, config.config(), config.secretKeys());
            ProcessBuilder pb = new ProcessBuilder(command)
                    .directory(dir.toFile())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD);
            pb.environment().putAll(env);
            long start = System.nanoTime();
            Process p = pb.start();
            int exit = p.waitFor();
            long done = System.nanoTime();
            if (exit != 0 || engine.firstContactNanos() == 0) {
                throw new IllegalStateException(String.join(" ", command) + " exited " + exit + " in " + dir);
            }
            return new Timing((engine.firstContactNanos() - start) / 1_000_000, (done - start) / 1_000_000);
        }
    }

    static Timing median(List<Timing> ts) {
        long[] first =
                ts.stream().mapToLong(Timing::firstContactMillis).sorted().toArray();
        long[] done = ts.stream().mapToLong(Timing::doneMillis).sorted().toArray();
        return new Timing(first[first.length / 2], done[done.length / 2]);
    }
}
