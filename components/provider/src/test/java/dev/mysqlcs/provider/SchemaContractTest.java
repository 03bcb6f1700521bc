package dev.mysqlcs.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.pulumi.core.annotations.Export;
import com.pulumi.core.annotations.Import;
import com.pulumi.core.annotations.ResourceType;
import dev.mysqlcs.ClusterSet;
import dev.mysqlcs.ClusterSetArgs;
import dev.mysqlcs.ClusterSetMember;
import dev.mysqlcs.ClusterSetMemberArgs;
import dev.mysqlcs.ClusterSetPrimary;
import dev.mysqlcs.ClusterSetPrimaryArgs;
import dev.mysqlcs.KubeAccessArgs;
import dev.mysqlcs.MysqlcsProvider;
import dev.mysqlcs.MysqlcsProviderArgs;
import java.lang.reflect.Field;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The provider's schema says what the program side sends and reads: for each resource kind, its token is the
 * resource class's {@code @ResourceType}, its input properties and required inputs are the Args class's
 * {@code @Import}s (superclasses included, as the SDK serializes them), its output properties are those inputs plus
 * the resource class's {@code @Export}s; the provider's own inputs are {@code MysqlcsProviderArgs}'.
 */
class SchemaContractTest {

    private static final JsonObject SCHEMA =
            JsonParser.parseString(Schema.json("0.0.0-test")).getAsJsonObject();

    private static final Map<ResourceKind, Class<?>[]> PROGRAM_SIDE = Map.of(
            ResourceKind.CLUSTER_SET, new Class<?>[] {ClusterSet.class, ClusterSetArgs.class},
            ResourceKind.MEMBER, new Class<?>[] {ClusterSetMember.class, ClusterSetMemberArgs.class},
            ResourceKind.PRIMARY, new Class<?>[] {ClusterSetPrimary.class, ClusterSetPrimaryArgs.class});

    @ParameterizedTest
    @EnumSource(ResourceKind.class)
    void schemaOfEachResourceMatchesTheProgramSidesAnnotations(ResourceKind kind) {
        Class<?> resource = PROGRAM_SIDE.get(kind)[0];
        Class<?> args = PROGRAM_SIDE.get(kind)[1];
        assertEquals(kind.token(), resource.getAnnotation(ResourceType.class).type());
        JsonObject spec = SCHEMA.getAsJsonObject("resources").getAsJsonObject(kind.token());

        assertEquals(imports(args, false), keys(spec.getAsJsonObject("inputProperties")), "inputs of " + kind);
        Set<String> required = new TreeSet<>();
        spec.getAsJsonArray("requiredInputs").forEach(e -> required.add(e.getAsString()));
        assertEquals(imports(args, true), required, "required inputs of " + kind);

        Set<String> outputs = new TreeSet<>(imports(args, false));
        outputs.addAll(exports(resource));
        assertEquals(outputs, keys(spec.getAsJsonObject("properties")), "outputs of " + kind);
        assertTrue(
                spec.getAsJsonObject("inputProperties")
                        .getAsJsonObject("rootPassword")
                        .get("secret")
                        .getAsBoolean(),
                "the root password is a secret input");
    }

    @Test
    void providerInputsAreTheProviderArgs() {
        assertEquals(
                ResourceKind.CLUSTER_SET.contract().token().split(":")[0],
                MysqlcsProvider.class.getAnnotation(ResourceType.class).type().split(":")[2]);
        JsonObject provider = SCHEMA.getAsJsonObject("provider").getAsJsonObject("inputProperties");
        assertEquals(imports(MysqlcsProviderArgs.class, false), keys(provider));
        JsonObject access = provider.getAsJsonObject("kubeClusters").getAsJsonObject("items");
        assertEquals(imports(KubeAccessArgs.class, false), keys(access.getAsJsonObject("properties")));
        Set<String> required = new TreeSet<>();
        access.getAsJsonArray("required").forEach(e -> required.add(e.getAsString()));
        assertEquals(imports(KubeAccessArgs.class, true), required);
        assertEquals(SCHEMA.get("name").getAsString(), "mysqlcs");
    }

    /** {@code @Import} names of a class and its superclasses, as the SDK serializes them. */
    private static Set<String> imports(Class<?> type, boolean requiredOnly) {
        Set<String> names = new TreeSet<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                Import i = f.getAnnotation(Import.class);
                if (i != null && (!requiredOnly || i.required())) {
                    names.add(i.name());
                }
            }
        }
        return names;
    }

    /** {@code @Export} names of the program side's classes (not the SDK's own {@code urn} and {@code id}). */
    private static Set<String> exports(Class<?> type) {
        Set<String> names = new TreeSet<>();
        for (Class<?> c = type; c != null && c.getPackageName().startsWith("dev.mysqlcs"); c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                Export e = f.getAnnotation(Export.class);
                if (e != null) {
                    names.add(e.name());
                }
            }
        }
        return names;
    }

    private static Set<String> keys(JsonObject o) {
        return new TreeSet<>(o.keySet());
    }
}
