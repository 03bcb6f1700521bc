package dev.mysqlcs.model;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/** Plain-text views of GTID sets ({@code uuid:1-5:7,uuid2[:tag]:1-3}); arithmetic itself is the server's job. */
public final class GtidSets {

    private GtidSets() {}

    public static boolean isEmpty(String gtidSet) {
        return gtidSet == null || gtidSet.replaceAll("\\s", "").isEmpty();
    }

    /** The source UUIDs a set names, lowercase, in order. */
    public static Set<String> sourceUuids(String gtidSet) {
        Set<String> out = new LinkedHashSet<>();
        if (isEmpty(gtidSet)) {
            return out;
        }
        for (String part : gtidSet.replaceAll("\\s", "").split(",")) {
            if (part.isEmpty()) {
                continue;
            }
            int colon = part.indexOf(':');
            out.add((colon < 0 ? part : part.substring(0, colon)).toLowerCase(Locale.ROOT));
        }
        return out;
    }

    /**
     * The set without the intervals of the given source UUIDs (text only: a set's parts are per UUID, and a tagged
     * part {@code uuid:tag:1-3} belongs to its UUID too).
     */
    public static String withoutSources(String gtidSet, Set<String> uuids) {
        if (isEmpty(gtidSet) || uuids.isEmpty()) {
            return normalize(gtidSet);
        }
        java.util.List<String> kept = new java.util.ArrayList<>();
        for (String part : gtidSet.replaceAll("\\s", "").split(",")) {
            int colon = part.indexOf(':');
            String uuid = (colon < 0 ? part : part.substring(0, colon)).toLowerCase(Locale.ROOT);
            if (!part.isEmpty() && !uuids.contains(uuid)) {
                kept.add(part);
            }
        }
        return String.join(",", kept);
    }

    /** The set without line breaks MySQL inserts after commas. */
    public static String normalize(String gtidSet) {
        return gtidSet == null ? "" : gtidSet.replaceAll("\\s", "");
    }
}
