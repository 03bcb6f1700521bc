package dev.mysqlcs.provider;

import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.mysqlcs.config.TopologyParser;
import dev.mysqlcs.contract.ClusterSetContract;
import dev.mysqlcs.validate.TopologyValidator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code mysqlcs} provider's configuration (inputs of the {@code pulumi:providers:mysqlcs} resource): how to reach
 * each Kubernetes cluster of the mesh. Every stack configures all of them, so the DR stack can act on its own.
 */
public record ProviderConfig(Map<String, KubeAccess> kubeClusters) {

    public static final String KUBE_CLUSTERS = ClusterSetContract.KUBE_CLUSTERS;

    /** @param kubeconfig path of a kubeconfig file; empty means $KUBECONFIG or ~/.kube/config */
    public record KubeAccess(String name, String context, Optional<String> kubeconfig) {}

    /** What CheckConfig found: the config, or why it is unusable (property, reason). */
    public record Checked(Optional<ProviderConfig> config, List<Map.Entry<String, String>> failures, boolean unknown) {}

    /**
     * Reads provider inputs ({@code kubeClusters: [{name, context, kubeconfig}]}); other keys (the engine's
     * {@code version}) are ignored.
     */
    public static Checked check(Map<String, Object> inputs) {
        List<Map.Entry<String, String>> failures = new ArrayList<>();
        Object raw = inputs.get(KUBE_CLUSTERS);
        if (raw instanceof String s) {
            raw = fromJson(s);
        }
        if (Props.containsUnknown(raw)) {
            return new Checked(Optional.empty(), failures, true);
        }
        raw = Props.reveal(raw);
        if (!(raw instanceof List<?> list) || list.isEmpty()) {
            failures.add(Map.entry(
                    KUBE_CLUSTERS,
                    "is required: one entry {name, context, kubeconfig?} per " + "Kubernetes cluster of the mesh"));
            return new Checked(Optional.empty(), failures, false);
        }
        Map<String, KubeAccess> out = new LinkedHashMap<>();
        Map<String, Integer> firstIndex = new LinkedHashMap<>();
        for (int i = 0; i < list.size(); i++) {
            String key = KUBE_CLUSTERS + "[" + i + "]";
            if (!(list.get(i) instanceof Map<?, ?> m)) {
                failures.add(Map.entry(key, "expected an object {name, context, kubeconfig?}"));
                continue;
            }
            Object rawName = Props.reveal(m.get(ClusterSetContract.KUBE_NAME));
            // As the program reads it (JsonFields.string): a number is its text; a boolean, list or object is refused.
            boolean nameGiven = rawName instanceof String || rawName instanceof Number;
            String name = nameGiven ? ResourceInputs.scalarText(rawName) : "";
            String context = m.get(ClusterSetContract.KUBE_CONTEXT) instanceof String s ? s : "";
            Optional<String> kubeconfig = m.get(ClusterSetContract.KUBE_KUBECONFIG) instanceof String s && !s.isBlank()
                    ? Optional.of(s)
                    : Optional.empty();
            if (!m.containsKey(ClusterSetContract.KUBE_NAME)) {
                failures.add(Map.entry(key + ".name", "is required; allowed: a string"));
            } else if (rawName == null) {
                failures.add(Map.entry(
                        key + ".name",
                        "is null (a key without a value); allowed: a value, or no key " + "at all for the default"));
            } else if (!nameGiven) {
                failures.add(Map.entry(
                        key + ".name",
                        "expected a string, got "
                                + TopologyParser.describe(new com.google.gson.Gson().toJsonTree(rawName))
                                + "; allowed: a string"));
            } else {
                // The program's rule and words for a kube cluster name (TopologyValidator).
                TopologyValidator.validateKubeClusterName(i, name)
                        .forEach(e -> failures.add(Map.entry(key + ".name", e.message())));
            }
            if (context.isBlank()) {
                // As the program words it (TopologyValidator): an empty context means "whatever is current".
                failures.add(Map.entry(
                        key + ".context",
                        (m.get("context") instanceof String ? "is empty" : "is required")
                                + " (the provider would deploy to whatever context is current); allowed: "
                                + "the kubeconfig context of '" + name + "'"));
            }
            Integer first = firstIndex.putIfAbsent(name, i);
            if (first != null && !name.isEmpty()) {
                failures.add(Map.entry(
                        key + ".name",
                        "'" + name + "' is already the name of " + KUBE_CLUSTERS + "[" + first
                                + "]; allowed: unique names"));
            }
            // As the program's rule (TopologyValidator): one kubeconfig context per Kubernetes cluster.
            for (KubeAccess other : out.values()) {
                if (!context.isBlank()
                        && other.context().equals(context)
                        && other.kubeconfig().equals(kubeconfig)) {
                    failures.add(Map.entry(
                            key + ".context",
                            "'" + context + "' is already the context of '" + other.name()
                                    + "'; allowed: one kubeconfig context per Kubernetes cluster"));
                }
            }
            out.put(name, new KubeAccess(name, context, kubeconfig));
        }
        return new Checked(
                failures.isEmpty()
                        ? Optional.of(new ProviderConfig(java.util.Collections.unmodifiableMap(out)))
                        : Optional.empty(),
                failures,
                false);
    }

    /** Configure's {@code variables} form: {@code mysqlcs:config:kubeClusters} holding JSON. */
    public static Map<String, Object> fromVariables(Map<String, String> variables) {
        Map<String, Object> out = new LinkedHashMap<>();
        variables.forEach((k, v) -> {
            String key = k.substring(k.lastIndexOf(':') + 1);
            out.put(key, v);
        });
        return out;
    }

    private static Object fromJson(String s) {
        try {
            JsonElement e = JsonParser.parseString(s);
            return dev.mysqlcs.provider.Json.toJava(e);
        } catch (JsonParseException e) {
            return s;
        }
    }
}
