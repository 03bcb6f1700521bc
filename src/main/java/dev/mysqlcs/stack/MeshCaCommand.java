package dev.mysqlcs.stack;

import dev.mysqlcs.config.MeshConfigParser;
import dev.mysqlcs.config.TopologyParser;
import dev.mysqlcs.pki.MeshCa;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code java -jar src/target/mysqlcs-stack.jar mesh-ca [--out DIR] [--stacks a,b] [--days N] [--cn NAME]}: creates
 * the ClusterMesh CA once, writes {@code DIR/ca.crt} and {@code DIR/ca.key} (mode 0600), and prints the
 * {@code pulumi config set} commands that put it into every stack. The commands read the files on stdin, so the key
 * never appears on a command line; this command never prints it. It refuses to overwrite an existing CA.
 */
public final class MeshCaCommand {

    public static final String NAME = "mesh-ca";
    static final String USAGE = "usage: java -jar src/target/mysqlcs-stack.jar " + NAME
            + " [--out DIR] [--stacks STACK,...] [--days N] [--cn NAME]";
    static final String DEFAULT_OUT = ".mesh-ca";
    static final String CERT_FILE = "ca.crt";
    static final String KEY_FILE = "ca.key";

    static final int EXIT_OK = 0;
    static final int EXIT_FAILED = 1;
    static final int EXIT_USAGE = 2;

    private MeshCaCommand() {}

    /** @param projectDir where the {@code Pulumi.<stack>.yaml} files are (the stacks default to all of them) */
    static int run(String[] args, Path projectDir, PrintStream out, PrintStream err) {
        Path dir = projectDir.resolve(DEFAULT_OUT);
        List<String> stacks = null;
        long days = MeshCa.DEFAULT_VALIDITY.toDays();
        String cn = MeshCa.DEFAULT_COMMON_NAME;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("-h") || a.equals("--help")) {
                out.println(USAGE);
                out.println("Creates the CA every cluster of the Cilium ClusterMesh shares and prints the commands "
                        + "that store it in each stack's config (the key as a secret).");
                return EXIT_OK;
            }
            if (i + 1 >= args.length
                    || !List.of("--out", "--stacks", "--days", "--cn").contains(a)) {
                err.println("unknown or incomplete argument '" + a + "'; " + USAGE);
                return EXIT_USAGE;
            }
            String v = args[++i];
            switch (a) {
                case "--out" -> dir = projectDir.resolve(v);
                case "--stacks" ->
                    stacks = Arrays.stream(v.split(","))
                            .map(String::trim)
                            .filter(s -> !s.isEmpty())
                            .toList();
                case "--days" -> {
                    try {
                        days = Long.parseLong(v);
                    } catch (NumberFormatException e) {
                        days = -1;
                    }
                    if (days < 1 || days > 36500) {
                        err.println("--days '" + v + "' is out of range; allowed: 1..36500");
                        return EXIT_USAGE;
                    }
                }
                default -> cn = v;
            }
        }
        try {
            if (stacks == null) {
                stacks = stacksIn(projectDir);
            }
            if (stacks.isEmpty()) {
                err.println("no Pulumi.<stack>.yaml in "
                        + projectDir.toAbsolutePath().normalize()
                        + "; name the stacks with --stacks, e.g. --stacks prod,dr");
                return EXIT_USAGE;
            }
            Path cert = dir.resolve(CERT_FILE);
            Path key = dir.resolve(KEY_FILE);
            for (Path p : List.of(cert, key)) {
                if (Files.exists(p)) {
                    err.println(p + " exists; refusing to overwrite a CA that may be in use (a mesh whose clusters "
                            + "hold different CAs disconnects). Move it away to create a new one.");
                    return EXIT_FAILED;
                }
            }
            MeshCa.Generated ca = MeshCa.generate(cn, Duration.ofDays(days), Instant.now(), new SecureRandom());
            createPrivateDirectory(dir);
            writeFile(key, ca.privateKeyPem(), "rw-------");
            writeFile(cert, ca.certificatePem(), "rw-r--r--");
            printInstructions(out, projectDir, cert, key, stacks, days);
            return EXIT_OK;
        } catch (IOException e) {
            err.println("mesh-ca failed: " + e.getMessage());
            return EXIT_FAILED;
        }
    }

    private static void printInstructions(
            PrintStream out, Path projectDir, Path cert, Path key, List<String> stacks, long days) {
        String c = shellQuote(display(projectDir, cert));
        String k = shellQuote(display(projectDir, key));
        out.println("# Mesh CA written: " + c + " (certificate, valid " + days + " days) and " + k
                + " (private key, mode 0600).");
        out.println("# Store the same CA in every stack of the mesh. The values are read from the files on stdin,");
        out.println("# so the key never appears on a command line; Pulumi keeps the key encrypted as a secret.");
        String certKey = TopologyParser.NAMESPACE + ":" + MeshConfigParser.MESH_CA_CERT;
        String keyKey = TopologyParser.NAMESPACE + ":" + MeshConfigParser.MESH_CA_KEY;
        for (String stack : stacks) {
            out.println("pulumi config set " + certKey + " -s " + shellQuote(stack) + " < " + c);
            out.println("pulumi config set --secret " + keyKey + " -s " + shellQuote(stack) + " < " + k);
        }
        out.println("# Then remove " + k + " (or move it to your secret store): the stacks hold it now.");
    }

    private static String display(Path projectDir, Path p) {
        Path base = projectDir.toAbsolutePath().normalize();
        Path abs = p.toAbsolutePath().normalize();
        return abs.startsWith(base) ? base.relativize(abs).toString() : abs.toString();
    }

    static List<String> stacksIn(Path projectDir) throws IOException {
        List<String> stacks = new ArrayList<>();
        try (var files = Files.list(projectDir)) {
            files.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith("Pulumi.") && n.endsWith(".yaml") && !n.equals("Pulumi.yaml"))
                    .sorted()
                    .forEach(n -> stacks.add(n.substring("Pulumi.".length(), n.length() - ".yaml".length())));
        }
        return stacks;
    }

    private static void createPrivateDirectory(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        if (posix(dir.toAbsolutePath().getParent())) {
            Files.createDirectories(
                    dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } else {
            Files.createDirectories(dir);
        }
    }

    /** Creates the file with its final permissions before any byte is written. */
    private static void writeFile(Path file, String content, String permissions) throws IOException {
        try {
            if (posix(file.getParent())) {
                Files.createFile(
                        file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions)));
            } else {
                Files.createFile(file);
            }
        } catch (FileAlreadyExistsException e) {
            throw new IOException(file + " appeared meanwhile; refusing to overwrite it", e);
        }
        Files.writeString(file, content);
    }

    private static boolean posix(Path dir) {
        Path d = dir;
        while (d != null && !Files.exists(d)) {
            d = d.getParent();
        }
        return d != null && Files.getFileAttributeView(d, java.nio.file.attribute.PosixFileAttributeView.class) != null;
    }

    static String shellQuote(String s) {
        return s.matches("[A-Za-z0-9_./:@%+=,-]+") ? s : "'" + s.replace("'", "'\\''") + "'";
    }
}
