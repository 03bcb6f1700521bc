package dev.mysqlcs.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The cases of mysql/mysql-shell 8.4.8 unittest/modules/adminapi/common/clone_handling_t.cc
 * {@code check_clone_version_compatibility} (donor first), run against the one implementation config and planner share.
 */
class CloneVersionsTest {

    private static boolean ok(String donor, String recipient) {
        return CloneVersions.compatible(
                CloneVersions.parse(donor).orElseThrow(),
                CloneVersions.parse(recipient).orElseThrow());
    }

    @Test
    void matchesTheShellsOwnCases() {
        String[][] yes = {
            {"8.0.17", "8.0.17"}, {"9.1.4", "9.1.4"}, {"8.0.28-debug", "8.0.28-debug"}, {"9.6.4", "9.6.53-release"},
            {"10.7.36", "10.7.16"}, {"8.4.1-release", "8.4.0"}, {"9.0.0", "9.0.2"}, {"8.0.31", "8.0.31"},
            {"8.0.35-release", "8.0.35"}, {"8.0.37-release", "8.0.37"}, {"8.0.37", "8.0.38"}, {"8.0.38", "8.0.37"},
            {"8.4.1", "8.4.1"}
        };
        String[][] no = {
            {"8.0.16", "8.0.17"},
            {"8.0.17", "8.0.16"},
            {"8.0.16", "8.0.16"},
            {"10.7.3", "9.7.4"},
            {"9.7.4", "9.6.4"},
            {"9.6.4", "10.7.3"},
            {"9.1.0", "9.0.0"},
            {"8.0.33", "8.0.35"},
            {"8.0.35", "8.0.30"},
            {"8.0.35", "8.0.37"},
            {"8.0.37", "8.0.34"},
            {"8.0.0", "8.0.37"},
            {"8.0.0", "8.0.34"},
            {"8.3.1", "8.3.0"},
            {"8.0.37-release", "8.0.36-release"}
        };
        for (String[] c : yes) {
            assertEquals(true, ok(c[0], c[1]), c[0] + " -> " + c[1]);
        }
        for (String[] c : no) {
            assertEquals(false, ok(c[0], c[1]), c[0] + " -> " + c[1]);
        }
    }

    @Test
    void readsTheNumbersOfAtAtVersionAsTheShellDoes() {
        // session.h get_server_version: mysql_get_server_version, MAJOR.MINOR.PATCH only.
        assertEquals(Optional.of(new CloneVersions.Version(8, 0, 31)), CloneVersions.parse("8.0.31"));
        assertEquals(Optional.of(new CloneVersions.Version(8, 4, 3)), CloneVersions.parse("8.4.3-commercial"));
        assertEquals(Optional.of(new CloneVersions.Version(8, 0, 31)), CloneVersions.parse("8.0.31-debug-log"));
        assertEquals(Optional.empty(), CloneVersions.parse("8.0"));
        assertEquals(Optional.empty(), CloneVersions.parse(""));
        assertEquals(Optional.empty(), CloneVersions.parse(null));
        assertEquals(
                "8.4.3", CloneVersions.parse("8.4.3-commercial").orElseThrow().toString());
        assertEquals(
                "the same MAJOR.MINOR (8.0.x), and below 8.4 the same patch unless both are 8.0.37 or newer",
                CloneVersions.allowed(new CloneVersions.Version(8, 0, 31)));
    }
}
