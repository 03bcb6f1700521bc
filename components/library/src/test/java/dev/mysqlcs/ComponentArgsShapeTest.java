package dev.mysqlcs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.pulumi.resources.Resource;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The components' Args keep to what the SDK's schema inference ({@code com.pulumi.provider.internal.infer.
 * ComponentAnalyzer}, behind {@code ComponentProviderHost}) can take: no resource anywhere in an Args (providers and
 * dependencies travel in the resource options), and every map keyed by String, down through the model records they
 * carry. README ("Other Pulumi languages")
 * says what is still missing before the components can be offered to TypeScript, Python and YAML.
 */
class ComponentArgsShapeTest {

    @ParameterizedTest
    @ValueSource(
            classes = {
                ClusterMeshArgs.class,
                CiliumClusterArgs.class,
                CrossClusterDnsArgs.class,
                MySqlOperatorArgs.class,
                InnoDbClusterArgs.class,
                ClusterSetLinkageArgs.class,
                ClusterSetDeploymentArgs.class
            })
    void argsHoldNoResourceAndOnlyStringMapKeys(Class<?> args) {
        List<String> problems = new ArrayList<>();
        for (Field f : args.getDeclaredFields()) {
            if (!Modifier.isStatic(f.getModifiers())) {
                check(args.getSimpleName() + "." + f.getName(), f.getGenericType(), problems);
            }
        }
        assertEquals(List.of(), problems);
    }

    private static void check(String where, Type type, List<String> problems) {
        if (type instanceof ParameterizedType p) {
            Type raw = p.getRawType();
            Type[] params = p.getActualTypeArguments();
            if (raw instanceof Class<?> c && Map.class.isAssignableFrom(c) && params[0] != String.class) {
                problems.add(where + ": map keys must be String, got " + params[0].getTypeName());
            }
            check(where, raw, problems);
            for (Type t : params) {
                check(where, t, problems);
            }
        } else if (type instanceof Class<?> c && Resource.class.isAssignableFrom(c)) {
            problems.add(where + ": holds a resource (" + c.getSimpleName() + "); pass it in the resource options");
        } else if (type instanceof Class<?> c
                && c.isRecord()
                && c.getPackageName().startsWith("dev.mysqlcs")
                && !where.contains("." + c.getSimpleName() + ".")) {
            // The model records an Args carries (Member, KubeCluster, ...): their components too.
            for (var component : c.getRecordComponents()) {
                check(
                        where + "." + c.getSimpleName() + "." + component.getName(),
                        component.getGenericType(),
                        problems);
            }
        }
    }
}
