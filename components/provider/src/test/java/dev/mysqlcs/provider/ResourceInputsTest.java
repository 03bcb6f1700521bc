package dev.mysqlcs.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mysqlcs.model.Topology;
import dev.mysqlcs.testing.ConfigFixtures;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The provider's Check on {@code deploy}, {@code rootUser}, {@code rootPassword} and {@code member}: the program's
 * lines for the same settings ({@code config error: <key>: <what>; allowed: <what is>}), on the wire form.
 */
class ResourceInputsTest {

    private final Topology prod = ConfigFixtures.prod();
    private final ProviderConfig config = ProviderConfig.check(Map.of(
                    "kubeClusters",
                    List.of(Map.of("name", "prod", "context", "a"), Map.of("name", "dr", "context", "b"))))
            .config()
            .orElseThrow();

    private List<String> failures(String key, Object value, boolean recorded) {
        Map<String, Object> in = new LinkedHashMap<>(ProviderHarness.inputs(prod, Optional.of("prd")));
        if (value == ABSENT) {
            in.remove(key);
        } else {
            in.put(key, value);
        }
        Map<String, Object> wire = Props.fromStruct(Props.toStruct(in));
        ResourceInputs.Parsed p = recorded
                ? ResourceInputs.parseRecorded(wire, true, Optional.of(config))
                : ResourceInputs.parse(wire, true, Optional.of(config));
        return p.failures().stream().map(f -> f.property() + ": " + f.reason()).toList();
    }

    private List<String> failures(String key, Object value) {
        return failures(key, value, false);
    }

    private static final Object ABSENT = new Object();

    @Test
    void deployAsTheProgramWordsIt() {
        String required = "deploy: config error: mysqlcs:deploy: is required; allowed: the names of the kubeClusters "
                + "this stack deploys into, e.g. [prod]";
        assertEquals(List.of(required), failures("deploy", ABSENT));
        assertEquals(List.of(required), failures("deploy", null));
        // Worded as the Pulumi CLI's type check of Pulumi.yaml's declaration (./plan's EngineConfigRules).
        String type = "deploy: config error: mysqlcs:deploy: must be of type 'array<string>'; allowed: a list of "
                + "string values";
        assertEquals(List.of(type), failures("deploy", "prod"));
        assertEquals(List.of(type), failures("deploy", Map.of("a", 1.0)));
        assertEquals(List.of(type), failures("deploy", List.of("prod", List.of("x"))));
        assertEquals(
                List.of("deploy: config error: mysqlcs:deploy: is empty; allowed: one or more of prod, dr"),
                failures("deploy", List.of()));
        assertEquals(List.of(type), failures("deploy", Arrays.asList("prod", null)));
        assertEquals(List.of(type), failures("deploy", List.of(7.0)));
        assertEquals(
                List.of(
                        "deploy: config error: mysqlcs:deploy[1]: 'east' is not one of mysqlcs:kubeClusters; "
                                + "allowed: prod, dr",
                        "deploy: config error: mysqlcs:deploy[2]: 'prod' is listed twice; allowed: each "
                                + "cluster once"),
                failures("deploy", List.of("prod", "east", "prod")));
        assertEquals(List.of(), failures("deploy", List.of("dr")));
        // Recorded inputs (Delete, Read) may name a kube cluster the config no longer has.
        assertEquals(List.of(), failures("deploy", List.of("prod", "east"), true));
    }

    @Test
    void rootUserAsTheProgramWordsIt() {
        assertEquals(
                List.of("rootUser: config error: mysqlcs:rootUser: is empty; allowed: a MySQL user name such as "
                        + "root"),
                failures("rootUser", "  "));
        assertEquals(
                List.of("rootUser: config error: mysqlcs:rootUser: is empty; allowed: a MySQL user name such as "
                        + "root"),
                failures("rootUser", ""));
        assertEquals(
                List.of("rootUser: config error: mysqlcs:rootUser: is required; allowed: a MySQL user name such "
                        + "as root"),
                failures("rootUser", ABSENT));
        assertEquals(
                List.of("rootUser: config error: mysqlcs:rootUser: must be of type 'string'; allowed: a single "
                        + "value (not a list or mapping)"),
                failures("rootUser", List.of("root")));
        // A number is its text, as the engine hands a top-level config value to the program.
        assertEquals(List.of(), failures("rootUser", 7.0));
        assertEquals(List.of(), failures("rootUser", "admin"));
    }

    @Test
    void rootPasswordAsTheProgramWordsIt() {
        assertEquals(
                List.of(
                        "rootPassword: config error: mysqlcs:rootPassword: is required (the MySQL root password "
                                + "of every member); allowed: a secret, set with: pulumi config set --secret mysqlcs:rootPassword"),
                failures("rootPassword", ABSENT));
        assertEquals(
                List.of("rootPassword: config error: mysqlcs:rootPassword: must be a secret; allowed: a secret, "
                        + "set with: pulumi config set --secret mysqlcs:rootPassword"),
                failures("rootPassword", "pw"));
    }

    @Test
    void memberNamesTheMembersAllowed() {
        assertEquals(
                List.of("member: config error: member: is required (the InnoDBCluster name of the member); "
                        + "allowed: one of prd, dr"),
                failures("member", ABSENT));
        assertEquals(
                List.of("member: config error: member: is empty; allowed: one of prd, dr"), failures("member", " "));
        assertEquals(
                List.of("member: config error: member: expected a string, got '7.0'; allowed: one of prd, dr"),
                failures("member", 7.0));
        assertEquals(
                List.of("member: config error: member: 'nope' is not one of mysqlcs:clusterSet.members; "
                        + "allowed: prd, dr"),
                failures("member", "nope"));
        List<String> longName = failures("member", "m".repeat(200_000));
        assertEquals(1, longName.size());
        assertTrue(longName.get(0).length() < 200, longName.get(0));
        assertEquals(List.of(), failures("member", "dr"));
    }

    @Test
    void specAsTheProgramWordsIt() {
        assertEquals(
                List.of("spec: config error: mysqlcs:clusterSet: is required; allowed: the ClusterSet name, "
                        + "domain, primary and members"),
                failures("spec", ABSENT));
        assertEquals(
                List.of("spec: config error: mysqlcs:clusterSet: expected an object, got a list; allowed: a "
                        + "mapping"),
                failures("spec", List.of("x")));
    }
}
