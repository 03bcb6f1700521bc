package dev.mysqlcs.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mysqlcs.testing.ConfigFixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The two launchers the engine may start (pulumi/pulumi sdk/go/common/workspace/plugins.go: the bare name, and
 * {@code .exe} / {@code .cmd} on Windows) do the same thing: same main class, same JVM flags, same class path, same
 * build command, the same secrets dropped. (cmd.exe is not here to run the Windows one; ProviderProcessIT and
 * EngineProtocolIT run the bash one.)
 */
class LauncherTest {

    private static final Path BIN = ConfigFixtures.repoRoot().resolve("components/provider/bin");

    private static String read(String name) throws IOException {
        return Files.readString(BIN.resolve(name), StandardCharsets.UTF_8);
    }

    /** The JVM options of a launcher: every -X.. / -D.. token outside comments. */
    static Set<String> jvmFlags(String script, String comment) {
        Set<String> out = new LinkedHashSet<>();
        Matcher m = Pattern.compile("(?<![\\w$-])(-(?:X|D)[\\w.:=+,-]+)").matcher(withoutComments(script, comment));
        while (m.find()) {
            String f = m.group(1);
            if (!f.startsWith("-XX:ArchiveClassesAtExit")
                    && !f.startsWith("-XX:SharedArchiveFile")
                    && !f.startsWith("-Dmaven")) {
                out.add(f);
            }
        }
        return out;
    }

    private static String withoutComments(String script, String comment) {
        List<String> lines = new ArrayList<>();
        for (String l : script.split("\r?\n")) {
            String t = l.strip();
            if (!t.startsWith(comment)) {
                int hash = comment.equals("#") ? l.indexOf("  #") : -1;
                lines.add(hash >= 0 ? l.substring(0, hash) : l);
            }
        }
        return String.join("\n", lines);
    }

    @Test
    void theWindowsLauncherSitsBesideTheBashOneAndDoesTheSame() throws IOException {
        String sh = read("pulumi-resource-mysqlcs");
        String cmd = read("pulumi-resource-mysqlcs.cmd");
        assertTrue(Files.isExecutable(BIN.resolve("pulumi-resource-mysqlcs")));
        // cmd.exe needs CRLF for labels and goto/call to work reliably.
        assertFalse(cmd.replace("\r\n", "").contains("\n"), "CRLF line ends");
        assertTrue(cmd.startsWith("@echo off"), "nothing echoed to stdout before the port line");
        // cmd.exe expands a parenthesized block at once and ends it at any unquoted ')': the script has no
        // multi-line blocks (labels and goto instead), so the PowerShell commands' parentheses cannot cut one short.
        for (String l : cmd.split("\r\n")) {
            assertFalse(l.strip().endsWith("(") || l.strip().equals(")"), "a multi-line block: " + l);
        }

        Set<String> shFlags = jvmFlags(sh, "#");
        assertEquals(shFlags, jvmFlags(cmd, "rem"));
        assertTrue(
                shFlags.containsAll(List.of(
                        "-Xshare:auto",
                        "-Xlog:disable",
                        "-Xlog:all=warning:stderr",
                        "-Xlog:cds=off:stderr",
                        "-Xlog:cds+dynamic=off:stderr")),
                shFlags.toString());

        for (String s : List.of(sh, cmd)) {
            assertTrue(s.contains("dev.mysqlcs.provider.ProviderMain --train"), "the CDS training run");
            assertTrue(s.contains("-Dmaven.test.skip=true package -pl components/provider -am"), "the build");
            assertTrue(s.contains("mysqlcs-provider-*.jar"), "the provider jar");
            assertTrue(s.contains("-tests"), "never the tests jar");
            assertTrue(s.contains("ArchiveClassesAtExit") && s.contains("SharedArchiveFile"));
            assertTrue(s.contains("JAVA_RUNTIME_VERSION"), "one archive per JVM");
        }
        assertTrue(sh.contains("unset PULUMI_CONFIG PULUMI_CONFIG_SECRET_KEYS"));
        assertTrue(cmd.contains("set \"PULUMI_CONFIG=\"") && cmd.contains("set \"PULUMI_CONFIG_SECRET_KEYS=\""));
        // The class path is the jar alone: its manifest names the exact runtime jars (no stale lib/ jar).
        assertTrue(sh.contains("cp=\"$jar\""));
        assertTrue(cmd.contains("set \"cp=%jar%\""));
        assertTrue(sh.contains("\"$cds\"") && cmd.contains("%target%\\cds\\mysqlcs-provider-%vm%-%key%.jsa"));
        assertTrue(sh.contains("$target/cds/mysqlcs-provider-${vm:-jvm}-$key.jsa"));
        // The Maven wrapper of each platform.
        assertTrue(sh.contains("./mvnw -q -B") && cmd.contains("call mvnw.cmd -q -B"));
        // Every %var% the cmd script reads is one it sets (or the environment's JAVA_HOME).
        Set<String> read = new LinkedHashSet<>();
        Matcher m = Pattern.compile("%(\\w+)(?::[^%]*)?%").matcher(cmd);
        while (m.find()) {
            read.add(m.group(1));
        }
        for (String v : read) {
            assertTrue(
                    v.equals("JAVA_HOME")
                            || v.equals("ERRORLEVEL")
                            || cmd.contains("set \"" + v + "=")
                            || cmd.contains("set " + v + "="),
                    "%" + v + "% is set before use");
        }
    }
}
