package dev.mysqlcs.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mysqlcs.io.AdminApi;
import dev.mysqlcs.io.AdminApiException;
import dev.mysqlcs.io.Credentials;
import dev.mysqlcs.model.Topology;
import dev.mysqlcs.pki.MeshCa;
import dev.mysqlcs.testing.ConfigFixtures;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 10 item 2: replica clusters the MySQL Operator can run. createReplicaCluster and addInstance carry the GR
 * options the operator gives its own clusters (mysqloperator/controller/innodbcluster/cluster_controller.py
 * create_cluster: manualStartOnBoot, memberSslMode, common_gr_options exitStateAction ABORT_SERVER; join_instance:
 * certSubject), and certificate-authenticated members ({@code tls.useSelfSigned: false}) pass their certificate's
 * subject, without which the Shell refuses (SHERR_DBA_MISSING_CERT_OPTION, common/common.cc).
 */
class OperatorOptionsTest {

    private ProviderHarness h;

    @AfterEach
    void close() {
        if (h == null) {
            return;
        }
        assertEquals(List.of(), h.lockViolations);
        h.close();
    }

    @Test
    void theReplicaClusterGetsTheGroupReplicationOptionsTheOperatorUsesForItsOwnClusters() {
        h = new ProviderHarness(ConfigFixtures.prod());
        h.world.operatorCreates("prd").operatorCreates("dr");
        h.stack("prod").up(ConfigFixtures.prod());
        h.stack("dr").up(ConfigFixtures.dr());

        Map<String, Object> create = h.world.createOptions("dr");
        assertEquals("clone", create.get("recoveryMethod"));
        assertEquals(true, create.get("manualStartOnBoot"), "the operator manages GR (start_on_boot off)");
        assertEquals("ABORT_SERVER", create.get("exitStateAction"), "an expelled member restarts its container");
        assertEquals("REQUIRED", create.get("memberSslMode"), "self-signed: as the operator, REQUIRED");
        assertEquals(3540.0, create.get("timeout"));
        for (int pod : List.of(1, 2)) {
            assertEquals(
                    Map.of("recoveryMethod", "clone", "exitStateAction", "ABORT_SERVER"),
                    h.world.addOptions("dr").get(pod));
        }
    }

    static Topology certificates(String file) {
        String yaml = ConfigFixtures.shipped(file);
        for (String m : List.of("prd", "dr")) {
            yaml = yaml.replaceFirst(
                    "tls: \\{useSelfSigned: true}",
                    "tls: {useSelfSigned: false, caSecretName: " + m + "-ca, serverSecretName: " + m
                            + "-tls, routerSecretName: " + m + "-router-tls}");
        }
        return ConfigFixtures.topology(yaml);
    }

    @Test
    void certificateAuthenticatedMembersJoinWithTheSubjectOfTheirServerCertificate() {
        Topology prodConfig = certificates("Pulumi.prod.yaml");
        h = new ProviderHarness(prodConfig);
        // The operator created both clusters with memberAuthType CERT_SUBJECT; dr's certificate is in dr-tls.
        h.world
                .operatorCreates("prd")
                .operatorCreates("dr")
                .certificateAuth("prd")
                .certificateAuth("dr");
        MeshCa.Generated cert = MeshCa.generate("dr-instances.mysql-dr.svc.cluster.local");
        h.clients
                .get("dr")
                .secrets()
                .inNamespace("mysql-dr")
                .resource(new SecretBuilder()
                        .withNewMetadata()
                        .withName("dr-tls")
                        .withNamespace("mysql-dr")
                        .endMetadata()
                        .withType("kubernetes.io/tls")
                        .addToData("tls.crt", ProviderHarness.b64(cert.certificatePem()))
                        .addToData("tls.key", ProviderHarness.b64(cert.privateKeyPem()))
                        .build())
                .create();

        h.stack("prod").up(prodConfig);
        h.stack("dr").up(certificates("Pulumi.dr.yaml"));

        assertEquals(List.of("prd", "dr"), h.world.clusterSetMembers());
        Map<String, Object> create = h.world.createOptions("dr");
        assertEquals("/O=mysqlcs/CN=dr-instances.mysql-dr.svc.cluster.local", create.get("certSubject"));
        assertEquals("VERIFY_IDENTITY", create.get("memberSslMode"));
        assertEquals(
                "/O=mysqlcs/CN=dr-instances.mysql-dr.svc.cluster.local",
                h.world.addOptions("dr").get(1).get("certSubject"));
    }

    @Test
    void withoutTheSubjectTheShellRefusesACertificateAuthenticatedClusterSet() {
        h = new ProviderHarness(ConfigFixtures.prod());
        h.world.operatorCreates("prd").operatorCreates("dr").certificateAuth("prd");
        AdminApi api = new AdminApi(
                h.shell, new Credentials("root", ProviderHarness.PASSWORD.toCharArray()), Duration.ofSeconds(5));
        String prd0 = "prd-0.prd-instances.mysql-prod.svc.cluster.local";
        String dr0 = "dr-0.dr-instances.mysql-dr.svc.cluster.local";
        api.createClusterSet(
                new AdminApi.Target(
                        Observer.pod(h.topology.clusterSet().member("prd").orElseThrow(), 0), prd0),
                "mycs",
                Duration.ofSeconds(5));
        AdminApi.Target fromDr = new AdminApi.Target(
                Observer.pod(h.topology.clusterSet().member("dr").orElseThrow(), 0), dr0);
        api.dissolveCluster(fromDr, Duration.ofSeconds(5));
        AdminApiException e = assertThrows(
                AdminApiException.class,
                () -> api.createReplicaCluster(
                        new AdminApi.Target(fromDr.via(), prd0),
                        dr0,
                        "dr",
                        AdminApi.MemberOptions.selfSigned(),
                        Duration.ofSeconds(5)));
        assertTrue(
                e.getMessage().contains("the 'certSubject' option for the instance wasn't supplied"), e.getMessage());
    }

    @Test
    void theSubjectIsTheOperatorsSlashFormInAsn1Order() {
        assertEquals("/C=DE/O=Acme\\, Inc/CN=dr", Fabric8KubeActions.slashRdns("CN=dr,O=Acme\\, Inc,C=DE"));
    }
}
