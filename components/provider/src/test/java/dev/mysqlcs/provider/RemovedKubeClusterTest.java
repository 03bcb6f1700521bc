package dev.mysqlcs.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Struct;
import dev.mysqlcs.model.Topology;
import dev.mysqlcs.testing.ConfigFixtures;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import pulumirpc.Provider;

/**
 * A kube cluster and the member on it removed in one change (review B5). The engine updates the provider in place
 * first and registers it again under the same URN and ID (pulumi/pulumi pkg/resource/deploy/providers/registry.go
 * {@code Update}); the old member's Delete, generated once the program has registered everything
 * (step_generator.go {@code GenerateDeletes}), goes to that reconfigured instance (step.go {@code DeleteStep.Provider}
 * is the old state's reference, {@code getProvider} resolves it). A refresh (step.go {@code RefreshStep}) reads the
 * state's resources on the provider as the state last recorded it, which after that change is the new config. Here:
 * the dr stack's plugin reconfigured without kube cluster {@code dr}, then Delete / Read of member {@code dr} with its
 * recorded inputs.
 */
class RemovedKubeClusterTest {

    private final Topology prod = ConfigFixtures.prod();
    private final Topology dr = ConfigFixtures.dr();
    private final ProviderHarness h = new ProviderHarness(prod);
    private ProviderHarness.EngineStack drStack;
    private String memberUrn;

    @BeforeEach
    void upBothStacks() {
        h.world.operatorCreates("prd").operatorCreates("dr");
        h.stack("prod").up(prod);
        drStack = h.stack("dr");
        drStack.up(dr);
        assertEquals(List.of("prd", "dr"), h.world.clusterSetMembers());
        memberUrn = ProviderHarness.resources(dr).stream()
                .filter(r -> r.kind() == ResourceKind.MEMBER)
                .findFirst()
                .orElseThrow()
                .urn("dr");
    }

    @AfterEach
    void close() {
        assertEquals(List.of(), h.lockViolations);
        assertEquals(0, h.probes.openProbes(), "every JDBC probe is closed");
        h.close();
    }

    /** Configure as the engine's provider Update does, with kube cluster {@code dr} gone from kubeClusters. */
    private void reconfigureWithoutDr() {
        Map<String, Object> in = Props.fromStruct(h.providerInputs());
        List<?> kubes = (List<?>) in.get("kubeClusters");
        in.put(
                "kubeClusters",
                kubes.stream()
                        .filter(k -> !"dr".equals(((Map<?, ?>) k).get("name")))
                        .toList());
        assertEquals(1, ((List<?>) in.get("kubeClusters")).size());
        drStack.plugin.stub.configure(Provider.ConfigureRequest.newBuilder()
                .setArgs(Props.toStruct(in))
                .setAcceptSecrets(true)
                .setAcceptResources(true)
                .build());
    }

    private void deleteMember() {
        drStack.plugin.stub.delete(Provider.DeleteRequest.newBuilder()
                .setUrn(memberUrn)
                .setId(drStack.ids.get(memberUrn))
                .setType(ResourceKind.MEMBER.token())
                .setProperties(drStack.outputs.get(memberUrn))
                .setOldInputs(drStack.inputs.get(memberUrn))
                .build());
    }

    private Provider.ReadResponse readMember() {
        return drStack.plugin.stub.read(Provider.ReadRequest.newBuilder()
                .setUrn(memberUrn)
                .setId(drStack.ids.get(memberUrn))
                .setType(ResourceKind.MEMBER.token())
                .setProperties(drStack.outputs.get(memberUrn))
                .setInputs(drStack.inputs.get(memberUrn))
                .build());
    }

    @Test
    void deleteOfAMemberStillInTheClusterSetIsRefusedWithTheOrderThatWorks() {
        reconfigureWithoutDr();
        long before = h.world.mutationCount();
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, this::deleteMember);
        assertEquals(
                Status.Code.FAILED_PRECONDITION,
                e.getStatus().getCode(),
                e.getStatus().toString());
        assertEquals(
                "cannot remove member 'dr' from ClusterSet 'mycs': its Kubernetes cluster 'dr' is no longer in "
                        + "the mysqlcs provider's kubeClusters, and the ClusterSet still lists it (removing it needs its cluster "
                        + "reachable to check its transactions); nothing was changed. Remove the member first: put 'dr' back "
                        + "into the provider's kubeClusters (mysqlcs:kubeClusters) and run `pulumi up` without member 'dr' in "
                        + "mysqlcs:clusterSet.members; then remove Kubernetes cluster 'dr' in a separate `pulumi up`",
                e.getStatus().getDescription());
        assertEquals(List.of("prd", "dr"), h.world.clusterSetMembers(), "never forgotten while still a member");
        assertEquals(before, h.world.mutationCount());
    }

    @Test
    void theOrderTheRefusalNamesWorks() {
        // Member removed while its kube cluster is still configured: the normal removal.
        deleteMember();
        assertEquals(List.of("prd"), h.world.clusterSetMembers());
        // Then the kube cluster goes; a Delete retried after that (e.g. the state kept it) finds nothing to remove.
        reconfigureWithoutDr();
        long before = h.world.mutationCount();
        deleteMember();
        assertEquals(before, h.world.mutationCount());
        assertTrue(
                h.logLines.stream()
                        .anyMatch(
                                l -> l.contains(memberUrn)
                                        && l.contains(
                                                "dr is not a member of "
                                                        + "ClusterSet 'mycs' (read through the configured Kubernetes clusters); nothing to remove")),
                h.logLines.toString());
    }

    @Test
    void deleteWhenTheClusterSetCannotBeReadIsRefusedToo() {
        reconfigureWithoutDr();
        h.world.kubeDown("prod", true);
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, this::deleteMember);
        assertEquals(
                Status.Code.FAILED_PRECONDITION,
                e.getStatus().getCode(),
                e.getStatus().toString());
        assertTrue(
                e.getStatus()
                        .getDescription()
                        .contains("and the ClusterSet could not be read to tell whether it " + "still lists it"),
                e.getStatus().getDescription());
        h.world.kubeDown("prod", false);
        assertEquals(List.of("prd", "dr"), h.world.clusterSetMembers());
    }

    @Test
    void refreshReadsTheMemberThroughTheOtherMembersAndWarns() {
        reconfigureWithoutDr();
        Provider.ReadResponse r = readMember();
        assertEquals(drStack.ids.get(memberUrn), r.getId(), "still in the ClusterSet: kept in the state");
        Map<String, Object> out = Props.fromStruct(r.getProperties());
        assertEquals("REPLICA", out.get("clusterRole"));
        assertEquals(drStack.inputs.get(memberUrn), r.getInputs());
        assertTrue(
                h.logLines.stream()
                        .anyMatch(l -> l.startsWith("WARNING")
                                && l.contains("Kubernetes cluster 'dr' "
                                        + "of member 'dr' is no longer in the mysqlcs provider's kubeClusters")),
                h.logLines.toString());
    }

    @Test
    void primaryControlDeleteNeedsNoKubeAccess() {
        String urn = ProviderHarness.resources(dr).stream()
                .filter(r -> r.kind() == ResourceKind.PRIMARY)
                .findFirst()
                .orElseThrow()
                .urn("dr");
        reconfigureWithoutDr();
        Struct old = drStack.inputs.get(urn);
        drStack.plugin.stub.delete(Provider.DeleteRequest.newBuilder()
                .setUrn(urn)
                .setId(drStack.ids.get(urn))
                .setType(ResourceKind.PRIMARY.token())
                .setProperties(drStack.outputs.get(urn))
                .setOldInputs(old)
                .build());
        // No INVALID_ARGUMENT for the removed kube cluster: deleting primary control changes nothing in MySQL.
        assertTrue(
                h.logLines.stream()
                        .anyMatch(l -> l.contains(urn) && l.contains("primary control removed from this " + "stack")),
                h.logLines.toString());
        assertEquals(java.util.Optional.of("prd"), h.world.clusterSetPrimary());
    }

    @Test
    void checkOfNewInputsStillRequiresEveryMemberKubeClusterConfigured() {
        reconfigureWithoutDr();
        Provider.CheckResponse c = drStack.plugin.stub.check(Provider.CheckRequest.newBuilder()
                .setUrn(memberUrn)
                .setType(ResourceKind.MEMBER.token())
                .setNews(drStack.inputs.get(memberUrn))
                .build());
        assertTrue(
                c.getFailuresList().stream()
                        .anyMatch(f -> f.getReason()
                                .contains("kubeClusters must list every " + "Kubernetes cluster of the ClusterSet")),
                c.toString());
    }
}
