package dev.mysqlcs.config;

import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.mysqlcs.model.OperatorSettings;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads and checks {@code mysqlcs:mysqlOperator}: where the MySQL Operator chart and images come from. Every field is
 * optional ({@link OperatorSettings#defaults()}); each error names the key, the bad value and what is allowed.
 */
public final class OperatorSettingsParser {

    public static final String KEY = "mysqlOperator";
    static final String FULL_KEY = TopologyParser.NAMESPACE + ":" + KEY;

    private static final Pattern CHART_NAME = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern HTTP_URL = Pattern.compile("https?://[^\\s/?#]+(/[^\\s]*)?");
    private static final Pattern SEMVER = Pattern.compile(
            "(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)(-[0-9A-Za-z.-]+)?(\\+[0-9A-Za-z.-]+)?");
    private static final Pattern DNS1123_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern DNS1123_SUBDOMAIN =
            Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final Pattern REGISTRY = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?(:[0-9]{1,5})?");
    private static final Pattern REPOSITORY =
            Pattern.compile("[a-z0-9]+([._-][a-z0-9]+)*(/[a-z0-9]+([._-][a-z0-9]+)*)*");
    private static final Pattern IMAGE_TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
    /** The CRD fields this project writes (instanceService, initDB.clusterSet) are verified against this chart. */
    private static final int[] VERIFIED_CHART = {2, 2, 8};

    private OperatorSettingsParser() {}

    /**
     * @param errors   receives one error per problem, with the full key
     * @param warnings receives notes that do not stop a deployment
     * @return the settings; fields in error fall back to their defaults so later rules can still run
     */
    public static OperatorSettings parse(ConfigSource source, List<ConfigError> errors, List<String> warnings) {
        Optional<String> raw = source.get(KEY);
        if (raw.isEmpty()) {
            return OperatorSettings.defaults();
        }
        JsonElement json;
        try {
            json = JsonParser.parseString(raw.get());
        } catch (JsonParseException e) {
            errors.add(new ConfigError(
                    FULL_KEY, "is not structured config (got '" + raw.get() + "'); allowed: a YAML mapping"));
            return OperatorSettings.defaults();
        }
        if (json == null || !json.isJsonObject()) {
            errors.add(new ConfigError(
                    FULL_KEY,
                    "expected an object, got " + JsonFields.describe(json) + "; allowed: "
                            + "a mapping with chart, chartRepo, chartVersion, namespace, registry, repository, imageTag, "
                            + "pullSecret, serverPullSecret"));
            return OperatorSettings.defaults();
        }
        JsonFields f = new JsonFields(FULL_KEY, json.getAsJsonObject(), errors);
        OperatorSettings s = read(f, errors, warnings);
        f.rejectUnknown();
        return s;
    }

    private static OperatorSettings read(JsonFields f, List<ConfigError> errors, List<String> warnings) {
        Optional<String> chartIn = f.string("chart");
        Optional<String> repoIn = f.string("chartRepo");
        Optional<String> versionIn = f.string("chartVersion");
        Optional<String> namespaceIn = f.string("namespace");
        Optional<String> registryIn = f.string("registry");
        Optional<String> repositoryIn = f.string("repository");
        Optional<String> tagIn = f.string("imageTag");
        Optional<String> pullSecretIn = f.string("pullSecret");
        Optional<String> serverPullSecretIn = f.string("serverPullSecret");

        String chart = OperatorSettings.DEFAULT_CHART;
        if (chartIn.isPresent()) {
            String c = chartIn.get();
            if (OperatorSettings.isLocalChartPath(c)
                    ? c.length() <= 4096
                    : CHART_NAME.matcher(c).matches() && c.length() <= 63) {
                chart = c;
            } else {
                errors.add(new ConfigError(
                        f.key("chart"),
                        "'" + c + "' is not a chart; allowed: a chart name in "
                                + "chartRepo such as mysql-operator, or a local path to a chart such as "
                                + "./charts/mysql-operator-2.2.4.tgz"));
            }
        }
        boolean local = OperatorSettings.isLocalChartPath(chart);

        Optional<String> chartRepo = Optional.empty();
        Optional<String> chartVersion = Optional.empty();
        if (local) {
            repoIn.ifPresent(r -> errors.add(new ConfigError(
                    f.key("chartRepo"),
                    "'" + r + "' cannot be used with the " + "local chart '" + chartIn.orElse("")
                            + "'; allowed: chartRepo only with a chart name")));
            versionIn.ifPresent(v -> errors.add(new ConfigError(
                    f.key("chartVersion"),
                    "'" + v + "' cannot be used "
                            + "with the local chart '" + chartIn.orElse("") + "' (the file is the version); allowed: "
                            + "chartVersion only with a chart name")));
        } else {
            String repo = repoIn.orElse(OperatorSettings.DEFAULT_CHART_REPO);
            if (!HTTP_URL.matcher(repo).matches()) {
                errors.add(new ConfigError(
                        f.key("chartRepo"),
                        "'" + repo + "' is not a Helm repository URL; allowed: " + "an http:// or https:// URL such as "
                                + OperatorSettings.DEFAULT_CHART_REPO));
                repo = OperatorSettings.DEFAULT_CHART_REPO;
            }
            chartRepo = Optional.of(repo);
            String version = versionIn.orElse(OperatorSettings.DEFAULT_CHART_VERSION);
            if (!SEMVER.matcher(version).matches()) {
                errors.add(new ConfigError(
                        f.key("chartVersion"),
                        "'" + version + "' is not a chart version; allowed: " + "MAJOR.MINOR.PATCH such as "
                                + OperatorSettings.DEFAULT_CHART_VERSION));
                version = OperatorSettings.DEFAULT_CHART_VERSION;
            } else if (olderThanVerified(version)) {
                warnings.add(f.key("chartVersion") + ": chart " + version + " is older than "
                        + OperatorSettings.DEFAULT_CHART_VERSION + ", the version whose CRDs this project is checked "
                        + "against; charts up to 2.2.2 lack spec.instanceService and spec.initDB.clusterSet, and the "
                        + "API server drops fields its CRD does not know without an error");
            }
            chartVersion = Optional.of(version);
        }

        String namespace = namespaceIn.orElse(OperatorSettings.DEFAULT_NAMESPACE);
        if (!DNS1123_LABEL.matcher(namespace).matches() || namespace.length() > 63) {
            errors.add(new ConfigError(
                    f.key("namespace"),
                    "'" + namespace + "' is not a valid namespace; allowed: "
                            + "a DNS-1123 label of at most 63 characters such as "
                            + OperatorSettings.DEFAULT_NAMESPACE));
            namespace = OperatorSettings.DEFAULT_NAMESPACE;
        } else if (namespace.equals("default")) {
            errors.add(new ConfigError(
                    f.key("namespace"),
                    "'default' is refused by the mysql-operator chart; " + "allowed: any other namespace, such as "
                            + OperatorSettings.DEFAULT_NAMESPACE));
            namespace = OperatorSettings.DEFAULT_NAMESPACE;
        }

        String registry = registryIn.orElse(OperatorSettings.DEFAULT_REGISTRY);
        if (!REGISTRY.matcher(registry).matches()) {
            errors.add(new ConfigError(
                    f.key("registry"),
                    "'" + registry + "' is not a container registry; allowed: "
                            + "a host name with an optional port such as " + OperatorSettings.DEFAULT_REGISTRY
                            + " or 192.168.20.199:5000"));
            registry = OperatorSettings.DEFAULT_REGISTRY;
        }

        String repository = repositoryIn.orElse(OperatorSettings.DEFAULT_REPOSITORY);
        if (!REPOSITORY.matcher(repository).matches()) {
            errors.add(new ConfigError(
                    f.key("repository"),
                    "'" + repository + "' is not an image repository path; "
                            + "allowed: lowercase path components separated by '/', such as "
                            + OperatorSettings.DEFAULT_REPOSITORY + " or mirror/mysql"));
            repository = OperatorSettings.DEFAULT_REPOSITORY;
        }

        Optional<String> imageTag = tagIn.filter(t -> {
            if (IMAGE_TAG.matcher(t).matches()) {
                return true;
            }
            errors.add(new ConfigError(
                    f.key("imageTag"),
                    "'" + t + "' is not an image tag; allowed: letters, digits, "
                            + "'_', '.' and '-', at most 128 characters, such as 9.7.0-2.2.8"));
            return false;
        });

        Optional<String> pullSecret = pullSecretIn.filter(p -> secretName(f, "pullSecret", p, errors));
        Optional<String> serverPullSecret =
                serverPullSecretIn.filter(p -> secretName(f, "serverPullSecret", p, errors));
        if (pullSecret.isPresent() && serverPullSecretIn.isEmpty()) {
            // The usual mistake with a private registry: the operator starts, its InnoDBCluster pods cannot pull.
            warnings.add(f.key("serverPullSecret") + ": not set while pullSecret is; the server, sidecar and router "
                    + "pods pull from " + registry + "/" + repository + " without credentials");
        }

        return new OperatorSettings(
                chart,
                chartRepo,
                chartVersion,
                namespace,
                registry,
                repository,
                imageTag,
                pullSecret,
                serverPullSecret);
    }

    private static boolean secretName(JsonFields f, String field, String value, List<ConfigError> errors) {
        if (DNS1123_SUBDOMAIN.matcher(value).matches() && value.length() <= 253) {
            return true;
        }
        errors.add(new ConfigError(
                f.key(field),
                "'" + value + "' is not a valid Secret name; allowed: "
                        + "a DNS-1123 subdomain such as oracle-registry"));
        return false;
    }

    private static boolean olderThanVerified(String version) {
        String core = version.split("[-+]", 2)[0];
        String[] parts = core.split("\\.");
        for (int i = 0; i < 3; i++) {
            int c = new java.math.BigInteger(parts[i]).compareTo(java.math.BigInteger.valueOf(VERIFIED_CHART[i]));
            if (c != 0) {
                return c < 0;
            }
        }
        // A pre-release of the verified version (2.2.8-rc1) comes before it; build metadata (+x) does not count.
        return version.length() > core.length() && version.charAt(core.length()) == '-';
    }
}
