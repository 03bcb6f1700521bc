package dev.mysqlcs.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.mysqlcs.io.AdminApi;
import dev.mysqlcs.io.Credentials;
import dev.mysqlcs.io.InstanceProbes;
import dev.mysqlcs.model.ClusterSetSpec;
import dev.mysqlcs.model.Member;
import dev.mysqlcs.model.Topology;
import dev.mysqlcs.plan.ClusterSetPlanner;
import dev.mysqlcs.plan.ClusterSetStep;
import dev.mysqlcs.plan.Intent;
import dev.mysqlcs.plan.Observation;
import dev.mysqlcs.plan.Observation.Writes;
import dev.mysqlcs.plan.StepPlan;
import dev.mysqlcs.testing.ConfigFixtures;
import dev.mysqlcs.testing.PrimaryControl;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the Observer reads, and in which order, against the fake world. */
class ObserverTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final Topology t = ConfigFixtures.prod();
    private final ClusterSetSpec spec = t.clusterSet();
    private final ProviderHarness h = new ProviderHarness(t);
    private final Credentials credentials = new Credentials(t.root().user(), ProviderHarness.PASSWORD.toCharArray());
    private final AdminApi api = new AdminApi(h.shell, credentials, TIMEOUT);
    private final RecordingLog log = new RecordingLog();
    /** The prod stack's config once dr was forced primary at epoch 1. */
    private final ClusterSetSpec afterFailover =
            PrimaryControl.prod("dr", 1, false).clusterSet();

    @AfterEach
    void close() {
        h.close();
    }

    @Test
    void readsTheMembersBeforeThePrimarySoTransactionsReplicatedMeanwhileAreNotErrant() {
        Member prd = spec.member("prd").orElseThrow();
        h.world.operatorCreates("prd");
        api.createClusterSet(new AdminApi.Target(Observer.pod(prd, 0), prd.pod0Fqdn(spec.domain())), "mycs", TIMEOUT);
        h.world.operatorJoins("dr");
        String before = h.world.gtids("prd", 0);
        // An application commits on the primary just as dr-0 is probed; the fake replicates it to dr at once.
        InstanceProbes busy = (pod, c) -> {
            if (pod.pod().equals("dr-0")) {
                h.world.write("prd", "orders");
            }
            return h.probes.open(pod, c);
        };

        Observation o =
                new Observer(spec, api, busy, credentials, h.backends.kube(), Set.of("prod", "dr"), log).observe();

        Observation.DataFacts dr = o.member("dr").data().orElseThrow();
        assertNotEquals(before, dr.gtidExecuted(), "the commit landed before dr-0 was read");
        assertEquals(h.world.gtids("prd", 0), dr.gtidExecuted());
        assertEquals(Optional.of(""), dr.errantVsPrimary());
        StepPlan remove = ClusterSetPlanner.plan(new Intent.RemoveMember("dr"), spec, Set.of("dr"), o);
        assertEquals(
                List.of(
                        new ClusterSetStep.MarkJoining("dr", "leaving:mycs"),
                        new ClusterSetStep.RemoveCluster("dr", "dr")),
                remove.steps().subList(0, 2));
        assertEquals(List.of(), log.warnings());
        assertEquals(0, h.probes.openProbes(), "every probe is closed");
    }

    @Test
    void probesThePodEachClusterNamesPrimaryNotPod0() {
        h.world.operatorCreates("prd").operatorCreates("dr");
        api.createClusterSet(target("prd"), "mycs", TIMEOUT);
        // Group Replication moved the primaries: prd-0 and dr-0 are now read-only secondaries.
        h.world.groupPrimary("prd", 1).groupPrimary("dr", 2);
        h.world.write("dr", "crm");
        List<String> opened = new ArrayList<>();
        InstanceProbes recording = (pod, c) -> {
            opened.add(pod.pod());
            return h.probes.open(pod, c);
        };

        Observation o =
                new Observer(spec, api, recording, credentials, h.backends.kube(), Set.of("prod", "dr"), log).observe();

        // prd (in the ClusterSet) by its status' primary, dr (standalone) by its cluster status; then the errant
        // check on the instance taking the ClusterSet's writes; then dr's other pods for their server versions (a join
        // target's pods are clone recipients).
        assertEquals(List.of("prd-1", "dr-2", "prd-1", "dr-0", "dr-1"), opened);
        assertEquals(Map.of(1, "8.4.3"), o.member("prd").podVersions());
        assertEquals(Map.of(0, "8.4.3", 1, "8.4.3", 2, "8.4.3"), o.member("dr").podVersions());
        Observation.Platform linux = new Observation.Platform("Linux", "x86_64");
        assertEquals(Map.of(1, linux), o.member("prd").podPlatforms(), "read with @@version");
        assertEquals(Map.of(0, linux, 1, linux, 2, linux), o.member("dr").podPlatforms());
        Observation.DataFacts prd = o.member("prd").data().orElseThrow();
        assertEquals(1, prd.instance());
        assertFalse(prd.superReadOnly());
        assertEquals(h.world.gtids("prd", 1), prd.gtidExecuted());
        assertEquals(Optional.of(""), prd.errantVsPrimary());
        Observation.DataFacts dr = o.member("dr").data().orElseThrow();
        assertEquals(2, dr.instance());
        assertFalse(dr.superReadOnly());
        assertEquals(List.of("crm"), dr.userSchemas());
        assertEquals(Map.of(), o.member("prd").podWrites(), "not invalidated: fencing is not in question");
        assertEquals(List.of(), log.warnings());
        assertEquals(0, h.probes.openProbes());
    }

    @Test
    void readsThePlatformOfEveryPodOfAMemberWithAnAddInstanceCandidate() {
        Member prd = spec.member("prd").orElseThrow();
        h.world.operatorCreates("prd");
        api.createClusterSet(new AdminApi.Target(Observer.pod(prd, 0), prd.pod0Fqdn(spec.domain())), "mycs", TIMEOUT);
        h.world.operatorJoins("dr");
        // dr-2 left dr's metadata and runs on an arm node; its donors are dr's ONLINE members, whose platform the
        // Shell's status does not report (base_cluster_impl.cc:615-647 compares it).
        h.world.notInCluster("dr", 2).serverPlatform("dr", 2, "Linux", "aarch64");
        List<String> opened = new ArrayList<>();
        InstanceProbes recording = (pod, c) -> {
            opened.add(pod.pod());
            return h.probes.open(pod, c);
        };

        Observation o =
                new Observer(spec, api, recording, credentials, h.backends.kube(), Set.of("prod", "dr"), log).observe();

        assertEquals(List.of("prd-0", "dr-0", "prd-0", "dr-2", "dr-1"), opened);
        Observation.Platform linux = new Observation.Platform("Linux", "x86_64");
        assertEquals(
                Map.of(0, linux, 1, linux, 2, new Observation.Platform("Linux", "aarch64")),
                o.member("dr").podPlatforms());
        StepPlan p = ClusterSetPlanner.plan(new Intent.EnsureMember("dr"), spec, Set.of("dr"), o);
        assertEquals("clone-versions-incompatible", p.refusal().orElseThrow().rule());
        assertEquals(0, h.probes.openProbes(), "every probe is closed");
    }

    @Test
    void oneWritableInstanceAmongThreeOfTheInvalidatedOldPrimaryIsFencedBeforeTheRejoin() {
        invalidatedAndFencedPrd();
        // prd's group elected prd-1, and someone switched its super_read_only OFF: prd-0 still says ON.
        h.world.groupPrimary("prd", 1).superReadOnly("prd", 1, false);

        Observation o = new Observer(
                        afterFailover, api, h.probes, credentials, h.backends.kube(), Set.of("prod", "dr"), log)
                .observe();

        assertEquals(
                Map.of(0, Writes.READ_ONLY, 1, Writes.WRITABLE, 2, Writes.READ_ONLY),
                o.member("prd").podWrites());
        assertEquals(1, o.member("prd").data().orElseThrow().instance());
        StepPlan p = ClusterSetPlanner.plan(new Intent.EnsureMember("prd"), afterFailover, Set.of("prod"), o);
        assertEquals(
                List.of(
                        new ClusterSetStep.FenceWrites("prd", fqdn("prd", 0)),
                        new ClusterSetStep.RejoinCluster("prd", "prd")),
                p.steps());
        assertEquals(
                List.of("prd takes writes on prd-1 (super_read_only is OFF) although its status says "
                        + "FENCED_WRITES; it is fenced first"),
                p.notes());
        assertEquals(List.of(), log.warnings());
        assertEquals(0, h.probes.openProbes());
    }

    @Test
    void anInstanceOfTheInvalidatedOldPrimaryThatDoesNotAnswerBlocksTheRejoin() {
        invalidatedAndFencedPrd();
        InstanceProbes prd2Down = (pod, c) -> {
            if (pod.pod().equals("prd-2")) {
                throw new InstanceProbes.ProbeUnavailableException("port-forward to prd-2: pod is not ready", null);
            }
            return h.probes.open(pod, c);
        };

        Observation o = new Observer(
                        afterFailover, api, prd2Down, credentials, h.backends.kube(), Set.of("prod", "dr"), log)
                .observe();

        assertEquals(
                Map.of(0, Writes.READ_ONLY, 1, Writes.READ_ONLY, 2, Writes.UNANSWERED),
                o.member("prd").podWrites());
        assertEquals(
                List.of("could not read super_read_only of prd-2: port-forward to prd-2: pod is not ready"),
                log.warnings());
        StepPlan p = ClusterSetPlanner.plan(new Intent.EnsureMember("prd"), afterFailover, Set.of("prod"), o);
        assertEquals(List.of(), p.steps());
        assertEquals(List.of("whether prd-2 of prd takes writes is unknown: no answer to a JDBC probe"), p.notes());
        assertEquals("rejoin-writes-unknown", p.refusal().orElseThrow().rule());
        assertEquals(0, h.probes.openProbes());
    }

    /** S1.7 then the first half of S1.8: prd cut off, dr forced primary, prd back and fenced (every pod read-only). */
    private void invalidatedAndFencedPrd() {
        h.world.operatorCreates("prd");
        api.createClusterSet(target("prd"), "mycs", TIMEOUT);
        h.world.operatorJoins("dr");
        h.world.isolate("prd", true);
        api.forcePrimaryCluster(target("dr"), "dr", List.of(), TIMEOUT);
        h.world.isolate("prd", false);
        api.fenceWrites(target("prd"), TIMEOUT);
    }

    private AdminApi.Target target(String member) {
        return new AdminApi.Target(Observer.pod(spec.member(member).orElseThrow(), 0), fqdn(member, 0));
    }

    private String fqdn(String member, int ordinal) {
        return spec.member(member).orElseThrow().podFqdn(ordinal, spec.domain());
    }
}
