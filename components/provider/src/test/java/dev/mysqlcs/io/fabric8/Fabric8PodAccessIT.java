package dev.mysqlcs.io.fabric8;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mysqlcs.io.InstanceProbes.ProbeUnavailableException;
import dev.mysqlcs.io.MySqlShell.ShellUnavailableException;
import dev.mysqlcs.io.PodRef;
import dev.mysqlcs.testing.KubeApiServer;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * What the API server itself answers before any kubelet is involved, against a real kube-apiserver 1.20.2
 * ({@link KubeApiServer}): a missing pod, a pod without a node, a container the pod does not have, and a kube context
 * whose RBAC role lacks {@code pods/exec} or {@code pods/portforward}. The stream a kubelet would then serve is tested
 * on the mock server ({@link Fabric8MySqlShellTest}, {@link Fabric8PortForwarderTest}).
 */
@Tag("slow")
class Fabric8PodAccessIT {

    private static final String NS = "pod-access-it";
    private static final List<String> ARGV = List.of("mysqlsh", "--version");
    private static KubernetesClient admin;
    private static KubernetesClient readOnly;

    @BeforeAll
    static void realApiServer() {
        KubeApiServer server = KubeApiServer.shared();
        admin = server.client();
        admin.namespaces()
                .resource(new NamespaceBuilder()
                        .withNewMetadata()
                        .withName(NS)
                        .endMetadata()
                        .build())
                .create();
        admin.serviceAccounts()
                .inNamespace(NS)
                .resource(new ServiceAccountBuilder()
                        .withNewMetadata()
                        .withName("default")
                        .endMetadata()
                        .build())
                .create();
        // A pod the scheduler never placed (there is none): it exists, has no node, and is not Running.
        admin.pods()
                .inNamespace(NS)
                .resource(new PodBuilder()
                        .withNewMetadata()
                        .withName("prd-0")
                        .endMetadata()
                        .withNewSpec()
                        .withAutomountServiceAccountToken(false)
                        .addNewContainer()
                        .withName("mysql")
                        .withImage("mysql:9.7.0")
                        .endContainer()
                        .addNewContainer()
                        .withName("sidecar")
                        .withImage("mysql-operator:9.7.0-2.2.8")
                        .endContainer()
                        .endSpec()
                        .build())
                .create();
        admin.pods()
                .inNamespace(NS)
                .resource(new PodBuilder()
                        .withNewMetadata()
                        .withName("nosidecar-0")
                        .endMetadata()
                        .withNewSpec()
                        .withAutomountServiceAccountToken(false)
                        .withNodeName("node-a")
                        .addNewContainer()
                        .withName("mysql")
                        .withImage("mysql:9.7.0")
                        .endContainer()
                        .endSpec()
                        .build())
                .create();

        // A kube context that may read pods but neither exec nor port-forward (RBAC), by a ServiceAccount token from
        // the TokenRequest API (no controller-manager creates token Secrets here).
        admin.serviceAccounts()
                .inNamespace(NS)
                .resource(new ServiceAccountBuilder()
                        .withNewMetadata()
                        .withName("reader")
                        .endMetadata()
                        .build())
                .create();
        admin.rbac()
                .roles()
                .inNamespace(NS)
                .resource(new RoleBuilder()
                        .withNewMetadata()
                        .withName("pod-reader")
                        .endMetadata()
                        .withRules(new PolicyRuleBuilder()
                                .withApiGroups("")
                                .withResources("pods")
                                .withVerbs("get", "list")
                                .build())
                        .build())
                .create();
        admin.rbac()
                .roleBindings()
                .inNamespace(NS)
                .resource(new RoleBindingBuilder()
                        .withNewMetadata()
                        .withName("pod-reader")
                        .endMetadata()
                        .withNewRoleRef()
                        .withApiGroup("rbac.authorization.k8s.io")
                        .withKind("Role")
                        .withName("pod-reader")
                        .endRoleRef()
                        .addNewSubject()
                        .withKind("ServiceAccount")
                        .withName("reader")
                        .withNamespace(NS)
                        .endSubject()
                        .build())
                .create();
        String token = admin.serviceAccounts()
                .inNamespace(NS)
                .withName("reader")
                .tokenRequest(new TokenRequestBuilder()
                        .withNewSpec()
                        .withAudiences("https://kubernetes.default.svc.cluster.local")
                        .withExpirationSeconds(3600L)
                        .endSpec()
                        .build())
                .getStatus()
                .getToken();
        Config c = new ConfigBuilder(server.config())
                .withClientCertData(null)
                .withClientCertFile(null)
                .withClientKeyData(null)
                .withClientKeyFile(null)
                .withOauthToken(token)
                .build();
        readOnly = new KubernetesClientBuilder().withConfig(c).build();
    }

    @AfterAll
    static void close() {
        readOnly.close();
        admin.close();
    }

    private static Fabric8MySqlShell shell(KubernetesClient c) {
        return new Fabric8MySqlShell(KubeClients.ofClients(Map.of("prod", c)));
    }

    @Test
    void execIntoAMissingPodIsUnavailable() {
        var e = assertThrows(
                ShellUnavailableException.class,
                () -> shell(admin).run(new PodRef("prod", NS, "prd-9"), ARGV, null, Duration.ofSeconds(10)));
        assertTrue(
                e.getMessage()
                        .startsWith("cannot exec mysqlsh in container sidecar of pod " + NS + "/prd-9 in "
                                + "Kubernetes cluster prod: "),
                e.getMessage());
    }

    @Test
    void execIntoAPodWithoutANodeIsUnavailable() {
        // kubernetes pkg/registry/core/pod/strategy.go streamLocation: "pod %s does not have a host assigned"
        // (400); fabric8 keeps only the code of a refused stream upgrade.
        var e = assertThrows(
                ShellUnavailableException.class,
                () -> shell(admin).run(new PodRef("prod", NS, "prd-0"), ARGV, null, Duration.ofSeconds(10)));
        assertEquals(
                "cannot exec mysqlsh in container sidecar of pod " + NS + "/prd-0 in Kubernetes cluster prod: "
                        + "the API server refused the exec stream with HTTP 400 (for a pod that exists: no node assigned, or "
                        + "the container is not running; `kubectl exec` shows the reason)",
                e.getMessage());
    }

    @Test
    void execIntoAContainerThePodDoesNotHaveIsUnavailable() {
        // fabric8 checks the container against the pod it reads first, before the server would (400, "container
        // sidecar is not valid for pod"): the same unavailability either way.
        var e = assertThrows(
                ShellUnavailableException.class,
                () -> shell(admin).run(new PodRef("prod", NS, "nosidecar-0"), ARGV, null, Duration.ofSeconds(10)));
        assertTrue(e.getMessage().endsWith("container sidecar not found in pod nosidecar-0"), e.getMessage());
    }

    @Test
    void aContextWithoutPodsExecIsAConfigurationError() {
        // RBAC decides before the pod registry: 403 even for this pod without a node.
        var e = assertThrows(
                IllegalStateException.class,
                () -> shell(readOnly).run(new PodRef("prod", NS, "prd-0"), ARGV, null, Duration.ofSeconds(10)));
        assertTrue(
                e.getMessage().contains("(HTTP 403): the kube context needs the pods/exec permission"), e.getMessage());
    }

    @Test
    void aContextThatMayNotReadThePodIsAConfigurationErrorForExec() {
        var e = assertThrows(
                IllegalStateException.class,
                () -> shell(readOnly).run(new PodRef("prod", "default", "prd-0"), ARGV, null, Duration.ofSeconds(10)));
        assertTrue(
                e.getMessage().contains("(HTTP 403): the kube context needs the pods/exec permission"), e.getMessage());
    }

    @Test
    void portForwardToAMissingOrNotRunningPodIsUnavailable() {
        Fabric8PortForwarder f = new Fabric8PortForwarder(name -> admin);
        var missing = assertThrows(ProbeUnavailableException.class, () -> f.open(new PodRef("dr", NS, "prd-9"), 3306));
        assertEquals("pod " + NS + "/prd-9 in Kubernetes cluster dr does not exist", missing.getMessage());
        // The server sets phase Pending on create; only a kubelet would move it on.
        var pending = assertThrows(ProbeUnavailableException.class, () -> f.open(new PodRef("dr", NS, "prd-0"), 3306));
        assertEquals(
                "pod " + NS + "/prd-0 in Kubernetes cluster dr is not running (phase Pending)", pending.getMessage());
    }

    @Test
    void aContextWithoutPodsReadIsAConfigurationErrorForPortForward() {
        try (KubernetesClient none = new KubernetesClientBuilder()
                .withConfig(new ConfigBuilder(readOnly.getConfiguration())
                        .withNamespace("default")
                        .build())
                .build()) {
            Fabric8PortForwarder f = new Fabric8PortForwarder(name -> none);
            // The reader may not even get pods in another namespace.
            var e = assertThrows(IllegalStateException.class, () -> f.open(new PodRef("dr", "default", "prd-0"), 3306));
            assertTrue(e.getMessage().contains("(HTTP 403)"), e.getMessage());
        }
    }
}
