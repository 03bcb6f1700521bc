package dev.mysqlcs.stack.offline;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import dev.mysqlcs.config.ConfigSource;
import dev.mysqlcs.config.Names;
import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionEndEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.DocumentStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * A {@code Pulumi.<stack>.yaml} read the way the engine hands it to the language host: one string per full key
 * (structured values as JSON) and the set of secret keys; {@link #values()} keeps the YAML values themselves for the
 * engine's own checks ({@link EngineConfigRules}). Encrypted values cannot be decrypted offline; they stand as
 * {@link #SECRET_PLACEHOLDER}, present and secret.
 *
 * <p>A file that is not plainly a stack file is refused with one {@link Unreadable} line naming the file, the place
 * and the reason, never a parser's stack trace: not UTF-8, binary content, over {@value #MAX_BYTES} bytes, YAML
 * syntax, several documents, explicit tags, more than {@value #MAX_ALIASES} aliases or an expansion beyond
 * {@value #MAX_NODES} values, nesting deeper than {@value #MAX_DEPTH}, duplicate keys (the Pulumi CLI refuses them:
 * go-yaml v3 "mapping key already defined"), timestamps and {@code .inf}/{@code .nan} (they do not mean what they
 * seem), non-string keys and top-level sections a stack file does not have.
 */
public record StackFile(Map<String, String> config, Set<String> secretKeys, Map<String, Object> values) {

    public static final String SECRET_PLACEHOLDER = "[secret]";
    public static final int MAX_BYTES = 1 << 20;
    public static final int MAX_ALIASES = 10;
    public static final int MAX_DEPTH = 32;
    public static final int MAX_NODES = 100_000;
    /** The sections of a stack file (pulumi/pulumi sdk/go/common/workspace/project.go {@code ProjectStack}). */
    public static final List<String> SECTIONS =
            List.of("config", "encryptedkey", "encryptionsalt", "environment", "secretsprovider");

    private static final Gson GSON =
            new GsonBuilder().disableHtmlEscaping().serializeNulls().create();
    private static final Pattern NOT_A_NUMBER = Pattern.compile("[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN)");

    public StackFile(Map<String, String> config, Set<String> secretKeys) {
        this(config, secretKeys, Map.of());
    }

    /** A file that cannot be read as a stack file: the message is {@code <file>: <reason>}, one line. */
    public static final class Unreadable extends IOException {
        public Unreadable(String where, String reason) {
            super(where + ": " + reason);
        }
    }

    public static StackFile read(Path file, String project) throws IOException {
        return fromDocument(readYaml(file), project, file.toString());
    }

    /** One YAML document from a file, read strictly (see the class comment). */
    public static Object readYaml(Path file) throws IOException {
        String where = file.toString();
        if (Files.isDirectory(file)) {
            throw new Unreadable(where, "is a directory; allowed: a stack file such as Pulumi.prod.yaml");
        }
        if (Files.exists(file) && !Files.isRegularFile(file)) {
            throw new Unreadable(where, "is not a regular file; allowed: a stack file such as Pulumi.prod.yaml");
        }
        long size = Files.size(file);
        if (size > MAX_BYTES) {
            throw new Unreadable(
                    where, "is " + size + " bytes; allowed: a stack file of at most " + MAX_BYTES + " bytes");
        }
        return parse(decode(Files.readAllBytes(file), where), where);
    }

    /** Strict UTF-8 (a UTF-8 byte order mark is dropped, as go-yaml does), no binary content. */
    static String decode(byte[] bytes, String where) throws Unreadable {
        if (bytes.length >= 2
                && ((bytes[0] == (byte) 0xFE && bytes[1] == (byte) 0xFF)
                        || (bytes[0] == (byte) 0xFF && bytes[1] == (byte) 0xFE))) {
            throw new Unreadable(where, "is UTF-16 text; allowed: UTF-8");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            int offset = firstInvalidUtf8(bytes);
            throw new Unreadable(
                    where,
                    "is not UTF-8 text (byte 0x" + String.format("%02X", bytes[offset] & 0xFF) + " at offset " + offset
                            + "); allowed: UTF-8");
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        int line = 1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                line++;
            } else if ((c < 0x20 && c != '\t' && c != '\r') || c == 0x7F || c == '\uFFFE' || c == '\uFFFF') {
                throw new Unreadable(
                        where,
                        "line " + line + ": contains binary data (character U+" + String.format("%04X", (int) c)
                                + "); allowed: text");
            }
        }
        return text;
    }

    private static int firstInvalidUtf8(byte[] bytes) {
        var decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        java.nio.CharBuffer out = java.nio.CharBuffer.allocate(bytes.length + 1);
        var result = decoder.decode(in, out, true);
        return result.isError() ? Math.min(in.position(), bytes.length - 1) : 0;
    }

    /** YAML text to one document of maps, lists and scalars. */
    static Object parse(String text, String where) throws Unreadable {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setNestingDepthLimit(MAX_DEPTH + 1);
        options.setCodePointLimit(MAX_BYTES);
        options.setAllowRecursiveKeys(false);
        try {
            scanEvents(
                    new Yaml(
                                    new StrictConstructor(options),
                                    new Representer(new org.yaml.snakeyaml.DumperOptions()),
                                    new org.yaml.snakeyaml.DumperOptions(),
                                    options,
                                    new CoreSchemaResolver())
                            .parse(new StringReader(text)),
                    where);
            Object doc = new Yaml(
                            new StrictConstructor(options),
                            new Representer(new org.yaml.snakeyaml.DumperOptions()),
                            new org.yaml.snakeyaml.DumperOptions(),
                            options,
                            new CoreSchemaResolver())
                    .load(text);
            if (countNodes(doc, new int[] {0}, new IdentityHashMap<>()) > MAX_NODES) {
                throw new Unreadable(
                        where,
                        "expands to more than " + MAX_NODES + " values through YAML aliases; "
                                + "allowed: a stack file without alias expansion beyond that");
            }
            return doc;
        } catch (MarkedYAMLException e) {
            throw new Unreadable(where, at(e.getProblemMark()) + problem(e));
        } catch (Refused e) {
            throw new Unreadable(where, e.getMessage());
        } catch (YAMLException e) {
            throw new Unreadable(where, clean(e.getMessage()));
        }
    }

    /** What the constructor cannot see: documents, tags, aliases, depth, non-numbers. */
    private static void scanEvents(Iterable<Event> events, String where) throws Unreadable {
        int documents = 0;
        int aliases = 0;
        int depth = 0;
        for (Event e : events) {
            if (e instanceof DocumentStartEvent) {
                documents++;
                if (documents > 1) {
                    throw new Unreadable(
                            where,
                            at(e.getStartMark()) + "a second YAML document; allowed: one "
                                    + "document (the engine reads only the first)");
                }
            } else if (e instanceof AliasEvent) {
                aliases++;
                if (aliases > MAX_ALIASES) {
                    throw new Unreadable(
                            where,
                            at(e.getStartMark()) + "more than " + MAX_ALIASES + " YAML aliases; allowed: at most "
                                    + MAX_ALIASES);
                }
            } else if (e instanceof CollectionStartEvent c) {
                explicitTag(c.getTag(), c, where);
                depth++;
                if (depth > MAX_DEPTH) {
                    throw new Unreadable(
                            where,
                            at(e.getStartMark()) + "nesting deeper than " + MAX_DEPTH + " levels; allowed: at most "
                                    + MAX_DEPTH);
                }
            } else if (e instanceof CollectionEndEvent) {
                depth--;
            } else if (e instanceof ScalarEvent s) {
                explicitTag(s.getTag(), s, where);
                if (s.isPlain() && NOT_A_NUMBER.matcher(s.getValue()).matches()) {
                    throw new Unreadable(
                            where,
                            at(e.getStartMark()) + "'" + s.getValue() + "' is not a finite "
                                    + "number; allowed: a number, or a quoted string");
                }
            }
        }
    }

    private static void explicitTag(String tag, NodeEvent e, String where) throws Unreadable {
        if (tag != null && !tag.equals("!")) {
            String shown = tag.startsWith(Tag.PREFIX) ? "!!" + tag.substring(Tag.PREFIX.length()) : tag;
            throw new Unreadable(
                    where,
                    at(e.getStartMark()) + "YAML tag '" + cut(shown) + "' is not allowed; "
                            + "allowed: plain values (quote a string)");
        }
    }

    /** Counts maps, lists and scalars as the expanded document has them, stopping past the bound. */
    private static int countNodes(Object v, int[] count, IdentityHashMap<Object, Boolean> path) {
        if (++count[0] > MAX_NODES) {
            return count[0];
        }
        if (v instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                countNodes(e.getValue(), count, path);
                if (count[0] > MAX_NODES) {
                    break;
                }
            }
        } else if (v instanceof List<?> l) {
            for (Object x : l) {
                countNodes(x, count, path);
                if (count[0] > MAX_NODES) {
                    break;
                }
            }
        }
        return count[0];
    }

    private static String at(Mark mark) {
        return mark == null ? "" : "line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1) + ": ";
    }

    private static String problem(MarkedYAMLException e) {
        String p = e.getProblem() == null ? "" : e.getProblem();
        if (p.startsWith("found duplicate key ")) {
            return "duplicate key '" + cut(p.substring("found duplicate key ".length())) + "'; allowed: each key once "
                    + "in a mapping (the Pulumi CLI refuses duplicate keys)";
        }
        if (p.contains("\\t(TAB)") || p.contains("'\\t'")) {
            return "a tab character where YAML needs spaces; allowed: indentation with spaces";
        }
        String context = e.getContext() == null ? "" : clean(e.getContext()) + ": ";
        return context + clean(p) + "; allowed: a YAML mapping such as config: {mysqlcs:deploy: [prod]}";
    }

    /** Parser messages, one line, without Java names or a dump of the input. */
    private static String clean(String s) {
        if (s == null) {
            return "unreadable YAML";
        }
        String line = s.split("\n", 2)[0]
                .replaceAll("[a-z]+(\\.[a-z]+)+\\.[A-Z][A-Za-z]+", "a value")
                .trim();
        return cut(line);
    }

    /** A user value in a message: as written, control characters escaped, cut at 60 characters. */
    public static String cut(String s) {
        StringBuilder sb = new StringBuilder();
        s.codePoints().limit(61).forEach(c -> {
            if (c < 0x20 || c == 0x7F) {
                sb.append(String.format("\\u%04X", c));
            } else {
                sb.appendCodePoint(c);
            }
        });
        return s.codePointCount(0, s.length()) > 60
                ? sb.substring(0, sb.offsetByCodePoints(0, 60)) + "…"
                : sb.toString();
    }

    /** Raised from inside the constructor with a message already fit for the user. */
    private static final class Refused extends YAMLException {
        Refused(String message) {
            super(message);
        }
    }

    /** SafeConstructor without the values that do not mean what they seem in a stack file. */
    private static final class StrictConstructor extends SafeConstructor {
        StrictConstructor(LoaderOptions options) {
            super(options);
            this.yamlConstructors.put(Tag.TIMESTAMP, new AbstractConstruct() {
                @Override
                public Object construct(Node node) {
                    String v = ((org.yaml.snakeyaml.nodes.ScalarNode) node).getValue();
                    throw new Refused(at(node.getStartMark()) + "'" + cut(v) + "' is read as a YAML timestamp; "
                            + "allowed: quote it (\"" + cut(v) + "\") where a string is meant");
                }
            });
            this.yamlConstructors.put(Tag.BINARY, new AbstractConstruct() {
                @Override
                public Object construct(Node node) {
                    throw new Refused(at(node.getStartMark()) + "binary values are not allowed; allowed: text");
                }
            });
        }
    }

    /**
     * Implicit types as go-yaml v3 (the Pulumi CLI's YAML library, YAML 1.2 core schema) resolves them: only
     * true/false are booleans ({@code yes}, {@code on} stay strings), and no {@code =} value key.
     */
    private static final class CoreSchemaResolver extends Resolver {
        @Override
        protected void addImplicitResolvers() {
            addImplicitResolver(Tag.BOOL, Pattern.compile("^(?:true|True|TRUE|false|False|FALSE)$"), "tTfF");
            addImplicitResolver(Tag.INT, INT, "-+0123456789");
            addImplicitResolver(Tag.FLOAT, FLOAT, "-+0123456789.");
            addImplicitResolver(Tag.MERGE, MERGE, "<");
            addImplicitResolver(Tag.NULL, NULL, "~nN\0");
            addImplicitResolver(Tag.NULL, EMPTY, null);
            addImplicitResolver(Tag.TIMESTAMP, TIMESTAMP, "0123456789");
        }
    }

    static StackFile fromDocument(Object doc, String project, String where) throws Unreadable {
        Map<String, String> config = new LinkedHashMap<>();
        Set<String> secrets = new LinkedHashSet<>();
        Map<String, Object> values = new LinkedHashMap<>();
        if (doc == null) {
            return new StackFile(config, secrets, values);
        }
        if (!(doc instanceof Map<?, ?> top)) {
            throw new Unreadable(where, "is not a mapping; allowed: a stack file with a 'config:' section");
        }
        for (Object k : top.keySet()) {
            String section = String.valueOf(k);
            if (!(k instanceof String) || !SECTIONS.contains(section)) {
                String hint = Names.closest(section, SECTIONS)
                        .map(c -> " (did you mean '" + c + "'?)")
                        .orElse("");
                throw new Unreadable(
                        where,
                        "'" + cut(section) + "' is not a section of a stack file" + hint + "; allowed: "
                                + String.join(", ", SECTIONS));
            }
        }
        Object section = top.get("config");
        if (section == null) {
            return new StackFile(config, secrets, values);
        }
        if (!(section instanceof Map<?, ?> entries)) {
            throw new Unreadable(where, "'config:' is not a mapping; allowed: a mapping of keys to values");
        }
        for (Map.Entry<?, ?> e : entries.entrySet()) {
            if (!(e.getKey() instanceof String key)) {
                throw new Unreadable(
                        where,
                        "config key " + cut(String.valueOf(e.getKey())) + " is not a string; "
                                + "allowed: keys such as mysqlcs:deploy");
            }
            String fullKey = key.contains(":") ? key : project + ":" + key;
            boolean[] secret = {false};
            Object value = replaceSecure(e.getValue(), secret, where, fullKey);
            if (secret[0]) {
                secrets.add(fullKey);
            }
            values.put(fullKey, e.getValue());
            // As the engine stores it: scalars as text, everything else (null too) as JSON.
            config.put(
                    fullKey,
                    value instanceof String s
                            ? s
                            : value instanceof Boolean || value instanceof Number
                                    ? String.valueOf(value)
                                    : GSON.toJson(value));
        }
        return new StackFile(config, secrets, values);
    }

    /** {@code {secure: <ciphertext>}} anywhere in a value becomes the placeholder, and marks the key secret. */
    private static Object replaceSecure(Object v, boolean[] secret, String where, String key) throws Unreadable {
        if (v instanceof Map<?, ?> m) {
            if (m.size() == 1 && m.get("secure") instanceof String) {
                secret[0] = true;
                return SECRET_PLACEHOLDER;
            }
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!(e.getKey() instanceof String k)) {
                    throw new Unreadable(
                            where,
                            key + ": key " + cut(String.valueOf(e.getKey())) + " is not a string; "
                                    + "allowed: string keys");
                }
                out.put(k, replaceSecure(e.getValue(), secret, where, key));
            }
            return out;
        }
        if (v instanceof List<?> l) {
            List<Object> out = new java.util.ArrayList<>();
            for (Object x : l) {
                out.add(replaceSecure(x, secret, where, key));
            }
            return out;
        }
        return v;
    }

    /** Keys of this project only, without the namespace: what {@code ctx.config()} serves. */
    public Map<String, String> projectConfig(String project) {
        Map<String, String> out = new LinkedHashMap<>();
        config.forEach((k, v) -> {
            if (k.startsWith(project + ":")) {
                out.put(k.substring(project.length() + 1), v);
            }
        });
        return out;
    }

    /** This project's config as the program reads it: its keys listed, secrets by their {@code secure:} markers. */
    public ConfigSource configSource(String project) {
        Map<String, String> own = projectConfig(project);
        return new ConfigSource() {
            @Override
            public Optional<String> get(String key) {
                return Optional.ofNullable(own.get(key));
            }

            @Override
            public boolean isSecret(String key) {
                return secretKeys.contains(project + ":" + key);
            }

            @Override
            public Optional<Set<String>> keys() {
                return Optional.of(own.keySet());
            }
        };
    }
}
