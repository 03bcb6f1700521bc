package dev.mysqlcs.provider;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProviderConfigTest {

    @Test
    void readsEveryKubeClusterAndIgnoresTheEnginesVersion() {
        var c = ProviderConfig.check(Map.of("version", "0.1.0", "kubeClusters", List.of(
                Map.of("name", "prod", "context", "ctx-p"),
                Map.of("name", "dr", "context", "ctx-d", "kubeconfig", "/k/dr.yaml"))));
        assertEquals(List.of(), c.failures());
        var cfg = c.config().orElseThrow();
        assertEquals(Optional.of("/k/dr.yaml"), cfg.kubeClusters().get("dr").kubeconfig());
        assertEquals("ctx-p", cfg.kubeClusters().get("prod").context());
    }

    @Test
    void namesEachMistake() {
        var c = ProviderConfig.check(Map.of("kubeClusters", List.of(Map.of("name", "prod"),
                Map.of("name", "prod", "context", "x"))));
        assertEquals(List.of("kubeClusters[0].context", "kubeClusters[1].name"),
                c.failures().stream().map(Map.Entry::getKey).toList());
        assertTrue(ProviderConfig.check(Map.of()).failures().get(0).getValue().startsWith("is required"));
    }

    @Test
    void refusesTwoClustersSharingOneContext() {
        var c = ProviderConfig.check(Map.of("kubeClusters", List.of(Map.of("name", "prod", "context", "ctx"),
                Map.of("name", "dr", "context", "ctx"))));
        assertEquals(List.of(Map.entry("kubeClusters[1].context", "'ctx' is already the context of 'prod'; allowed: "
                + "one kubeconfig context per Kubernetes cluster")), c.failures());
        var other = ProviderConfig.check(Map.of("kubeClusters", List.of(Map.of("name", "prod", "context", "ctx"),
                Map.of("name", "dr", "context", "ctx", "kubeconfig", "/k/dr"))));
        assertEquals(List.of(), other.failures());
    }

    @Test
    void acceptsTheVariablesFormAndUnknownsInAPreview() {
        var vars = ProviderConfig.fromVariables(Map.of("mysqlcs:config:kubeClusters",
                "[{\"name\":\"prod\",\"context\":\"c\"}]"));
        assertEquals(List.of(), ProviderConfig.check(vars).failures());
        assertTrue(ProviderConfig.check(Map.of("kubeClusters", Props.UNKNOWN)).unknown());
    }
}
