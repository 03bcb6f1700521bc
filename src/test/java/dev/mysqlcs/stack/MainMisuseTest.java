package dev.mysqlcs.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The program jar run by hand: one line saying what to run instead, never the SDK's stack trace. */
class MainMisuseTest {

    private static final String USAGE = "usage: pulumi preview|up -s <stack> (the engine runs this program), "
            + "./plan <stack> (offline), or java -jar src/target/mysqlcs-stack.jar mesh-ca [--help]\n";

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private OptionalInt misuse(Map<String, String> env, String... args) {
        return Main.misuse(args, env, new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void withoutTheEngineItSaysWhatToRun() {
        assertEquals(OptionalInt.of(2), misuse(Map.of("PATH", "/usr/bin")));
        assertEquals("mysqlcs: no Pulumi engine to run for (PULUMI_MONITOR is not set); " + USAGE, err.toString());
    }

    @Test
    void helpPrintsTheUsage() {
        assertEquals(OptionalInt.of(0), misuse(Map.of(), "--help"));
        assertEquals(USAGE, err.toString());
    }

    @Test
    void anUnknownCommandIsNamed() {
        assertEquals(OptionalInt.of(2), misuse(Map.of("PULUMI_MONITOR", "127.0.0.1:1"), "mesh-cert"));
        assertEquals("mysqlcs: unknown command 'mesh-cert'; " + USAGE, err.toString());
    }

    @Test
    void underTheEngineItRuns() {
        assertEquals(OptionalInt.empty(), misuse(Map.of("PULUMI_MONITOR", "127.0.0.1:50051")));
        assertEquals("", err.toString());
    }
}
