package dev.mysqlcs.stack;

/**
 * The Pulumi SDK busy-loops forever under JDK 25 when ForkJoinPool.commonPool has parallelism 1, which it has on
 * 2-core machines (pulumi-java#2270). The property only works before the common pool exists, so every entry point
 * calls this first; launch scripts and Maven also pass the flag.
 */
public final class JvmGuard {

    static final String PARALLELISM = "java.util.concurrent.ForkJoinPool.common.parallelism";

    private JvmGuard() {}

    public static void apply() {
        if (System.getProperty(PARALLELISM) == null) {
            System.setProperty(
                    PARALLELISM,
                    Integer.toString(Math.max(4, Runtime.getRuntime().availableProcessors())));
        }
    }
}
