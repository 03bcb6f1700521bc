package dev.mysqlcs.stack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class StaleJarGuardTest {

    static final Instant BUILT = Instant.parse("2026-01-01T12:00:00Z");

    static Path project(Path root) throws Exception {
        for (String dir : new String[]{"components/core/src/main/java/a", "components/library/src/main/java/b",
                "src/main/java/c", "components/provider/src/main/java/d", "src/target"}) {
            Files.createDirectories(root.resolve(dir));
        }
        for (String f : new String[]{"pom.xml", "mvnw", "components/pom.xml", "components/core/pom.xml",
                "components/library/pom.xml", "components/provider/pom.xml", "src/pom.xml",
                "components/core/src/main/java/a/A.java", "components/library/src/main/java/b/B.java",
                "src/main/java/c/C.java", "components/provider/src/main/java/d/D.java"}) {
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
}
