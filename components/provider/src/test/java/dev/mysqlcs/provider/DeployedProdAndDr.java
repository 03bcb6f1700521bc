package dev.mysqlcs.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mysqlcs.testing.ConfigFixtures;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Fixture of the provider tests that start from seed 001 deployed: the fake world's operators created InnoDBClusters
 * {@code prd} and {@code dr}, then {@code pulumi up} of stack prod (the ClusterSet on prd) and of stack dr (dr joined
 * as its replica), each test on a {@link ProviderHarness} of its own. After each test no mysqlsh mutation ran without
 * the ClusterSet lock. A test class extends it and states only what differs: the schemas prd holds before the first
 * deploy, and its tests.
 */
abstract class DeployedProdAndDr {

    private final List<String> prdSchemas;

    protected ProviderHarness h;
    protected ProviderHarness.EngineStack prod;
    protected ProviderHarness.EngineStack dr;

    /** @param prdSchemas user schemas written on prd before the first deploy (data a replica must receive) */
    protected DeployedProdAndDr(String... prdSchemas) {
        this.prdSchemas = List.of(prdSchemas);
    }

    @BeforeEach
    final void deployProdAndDr() {
        h = new ProviderHarness(ConfigFixtures.prod());
        h.world.operatorCreates("prd").operatorCreates("dr");
        prdSchemas.forEach(schema -> h.world.write("prd", schema));
        prod = h.stack("prod");
        dr = h.stack("dr");
        prod.up(ConfigFixtures.prod());
        dr.up(ConfigFixtures.dr());
    }

    @AfterEach
    final void noMutationWithoutTheLockThenClose() {
        if (h == null) {
            return;
        }
        assertEquals(List.of(), h.lockViolations);
        h.close();
    }
}
