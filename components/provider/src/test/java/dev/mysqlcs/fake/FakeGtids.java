package dev.mysqlcs.fake;

import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** GTID set arithmetic as MySQL's GTID_SUBSET / GTID_SUBTRACT do it, on small test sets ({@code uuid:1-3:5,uuid2:1}). */
public final class FakeGtids {

    private FakeGtids() {}

    public static Map<String, TreeSet<Long>> parse(String set) {
        Map<String, TreeSet<Long>> out = new TreeMap<>();
        if (set == null || set.isBlank()) {
            return out;
        }
        for (String part : set.replaceAll("\\s", "").split(",")) {
            if (part.isEmpty()) {
                continue;
            }
            String[] p = part.split(":");
            TreeSet<Long> seqs = out.computeIfAbsent(p[0].toLowerCase(), k -> new TreeSet<>());
            for (int i = 1; i < p.length; i++) {
                String[] range = p[i].split("-");
                long a = Long.parseLong(range[0]);
                long b = range.length > 1 ? Long.parseLong(range[1]) : a;
                for (long x = a; x <= b; x++) {
                    seqs.add(x);
                }
            }
        }
        return out;
    }

    public static String format(Map<String, TreeSet<Long>> set) {
        StringBuilder b = new StringBuilder();
        for (var e : set.entrySet()) {
            if (e.getValue().isEmpty()) {
                continue;
            }
            if (b.length() > 0) {
                b.append(",\n");
            }
            b.append(e.getKey());
            Long start = null;
            Long prev = null;
            for (long x : e.getValue()) {
                if (start == null) {
                    start = x;
                } else if (x != prev + 1) {
                    b.append(':').append(start).append(start.equals(prev) ? "" : "-" + prev);
                    start = x;
                }
                prev = x;
            }
            b.append(':').append(start).append(start.equals(prev) ? "" : "-" + prev);
        }
        return b.toString();
    }

    public static String subtract(String set, String minus) {
        Map<String, TreeSet<Long>> a = parse(set);
        Map<String, TreeSet<Long>> m = parse(minus);
        a.forEach((uuid, seqs) -> {
            if (m.containsKey(uuid)) {
                seqs.removeAll(m.get(uuid));
            }
        });
        return format(a);
    }

    public static boolean subset(String sub, String set) {
        return subtract(sub, set).isEmpty();
    }

    public static String union(String a, String b) {
        Map<String, TreeSet<Long>> x = parse(a);
        parse(b).forEach((uuid, seqs) ->
                x.computeIfAbsent(uuid, k -> new TreeSet<>()).addAll(seqs));
        return format(x);
    }

    /** The set plus the next transaction of {@code uuid}. */
    public static String next(String set, String uuid) {
        Map<String, TreeSet<Long>> x = parse(set);
        TreeSet<Long> s = x.computeIfAbsent(uuid.toLowerCase(), k -> new TreeSet<>());
        s.add(s.isEmpty() ? 1 : s.last() + 1);
        return format(x);
    }
}
