package dev.mysqlcs.model;

import java.util.Optional;

/**
 * How the MySQL Operator is installed in every Kubernetes cluster a stack deploys into (config key
 * {@code mysqlcs:mysqlOperator}). The operator image edition is not set here: it follows the members' edition.
 *
 * @param chart        a chart name in {@code chartRepo}, or a local path to a chart (.tgz or directory), e.g. the
 *                     Enterprise chart downloaded from My Oracle Support
 * @param chartRepo    Helm repository URL; empty when {@code chart} is a local path
 * @param chartVersion chart version; empty when {@code chart} is a local path (the file is the version)
 * @param namespace    namespace of the operator release
 * @param registry     container registry of the operator image and, via the operator, of the server and router
 *                     images
 * @param repository   repository (path) inside the registry
 * @param imageTag     operator image tag; empty means the chart's appVersion
 * @param pullSecret   name of an existing docker-registry Secret in {@code namespace} for the operator image
 * @param serverPullSecret name of a docker-registry Secret in every member namespace for the server, sidecar and
 *                     router images (InnoDBCluster {@code spec.imagePullSecrets}); one name for all members, as one
 *                     registry login serves the whole deployment and Secrets are namespaced
 */
public record OperatorSettings(
        String chart,
        Optional<String> chartRepo,
        Optional<String> chartVersion,
        String namespace,
        String registry,
        String repository,
        Optional<String> imageTag,
        Optional<String> pullSecret,
        Optional<String> serverPullSecret) {

    public static final String DEFAULT_CHART = "mysql-operator";
    public static final String DEFAULT_CHART_REPO = "https://mysql.github.io/mysql-operator/";
    /** The newest chart whose CRDs this project validates against (mysqlcs-testing's upstream/mysql-operator/2.2.8). */
    public static final String DEFAULT_CHART_VERSION = "2.2.8";

    public static final String DEFAULT_NAMESPACE = "mysql-operator";
    public static final String DEFAULT_REGISTRY = "container-registry.oracle.com";
    public static final String DEFAULT_REPOSITORY = "mysql";

    public static OperatorSettings defaults() {
        return new OperatorSettings(
                DEFAULT_CHART,
                Optional.of(DEFAULT_CHART_REPO),
                Optional.of(DEFAULT_CHART_VERSION),
                DEFAULT_NAMESPACE,
                DEFAULT_REGISTRY,
                DEFAULT_REPOSITORY,
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
    }

    /**
     * InnoDBCluster {@code spec.imageRepository} ({@code registry/repository}) when it is not the operator's default
     * {@code container-registry.oracle.com/mysql}: server, sidecar and router images then come from the same private
     * source as the operator image, whatever the operator's own default says.
     */
    public Optional<String> serverImageRepository() {
        boolean defaults = registry.equals(DEFAULT_REGISTRY) && repository.equals(DEFAULT_REPOSITORY);
        return defaults ? Optional.empty() : Optional.of(registry + "/" + repository);
    }

    /** True when {@code chart} names a chart on disk rather than one in a repository. */
    public boolean localChart() {
        return isLocalChartPath(chart);
    }

    public static boolean isLocalChartPath(String chart) {
        return chart.contains("/") || chart.endsWith(".tgz") || chart.startsWith(".");
    }
}
