package dev.mysqlcs.stack.offline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.mysqlcs.stack.PlanFixture;
import dev.mysqlcs.testing.ConfigFixtures;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code ./plan} as a user runs it: arguments, exit codes, what lands on stdout and stderr. */
class PlanCommandTest {

    record Run(int exit, String out, String err) {}

    @BeforeAll
    static void runFromTheRepositoryRoot() {
        System.setProperty("mysqlcs.projectDir", PlanFixture.repoRoot().toString());
    }

    static Run plan(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Plan.run(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static String example() {
        return PlanFixture.repoRoot().resolve(PlanFixture.ENTERPRISE_EXAMPLE).toString();
    }

    static Path stackFile(String body) throws IOException {
        Path dir = Files.createTempDirectory("plan");
        Path f = dir.resolve("Pulumi.test.yaml");
        Files.writeString(f, body);
        return f;
    }

    @Test
    void prodJsonIsOneDocumentWithStackAndResources() {
        Run r = plan("prod", "--json");
        assertEquals(0, r.exit(), r.err());
        JsonObject doc = JsonParser.parseString(r.out()).getAsJsonObject();
        assertEquals("prod", doc.get("stack").getAsString());
        List<String> names = new ArrayList<>();
        doc.getAsJsonArray("resources").forEach(e -> {
            JsonObject o = e.getAsJsonObject();
            assertEquals(
                    List.of(
                            "type",
                            "name",
                            "urn",
                            "parent",
                            "custom",
                            "protect",
                            "retainOnDelete",
                            "provider",
                            "providers",
                            "dependsOn",
                            "inputs",
                            "outputs"),
                    new ArrayList<>(o.keySet()));
            names.add(o.get("type").getAsString() + " " + o.get("name").getAsString());
        });
        assertEquals("pulumi:pulumi:Stack mysqlcs-prod", names.get(0));
        assertTrue(doc.getAsJsonArray("resources")
                .get(0)
                .getAsJsonObject()
                .get("parent")
                .isJsonNull());
        assertTrue(names.contains("pulumi:providers:kubernetes prod-k8s"), names.toString());
    }

    @Test
    void drAndTheEnterpriseExamplePrintValidJson() {
        for (String[] args : List.of(new String[] {"dr", "--json"}, new String[] {"--config", example(), "--json"})) {
            Run r = plan(args);
            assertEquals(0, r.exit(), r.err());
            JsonObject doc = JsonParser.parseString(r.out()).getAsJsonObject();
            assertFalse(doc.getAsJsonArray("resources").isEmpty());
        }
        assertEquals(
                "Pulumi.single-cluster-enterprise".replace("Pulumi.", ""),
                JsonParser.parseString(plan("--config", example(), "--json").out())
                        .getAsJsonObject()
                        .get("stack")
                        .getAsString());
    }

    @Test
    void treeShowsTypesNamesNestingAndKeyInputs() {
        Run r = plan("prod");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith("Plan of stack 'prod': "), r.out());
        assertTrue(r.out().contains("\npulumi:pulumi:Stack  mysqlcs-prod  #1\n"), r.out());
        assertTrue(r.out().contains("\n├─ pulumi:providers:kubernetes  prod-k8s  #2\n"), r.out());
        assertTrue(r.out().contains("context: context-che34bk2roa\n"), r.out());
        assertTrue(r.out().contains("serverIdRanges: {\"prd\":\"100-102\",\"dr\":\"200-202\"}"), r.out());
    }

    @Test
    void treeLinesCarryTheDeploymentWaveAndProtection() {
        String out = plan("prod").out();
        assertTrue(
                out.startsWith("Plan of stack 'prod': 19 resources (offline: no engine, cluster or credentials "
                        + "contacted)\n" + Plan.LEGEND + "\npulumi:pulumi:Stack  mysqlcs-prod  #1\n"),
                out);
        // The mesh first (Cilium, then its restart of CoreDNS, #5). The namespace waits for its parent component (#2)
        // and the kubernetes provider (#2); the InnoDBCluster for the namespace, its secret and the operator's
        // release (#6, after the mesh): a component's dependsOn holds back only the child that needs it.
        assertTrue(out.contains("\n│  ├─ kubernetes:core/v1:Namespace  prd-namespace  #3 [protected]\n"), out);
        assertTrue(
                out.contains("\n│  │  ├─ kubernetes:apps/v1:DeploymentPatch  prod-cilium-restart-coredns  #5\n"), out);
        assertTrue(out.contains("\n│  └─ kubernetes:helm.sh/v3:Release  prod-mysql-operator-release  #6\n"), out);
        assertTrue(
                out.contains("\n│  └─ kubernetes:mysql.oracle.com/v2:InnoDBCluster  prd-innodbcluster  #7 "
                        + "[protected]\n"),
                out);
        assertTrue(
                out.contains(
                        "\n│     ├─ kubernetes:core/v1:ConfigMapPatch  prod-dns-corefile  #4 " + "[retainOnDelete]\n"),
                out);
        assertTrue(out.contains("\n├─ mysqlcs:index:ClusterSet  mycs  #8\n"), out);
        assertTrue(out.contains("\n├─ mysqlcs:index:ClusterSetMember  mycs-prd  #9\n"), out);
        assertTrue(out.contains("\n├─ mysqlcs:index:ClusterSetPrimary  mycs-primary  #10\n"), out);
    }

    /**
     * D3, as the enterprise example's plan shows it: the primary's InnoDBCluster (#5), then the ClusterSet (#6), then
     * the replicas the operator links (#7), then the members (#8) and the primary resource (#9).
     */
    @Test
    void theEnterpriseExampleCreatesTheClusterSetBetweenThePrimaryAndTheReplicas() {
        String out = plan("--config", example()).out();
        List<String> waves = out.lines()
                .filter(l -> l.contains("InnoDBCluster  ") || l.contains("mysqlcs:index:ClusterSet"))
                .map(l -> l.replaceAll("^[│├└─ ]+", ""))
                .toList();
        assertEquals(
                List.of(
                        "mysqlcs:index:ClusterSet  mycs  #6",
                        "mysqlcs:index:ClusterSetMember  mycs-mycluster1  #8",
                        "mysqlcs:index:ClusterSetMember  mycs-mycluster2  #8",
                        "mysqlcs:index:ClusterSetMember  mycs-mycluster3  #8",
                        "mysqlcs:index:ClusterSetMember  mycs-mycluster4  #8",
                        "mysqlcs:index:ClusterSetPrimary  mycs-primary  #9",
                        "kubernetes:mysql.oracle.com/v2:InnoDBCluster  mycluster1-innodbcluster  #5 [protected]",
                        "kubernetes:mysql.oracle.com/v2:InnoDBCluster  mycluster2-innodbcluster  #7 [protected]",
                        "kubernetes:mysql.oracle.com/v2:InnoDBCluster  mycluster3-innodbcluster  #7 [protected]",
                        "kubernetes:mysql.oracle.com/v2:InnoDBCluster  mycluster4-innodbcluster  #7 [protected]"),
                waves);
    }

    @Test
    void wavesFollowParentDependenciesAndProvider() {
        var stack = res("s", null, List.of(), null);
        var provider = res("p", "s", List.of(), null);
        var component = res("c", "s", List.of(), null);
        var a = res("a", "c", List.of(), "p");
        var b = res("b", "c", List.of("a", "elsewhere"), "p");
        var d = res("d", "s", List.of("b"), null);
        var waves = Plan.waves(List.of(d, b, a, component, provider, stack));
        assertEquals(java.util.Map.of("s", 1, "p", 2, "c", 2, "a", 3, "b", 4, "d", 5), waves);
    }

    static RegisteredResource res(String urn, String parent, List<String> deps, String provider) {
        return new RegisteredResource(
                "t",
                urn,
                urn,
                java.util.Optional.ofNullable(parent),
                new JsonObject(),
                deps,
                true,
                false,
                java.util.Optional.ofNullable(provider),
                java.util.Map.of(),
                false,
                new JsonObject());
    }

    @Test
    void missingRootPasswordIsAWarningAndThePlanStillSucceeds() {
        Run r = plan("prod");
        assertEquals(0, r.exit());
        assertEquals(
                "warning: mysqlcs:rootPassword: is required (the MySQL root password of every member); set it "
                        + "with: pulumi config set --secret mysqlcs:rootPassword\n"
                        + "warning: mysqlcs:meshCaCert: is required when the mesh spans several Kubernetes clusters (the PEM "
                        + "certificate of the CA every cluster of the mesh shares); generate a CA with: java -jar "
                        + "src/target/mysqlcs-stack.jar mesh-ca, then: pulumi config set mysqlcs:meshCaCert < ca.crt\n"
                        + "warning: mysqlcs:meshCaKey: is required when the mesh spans several Kubernetes clusters (the PEM "
                        + "private key of that CA, as a secret); generate a CA with: java -jar src/target/mysqlcs-stack.jar "
                        + "mesh-ca, then: pulumi config set --secret mysqlcs:meshCaKey < ca.key\n",
                r.err());
    }

    @Test
    void encryptedValuesArePresentSecretsAndNeverPrinted() throws IOException {
        String body = ConfigFixtures.shipped("Pulumi.prod.yaml")
                + "  mysqlcs:rootPassword:\n    secure: v1:c2FraWxhLWNpcGhlcnRleHQ=\n"
                + "  mysqlcs:meshCaCert:\n    secure: v1:Y2EtY2VydC1jaXBoZXJ0ZXh0\n"
                + "  mysqlcs:meshCaKey:\n    secure: v1:Y2Eta2V5LWNpcGhlcnRleHQ=\n";
        Run r = plan("--config", stackFile(body).toString(), "--json");
        assertEquals(0, r.exit(), r.err());
        assertEquals("", r.err());
        assertFalse(r.out().contains("c2FraWxhLWNpcGhlcnRleHQ"), r.out());
        assertFalse(r.out().contains("Y2EtY2VydC1jaXBoZXJ0ZXh0") || r.out().contains("Y2Eta2V5LWNpcGhlcnRleHQ"));
    }

    @Test
    void configErrorsExitTwoWithOneLineEachOnStderr() throws IOException {
        String body = ConfigFixtures.shipped("Pulumi.prod.yaml")
                .replace("baseServerId: 200", "baseServerId: 101")
                .replace("clusterId: 2}", "clusterId: 0}");
        Run r = plan("--config", stackFile(body).toString());
        assertEquals(2, r.exit());
        assertEquals("", r.out());
        assertEquals("""
                config error: mysqlcs:clusterSet.members[1].baseServerId: server IDs 101-103 of 'dr' overlap server \
                IDs 100-102 of 'prd' (mysqlcs:clusterSet.members[0]); allowed: ranges [baseServerId, baseServerId + \
                instances - 1] unique across the ClusterSet
                config error: mysqlcs:kubeClusters[1].cilium.clusterId: 0 is out of range; allowed: 1..255 (1..511 \
                with mysqlcs:maxConnectedClusters: 511)
                """, r.err());
    }

    @Test
    void unknownStackNamesTheStacksThatExist() {
        Run r = plan("staging");
        assertEquals(1, r.exit());
        assertEquals("no stack file Pulumi.staging.yaml; stacks here: dr, prod\n", r.err());
    }

    @Test
    void noArgumentsPrintsUsage() {
        Run r = plan();
        assertEquals(1, r.exit());
        assertTrue(r.err().startsWith("usage: ./plan <stack> | --config FILE [--json | --diff BASE]"), r.err());
    }

    /**
     * Issue 11: no Java names in what a user reads. An internal error without a message (or with one the JVM wrote,
     * naming classes and variables) says what the plan was doing and how to get the details, never the exception's
     * class; the trace is printed only on request.
     */
    @Test
    void anInternalErrorWithoutAMessageNamesNoJavaClass() {
        Path file = Path.of("Pulumi.prod.yaml");
        assertEquals(
                "plan failed: Pulumi.prod.yaml: internal error while running the stack program (no detail); rerun "
                        + "with MYSQLCS_PLAN_TRACE=1 to print where it happened, and report that",
                Plan.internalError(file, "running the stack program", new IllegalStateException(), false));
        assertEquals(
                "plan failed: Pulumi.prod.yaml: internal error while reading the stack file (no detail); rerun "
                        + "with MYSQLCS_PLAN_TRACE=1 to print where it happened, and report that",
                Plan.internalError(
                        file,
                        "reading the stack file",
                        new NullPointerException("Cannot invoke \"String.length()\" because \"s\" is null"),
                        false));
        assertEquals(
                "plan failed: internal error while reading Pulumi.yaml (no detail); rerun with "
                        + "MYSQLCS_PLAN_TRACE=1 to print where it happened, and report that",
                Plan.internalError(null, "reading Pulumi.yaml", new StackOverflowError(), false));
        assertEquals(
                "plan failed: Pulumi.prod.yaml: internal error while printing the plan: no output for wave 3; "
                        + "where it happened follows",
                Plan.internalError(
                        file,
                        "printing the plan",
                        new IllegalStateException("java.lang.IllegalStateException: no output for wave 3"),
                        true));
        for (Throwable e : List.<Throwable>of(
                new IllegalStateException(), new NullPointerException(), new UnsupportedOperationException())) {
            String line = Plan.internalError(file, "running the stack program", e, false);
            assertFalse(line.contains("Exception") || line.contains("Error") || line.contains("java."), line);
        }
    }

    @Test
    void stackNameComesFromTheConfigFileName() {
        assertEquals("prod", Plan.stackNameOf(Path.of("/x/Pulumi.prod.yaml")));
        assertEquals("topology", Plan.stackNameOf(Path.of("topology.yaml")));
    }
}
