package dev.mysqlcs.testing;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a mysql-client script into statements the way the {@code mysql} client does: {@code DELIMITER} lines switch
 * the statement terminator (stored procedures use {@code //}); quotes ({@code '...'}, {@code "..."}, {@code `...`}
 * with backslash and doubled-quote escapes) and comments ({@code -- }, {@code #}, {@code /* *}{@code /}) never end a
 * statement. Comments are dropped (replaced by a space); executable comments {@code /*!...*}{@code /} are kept.
 */
public final class SqlScript {

    private SqlScript() {}

    public static List<String> statements(String script) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        String delimiter = ";";
        int i = 0;
        int n = script.length();
        boolean lineStart = true;
        while (i < n) {
            char c = script.charAt(i);
            if (lineStart && current.toString().isBlank()) {
                int eol = script.indexOf('\n', i);
                String line = script.substring(i, eol < 0 ? n : eol).strip();
                if (line.regionMatches(true, 0, "DELIMITER", 0, 9)
                        && (line.length() == 9 || Character.isWhitespace(line.charAt(9)))) {
                    String d = line.substring(9).strip();
                    if (d.isEmpty()) {
                        throw new IllegalArgumentException("DELIMITER without a delimiter near offset " + i);
                    }
                    delimiter = d;
                    current.setLength(0);
                    i = eol < 0 ? n : eol + 1;
                    continue;
                }
            }
            lineStart = false;
            if (c == '\'' || c == '"' || c == '`') {
                int end = endOfQuoted(script, i, c);
                current.append(script, i, end);
                i = end;
                continue;
            }
            if (c == '#'
                    || (c == '-'
                            && script.startsWith("--", i)
                            && (i + 2 == n || Character.isWhitespace(script.charAt(i + 2))))) {
                int eol = script.indexOf('\n', i);
                i = eol < 0 ? n : eol;
                continue;
            }
            if (c == '/' && script.startsWith("/*", i)) {
                int end = script.indexOf("*/", i + 2);
                if (end < 0) {
                    throw new IllegalArgumentException("unterminated comment at offset " + i);
                }
                if (script.startsWith("/*!", i)) {
                    current.append(script, i, end + 2);
                } else {
                    current.append(' ');
                }
                i = end + 2;
                continue;
            }
            if (script.startsWith(delimiter, i)) {
                add(out, current);
                i += delimiter.length();
                continue;
            }
            current.append(c);
            if (c == '\n') {
                lineStart = true;
            }
            i++;
        }
        add(out, current);
        return out;
    }

    /** Runs every statement of the script on one connection, in order. */
    public static void run(Connection connection, String script) throws SQLException {
        try (Statement st = connection.createStatement()) {
            for (String sql : statements(script)) {
                try {
                    st.execute(sql);
                } catch (SQLException e) {
                    throw new SQLException(
                            e.getMessage() + " in: " + abbreviate(sql), e.getSQLState(), e.getErrorCode(), e);
                }
            }
        }
    }

    private static int endOfQuoted(String s, int start, char quote) {
        int i = start + 1;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\\' && quote != '`') {
                i += 2;
                continue;
            }
            if (c == quote) {
                if (i + 1 < s.length() && s.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        throw new IllegalArgumentException("unterminated " + quote + " quote starting at offset " + start);
    }

    private static void add(List<String> out, StringBuilder current) {
        String sql = current.toString().strip();
        if (!sql.isEmpty()) {
            out.add(sql);
        }
        current.setLength(0);
    }

    private static String abbreviate(String sql) {
        String one = sql.replaceAll("\\s+", " ");
        return one.length() > 200 ? one.substring(0, 200) + "..." : one;
    }
}
