package dev.mysqlcs.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProviderConfigTest {

    @Test
    void readsEveryKubeClusterAndIgnoresTheEnginesVersion() {
        var c = ProviderConfig.check(Map.of(
                "version",
                "0.1.0",
                "kubeClusters",
                List.of(
                        Map.of("name", "prod", "context", "ctx-p"),
                        Map.of("name", "dr", "context", "ctx-d", "kubeconfig", "/k/dr.yaml"))));
        assertEquals(List.of(), c.failures());
        var cfg = c.config().orElseThrow();
        assertEquals(Optional.of("/k/dr.yaml"), cfg.kubeClusters().get("dr").kubeconfig());
        assertEquals("ctx-p", cfg.kubeClusters().get("prod").context());
    }

    @Test
    void namesEachMistake() {
        var c = ProviderConfig.check(
                Map.of("kubeClusters", List.of(Map.of("name", "prod"), Map.of("name", "prod", "context", "x"))));
        assertEquals(
                List.of("kubeClusters[0].context", "kubeClusters[1].name"),
                c.failures().stream().map(Map.Entry::getKey).toList());
        assertTrue(ProviderConfig.check(Map.of()).failures().get(0).getValue().startsWith("is required"));
    }

    @Test
    void kubeClusterNamesFollowTheProgramsRule() {
        String rule =
                "is not a valid name; allowed: a DNS-1123 label (lowercase letters, digits and '-') of at most 63 "
                        + "characters";
        var c = ProviderConfig.check(Map.of(
                "kubeClusters",
                List.of(
                        Map.of("name", "Prod_1", "context", "a"),
                        Map.of("name", "", "context", "b"),
                        Map.of("name", "x".repeat(64), "context", "c"),
                        Map.of("name", true, "context", "d"),
                        Map.of("name", "ok", "context", "e"),
                        Map.of("name", "ok", "context", "f"))));
        assertEquals(
                List.of(
                        Map.entry("kubeClusters[0].name", "'Prod_1' " + rule),
                        Map.entry("kubeClusters[1].name", "'' " + rule),
                        Map.entry("kubeClusters[2].name", "'" + "x".repeat(60) + "…' " + rule),
                        Map.entry("kubeClusters[3].name", "expected a string, got 'true'; allowed: a string"),
                        Map.entry(
                                "kubeClusters[5].name",
                                "'ok' is already the name of kubeClusters[4]; allowed: unique names")),
                c.failures());
        // The program's line for the same name, for comparison (TopologyValidator).
        assertEquals(
                List.of("config error: mysqlcs:kubeClusters[0].name: 'Prod_1' " + rule),
                dev.mysqlcs.validate.TopologyValidator.validateKubeClusterName(0, "Prod_1").stream()
                        .map(dev.mysqlcs.config.ConfigError::render)
                        .toList());
    }

    @Test
    void refusesTwoClustersSharingOneContext() {
        var c = ProviderConfig.check(Map.of(
                "kubeClusters",
                List.of(Map.of("name", "prod", "context", "ctx"), Map.of("name", "dr", "context", "ctx"))));
        assertEquals(
                List.of(Map.entry(
                        "kubeClusters[1].context",
                        "'ctx' is already the context of 'prod'; allowed: "
                                + "one kubeconfig context per Kubernetes cluster")),
                c.failures());
        var other = ProviderConfig.check(Map.of(
                "kubeClusters",
                List.of(
                        Map.of("name", "prod", "context", "ctx"),
                        Map.of("name", "dr", "context", "ctx", "kubeconfig", "/k/dr"))));
        assertEquals(List.of(), other.failures());
    }

    @Test
    void acceptsTheVariablesFormAndUnknownsInAPreview() {
        var vars = ProviderConfig.fromVariables(
                Map.of("mysqlcs:config:kubeClusters", "[{\"name\":\"prod\",\"context\":\"c\"}]"));
        assertEquals(List.of(), ProviderConfig.check(vars).failures());
        assertTrue(ProviderConfig.check(Map.of("kubeClusters", Props.UNKNOWN)).unknown());
    }
}
