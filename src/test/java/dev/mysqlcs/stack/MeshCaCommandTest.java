package dev.mysqlcs.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mysqlcs.config.ConfigError;
import dev.mysqlcs.config.TopologyParser;
import dev.mysqlcs.pki.MeshCa;
import dev.mysqlcs.testing.ConfigFixtures;
import dev.mysqlcs.testing.MeshFixtures;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MeshCaCommandTest {

    record Run(int exit, String out, String err) {}

    static Run run(Path dir, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = MeshCaCommand.run(
                args,
                dir,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static Path project(Path dir) throws Exception {
        Files.writeString(dir.resolve("Pulumi.yaml"), "name: mysqlcs\n");
        Files.writeString(dir.resolve("Pulumi.prod.yaml"), "config: {}\n");
        Files.writeString(dir.resolve("Pulumi.dr.yaml"), "config: {}\n");
        return dir;
    }

    @Test
    void writesTheCaAndPrintsTheConfigCommandsOfEveryStackWithoutTheKey(@TempDir Path tmp) throws Exception {
        Path dir = project(tmp);
        Run r = run(dir);
        assertEquals(0, r.exit(), r.err());
        String cert = Files.readString(dir.resolve(".mesh-ca/ca.crt"));
        String key = Files.readString(dir.resolve(".mesh-ca/ca.key"));
        X509Certificate c = MeshCa.parseCertificate(cert);
        assertTrue(MeshCa.isCa(c) && MeshCa.hasKeyCertSign(c));
        assertTrue(MeshCa.keyMatches(c, MeshCa.parsePrivateKey(key)));
        assertEquals(
                Duration.ofDays(3650).plusMinutes(5),
                Duration.between(c.getNotBefore().toInstant(), c.getNotAfter().toInstant()));
        assertEquals(
                List.of(
                        "pulumi config set mysqlcs:meshCaCert -s dr < .mesh-ca/ca.crt",
                        "pulumi config set --secret mysqlcs:meshCaKey -s dr < .mesh-ca/ca.key",
                        "pulumi config set mysqlcs:meshCaCert -s prod < .mesh-ca/ca.crt",
                        "pulumi config set --secret mysqlcs:meshCaKey -s prod < .mesh-ca/ca.key"),
                r.out().lines().filter(l -> l.startsWith("pulumi ")).toList());
        String keyBody = key.lines().filter(l -> !l.startsWith("-----")).reduce("", String::concat);
        assertFalse(r.out().contains("PRIVATE KEY") || r.out().contains(keyBody.substring(64, 128)));
        if (Files.getFileStore(dir).supportsFileAttributeView("posix")) {
            assertEquals(
                    "rw-------",
                    PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(".mesh-ca/ca.key"))));
            assertEquals(
                    "rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(".mesh-ca"))));
        }
    }

    @Test
    void theStacksAcceptWhatItWrites(@TempDir Path tmp) throws Exception {
        Path dir = project(tmp);
        assertEquals(
                0,
                run(dir, "--out", "ca", "--days", "30", "--cn", "prod+dr mesh").exit());
        var source = MeshFixtures.source(
                ConfigFixtures.shipped("Pulumi.prod.yaml"),
                Map.of("meshCaCert", Files.readString(dir.resolve("ca/ca.crt")).stripTrailing()),
                Map.of("meshCaKey", Files.readString(dir.resolve("ca/ca.key")).stripTrailing()));
        TopologyParser.Result parsed = TopologyParser.parse(source, false);
        assertEquals(
                List.of(),
                parsed.errors().stream()
                        .filter(e -> e.key().startsWith("mysqlcs:meshCa"))
                        .map(ConfigError::render)
                        .toList());
        assertTrue(parsed.topology().orElseThrow().mesh().caConfigured());
        X509Certificate c = MeshCa.parseCertificate(Files.readString(dir.resolve("ca/ca.crt")));
        assertTrue(c.getSubjectX500Principal().getName().contains("CN=prod+dr mesh")
                || c.getSubjectX500Principal().getName().contains("CN=prod\\+dr mesh"));
    }

    @Test
    void neverOverwritesACa(@TempDir Path tmp) throws Exception {
        Path dir = project(tmp);
        assertEquals(0, run(dir, "--stacks", "prod").exit());
        String before = Files.readString(dir.resolve(".mesh-ca/ca.key"));
        Run again = run(dir, "--stacks", "prod");
        assertEquals(1, again.exit());
        assertTrue(again.err().contains("exists; refusing to overwrite a CA that may be in use"), again.err());
        assertEquals(before, Files.readString(dir.resolve(".mesh-ca/ca.key")));
    }

    @Test
    void explainsWhatItNeeds(@TempDir Path tmp) throws Exception {
        Run none = run(tmp);
        assertEquals(2, none.exit());
        assertTrue(none.err().startsWith("no Pulumi.<stack>.yaml in "), none.err());
        assertTrue(none.err().contains("name the stacks with --stacks, e.g. --stacks prod,dr"), none.err());
        assertEquals(2, run(tmp, "--days", "0", "--stacks", "a").exit());
        assertEquals(2, run(tmp, "--bogus").exit());
        assertEquals(2, run(tmp, "--out").exit());
        Run help = run(tmp, "--help");
        assertEquals(0, help.exit());
        assertTrue(help.out().startsWith(MeshCaCommand.USAGE));
        assertFalse(Files.exists(tmp.resolve(".mesh-ca")), "nothing written on a usage error");
    }

    @Test
    void quotesPathsForTheShell() {
        assertEquals("'my dir/ca.key'", MeshCaCommand.shellQuote("my dir/ca.key"));
        assertEquals("'it'\\''s'", MeshCaCommand.shellQuote("it's"));
        assertEquals(".mesh-ca/ca.crt", MeshCaCommand.shellQuote(".mesh-ca/ca.crt"));
    }
}
