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
public record ResourceInputs(ClusterSetSpec spec, Set<String> deploy, String rootUser, String rootPassword,
                             Optional<String> member) {

    public static final String SPEC = ClusterSetContract.SPEC;
    public static final String DEPLOY = ClusterSetContract.DEPLOY;
    public static final String ROOT_USER = ClusterSetContract.ROOT_USER;
    public static final String ROOT_PASSWORD = ClusterSetContract.ROOT_PASSWORD;
    public static final String MEMBER = ClusterSetContract.MEMBER;

    /** Nulls kept: an explicit null is refused by the parser as in the program, not read as a default. */
    private static final Gson GSON = new com.google.gson.GsonBuilder().serializeNulls().create();

    /** A failed check: the input property and why. */
    public record Failure(String property, String reason) {
    }

    /** Parsed inputs, or the failures; {@code unknown} when some input is not known yet (preview). */
    public record Parsed(Optional<ResourceInputs> inputs, List<Failure> failures, boolean unknown) {
    }

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
        List<Failure> failures = new ArrayList<>();
        Object rawSpec = props.get(SPEC);
        Object rawDeploy = props.get(DEPLOY);
        Object rawUser = props.get(ROOT_USER);
        Object rawPassword = props.get(ROOT_PASSWORD);
        Object rawMember = props.get(MEMBER);
        boolean unknown = Props.containsUnknown(rawSpec) || Props.containsUnknown(rawDeploy)
                || Props.containsUnknown(rawUser) || Props.containsUnknown(rawPassword)
                || needsMember && Props.containsUnknown(rawMember);
        if (unknown) {
            return new Parsed(Optional.empty(), failures, true);
        }

        Optional<ClusterSetSpec> spec = Optional.empty();
        if (!(Props.reveal(rawSpec) instanceof Map<?, ?> specMap)) {
            failures.add(new Failure(SPEC, "is required: the ClusterSet as in mysqlcs:clusterSet"));
        } else {
            TopologyParser.ClusterSetResult r = TopologyParser.parseClusterSet(GSON.toJson(specMap));
            r.errors().forEach(e -> failures.add(new Failure(SPEC, e.render())));
            spec = r.clusterSet();
        }

        Set<String> deploy = new LinkedHashSet<>();
        if (Props.reveal(rawDeploy) instanceof List<?> l) {
            l.forEach(x -> deploy.add(String.valueOf(x)));
        } else {
            failures.add(new Failure(DEPLOY, "is required: the kubeClusters the stack deploys (mysqlcs:deploy)"));
        }

        String user = Props.reveal(rawUser) instanceof String s ? s : "";
        if (user.isBlank()) {
            failures.add(new Failure(ROOT_USER, "is required: the MySQL root user (mysqlcs:rootUser)"));
        }
        String password = "";
        if (rawPassword == null || Props.reveal(rawPassword) == null || "".equals(Props.reveal(rawPassword))) {
            failures.add(new Failure(ROOT_PASSWORD, "is required; set it with: pulumi config set --secret "
                    + "mysqlcs:rootPassword"));
        } else if (!(rawPassword instanceof Props.Secret)) {
            failures.add(new Failure(ROOT_PASSWORD, "must be a secret (Output.asSecret / pulumi config set --secret)"));
        } else {
            password = String.valueOf(Props.reveal(rawPassword));
        }

        Optional<String> member = Optional.empty();
        if (needsMember) {
            String m = Props.reveal(rawMember) instanceof String s ? s : "";
            if (m.isBlank()) {
                failures.add(new Failure(MEMBER, "is required: the InnoDBCluster name of the member"));
            } else {
                member = Optional.of(m);
                if (spec.isPresent() && spec.get().member(m).isEmpty()) {
                    failures.add(new Failure(MEMBER, "'" + m + "' is not one of mysqlcs:clusterSet.members"));
                }
            }
        }

        if (spec.isPresent()) {
            validate(spec.get(), config, failures);
        }
        if (!failures.isEmpty() || spec.isEmpty()) {
            return new Parsed(Optional.empty(), failures, false);
        }
        return new Parsed(Optional.of(new ResourceInputs(spec.get(), Set.copyOf(deploy), user, password, member)),
                failures, false);
    }

    private static void validate(ClusterSetSpec spec, Optional<ProviderConfig> config, List<Failure> failures) {
        Set<String> kubeNames = new LinkedHashSet<>();
        config.ifPresent(c -> kubeNames.addAll(c.kubeClusters().keySet()));
        if (config.isEmpty()) {
            spec.members().forEach(m -> kubeNames.add(m.kubeCluster()));
        }
        for (ConfigError e : TopologyValidator.validateClusterSet(spec, List.copyOf(kubeNames))) {
            String hint = e.key().endsWith(".kubeCluster") && config.isPresent()
                    ? " (the mysqlcs provider's kubeClusters must list every Kubernetes cluster of the ClusterSet)" : "";
            failures.add(new Failure(SPEC, e.render() + hint));
        }
        if (spec.primary().isEmpty()) {
            failures.add(new Failure(SPEC, "config error: mysqlcs:clusterSet.primary: is required; allowed: a member name"));
        }
    }
}
