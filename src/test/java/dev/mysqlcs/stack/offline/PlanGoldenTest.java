package dev.mysqlcs.stack.offline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.mysqlcs.stack.PlanFixture;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code ./plan dr --json} and {@code ./plan prod} byte for byte against src/test/resources/plan/dr.json and
 * prod.txt. After an intended change of the plan, regenerate them with {@code -Dmysqlcs.regenerateGolden=true} and
 * review the files' diff.
 */
class PlanGoldenTest {

    static final Path GOLDEN = PlanFixture.repoRoot().resolve("src/test/resources/plan/dr.json");
    static final Path GOLDEN_TREE = PlanFixture.repoRoot().resolve("src/test/resources/plan/prod.txt");

    @BeforeAll
    static void runFromTheRepositoryRoot() {
        System.setProperty("mysqlcs.projectDir", PlanFixture.repoRoot().toString());
    }

    @Test
    void drJsonIsTheGoldenFile() throws IOException {
        PlanCommandTest.Run r = PlanCommandTest.plan("dr", "--json");
        assertEquals(0, r.exit(), r.err());
        if (Boolean.getBoolean("mysqlcs.regenerateGolden")) {
            Files.writeString(GOLDEN, r.out(), StandardCharsets.UTF_8);
        }
        assertEquals(
                Files.readString(GOLDEN, StandardCharsets.UTF_8),
                r.out(),
                "./plan dr --json changed; if intended, rerun with -Dmysqlcs.regenerateGolden=true and review "
                        + "the diff of " + GOLDEN);
        assertEquals(r.out(), PlanCommandTest.plan("dr", "--json").out(), "byte-stable between runs");
    }

    @Test
    void prodTreeIsTheGoldenFile() throws IOException {
        PlanCommandTest.Run r = PlanCommandTest.plan("prod");
        assertEquals(0, r.exit(), r.err());
        if (Boolean.getBoolean("mysqlcs.regenerateGolden")) {
            Files.writeString(GOLDEN_TREE, r.out(), StandardCharsets.UTF_8);
        }
        assertEquals(
                Files.readString(GOLDEN_TREE, StandardCharsets.UTF_8),
                r.out(),
                "./plan prod changed; if intended, rerun with -Dmysqlcs.regenerateGolden=true and review "
                        + "the diff of " + GOLDEN_TREE);
    }

    @Test
    void everyResourceCarriesItsUrnOptionsDependenciesAndOutputs() {
        JsonObject doc = JsonParser.parseString(
                        PlanCommandTest.plan("dr", "--json").out())
                .getAsJsonObject();
        assertEquals(List.of("stack", "warnings", "resources", "outputs"), new ArrayList<>(doc.keySet()));
        String stack = "urn:pulumi:dr::mysqlcs::pulumi:pulumi:Stack::mysqlcs-dr";
        JsonObject ns = resource(doc, "kubernetes:core/v1:Namespace", "dr-namespace");
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
                new ArrayList<>(ns.keySet()));
        assertEquals(
                "urn:pulumi:dr::mysqlcs::mysqlcs:index:InnoDbCluster$kubernetes:core/v1:Namespace" + "::dr-namespace",
                ns.get("urn").getAsString());
        assertEquals(
                "urn:pulumi:dr::mysqlcs::mysqlcs:index:InnoDbCluster::dr",
                ns.get("parent").getAsString());
        assertTrue(ns.get("protect").getAsBoolean());
        assertEquals(
                "urn:pulumi:dr::mysqlcs::pulumi:providers:kubernetes::dr-k8s",
                ns.get("provider").getAsString());
        assertEquals(new JsonObject(), ns.get("outputs"), "the mock engine returns a Namespace's inputs, nothing more");

        JsonObject corefile = resource(doc, "kubernetes:core/v1:ConfigMapPatch", "dr-dns-corefile");
        assertTrue(corefile.get("retainOnDelete").getAsBoolean());
        assertTrue(!corefile.get("protect").getAsBoolean());

        JsonObject member = resource(doc, "mysqlcs:index:ClusterSetMember", "mycs-dr");
        assertEquals(stack, member.get("parent").getAsString());
        assertEquals(
                "urn:pulumi:dr::mysqlcs::pulumi:providers:mysqlcs::mysqlcs",
                member.get("provider").getAsString());
        JsonArray deps = member.getAsJsonArray("dependsOn");
        assertTrue(
                deps.contains(resource(doc, "mysqlcs:index:ClusterSet", "mycs").get("urn")), deps.toString());
        JsonObject out = member.getAsJsonObject("outputs");
        assertEquals("REPLICA", out.get("clusterRole").getAsString());
        assertEquals(
                "createReplicaCluster('dr-0.dr-instances.mysql-dr.svc.cluster.local', 'dr', "
                        + "{recoveryMethod: 'clone'}) via prd-0.prd-instances.mysql-prod.svc.cluster.local",
                out.getAsJsonArray("plannedSteps").get(2).getAsString());
        assertTrue(!out.has("rootPassword") && !out.has("spec"), "inputs are not repeated as outputs: " + out);

        assertEquals(
                doc.getAsJsonObject("outputs")
                        .getAsJsonObject("clusterSetPlannedSteps")
                        .get("mycs-dr"),
                out.get("plannedSteps"));
        assertEquals(3, doc.getAsJsonArray("warnings").size());
        assertTrue(doc.getAsJsonArray("warnings").get(0).getAsString().startsWith("mysqlcs:rootPassword: is required"));
    }

    static JsonObject resource(JsonObject doc, String type, String name) {
        for (var e : doc.getAsJsonArray("resources")) {
            JsonObject o = e.getAsJsonObject();
            if (o.get("type").getAsString().equals(type)
                    && o.get("name").getAsString().equals(name)) {
                return o;
            }
        }
        throw new AssertionError("no " + type + " " + name);
    }
}
