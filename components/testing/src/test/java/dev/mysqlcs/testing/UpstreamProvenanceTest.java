package dev.mysqlcs.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The upstream reference files are exactly the ones PROVENANCE.md lists, byte for byte as collected (its SHA-256
 * block), and every one of them has a row naming its source.
 */
class UpstreamProvenanceTest {

    private static final Pattern SHA_LINE = Pattern.compile("^([0-9a-f]{64})  (\\S+)$", Pattern.MULTILINE);

    private static Path resourceRoot() throws URISyntaxException {
        return Path.of(Upstream.class.getResource("/upstream").toURI());
    }

    @Test
    void everyShippedFileIsListedWithItsChecksumAndASourceRow() throws Exception {
        Path root = resourceRoot();
        String provenance = Files.readString(root.resolve("PROVENANCE.md"));
        Map<String, String> listed = new TreeMap<>();
        Matcher m = SHA_LINE.matcher(provenance);
        while (m.find()) {
            listed.put(m.group(2), m.group(1));
        }
        Map<String, String> shipped = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String rel = root.relativize(f).toString().replace('\\', '/');
                if (!rel.equals("PROVENANCE.md")) {
                    shipped.put(rel, sha256(f));
                }
            }
        }
        assertEquals(listed, shipped);
        for (String file : shipped.keySet()) {
            assertTrue(provenance.contains("| `" + file + "` |"), file + " has no source row in PROVENANCE.md");
        }
    }

    @Test
    void readsFromTheClassPathAndNamesAMissingFile() {
        assertTrue(Upstream.read("coredns/k3s-Corefile").startsWith(".:53 {"));
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> Upstream.read("cilium/9.9.9/values.yaml"));
        assertEquals(
                "no upstream reference file cilium/9.9.9/values.yaml in mysqlcs-testing's resources"
                        + " (components/testing/src/main/resources/upstream; list it in PROVENANCE.md)",
                e.getMessage());
    }

    @Test
    void aFileInsideAJarIsExtractedToARealFileWithTheSameBytesAndName(@TempDir Path tmp) throws Exception {
        String relative = "cilium/1.19.6/values.schema.json";
        byte[] bytes = Upstream.read(relative).getBytes(StandardCharsets.UTF_8);
        Path jar = tmp.resolve("testing.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("upstream/" + relative));
            out.write(bytes);
            out.closeEntry();
        }
        URL inJar = new URL("jar:" + jar.toUri() + "!/upstream/" + relative);
        Path extracted = Upstream.toPath(relative, inJar);
        assertEquals("values.schema.json", extracted.getFileName().toString());
        assertArrayEquals(bytes, Files.readAllBytes(extracted));
        assertEquals(extracted, Upstream.toPath(relative, inJar), "extracted once per JVM");
        assertEquals(
                resourceRoot().resolve(relative), Upstream.file(relative), "a directory resource is used in place");
    }

    private static String sha256(Path f) throws IOException, NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f)));
    }
}
