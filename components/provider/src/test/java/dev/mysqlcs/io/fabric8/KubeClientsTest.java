package dev.mysqlcs.io.fabric8;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

import dev.mysqlcs.model.KubeCluster;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KubeClientsTest {

    private static final String KUBECONFIG = """
            apiVersion: v1
            kind: Config
            current-context: prod-admin
            clusters:
            - name: prod
              cluster:
                server: https://prod.example.net:6443
            - name: dr
              cluster:
                server: https://dr.example.net:6443
            contexts:
            - name: prod-admin
              context: {cluster: prod, user: prod-user, namespace: mysql-prod}
            - name: dr-admin
              context: {cluster: dr, user: dr-user, namespace: mysql-dr}
            users:
            - name: prod-user
              user: {token: prod-token}
            - name: dr-user
              user: {token: dr-token}
            """;

    @TempDir
    Path dir;

    @Test
    void usesTheNamedContextOfTheGivenFileNotTheCurrentOne() throws IOException {
        Path file = Files.writeString(dir.resolve("config"), KUBECONFIG);
        Config config = KubeClients.config(new KubeClients.Access("dr-admin", Optional.of(file)));
        assertEquals("https://dr.example.net:6443/", config.getMasterUrl());
        assertEquals("mysql-dr", config.getNamespace());
        assertEquals("dr-token", config.getAutoOAuthToken());
    }

    @Test
    void refusesAContextThatIsNotInTheFileInsteadOfFallingBackToTheCurrentOne() throws IOException {
        Path file = Files.writeString(dir.resolve("config"), KUBECONFIG);
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> KubeClients.config(new KubeClients.Access("staging", Optional.of(file))));
        assertEquals(
                "context 'staging' is not in kubeconfig " + file + "; contexts: dr-admin, prod-admin", e.getMessage());
    }

    @Test
    void refusesAMissingKubeconfigFile() {
        Path missing = dir.resolve("nope");
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> KubeClients.config(new KubeClients.Access("prod-admin", Optional.of(missing))));
        assertEquals("kubeconfig " + missing + " does not exist or is not readable", e.getMessage());
    }

    @Test
    void withoutAFileTheDefaultLoadingRulesApply() throws IOException {
        Path file = Files.writeString(dir.resolve("default-config"), KUBECONFIG);
        String previous = System.getProperty(Config.KUBERNETES_KUBECONFIG_FILE);
        System.setProperty(Config.KUBERNETES_KUBECONFIG_FILE, file.toString());
        try {
            Config config = KubeClients.config(new KubeClients.Access("dr-admin", Optional.empty()));
            assertEquals("https://dr.example.net:6443/", config.getMasterUrl());
        } finally {
            if (previous == null) {
                System.clearProperty(Config.KUBERNETES_KUBECONFIG_FILE);
            } else {
                System.setProperty(Config.KUBERNETES_KUBECONFIG_FILE, previous);
            }
        }
    }

    @Test
    void buildsOneClientPerTopologyClusterOnFirstUse() throws IOException {
        Path file = Files.writeString(dir.resolve("config"), KUBECONFIG);
        // Through the parser, as users write it: tests never build model records by hand.
        List<KubeCluster> clusters = dev.mysqlcs.testing.ConfigFixtures.topology("""
                config:
                  mysqlcs:deploy: [prod]
                  mysqlcs:kubeClusters:
                    - {name: prod, context: prod-admin, kubeconfig: '%1$s', nodeIps: [10.0.0.1], cilium: {clusterId: 1}}
                    - {name: dr, context: dr-admin, kubeconfig: '%1$s', nodeIps: [10.1.0.1], cilium: {clusterId: 2}}
                  mysqlcs:clusterSet:
                    name: mycs
                    primary: prd
                    members:
                      - {name: prd, namespace: mysql-prod, kubeCluster: prod, baseServerId: 100}
                      - {name: dr, namespace: mysql-dr, kubeCluster: dr, baseServerId: 200}
                """.formatted(file.toString()))
                .kubeClusters();
        try (KubeClients clients = KubeClients.of(clusters)) {
            KubernetesClient dr = clients.client("dr");
            assertEquals("https://dr.example.net:6443/", dr.getConfiguration().getMasterUrl());
            assertSame(dr, clients.client("dr"));
            assertEquals(
                    "https://prod.example.net:6443/",
                    clients.client("prod").getConfiguration().getMasterUrl());
            IllegalArgumentException unknown =
                    assertThrows(IllegalArgumentException.class, () -> clients.client("staging"));
            assertEquals("unknown Kubernetes cluster 'staging'; known: dr, prod", unknown.getMessage());
        }
    }

    @Test
    void closeClosesEveryClientBuiltAndRefusesFurtherUse() {
        KubernetesClient prod = mock(KubernetesClient.class);
        KubernetesClient dr = mock(KubernetesClient.class);
        AtomicInteger built = new AtomicInteger();
        KubeClients clients = new KubeClients(
                Map.of(
                        "prod", new KubeClients.Access("prod-admin", Optional.empty()),
                        "dr", new KubeClients.Access("dr-admin", Optional.empty())),
                a -> {
                    built.incrementAndGet();
                    return a.context().equals("prod-admin") ? prod : dr;
                });
        clients.client("prod");
        clients.client("prod");
        clients.client("dr");
        assertEquals(2, built.get(), "built lazily, once per cluster");

        clients.close();
        verify(prod).close();
        verify(dr).close();
        IllegalStateException closed = assertThrows(IllegalStateException.class, () -> clients.client("prod"));
        assertTrue(closed.getMessage().contains("closed"));
    }

    @Test
    void aBlankContextIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new KubeClients.Access(" ", Optional.empty()));
    }
}
