package dev.mysqlcs.stack;

import com.pulumi.Pulumi;

/**
 * Entry point the Java language host runs for {@code pulumi preview / up} (with no arguments); run from the prebuilt
 * jar, it first rebuilds a jar older than its sources ({@link StaleJarGuard}). The same jar also
 * serves project commands: {@code java -jar src/target/mysqlcs-stack.jar mesh-ca} ({@link MeshCaCommand}).
 */
public final class Main {

    private Main() {}

    public static void main(String[] args) {
        JvmGuard.apply();
        if (args.length > 0 && MeshCaCommand.NAME.equals(args[0])) {
            System.exit(MeshCaCommand.run(
                    java.util.Arrays.copyOfRange(args, 1, args.length),
                    java.nio.file.Path.of(System.getProperty("mysqlcs.projectDir", ".")),
                    System.out,
                    System.err));
        }
        java.util.OptionalInt misuse = misuse(args, System.getenv(), System.err);
        if (misuse.isPresent()) {
            System.exit(misuse.getAsInt());
        }
        if (args.length == 0) {
            try {
                var restarted = StaleJarGuard.rebuildIfStale();
                if (restarted.isPresent()) {
                    System.exit(restarted.get());
                }
            } catch (java.io.IOException e) {
                System.err.println("mysqlcs: could not rebuild the stale program jar: " + e.getMessage());
                System.exit(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                System.exit(1);
            }
        }
        var secretKeys = StackConfig.secretKeysFromEnvironment();
        Pulumi.run(ctx -> Stack.define(ctx, secretKeys, false));
    }

    /**
     * A run the program cannot serve, told in one line with what to run instead: arguments it does not know, or no
     * engine to talk to (the SDK would end in a stack trace listing the machine's environment variable names). The
     * engine's language host always sets {@code PULUMI_MONITOR} (pulumi-java {@code DeploymentImpl} reads it).
     */
    static java.util.OptionalInt misuse(String[] args, java.util.Map<String, String> env, java.io.PrintStream err) {
        String usage = "usage: pulumi preview|up -s <stack> (the engine runs this program), ./plan <stack> (offline), "
                + "or java -jar src/target/mysqlcs-stack.jar " + MeshCaCommand.NAME + " [--help]";
        if (args.length > 0) {
            boolean help = args[0].equals("--help") || args[0].equals("-h");
            err.println(help ? usage : "mysqlcs: unknown command '" + args[0] + "'; " + usage);
            return java.util.OptionalInt.of(help ? 0 : 2);
        }
        if (env.getOrDefault("PULUMI_MONITOR", "").isBlank()) {
            err.println("mysqlcs: no Pulumi engine to run for (PULUMI_MONITOR is not set); " + usage);
            return java.util.OptionalInt.of(2);
        }
        return java.util.OptionalInt.empty();
    }
}
