package dev.mysqlcs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pulumi.exceptions.MissingRequiredPropertyException;
import com.pulumi.kubernetes.Provider;
import com.pulumi.kubernetes.ProviderArgs;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.test.PulumiTest;
import com.pulumi.test.TestResult;
import dev.mysqlcs.model.Edition;
import dev.mysqlcs.model.OperatorSettings;
import dev.mysqlcs.testing.ConfigFixtures;
import dev.mysqlcs.testing.MySqlFixtures;
import dev.mysqlcs.testing.RecordingMocks;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MySqlOperatorComponentTest {

    private final RecordingMocks mocks = new RecordingMocks();

    @AfterEach
    void cleanup() {
        PulumiTest.cleanup();
    }

    private TestResult run(OperatorSettings settings, Edition edition, AtomicReference<MySqlOperator> out) {
        return PulumiTest.withMocks(mocks).runTest(ctx -> {
            Provider k8s = new Provider(
                    "prod-k8s", ProviderArgs.builder().context("ctx").build());
            out.set(new MySqlOperator(
                    "prod-mysql-operator",
                    MySqlOperatorArgs.builder()
                            .settings(settings)
                            .edition(edition)
                            .clusterDomain("cluster.local")
                            .build(),
                    ComponentResourceOptions.builder().providers(k8s).build()));
        });
    }

    @Test
    void releasesThePinnedPublicChartIntoItsNamespaceWithTheComponentsProvider() {
        AtomicReference<MySqlOperator> op = new AtomicReference<>();
        TestResult result = run(OperatorSettings.defaults(), Edition.COMMUNITY, op);
        assertEquals(List.of(), result.exceptions());
        var release = mocks.named("prod-mysql-operator-release");
        assertEquals("kubernetes:helm.sh/v3:Release", release.type);
        assertEquals("mysql-operator", release.inputs.get("chart"));
        assertEquals("2.2.8", release.inputs.get("version"));
        assertEquals(Map.of("repo", "https://mysql.github.io/mysql-operator/"), release.inputs.get("repositoryOpts"));
        assertEquals("mysql-operator", release.inputs.get("name"));
        assertEquals("mysql-operator", release.inputs.get("namespace"));
        assertEquals(true, release.inputs.get("createNamespace"));
        assertTrue(release.provider.contains("pulumi:providers:kubernetes::prod-k8s"), release.provider);
        String releaseUrn = PulumiTest.extractValue(op.get().release().urn());
        assertTrue(releaseUrn.contains("$" + MySqlOperator.TYPE + "$kubernetes:helm.sh/v3:Release::"), releaseUrn);
        assertEquals("mysql-operator", PulumiTest.extractValue(op.get().releaseName));
        assertEquals("mysql-operator", PulumiTest.extractValue(op.get().namespace));
        assertEquals("mysql-operator@2.2.8", PulumiTest.extractValue(op.get().chart));
        assertEquals("community", PulumiTest.extractValue(op.get().edition));
    }

    @Test
    void valuesCarryTheImageAndClusterDomain() {
        run(MySqlFixtures.fullOptions().mysqlOperator(), Edition.ENTERPRISE, new AtomicReference<>());
        @SuppressWarnings("unchecked")
        Map<String, Object> values = (Map<String, Object>)
                mocks.named("prod-mysql-operator-release").inputs.get("values");
        assertEquals(
                Map.of(
                        "imagesDefaultRegistry",
                        "192.168.20.199:5000",
                        "imagesDefaultRepository",
                        "mirror/mysql",
                        "k8sClusterDomain",
                        "cluster.local"),
                values.get("envs"));
        @SuppressWarnings("unchecked")
        Map<String, Object> image = (Map<String, Object>) values.get("image");
        assertEquals("enterprise-operator", image.get("name"));
        assertEquals(Map.of("enabled", true, "secretName", "regcred"), image.get("pullSecrets"));
        assertEquals(
                "mysql-system",
                mocks.named("prod-mysql-operator-release").inputs.get("namespace"));
    }

    @Test
    void localEnterpriseChartIsReleasedWithoutRepositoryOrVersion() {
        OperatorSettings local = ConfigFixtures.topology(
                        ConfigFixtures.shipped("src/examples/Pulumi.single-cluster-enterprise.yaml")
                                + "  mysqlcs:mysqlOperator: {chart: ./charts/mysql-operator-ee-2.2.4.tgz}\n")
                .mysqlOperator();
        AtomicReference<MySqlOperator> op = new AtomicReference<>();
        run(local, Edition.ENTERPRISE, op);
        var release = mocks.named("prod-mysql-operator-release");
        assertEquals("./charts/mysql-operator-ee-2.2.4.tgz", release.inputs.get("chart"));
        assertFalse(release.inputs.containsKey("version"));
        assertFalse(release.inputs.containsKey("repositoryOpts"));
        assertEquals("./charts/mysql-operator-ee-2.2.4.tgz", PulumiTest.extractValue(op.get().chart));
    }

    @Test
    void argsDefaultToThePublicCommunityOperatorAndRequireADomain() {
        assertEquals(Edition.COMMUNITY, MySqlOperatorArgs.builder().build().edition());
        assertEquals(
                "Missing required property 'clusterDomain when constructing 'MySqlOperatorArgs'",
                assertThrows(
                                MissingRequiredPropertyException.class,
                                () -> MySqlOperatorArgs.builder()
                                        .clusterDomain("")
                                        .build())
                        .getMessage());
    }
}
