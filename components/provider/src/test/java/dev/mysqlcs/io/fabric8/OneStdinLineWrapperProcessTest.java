package dev.mysqlcs.io.fabric8;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exact argv {@link Fabric8MySqlShell#oneStdinLine} builds, run as a real process here (this machine's
 * {@code /bin/sh} and {@code head}, as the sidecar image has them), against a stand-in {@code mysqlsh} that reads two
 * lines: the password, then the answer to a prompt nobody foresaw. The test writes the password line to the wrapper's
 * stdin and keeps that stdin open for the whole run, as the {@code v4.channel.k8s.io} exec stream does (it cannot
 * signal end-of-input): the stand-in must still see the one line and then end-of-input, and the run must end by
 * itself with the stand-in's exit code.
 */
class OneStdinLineWrapperProcessTest {

    private static final String PASSWORD = "S3cret;pw'\"-x $HOME `id` *";

    /**
     * A mysqlsh argv as AdminApi builds it, with a script that a re-parsing shell would break (quotes, {@code $},
     * backquotes, globs, a newline).
     */
    private static final List<String> ARGV = List.of(
            "mysqlsh",
            "--uri",
            "clusteradmin@prd-0.prd-instances.mysql-prod.svc.cluster.local:3306",
            "--passwords-from-stdin",
            "--credential-store-helper=<disabled>",
            "--js",
            "-e",
            "shell.options.useWizards = false;\nprint(\"$HOME `id` ' \\\" * ;\");\n");

    /**
     * Prints its arguments, then reads line 1 (the password) and line 2 (a prompt's answer; must be end-of-input), and
     * exits 7; with {@code --fail-early} it exits 1 without reading stdin (a connection that fails first).
     */
    private static final String STAND_IN = "#!/bin/sh\n"
            + "if [ \"$1\" = --fail-early ]; then echo 'MySQL Error 2003 (HY000): Can'\"'\"'t connect' >&2; exit 1; fi\n"
            + "for a in \"$@\"; do printf 'arg:[%s]\\n' \"$a\"; done\n"
            + "if IFS= read -r first; then printf 'line1:[%s]\\n' \"$first\"; else printf 'line1:EOF\\n'; fi\n"
            + "printf 'Please confirm [y/N]: ' >&2\n"
            + "if IFS= read -r second; then printf 'line2:[%s]\\n' \"$second\"; exit 3; fi\n"
            + "printf 'line2:EOF\\n'\n"
            + "exit 7\n";

    @TempDir
    Path dir;

    @Test
    void theStandInSeesExactlyThePasswordLineThenEndOfInputWhileTheCallersStdinStaysOpen() throws Exception {
        Process p = start(Fabric8MySqlShell.oneStdinLine(ARGV));
        OutputStream stdin = p.getOutputStream();
        try {
            stdin.write((PASSWORD + "\n").getBytes(StandardCharsets.UTF_8));
            stdin.flush();
            // stdin is not closed: the run must end by itself.
            assertTrue(p.waitFor(10, TimeUnit.SECONDS), "the wrapped run ended with its stdin still open");

            List<String> expected = new ArrayList<>();
            ARGV.subList(1, ARGV.size()).forEach(a -> expected.add("arg:[" + a + "]"));
            expected.add("line1:[" + PASSWORD + "]");
            expected.add("line2:EOF");
            assertEquals(String.join("\n", expected) + "\n", stdout(p), "argv unchanged, one line, then EOF");
            assertEquals("Please confirm [y/N]: ", stderr(p));
            assertEquals(7, p.exitValue(), "the stand-in's exit code is the run's");
        } finally {
            p.destroyForcibly();
            stdin.close();
        }
    }

    @Test
    void aCommandThatFailsBeforeReadingStdinStillEndsTheRunWithItsExitCode() throws Exception {
        List<String> argv = new ArrayList<>(ARGV);
        argv.add(1, "--fail-early");
        Process p = start(Fabric8MySqlShell.oneStdinLine(argv));
        OutputStream stdin = p.getOutputStream();
        try {
            stdin.write((PASSWORD + "\n").getBytes(StandardCharsets.UTF_8));
            stdin.flush();
            assertTrue(p.waitFor(10, TimeUnit.SECONDS), "head takes its one line and ends, so does the run");
            assertEquals(1, p.exitValue());
            assertEquals("", stdout(p));
            assertEquals("MySQL Error 2003 (HY000): Can't connect\n", stderr(p));
        } finally {
            p.destroyForcibly();
            stdin.close();
        }
    }

    @Test
    void withoutTheWrapperTheSamePromptWaitsForAsLongAsStdinStaysOpen() throws Exception {
        // The control: what D7 described. The stand-in reads the password, then blocks on the prompt.
        List<String> direct = new ArrayList<>(ARGV);
        direct.set(0, standIn().toString());
        Process p = start(direct);
        OutputStream stdin = p.getOutputStream();
        try {
            stdin.write((PASSWORD + "\n").getBytes(StandardCharsets.UTF_8));
            stdin.flush();
            assertFalse(p.waitFor(1, TimeUnit.SECONDS), "unwrapped, the prompt waits for input that never comes");
        } finally {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            stdin.close();
        }
    }

    @Test
    void thePasswordIsNeverInTheWrappedArgv() {
        List<String> wrapped = Fabric8MySqlShell.oneStdinLine(ARGV);
        assertEquals(ARGV.size() + 3, wrapped.size());
        assertFalse(String.join("\n", wrapped).contains(PASSWORD));
        // The refusal of secrets in argv still applies to the command before it is wrapped.
        Fabric8MySqlShell.refuseSecretInArgv(wrapped, (PASSWORD + "\n").toCharArray());
    }

    /** Runs {@code argv} with the stand-in first on PATH as {@code mysqlsh}; nothing else in the environment. */
    private Process start(List<String> argv) throws IOException {
        Path bin = standIn().getParent();
        ProcessBuilder pb = new ProcessBuilder(argv);
        pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        pb.redirectOutput(dir.resolve("out").toFile());
        pb.redirectError(dir.resolve("err").toFile());
        return pb.start();
    }

    private Path standIn() throws IOException {
        Path mysqlsh = dir.resolve("bin").resolve("mysqlsh");
        if (!Files.exists(mysqlsh)) {
            Files.createDirectories(mysqlsh.getParent());
            Files.writeString(mysqlsh, STAND_IN, StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(mysqlsh, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        return mysqlsh;
    }

    private String stdout(Process p) throws IOException {
        return Files.readString(dir.resolve("out"), StandardCharsets.UTF_8);
    }

    private String stderr(Process p) throws IOException {
        return Files.readString(dir.resolve("err"), StandardCharsets.UTF_8);
    }
}
