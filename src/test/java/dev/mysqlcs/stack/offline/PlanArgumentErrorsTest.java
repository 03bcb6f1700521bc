package dev.mysqlcs.stack.offline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mysqlcs.stack.PlanFixture;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Stack names and --config values that are not a stack file: one line, exit 1, never a path outside the project. */
class PlanArgumentErrorsTest {

    @BeforeAll
    static void runFromTheRepositoryRoot() {
        System.setProperty("mysqlcs.projectDir", PlanFixture.repoRoot().toString());
    }

    @Test
    void aStackNameFollowsThePulumiRule() {
        for (String name : List.of("", " ", "../prod", "a/b", "..", "x".repeat(101))) {
            PlanCommandTest.Run r = PlanCommandTest.plan(name);
            assertEquals(1, r.exit(), name);
            assertEquals(
                    "plan failed: '" + StackFile.cut(name) + "' is not a stack name; allowed: letters, digits, "
                            + "'-', '_' and '.'\n",
                    r.err(),
                    name);
            assertEquals("", r.out());
        }
    }

    @Test
    void anEmptyConfigPathIsNamed() {
        PlanCommandTest.Run r = PlanCommandTest.plan("--config", "");
        assertEquals(1, r.exit());
        assertEquals("plan failed: --config names no file; allowed: a stack file such as Pulumi.prod.yaml\n", r.err());
    }

    @Test
    void aMissingFileIsNamed() {
        PlanCommandTest.Run r = PlanCommandTest.plan("--config", "/nonexistent/Pulumi.x.yaml");
        assertEquals(1, r.exit());
        assertEquals("plan failed: no such file: /nonexistent/Pulumi.x.yaml\n", r.err());
    }

    @Test
    void programFailuresReachTheUserWithoutJavaNamesOrTheJvmCommandLine() {
        assertEquals(
                "member prd is in unknown cluster",
                Plan.oneLine(
                        "java.lang.IllegalArgumentException: member prd is in unknown cluster\n\tat dev.mysqlcs.render.X(X.java:1)"));
        assertEquals("No value present", Plan.oneLine("java.util.NoSuchElementException: No value present"));
        assertEquals("cluster.local is fine", Plan.oneLine("cluster.local is fine"));
    }

    @Test
    void aProgramThatNeverFinishesEndsThePlanWithOneLine() {
        java.util.concurrent.CountDownLatch never = new java.util.concurrent.CountDownLatch(1);
        Plan.PlanFailedException e = org.junit.jupiter.api.Assertions.assertThrows(
                Plan.PlanFailedException.class,
                () -> Plan.bounded(
                        () -> {
                            never.await();
                            return null;
                        },
                        1));
        assertEquals(
                "the program did not finish within 1 s (a registration never resolved); nothing was deployed",
                e.getMessage());
    }
}
