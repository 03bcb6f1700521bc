package dev.mysqlcs.config;

import java.util.regex.Matcher;

/**
 * A user mistake in stack config: the full config key (Pulumi path syntax, e.g.
 * {@code mysqlcs:clusterSet.members[1].instances}) and a message that names the bad value and what is allowed.
 */
public record ConfigError(String key, String message) {

    /** Longest user value a message quotes; longer ones are cut with an ellipsis. */
    public static final int MAX_QUOTED = 60;

    private static final java.util.regex.Pattern QUOTED = java.util.regex.Pattern.compile("'([^']*)'");
    private static final java.util.regex.Pattern LONG_TOKEN = java.util.regex.Pattern.compile("[^\\s',]{81,}");

    /** Values quoted in the message ({@code '...'}) are cut and their control characters escaped. */
    public ConfigError {
        key = cut(key, 200);
        Matcher m = QUOTED.matcher(message);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, java.util.regex.Matcher.quoteReplacement("'" + cut(m.group(1), MAX_QUOTED) + "'"));
        }
        m.appendTail(sb);
        // Unquoted user values (lists of names in "allowed: ...") are cut too.
        Matcher t = LONG_TOKEN.matcher(sb.toString());
        StringBuilder out = new StringBuilder();
        while (t.find()) {
            t.appendReplacement(out, Matcher.quoteReplacement(cut(t.group(), MAX_QUOTED)));
        }
        t.appendTail(out);
        message = out.toString();
    }

    /** A value as written, control characters escaped, at most {@code max} code points plus an ellipsis. */
    public static String cut(String s, int max) {
        StringBuilder out = new StringBuilder();
        int[] cps = s.codePoints().limit(max + 1L).toArray();
        for (int i = 0; i < Math.min(cps.length, max); i++) {
            int c = cps[i];
            if (c < 0x20 || c == 0x7F) {
                out.append(String.format("\\u%04X", c));
            } else {
                out.appendCodePoint(c);
            }
        }
        return cps.length > max ? out + "…" : out.toString();
    }

    /** The one line a user sees: {@code config error: <key>: <message>}. */
    public String render() {
        return "config error: " + key + ": " + message;
    }

    @Override
    public String toString() {
        return render();
    }
}
