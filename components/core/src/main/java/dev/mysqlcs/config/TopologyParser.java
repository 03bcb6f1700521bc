package dev.mysqlcs.config;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.mysqlcs.model.ClusterSetSpec;
import dev.mysqlcs.model.ClusterSetTimeouts;
import dev.mysqlcs.model.DnsMode;
import dev.mysqlcs.model.Edition;
import dev.mysqlcs.model.KubeCluster;
import dev.mysqlcs.model.Linkage;
import dev.mysqlcs.model.Member;
import dev.mysqlcs.model.MeshEndpoint;
import dev.mysqlcs.model.MeshSettings;
import dev.mysqlcs.model.OperatorSettings;
import dev.mysqlcs.model.Placement;
import dev.mysqlcs.model.RootCredentials;
import dev.mysqlcs.model.Tls;
import dev.mysqlcs.model.Topology;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads the stack config keys into a {@link Topology}: presence and types only. Ranges, formats and cross-field
 * rules are {@link TopologyValidator}'s. Defaults live here, and README's config table repeats them.
 */
public final class TopologyParser {

    public static final String NAMESPACE = "mysqlcs";

    public static final String CLUSTER_SET = "clusterSet";
    public static final String KUBE_CLUSTERS = "kubeClusters";
    public static final String DEPLOY = "deploy";
    public static final String MAX_CONNECTED_CLUSTERS = "maxConnectedClusters";
    public static final String ROOT_USER = "rootUser";
    public static final String ROOT_HOST = "rootHost";
    public static final String ROOT_PASSWORD = "rootPassword";

    public static final String DEFAULT_DOMAIN = "cluster.local";
    public static final int DEFAULT_INSTANCES = 3;
    public static final int DEFAULT_ROUTER_INSTANCES = 1;
    public static final int DEFAULT_MESH_NODE_PORT = 32379;
    public static final int DEFAULT_MESH_LB_PORT = 2379;
    public static final int DEFAULT_DNS_NODE_PORT = 30053;
    public static final int DEFAULT_MAX_CONNECTED_CLUSTERS = 255;

    /** Every top-level key of the project's namespace the program reads; Pulumi.yaml declares exactly these. */
    public static final List<String> KEYS = List.of(
            CLUSTER_SET,
            KUBE_CLUSTERS,
            DEPLOY,
            MAX_CONNECTED_CLUSTERS,
            MeshConfigParser.CILIUM,
            MeshConfigParser.MESH_CA_CERT,
            MeshConfigParser.MESH_CA_KEY,
            ROOT_USER,
            ROOT_HOST,
            ROOT_PASSWORD,
            OperatorSettingsParser.KEY);

    /** A value as the messages describe it: null, an object, a list, or the value quoted. */
    public static String describe(JsonElement e) {
        return JsonFields.describe(e);
    }

    /** {@code mysqlcs:clusterSet} missing (the program and the provider's Check word it alike). */
    public static ConfigError clusterSetRequired() {
        return new ConfigError(
                key(CLUSTER_SET), "is required; allowed: the ClusterSet name, domain, primary and members");
    }

    /** {@code mysqlcs:clusterSet} (or another object key) that is not an object. */
    public static ConfigError expectedObject(String k, JsonElement e) {
        return new ConfigError(key(k), "expected an object, got " + JsonFields.describe(e) + "; allowed: a mapping");
    }

    /** {@code mysqlcs:deploy} missing. */
    public static ConfigError deployRequired() {
        return new ConfigError(
                key(DEPLOY),
                "is required; allowed: the names of the kubeClusters this stack deploys into, e.g. [prod]");
    }

    /** {@code mysqlcs:deploy} (or another list key) that is not a list. */
    public static ConfigError expectedList(String k, JsonElement e) {
        return new ConfigError(key(k), "expected a list, got " + JsonFields.describe(e) + "; allowed: a list");
    }

    /** An item of {@code mysqlcs:deploy} that is not a string. */
    public static ConfigError deployItemNotAName(int i, JsonElement e) {
        return new ConfigError(
                key(DEPLOY) + "[" + i + "]",
                "expected a kubeClusters name, got " + JsonFields.describe(e) + "; allowed: a name");
    }

    /** {@code mysqlcs:rootPassword} given in plain text. */
    public static ConfigError rootPasswordNotSecret() {
        return new ConfigError(
                key(ROOT_PASSWORD),
                "must be a secret; allowed: a secret, set with: pulumi config set --secret " + key(ROOT_PASSWORD));
    }

    /** {@code mysqlcs:rootPassword} missing or empty. */
    public static ConfigError rootPasswordRequired() {
        return new ConfigError(
                key(ROOT_PASSWORD),
                "is required (the MySQL root password of every "
                        + "member); allowed: a secret, set with: pulumi config set --secret " + key(ROOT_PASSWORD));
    }

    /** What parsing found: the model (when the structure was readable), errors and warnings. */
    public record Result(Optional<Topology> topology, List<ConfigError> errors, List<String> warnings) {}

    private final List<ConfigError> errors = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private final ConfigSource source;
    private final boolean offline;

    private TopologyParser(ConfigSource source, boolean offline) {
        this.source = source;
        this.offline = offline;
    }

    /**
     * @param offline true for {@code ./plan}: encrypted values cannot be read there, so a missing required secret
     *                is a warning instead of an error
     */
    public static Result parse(ConfigSource source, boolean offline) {
        return new TopologyParser(source, offline).run();
    }

    /** What {@link #parseClusterSet(String)} found. */
    public record ClusterSetResult(Optional<ClusterSetSpec> clusterSet, List<ConfigError> errors) {}

    /**
     * Only {@code mysqlcs:clusterSet}, given as JSON: what the ClusterSet provider's Check reads from resource
     * inputs. Same rules and error keys as the stack program.
     */
    public static ClusterSetResult parseClusterSet(String clusterSetJson) {
        TopologyParser p = new TopologyParser(
                new ConfigSource() {
                    @Override
                    public Optional<String> get(String key) {
                        return key.equals(CLUSTER_SET) ? Optional.of(clusterSetJson) : Optional.empty();
                    }

                    @Override
                    public boolean isSecret(String key) {
                        return false;
                    }
                },
                true);
        Optional<ClusterSetSpec> spec =
                p.json(CLUSTER_SET).flatMap(e -> p.expectObject(CLUSTER_SET, e)).map(p::clusterSet);
        return new ClusterSetResult(spec, List.copyOf(p.errors));
    }

    private static String key(String k) {
        return NAMESPACE + ":" + k;
    }

    private Result run() {
        source.keys().ifPresent(this::unknownKeys);
        Optional<JsonObject> clusterSetJson = json(CLUSTER_SET).flatMap(e -> expectObject(CLUSTER_SET, e));
        Optional<JsonArray> kubeJson = json(KUBE_CLUSTERS).flatMap(e -> expectArray(KUBE_CLUSTERS, e));
        Optional<JsonArray> deployJson = json(DEPLOY).flatMap(e -> expectArray(DEPLOY, e));
        if (source.get(CLUSTER_SET).isEmpty()) {
            errors.add(clusterSetRequired());
        }
        if (source.get(KUBE_CLUSTERS).isEmpty()) {
            errors.add(new ConfigError(
                    key(KUBE_CLUSTERS), "is required; allowed: one entry per Kubernetes cluster of the mesh"));
        }
        if (source.get(DEPLOY).isEmpty()) {
            errors.add(deployRequired());
        }

        ClusterSetSpec clusterSet = clusterSetJson.map(this::clusterSet).orElse(null);
        List<KubeCluster> kubeClusters = kubeJson.map(a -> list(a, key(KUBE_CLUSTERS), this::kubeCluster))
                .orElse(List.of());
        List<String> deploy = new ArrayList<>();
        deployJson.ifPresent(a -> {
            for (int i = 0; i < a.size(); i++) {
                JsonElement e = a.get(i);
                if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isString()) {
                    deploy.add(e.getAsString());
                } else {
                    errors.add(deployItemNotAName(i, e));
                }
            }
        });

        int maxConnected = (int) scalarInt(MAX_CONNECTED_CLUSTERS, DEFAULT_MAX_CONNECTED_CLUSTERS, "255 or 511");
        RootCredentials root = new RootCredentials(
                source.get(ROOT_USER).orElse("root"), source.get(ROOT_HOST).orElse("%"), rootPasswordPresent());

        OperatorSettings mysqlOperator = OperatorSettingsParser.parse(source, errors, warnings);
        MeshSettings mesh = MeshConfigParser.parse(source, offline, kubeClusters.size() > 1, errors, warnings);
        Optional<Topology> topology = clusterSet == null
                ? Optional.empty()
                : Optional.of(new Topology(
                        clusterSet,
                        List.copyOf(kubeClusters),
                        List.copyOf(deploy),
                        root,
                        maxConnected,
                        mysqlOperator,
                        mesh));
        return new Result(topology, List.copyOf(errors), List.copyOf(warnings));
    }

    /** A key of this project's namespace that the program never reads is a typo until proven otherwise. */
    private void unknownKeys(java.util.Set<String> present) {
        List<String> allowed = KEYS.stream().sorted().map(TopologyParser::key).toList();
        for (String k : new java.util.TreeSet<>(present)) {
            if (KEYS.contains(k)) {
                continue;
            }
            String hint = Names.closest(k, KEYS)
                    .map(c -> " (did you mean '" + key(c) + "'?)")
                    .orElse("");
            errors.add(new ConfigError(
                    key(k), "is not a setting of this project" + hint + "; allowed: " + String.join(", ", allowed)));
        }
    }

    private boolean rootPasswordPresent() {
        Optional<String> pw = source.get(ROOT_PASSWORD);
        if (pw.isPresent() && !source.isSecret(ROOT_PASSWORD)) {
            errors.add(rootPasswordNotSecret());
        }
        if (pw.isEmpty() || pw.get().isEmpty()) {
            String message = "is required (the MySQL root password of every member); set it with: "
                    + "pulumi config set --secret " + key(ROOT_PASSWORD);
            if (offline) {
                warnings.add(key(ROOT_PASSWORD) + ": " + message);
            } else {
                errors.add(rootPasswordRequired());
            }
            return false;
        }
        return true;
    }

    private long scalarInt(String k, long fallback, String allowed) {
        Optional<String> raw = source.get(k);
        if (raw.isEmpty()) {
            return fallback;
        }
        String v = raw.get().trim();
        if (!v.matches("[+-]?[0-9]+")) {
            errors.add(new ConfigError(key(k), "expected an integer, got '" + raw.get() + "'; allowed: " + allowed));
            return fallback;
        }
        try {
            return Math.toIntExact(Long.parseLong(v));
        } catch (NumberFormatException | ArithmeticException e) {
            errors.add(new ConfigError(key(k), "'" + raw.get() + "' is out of range; allowed: " + allowed));
            return fallback;
        }
    }

    /** A value read as a Java int: beyond the type is an error, never clamped. */
    private int toInt(JsonFields f, String field, long value, long fallback, String allowed) {
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            errors.add(new ConfigError(f.key(field), value + " is out of range; allowed: " + allowed));
            return (int) fallback;
        }
        return (int) value;
    }

    private Optional<JsonElement> json(String k) {
        return source.get(k).flatMap(raw -> {
            try {
                return Optional.of(JsonParser.parseString(raw));
            } catch (JsonParseException e) {
                errors.add(new ConfigError(
                        key(k), "is not structured config (got '" + raw + "'); allowed: a YAML " + "mapping or list"));
                return Optional.empty();
            }
        });
    }

    private Optional<JsonObject> expectObject(String k, JsonElement e) {
        if (e.isJsonObject()) {
            return Optional.of(e.getAsJsonObject());
        }
        errors.add(expectedObject(k, e));
        return Optional.empty();
    }

    private Optional<JsonArray> expectArray(String k, JsonElement e) {
        if (e.isJsonArray()) {
            return Optional.of(e.getAsJsonArray());
        }
        errors.add(expectedList(k, e));
        return Optional.empty();
    }

    private <T> List<T> list(JsonArray array, String k, Function<JsonFields, T> reader) {
        List<T> out = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            JsonElement e = array.get(i);
            String itemKey = k + "[" + i + "]";
            if (!e.isJsonObject()) {
                errors.add(new ConfigError(
                        itemKey, "expected an object, got " + JsonFields.describe(e) + "; allowed: a mapping"));
                continue;
            }
            JsonFields f = new JsonFields(itemKey, e.getAsJsonObject(), errors);
            out.add(reader.apply(f));
            f.rejectUnknown();
        }
        return out;
    }

    private ClusterSetSpec clusterSet(JsonObject o) {
        JsonFields f = new JsonFields(key(CLUSTER_SET), o, errors);
        String name = f.requiredString("name");
        String domain = f.string("domain").orElse(DEFAULT_DOMAIN);
        String primary = f.requiredString("primary");
        Linkage linkage = enumValue(f, "linkage", Linkage.PROVIDER, Linkage::parse, Linkage.allowed());
        List<Member> members = f.array("members")
                .map(a -> list(a, f.key("members"), this::member))
                .orElseGet(() -> {
                    if (!f.has("members")) {
                        errors.add(new ConfigError(
                                f.key("members"), "is required; allowed: a list of one or more InnoDBClusters"));
                    }
                    return List.of();
                });
        long primaryEpoch = f.integer("primaryEpoch").orElse(0L);
        boolean forceFailover = f.bool("forceFailover").orElse(false);
        boolean allowMixedVersions = f.bool("allowMixedVersions").orElse(false);
        ClusterSetTimeouts timeouts = f.object("timeouts")
                .map(t -> timeouts(new JsonFields(f.key("timeouts"), t, errors)))
                .orElse(ClusterSetTimeouts.defaults());
        List<String> invalidate = f.stringList("invalidateReplicaClusters");
        List<String> lost = f.stringList("removeLostClusters");
        f.rejectUnknown();
        return new ClusterSetSpec(
                name,
                domain,
                primary,
                linkage,
                List.copyOf(members),
                primaryEpoch,
                forceFailover,
                timeouts,
                allowMixedVersions,
                List.copyOf(invalidate),
                List.copyOf(lost));
    }

    private ClusterSetTimeouts timeouts(JsonFields f) {
        ClusterSetTimeouts t = new ClusterSetTimeouts(
                Duration.ofSeconds(f.integer("lockSeconds").orElse(ClusterSetTimeouts.DEFAULT_LOCK_SECONDS)),
                Duration.ofSeconds(f.integer("stepSeconds").orElse(ClusterSetTimeouts.DEFAULT_STEP_SECONDS)),
                Duration.ofSeconds(f.integer("rolloutSeconds").orElse(ClusterSetTimeouts.DEFAULT_ROLLOUT_SECONDS)));
        f.rejectUnknown();
        return t;
    }

    private Member member(JsonFields f) {
        String name = f.requiredString("name");
        String namespace = f.requiredString("namespace");
        String kubeCluster = f.requiredString("kubeCluster");
        long baseServerId = f.requiredInteger("baseServerId", 0);
        int instances = toInt(
                f,
                "instances",
                f.integer("instances").orElse((long) DEFAULT_INSTANCES),
                DEFAULT_INSTANCES,
                "1.." + dev.mysqlcs.validate.TopologyValidator.MAX_INSTANCES);
        int routers = toInt(
                f,
                "routerInstances",
                f.integer("routerInstances").orElse((long) DEFAULT_ROUTER_INSTANCES),
                DEFAULT_ROUTER_INSTANCES,
                "0.." + dev.mysqlcs.validate.TopologyValidator.MAX_ROUTER_INSTANCES);
        Optional<String> version = f.string("version");
        Edition edition = enumValue(f, "edition", Edition.COMMUNITY, Edition::parse, Edition.allowed());
        Tls tls = f.object("tls")
                .map(o -> tls(new JsonFields(f.key("tls"), o, errors)))
                .orElse(Tls.selfSigned());
        Optional<String> storage = f.string("storage");
        Placement placement = f.object("placement")
                .map(o -> placement(new JsonFields(f.key("placement"), o, errors)))
                .orElse(Placement.none());
        boolean drill = f.bool("drillIsolation").orElse(false);
        dev.mysqlcs.model.RoutingOptions routing = f.object("routing")
                .map(o -> routing(new JsonFields(f.key("routing"), o, errors)))
                .orElse(dev.mysqlcs.model.RoutingOptions.none());
        return new Member(
                name,
                namespace,
                kubeCluster,
                baseServerId,
                instances,
                routers,
                version,
                edition,
                tls,
                storage,
                placement,
                drill,
                routing);
    }

    /**
     * {@code members[i].routing}: MySQL Shell's ClusterSet router options with the values its
     * common/router.cc {@code validate_router_option} accepts; target_cluster names a member (checked by the
     * validator) or {@code primary}.
     */
    private dev.mysqlcs.model.RoutingOptions routing(JsonFields f) {
        java.util.Map<String, Object> out = new java.util.TreeMap<>();
        f.string(dev.mysqlcs.model.RoutingOptions.TARGET_CLUSTER)
                .ifPresent(v -> out.put(dev.mysqlcs.model.RoutingOptions.TARGET_CLUSTER, v));
        oneOf(
                f,
                dev.mysqlcs.model.RoutingOptions.INVALIDATED_CLUSTER_POLICY,
                dev.mysqlcs.model.RoutingOptions.INVALIDATED_POLICIES,
                out);
        f.integer(dev.mysqlcs.model.RoutingOptions.STATS_UPDATES_FREQUENCY).ifPresent(v -> {
            if (v < 0 || v > MAX_EXACT) {
                errors.add(new ConfigError(
                        f.key(dev.mysqlcs.model.RoutingOptions.STATS_UPDATES_FREQUENCY),
                        v + (v < 0 ? " is negative" : " is out of range")
                                + "; allowed: seconds between the routers' statistics updates, 0.." + MAX_EXACT
                                + " (0: none)"));
            } else {
                out.put(dev.mysqlcs.model.RoutingOptions.STATS_UPDATES_FREQUENCY, v);
            }
        });
        f.bool(dev.mysqlcs.model.RoutingOptions.USE_REPLICA_PRIMARY_AS_RW)
                .ifPresent(v -> out.put(dev.mysqlcs.model.RoutingOptions.USE_REPLICA_PRIMARY_AS_RW, v));
        oneOf(
                f,
                dev.mysqlcs.model.RoutingOptions.READ_ONLY_TARGETS,
                dev.mysqlcs.model.RoutingOptions.READ_ONLY_TARGET_VALUES,
                out);
        f.object(dev.mysqlcs.model.RoutingOptions.TAGS)
                .ifPresent(o -> out.put(
                        dev.mysqlcs.model.RoutingOptions.TAGS, tags(f.key(dev.mysqlcs.model.RoutingOptions.TAGS), o)));
        f.rejectUnknown();
        return new dev.mysqlcs.model.RoutingOptions(out);
    }

    /**
     * The largest whole number that stays exact on its way to the Shell: Pulumi's resource inputs and mysqlsh's
     * JavaScript both carry numbers as doubles (2^53 - 1).
     */
    static final long MAX_EXACT = 9_007_199_254_740_991L;

    static final String TAGS_ALLOWED = "allowed: a map of tag names (letters, digits and '_', not starting with a "
            + "digit or '_', as the Shell's setRoutingOption('tag:<name>', ...) requires) to a string, a whole number "
            + "or true/false";

    /**
     * {@code members[i].routing.tags}: the router's own tags. The Shell stores any JSON value given for {@code tags}
     * (router.cc validate_router_option has no branch for it); this config takes the names its one-tag form accepts
     * (base_cluster_impl.cc validate_set_option_namespace: {@code shcore::is_valid_identifier}, a leading '_' only
     * for built-in tags, of which routers have none) and scalar values.
     */
    private java.util.Map<String, Object> tags(String key, com.google.gson.JsonObject o) {
        java.util.Map<String, Object> out = new java.util.TreeMap<>();
        for (var e : o.entrySet()) {
            String name = e.getKey();
            String k = key + "." + name;
            if (!name.matches("[A-Za-z][A-Za-z0-9_]*")) {
                errors.add(new ConfigError(k, "'" + name + "' is not a tag name; " + TAGS_ALLOWED));
                continue;
            }
            com.google.gson.JsonElement v = e.getValue();
            if (v.isJsonNull()) {
                errors.add(new ConfigError(k, "is null (a key without a value); " + TAGS_ALLOWED));
            } else if (v.isJsonPrimitive() && v.getAsJsonPrimitive().isBoolean()) {
                out.put(name, v.getAsBoolean());
            } else if (v.isJsonPrimitive() && v.getAsJsonPrimitive().isNumber()) {
                java.math.BigDecimal d = v.getAsBigDecimal();
                Long whole = null;
                try {
                    whole = d.stripTrailingZeros().toBigIntegerExact().longValueExact();
                } catch (ArithmeticException notWhole) {
                    // reported below
                }
                if (whole != null && Math.abs(whole) <= MAX_EXACT) {
                    out.put(name, whole);
                } else {
                    errors.add(new ConfigError(
                            k,
                            d.stripTrailingZeros().toPlainString() + " is not a whole number in " + -MAX_EXACT + ".."
                                    + MAX_EXACT + "; " + TAGS_ALLOWED));
                }
            } else if (v.isJsonPrimitive()) {
                out.put(name, v.getAsString());
            } else {
                errors.add(new ConfigError(
                        k,
                        "expected a string, a whole number or true/false, got " + (v.isJsonArray() ? "a list" : "a map")
                                + "; " + TAGS_ALLOWED));
            }
        }
        return out;
    }

    private void oneOf(JsonFields f, String field, List<String> allowed, java.util.Map<String, Object> out) {
        f.string(field).ifPresent(v -> {
            if (allowed.contains(v)) {
                out.put(field, v);
            } else {
                errors.add(new ConfigError(f.key(field), "is '" + v + "'; allowed: " + String.join(", ", allowed)));
            }
        });
    }

    private Tls tls(JsonFields f) {
        Optional<String> ca = f.string("caSecretName");
        Optional<String> server = f.string("serverSecretName");
        Optional<String> router = f.string("routerSecretName");
        boolean selfSigned = f.bool("useSelfSigned").orElse(ca.isEmpty() && server.isEmpty());
        f.rejectUnknown();
        return new Tls(selfSigned, ca, server, router);
    }

    private Placement placement(JsonFields f) {
        Placement p = new Placement(f.stringMap("nodeSelector"), f.freeObject("affinity"));
        f.rejectUnknown();
        return p;
    }

    private KubeCluster kubeCluster(JsonFields f) {
        String name = f.requiredString("name");
        String context = f.requiredString("context");
        Optional<String> kubeconfig = f.string("kubeconfig");
        List<String> nodeIps = f.stringList("nodeIps");

        String ciliumName = name;
        int ciliumId = 0;
        Optional<JsonObject> cilium = f.object("cilium");
        if (cilium.isPresent()) {
            JsonFields c = new JsonFields(f.key("cilium"), cilium.get(), errors);
            ciliumName = c.string("clusterName").orElse(name);
            ciliumId = toInt(
                    c,
                    "clusterId",
                    c.requiredInteger("clusterId", 0),
                    0,
                    "1..255 (1..511 with " + "mysqlcs:maxConnectedClusters: 511)");
            c.rejectUnknown();
        } else if (!f.has("cilium")) {
            errors.add(
                    new ConfigError(f.key("cilium.clusterId"), "is required; allowed: the Cilium cluster id (1..255)"));
        }

        MeshEndpoint endpoint = f.object("meshEndpoint")
                .map(o -> meshEndpoint(new JsonFields(f.key("meshEndpoint"), o, errors)))
                .orElse(new MeshEndpoint(MeshEndpoint.Type.NODE_PORT, DEFAULT_MESH_NODE_PORT, Optional.empty()));

        DnsMode dnsMode = DnsMode.COREFILE;
        int dnsNodePort = DEFAULT_DNS_NODE_PORT;
        Optional<JsonObject> dns = f.object("dns");
        if (dns.isPresent()) {
            JsonFields d = new JsonFields(f.key("dns"), dns.get(), errors);
            dnsMode = enumValue(d, "mode", DnsMode.COREFILE, DnsMode::parse, DnsMode.allowed());
            dnsNodePort = toInt(
                    d,
                    "nodePort",
                    d.integer("nodePort").orElse((long) DEFAULT_DNS_NODE_PORT),
                    DEFAULT_DNS_NODE_PORT,
                    "30000..32767 (the Kubernetes NodePort range)");
            d.rejectUnknown();
        }
        Optional<String> podCidr = f.string("podCidr");
        return new KubeCluster(
                name,
                context,
                kubeconfig,
                List.copyOf(nodeIps),
                ciliumName,
                ciliumId,
                endpoint,
                dnsMode,
                dnsNodePort,
                podCidr);
    }

    private MeshEndpoint meshEndpoint(JsonFields f) {
        MeshEndpoint.Type type = enumValue(
                f, "type", MeshEndpoint.Type.NODE_PORT, MeshEndpoint.Type::parse, MeshEndpoint.Type.allowed());
        int fallback = type == MeshEndpoint.Type.NODE_PORT ? DEFAULT_MESH_NODE_PORT : DEFAULT_MESH_LB_PORT;
        int port = toInt(f, "port", f.integer("port").orElse((long) fallback), fallback, "1..65535");
        Optional<String> address = f.string("address");
        f.rejectUnknown();
        return new MeshEndpoint(type, port, address);
    }

    private <E> E enumValue(JsonFields f, String field, E fallback, Function<String, E> parse, List<String> allowed) {
        Optional<String> raw = f.string(field);
        if (raw.isEmpty()) {
            return fallback;
        }
        try {
            return parse.apply(raw.get());
        } catch (IllegalArgumentException e) {
            errors.add(new ConfigError(
                    f.key(field), "'" + raw.get() + "' is not allowed; allowed: " + String.join(", ", allowed)));
            return fallback;
        }
    }
}
