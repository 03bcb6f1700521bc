package dev.mysqlcs.stack.offline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mysqlcs.config.ConfigError;
import dev.mysqlcs.config.TopologyParser;
import dev.mysqlcs.stack.PlanFixture;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * One test per engine rule (pulumi/pulumi pkg/workspace/config.go mergeConfig / validateStackConfigValue,
 * sdk/go/common/workspace/project.go Project.Validate / ValidateConfigValue), then the shipped stacks.
 */
class EngineConfigRulesTest {

    @org.junit.jupiter.api.BeforeAll
    static void runFromTheRepositoryRoot() {
        System.setProperty("mysqlcs.projectDir", PlanFixture.repoRoot().toString());
    }

    private static List<EngineConfigRules.Declaration> decls(String yaml) {
        return EngineConfigRules.declarations("mysqlcs", new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml));
    }

    /** Read as ./plan reads a stack file (YAML 1.2 core schema: {@code yes} is a string). */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> stack(String yaml) {
        try {
            Map<String, Object> m = (Map<String, Object>) StackFile.parse(yaml, "test");
            return m == null ? new LinkedHashMap<>() : m;
        } catch (StackFile.Unreadable e) {
            throw new AssertionError(e);
        }
    }

    private static List<String> check(String project, String stackValues) {
        return EngineConfigRules.validateStack("prod", "mysqlcs", decls(project), stack(stackValues)).stream()
                .map(ConfigError::render)
                .toList();
    }

    private static String projectError(String yaml) {
        return assertThrows(EngineConfigRules.ProjectError.class, () -> decls(yaml))
                .getMessage();
    }

    @Test
    void aProjectKeyWithoutDefaultIsRequired() {
        assertEquals(
                List.of("config error: mysqlcs:clusterSet: Stack 'prod' is missing configuration value "
                        + "'mysqlcs:clusterSet'; allowed: a value in Pulumi.prod.yaml (pulumi config set "
                        + "mysqlcs:clusterSet -s prod) or a default in Pulumi.yaml"),
                check("mysqlcs:clusterSet: {description: x}", "{}"));
        assertEquals(List.of(), check("mysqlcs:clusterSet: {description: x}", "{mysqlcs:clusterSet: {name: a}}"));
    }

    @Test
    void anUnnamespacedKeyBelongsToTheProject() {
        assertEquals(1, check("deploy: {type: string}", "{}").size());
        assertEquals(List.of(), check("deploy: {type: string}", "{mysqlcs:deploy: x}"));
    }

    @Test
    void missingKeysAreWordedAsTheEngineJoinsThem() {
        assertEquals(
                "Stack 'prod' is missing configuration value 'mysqlcs:a'",
                EngineConfigRules.missingMessage("prod", List.of("mysqlcs:a")));
        assertEquals(
                "Stack 'prod' is missing configuration values 'mysqlcs:a' and 'mysqlcs:b'",
                EngineConfigRules.missingMessage("prod", List.of("mysqlcs:b", "mysqlcs:a")));
        assertEquals(
                "Stack 'prod' is missing configuration values 'a', 'b', 'c' and 'd'",
                EngineConfigRules.missingMessage("prod", List.of("d", "c", "b", "a")));
    }

    @Test
    void aDefaultOrValueMakesAKeyOptional() {
        assertEquals(List.of(), check("mysqlcs:mysqlOperator: {default: {}}", "{}"));
        assertEquals(List.of(), check("mysqlcs:rootUser: root", "{}")); // shorthand: a default
        assertEquals(List.of(), check("kubernetes:context: {value: x}", "{}"));
    }

    @Test
    void aDeclaredSecretMustBeSecure() {
        assertEquals(
                List.of("config error: mysqlcs:rootPassword: Stack 'prod' with configuration key "
                        + "'mysqlcs:rootPassword' must be encrypted as it's secret; allowed: a secure value (pulumi "
                        + "config set --secret mysqlcs:rootPassword -s prod)"),
                check("mysqlcs:rootPassword: {type: string, secret: true}", "{mysqlcs:rootPassword: hunter2}"));
        assertEquals(
                List.of(),
                check(
                        "mysqlcs:rootPassword: {type: string, secret: true}",
                        "{mysqlcs:rootPassword: {secure: v1:abc}}"));
    }

    @Test
    void aSecretKeyCannotHaveADefaultBecauseTheDefaultIsValidatedToo() {
        assertEquals(
                List.of("config error: mysqlcs:meshCaKey: Stack 'prod' with configuration key "
                        + "'mysqlcs:meshCaKey' must be encrypted as it's secret; allowed: no default in Pulumi.yaml "
                        + "for a secret key"),
                check("mysqlcs:meshCaKey: {type: string, secret: true, default: ''}", "{}"));
    }

    @Test
    void theSecretRuleAppliesOnlyToTypedKeys() {
        assertEquals(List.of(), check("mysqlcs:x: {secret: true}", "{mysqlcs:x: plain}"));
    }

    @Test
    void aMissingSecretIsLeftToTheProgramOffline() {
        assertEquals(List.of(), check("mysqlcs:rootPassword: {type: string, secret: true}", "{}"));
    }

    @Test
    void declaredTypesAreChecked() {
        String p = "{mysqlcs:s: {type: string}, mysqlcs:i: {type: integer}, mysqlcs:b: {type: boolean}, "
                + "mysqlcs:o: {type: object}, mysqlcs:a: {type: array, items: {type: string}}}";
        String ok = "{mysqlcs:s: 5, mysqlcs:i: '12', mysqlcs:b: 'true', mysqlcs:o: {}, mysqlcs:a: [x, y]}";
        assertEquals(List.of(), check(p, ok));
        // Inside a list the value is JSON, where 1 is a number, not a string: the engine refuses it.
        assertEquals(
                1,
                check(p, "{mysqlcs:s: 5, mysqlcs:i: 1, mysqlcs:b: true, mysqlcs:o: {}, mysqlcs:a: [x, 1]}")
                        .size());
        List<String> bad =
                check(p, "{mysqlcs:s: [x], mysqlcs:i: 1.5, mysqlcs:b: yes, mysqlcs:o: [], " + "mysqlcs:a: [[x]]}");
        assertEquals(
                List.of(
                        "config error: mysqlcs:a: Stack 'prod' with configuration key 'mysqlcs:a' must be of type "
                                + "'array<string>'; allowed: a list of string values",
                        "config error: mysqlcs:b: Stack 'prod' with configuration key 'mysqlcs:b' must be of type "
                                + "'boolean'; allowed: true or false",
                        "config error: mysqlcs:i: Stack 'prod' with configuration key 'mysqlcs:i' must be of type "
                                + "'integer'; allowed: a whole number",
                        "config error: mysqlcs:o: Stack 'prod' with configuration key 'mysqlcs:o' must be of type "
                                + "'object'; allowed: a mapping",
                        "config error: mysqlcs:s: Stack 'prod' with configuration key 'mysqlcs:s' must be of type "
                                + "'string'; allowed: a single value (not a list or mapping)"),
                bad);
    }

    @Test
    void integersFollowGoAtoiAndWholeFloats() {
        assertTrue(EngineConfigRules.validValue("integer", java.util.Optional.empty(), "-7"));
        assertTrue(EngineConfigRules.validValue("integer", java.util.Optional.empty(), 3.0d));
        assertTrue(!EngineConfigRules.validValue("integer", java.util.Optional.empty(), "99999999999999999999"));
        assertTrue(!EngineConfigRules.validValue("integer", java.util.Optional.empty(), "0x10"));
        assertEquals(1, check("mysqlcs:n: {type: integer}", "{mysqlcs:n: null}").size());
    }

    @Test
    void theTypeOfASecureValueIsLeftToTheEngineThatCanDecryptIt() {
        assertEquals(List.of(), check("mysqlcs:n: {type: integer}", "{mysqlcs:n: {secure: v1:x}}"));
    }

    @Test
    void projectRulesUseTheEnginesWording() {
        assertEquals(
                "The configuration key 'mysqlcs:a' declares an array but does not specify the underlying type "
                        + "via the 'items' attribute",
                projectError("mysqlcs:a: {type: array}"));
        assertEquals(
                "The default value specified for configuration key 'mysqlcs:n' is not of the expected type "
                        + "'integer'",
                projectError("mysqlcs:n: {type: integer, default: many}"));
        assertEquals(
                "project config 'mysqlcs:n' cannot have both a 'default' and 'value' attribute",
                projectError("mysqlcs:n: {default: 1, value: 2}"));
        assertEquals(
                "Configuration key 'aws:region' is not namespaced by the project and should not define a type",
                projectError("aws:region: {type: string, value: x}"));
        assertEquals(
                "Configuration key 'aws:region' is not namespaced by the project and should not define a "
                        + "default value. Did you mean to use the 'value' attribute instead of 'default'?",
                projectError("aws:region: {default: x}"));
        assertEquals(
                "Configuration key 'aws:region' is namespaced and must provide an attribute 'value'",
                projectError("aws:region: {description: x}"));
        assertTrue(projectError("mysqlcs:n: {typ: string}")
                .startsWith("#/config/mysqlcs:n: additionalProperties " + "'typ' not allowed"));
        assertTrue(projectError("mysqlcs:n: {type: float}").startsWith("#/config/mysqlcs:n/type: value must be"));
    }

    // ---- the shipped project and stacks ----

    private static Plan.Project project() throws IOException {
        return Plan.Project.read(PlanFixture.repoRoot());
    }

    /** What README tells a user to set: the root password, and the mesh CA with more than one cluster. */
    private static Map<String, Object> asTheUserSetsThem(String relative, boolean meshed) throws IOException {
        StackFile f = StackFile.read(PlanFixture.repoRoot().resolve(relative), "mysqlcs");
        Map<String, Object> values = new LinkedHashMap<>(f.values());
        values.put("mysqlcs:rootPassword", Map.of("secure", "v1:cipher"));
        if (meshed) {
            values.put("mysqlcs:meshCaCert", "-----BEGIN CERTIFICATE-----");
            values.put("mysqlcs:meshCaKey", Map.of("secure", "v1:cipher"));
        }
        return values;
    }

    @Test
    void everyShippedStackAndExamplePassesOnceTheUserSetWhatReadmeSays() throws IOException {
        Plan.Project p = project();
        assertEquals(
                List.of(),
                EngineConfigRules.validateStack(
                        "prod", p.name(), p.declarations(), asTheUserSetsThem("Pulumi.prod.yaml", true)));
        assertEquals(
                List.of(),
                EngineConfigRules.validateStack(
                        "dr", p.name(), p.declarations(), asTheUserSetsThem("Pulumi.dr.yaml", true)));
        assertEquals(
                List.of(),
                EngineConfigRules.validateStack(
                        "single-cluster-enterprise",
                        p.name(),
                        p.declarations(),
                        asTheUserSetsThem(PlanFixture.ENTERPRISE_EXAMPLE, false)));
    }

    @Test
    void onlyTheRootPasswordIsRequiredWithoutADefault() throws IOException {
        List<String> required = project().declarations().stream()
                .filter(d -> d.defaultValue().isEmpty() && d.value().isEmpty())
                .map(d -> d.key())
                .toList();
        assertEquals(
                List.of("mysqlcs:clusterSet", "mysqlcs:deploy", "mysqlcs:kubeClusters", "mysqlcs:rootPassword"),
                required);
        assertTrue(project().declarations().stream()
                .noneMatch(d -> d.secret() && d.defaultValue().isPresent()));
    }

    @Test
    void pulumiYamlDeclaresExactlyTheKeysTheProgramReads() throws IOException {
        assertEquals(
                new TreeSet<>(
                        TopologyParser.KEYS.stream().map(k -> "mysqlcs:" + k).toList()),
                new TreeSet<>(project().declarations().stream()
                        .map(EngineConfigRules.Declaration::key)
                        .toList()));
    }

    @Test
    void planRefusesAStackTheEngineWouldRefuse() throws IOException {
        java.nio.file.Path f = java.nio.file.Files.createTempDirectory("engine").resolve("Pulumi.t.yaml");
        java.nio.file.Files.writeString(f, "config:\n  mysqlcs:deploy: prod\n  mysqlcs:rootUser: [a]\n");
        PlanCommandTest.Run r = PlanCommandTest.plan("--config", f.toString());
        assertEquals(2, r.exit(), r.err());
        assertEquals(
                "config error: mysqlcs:clusterSet: Stack 't' is missing configuration value 'mysqlcs:clusterSet';"
                        + " allowed: a value in Pulumi.t.yaml (pulumi config set mysqlcs:clusterSet -s t) or a default in "
                        + "Pulumi.yaml\n"
                        + "config error: mysqlcs:kubeClusters: Stack 't' is missing configuration value "
                        + "'mysqlcs:kubeClusters'; allowed: a value in Pulumi.t.yaml (pulumi config set mysqlcs:kubeClusters "
                        + "-s t) or a default in Pulumi.yaml\n"
                        + "config error: mysqlcs:deploy: Stack 't' with configuration key 'mysqlcs:deploy' must be of type "
                        + "'array<string>'; allowed: a list of string values\n"
                        + "config error: mysqlcs:rootUser: Stack 't' with configuration key 'mysqlcs:rootUser' must be of type"
                        + " 'string'; allowed: a single value (not a list or mapping)\n",
                r.err());
        assertEquals("", r.out());
    }

    @Test
    void planRefusesAMisspelledTopLevelKey() throws IOException {
        String prod = java.nio.file.Files.readString(PlanFixture.repoRoot().resolve("Pulumi.prod.yaml"));
        java.nio.file.Path f = java.nio.file.Files.createTempDirectory("engine").resolve("Pulumi.t.yaml");
        java.nio.file.Files.writeString(f, prod + "  mysqlcs:clustrSet: {name: x}\n");
        PlanCommandTest.Run r = PlanCommandTest.plan("--config", f.toString());
        assertEquals(2, r.exit(), r.err());
        assertTrue(
                r.err()
                        .startsWith("config error: mysqlcs:clustrSet: is not a setting of this project (did you "
                                + "mean 'mysqlcs:clusterSet'?); allowed: mysqlcs:cilium, "),
                r.err());
    }
}
