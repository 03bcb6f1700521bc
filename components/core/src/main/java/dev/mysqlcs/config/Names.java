package dev.mysqlcs.config;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * "Did you mean" for misspelled keys, as the Pulumi CLI suggests them for Pulumi.yaml attributes
 * (pulumi/pulumi {@code sdk/go/common/workspace/project.go} {@code findClosestKey}: case-insensitive Levenshtein
 * distance, at most {@value #MAX_DISTANCE}, ties broken alphabetically).
 */
public final class Names {

    public static final int MAX_DISTANCE = 2;

    private Names() {}

    public static Optional<String> closest(String needle, Collection<String> haystack) {
        String match = null;
        int best = MAX_DISTANCE + 1;
        for (String key : haystack.stream().sorted().toList()) {
            int d = distance(needle.toLowerCase(Locale.ROOT), key.toLowerCase(Locale.ROOT));
            if (d == 0) {
                return Optional.of(key);
            }
            if (d < best) {
                best = d;
                match = key;
            }
        }
        return Optional.ofNullable(match);
    }

    /** Levenshtein distance with substitutions (insert, delete, substitute: cost 1 each). */
    static int distance(String a, String b) {
        if (Math.abs(a.length() - b.length()) > MAX_DISTANCE + 1 && a.length() + b.length() > 200) {
            return Integer.MAX_VALUE; // a 200 KB key is nobody's typo; do not spend quadratic time on it
        }
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
