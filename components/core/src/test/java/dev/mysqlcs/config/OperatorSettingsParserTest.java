package dev.mysqlcs.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mysqlcs.model.OperatorSettings;
import dev.mysqlcs.testing.ConfigFixtures;
import dev.mysqlcs.testing.MySqlFixtures;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OperatorSettingsParserTest {

    private final List<ConfigError> errors = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();

    private OperatorSettings parse(String mysqlOperatorYaml) {
        String yaml = "config:\n  mysqlcs:mysqlOperator: " + mysqlOperatorYaml + "\n";
        return OperatorSettingsParser.parse(ConfigFixtures.source(yaml), errors, warnings);
    }

    private List<String> rendered() {
        return errors.stream().map(ConfigError::render).toList();
    }

    @Test
    void absentKeyGivesThePublicChart228InMysqlOperatorNamespace() {
        OperatorSettings s = OperatorSettingsParser.parse(ConfigFixtures.source("config: {}"), errors, warnings);
        assertEquals(OperatorSettings.defaults(), s);
        assertEquals("mysql-operator", s.chart());
        assertEquals(Optional.of("https://mysql.github.io/mysql-operator/"), s.chartRepo());
        assertEquals(Optional.of("2.2.8"), s.chartVersion());
        assertEquals("mysql-operator", s.namespace());
        assertEquals("container-registry.oracle.com", s.registry());
        assertEquals("mysql", s.repository());
        assertEquals(Optional.empty(), s.imageTag());
        assertEquals(Optional.empty(), s.pullSecret());
        assertEquals(Optional.empty(), s.serverPullSecret());
        assertEquals(Optional.empty(), s.serverImageRepository());
        assertTrue(errors.isEmpty());
        assertTrue(warnings.isEmpty());
    }

    @Test
    void shippedStacksUseTheDefaults() {
        assertEquals(OperatorSettings.defaults(), ConfigFixtures.prod().mysqlOperator());
        assertEquals(
                OperatorSettings.defaults(), ConfigFixtures.enterpriseExample().mysqlOperator());
    }

    @Test
    void everyFieldIsRead() {
        OperatorSettings s = MySqlFixtures.fullOptions().mysqlOperator();
        assertEquals(
                new OperatorSettings(
                        "mysql-operator",
                        Optional.of("https://charts.example.com/mysql/"),
                        Optional.of("2.2.8"),
                        "mysql-system",
                        "192.168.20.199:5000",
                        "mirror/mysql",
                        Optional.of("9.7.0-2.2.8"),
                        Optional.of("regcred"),
                        Optional.of("regcred")),
                s);
        assertEquals(Optional.of("192.168.20.199:5000/mirror/mysql"), s.serverImageRepository());
    }

    @Test
    void localEnterpriseChartHasNoRepositoryAndNoVersion() {
        OperatorSettings s = parse("{chart: ./charts/mysql-operator-ee-2.2.4.tgz}");
        assertTrue(errors.isEmpty(), rendered().toString());
        assertTrue(s.localChart());
        assertEquals(Optional.empty(), s.chartRepo());
        assertEquals(Optional.empty(), s.chartVersion());
    }

    @Test
    void rejectsChartRepoAndVersionWithALocalChart() {
        parse("{chart: /opt/charts/mysql-operator, chartRepo: 'https://x.example/', chartVersion: 2.2.4}");
        assertEquals(
                List.of(
                        "config error: mysqlcs:mysqlOperator.chartRepo: 'https://x.example/' cannot be used with the local "
                                + "chart '/opt/charts/mysql-operator'; allowed: chartRepo only with a chart name",
                        "config error: mysqlcs:mysqlOperator.chartVersion: '2.2.4' cannot be used with the local chart "
                                + "'/opt/charts/mysql-operator' (the file is the version); allowed: chartVersion only with a "
                                + "chart name"),
                rendered());
    }

    @Test
    void rejectsAChartThatIsNeitherANameNorAPath() {
        parse("{chart: 'MySQL Operator'}");
        assertEquals(
                List.of("config error: mysqlcs:mysqlOperator.chart: 'MySQL Operator' is not a chart; allowed: "
                        + "a chart name in chartRepo such as mysql-operator, or a local path to a chart such as "
                        + "./charts/mysql-operator-2.2.4.tgz"),
                rendered());
    }

    @Test
    void rejectsAChartRepoThatIsNotAnHttpUrl() {
        OperatorSettings s = parse("{chartRepo: 'mysql.github.io/mysql-operator'}");
        assertEquals(
                List.of("config error: mysqlcs:mysqlOperator.chartRepo: 'mysql.github.io/mysql-operator' is not "
                        + "a Helm repository URL; allowed: an http:// or https:// URL such as "
                        + "https://mysql.github.io/mysql-operator/"),
                rendered());
        assertEquals(Optional.of(OperatorSettings.DEFAULT_CHART_REPO), s.chartRepo());
    }

    @Test
    void rejectsAChartVersionThatIsNotSemver() {
        parse("{chartVersion: latest}");
        assertEquals(
                List.of("config error: mysqlcs:mysqlOperator.chartVersion: 'latest' is not a chart version; "
                        + "allowed: MAJOR.MINOR.PATCH such as 2.2.8"),
                rendered());
    }

    @Test
    void warnsAboutChartsOlderThanTheVerifiedCrds() {
        parse("{chartVersion: 2.2.2}");
        assertTrue(errors.isEmpty());
        assertEquals(
                List.of(
                        "mysqlcs:mysqlOperator.chartVersion: chart 2.2.2 is older than 2.2.8, the version whose "
                                + "CRDs this project is checked against; charts up to 2.2.2 lack spec.instanceService and "
                                + "spec.initDB.clusterSet, and the API server drops fields its CRD does not know without an error"),
                warnings);
    }

    @Test
    void preReleaseOfTheVerifiedChartWarnsButBuildMetadataAndNewerDoNot() {
        parse("{chartVersion: 2.2.8-rc1}");
        assertEquals(1, warnings.size());
        warnings.clear();
        parse("{chartVersion: 2.2.8+build-7}");
        parse("{chartVersion: 2.3.0}");
        parse("{chartVersion: 10.0.0}");
        assertTrue(warnings.isEmpty(), warnings.toString());
        assertTrue(errors.isEmpty(), rendered().toString());
    }

    @Test
    void rejectsTheDefaultNamespaceAsTheChartDoes() {
        parse("{namespace: default}");
        assertEquals(
                List.of("config error: mysqlcs:mysqlOperator.namespace: 'default' is refused by the "
                        + "mysql-operator chart; allowed: any other namespace, such as mysql-operator"),
                rendered());
    }

    @Test
    void rejectsANamespaceThatIsNotADnsLabel() {
        parse("{namespace: MySQL_Operator}");
        assertEquals(
                List.of("config error: mysqlcs:mysqlOperator.namespace: 'MySQL_Operator' is not a valid "
                        + "namespace; allowed: a DNS-1123 label of at most 63 characters such as mysql-operator"),
                rendered());
    }

    @Test
    void rejectsARegistryWithAScheme() {
        parse("{registry: 'https://container-registry.oracle.com'}");
        assertEquals(
                List.of("config error: mysqlcs:mysqlOperator.registry: 'https://container-registry.oracle.com' "
                        + "is not a container registry; allowed: a host name with an optional port such as "
                        + "container-registry.oracle.com or 192.168.20.199:5000"),
                rendered());
    }

    @Test
    void rejectsARepositoryWithUppercaseOrATrailingSlash() {
        parse("{repository: 'MySQL/'}");
        assertEquals(
                List.of("config error: mysqlcs:mysqlOperator.repository: 'MySQL/' is not an image repository "
                        + "path; allowed: lowercase path components separated by '/', such as mysql or mirror/mysql"),
                rendered());
    }

    @Test
    void rejectsAnImageTagWithAColon() {
        parse("{imageTag: 'enterprise-operator:9.3.0'}");
        assertEquals(
                List.of("config error: mysqlcs:mysqlOperator.imageTag: 'enterprise-operator:9.3.0' is not an "
                        + "image tag; allowed: letters, digits, '_', '.' and '-', at most 128 characters, such as "
                        + "9.7.0-2.2.8"),
                rendered());
    }

    @Test
    void rejectsAPullSecretThatIsNotASecretName() {
        parse("{pullSecret: 'Oracle Registry'}");
        assertEquals(
                List.of("config error: mysqlcs:mysqlOperator.pullSecret: 'Oracle Registry' is not a valid "
                        + "Secret name; allowed: a DNS-1123 subdomain such as oracle-registry"),
                rendered());
    }

    @Test
    void readsTheServerPullSecretOnItsOwn() {
        OperatorSettings s = parse("{serverPullSecret: oracle-registry}");
        assertEquals(List.of(), rendered());
        assertEquals(List.of(), warnings);
        assertEquals(Optional.of("oracle-registry"), s.serverPullSecret());
        assertEquals(Optional.empty(), s.pullSecret());
    }

    @Test
    void rejectsAServerPullSecretThatIsNotASecretName() {
        OperatorSettings s = parse("{serverPullSecret: Oracle_Registry}");
        assertEquals(
                List.of("config error: mysqlcs:mysqlOperator.serverPullSecret: 'Oracle_Registry' is not a valid "
                        + "Secret name; allowed: a DNS-1123 subdomain such as oracle-registry"),
                rendered());
        assertEquals(Optional.empty(), s.serverPullSecret());
    }

    @Test
    void rejectsAServerPullSecretLongerThan253Characters() {
        String name = "a".repeat(254);
        parse("{serverPullSecret: " + name + "}");
        assertEquals(
                List.of("config error: mysqlcs:mysqlOperator.serverPullSecret: '" + "a".repeat(60)
                        + "…' is not a valid " + "Secret name; allowed: a DNS-1123 subdomain such as oracle-registry"),
                rendered());
        errors.clear();
        parse("{serverPullSecret: " + "a".repeat(253) + "}");
        assertEquals(List.of(), rendered());
    }

    @Test
    void warnsWhenOnlyTheOperatorImageHasAPullSecret() {
        parse("{registry: registry.example.com, repository: oracle/mysql, pullSecret: regcred}");
        assertEquals(List.of(), rendered());
        assertEquals(
                List.of("mysqlcs:mysqlOperator.serverPullSecret: not set while pullSecret is; the server, "
                        + "sidecar and router pods pull from registry.example.com/oracle/mysql without credentials"),
                warnings);
    }

    @Test
    void serverImageRepositoryIsRenderedOnlyAwayFromTheDefaults() {
        assertEquals(
                Optional.of("registry.example.com/mysql"),
                parse("{registry: registry.example.com}").serverImageRepository());
        assertEquals(
                Optional.of("container-registry.oracle.com/mirror/mysql"),
                parse("{repository: mirror/mysql}").serverImageRepository());
        assertEquals(
                Optional.empty(),
                parse("{registry: container-registry.oracle.com, repository: mysql}")
                        .serverImageRepository());
    }

    @Test
    void rejectsUnknownSettingsNamingTheAllowedOnes() {
        parse("{chartVersoin: 2.2.8}");
        assertEquals(
                List.of(
                        "config error: mysqlcs:mysqlOperator.chartVersoin: unknown setting (did you mean 'chartVersion'?); allowed: "
                                + "chart, chartRepo, chartVersion, imageTag, namespace, pullSecret, registry, repository, "
                                + "serverPullSecret"),
                rendered());
    }

    @Test
    void rejectsAListInsteadOfAnObject() {
        parse("[2.2.8]");
        assertEquals(
                List.of(
                        "config error: mysqlcs:mysqlOperator: expected an object, got a list; allowed: a mapping with "
                                + "chart, chartRepo, chartVersion, namespace, registry, repository, imageTag, pullSecret, serverPullSecret"),
                rendered());
    }

    @Test
    void rejectsAWrongTypeNamingTheField() {
        parse("{pullSecret: {name: regcred}}");
        assertEquals(
                List.of(
                        "config error: mysqlcs:mysqlOperator.pullSecret: expected a string, got an object; allowed: a string"),
                rendered());
    }

    @Test
    void reportsEveryErrorAtOnceThroughTheTopologyLoader() {
        String yaml = ConfigFixtures.shipped("Pulumi.prod.yaml")
                + "  mysqlcs:mysqlOperator: {chartVersion: x, namespace: default, registry: 'a b'}\n";
        InvalidConfigException e = assertThrows(
                InvalidConfigException.class, () -> TopologyLoader.load(ConfigFixtures.source(yaml), true));
        assertEquals(
                List.of(
                        "mysqlcs:mysqlOperator.chartVersion",
                        "mysqlcs:mysqlOperator.namespace",
                        "mysqlcs:mysqlOperator.registry"),
                e.errors().stream().map(ConfigError::key).toList());
    }
}
