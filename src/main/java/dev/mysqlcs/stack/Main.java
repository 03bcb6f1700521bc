package dev.mysqlcs.stack;

import com.pulumi.Pulumi;

/**
 * Entry point the Java language host runs for {@code pulumi preview / up} (with no arguments); run from the prebuilt
 * jar, it first rebuilds a jar older than its sources ({@link StaleJarGuard}). The same jar also
 * serves project commands: {@code java -jar src/target/mysqlcs-stack.jar mesh-ca} ({@link MeshCaCommand}).
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        JvmGuard.apply();
        if (args.length > 0 && MeshCaCommand.NAME.equals(args[0])) {
            System.exit(MeshCaCommand.run(java.util.Arrays.copyOfRange(args, 1, args.length),
                    java.nio.file.Path.of(System.getProperty("mysqlcs.projectDir", ".")), System.out, System.err));
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
}
