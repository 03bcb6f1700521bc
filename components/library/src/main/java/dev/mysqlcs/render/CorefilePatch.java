package dev.mysqlcs.render;

import dev.mysqlcs.render.CoreDnsZones.ForwardZone;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The kubeadm way of S2.8 (clusters whose CoreDNS imports no {@code coredns-custom}): the main Corefile of
 * {@code kube-system/coredns} gets one server block per forwarded zone, between two marker comments. Pure and
 * idempotent: {@code apply(apply(c, z), z).equals(apply(c, z))}.
 *
 * <p>Every other stanza is kept byte for byte. The previous managed region is replaced, so zones removed from the
 * topology disappear. A hand-written block serving exactly one of the managed zones (as seed 001 edits it in by hand)
 * is replaced too, since CoreDNS refuses a zone defined twice; a block serving a managed zone together with other
 * zones is refused with an explanation rather than guessed at.
 */
public final class CorefilePatch {

    public static final String BEGIN = "# BEGIN mysqlcs forward zones";
    public static final String END = "# END mysqlcs forward zones";
    static final String BEGIN_LINE = BEGIN + " (managed by the mysqlcs Pulumi stack; edits here are replaced)";

    private static final Pattern PORT = Pattern.compile("(.*):([0-9]+)");

    /** Thrown when the Corefile cannot be patched safely; the message says what to fix. */
    public static final class UnpatchableCorefileException extends IllegalArgumentException {
        public UnpatchableCorefileException(String message) {
            super(message);
        }
    }

    /**
     * A top-level server block.
     *
     * @param keys  the server addresses before {@code {}, e.g. {@code .:53}
     * @param start offset of the first key
     * @param end   offset just after the closing brace
     */
    public record ServerBlock(List<String> keys, int start, int end) {}

    private CorefilePatch() {}

    /** The Corefile with exactly {@code zones} forwarded by the managed region; every other stanza unchanged. */
    public static String apply(String corefile, List<ForwardZone> zones) {
        String text = corefile.replace("\r\n", "\n");
        String withoutRegion = removeManagedRegion(text);
        boolean hadRegion = !withoutRegion.equals(text);

        Set<String> managed = new LinkedHashSet<>();
        zones.forEach(z -> managed.add(normalizeZone(z.zone())));
        StringBuilder body = new StringBuilder(withoutRegion);
        List<ServerBlock> blocks = serverBlocks(withoutRegion);
        boolean removedBlock = false;
        for (int i = blocks.size() - 1; i >= 0; i--) {
            ServerBlock b = blocks.get(i);
            List<String> ours = new ArrayList<>();
            for (String k : b.keys()) {
                zoneOf(k).filter(managed::contains).ifPresent(ours::add);
            }
            if (ours.isEmpty()) {
                continue;
            }
            if (ours.size() != b.keys().size()) {
                throw new UnpatchableCorefileException("the Corefile's server block '" + String.join(" ", b.keys())
                        + "' serves " + String.join(", ", ours) + " together with other zones; move " + ours
                        + " out of it by hand (this stack then manages " + ours + " in its own block)");
            }
            int[] range = wholeLines(withoutRegion, b.start(), b.end());
            body.delete(range[0], range[1]);
            removedBlock = true;
        }
        if (!hadRegion && !removedBlock && zones.isEmpty()) {
            return corefile;
        }
        String kept = body.toString().stripTrailing();
        if (zones.isEmpty()) {
            return kept + "\n";
        }
        StringBuilder out = new StringBuilder(kept);
        if (!kept.isEmpty()) {
            out.append("\n\n");
        }
        out.append(BEGIN_LINE).append('\n');
        for (ForwardZone z : zones) {
            out.append(CoreDnsZones.serverBlock(z));
        }
        out.append(END).append('\n');
        return out.toString();
    }

    /** The text without every managed region (marker lines included). */
    static String removeManagedRegion(String text) {
        String[] lines = text.split("\n", -1);
        StringBuilder out = new StringBuilder();
        boolean inside = false;
        for (int i = 0; i < lines.length; i++) {
            String trimmed = lines[i].trim();
            boolean last = i == lines.length - 1;
            if (!inside && trimmed.startsWith(BEGIN)) {
                inside = true;
                continue;
            }
            if (inside) {
                if (trimmed.startsWith(END)) {
                    inside = false;
                }
                continue;
            }
            out.append(lines[i]);
            if (!last) {
                out.append('\n');
            }
        }
        if (inside) {
            throw new UnpatchableCorefileException("the Corefile has '" + BEGIN + "' without '" + END
                    + "'; restore or remove the region by hand in kube-system/coredns");
        }
        return out.toString();
    }

    /** The top-level server blocks, in order. Comments and quoted strings are skipped. */
    public static List<ServerBlock> serverBlocks(String text) {
        List<ServerBlock> blocks = new ArrayList<>();
        List<String> tokens = new ArrayList<>();
        StringBuilder token = new StringBuilder();
        int statementStart = -1;
        int blockStart = -1;
        List<String> blockKeys = List.of();
        int depth = 0;
        int n = text.length();
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (c == '#' && (i == 0 || Character.isWhitespace(text.charAt(i - 1)))) {
                while (i < n && text.charAt(i) != '\n') {
                    i++;
                }
                continue;
            }
            if (c == '"') {
                int close = closingQuote(text, i);
                if (depth == 0) {
                    if (statementStart < 0) {
                        statementStart = i;
                    }
                    token.append(text, i, close + 1);
                }
                i = close + 1;
                continue;
            }
            if (depth == 0) {
                if (c == '{') {
                    flush(token, tokens);
                    if (tokens.isEmpty()) {
                        throw new UnpatchableCorefileException(
                                "the Corefile has a block without server keys at " + "offset " + i);
                    }
                    blockStart = statementStart;
                    blockKeys = List.copyOf(tokens);
                    tokens.clear();
                    depth = 1;
                } else if (c == '}') {
                    throw new UnpatchableCorefileException("the Corefile has an unmatched '}' at offset " + i);
                } else if (c == '\n') {
                    flush(token, tokens);
                    boolean continued =
                            !tokens.isEmpty() && tokens.get(tokens.size() - 1).endsWith(",");
                    if (!continued) {
                        tokens.clear();
                        statementStart = -1;
                    }
                } else if (Character.isWhitespace(c)) {
                    flush(token, tokens);
                } else {
                    if (statementStart < 0) {
                        statementStart = i;
                    }
                    token.append(c);
                }
            } else if (c == '{') {
                depth++;
            } else if (c == '}') {
                depth--;
                if (depth == 0) {
                    blocks.add(new ServerBlock(blockKeys, blockStart, i + 1));
                    statementStart = -1;
                }
            }
            i++;
        }
        if (depth != 0) {
            throw new UnpatchableCorefileException(
                    "the Corefile has an unclosed '{' (block '" + String.join(" ", blockKeys) + "')");
        }
        return blocks;
    }

    private static int closingQuote(String text, int open) {
        for (int j = open + 1; j < text.length(); j++) {
            char c = text.charAt(j);
            if (c == '\\') {
                j++;
            } else if (c == '"') {
                return j;
            }
        }
        throw new UnpatchableCorefileException("the Corefile has an unclosed quote at offset " + open);
    }

    private static void flush(StringBuilder token, List<String> tokens) {
        if (token.length() > 0) {
            tokens.add(token.toString());
            token.setLength(0);
        }
    }

    /** [start, end) widened to whole lines when only whitespace surrounds the block on its first and last line. */
    private static int[] wholeLines(String text, int start, int end) {
        int s = start;
        while (s > 0 && (text.charAt(s - 1) == ' ' || text.charAt(s - 1) == '\t')) {
            s--;
        }
        if (s > 0 && text.charAt(s - 1) != '\n') {
            s = start;
        }
        int e = end;
        while (e < text.length() && (text.charAt(e) == ' ' || text.charAt(e) == '\t')) {
            e++;
        }
        if (e < text.length() && text.charAt(e) == '\n') {
            e++;
        } else if (e < text.length()) {
            e = end;
        }
        return new int[] {s, e};
    }

    /** The zone a server key serves on plain DNS port 53, lower case without the final dot; else empty. */
    static Optional<String> zoneOf(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        if (k.endsWith(",")) {
            k = k.substring(0, k.length() - 1);
        }
        if (k.startsWith("dns://")) {
            k = k.substring("dns://".length());
        } else if (k.contains("://")) {
            return Optional.empty();
        }
        Matcher m = PORT.matcher(k);
        if (m.matches()) {
            if (!m.group(2).equals("53")) {
                return Optional.empty();
            }
            k = m.group(1);
        }
        return Optional.of(normalizeZone(k));
    }

    private static String normalizeZone(String zone) {
        String z = zone.toLowerCase(Locale.ROOT);
        return z.endsWith(".") && z.length() > 1 ? z.substring(0, z.length() - 1) : z;
    }
}
