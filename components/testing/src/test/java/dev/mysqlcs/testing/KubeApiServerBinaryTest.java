package dev.mysqlcs.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

/** Where the slow group's kube-apiserver comes from, and what a machine without one gets. */
class KubeApiServerBinaryTest {

    private static final Path NOWHERE = Path.of("/nonexistent/kube-apiserver");

    @Test
    void notNamedAndNotBuiltSkipsWithTheBuildInstructions() {
        TestAbortedException e = assertThrows(
                TestAbortedException.class,
                () -> KubeApiServer.binary("MYSQLCS_TEST_VARIABLE_THAT_IS_NEVER_SET", NOWHERE));
        assertTrue(
                e.getMessage()
                        .startsWith("no executable /nonexistent/kube-apiserver "
                                + "(MYSQLCS_TEST_VARIABLE_THAT_IS_NEVER_SET is not set): "),
                e.getMessage());
        assertTrue(e.getMessage().contains("`sudo .ci/kube-apiserver/build.sh`"), e.getMessage());
    }

    @Test
    void namedButMissingFails() {
        // PATH is set on every machine and is no executable file: it stands for a variable naming a wrong path.
        IllegalStateException e =
                assertThrows(IllegalStateException.class, () -> KubeApiServer.binary("PATH", NOWHERE));
        assertTrue(e.getMessage().contains(" (from PATH): "), e.getMessage());
    }

    @Test
    void theFallbackServesWhenNothingIsNamed() {
        assertEquals(
                Path.of("/bin/sh"),
                KubeApiServer.binary("MYSQLCS_TEST_VARIABLE_THAT_IS_NEVER_SET", Path.of("/bin/sh")));
    }
}
