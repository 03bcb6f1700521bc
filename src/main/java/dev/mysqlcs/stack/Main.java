package dev.mysqlcs.stack;

import com.pulumi.Pulumi;

/** Entry point the Java language host runs for {@code pulumi preview / up}. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        JvmGuard.apply();
        var secretKeys = StackConfig.secretKeysFromEnvironment();
        Pulumi.run(ctx -> Stack.define(ctx, secretKeys, false));
    }
}
