package dev.mysqlcs.stack;

import com.pulumi.Pulumi;

/**
 * Entry point the Java language host runs for {@code pulumi preview / up} (with no arguments). The same jar also
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
        var secretKeys = StackConfig.secretKeysFromEnvironment();
        Pulumi.run(ctx -> Stack.define(ctx, secretKeys, false));
    }
}
