package dev.mysqlcs.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mysqlcs.testing.ConfigFixtures;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 10 item 8: {@code clusterSet.members[i].routing} sets the Shell's ClusterSet routing options on every router
 * of the member (clusterSet.setRoutingOption(router, option, value), modules/adminapi/mod_dba_cluster_set.cc), e.g.
 * DR routers that stay on DR and keep serving reads when it is invalidated.
 */
class RoutingOptionsTest {

    private ProviderHarness h;

    @AfterEach
    void close() {
        assertEquals(List.of(), h.lockViolations);
        h.close();
    }

    private static String drRouting() {
        return ConfigFixtures.shipped("Pulumi.dr.yaml")
                .replace(
                        "        baseServerId: 200\n",
                        "        baseServerId: 200\n        routing: {target_cluster: dr, invalidated_cluster_policy: accept_ro, "
                                + "use_replica_primary_as_rw: false, stats_updates_frequency: 30}\n");
    }

    @Test
    void eachRouterOfTheMemberGetsTheConfiguredOptionsOnce() {
        h = new ProviderHarness(ConfigFixtures.prod());
        h.world.operatorCreates("prd").operatorCreates("dr");
        ProviderHarness.EngineStack prod = h.stack("prod");
        ProviderHarness.EngineStack dr = h.stack("dr");
        prod.up(ConfigFixtures.prod());
        dr.up(ConfigFixtures.dr());
        String prdRouter = h.world.routerRegisters("prd-router-6b7c9-k2m4p");
        String drRouter = h.world.routerRegisters("dr-router-5c7d8-qx2lp");

        dr.up(ConfigFixtures.topology(drRouting()));
        assertEquals("dr", h.world.routingOption(drRouter, "target_cluster"));
        assertEquals("accept_ro", h.world.routingOption(drRouter, "invalidated_cluster_policy"));
        assertEquals(false, h.world.routingOption(drRouter, "use_replica_primary_as_rw"));
        assertEquals(30L, ((Number) h.world.routingOption(drRouter, "stats_updates_frequency")).longValue());
        assertEquals("primary", h.world.routingOption(prdRouter, "target_cluster"), "prd's router is not dr's");
        long set =
                h.world.mutations().stream().filter("setRoutingOption"::equals).count();
        // use_replica_primary_as_rw false is the ClusterSet's default already (router.cc): three options set.
        assertEquals(3, set, h.world.mutations().toString());

        dr.up(ConfigFixtures.topology(drRouting()));
        assertEquals(
                set,
                h.world.mutations().stream().filter("setRoutingOption"::equals).count(),
                "nothing set again once the routers say so");
        assertTrue(h.shell.invocations().stream()
                .map(i -> String.join(" ", i.argv()))
                .anyMatch(a -> a.contains(
                        "setRoutingOption(\"dr-router-5c7d8-qx2lp::system\", \"target_cluster\", " + "\"dr\")")));
    }
}
