package dev.mysqlcs.provider;

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
import dev.mysqlcs.plan.StepPlan;
import dev.mysqlcs.testing.ConfigFixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** What the Observer reads, and in which order, against the fake world. */
class ObserverTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final Topology t = ConfigFixtures.prod();
    private final ClusterSetSpec spec = t.clusterSet();
    private final ProviderHarness h = new ProviderHarness(t);
    private final Credentials credentials = new Credentials(t.root().user(), ProviderHarness.PASSWORD.toCharArray());
    private final AdminApi api = new AdminApi(h.shell, credentials, TIMEOUT);
    private final RecordingLog log = new RecordingLog();

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

        Observation o = new Observer(spec, api, busy, credentials, h.backends.kube(), Set.of("prod", "dr"), log)
                .observe();

        Observation.DataFacts dr = o.member("dr").data().orElseThrow();
        assertNotEquals(before, dr.gtidExecuted(), "the commit landed before dr-0 was read");
        assertEquals(h.world.gtids("prd", 0), dr.gtidExecuted());
        assertEquals(Optional.of(""), dr.errantVsPrimary());
        StepPlan remove = ClusterSetPlanner.plan(new Intent.RemoveMember("dr"), spec, Set.of("dr"), o);
        assertEquals(List.of(new ClusterSetStep.RemoveCluster("dr", "dr"), new ClusterSetStep.ClearJoinMark("dr")),
                remove.steps());
        assertEquals(List.of(), log.warnings());
        assertEquals(0, h.probes.openProbes(), "every probe is closed");
    }
}
