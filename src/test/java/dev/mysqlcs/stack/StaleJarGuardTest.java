package dev.mysqlcs.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StaleJarGuardTest {

    static final Instant BUILT = Instant.parse("2026-01-01T12:00:00Z");

    static Path project(Path root) throws Exception {
        for (String dir : new String[] {
            "components/core/src/main/java/a",
            "components/library/src/main/java/b",
            "src/main/java/c",
            "components/provider/src/main/java/d",
            "src/target"
        }) {
            Files.createDirectories(root.resolve(dir));
        }
        for (String f : new String[] {
            "pom.xml",
            "mvnw",
            "components/pom.xml",
            "components/core/pom.xml",
            "components/library/pom.xml",
            "components/provider/pom.xml",
            "src/pom.xml",
            "components/core/src/main/java/a/A.java",
            "components/library/src/main/java/b/B.java",
            "src/main/java/c/C.java",
            "components/provider/src/main/java/d/D.java"
        }) {
            Files.writeString(root.resolve(f), "x");
        }
        Path jar = root.resolve("src/target/mysqlcs-stack.jar");
        Files.writeString(jar, "jar");
        try (var walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Files.setLastModifiedTime(p, FileTime.from(BUILT.minusSeconds(60)));
            }
        }
        Files.setLastModifiedTime(jar, FileTime.from(BUILT));
        return jar;
    }

    static void touch(Path p) throws Exception {
        Files.setLastModifiedTime(p, FileTime.from(BUILT.plusSeconds(5)));
    }

    @Test
    void aJarUnderSrcTargetBelongsToTheProjectTwoLevelsUp(@TempDir Path root) throws Exception {
        Path jar = project(root);
        assertEquals(Optional.of(root), StaleJarGuard.projectOf(jar));
        assertEquals(Optional.empty(), StaleJarGuard.projectOf(root.resolve("elsewhere/mysqlcs-stack.jar")));
    }

    @Test
    void aJarNewerThanEverythingItIsMadeOfIsCurrent(@TempDir Path root) throws Exception {
        Path jar = project(root);
        assertEquals(Optional.empty(), StaleJarGuard.newerThan(jar, root));
    }

    @Test
    void anEditedLibrarySourceMakesItStale(@TempDir Path root) throws Exception {
        Path jar = project(root);
        Path b = root.resolve("components/library/src/main/java/b/B.java");
        touch(b);
        touch(b.getParent()); // an editor that writes a new file and renames it over the old one
        touch(root.resolve("components/core/src/main/java/a")); // and a directory earlier in the walk
        assertEquals(Optional.of(b), StaleJarGuard.newerThan(jar, root));
    }

    @Test
    void aDeletedSourceMakesItStaleThroughItsDirectory(@TempDir Path root) throws Exception {
        Path jar = project(root);
        Path dir = root.resolve("src/main/java/c");
        touch(dir); // what deleting C.java does to its directory
        assertEquals(Optional.of(dir), StaleJarGuard.newerThan(jar, root));
    }

    @Test
    void aChangedPomMakesItStale(@TempDir Path root) throws Exception {
        Path jar = project(root);
        touch(root.resolve("components/core/pom.xml"));
        assertEquals(Optional.of(root.resolve("components/core/pom.xml")), StaleJarGuard.newerThan(jar, root));
    }

    @Test
    void theProviderModuleIsNotPartOfTheProgram(@TempDir Path root) throws Exception {
        Path jar = project(root);
        touch(root.resolve("components/provider/src/main/java/d/D.java"));
        touch(root.resolve("components/provider/pom.xml"));
        assertEquals(Optional.empty(), StaleJarGuard.newerThan(jar, root));
    }

    @Test
    void theTestsRunFromClassDirectoriesSoThereIsNoJarToGuard() {
        assertEquals(Optional.empty(), StaleJarGuard.runningJar());
    }

    @Test
    void theBuildMarkerExistsWhileTheLockIsHeldAndGoesWhenTheWorkFinished(@TempDir Path root) throws Exception {
        Path running = root.resolve(StaleJarGuard.RUNNING);
        boolean[] seen = new boolean[2];
        int code = StaleJarGuard.underBuildLock(
                root,
                unfinished -> {
                    seen[0] = unfinished;
                    seen[1] = Files.exists(running);
                    return 0;
                },
                c -> c < 128);
        assertEquals(0, code);
        assertFalse(seen[0], "no build was killed before");
        assertTrue(seen[1], "a build under way is visible to the scripts' checks");
        assertFalse(Files.exists(running));
        assertTrue(Files.isRegularFile(root.resolve(StaleJarGuard.LOCK)));
    }

    @Test
    void aBuildThatDidNotFinishMakesTheNextHolderRebuild(@TempDir Path root) throws Exception {
        assertThrows(
                IOException.class,
                () -> StaleJarGuard.underBuildLock(
                        root,
                        unfinished -> {
                            throw new IOException("killed half way");
                        },
                        c -> true));
        assertTrue(StaleJarGuard.buildRunning(root));
        assertEquals(
                Integer.valueOf(137), StaleJarGuard.<Integer>underBuildLock(root, unfinished -> 137, c -> c < 128));
        assertTrue(StaleJarGuard.buildRunning(root), "a killed build (128 + signal) leaves the marker");
        assertEquals(Boolean.TRUE, StaleJarGuard.underBuildLock(root, unfinished -> unfinished, ok -> true));
        assertFalse(StaleJarGuard.buildRunning(root));
    }

    /** The scripts' way in: {@code java StaleJarGuard.java <root> <command>} waits while another process holds the lock. */
    @Test
    void theSingleFileProgramRunsItsCommandOnlyOnceTheLockIsFree(@TempDir Path root) throws Exception {
        Path source = PlanFixture.repoRoot().resolve("src/main/java/dev/mysqlcs/stack/StaleJarGuard.java");
        Path out = root.resolve("ran");
        Path lock = root.resolve(StaleJarGuard.LOCK);
        Files.createDirectories(lock.getParent());
        Process p;
        try (FileChannel channel = FileChannel.open(lock, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                var held = channel.lock()) {
            p = new ProcessBuilder(
                            Path.of(System.getProperty("java.home"), "bin", "java")
                                    .toString(),
                            source.toString(),
                            root.toString(),
                            "sh",
                            "-c",
                            "echo \"$" + StaleJarGuard.HOLDS_LOCK + " ${" + StaleJarGuard.UNFINISHED
                                    + ":-none}\" > ran; exit 7")
                    .redirectErrorStream(true)
                    .start();
            assertFalse(p.waitFor(3, TimeUnit.SECONDS), "it waits for the lock");
            assertFalse(Files.exists(out));
        }
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(7, p.exitValue(), new String(p.getInputStream().readAllBytes()));
        assertEquals(List.of("1 none"), Files.readAllLines(out));
        assertFalse(StaleJarGuard.buildRunning(root));
    }
}
