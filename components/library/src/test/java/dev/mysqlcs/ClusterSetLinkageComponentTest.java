package dev.mysqlcs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pulumi.core.Output;
import com.pulumi.kubernetes.Provider;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.test.PulumiTest;
import com.pulumi.test.TestResult;
import dev.mysqlcs.model.KubeCluster;
import dev.mysqlcs.model.Member;
import dev.mysqlcs.model.Topology;
import dev.mysqlcs.testing.ConfigFixtures;
import dev.mysqlcs.testing.MeshFixtures;
import dev.mysqlcs.testing.Upstream;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A user's own program, written against the library alone: the mesh side, the operator, the InnoDBCluster and the
 * ClusterSet linkage declared one by one with their Args give the resources {@link ClusterSetDeployment} (and so
 * {@code ./plan prod}) registers.
 */
class ClusterSetLinkageComponentTest {

    private static final List<String> PROD = List.of(
            "mycs",
            "mycs-prd",
            "mycs-primary",
            "mysqlcs",
            "prd",
            "prd-innodbcluster",
            "prd-namespace",
            "prd-root-secret",
            "prod",
            "prod-cilium",
            "prod-cilium-release",
            "prod-cilium-restart-coredns",
            "prod-dns",
            "prod-dns-corefile",
            "prod-dns-nodeport",
            "prod-k8s",
            "prod-mysql-operator",
            "prod-mysql-operator-release");

    private static final String COREFILE = Upstream.read("coredns/kubeadm-Corefile.rendered-cluster.local");

    @AfterEach
    void cleanup() {
        PulumiTest.cleanup();
    }

    @Test
    void aProgramDeclaringEachPartGetsWhatTheDeploymentRegisters() {
        Topology t = ConfigFixtures.prod();
        ClusterMeshComponentTest.RecordingMocks byHand = new ClusterMeshComponentTest.RecordingMocks(COREFILE);
        TestResult r = PulumiTest.withMocks(byHand).runTest(ctx -> {
            KubeCluster prod = t.kubeCluster("prod").orElseThrow();
            Member prd = t.clusterSet().member("prd").orElseThrow();
            Output<String> password = Output.ofSecret("pw");
            Provider k8s = ClusterSetDeployment.kubernetesProvider(prod);
            ClusterMesh mesh = new ClusterMesh(
                    "prod",
                    ClusterSetDeployment.clusterMeshArgs(t, prod)
                            .caCertPem(Output.of(MeshFixtures.ca().certificatePem()))
                            .caKeyPem(Output.of(MeshFixtures.ca().privateKeyPem()))
                            .build(),
                    ComponentResourceOptions.builder().providers(k8s).build());
            MySqlOperator operator = new MySqlOperator(
                    "prod-mysql-operator",
                    ClusterSetDeployment.mySqlOperatorArgs(t, prod).build(),
                    ComponentResourceOptions.builder()
                            .providers(k8s)
                            .dependsOn(mesh)
                            .build());
            InnoDbCluster cluster = new InnoDbCluster(
                    "prd",
                    ClusterSetDeployment.innoDbClusterArgs(t, prd, password).build(),
                    ComponentResourceOptions.builder()
                            .providers(k8s)
                            .dependsOn(operator.release())
                            .build());
            new ClusterSetLinkage(
                    "mycs",
                    ClusterSetLinkageArgs.builder()
                            .clusterSet(t.clusterSet())
                            .deploy(List.of("prod"))
                            .rootPassword(password)
                            .build(),
                    CustomResourceOptions.builder()
                            .provider(new MysqlcsProvider(
                                    "mysqlcs",
                                    MysqlcsProviderArgs.of(t.kubeClusters()),
                                    CustomResourceOptions.builder().build()))
                            .dependsOn(k8s, cluster.innoDbCluster())
                            .build());
        });
        assertEquals(List.of(), r.exceptions());
        assertEquals(PROD, byHand.names());
        assertTrue(byHand.named("mycs-prd").provider.contains("pulumi:providers:mysqlcs::mysqlcs"));

        PulumiTest.cleanup();
        ClusterMeshComponentTest.RecordingMocks assembled = new ClusterMeshComponentTest.RecordingMocks(COREFILE);
        PulumiTest.withMocks(assembled)
                .runTest(ctx -> new ClusterSetDeployment(ClusterSetDeploymentArgs.builder()
                        .topology(t)
                        .rootPassword(Output.ofSecret("pw"))
                        .meshCa(
                                Output.of(MeshFixtures.ca().certificatePem()),
                                Output.of(MeshFixtures.ca().privateKeyPem()))
                        .build()));
        assertEquals(PROD, assembled.names());
    }

    /**
     * Seed 000 by hand (D3): the primary's InnoDBCluster, then the linkage, whose {@code afterClusterSet} registers
     * the operator-linked replicas with the ClusterSet in their {@code dependsOn}; the same resources as the
     * assembled deployment, and the callback runs once, with the linkage's own ClusterSet.
     */
    @Test
    void anEnterpriseProgramRegistersItsReplicasAfterTheClusterSet() {
        Topology t = ConfigFixtures.enterpriseExample();
        List<ClusterSet> handedOver = new java.util.ArrayList<>();
        List<ClusterSetLinkage> linkages = new java.util.ArrayList<>();
        ClusterMeshComponentTest.RecordingMocks byHand = new ClusterMeshComponentTest.RecordingMocks(COREFILE);
        TestResult r = PulumiTest.withMocks(byHand).runTest(ctx -> {
            KubeCluster k8s = t.kubeCluster("k8s").orElseThrow();
            Output<String> password = Output.ofSecret("pw");
            Provider provider = ClusterSetDeployment.kubernetesProvider(k8s);
            MySqlOperator operator = new MySqlOperator(
                    "k8s-mysql-operator",
                    ClusterSetDeployment.mySqlOperatorArgs(t, k8s).build(),
                    ComponentResourceOptions.builder().providers(provider).build());
            Member primary = t.clusterSet().primaryMember();
            InnoDbCluster first = new InnoDbCluster(
                    primary.name(),
                    ClusterSetDeployment.innoDbClusterArgs(t, primary, password).build(),
                    ComponentResourceOptions.builder()
                            .providers(provider)
                            .dependsOn(operator.release())
                            .build());
            linkages.add(new ClusterSetLinkage(
                    "mycs",
                    ClusterSetLinkageArgs.builder()
                            .clusterSet(t.clusterSet())
                            .deploy(List.of("k8s"))
                            .rootPassword(password)
                            .build(),
                    CustomResourceOptions.builder()
                            .provider(new MysqlcsProvider(
                                    "mysqlcs",
                                    MysqlcsProviderArgs.of(t.kubeClusters()),
                                    CustomResourceOptions.builder().build()))
                            .dependsOn(provider, first.innoDbCluster())
                            .build(),
                    clusterSet -> {
                        handedOver.add(clusterSet);
                        List<com.pulumi.resources.Resource> replicas = new java.util.ArrayList<>();
                        for (Member m : t.clusterSet().replicas()) {
                            replicas.add(new InnoDbCluster(
                                            m.name(),
                                            ClusterSetDeployment.innoDbClusterArgs(t, m, password)
                                                    .build(),
                                            ComponentResourceOptions.builder()
                                                    .providers(provider)
                                                    .dependsOn(operator.release(), first.innoDbCluster(), clusterSet)
                                                    .build())
                                    .innoDbCluster());
                        }
                        return replicas;
                    }));
        });
        assertEquals(List.of(), r.exceptions());
        assertEquals(1, handedOver.size());
        assertTrue(handedOver.get(0) == linkages.get(0).clusterSet());

        PulumiTest.cleanup();
        ClusterMeshComponentTest.RecordingMocks assembled = new ClusterMeshComponentTest.RecordingMocks(COREFILE);
        PulumiTest.withMocks(assembled)
                .runTest(ctx -> new ClusterSetDeployment(ClusterSetDeploymentArgs.builder()
                        .topology(t)
                        .rootPassword(Output.ofSecret("pw"))
                        .build()));
        assertEquals(assembled.names(), byHand.names());
        assertTrue(
                byHand.names().contains("mycluster4-innodbcluster"),
                byHand.names().toString());
    }

    @Test
    void theLinkageNeedsTheMysqlcsProviderAndADeployedMember() {
        Topology t = ConfigFixtures.prod();
        TestResult r = PulumiTest.withMocks(new ClusterMeshComponentTest.RecordingMocks(""))
                .runTest(ctx -> new ClusterSetLinkage(
                        "mycs",
                        ClusterSetLinkageArgs.builder()
                                .clusterSet(t.clusterSet())
                                .deploy(List.of("prod"))
                                .rootPassword(Output.ofSecret("pw"))
                                .build(),
                        CustomResourceOptions.builder().build()));
        assertTrue(
                r.exceptions().toString().contains("ClusterSetLinkage mycs: options.provider is required"),
                r.exceptions().toString());

        PulumiTest.cleanup();
        TestResult none = PulumiTest.withMocks(new ClusterMeshComponentTest.RecordingMocks(""))
                .runTest(ctx -> new ClusterSetLinkage(
                        "mycs",
                        ClusterSetLinkageArgs.builder()
                                .clusterSet(t.clusterSet())
                                .deploy(List.of("elsewhere"))
                                .rootPassword(Output.ofSecret("pw"))
                                .build(),
                        CustomResourceOptions.builder()
                                .provider(new MysqlcsProvider(
                                        "mysqlcs",
                                        MysqlcsProviderArgs.of(t.kubeClusters()),
                                        CustomResourceOptions.builder().build()))
                                .build()));
        assertTrue(
                none.exceptions().toString().contains("no member of ClusterSet mycs is in deploy [elsewhere]"),
                none.exceptions().toString());
    }
}
