package dev.mysqlcs.stack;

import dev.mysqlcs.stack.plan.Plan;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StackPlanTest {

    @Test
    void prodPlanRegistersTheProdKubernetesProviderUnderTheStack() {
        Plan.Result plan = PlanFixture.planStack("prod");
        var provider = plan.find("pulumi:providers:kubernetes", "prod-k8s").orElseThrow();
        assertEquals("context-che34bk2roa", provider.inputs().get("context").getAsString());
        assertEquals("mysqlcs-prod", provider.parentName().orElseThrow());
        assertTrue(plan.find("pulumi:providers:kubernetes", "dr-k8s").isEmpty());
    }
}
