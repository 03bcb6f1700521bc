package dev.mysqlcs.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mysqlcs.config.InvalidConfigException;
import dev.mysqlcs.stack.offline.Plan;
import dev.mysqlcs.stack.offline.RegisteredResource;
import dev.mysqlcs.testing.ConfigFixtures;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The whole stack program, per shipped stack, under the SDK's mock engine. */
class StackPlanTest {

    @Test
    void prodRegistersOnlyTheProdKubernetesProviderUnderTheStack() {
        Plan.Result plan = PlanFixture.planStack("prod");
        RegisteredResource provider =
                plan.find("pulumi:providers:kubernetes", "prod-k8s").orElseThrow();
        assertEquals("context-che34bk2roa", provider.inputs().get("context").getAsString());
        assertEquals("mysqlcs-prod", provider.parentName().orElseThrow());
        assertEquals(
                List.of(),
                plan.ofType("pulumi:providers:kubernetes").stream()
                        .filter(p -> !p.name().equals("prod-k8s"))
                        .toList());
    }

    @Test
    void drRegistersOnlyTheDrKubernetesProvider() {
        Plan.Result plan = PlanFixture.planStack("dr");
        assertEquals(
                List.of("dr-k8s"),
                plan.ofType("pulumi:providers:kubernetes").stream()
                        .map(RegisteredResource::name)
                        .toList());
        assertEquals(
                "context-cabqjcrx6nq",
                plan.find("pulumi:providers:kubernetes", "dr-k8s")
                        .orElseThrow()
                        .inputs()
                        .get("context")
                        .getAsString());
    }

    @Test
    void exportsTheServerIdRangesOfEveryMember() {
        assertEquals(
                Map.of("prd", "100-102", "dr", "200-202"),
                PlanFixture.planStack("prod").outputs().get("serverIdRanges"));
        assertEquals(
                Map.of(
                        "mycluster1",
                        "1000-1002",
                        "mycluster2",
                        "2020-2022",
                        "mycluster3",
                        "2030-2032",
                        "mycluster4",
                        "2040-2042"),
                PlanFixture.planFile(PlanFixture.ENTERPRISE_EXAMPLE, "example")
                        .outputs()
                        .get("serverIdRanges"));
    }

    @Test
    void enterpriseExampleDeploysIntoItsSingleCluster() {
        Plan.Result plan = PlanFixture.planFile(PlanFixture.ENTERPRISE_EXAMPLE, "example");
        assertEquals(
                "default",
                plan.find("pulumi:providers:kubernetes", "k8s-k8s")
                        .orElseThrow()
                        .inputs()
                        .get("context")
                        .getAsString());
        assertEquals("mycluster1", plan.outputs().get("desiredPrimary"));
    }

    @Test
    void invalidConfigStopsBeforeAnyResourceIsRegistered() {
        String yaml = ConfigFixtures.shipped("Pulumi.prod.yaml").replace("instances: 3", "instances: 12");
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> PlanFixture.planYaml(yaml, "bad"));
        assertEquals(2, e.errors().size());
    }

    @Test
    void noSecretEverAppearsInRegisteredInputs() {
        String yaml =
                ConfigFixtures.shipped("Pulumi.prod.yaml") + "  mysqlcs:rootPassword:\n    secure: v1:AAAAc2FraWxh\n";
        Plan.Result plan = PlanFixture.planYaml(yaml, "prod");
        for (RegisteredResource r : plan.resources()) {
            String all = r.inputs().toString();
            assertTrue(!all.contains("AAAAc2FraWxh") && !all.contains("sakila"), r.name() + ": " + all);
        }
    }
}
