package dev.mysqlcs.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SqlScriptTest {

    @Test
    void splitsOnTheCurrentDelimiterAndHonoursDelimiterLines() {
        String script = """
                CREATE TABLE t (a INT);
                DELIMITER //
                CREATE PROCEDURE p()
                BEGIN
                  SELECT 1;
                  SELECT 2;
                END//
                DELIMITER ;
                SELECT 3;
                """;
        assertEquals(
                List.of(
                        "CREATE TABLE t (a INT)",
                        "CREATE PROCEDURE p()\nBEGIN\n  SELECT 1;\n  SELECT 2;\nEND",
                        "SELECT 3"),
                SqlScript.statements(script));
    }

    @Test
    void neverSplitsInsideQuotesOrComments() {
        String script = """
                /* a comment; with a delimiter */ SELECT 'a;b', "c;d", `e;f`, 'it''s', 'x\\';y';
                -- user's comment; still a comment
                # another one; it's fine
                SELECT 2 -- trailing; comment
                ;
                SELECT /*!80000 1; */ 3;
                """;
        assertEquals(
                List.of("SELECT 'a;b', \"c;d\", `e;f`, 'it''s', 'x\\';y'", "SELECT 2", "SELECT /*!80000 1; */ 3"),
                SqlScript.statements(script));
    }

    @Test
    void doubleDashWithoutWhitespaceIsAnOperatorNotAComment() {
        assertEquals(List.of("SELECT 1--1"), SqlScript.statements("SELECT 1--1;"));
    }

    @Test
    void rejectsUnterminatedQuotesAndComments() {
        assertThrows(IllegalArgumentException.class, () -> SqlScript.statements("SELECT 'abc;"));
        assertThrows(IllegalArgumentException.class, () -> SqlScript.statements("SELECT 1 /* open;"));
    }

    @Test
    void parsesTheRealMetadataSchemas() {
        for (String version : List.of("2.2.0", "2.4.0")) {
            List<String> statements =
                    SqlScript.statements(Upstream.read("mysql-shell/metadata/metadata-model-" + version + ".sql"));
            assertEquals(
                    "CREATE DATABASE IF NOT EXISTS mysql_innodb_cluster_metadata DEFAULT CHARACTER SET utf8mb4",
                    statements.get(0));
            assertEquals(
                    12,
                    statements.stream()
                            .filter(s -> s.startsWith("CREATE PROCEDURE"))
                            .count(),
                    version);
            assertTrue(
                    statements.stream().anyMatch(s -> s.startsWith("CREATE SQL SECURITY INVOKER VIEW v2_cs_members")));
            assertTrue(statements.stream().noneMatch(s -> s.toUpperCase().contains("DELIMITER")), version);
            assertTrue(
                    statements.stream()
                            .filter(s -> s.startsWith("CREATE PROCEDURE"))
                            .allMatch(s -> s.endsWith("END")),
                    version);
        }
    }

    /**
     * JdbcInstanceProbe reads v2_cs_clustersets and v2_cs_members by column name; the real-server test loads 2.2.0.
     * Metadata 2.4.0 (Shell 9.6) must define the same views, or the probe would need a second reading.
     */
    @Test
    void clusterSetViewsAreTheSameInMetadata220And240() {
        for (String view :
                List.of("v2_cs_clustersets", "v2_cs_members", "schema_version", "v2_this_instance", "v2_gr_clusters")) {
            String v220 = viewDefinition("2.2.0", view);
            String v240 = viewDefinition("2.4.0", view);
            if (view.equals("schema_version")) {
                assertTrue(v220.endsWith("SELECT 2, 2, 0") && v240.endsWith("SELECT 2, 4, 0"), v240);
            } else {
                assertEquals(v220, v240, view);
            }
        }
    }

    private static String viewDefinition(String version, String view) {
        return SqlScript.statements(Upstream.read("mysql-shell/metadata/metadata-model-" + version + ".sql")).stream()
                .filter(s -> s.matches("(?s)CREATE SQL SECURITY INVOKER VIEW " + view + "\\b.*"))
                .findFirst()
                .orElseThrow(() -> new AssertionError(view + " not in " + version))
                .replaceAll("\\s+", " ");
    }
}
