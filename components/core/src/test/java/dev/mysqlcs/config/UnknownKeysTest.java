package dev.mysqlcs.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mysqlcs.testing.ConfigFixtures;
import dev.mysqlcs.testing.MeshFixtures;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A key of the project's namespace that the program does not read is an error, with the engine's "did you mean". */
class UnknownKeysTest {

    private static ConfigSource withKeys(ConfigSource s, Set<String> keys) {
        return new ConfigSource() {
            @Override
            public Optional<String> get(String key) {
                return s.get(key);
            }

            @Override
            public boolean isSecret(String key) {
                return s.isSecret(key);
            }

            @Override
            public Optional<Set<String>> keys() {
                return Optional.of(keys);
            }
        };
    }

    private static final String ALLOWED = "allowed: mysqlcs:cilium, mysqlcs:clusterSet, mysqlcs:deploy, "
            + "mysqlcs:kubeClusters, mysqlcs:maxConnectedClusters, mysqlcs:meshCaCert, mysqlcs:meshCaKey, "
            + "mysqlcs:mysqlOperator, mysqlcs:rootHost, mysqlcs:rootPassword, mysqlcs:rootUser";

    @Test
    void aMisspelledTopLevelKeyIsAnErrorWithTheClosestKey() {
        ConfigSource s = MeshFixtures.withCa(ConfigFixtures.shipped("Pulumi.prod.yaml"));
        InvalidConfigException e = assertThrows(
                InvalidConfigException.class,
                () -> TopologyLoader.load(
                        withKeys(
                                s, Set.of("clusterSet", "clustrSet", "kubeClusters", "deploy", "rootUser", "whatever")),
                        true));
        assertEquals(
                List.of(
                        "config error: mysqlcs:clustrSet: is not a setting of this project (did you mean "
                                + "'mysqlcs:clusterSet'?); " + ALLOWED,
                        "config error: mysqlcs:whatever: is not a setting of this project; " + ALLOWED),
                e.errors().stream().map(ConfigError::render).toList());
    }

    @Test
    void everyKeyTheProgramReadsIsAllowed() {
        ConfigSource s = MeshFixtures.withCa(ConfigFixtures.shipped("Pulumi.prod.yaml"));
        TopologyLoader.load(withKeys(s, Set.copyOf(TopologyParser.KEYS)), true);
    }

    @Test
    void closestFollowsTheEnginesDistanceBound() {
        assertEquals(Optional.of("deploy"), Names.closest("Deploy", TopologyParser.KEYS));
        assertEquals(Optional.of("rootUser"), Names.closest("rootUsr", TopologyParser.KEYS));
        assertEquals(Optional.empty(), Names.closest("password", TopologyParser.KEYS));
        assertEquals(Optional.empty(), Names.closest("x".repeat(200_000), TopologyParser.KEYS));
    }
}
