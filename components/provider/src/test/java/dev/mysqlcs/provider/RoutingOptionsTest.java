package dev.mysqlcs.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mysqlcs.testing.ConfigFixtures;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 10 item 8: {@code clusterSet.members[i].routing} sets the Shell's ClusterSet routing options on every router
 * of the member (clusterSet.setRoutingOption(router, option, value), modules/adminapi/mod_dba_cluster_set.cc), e.g.
 * DR routers that stay on DR and keep serving reads when it is invalidated; {@code routing.tags} sets the routers'
 * own tags. Review point 17: registrations of router pods that no longer exist are removed
 * ({@code cluster.removeRouterMetadata}).
 */
class RoutingOptionsTest {

    private ProviderHarness h;

    @AfterEach
    void close() {
        assertEquals(List.of(), h.lockViolations);
        h.close();
    }

    private static String drRouting(String routing) {
        return ConfigFixtures.shipped("Pulumi.dr.yaml")
                .replace(
                        "        baseServerId: 200\n", "        baseServerId: 200\n        routing: " + routing + "\n");
    }

    private static final String DR_ROUTING = "{target_cluster: dr, invalidated_cluster_policy: accept_ro, "
            + "use_replica_primary_as_rw: false, stats_updates_frequency: 30}";

    private long mutations(String op) {
        return h.world.mutations().stream().filter(op::equals).count();
    }

    @Test
    void eachRouterOfTheMemberGetsTheConfiguredOptionsOnce() {
        h = new ProviderHarness(ConfigFixtures.prod());
        h.world.operatorCreates("prd").operatorCreates("dr");
        ProviderHarness.EngineStack prod = h.stack("prod");
        ProviderHarness.EngineStack dr = h.stack("dr");
        prod.up(ConfigFixtures.prod());
        dr.up(ConfigFixtures.dr());
        String prdRouter = h.routerPod("prd", "prd-router-6b7c9-k2m4p");
        String drRouter = h.routerPod("dr", "dr-router-5c7d8-qx2lp");
        assertEquals("dr-router-5c7d8-qx2lp::", drRouter, "the operator's routers register as <pod>::");

        dr.up(ConfigFixtures.topology(drRouting(DR_ROUTING)));
        assertEquals("dr", h.world.routingOption(drRouter, "target_cluster"));
        assertEquals("accept_ro", h.world.routingOption(drRouter, "invalidated_cluster_policy"));
        assertEquals(false, h.world.routingOption(drRouter, "use_replica_primary_as_rw"));
        assertEquals(30L, ((Number) h.world.routingOption(drRouter, "stats_updates_frequency")).longValue());
        assertEquals("primary", h.world.routingOption(prdRouter, "target_cluster"), "prd's router is not dr's");
        // use_replica_primary_as_rw false is the ClusterSet's default already (router.cc): three options set.
        assertEquals(3, mutations("setRoutingOption"), h.world.mutations().toString());

        dr.up(ConfigFixtures.topology(drRouting(DR_ROUTING)));
        assertEquals(3, mutations("setRoutingOption"), "nothing set again once the routers say so");
        assertTrue(h.shell.invocations().stream()
                .map(i -> String.join(" ", i.argv()))
                .anyMatch(a ->
                        a.contains("setRoutingOption(\"dr-router-5c7d8-qx2lp::\", \"target_cluster\", " + "\"dr\")")));
    }

    @Test
    void tagsAreTheRoutersOwnSetWholeOnceAndRemovedWhenDroppedFromTheConfig() {
        h = new ProviderHarness(ConfigFixtures.prod());
        h.world.operatorCreates("prd").operatorCreates("dr");
        ProviderHarness.EngineStack prod = h.stack("prod");
        ProviderHarness.EngineStack dr = h.stack("dr");
        prod.up(ConfigFixtures.prod());
        dr.up(ConfigFixtures.dr());
        String a = h.routerPod("dr", "dr-router-5c7d8-qx2lp");
        String b = h.routerPod("dr", "dr-router-5c7d8-7wz9k");

        dr.up(ConfigFixtures.topology(drRouting("{target_cluster: dr, tags: {zone: eu-west-1, weight: 3}}")));
        assertEquals(Map.of("weight", 3.0, "zone", "eu-west-1"), h.world.ownRoutingOption(a, "tags"));
        assertEquals(Map.of("weight", 3.0, "zone", "eu-west-1"), h.world.ownRoutingOption(b, "tags"));
        assertEquals(4, mutations("setRoutingOption"), h.world.mutations().toString());
        assertTrue(h.shell.invocations().stream()
                .map(i -> String.join(" ", i.argv()))
                .anyMatch(x -> x.contains("setRoutingOption(\"dr-router-5c7d8-qx2lp::\", \"tags\", "
                        + "{\"weight\":3,\"zone\":\"eu-west-1\"})")));

        dr.up(ConfigFixtures.topology(drRouting("{target_cluster: dr, tags: {zone: eu-west-1, weight: 3}}")));
        assertEquals(4, mutations("setRoutingOption"), "the routers' tags read back equal: nothing set again");

        dr.up(ConfigFixtures.topology(drRouting("{target_cluster: dr}")));
        assertNull(h.world.ownRoutingOption(a, "tags"));
        assertNull(h.world.ownRoutingOption(b, "tags"));
        assertEquals("dr", h.world.routingOption(a, "target_cluster"), "the other options stay");
        assertEquals(6, mutations("setRoutingOption"));
        assertTrue(h.shell.invocations().stream()
                .map(i -> String.join(" ", i.argv()))
                .anyMatch(x -> x.contains("setRoutingOption(\"dr-router-5c7d8-7wz9k::\", \"tags\", null)")));
    }

    @Test
    void registrationsOfRouterPodsThatAreGoneAreRemovedAndNoOtherOne() {
        h = new ProviderHarness(ConfigFixtures.prod());
        h.world.operatorCreates("prd").operatorCreates("dr");
        ProviderHarness.EngineStack prod = h.stack("prod");
        ProviderHarness.EngineStack dr = h.stack("dr");
        prod.up(ConfigFixtures.prod());
        dr.up(ConfigFixtures.dr());
        String live = h.routerPod("dr", "dr-router-5c7d8-qx2lp");
        String old = h.routerPod("dr", "dr-router-5c7d8-7wz9k");
        String named = h.world.routerRegistersAs("dr-router-5c7d8-gone1", "system");
        String other = h.world.routerRegistersAs("app-host-1", "");
        h.routerPodGone("dr", "dr-router-5c7d8-7wz9k");

        dr.up(ConfigFixtures.dr());
        assertEquals(Set.of(live, named, other), h.world.registeredRouters());
        assertEquals(1, mutations("removeRouterMetadata"), h.world.mutations().toString());
        assertTrue(h.shell.invocations().stream()
                .map(i -> String.join(" ", i.argv()))
                .anyMatch(x -> x.contains("dba.getCluster().removeRouterMetadata(\"dr-router-5c7d8-7wz9k::\");")));
        dr.up(ConfigFixtures.dr());
        assertEquals(1, mutations("removeRouterMetadata"), "converged: nothing removed again");
        assertEquals(Set.of(live, named, other), h.world.registeredRouters());
    }

    /**
     * The Shell refuses removeCluster while a router targets the cluster (cluster_set_impl.cc remove_cluster,
     * ensure_no_router_uses_cluster): dr's routers pinned to dr must be set back to primary before dr leaves.
     */
    @Test
    void aMemberWhoseRoutersTargetItLeavesOnlyOnceTheyFollowThePrimaryAgain() {
        h = new ProviderHarness(ConfigFixtures.prod());
        h.world.operatorCreates("prd").operatorCreates("dr");
        ProviderHarness.EngineStack prod = h.stack("prod");
        ProviderHarness.EngineStack dr = h.stack("dr");
        prod.up(ConfigFixtures.prod());
        dr.up(ConfigFixtures.dr());
        String router = h.routerPod("dr", "dr-router-5c7d8-qx2lp");
        dr.up(ConfigFixtures.topology(drRouting("{target_cluster: dr}")));
        assertEquals("dr", h.world.routingOption(router, "target_cluster"));

        io.grpc.StatusRuntimeException e =
                org.junit.jupiter.api.Assertions.assertThrows(io.grpc.StatusRuntimeException.class, () -> dr.destroy());
        String m = e.getStatus().getDescription();
        assertTrue(
                m.contains("refused (remove-routing-target)")
                        && m.contains("cannot remove dr: its routers dr-router-5c7d8-qx2lp:: have it as their "
                                + "target_cluster"),
                m);
        assertEquals(List.of("prd", "dr"), h.world.clusterSetMembers(), "nothing removed");
        assertEquals(0, mutations("removeCluster"));

        dr.up(ConfigFixtures.topology(drRouting("{target_cluster: primary}")));
        assertEquals("primary", h.world.routingOption(router, "target_cluster"));
        dr.destroy();
        assertEquals(List.of("prd"), h.world.clusterSetMembers());
    }
}
