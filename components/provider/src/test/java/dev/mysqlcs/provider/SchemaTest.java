package dev.mysqlcs.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.mysqlcs.testing.Upstream;
import java.util.List;
import org.junit.jupiter.api.Test;

/** GetSchema's answer against Pulumi's package metaschema (pulumi/pulumi pkg/codegen/schema/pulumi.json). */
class SchemaTest {

    @Test
    void theSchemaValidatesAgainstPulumisPackageMetaschema() {
        assertEquals(List.of(), Upstream.validatePulumiPackageSchema(Schema.json(MysqlcsProviderService.VERSION)));
    }

    @Test
    void theMetaschemaCheckIsReal() {
        // A schema the engine's binder would refuse is refused here too: a bad package name, an array without items.
        JsonObject s = JsonParser.parseString(Schema.json(MysqlcsProviderService.VERSION))
                .getAsJsonObject();
        s.addProperty("name", "mysql cs");
        assertFalse(Upstream.validatePulumiPackageSchema(s.toString()).isEmpty());
        JsonObject t = JsonParser.parseString(Schema.json(MysqlcsProviderService.VERSION))
                .getAsJsonObject();
        t.getAsJsonObject("resources")
                .getAsJsonObject(ResourceKind.MEMBER.token())
                .getAsJsonObject("inputProperties")
                .getAsJsonObject("deploy")
                .remove("items");
        assertFalse(Upstream.validatePulumiPackageSchema(t.toString()).isEmpty());
    }

    @Test
    void everyOutputTheProviderReturnsIsDeclared() {
        JsonObject s = JsonParser.parseString(Schema.json(MysqlcsProviderService.VERSION))
                .getAsJsonObject();
        for (ResourceKind k : ResourceKind.values()) {
            JsonObject r = s.getAsJsonObject("resources").getAsJsonObject(k.token());
            for (String o : k.observedKeys()) {
                assertTrue(r.getAsJsonObject("properties").has(o), k + " " + o);
            }
            for (String o : List.of(ResourceKind.PLANNED_STEPS, ResourceKind.APPLIED_STEPS, "notes")) {
                assertTrue(r.getAsJsonObject("properties").has(o), k + " " + o);
            }
            assertTrue(r.getAsJsonObject("inputProperties")
                    .getAsJsonObject("rootPassword")
                    .get("secret")
                    .getAsBoolean());
        }
    }
}
