package dev.mysqlcs.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.mysqlcs.provider.Props;
import dev.mysqlcs.provider.ProviderConfig;
import dev.mysqlcs.provider.ResourceInputs;
import dev.mysqlcs.stack.offline.Plan;
import dev.mysqlcs.stack.offline.RegisteredResource;
import dev.mysqlcs.stack.offline.StructJson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The ClusterSet linkage as the real stack program registers it, per stack, under the SDK's mock engine. */
class ClusterSetPlanTest {

    static final String PROVIDER = "pulumi:providers:mysqlcs";
    static final String CLUSTER_SET = "mysqlcs:index:ClusterSet";
    static final String MEMBER = "mysqlcs:index:ClusterSetMember";
    static final String PRIMARY = "mysqlcs:index:ClusterSetPrimary";

    @Test
    void prodRegistersTheProviderTheClusterSetItsMemberAndPrimaryControl() {
        Plan.Result plan = PlanFixture.planStack("prod");
        RegisteredResource provider = plan.find(PROVIDER, "mysqlcs").orElseThrow();
        assertEquals(2, provider.inputs().getAsJsonArray("kubeClusters").size(), "every kube cluster, not only prod's");
        RegisteredResource cs = plan.find(CLUSTER_SET, "mycs").orElseThrow();
        RegisteredResource prd = plan.find(MEMBER, "mycs-prd").orElseThrow();
        RegisteredResource primary = plan.find(PRIMARY, "mycs-primary").orElseThrow();
        assertTrue(plan.find(MEMBER, "mycs-dr").isEmpty(), "dr's member belongs to the dr stack");
        assertEquals(StructJson.SECRET, cs.inputs().get("rootPassword").getAsString());
        assertEquals("prod", cs.inputs().getAsJsonArray("deploy").get(0).getAsString());
        String k8s = plan.find("pulumi:providers:kubernetes", "prod-k8s")
                .orElseThrow()
                .urn();
        assertTrue(cs.dependencies().contains(k8s));
        assertTrue(prd.dependencies().contains(cs.urn()), "a member waits for its stack's ClusterSet");
        assertTrue(primary.dependencies().containsAll(List.of(cs.urn(), prd.urn())));
        assertEquals("prd", prd.inputs().get("member").getAsString());
    }

    @Test
    void drRegistersItsReplicaAndPrimaryControlSoItCanFailOverAlone() {
        Plan.Result plan = PlanFixture.planStack("dr");
        assertTrue(plan.find(CLUSTER_SET, "mycs").isPresent());
        assertTrue(plan.find(MEMBER, "mycs-dr").isPresent());
        assertTrue(plan.find(PRIMARY, "mycs-primary").isPresent());
        assertTrue(plan.find(MEMBER, "mycs-prd").isEmpty());
        assertEquals(
                2,
                plan.find(PROVIDER, "mysqlcs")
                        .orElseThrow()
                        .inputs()
                        .getAsJsonArray("kubeClusters")
                        .size());
    }

    @Test
    void theOfflinePlanShowsWhatEachStacksFirstUpRuns() {
        @SuppressWarnings("unchecked")
        Map<String, List<String>> prod = (Map<String, List<String>>)
                PlanFixture.planStack("prod").outputs().get("clusterSetPlannedSteps");
        assertEquals(
                List.of(
                        "createClusterSet('mycs') on prd (prd-0.prd-instances.mysql-prod.svc.cluster.local)",
                        "restart Deployment prd-router and wait for its rollout"),
                prod.get("mycs"));
        @SuppressWarnings("unchecked")
        Map<String, List<String>> dr = (Map<String, List<String>>)
                PlanFixture.planStack("dr").outputs().get("clusterSetPlannedSteps");
        assertEquals(List.of(), dr.get("mycs"), "the dr stack adopts the ClusterSet prod created");
        assertTrue(
                dr.get("mycs-dr")
                        .get(2)
                        .startsWith("createReplicaCluster('dr-0.dr-instances.mysql-dr.svc"
                                + ".cluster.local', 'dr', {recoveryMethod: 'clone'})"),
                dr.get("mycs-dr").toString());
        assertEquals("prd", PlanFixture.planStack("dr").outputs().get("clusterSetPrimaryCluster"));
    }

    @Test
    void everyRegisteredInputPassesTheProvidersCheck() {
        for (String stack : List.of("prod", "dr")) {
            Plan.Result plan = PlanFixture.planStack(stack);
            Map<String, Object> providerInputs =
                    toProps(plan.find(PROVIDER, "mysqlcs").orElseThrow().inputs());
            ProviderConfig.Checked cfg = ProviderConfig.check(providerInputs);
            assertEquals(List.of(), cfg.failures());
            List<RegisteredResource> resources = new ArrayList<>();
            resources.addAll(plan.ofType(CLUSTER_SET));
            resources.addAll(plan.ofType(MEMBER));
            resources.addAll(plan.ofType(PRIMARY));
            assertEquals(3, resources.size());
            for (RegisteredResource r : resources) {
                ResourceInputs.Parsed p =
                        ResourceInputs.parse(toProps(r.inputs()), r.type().equals(MEMBER), cfg.config());
                assertEquals(List.of(), p.failures(), stack + " " + r.name());
                assertTrue(p.inputs().isPresent());
            }
        }
    }

    @Test
    void theEnterpriseExampleRegistersEveryMemberOfItsSingleCluster() {
        Plan.Result plan = PlanFixture.planFile(PlanFixture.ENTERPRISE_EXAMPLE, "single");
        assertEquals(4, plan.ofType(MEMBER).size());
        assertEquals(
                "operator",
                plan.find(CLUSTER_SET, "mycs")
                        .orElseThrow()
                        .inputs()
                        .getAsJsonObject("spec")
                        .get("linkage")
                        .getAsString());
    }

    /** A plan's recorded inputs as the provider receives them: the secret placeholder becomes a wrapped secret. */
    static Map<String, Object> toProps(JsonObject o) {
        Map<String, Object> out = new LinkedHashMap<>();
        o.entrySet().forEach(e -> out.put(e.getKey(), toProp(e.getValue())));
        return out;
    }

    private static Object toProp(JsonElement e) {
        if (e.isJsonObject()) {
            return toProps(e.getAsJsonObject());
        }
        if (e.isJsonArray()) {
            List<Object> l = new ArrayList<>();
            e.getAsJsonArray().forEach(x -> l.add(toProp(x)));
            return l;
        }
        if (e.isJsonNull()) {
            return null;
        }
        var p = e.getAsJsonPrimitive();
        if (p.isBoolean()) {
            return p.getAsBoolean();
        }
        if (p.isNumber()) {
            return p.getAsDouble();
        }
        return StructJson.SECRET.equals(p.getAsString()) ? new Props.Secret("offline-password") : p.getAsString();
    }
}
