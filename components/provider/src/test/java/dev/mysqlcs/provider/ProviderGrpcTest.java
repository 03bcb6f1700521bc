package dev.mysqlcs.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import dev.mysqlcs.model.Topology;
import dev.mysqlcs.testing.ConfigFixtures;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import pulumirpc.Provider;

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
        assertTrue(schema.getAsJsonObject("resources")
                .getAsJsonObject("mysqlcs:index:ClusterSet")
                .getAsJsonObject("inputProperties")
                .getAsJsonObject("rootPassword")
                .get("secret")
                .getAsBoolean());
    }

    @Test
    void previewCallsOnlyCheckDiffAndPreviewCreatesAndChangesNothing() {
        operatorCreatedBoth();
        var prodStack = h.stack("prod");
        var preview = prodStack.preview(prod);

        assertEquals(
                List.of(
                        "CheckConfig",
                        "Configure",
                        "Check",
                        "Create(preview)",
                        "Check",
                        "Create(preview)",
                        "Check",
                        "Create(preview)"),
                prodStack.calls);
        assertEquals(
                List.of(
                        "createClusterSet('mycs') on prd (prd-0.prd-instances.mysql-prod.svc.cluster.local)",
                        "restart Deployment prd-router and wait for its rollout"),
                preview.get("mycs").plannedSteps());
        assertEquals(List.of(), h.shell.mutatingInvocations(), "preview never mutates MySQL");
        assertEquals(0, h.world.mutationCount());
        Deployment router = h.clients
                .get("prod")
                .apps()
                .deployments()
                .inNamespace("mysql-prod")
                .withName("prd-router")
                .get();
        assertTrue(
                router.getSpec().getTemplate().getMetadata().getAnnotations() == null
                        || router.getSpec()
                                .getTemplate()
                                .getMetadata()
                                .getAnnotations()
                                .isEmpty(),
                "preview never restarts");
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
        assertEquals(
                List.of(
                        "createClusterSet('mycs') on prd (prd-0.prd-instances.mysql-prod.svc.cluster.local)",
                        "restart Deployment prd-router and wait for its rollout"),
                prodStack.outputs("mycs").get("appliedSteps"));
        assertEquals(
                "mycs",
                router("prod", "mysql-prod", "prd")
                        .getSpec()
                        .getTemplate()
                        .getMetadata()
                        .getAnnotations()
                        .get(Fabric8KubeActions.RESTARTED_FOR));

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
        assertEquals(
                "mycs",
                router("dr", "mysql-dr", "dr")
                        .getSpec()
                        .getTemplate()
                        .getMetadata()
                        .getAnnotations()
                        .get(Fabric8KubeActions.RESTARTED_FOR));
        assertTrue(
                h.clients
                                .get("dr")
                                .configMaps()
                                .inNamespace("mysql-dr")
                                .withName("dr-mysqlcs-clusterset")
                                .get()
                        == null,
                "the join record is cleared once the join is complete");

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
        assertEquals(
                List.of("Read", "Read", "Read"),
                prodStack.calls.subList(prodStack.calls.size() - 3, prodStack.calls.size()));
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
            assertEquals(
                    Props.SECRET_SIG,
                    pw.getStructValue().getFieldsOrThrow(Props.SIG_KEY).getStringValue());
            assertEquals(
                    ProviderHarness.PASSWORD,
                    pw.getStructValue().getFieldsOrThrow("value").getStringValue());
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

        Provider.CheckResponse check = p.stub.check(Provider.CheckRequest.newBuilder()
                .setUrn(urn)
                .setType(ResourceKind.CLUSTER_SET.token())
                .setNews(unknownNews)
                .build());
        assertEquals(0, check.getFailuresCount());
        Provider.DiffResponse diff = p.stub.diff(Provider.DiffRequest.newBuilder()
                .setUrn(urn)
                .setId("mycs")
                .setType(ResourceKind.CLUSTER_SET.token())
                .setOlds(prodStack.outputs.get(urn))
                .setOldInputs(prodStack.inputs.get(urn))
                .setNews(unknownNews)
                .build());
        assertEquals(Provider.DiffResponse.DiffChanges.DIFF_SOME, diff.getChanges());
        assertEquals(
                Provider.PropertyDiff.Kind.UPDATE,
                diff.getDetailedDiffOrThrow("spec.name").getKind());
        assertEquals(0, diff.getReplacesCount(), "an unknown value may change: no replacement decided yet");
        Provider.UpdateResponse u = p.stub.update(Provider.UpdateRequest.newBuilder()
                .setUrn(urn)
                .setId("mycs")
                .setType(ResourceKind.CLUSTER_SET.token())
                .setOlds(prodStack.outputs.get(urn))
                .setNews(unknownNews)
                .setPreview(true)
                .build());
        assertEquals(Props.UNKNOWN, Props.fromStruct(u.getProperties()).get("plannedSteps"));
        assertEquals(Props.UNKNOWN, Props.fromStruct(u.getProperties()).get("spec"));
        // Outside a preview, unknown inputs are an error, not a guess.
        StatusRuntimeException e = assertThrows(
                StatusRuntimeException.class,
                () -> p.stub.update(Provider.UpdateRequest.newBuilder()
                        .setUrn(urn)
                        .setId("mycs")
                        .setType(ResourceKind.CLUSTER_SET.token())
                        .setOlds(prodStack.outputs.get(urn))
                        .setNews(unknownNews)
                        .build()));
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
                .setType(ResourceKind.MEMBER.token())
                .setNews(Props.toStruct(in))
                .build());
        List<String> reasons = r.getFailuresList().stream()
                .map(f -> f.getProperty() + ": " + f.getReason())
                .toList();
        // The program's words for the same settings (TopologyParser, TopologyValidator).
        assertEquals(
                List.of(
                        "rootPassword: config error: mysqlcs:rootPassword: must be a secret; allowed: a secret, "
                                + "set with: pulumi config set --secret mysqlcs:rootPassword",
                        "member: config error: member: 'nope' is not one of mysqlcs:clusterSet.members; allowed: prd, dr",
                        "spec: config error: mysqlcs:clusterSet.members[1].instances: 12 is out of range; allowed: 1..9 (an "
                                + "InnoDBCluster has at most 9 members)"),
                reasons);
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
        Provider.DiffResponse d = prodStack.plugin.stub.diff(Provider.DiffRequest.newBuilder()
                .setUrn(urn)
                .setId("mycs")
                .setType(ResourceKind.CLUSTER_SET.token())
                .setOlds(prodStack.outputs.get(urn))
                .setOldInputs(prodStack.inputs.get(urn))
                .setNews(Props.toStruct(news))
                .build());
        assertEquals(List.of("spec"), d.getReplacesList());
        assertTrue(d.getDeleteBeforeReplace());
        assertEquals(
                Provider.PropertyDiff.Kind.UPDATE_REPLACE,
                d.getDetailedDiffOrThrow("spec.name").getKind());
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
        assertTrue(
                refused.getStatus()
                        .getDescription()
                        .contains("prd is the PRIMARY cluster of ClusterSet 'mycs' " + "and is never removed"),
                refused.getStatus().getDescription());
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
        assertTrue(
                h.logLines.stream()
                        .anyMatch(l -> l.equals("INFO " + urn + " step: createClusterSet('mycs') on prd "
                                + "(prd-0.prd-instances.mysql-prod.svc.cluster.local)")),
                String.join("\n", h.logLines));
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

    @Test
    void aPreviewThatCannotReachTheClustersWarnsAndShowsTheStepsUnknownThenUpRefuses() {
        operatorCreatedBoth();
        var prodStack = h.stack("prod");
        prodStack.up(prod);
        // The same stack state, from a machine with no kube credentials (a pull-request job): the real I/O, whose
        // kube contexts are not in any kubeconfig here.
        var ci = h.new EngineStack("prod", h.new Plugin("prod", ProviderGrpcTest::noKubeCredentials));
        ci.ids.putAll(prodStack.ids);
        ci.inputs.putAll(prodStack.inputs);
        ci.outputs.putAll(prodStack.outputs);
        h.logLines.clear();
        var preview = ci.preview(prod);
        for (var p : preview.values()) {
            Provider.DiffResponse d = p.diff().orElseThrow();
            assertEquals(Provider.DiffResponse.DiffChanges.DIFF_SOME, d.getChanges(), "the steps may change");
            assertEquals(
                    Set.of(ResourceKind.PLANNED_STEPS), d.getDetailedDiffMap().keySet());
            assertEquals(Props.UNKNOWN, Props.fromStruct(p.outputs()).get(ResourceKind.PLANNED_STEPS));
        }
        assertTrue(
                h.logLines.stream()
                        .anyMatch(l -> l.startsWith("WARNING ")
                                && l.contains("cannot read ClusterSet 'mycs' from here (")
                                && l.contains("its MySQL steps are unknown in this " + "preview; `pulumi up` refuses")),
                String.join("\n", h.logLines));
        // A new stack previews too: Create(preview) with the steps unknown.
        var fresh = h.new EngineStack("prod", h.new Plugin("prod", ProviderGrpcTest::noKubeCredentials));
        for (var p : fresh.preview(prod).values()) {
            assertEquals(Props.UNKNOWN, Props.fromStruct(p.outputs()).get(ResourceKind.PLANNED_STEPS));
        }
        long before = h.world.mutationCount();
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> ci.up(prod));
        assertEquals(
                Status.Code.FAILED_PRECONDITION,
                e.getStatus().getCode(),
                e.getStatus().toString());
        assertTrue(
                e.getStatus().getDescription().startsWith("cannot read ClusterSet 'mycs' (context '"),
                e.getStatus().getDescription());
        assertTrue(
                e.getStatus().getDescription().endsWith("nothing was changed"),
                e.getStatus().getDescription());
        assertTrue(ProviderHarness.initFailed(e).isEmpty());
        assertEquals(before, h.world.mutationCount());
    }

    @Test
    void movingThePrimaryMemberIsRefusedInCheckWithTheWayToDoIt() {
        operatorCreatedBoth();
        var prodStack = h.stack("prod");
        prodStack.up(prod);
        ProviderHarness.Res member = ProviderHarness.resources(prod).get(1);
        String urn = member.urn("prod");
        Map<String, Object> news = ProviderHarness.inputs(prod, member.member());
        DiffPropertyPathTest.memberEntry(news, 0).put("namespace", "mysql-elsewhere");
        Provider.CheckResponse c = prodStack.plugin.stub.check(Provider.CheckRequest.newBuilder()
                .setUrn(urn)
                .setType(member.kind().token())
                .setOlds(prodStack.inputs.get(urn))
                .setNews(Props.toStruct(news))
                .build());
        assertEquals(1, c.getFailuresCount(), c.toString());
        assertEquals("spec", c.getFailures(0).getProperty());
        assertTrue(
                c.getFailures(0)
                        .getReason()
                        .startsWith("moving member 'prd' (namespace mysql-prod -> "
                                + "mysql-elsewhere) is refused while it is the primary"),
                c.getFailures(0).getReason());
        assertTrue(c.getFailures(0).getReason().contains("Switch the primary to another member first"));
    }

    @Test
    void movingAReplicaMemberReplacesItDeletingTheOldMembershipFirst() {
        operatorCreatedBoth();
        var prodStack = h.stack("prod");
        prodStack.up(prod);
        var drStack = h.stack("dr");
        drStack.up(dr);
        ProviderHarness.Res member = ProviderHarness.resources(dr).get(1);
        String urn = member.urn("dr");
        Map<String, Object> news = ProviderHarness.inputs(dr, member.member());
        int i = ResourceKind.memberIndex(news).orElseThrow();
        DiffPropertyPathTest.memberEntry(news, i).put("kubeCluster", "prod");
        Provider.CheckResponse c = drStack.plugin.stub.check(Provider.CheckRequest.newBuilder()
                .setUrn(urn)
                .setType(member.kind().token())
                .setOlds(drStack.inputs.get(urn))
                .setNews(Props.toStruct(news))
                .build());
        assertEquals(0, c.getFailuresCount(), "a replica may move: " + c);
        Provider.DiffResponse d = drStack.plugin.stub.diff(Provider.DiffRequest.newBuilder()
                .setUrn(urn)
                .setId(drStack.ids.get(urn))
                .setType(member.kind().token())
                .setOlds(drStack.outputs.get(urn))
                .setOldInputs(drStack.inputs.get(urn))
                .setNews(c.getInputs())
                .build());
        assertEquals(List.of("spec"), d.getReplacesList());
        assertTrue(d.getDeleteBeforeReplace());
        DiffPropertyPathTest.assertEngineAccepts(d, Props.fromStruct(drStack.inputs.get(urn)), news);
        // The engine's delete-before-replace (step_generator.go): DeleteReplacement with the old inputs first.
        drStack.plugin.stub.delete(Provider.DeleteRequest.newBuilder()
                .setUrn(urn)
                .setId(drStack.ids.get(urn))
                .setType(member.kind().token())
                .setProperties(drStack.outputs.get(urn))
                .setOldInputs(drStack.inputs.get(urn))
                .build());
        assertEquals(List.of("prd"), h.world.clusterSetMembers(), "the old membership is gone before the new one");
    }

    @Test
    void twoMembersCreatedAtOnceThroughOneProviderBothJoinUnderTheLock() throws Exception {
        // The engine creates resources without a dependency between them in parallel (step_executor.go workers):
        // a stack deploying both kube clusters creates both memberships through one provider at the same time.
        Topology both = ConfigFixtures.topology(ConfigFixtures.shipped("Pulumi.prod.yaml")
                .replace("mysqlcs:deploy: [prod]", "mysqlcs:deploy: [prod, dr]"));
        try (ProviderHarness hb = new ProviderHarness(both)) {
            hb.world.operatorCreates("prd").operatorCreates("dr");
            hb.world.write("prd", "shop");
            var stack = hb.stack("both");
            stack.configure();
            List<ProviderHarness.Res> rs = ProviderHarness.resources(both);
            create(stack, rs.get(0), both);
            var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
            try {
                var a = pool.submit(() -> create(stack, rs.get(1), both));
                var b = pool.submit(() -> create(stack, rs.get(2), both));
                a.get(120, java.util.concurrent.TimeUnit.SECONDS);
                b.get(120, java.util.concurrent.TimeUnit.SECONDS);
            } finally {
                pool.shutdownNow();
            }
            assertEquals(List.of("prd", "dr"), hb.world.clusterSetMembers());
            assertEquals(java.util.Set.of(0, 1, 2), hb.world.instancesInMetadata("dr"));
            assertEquals(List.of(), hb.lockViolations);
            assertEquals(0, hb.probes.openProbes());
        }
    }

    private static Provider.CreateResponse create(
            ProviderHarness.EngineStack stack, ProviderHarness.Res r, Topology t) {
        return stack.plugin.stub.create(Provider.CreateRequest.newBuilder()
                .setUrn(r.urn(stack.stack))
                .setType(r.kind().token())
                .setProperties(Props.toStruct(ProviderHarness.inputs(t, r.member())))
                .build());
    }

    @Test
    void refreshOfAnUnchangedClusterSetShowsNoDrift() {
        operatorCreatedBoth();
        var prodStack = h.stack("prod");
        prodStack.up(prod);
        assertNoDrift(prodStack);
        var drStack = h.stack("dr");
        drStack.up(dr);
        // dr's join changed what both ClusterSet resources report (their members output, read when each was
        // created): the engine shows no drift for that (RefreshStep.ResultOp is OpSame unless the provider's Diff
        // says DIFF_SOME, step.go), and the refresh records the new outputs ...
        assertNoDrift(false, prodStack, drStack);
        prodStack.refresh();
        drStack.refresh();
        // ... after which, while nothing changes, a refresh returns the state as it is.
        assertNoDrift(true, prodStack, drStack);
    }

    private void assertNoDrift(ProviderHarness.EngineStack... stacks) {
        assertNoDrift(true, stacks);
    }

    private void assertNoDrift(boolean sameOutputs, ProviderHarness.EngineStack... stacks) {
        for (var stack : stacks) {
            for (String urn : List.copyOf(stack.ids.keySet())) {
                // As pulumi/pulumi pkg/resource/deploy/step.go RefreshStep.Apply: Read with the state's inputs and
                // outputs, then Diff(new inputs/outputs as olds, old inputs as news); drift is a change there.
                Provider.ReadResponse r = stack.plugin.stub.read(Provider.ReadRequest.newBuilder()
                        .setId(stack.ids.get(urn))
                        .setUrn(urn)
                        .setType(MysqlcsProviderService.typeOfUrn(urn))
                        .setProperties(stack.outputs.get(urn))
                        .setInputs(stack.inputs.get(urn))
                        .build());
                assertEquals(stack.ids.get(urn), r.getId());
                assertEquals(stack.inputs.get(urn), r.getInputs(), urn);
                if (sameOutputs) {
                    assertEquals(Props.fromStruct(stack.outputs.get(urn)), Props.fromStruct(r.getProperties()), urn);
                }
                assertEquals(
                        Props.fromStruct(stack.outputs.get(urn)).get(ResourceKind.APPLIED_STEPS),
                        Props.fromStruct(r.getProperties()).get(ResourceKind.APPLIED_STEPS),
                        "history is kept");
                Provider.DiffResponse d = stack.plugin.stub.diff(Provider.DiffRequest.newBuilder()
                        .setId(r.getId())
                        .setUrn(urn)
                        .setType(MysqlcsProviderService.typeOfUrn(urn))
                        .setOlds(r.getProperties())
                        .setOldInputs(r.getInputs())
                        .setNews(stack.inputs.get(urn))
                        .build());
                assertEquals(Provider.DiffResponse.DiffChanges.DIFF_NONE, d.getChanges(), urn + " " + d);
            }
        }
    }

    @Test
    void importIsRefusedWithTheReasonAndTheWayToAdopt() {
        operatorCreatedBoth();
        var prodStack = h.stack("prod");
        prodStack.up(prod);
        for (ProviderHarness.Res r : ProviderHarness.resources(prod)) {
            // pulumi/pulumi pkg/resource/deploy/step.go ImportStep: Read with the id alone.
            StatusRuntimeException e = assertThrows(
                    StatusRuntimeException.class,
                    () -> prodStack.plugin.stub.read(Provider.ReadRequest.newBuilder()
                            .setId(prodStack.ids.get(r.urn("prod")))
                            .setUrn(r.urn("prod"))
                            .setType(r.kind().token())
                            .build()));
            assertEquals(Status.Code.UNIMPLEMENTED, e.getStatus().getCode());
            assertTrue(
                    e.getStatus()
                            .getDescription()
                            .startsWith("importing " + r.kind().token() + " '" + prodStack.ids.get(r.urn("prod"))
                                    + "' is not supported"),
                    e.getStatus().getDescription());
            assertTrue(e.getStatus().getDescription().contains("Declare it in the program"));
        }
    }

    @Test
    void aFailureBeforeAnyStepChangedNothingAndIsNotUnknownState() {
        operatorCreatedBoth();
        h.world.failAt(1, dev.mysqlcs.fake.FakeWorld.Phase.BEFORE);
        var prodStack = h.stack("prod");
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> prodStack.up(prod));
        // provider_plugin.go resourceStateAndError: only UNKNOWN, INTERNAL and DATA_LOSS mean "unknown state".
        assertEquals(
                Status.Code.UNAVAILABLE, e.getStatus().getCode(), e.getStatus().toString());
        assertTrue(ProviderHarness.initFailed(e).isEmpty(), "nothing to record: nothing was created");
        assertEquals(Optional.empty(), h.world.domainName());
        assertFalse(
                prodStack.ids.containsKey(ProviderHarness.resources(prod).get(0).urn("prod")));
        prodStack.up(prod);
        assertEquals(Optional.of("prd"), h.world.clusterSetPrimary());
    }

    @Test
    void aPartialUpdateReportsItsProgressLikeAPartialCreate() {
        operatorCreatedBoth();
        var prodStack = h.stack("prod");
        prodStack.up(prod);
        var drStack = h.stack("dr");
        drStack.up(dr);
        Topology switched = DisasterRecoveryTest.dr("dr", 1, false);
        String primaryUrn = ProviderHarness.resources(switched).get(2).urn("dr");
        Struct inputsBefore = drStack.inputs.get(primaryUrn);
        h.world.failAt(2, dev.mysqlcs.fake.FakeWorld.Phase.BEFORE);
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> drStack.up(switched));
        Provider.ErrorResourceInitFailed f = ProviderHarness.initFailed(e)
                .orElseThrow(
                        () -> new AssertionError("a partial Update carries ErrorResourceInitFailed: " + e.getStatus()));
        List<?> applied = (List<?>) Props.fromStruct(f.getProperties()).get(ResourceKind.APPLIED_STEPS);
        assertEquals(1, applied.size(), applied.toString());
        assertTrue(String.valueOf(applied.get(0)).contains("setPrimaryCluster('dr')"), applied.toString());
        assertTrue(f.getReasonsList().stream().anyMatch(x -> x.startsWith("steps that took effect: ")));
        assertEquals(Optional.of("dr"), h.world.clusterSetPrimary(), "the switchover took effect");
        assertEquals(inputsBefore, drStack.inputs.get(primaryUrn), "the engine keeps the old inputs");
        // The next `pulumi up` resumes from what MySQL says and finishes.
        drStack.up(switched);
        assertEquals(List.of(), drStack.outputs("mycs-primary").get(ResourceKind.PLANNED_STEPS));
        assertEquals(Optional.of(1L), h.world.epoch());
    }

    /** The real I/O with every kube context in an empty kubeconfig: what a machine without kube credentials has. */
    static Backends noKubeCredentials(ProviderConfig cfg) {
        try {
            java.nio.file.Path empty = java.nio.file.Files.createTempFile("no-kube-credentials", ".yaml");
            empty.toFile().deleteOnExit();
            java.nio.file.Files.writeString(
                    empty, "apiVersion: v1\nkind: Config\nclusters: []\ncontexts: []\n" + "users: []\n");
            Map<String, ProviderConfig.KubeAccess> none = new java.util.LinkedHashMap<>();
            cfg.kubeClusters()
                    .forEach((n, a) -> none.put(
                            n, new ProviderConfig.KubeAccess(a.name(), a.context(), Optional.of(empty.toString()))));
            return RealBackends.create(new ProviderConfig(none));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private Deployment router(String kube, String ns, String member) {
        return h.clients
                .get(kube)
                .apps()
                .deployments()
                .inNamespace(ns)
                .withName(member + "-router")
                .get();
    }

    private Secret secret(String kube, String ns, String name) {
        Secret s = h.clients.get(kube).secrets().inNamespace(ns).withName(name).get();
        assertInstanceOf(Secret.class, s);
        return s;
    }
}
