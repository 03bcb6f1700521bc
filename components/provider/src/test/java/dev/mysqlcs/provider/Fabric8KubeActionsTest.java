package dev.mysqlcs.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mysqlcs.model.Member;
import dev.mysqlcs.model.Topology;
import dev.mysqlcs.testing.ConfigFixtures;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import org.junit.jupiter.api.Test;

/**
 * The pure parts of {@link Fabric8KubeActions}: names and the reading of controller status. Everything it does
 * through the API server is tested against a real one in {@link Fabric8KubeActionsIT}.
 */
class Fabric8KubeActionsTest {

    private static Member member(String yamlReplacement) {
        Topology t =
                ConfigFixtures.topology(ConfigFixtures.shipped("src/examples/Pulumi.single-cluster-enterprise.yaml")
                        .replace("mycluster2", yamlReplacement));
        return t.clusterSet().member(yamlReplacement).orElseThrow();
    }

    @Test
    void aSwitchoverAndAForcedFailoverAtOneEpochAreDistinctResourcesOfAtMost63Characters() {
        Member m = member("dr-site-2");
        assertEquals("mysqlcs-dr-site-2-epoch3-switchover", Fabric8KubeActions.failoverName(m, 3, false));
        assertEquals("mysqlcs-dr-site-2-epoch3-failover", Fabric8KubeActions.failoverName(m, 3, true));
        // The longest member name the validator allows (40) with a long epoch: the member part is cut.
        String n = Fabric8KubeActions.failoverName(member("abcdefghij-abcdefghij-abcdefghij-abcdefg"), 123456, true);
        assertEquals("mysqlcs-abcdefghij-abcdefghij-abcdefghij-a-epoch123456-failover", n);
        assertTrue(n.length() <= 63, n);
        assertFalse(
                Fabric8KubeActions.failoverName(member("abcdefghij-abcdefghij-abcdefghij-abcdef"), 12345678, true)
                        .contains("--"),
                "no dash left at the cut");
    }

    @Test
    void theFailoverResourceCarriesTheShellTimeoutOfTheProvidersWaitLessTheAdminApiMargin() {
        // CRD spec.options.timeout (mysql-operator-2.2.8.crds.yaml), passed on as clusterset_failover_main.py
        // --timeout.
        Member m = member("dr-site-2");
        assertEquals(
                java.util.Map.of(
                        "clusterName", "dr-site-2", "force", true, "options", java.util.Map.of("timeout", 540L)),
                Fabric8KubeActions.failoverSpec(m, true, java.util.List.of(), java.time.Duration.ofSeconds(600)));
        assertEquals(
                java.util.Map.of(
                        "clusterName",
                        "dr-site-2",
                        "force",
                        false,
                        "options",
                        java.util.Map.of("invalidateReplicaClusters", java.util.List.of("mycluster3"), "timeout", 27L)),
                Fabric8KubeActions.failoverSpec(
                        m, false, java.util.List.of("mycluster3"), java.time.Duration.ofSeconds(30)));
    }

    @Test
    void aJobIsDoneOnSuccessAndFailedOnAnyFailedPod() {
        assertEquals(Fabric8KubeActions.JobOutcome.RUNNING, Fabric8KubeActions.jobOutcome(null));
        assertEquals(
                Fabric8KubeActions.JobOutcome.RUNNING,
                Fabric8KubeActions.jobOutcome(new JobBuilder()
                        .withNewStatus()
                        .withActive(1)
                        .endStatus()
                        .build()));
        assertEquals(
                Fabric8KubeActions.JobOutcome.SUCCEEDED,
                Fabric8KubeActions.jobOutcome(new JobBuilder()
                        .withNewStatus()
                        .withSucceeded(1)
                        .endStatus()
                        .build()));
        assertEquals(
                Fabric8KubeActions.JobOutcome.SUCCEEDED,
                Fabric8KubeActions.jobOutcome(new JobBuilder()
                        .withNewStatus()
                        .addNewCondition()
                        .withType("Complete")
                        .withStatus("True")
                        .endCondition()
                        .endStatus()
                        .build()));
        // clusterset_t.py _wait_switchover_job_succeeded: any status.failed is a failed switchover, retried or not.
        assertEquals(
                Fabric8KubeActions.JobOutcome.FAILED,
                Fabric8KubeActions.jobOutcome(new JobBuilder()
                        .withNewSpec()
                        .withBackoffLimit(6)
                        .endSpec()
                        .withNewStatus()
                        .withActive(1)
                        .withFailed(1)
                        .endStatus()
                        .build()));
        assertEquals(
                Fabric8KubeActions.JobOutcome.FAILED,
                Fabric8KubeActions.jobOutcome(new JobBuilder()
                        .withNewStatus()
                        .addNewCondition()
                        .withType("Failed")
                        .withStatus("True")
                        .endCondition()
                        .endStatus()
                        .build()));
    }

    @Test
    void aRolloutIsDoneOnlyWhenTheControllerSawTheGenerationAndEveryReplicaIsNew() {
        var d = new DeploymentBuilder()
                .withNewMetadata()
                .withGeneration(2L)
                .endMetadata()
                .withNewSpec()
                .withReplicas(2)
                .endSpec();
        assertFalse(Fabric8KubeActions.rolledOut(
                d.withNewStatus()
                        .withObservedGeneration(1L)
                        .withReplicas(2)
                        .withUpdatedReplicas(2)
                        .withAvailableReplicas(2)
                        .endStatus()
                        .build(),
                2));
        assertFalse(
                Fabric8KubeActions.rolledOut(
                        d.withNewStatus()
                                .withObservedGeneration(2L)
                                .withReplicas(3)
                                .withUpdatedReplicas(2)
                                .withAvailableReplicas(2)
                                .endStatus()
                                .build(),
                        2),
                "an old pod remains");
        assertTrue(Fabric8KubeActions.rolledOut(
                d.withNewStatus()
                        .withObservedGeneration(2L)
                        .withReplicas(2)
                        .withUpdatedReplicas(2)
                        .withAvailableReplicas(2)
                        .endStatus()
                        .build(),
                2));
    }
}
