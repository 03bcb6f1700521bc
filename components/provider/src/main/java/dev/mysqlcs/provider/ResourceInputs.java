package dev.mysqlcs.provider;

import com.google.gson.Gson;
import dev.mysqlcs.config.ConfigError;
import dev.mysqlcs.config.TopologyParser;
import dev.mysqlcs.contract.ClusterSetContract;
import dev.mysqlcs.io.Credentials;
import dev.mysqlcs.model.ClusterSetSpec;
import dev.mysqlcs.model.Member;
import dev.mysqlcs.validate.TopologyValidator;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The inputs every mysqlcs resource takes, checked with the same parser and rules as the stack program:
 * {@code spec} (shaped like {@code mysqlcs:clusterSet}), {@code deploy} (the stack's kube clusters), {@code rootUser},
 * {@code rootPassword} (a secret) and, for members, {@code member}.
 */
public record ResourceInputs(
        ClusterSetSpec spec, Set<String> deploy, String rootUser, String rootPassword, Optional<String> member) {

    public static final String SPEC = ClusterSetContract.SPEC;
    public static final String DEPLOY = ClusterSetContract.DEPLOY;
    public static final String ROOT_USER = ClusterSetContract.ROOT_USER;
    public static final String ROOT_PASSWORD = ClusterSetContract.ROOT_PASSWORD;
    public static final String MEMBER = ClusterSetContract.MEMBER;

    /** Nulls kept: an explicit null is refused by the parser as in the program, not read as a default. */
    private static final Gson GSON =
            new com.google.gson.GsonBuilder().serializeNulls().create();

    /** A failed check: the input property and why. */
    public record Failure(String property, String reason) {}

    /** Parsed inputs, or the failures; {@code unknown} when some input is not known yet (preview). */
    public record Parsed(Optional<ResourceInputs> inputs, List<Failure> failures, boolean unknown) {}

    /** Credentials for mysqlsh and JDBC; the caller clears the array when done. */
    public Credentials credentials() {
        return new Credentials(rootUser, rootPassword.toCharArray());
    }

    public Member memberSpec() {
        return spec.member(member.orElseThrow()).orElseThrow();
    }

    @Override
    public String toString() {
        return "ResourceInputs[spec=" + spec.name() + ", deploy=" + deploy + ", rootUser=" + rootUser
                + ", rootPassword=****, member=" + member.orElse("") + "]";
    }

    public static Parsed parse(Map<String, Object> props, boolean needsMember, Optional<ProviderConfig> config) {
        return parse(props, needsMember, config, false);
    }

    /**
     * Inputs the engine recorded in the state (Delete, Read): what the last {@code pulumi up} accepted, checked with
     * the same rules except that a member's kube cluster need not be in the provider's current {@code kubeClusters}.
     * The engine sends Delete and Read of an old resource to the provider as the current program configured it
     * (pulumi/pulumi pkg/resource/deploy/providers/registry.go {@code Update} re-registers the reconfigured provider
     * at the same URN and ID; step.go {@code getProvider} resolves the old state's reference to it), so a kube
     * cluster removed in the same change is no longer configured; the caller decides what that means
     * ({@link #unconfiguredKubeCluster}).
     */
    public static Parsed parseRecorded(
            Map<String, Object> props, boolean needsMember, Optional<ProviderConfig> config) {
        return parse(props, needsMember, config, true);
    }

    /** This member's kube cluster when the provider's config does not list it (Delete / Read of recorded inputs). */
    public Optional<String> unconfiguredKubeCluster(ProviderConfig config) {
        return member.flatMap(spec::member)
                .map(Member::kubeCluster)
                .filter(k -> !config.kubeClusters().containsKey(k));
    }

    private static Parsed parse(
            Map<String, Object> props, boolean needsMember, Optional<ProviderConfig> config, boolean recorded) {
        List<Failure> failures = new ArrayList<>();
        Object rawSpec = props.get(SPEC);
        Object rawDeploy = props.get(DEPLOY);
        Object rawUser = props.get(ROOT_USER);
        Object rawPassword = props.get(ROOT_PASSWORD);
        Object rawMember = props.get(MEMBER);
        boolean unknown = Props.containsUnknown(rawSpec)
                || Props.containsUnknown(rawDeploy)
                || Props.containsUnknown(rawUser)
                || Props.containsUnknown(rawPassword)
                || needsMember && Props.containsUnknown(rawMember);
        if (unknown) {
            return new Parsed(Optional.empty(), failures, true);
        }

        Optional<ClusterSetSpec> spec = Optional.empty();
        Object specValue = Props.reveal(rawSpec);
        if (specValue == null) {
            failures.add(new Failure(SPEC, TopologyParser.clusterSetRequired().render()));
        } else if (!(specValue instanceof Map<?, ?> specMap)) {
            failures.add(new Failure(
                    SPEC,
                    TopologyParser.expectedObject(TopologyParser.CLUSTER_SET, json(specValue))
                            .render()));
        } else {
            TopologyParser.ClusterSetResult r = TopologyParser.parseClusterSet(GSON.toJson(specMap));
            r.errors().forEach(e -> failures.add(new Failure(SPEC, e.render())));
            spec = r.clusterSet();
        }

        // The same rules and words as the program's for mysqlcs:deploy, rootUser, rootPassword (TopologyParser,
        // TopologyValidator).
        Set<String> deploy = new LinkedHashSet<>();
        Object deployValue = Props.reveal(rawDeploy);
        if (deployValue == null) {
            failures.add(new Failure(DEPLOY, TopologyParser.deployRequired().render()));
        } else if (!(deployValue instanceof List<?> l)
                || !l.stream().map(Props::reveal).allMatch(String.class::isInstance)) {
            // Any item that is not a string (null, a number, a list) fails the declared type as a whole.
            failures.add(new Failure(DEPLOY, typeError(KEY_DEPLOY, "array<string>", "a list of string values")));
        } else {
            List<String> names = l.stream().map(x -> (String) Props.reveal(x)).toList();
            deployRules(names, spec, config, recorded).forEach(e -> failures.add(new Failure(DEPLOY, e.render())));
            deploy.addAll(names);
        }

        String user = "";
        Object userValue = Props.reveal(rawUser);
        if (userValue == null) {
            failures.add(new Failure(
                    ROOT_USER,
                    new ConfigError(KEY_ROOT_USER, "is required; allowed: " + TopologyValidator.ROOT_USER_ALLOWED)
                            .render()));
        } else if (userValue instanceof List<?> || userValue instanceof Map<?, ?>) {
            failures.add(new Failure(
                    ROOT_USER, typeError(KEY_ROOT_USER, "string", "a single value (not a list or mapping)")));
        } else {
            // A number or boolean is its text, as the engine gives a top-level config value to the program.
            user = scalarText(userValue);
            TopologyValidator.validateRootUser(user).forEach(e -> failures.add(new Failure(ROOT_USER, e.render())));
        }
        String password = "";
        if (rawPassword == null || Props.reveal(rawPassword) == null || "".equals(Props.reveal(rawPassword))) {
            failures.add(new Failure(
                    ROOT_PASSWORD, TopologyParser.rootPasswordRequired().render()));
        } else if (!(rawPassword instanceof Props.Secret)) {
            failures.add(new Failure(
                    ROOT_PASSWORD, TopologyParser.rootPasswordNotSecret().render()));
        } else {
            password = String.valueOf(Props.reveal(rawPassword));
        }

        Optional<String> member = Optional.empty();
        if (needsMember) {
            List<String> memberNames = spec.map(
                            x -> x.members().stream().map(Member::name).toList())
                    .orElse(List.of());
            String allowed = memberNames.isEmpty()
                    ? "the name of one of " + CS_MEMBERS
                    : "one of " + String.join(", ", memberNames);
            Object m = Props.reveal(rawMember);
            if (m == null) {
                failures.add(new Failure(
                        MEMBER,
                        new ConfigError(
                                        MEMBER,
                                        "is required (the InnoDBCluster name of the " + "member); allowed: " + allowed)
                                .render()));
            } else if (!(m instanceof String name)) {
                failures.add(new Failure(
                        MEMBER,
                        new ConfigError(MEMBER, "expected a string, got " + describe(m) + "; allowed: " + allowed)
                                .render()));
            } else if (name.isBlank()) {
                failures.add(new Failure(MEMBER, new ConfigError(MEMBER, "is empty; allowed: " + allowed).render()));
            } else {
                member = Optional.of(name);
                if (spec.isPresent() && spec.get().member(name).isEmpty()) {
                    // As the program words a name that must be a member (TopologyValidator).
                    failures.add(new Failure(
                            MEMBER,
                            new ConfigError(
                                            MEMBER,
                                            "'" + name + "' is not one of " + CS_MEMBERS + "; allowed: "
                                                    + String.join(", ", memberNames))
                                    .render()));
                }
            }
        }

        if (spec.isPresent()) {
            validate(spec.get(), config, recorded, failures);
        }
        if (!failures.isEmpty() || spec.isEmpty()) {
            return new Parsed(Optional.empty(), failures, false);
        }
        return new Parsed(
                Optional.of(new ResourceInputs(spec.get(), Set.copyOf(deploy), user, password, member)),
                failures,
                false);
    }

    static final String KEY_DEPLOY = TopologyParser.NAMESPACE + ":" + TopologyParser.DEPLOY;

    /**
     * A value of the wrong type for a declared config key, worded as the Pulumi CLI's check of Pulumi.yaml's types
     * (which ./plan repeats: dev.mysqlcs.stack.offline.EngineConfigRules) without its "Stack '<s>' with
     * configuration key '<k>'" preamble.
     */
    static String typeError(String key, String type, String allowed) {
        return new ConfigError(key, "must be of type '" + type + "'; allowed: " + allowed).render();
    }

    /** A wire scalar as text: numbers are doubles on the wire, 7.0 is written 7. */
    static String scalarText(Object v) {
        if (v instanceof Double d && d == Math.rint(d) && !d.isInfinite() && Math.abs(d) < 1e15) {
            return String.valueOf(d.longValue());
        }
        return String.valueOf(v);
    }

    static final String KEY_ROOT_USER = TopologyParser.NAMESPACE + ":" + TopologyParser.ROOT_USER;
    static final String CS_MEMBERS = TopologyParser.NAMESPACE + ":" + TopologyParser.CLUSTER_SET + ".members";

    /**
     * mysqlcs:deploy against the provider's kubeClusters, as the program checks it against mysqlcs:kubeClusters.
     * Recorded inputs (Delete / Read) and a Check before Configure know no config to hold them to: the names of the
     * list itself and of the members' kube clusters then stand for it (only empty and duplicate entries are refused).
     */
    private static List<ConfigError> deployRules(
            List<String> deploy, Optional<ClusterSetSpec> spec, Optional<ProviderConfig> config, boolean recorded) {
        Set<String> names = new LinkedHashSet<>();
        config.ifPresent(c -> names.addAll(c.kubeClusters().keySet()));
        if (config.isEmpty() || recorded) {
            spec.ifPresent(x -> x.members().forEach(m -> names.add(m.kubeCluster())));
            names.addAll(deploy);
        }
        return TopologyValidator.validateDeploy(deploy, List.copyOf(names));
    }

    private static com.google.gson.JsonElement json(Object v) {
        return GSON.toJsonTree(v);
    }

    /** A wire value as the program's messages describe it (null, an object, a list, or the value quoted). */
    private static String describe(Object v) {
        return TopologyParser.describe(json(v));
    }

    private static void validate(
            ClusterSetSpec spec, Optional<ProviderConfig> config, boolean recorded, List<Failure> failures) {
        Set<String> kubeNames = new LinkedHashSet<>();
        config.ifPresent(c -> kubeNames.addAll(c.kubeClusters().keySet()));
        if (config.isEmpty() || recorded) {
            spec.members().forEach(m -> kubeNames.add(m.kubeCluster()));
        }
        for (ConfigError e : TopologyValidator.validateClusterSet(spec, List.copyOf(kubeNames))) {
            String hint = e.key().endsWith(".kubeCluster") && config.isPresent()
                    ? " (the mysqlcs provider's kubeClusters must list every Kubernetes cluster of the ClusterSet)"
                    : "";
            failures.add(new Failure(SPEC, e.render() + hint));
        }
        if (spec.primary().isEmpty()) {
            failures.add(
                    new Failure(SPEC, "config error: mysqlcs:clusterSet.primary: is required; allowed: a member name"));
        }
    }
}
