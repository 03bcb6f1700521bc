package dev.mysqlcs.provider;

import dev.mysqlcs.testing.ConfigFixtures;

/**
 * The provider plugin's own main ({@link ProviderMain#serve}: same arguments, same stdout port line, same engine log
 * channel) over the fakes the in-process tests use ({@link ProviderHarness}: the FakeWorld MySQL, fabric8 mock API
 * servers), so {@code EngineProtocolIT} can drive a real plugin process through whole `pulumi up` / `refresh` /
 * `destroy` sequences with no cluster. The world: the prod topology, both InnoDBClusters created by the operator,
 * user data in prd.
 */
public final class FakeWorldPluginMain {

    private FakeWorldPluginMain() {}

    public static void main(String[] args) throws Exception {
        ProviderHarness h = new ProviderHarness(ConfigFixtures.prod());
        h.rolloutMillis = 20;
        h.world.operatorCreates("prd").operatorCreates("dr");
        h.world.write("prd", "shop");
        ProviderMain.serve(args, cfg -> h.backends);
    }
}
