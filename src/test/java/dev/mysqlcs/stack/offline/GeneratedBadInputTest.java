package dev.mysqlcs.stack.offline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.mysqlcs.config.ConfigError;
import dev.mysqlcs.config.ConfigSource;
import dev.mysqlcs.config.InvalidConfigException;
import dev.mysqlcs.config.TopologyLoader;
import dev.mysqlcs.provider.Props;
import dev.mysqlcs.provider.ProviderConfig;
import dev.mysqlcs.provider.ResourceInputs;
import dev.mysqlcs.stack.PlanFixture;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.representer.Representer;

/**
 * Generated bad inputs. A table lists every config field of the stack with its kind; for each field the generator
 * derives every wrong YAML type, {@code null}, empty, boundaries, beyond-the-type numbers, long values and nesting,
 * writes the prod stack with that one change, and checks the outcome:
 * <ul>
 *   <li>through the reader and checks {@code ./plan} uses (StackFile, EngineConfigRules, TopologyLoader), in process,
 *       for every case;</li>
 *   <li>through {@link Plan#run} (the ./plan main entry, streams captured) for every {@value #SAMPLE_EVERY}th case:
 *       same lines on stderr, exit code 2 or 1, nothing on stdout;</li>
 *   <li>through the provider's Check ({@link ResourceInputs#parse} on the wire form of the inputs) for every case
 *       under {@code mysqlcs:clusterSet}, {@code mysqlcs:deploy} and {@code mysqlcs:rootUser}: the same messages as
 *       failures; its {@code member} input against every wrong kind of value; and through the provider's config check
 *       ({@link ProviderConfig#check}) for the kube clusters' name, context and kubeconfig.</li>
 * </ul>
 * File-level cases (YAML syntax, encodings, limits) are generated too and must give one {@code plan failed:} line.
 */
class GeneratedBadInputTest {

    static final int SAMPLE_EVERY = 7;

    enum Kind {
        STRING,
        NAME,
        INT,
        BOOL,
        ENUM,
        NAME_LIST,
        IP_LIST,
        MAP,
        FREE_MAP,
        /** A map of names to scalars (routing.tags). */
        TAG_MAP,
        OBJECT_LIST
    }

    /** One config field: its Pulumi path, kind, range (INT) or allowed values (ENUM), whether it is required. */
    record Field(String path, Kind kind, long min, long max, List<String> allowed, boolean required) {
        static Field of(String path, Kind kind, boolean required) {
            return new Field(path, kind, 0, 0, List.of(), required);
        }

        static Field integer(String path, long min, long max, boolean required) {
            return new Field(path, Kind.INT, min, max, List.of(), required);
        }

        static Field enumeration(String path, List<String> allowed) {
            return new Field(path, Kind.ENUM, 0, 0, allowed, false);
        }
    }

    enum Expect {
        FAIL,
        PASS,
        EITHER,
        FILE
    }

    /** A stack value to write at the field; {@link #ABSENT} removes the key. */
    record Case(Field field, String variant, Object value, Expect expect) {
        @Override
        public String toString() {
            return field.path() + " <- " + variant + " (" + expect + ")";
        }
    }

    static final Object ABSENT = new Object();

    static final String CS = "mysqlcs:clusterSet";
    static final String M = CS + ".members[0]";
    static final String KC = "mysqlcs:kubeClusters[0]";

    /** Every field of the stack config (README "Stack configuration"). */
    static final List<Field> FIELDS = List.of(
            Field.of("mysqlcs:deploy", Kind.NAME_LIST, true),
            Field.of("mysqlcs:rootUser", Kind.STRING, false),
            Field.of("mysqlcs:rootHost", Kind.STRING, false),
            Field.of("mysqlcs:rootPassword", Kind.STRING, false),
            Field.of("mysqlcs:meshCaCert", Kind.STRING, false),
            Field.of("mysqlcs:meshCaKey", Kind.STRING, false),
            Field.enumeration("mysqlcs:maxConnectedClusters", List.of("255", "511")),
            Field.of("mysqlcs:cilium", Kind.MAP, false),
            Field.of("mysqlcs:cilium.chartVersion", Kind.STRING, false),
            Field.of("mysqlcs:cilium.chartRepo", Kind.STRING, false),
            Field.of("mysqlcs:cilium.hubbleTls", Kind.BOOL, false),
            Field.of("mysqlcs:cilium.restartDeployments", Kind.NAME_LIST, false),
            Field.of("mysqlcs:mysqlOperator", Kind.MAP, false),
            Field.of("mysqlcs:mysqlOperator.chart", Kind.NAME, false),
            Field.of("mysqlcs:mysqlOperator.chartRepo", Kind.STRING, false),
            Field.of("mysqlcs:mysqlOperator.chartVersion", Kind.STRING, false),
            Field.of("mysqlcs:mysqlOperator.namespace", Kind.NAME, false),
            Field.of("mysqlcs:mysqlOperator.registry", Kind.STRING, false),
            Field.of("mysqlcs:mysqlOperator.repository", Kind.STRING, false),
            Field.of("mysqlcs:mysqlOperator.imageTag", Kind.STRING, false),
            Field.of("mysqlcs:mysqlOperator.pullSecret", Kind.NAME, false),
            Field.of("mysqlcs:mysqlOperator.serverPullSecret", Kind.NAME, false),
            Field.of("mysqlcs:kubeClusters", Kind.OBJECT_LIST, true),
            Field.of(KC + ".name", Kind.NAME, true),
            Field.of(KC + ".context", Kind.STRING, true),
            Field.of(KC + ".kubeconfig", Kind.STRING, false),
            Field.of(KC + ".nodeIps", Kind.IP_LIST, false),
            Field.of(KC + ".cilium", Kind.MAP, true),
            Field.of(KC + ".cilium.clusterName", Kind.NAME, false),
            Field.integer(KC + ".cilium.clusterId", 1, 255, true),
            Field.of(KC + ".meshEndpoint", Kind.MAP, false),
            Field.enumeration(KC + ".meshEndpoint.type", List.of("NodePort", "LoadBalancer")),
            Field.integer(KC + ".meshEndpoint.port", 30000, 32767, false),
            Field.of(KC + ".meshEndpoint.address", Kind.STRING, false),
            Field.of(KC + ".dns", Kind.MAP, false),
            Field.enumeration(KC + ".dns.mode", List.of("corefile", "coredns-custom")),
            Field.integer(KC + ".dns.nodePort", 30000, 32767, false),
            Field.of(KC + ".podCidr", Kind.STRING, false),
            Field.of(CS, Kind.MAP, true),
            Field.of(CS + ".name", Kind.NAME, true),
            Field.of(CS + ".domain", Kind.NAME, false),
            Field.of(CS + ".primary", Kind.NAME, true),
            Field.enumeration(CS + ".linkage", List.of("provider", "operator")),
            Field.integer(CS + ".primaryEpoch", 0, Integer.MAX_VALUE, false),
            Field.of(CS + ".forceFailover", Kind.BOOL, false),
            Field.of(CS + ".allowMixedVersions", Kind.BOOL, false),
            Field.of(CS + ".timeouts", Kind.MAP, false),
            Field.integer(CS + ".timeouts.lockSeconds", 1, 86_400, false),
            Field.integer(CS + ".timeouts.stepSeconds", 1, 86_400, false),
            Field.integer(CS + ".timeouts.rolloutSeconds", 1, 86_400, false),
            Field.of(CS + ".members", Kind.OBJECT_LIST, true),
            Field.of(M + ".name", Kind.NAME, true),
            Field.of(M + ".namespace", Kind.NAME, true),
            Field.of(M + ".kubeCluster", Kind.NAME, true),
            Field.integer(M + ".baseServerId", 1, 4_294_967_195L, true),
            Field.integer(M + ".instances", 1, 9, false),
            Field.integer(M + ".routerInstances", 0, Integer.MAX_VALUE, false),
            Field.of(M + ".version", Kind.STRING, false),
            Field.enumeration(M + ".edition", List.of("community", "enterprise")),
            Field.of(M + ".tls", Kind.MAP, false),
            Field.of(M + ".tls.useSelfSigned", Kind.BOOL, false),
            Field.of(M + ".tls.caSecretName", Kind.NAME, false),
            Field.of(M + ".tls.serverSecretName", Kind.NAME, false),
            Field.of(M + ".tls.routerSecretName", Kind.NAME, false),
            Field.of(M + ".storage", Kind.STRING, false),
            Field.of(M + ".placement", Kind.MAP, false),
            Field.of(M + ".placement.nodeSelector", Kind.FREE_MAP, false),
            Field.of(M + ".placement.affinity", Kind.FREE_MAP, false),
            Field.of(M + ".drillIsolation", Kind.BOOL, false),
            Field.of(M + ".routing", Kind.MAP, false),
            Field.of(M + ".routing.target_cluster", Kind.NAME, false),
            Field.enumeration(M + ".routing.invalidated_cluster_policy", List.of("drop_all", "accept_ro")),
            Field.integer(M + ".routing.stats_updates_frequency", 0, 9_007_199_254_740_991L, false),
            Field.of(M + ".routing.use_replica_primary_as_rw", Kind.BOOL, false),
            Field.enumeration(M + ".routing.read_only_targets", List.of("all", "read_replicas", "secondaries")),
            Field.of(M + ".routing.tags", Kind.TAG_MAP, false));

    static final String LONG = "a".repeat(200_000);
    /** Written into the YAML as {@code "a\\ab"} (a BEL character), which the YAML dumper would make binary. */
    static final String CONTROL = "CONTROL-CHARACTER-PLACEHOLDER";

    static Map<String, Object> nested(int depth) {
        Map<String, Object> m = new LinkedHashMap<>();
        Map<String, Object> cur = m;
        for (int i = 1; i < depth; i++) {
            Map<String, Object> next = new LinkedHashMap<>();
            cur.put("a", next);
            cur = next;
        }
        cur.put("a", 1);
        return m;
    }

    /** Every case the table implies. */
    static List<Case> cases() {
        List<Case> out = new ArrayList<>();
        for (Field f : FIELDS) {
            Kind k = f.kind();
            // A top-level scalar reaches the program as the engine's string ("true", "7"): a string key takes it.
            boolean topString = k == Kind.STRING && !f.path().substring(8).matches(".*[.\\[].*");
            boolean scalar = k == Kind.STRING || k == Kind.NAME || k == Kind.INT || k == Kind.BOOL || k == Kind.ENUM;
            boolean list = k == Kind.NAME_LIST || k == Kind.IP_LIST || k == Kind.OBJECT_LIST;
            boolean map = k == Kind.MAP || k == Kind.FREE_MAP || k == Kind.TAG_MAP;
            // Wrong YAML types and null.
            out.add(new Case(f, "null", null, Expect.FAIL));
            out.add(new Case(f, "absent", ABSENT, f.required() ? Expect.FAIL : Expect.EITHER));
            if (!list) {
                out.add(new Case(f, "list", List.of("x"), Expect.FAIL));
                out.add(new Case(f, "list-of-null", java.util.Arrays.asList((Object) null), Expect.FAIL));
            }
            if (!map) {
                out.add(new Case(f, "map", Map.of("a", 1), Expect.FAIL));
            }
            if (k != Kind.BOOL) {
                out.add(new Case(f, "bool", true, topString ? Expect.EITHER : Expect.FAIL));
            }
            out.add(new Case(
                    f, "int", 7, k == Kind.STRING || k == Kind.NAME || k == Kind.INT ? Expect.EITHER : Expect.FAIL));
            out.add(new Case(f, "float", 1.5, k == Kind.STRING || k == Kind.NAME ? Expect.EITHER : Expect.FAIL));
            out.add(new Case(f, "words", "x y", k == Kind.STRING ? Expect.EITHER : Expect.FAIL));
            out.add(new Case(
                    f,
                    "empty",
                    "",
                    k == Kind.STRING
                                    && !f.required()
                                    && !f.path().endsWith("rootUser")
                                    && !f.path().endsWith("rootHost")
                            ? Expect.EITHER
                            : Expect.FAIL));
            out.add(new Case(f, "long-200k", LONG, k == Kind.STRING ? Expect.EITHER : Expect.FAIL));
            out.add(new Case(f, "control-char", CONTROL, k == Kind.STRING ? Expect.EITHER : Expect.FAIL));
            out.add(new Case(f, "nested-20", nested(20), k == Kind.FREE_MAP ? Expect.EITHER : Expect.FAIL));
            out.add(new Case(f, "nested-40", nested(40), Expect.FILE));
            if (scalar && k != Kind.INT) {
                out.add(new Case(
                        f,
                        "huge-int",
                        new BigInteger("1" + "0".repeat(30)),
                        k == Kind.STRING || k == Kind.NAME ? Expect.EITHER : Expect.FAIL));
            }
            switch (k) {
                case INT -> {
                    out.add(new Case(f, "min", f.min(), Expect.PASS));
                    out.add(new Case(f, "max", f.max(), Expect.PASS));
                    out.add(new Case(f, "min-1", f.min() - 1, Expect.FAIL));
                    out.add(new Case(f, "max+1", f.max() + 1, Expect.FAIL));
                    out.add(new Case(
                            f,
                            "int-max+1",
                            (long) Integer.MAX_VALUE + 1,
                            (long) Integer.MAX_VALUE + 1 > f.max() ? Expect.FAIL : Expect.PASS));
                    out.add(new Case(
                            f, "long-max+1", BigInteger.valueOf(Long.MAX_VALUE).add(BigInteger.ONE), Expect.FAIL));
                    out.add(new Case(
                            f, "long-min-1", BigInteger.valueOf(Long.MIN_VALUE).subtract(BigInteger.ONE), Expect.FAIL));
                    out.add(new Case(f, "quoted-min", String.valueOf(f.min()), Expect.PASS));
                    out.add(new Case(f, "quoted-words", "abc", Expect.FAIL));
                }
                case BOOL -> {
                    out.add(new Case(f, "yes", "yes", Expect.FAIL));
                    // useSelfSigned: false needs the TLS secret names, another rule.
                    Expect off = f.path().endsWith("useSelfSigned") ? Expect.EITHER : Expect.PASS;
                    out.add(new Case(f, "quoted-false", "false", off));
                    out.add(new Case(f, "false", false, off));
                    out.add(new Case(f, "one", 1, Expect.FAIL));
                }
                case ENUM -> {
                    out.add(new Case(f, "bogus", "bogus", Expect.FAIL));
                    for (String a : f.allowed()) {
                        out.add(new Case(
                                f,
                                "allowed-" + a,
                                f.path().endsWith("maxConnectedClusters") ? Integer.parseInt(a) : a,
                                Expect.EITHER));
                    }
                }
                case NAME -> {
                    // A ClusterSet name (AdminAPI) may have capitals and '_'.
                    out.add(new Case(
                            f, "uppercase", "Bad_Name", f.path().equals(CS + ".name") ? Expect.EITHER : Expect.FAIL));
                    out.add(new Case(f, "blank", "   ", Expect.FAIL));
                }
                case NAME_LIST, IP_LIST, OBJECT_LIST -> {
                    out.add(new Case(f, "scalar", "prod", Expect.FAIL));
                    out.add(new Case(f, "list-of-null", java.util.Arrays.asList((Object) null), Expect.FAIL));
                    out.add(new Case(f, "list-of-list", List.of(List.of("x")), Expect.FAIL));
                    out.add(new Case(
                            f,
                            "list-of-map",
                            List.of(Map.of("a", 1)),
                            k == Kind.OBJECT_LIST ? Expect.FAIL : Expect.FAIL));
                    out.add(new Case(
                            f,
                            "empty-list",
                            List.of(),
                            f.path().endsWith("restartDeployments") ? Expect.EITHER : Expect.FAIL));
                    if (k != Kind.OBJECT_LIST) {
                        out.add(new Case(f, "bad-item", List.of("not an ip or name"), Expect.FAIL));
                        out.add(new Case(f, "long-item", List.of(LONG), Expect.FAIL));
                    }
                }
                case MAP -> {
                    out.add(new Case(f, "unknown-setting", Map.of("bogus", 1), Expect.FAIL));
                    out.add(new Case(f, "scalar", "x", Expect.FAIL));
                }
                case FREE_MAP -> out.add(new Case(f, "scalar", "x", Expect.FAIL));
                case TAG_MAP -> {
                    out.add(new Case(f, "scalar", "x", Expect.FAIL));
                    out.add(new Case(f, "empty-map", Map.of(), Expect.PASS));
                    out.add(new Case(f, "scalars", Map.of("zone", "eu", "weight", 3, "canary", true), Expect.PASS));
                    out.add(new Case(f, "name-digit", Map.of("1st", "x"), Expect.FAIL));
                    out.add(new Case(f, "name-underscore", Map.of("_hidden", true), Expect.FAIL));
                    out.add(new Case(f, "name-dash", Map.of("a-b", "x"), Expect.FAIL));
                    out.add(new Case(f, "value-map", Map.of("a", Map.of("b", 1)), Expect.FAIL));
                    out.add(new Case(f, "value-list", Map.of("a", List.of(1)), Expect.FAIL));
                    out.add(new Case(f, "value-float", Map.of("a", 1.5), Expect.FAIL));
                    out.add(new Case(f, "value-null", java.util.Collections.singletonMap("a", null), Expect.FAIL));
                    out.add(new Case(f, "value-huge", Map.of("a", new BigInteger("1" + "0".repeat(30))), Expect.FAIL));
                }
                default -> {}
            }
        }
        return out;
    }

    // ---- writing a case into the prod stack ----

    static Map<String, Object> prodDocument() throws IOException {
        return new Yaml(new SafeConstructor(new LoaderOptions()))
                .load(Files.readString(PlanFixture.repoRoot().resolve("Pulumi.prod.yaml")));
    }

    static final Pattern SEGMENT = Pattern.compile("\\.([A-Za-z_]+)|\\[(\\d+)]");

    /** Puts {@code value} at {@code path} ({@code mysqlcs:clusterSet.members[0].instances}) in the document. */
    @SuppressWarnings("unchecked")
    static void put(Map<String, Object> doc, String path, Object value) {
        Map<String, Object> config = (Map<String, Object>) doc.get("config");
        int end = path.length();
        Matcher first = Pattern.compile("[.\\[]").matcher(path.substring(path.indexOf(':')));
        if (first.find()) {
            end = path.indexOf(':') + first.start();
        }
        String top = path.substring(0, end);
        List<Object> steps = new ArrayList<>();
        Matcher m = SEGMENT.matcher(path.substring(end));
        while (m.find()) {
            steps.add(m.group(1) != null ? m.group(1) : (Object) Integer.parseInt(m.group(2)));
        }
        if (steps.isEmpty()) {
            set(config, top, value);
            return;
        }
        Object cur = config.computeIfAbsent(top, x -> new LinkedHashMap<>());
        for (int i = 0; i < steps.size() - 1; i++) {
            Object s = steps.get(i);
            if (s instanceof Integer idx) {
                cur = ((List<Object>) cur).get(idx);
            } else {
                cur = ((Map<String, Object>) cur).computeIfAbsent((String) s, x -> new LinkedHashMap<>());
            }
        }
        Object last = steps.get(steps.size() - 1);
        if (last instanceof Integer idx) {
            ((List<Object>) cur).set(idx, value);
        } else {
            set((Map<String, Object>) cur, (String) last, value);
        }
    }

    private static void set(Map<String, Object> m, String k, Object value) {
        if (value == ABSENT) {
            m.remove(k);
        } else {
            m.put(k, value);
        }
    }

    static String yaml(Case c) throws IOException {
        Map<String, Object> doc = prodDocument();
        put(doc, c.field().path(), c.value());
        DumperOptions o = new DumperOptions();
        o.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        o.setWidth(Integer.MAX_VALUE);
        o.setSplitLines(false);
        return new Yaml(new SafeConstructor(new LoaderOptions()), new Representer(o), o)
                .dump(doc)
                .replace(CONTROL, "\"a\\ab\"");
    }

    // ---- the checks ----

    static final Pattern SHAPE = Pattern.compile("config error: (\\S+): (.+); allowed: (.+)");
    static final Pattern JAVA_NAME = Pattern.compile("\\b(?:java|javax|com|org|dev)\\.[a-z]+\\.|Exception|\\tat ");

    static Plan.Project project;
    static ProviderConfig providerConfig;
    static final AtomicInteger COUNT = new AtomicInteger();
    static final AtomicInteger PROVIDER_COUNT = new AtomicInteger();
    static final AtomicInteger MAIN_COUNT = new AtomicInteger();
    /** Of PROVIDER_COUNT: cases on the provider's deploy / rootUser inputs, and on its member input. */
    static final AtomicInteger INPUTS_COUNT = new AtomicInteger();

    static final AtomicInteger MEMBER_COUNT = new AtomicInteger();
    static final AtomicInteger CONFIG_COUNT = new AtomicInteger();
    static final AtomicInteger FILE_COUNT = new AtomicInteger();

    @BeforeAll
    static void setUp() throws IOException {
        System.setProperty("mysqlcs.projectDir", PlanFixture.repoRoot().toString());
        project = Plan.Project.read(PlanFixture.repoRoot());
        providerConfig = ProviderConfig.check(Map.of(
                        "kubeClusters",
                        List.of(
                                Map.of("name", "prod", "context", "context-che34bk2roa"),
                                Map.of("name", "dr", "context", "context-cabqjcrx6nq"))))
                .config()
                .orElseThrow();
    }

    @AfterAll
    static void report() {
        System.out.println("GeneratedBadInputTest: " + COUNT.get() + " field cases (" + PROVIDER_COUNT.get()
                + " also through the provider's Check or config check: " + INPUTS_COUNT.get() + " on deploy/rootUser, "
                + CONFIG_COUNT.get() + " on kubeClusters name/context/kubeconfig, " + MEMBER_COUNT.get()
                + " on member; " + MAIN_COUNT.get() + " also through ./plan's main entry), "
                + FILE_COUNT.get() + " file-level cases");
    }

    /** What ./plan decides before the program runs: the file, the engine's rules, then the program's config. */
    static List<String> inProcess(String text, String stack) throws StackFile.Unreadable {
        StackFile read = StackFile.fromDocument(
                StackFile.parse(text, "Pulumi." + stack + ".yaml"), project.name(), "Pulumi." + stack + ".yaml");
        List<ConfigError> engine =
                EngineConfigRules.validateStack(stack, project.name(), project.declarations(), read.values());
        if (!engine.isEmpty()) {
            return engine.stream().map(ConfigError::render).toList();
        }
        StackFile file = project.withDefaults(read);
        ConfigSource source = file.configSource(project.name());
        try {
            TopologyLoader.load(source, true);
            return List.of();
        } catch (InvalidConfigException e) {
            return e.errors().stream().map(ConfigError::render).toList();
        }
    }

    static void assertShape(String line, Case c) {
        Matcher m = SHAPE.matcher(line);
        assertTrue(m.matches(), c + ": not the shape 'config error: <key>: <what>; allowed: <what is>': " + line);
        assertFalse(JAVA_NAME.matcher(line).find(), c + ": Java internals in " + line);
        assertTrue(line.length() < 1200, c + ": " + line.length() + " characters");
        assertFalse(line.contains("a".repeat(61)), c + ": a long value is not cut");
    }

    static boolean about(String line, String path) {
        Matcher m = SHAPE.matcher(line);
        if (!m.matches()) {
            return false;
        }
        String key = m.group(1);
        return key.equals(path) || key.startsWith(path + ".") || key.startsWith(path + "[") || path.startsWith(key);
    }

    @TestFactory
    Stream<DynamicTest> everyFieldAgainstEveryBadValue() {
        List<Case> all = cases();
        List<DynamicTest> tests = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            Case c = all.get(i);
            boolean sample = i % SAMPLE_EVERY == 0;
            tests.add(DynamicTest.dynamicTest(c.toString(), () -> check(c, sample)));
        }
        return tests.stream();
    }

    static void check(Case c, boolean sample) throws Exception {
        COUNT.incrementAndGet();
        String text = yaml(c);
        List<String> errors;
        try {
            errors = inProcess(text, "gen");
        } catch (StackFile.Unreadable e) {
            assertEquals(Expect.FILE, c.expect(), c + ": refused as a file: " + e.getMessage());
            assertTrue(e.getMessage().startsWith("Pulumi.gen.yaml: "), e.getMessage());
            assertFalse(e.getMessage().contains("\n"));
            assertFalse(JAVA_NAME.matcher(e.getMessage()).find(), e.getMessage());
            if (sample) {
                viaMain(c, text, 1, null);
            }
            return;
        }
        switch (c.expect()) {
            case PASS -> assertEquals(List.of(), errors, c.toString());
            case FILE -> fail(c + ": expected a file-level refusal, got " + errors);
            case FAIL -> assertFalse(errors.isEmpty(), c + ": accepted");
            default -> {}
        }
        errors.forEach(line -> assertShape(line, c));
        if (c.expect() == Expect.FAIL) {
            assertTrue(
                    errors.stream().anyMatch(l -> about(l, c.field().path())),
                    c + ": no error names " + c.field().path() + ": " + errors);
        }
        if (sample) {
            viaMain(c, text, errors.isEmpty() ? 0 : 2, errors);
        }
        if (c.field().path().startsWith(CS) && c.expect() != Expect.FILE) {
            viaProvider(c, text, errors);
        }
        if (c.field().path().matches("mysqlcs:kubeClusters\\[0]\\.(name|context|kubeconfig)")) {
            viaProviderConfig(c, text, errors);
        }
        if (PROVIDER_INPUTS.contains(c.field().path())) {
            viaProviderInputs(c, errors);
        }
    }

    /** Top-level settings the program passes to the provider as resource inputs of the same name. */
    static final List<String> PROVIDER_INPUTS = List.of("mysqlcs:deploy", "mysqlcs:rootUser");

    /** Variants whose wire form differs from the YAML (null is no value; numbers are doubles): keys compared. */
    static final List<String> WIRE_DIFFERS =
            List.of("null", "absent", "int", "float", "huge-int", "bool", "list-of-null", "long-max+1", "long-min-1");

    /**
     * The provider's Check on {@code deploy} / {@code rootUser} (ClusterSet inputs, protobuf wire form). A value the
     * program accepts reaches the provider as the program sends it (a top-level scalar is the engine's string) and
     * must pass; a value the program refuses is sent as written (as a hand-written program could) and must be refused
     * on that input with the program's line (the same key where the wire form differs).
     */
    static void viaProviderInputs(Case c, List<String> planErrors) throws IOException {
        String input = c.field().path().substring("mysqlcs:".length());
        List<String> program =
                planErrors.stream().filter(l -> about(l, c.field().path())).toList();
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put(ResourceInputs.SPEC, ((Map<?, ?>) prodDocument().get("config")).get(CS));
        inputs.put(ResourceInputs.DEPLOY, List.of("prod"));
        inputs.put(ResourceInputs.ROOT_USER, "root");
        inputs.put(ResourceInputs.ROOT_PASSWORD, new Props.Secret("pw"));
        Object value = c.value() == CONTROL ? "a\u0007b" : c.value();
        if (program.isEmpty() && input.equals("rootUser")) {
            value = value == ABSENT ? "root" : String.valueOf(value);
        }
        if (value == ABSENT) {
            inputs.remove(input);
        } else {
            inputs.put(input, value);
        }
        PROVIDER_COUNT.incrementAndGet();
        INPUTS_COUNT.incrementAndGet();
        ResourceInputs.Parsed parsed =
                ResourceInputs.parse(Props.fromStruct(Props.toStruct(inputs)), false, Optional.of(providerConfig));
        List<String> reasons = parsed.failures().stream()
                .filter(f -> f.property().equals(input))
                .map(ResourceInputs.Failure::reason)
                .toList();
        if (program.isEmpty()) {
            assertEquals(List.of(), reasons, c + ": the program accepts it, the provider's Check does not");
            return;
        }
        assertFalse(
                reasons.isEmpty(), c + ": the program refuses it (" + program + "), the provider's Check accepts it");
        reasons.forEach(r -> assertShape(r, c));
        if (WIRE_DIFFERS.contains(c.variant())) {
            List<String> keys = reasons.stream()
                    .map(SHAPE::matcher)
                    .filter(Matcher::matches)
                    .map(m -> m.group(1))
                    .toList();
            program.stream()
                    .map(SHAPE::matcher)
                    .filter(Matcher::matches)
                    .map(m -> m.group(1))
                    .forEach(k ->
                            assertTrue(keys.contains(k), c + ": the provider does not refuse " + k + ": " + reasons));
            return;
        }
        // The Pulumi CLI's type check names the stack; the provider words the same rule without it.
        List<String> words = program.stream()
                .map(l -> l.replaceFirst("Stack '[^']*' with configuration key '[^']*' ", ""))
                .toList();
        assertEquals(words, reasons, c + ": the provider's Check words it differently");
    }

    /** The provider's Check on {@code member}: every wrong kind of value refused with the shape; members pass. */
    @TestFactory
    Stream<DynamicTest> memberInputAgainstEveryBadValue() throws IOException {
        Map<?, ?> spec = (Map<?, ?>) ((Map<?, ?>) prodDocument().get("config")).get(CS);
        List<String> members = ((List<?>) spec.get("members"))
                .stream().map(m -> (String) ((Map<?, ?>) m).get("name")).toList();
        Map<String, Object> variants = new LinkedHashMap<>();
        variants.put("absent", ABSENT);
        variants.put("null", null);
        variants.put("empty", "");
        variants.put("blank", "   ");
        variants.put("list", List.of(members.get(0)));
        variants.put("map", Map.of("name", members.get(0)));
        variants.put("int", 7);
        variants.put("bool", true);
        variants.put("not-a-member", "nope");
        variants.put("uppercase", members.get(0).toUpperCase(java.util.Locale.ROOT));
        variants.put("long-200k", LONG);
        variants.put("control-char", "a\u0007b");
        members.forEach(m -> variants.put("member-" + m, m));
        List<DynamicTest> tests = new ArrayList<>();
        variants.forEach((variant, value) -> tests.add(DynamicTest.dynamicTest("member <- " + variant, () -> {
            PROVIDER_COUNT.incrementAndGet();
            MEMBER_COUNT.incrementAndGet();
            Map<String, Object> inputs = new LinkedHashMap<>();
            inputs.put(ResourceInputs.SPEC, spec);
            inputs.put(ResourceInputs.DEPLOY, List.of("prod"));
            inputs.put(ResourceInputs.ROOT_USER, "root");
            inputs.put(ResourceInputs.ROOT_PASSWORD, new Props.Secret("pw"));
            if (value != ABSENT) {
                inputs.put(ResourceInputs.MEMBER, value);
            }
            List<String> reasons = ResourceInputs.parse(
                            Props.fromStruct(Props.toStruct(inputs)), true, Optional.of(providerConfig))
                    .failures()
                    .stream()
                    .filter(f -> f.property().equals("member"))
                    .map(ResourceInputs.Failure::reason)
                    .toList();
            Case c = new Case(Field.of("member", Kind.NAME, true), variant, value, Expect.FAIL);
            if (variant.startsWith("member-")) {
                assertEquals(List.of(), reasons, c.toString());
                return;
            }
            assertEquals(1, reasons.size(), c + ": " + reasons);
            assertShape(reasons.get(0), c);
            assertTrue(reasons.get(0).startsWith("config error: member: "), reasons.get(0));
            assertTrue(
                    reasons.get(0).endsWith("; allowed: " + String.join(", ", members))
                            || reasons.get(0).endsWith("; allowed: one of " + String.join(", ", members)),
                    reasons.get(0));
        })));
        return tests.stream();
    }

    /** The ./plan main entry on the same file: exit code and exactly the in-process lines on stderr. */
    static void viaMain(Case c, String text, int exit, List<String> errors) throws IOException {
        MAIN_COUNT.incrementAndGet();
        Path f = Files.createTempDirectory("gen").resolve("Pulumi.gen.yaml");
        Files.writeString(f, text);
        PlanCommandTest.Run r = PlanCommandTest.plan("--config", f.toString());
        assertEquals(exit, r.exit(), c + ": " + r.err());
        if (exit == 1) {
            assertTrue(r.err().startsWith("plan failed: " + f + ": "), r.err());
            assertEquals(1, r.err().lines().count(), r.err());
            assertEquals("", r.out());
        } else if (exit == 2) {
            assertEquals(String.join("\n", errors) + "\n", r.err(), c.toString());
            assertEquals("", r.out());
        } else {
            assertTrue(r.out().startsWith("Plan of stack 'gen'"), c + ": " + r.out());
        }
        Files.delete(f);
        Files.delete(f.getParent());
    }

    /** The provider's Check on the ClusterSet as the engine sends it (protobuf Struct): the same refusals. */
    @SuppressWarnings("unchecked")
    static void viaProvider(Case c, String text, List<String> planErrors) throws StackFile.Unreadable {
        Map<String, Object> doc = (Map<String, Object>) StackFile.parse(text, "gen");
        Object spec = ((Map<String, Object>) doc.get("config")).get(CS);
        if (!(spec instanceof Map<?, ?>)) {
            return; // not a ClusterSet at all: the program refuses it before any resource exists
        }
        PROVIDER_COUNT.incrementAndGet();
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put(ResourceInputs.SPEC, spec);
        inputs.put(ResourceInputs.DEPLOY, List.of("prod"));
        inputs.put(ResourceInputs.ROOT_USER, "root");
        inputs.put(ResourceInputs.ROOT_PASSWORD, new Props.Secret("pw"));
        Map<String, Object> wire = Props.fromStruct(Props.toStruct(inputs));
        ResourceInputs.Parsed parsed = ResourceInputs.parse(wire, false, Optional.of(providerConfig));
        List<String> reasons = parsed.failures().stream()
                .map(ResourceInputs.Failure::reason)
                .map(r -> r.replace(
                        " (the mysqlcs provider's kubeClusters must list every Kubernetes cluster of the "
                                + "ClusterSet)",
                        ""))
                .toList();
        List<String> expected = planErrors.stream()
                .filter(l -> l.startsWith("config error: " + CS))
                // Mesh rules need the whole topology, which the provider does not see.
                .filter(l -> !l.contains("is also the namespace of"))
                .map(GeneratedBadInputTest::wireNumbers)
                .toList();
        if (List.of("int", "float", "huge-int", "long-max+1", "long-min-1").contains(c.variant())) {
            // The wire sends every number as a double (7 arrives as 7.0, 1e30 as 1.0E30), which changes how a
            // number used as a string is quoted: compare the keys refused.
            List<String> keys = reasons.stream()
                    .map(SHAPE::matcher)
                    .filter(Matcher::matches)
                    .map(x -> x.group(1))
                    .toList();
            expected.stream()
                    .map(SHAPE::matcher)
                    .filter(Matcher::matches)
                    .map(x -> x.group(1))
                    .forEach(k ->
                            assertTrue(keys.contains(k), c + ": the provider does not refuse " + k + ": " + reasons));
            return;
        }
        for (String e : expected) {
            assertTrue(
                    reasons.stream().map(GeneratedBadInputTest::wireNumbers).anyMatch(e::equals),
                    c + ": the provider's Check does not refuse with\n  " + e + "\nbut with " + reasons);
        }
        if (expected.isEmpty() && !planErrors.isEmpty()) {
            return;
        }
        reasons.forEach(r -> assertTrue(SHAPE.matcher(r).matches() || !r.startsWith("config error"), r));
    }

    // ---- file-level cases: one "plan failed: <file>: <reason>" line, exit 1 ----

    record FileCase(String name, byte[] bytes, String reason) {
        @Override
        public String toString() {
            return name;
        }
    }

    static byte[] utf8(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    static List<FileCase> fileCases() throws IOException {
        String prod = Files.readString(PlanFixture.repoRoot().resolve("Pulumi.prod.yaml"));
        List<FileCase> out = new ArrayList<>();
        out.add(new FileCase(
                "tab-indent",
                utf8(prod.replace("  mysqlcs:deploy", "\tmysqlcs:deploy")),
                "a tab character where YAML needs spaces"));
        out.add(new FileCase("unclosed-flow", utf8(prod.replace("[prod]", "[prod")), "line "));
        out.add(new FileCase("bad-indent", utf8(prod.replace("    name: mycs", "      name: mycs")), "line "));
        out.add(new FileCase("utf16", prod.getBytes(java.nio.charset.StandardCharsets.UTF_16), "is UTF-16 text"));
        out.add(new FileCase(
                "latin1",
                prod.replace("root", "r\u00f6ot").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1),
                "is not UTF-8 text"));
        out.add(new FileCase("nul-byte", utf8(prod.replace("root", "ro\u0000ot")), "contains binary data"));
        out.add(new FileCase("two-documents", utf8(prod + "---\nconfig: {}\n"), "a second YAML document"));
        for (String tag : List.of(
                "!!binary aGVsbG8=",
                "!!str x",
                "!custom x",
                "!!timestamp 2024-01-01",
                "!!set {a, b}",
                "!!python/object:os.system x")) {
            out.add(new FileCase(
                    "tag " + tag,
                    utf8(prod.replace("mysqlcs:rootUser: root", "mysqlcs:rootUser: " + tag)),
                    "is not allowed"));
        }
        out.add(new FileCase(
                "timestamp",
                utf8(prod.replace("mysqlcs:rootUser: root", "mysqlcs:rootUser: 2024-01-01")),
                "is read as a YAML timestamp"));
        out.add(new FileCase(
                "inf",
                utf8(prod.replace("mysqlcs:rootUser: root", "mysqlcs:rootUser: .inf")),
                "is not a finite number"));
        out.add(new FileCase(
                "nan",
                utf8(prod.replace("mysqlcs:rootUser: root", "mysqlcs:rootUser: .NaN")),
                "is not a finite number"));
        out.add(new FileCase(
                "duplicate-top-key", utf8(prod + "  mysqlcs:deploy: [dr]\n"), "duplicate key 'mysqlcs:deploy'"));
        out.add(new FileCase(
                "duplicate-nested-key",
                utf8(prod.replace("    name: mycs\n", "    name: mycs\n    name: x\n")),
                "duplicate key 'name'"));
        StringBuilder bomb = new StringBuilder("x-bomb:\n  a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        String prev = "a";
        for (char c = 'b'; c <= 'j'; c++) {
            bomb.append("  ").append(c).append(": &").append(c).append(" [");
            for (int i = 0; i < 9; i++) {
                bomb.append(i == 0 ? "" : ", ").append('*').append(prev);
            }
            bomb.append("]\n");
            prev = String.valueOf(c);
        }
        out.add(new FileCase("alias-bomb", utf8(bomb + prod), "YAML aliases"));
        StringBuilder eleven = new StringBuilder("config:\n  mysqlcs:cilium: &c {hubbleTls: false}\n  mysqlcs:x: [");
        for (int i = 0; i < 11; i++) {
            eleven.append(i == 0 ? "" : ", ").append("*c");
        }
        out.add(new FileCase("eleven-aliases", utf8(eleven + "]\n"), "more than 10 YAML aliases"));
        StringBuilder expand = new StringBuilder("config:\n  mysqlcs:a: &a [");
        for (int i = 0; i < 20_000; i++) {
            expand.append(i == 0 ? "" : ",").append(i);
        }
        expand.append("]\n  mysqlcs:b: [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n");
        out.add(new FileCase("alias-expansion", utf8(expand.toString()), "expands to more than 100000 values"));
        out.add(new FileCase(
                "nesting-40",
                utf8("config:\n  mysqlcs:cilium: " + "[".repeat(40) + "]".repeat(40) + "\n"),
                "nesting deeper than 32 levels"));
        out.add(new FileCase(
                "over-1-MiB", utf8(prod + "# " + "x".repeat(StackFile.MAX_BYTES) + "\n"), "bytes; allowed"));
        out.add(new FileCase("non-string-key", utf8(prod + "  [a, b]: 1\n"), "is not a string"));
        out.add(new FileCase("null-key", utf8(prod + "  ~: 1\n"), "is not a string"));
        out.add(new FileCase("unknown-section", utf8(prod.replace("config:", "confg:")), "did you mean 'config'?"));
        out.add(new FileCase("top-is-list", utf8("- config\n"), "is not a mapping"));
        out.add(new FileCase("config-is-list", utf8("config: [a]\n"), "'config:' is not a mapping"));
        out.add(new FileCase(
                "binary-garbage",
                new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A},
                "is not UTF-8 text"));
        return out;
    }

    @TestFactory
    Stream<DynamicTest> everyUnreadableFile() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (FileCase c : fileCases()) {
            tests.add(DynamicTest.dynamicTest(c.name(), () -> {
                FILE_COUNT.incrementAndGet();
                Path f = Files.createTempDirectory("gen").resolve("Pulumi.gen.yaml");
                Files.write(f, c.bytes());
                long t0 = System.nanoTime();
                PlanCommandTest.Run r = PlanCommandTest.plan("--config", f.toString());
                assertTrue(System.nanoTime() - t0 < 10_000_000_000L, c + ": took too long");
                assertEquals(1, r.exit(), c + ": " + r.err());
                assertEquals("", r.out());
                assertEquals(1, r.err().lines().count(), r.err());
                assertTrue(r.err().startsWith("plan failed: " + f + ": "), r.err());
                assertTrue(r.err().contains(c.reason()), c + ": " + r.err());
                assertFalse(JAVA_NAME.matcher(r.err()).find(), r.err());
                assertTrue(r.err().length() < 400, r.err());
                Files.delete(f);
                Files.delete(f.getParent());
            }));
        }
        tests.add(DynamicTest.dynamicTest("a directory", () -> {
            FILE_COUNT.incrementAndGet();
            Path d = Files.createTempDirectory("gen");
            PlanCommandTest.Run r = PlanCommandTest.plan("--config", d.toString());
            assertEquals(1, r.exit());
            assertEquals(
                    "plan failed: " + d + ": is a directory; allowed: a stack file such as Pulumi.prod.yaml\n",
                    r.err());
        }));
        return tests.stream();
    }

    /**
     * The provider's Configure on the kube clusters as the program sends them (name, context, kubeconfig): a context
     * or name the program refuses for being empty, missing, not a string or shared is refused there too.
     */
    @SuppressWarnings("unchecked")
    static void viaProviderConfig(Case c, String text, List<String> planErrors) throws StackFile.Unreadable {
        Map<String, Object> doc = (Map<String, Object>) StackFile.parse(text, "gen");
        List<Map<String, Object>> kubes =
                (List<Map<String, Object>>) ((Map<String, Object>) doc.get("config")).get("mysqlcs:kubeClusters");
        List<Object> sent = new ArrayList<>();
        for (Map<String, Object> k : kubes) {
            Map<String, Object> access = new LinkedHashMap<>();
            for (String f : List.of("name", "context", "kubeconfig")) {
                if (k.containsKey(f)) {
                    access.put(f, k.get(f));
                }
            }
            sent.add(access);
        }
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("kubeClusters", sent);
        PROVIDER_COUNT.incrementAndGet();
        CONFIG_COUNT.incrementAndGet();
        var checked = ProviderConfig.check(Props.fromStruct(Props.toStruct(inputs)));
        List<String> keys = checked.failures().stream().map(Map.Entry::getKey).toList();
        String field = c.field().path().substring(c.field().path().lastIndexOf('.') + 1);
        boolean refused = planErrors.stream()
                .map(SHAPE::matcher)
                .filter(Matcher::matches)
                .anyMatch(m -> m.group(1).equals(c.field().path())
                        && (field.equals("context")
                                || m.group(2).startsWith("is required")
                                || m.group(2).startsWith("is null")));
        if (refused && !field.equals("kubeconfig")) {
            assertTrue(keys.contains("kubeClusters[0]." + field), c + ": the provider's config accepts it: " + keys);
        }
        // A name the program refuses by its format is refused by the provider's config with the same words.
        planErrors.stream()
                .map(SHAPE::matcher)
                .filter(Matcher::matches)
                .filter(m -> m.group(1).equals(KC + ".name") && m.group(2).endsWith("is not a valid name"))
                .forEach(m -> assertTrue(
                        checked.failures()
                                .contains(Map.entry("kubeClusters[0].name", m.group(2) + "; allowed: " + m.group(3))),
                        c + ": the provider's config words it otherwise: " + checked.failures()));
        checked.failures()
                .forEach(f -> assertFalse(JAVA_NAME.matcher(f.getValue()).find(), f.getValue()));
    }

    /** The wire carries numbers as doubles: 7 arrives as 7.0. Messages are compared with that difference removed. */
    static String wireNumbers(String s) {
        return s.replaceAll("'(-?\\d+)\\.0'", "'$1'");
    }
}
