package dev.mysqlcs.provider;

import com.google.gson.JsonParser;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import dev.mysqlcs.model.Topology;
import dev.mysqlcs.testing.ConfigFixtures;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import pulumirpc.Provider;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The provider over real gRPC (in-process), called in the engine's order: preview, up, refresh, destroy. */
class ProviderGrpcTest {

    private final Topology prod = ConfigFixtures.prod();
    private final Topology dr = ConfigFixtures.dr();
    private final ProviderHarness h = new ProviderHarness(prod);

    @AfterEach
    void close() {
        assertEquals(List.of(), h.lockViolations);
        assertEquals(0, h.probes.openProbes(), "every JDBC probe is closed");
        h.close();
    }

    private void operatorCreatedBoth() {
        h.world.operatorCreates("prd").operatorCreates("dr");
        h.world.write("prd", "shop");
    }

    @Test
    void pluginInfoAndSchema() {
        ProviderHarness.Plugin p = h.plugin("prod");
        assertEquals(MysqlcsProviderService.VERSION, h.pluginVersion(p));
        var schema = JsonParser.parseString(h.schema(p).getSchema()).getAsJsonObject();
        assertEquals("mysqlcs", schema.get("name").getAsString());
        assertTrue(schema.getAsJsonObject("resources").has("mysqlcs:index:ClusterSetMember"));
        assertTrue(schema.getAsJsonObject("resources").getAsJsonObject("mysqlcs:index:ClusterSet")
                .getAsJsonObject("inputProperties").getAsJsonObject("rootPassword").get("secret").getAsBoolean());
    }

    @Test
    void previewCallsOnlyCheckDiffAndPreviewCreatesAndChangesNothing() {
        operatorCreatedBoth();
        var prodStack = h.stack("prod");
        var preview = prodStack.preview(prod);

        assertEquals(List.of("CheckConfig", "Configure", "Check", "Create(preview)", "Check", "Create(preview)", "Check",
                "Create(preview)"), prodStack.calls);
        assertEquals(List.of("createClusterSet('mycs') on prd (prd-0.prd-instances.mysql-prod.svc.cluster.local)",
                "restart Deployment prd-router and wait for its rollout"), preview.get("mycs").plannedSteps());
        assertEquals(List.of(), h.shell.mutatingInvocations(), "preview never mutates MySQL");
        assertEquals(0, h.world.mutationCount());
        Deployment router = h.clients.get("prod").apps().deployments().inNamespace("mysql-prod").withName("prd-router")
                .get();
        assertTrue(router.getSpec().getTemplate().getMetadata().getAnnotations() == null
                || router.getSpec().getTemplate().getMetadata().getAnnotations().isEmpty(), "preview never restarts");
        // Computed outputs are unknown in a preview; the plan is known.
        Map<String, Object> out = Props.fromStruct(preview.get("mycs").outputs());
        assertEquals(Props.UNKNOWN, out.get("primaryCluster"));
    }

    @Test
    void upCreatesTheClusterSetThenTheDrStackJoinsItsReplica() {
        operatorCreatedBoth();
        var prodStack = h.stack("prod");
        prodStack.up(prod);
        assertEquals(Optional.of("prd"), h.world.clusterSetPrimary());
        assertEquals("mycs", prodStack.outputs("mycs").get("domainName"));
        assertEquals(List.of("createClusterSet('mycs') on prd (prd-0.prd-instances.mysql-prod.svc.cluster.local)",
                "restart Deployment prd-router and wait for its rollout"), prodStack.outputs("mycs").get("appliedSteps"));
        assertEquals("mycs", router("prod", "mysql-prod", "prd").getSpec().getTemplate().getMetadata()
                .getAnnotations().get(Fabric8KubeActions.RESTARTED_FOR));

        var drStack = h.stack("dr");
        drStack.up(dr);
        assertEquals(List.of("prd", "dr"), h.world.clusterSetMembers());
        assertEquals(java.util.Set.of(0, 1, 2), h.world.instancesInMetadata("dr"));
        for (int i = 0; i < 3; i++) {
            assertEquals(java.util.Set.of("shop"), h.world.userSchemas("dr", i), "the replica has the primary's data");
        }
        Map<String, Object> member = drStack.outputs("mycs-dr");
        assertEquals("REPLICA", member.get("clusterRole"));
        assertEquals(3, ((List<?>) member.get("instances")).size());
        assertEquals(List.of(), member.get("plannedSteps"));
        for (String suffix : List.of("-privsecrets", "-router", "-backup")) {
            Secret from = secret("prod", "mysql-prod", "prd" + suffix);
            Secret to = secret("dr", "mysql-dr", "dr" + suffix);
            assertEquals(from.getData(), to.getData(), "S2.15 copies " + suffix);
        }
        assertEquals("mycs", router("dr", "mysql-dr", "dr").getSpec().getTemplate().getMetadata().getAnnotations()
                .get(Fabric8KubeActions.RESTARTED_FOR));
        assertTrue(h.clients.get("dr").configMaps().inNamespace("mysql-dr").withName("dr-mysqlcs-clusterset").get()
                == null, "the join record is cleared once the join is complete");

        // A repeated `pulumi up` changes nothing.
        long before = h.world.mutationCount();
        prodStack.calls.clear();
        prodStack.up(prod);
        drStack.up(dr);
        assertEquals(before, h.world.mutationCount());
        assertFalse(prodStack.calls.contains("Update"));
        assertFalse(drStack.calls.contains("Update"));
    }

    @Test
    void refreshReadsTheRealRoles() {
        operatorCreatedBoth();
        var prodStack = h.stack("prod");
        prodStack.up(prod);
        var drStack = h.stack("dr");
        drStack.up(dr);
        Map<String, Struct> read = prodStack.refresh();
        assertEquals(3, read.size());
        Map<String, Object> cs = prodStack.outputs("mycs");
        assertEquals(List.of("prd", "dr"), cs.get("members"));
        assertEquals("HEALTHY", cs.get("clusterSetStatus"));
        assertEquals("prd", cs.get("primaryCluster"));
        assertEquals("PRIMARY", prodStack.outputs("mycs-prd").get("clusterRole"));
        assertEquals(List.of("Read", "Read", "Read"), prodStack.calls.subList(prodStack.calls.size() - 3,
                prodStack.calls.size()));
    }

    @Test
    void secretInputStaysSecretInEveryOutput() {
        operatorCreatedBoth();
        var prodStack = h.stack("prod");
        prodStack.preview(prod);
        prodStack.up(prod);
        prodStack.refresh();
        assertFalse(h.sentToEngine.isEmpty());
        for (Struct s : h.sentToEngine) {
            Value pw = s.getFieldsOrThrow("rootPassword");
            assertTrue(pw.hasStructValue(), "rootPassword is sent back wrapped");
            assertEquals(Props.SECRET_SIG, pw.getStructValue().getFieldsOrThrow(Props.SIG_KEY).getStringValue());
            assertEquals(ProviderHarness.PASSWORD, pw.getStructValue().getFieldsOrThrow("value").getStringValue());
            assertFalse(ProviderHarness.plainStrings(s).stream().anyMatch(x -> x.contains(ProviderHarness.PASSWORD)));
        }
    }

    @Test
    void unknownInputsInAPreviewMayChangeInsteadOfFailing() {
        operatorCreatedBoth();
        var prodStack = h.stack("prod");
        prodStack.up(prod);
        ProviderHarness.Plugin p = prodStack.plugin;
        String urn = ProviderHarness.resources(prod).get(0).urn("prod");
        Map<String, Object> news = ProviderHarness.inputs(prod, Optional.empty());
        news.put("spec", Props.UNKNOWN);
        Struct unknownNews = Props.toStruct(news);

        Provider.CheckResponse check = p.stub.check(Provider.CheckRequest.newBuilder().setUrn(urn)
                .setType(ResourceKind.CLUSTER_SET.token()).setNews(unknownNews).build());
        assertEquals(0, check.getFailuresCount());
        Provider.DiffResponse diff = p.stub.diff(Provider.DiffRequest.newBuilder().setUrn(urn).setId("mycs")
                .setType(ResourceKind.CLUSTER_SET.token()).setOlds(prodStack.outputs.get(urn))
                .setOldInputs(prodStack.inputs.get(urn)).setNews(unknownNews).build());
        assertEquals(Provider.DiffResponse.DiffChanges.DIFF_SOME, diff.getChanges());
        assertEquals(Provider.PropertyDiff.Kind.UPDATE, diff.getDetailedDiffOrThrow("spec.name").getKind());
        assertEquals(0, diff.getReplacesCount(), "an unknown value may change: no replacement decided yet");
        Provider.UpdateResponse u = p.stub.update(Provider.UpdateRequest.newBuilder().setUrn(urn).setId("mycs")
                .setType(ResourceKind.CLUSTER_SET.token()).setOlds(prodStack.outputs.get(urn)).setNews(unknownNews)
                .setPreview(true).build());
        assertEquals(Props.UNKNOWN, Props.fromStruct(u.getProperties()).get("plannedSteps"));
        assertEquals(Props.UNKNOWN, Props.fromStruct(u.getProperties()).get("spec"));
        // Outside a preview, unknown inputs are an error, not a guess.
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> p.stub.update(
                Provider.UpdateRequest.newBuilder().setUrn(urn).setId("mycs").setType(ResourceKind.CLUSTER_SET.token())
                        .setOlds(prodStack.outputs.get(urn)).setNews(unknownNews).build()));
        assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
    }

    @Test
    void checkNamesTheConfigKeyOfEachMistake() {
        ProviderHarness.Plugin p = h.plugin("prod");
        Map<String, Object> in = ProviderHarness.inputs(prod, Optional.of("nope"));
        @SuppressWarnings("unchecked")
        Map<String, Object> spec = (Map<String, Object>) in.get("spec");
        @SuppressWarnings("unchecked")
        Map<String, Object> m1 = (Map<String, Object>) ((List<Object>) spec.get("members")).get(1);
        m1.put("instances", 12.0);
        in.put("rootPassword", "plain-text");
        Provider.CheckResponse r = p.stub.check(Provider.CheckRequest.newBuilder()
                .setUrn("urn:pulumi:prod::mysqlcs::mysqlcs:index:ClusterSetMember::x")
                .setType(ResourceKind.MEMBER.token()).setNews(Props.toStruct(in)).build());
        List<String> reasons = r.getFailuresList().stream().map(f -> f.getProperty() + ": " + f.getReason()).toList();
        assertTrue(reasons.stream().anyMatch(x -> x.startsWith("spec: config error: "
                + "mysqlcs:clusterSet.members[1].instances: 12 is out of range")), reasons.toString());
        assertTrue(reasons.stream().anyMatch(x -> x.startsWith("rootPassword: must be a secret")), reasons.toString());
        assertTrue(reasons.stream().anyMatch(x -> x.startsWith("member: 'nope' is not one of")), reasons.toString());
        assertFalse(reasons.toString().contains("plain-text"));
    }

    @Test
    void renamingTheClusterSetIsAReplacementThatDeletesFirst() {
        operatorCreatedBoth();
        var prodStack = h.stack("prod");
        prodStack.up(prod);
        String urn = ProviderHarness.resources(prod).get(0).urn("prod");
        Map<String, Object> news = ProviderHarness.inputs(prod, Optional.empty());
        @SuppressWarnings("unchecked")
        Map<String, Object> spec = (Map<String, Object>) news.get("spec");
        spec.put("name", "othercs");
        Provider.DiffResponse d = prodStack.plugin.stub.diff(Provider.DiffRequest.newBuilder().setUrn(urn).setId("mycs")
                .setType(ResourceKind.CLUSTER_SET.token()).setOlds(prodStack.outputs.get(urn))
                .setOldInputs(prodStack.inputs.get(urn)).setNews(Props.toStruct(news)).build());
        assertEquals(List.of("spec.name"), d.getReplacesList());
        assertTrue(d.getDeleteBeforeReplace());
        assertEquals(Provider.PropertyDiff.Kind.UPDATE_REPLACE, d.getDetailedDiffOrThrow("spec.name").getKind());
    }

    @Test
    void destroyRemovesTheReplicaThenReleasesTheClusterSetLeavingPrdOnline() {
        h.world.operatorCreates("prd").operatorCreates("dr");
        var prodStack = h.stack("prod");
        prodStack.up(prod);
        var drStack = h.stack("dr");
        drStack.up(dr);
        // The prod stack cannot dissolve while dr is a member.
        StatusRuntimeException refused = assertThrows(StatusRuntimeException.class, prodStack::destroy);
        assertEquals(Status.Code.FAILED_PRECONDITION, refused.getStatus().getCode());
        assertTrue(refused.getStatus().getDescription().contains("prd is the PRIMARY cluster of ClusterSet 'mycs' "
                + "and is never removed"), refused.getStatus().getDescription());
        assertEquals(Optional.of("mycs"), h.world.domainName());

        drStack.destroy();
        assertEquals(List.of("prd"), h.world.clusterSetMembers());
        prodStack.destroy();
        // Dissolving would leave an InnoDBCluster its operator cannot manage: prd stays as it is.
        assertEquals(Optional.of("mycs"), h.world.domainName());
        assertEquals(dev.mysqlcs.fake.FakeWorld.State.ONLINE, h.world.state("prd"));
    }

    @Test
    void destroyNeverDissolvesAClusterSetThatHoldsData() {
        operatorCreatedBoth();
        var prodStack = h.stack("prod");
        prodStack.up(prod);
        long before = h.world.mutationCount();
        prodStack.destroy();
        assertEquals(before, h.world.mutationCount(), "released without touching MySQL");
        assertEquals(Optional.of("mycs"), h.world.domainName());
        assertEquals(java.util.Set.of("shop"), h.world.userSchemas("prd", 0));
    }

    @Test
    void progressLinesReachTheEngineWithTheResourceUrn() {
        operatorCreatedBoth();
        h.stack("prod").up(prod);
        String urn = ProviderHarness.resources(prod).get(0).urn("prod");
        assertTrue(h.logLines.stream().anyMatch(l -> l.equals("INFO " + urn + " step: createClusterSet('mycs') on prd "
                + "(prd-0.prd-instances.mysql-prod.svc.cluster.local)")), String.join("\n", h.logLines));
        assertTrue(h.logLines.stream().anyMatch(l -> l.startsWith("INFO " + urn + " holding the ClusterSet lock")));
    }

    @Test
    void aStackThatDoesNotDeployThePrimaryCannotCreateTheClusterSet() {
        operatorCreatedBoth();
        var drStack = h.stack("dr");
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> drStack.up(dr));
        assertEquals(Status.Code.FAILED_PRECONDITION, e.getStatus().getCode());
        assertTrue(e.getStatus().getDescription().contains("run `pulumi up` on that stack first"));
        assertEquals(0, h.world.mutationCount());
    }

    private Deployment router(String kube, String ns, String member) {
        return h.clients.get(kube).apps().deployments().inNamespace(ns).withName(member + "-router").get();
    }

    private Secret secret(String kube, String ns, String name) {
        Secret s = h.clients.get(kube).secrets().inNamespace(ns).withName(name).get();
        assertInstanceOf(Secret.class, s);
        return s;
    }
}
