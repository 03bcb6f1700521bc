package dev.mysqlcs.fake;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import dev.mysqlcs.io.MySqlShell;
import dev.mysqlcs.io.PodRef;
import dev.mysqlcs.io.ShellResult;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * MySQL Shell as the provider drives it, over {@link FakeWorld}. It models what mysql/mysql-shell 8.4.8 does (see the
 * comment of {@link dev.mysqlcs.io.AdminApi} for the source of each rule):
 * <ul>
 * <li>the command line: options before {@code --} are the Shell's, everything after it belongs to the operation;
 * {@code --json=raw} wraps every console message as a one-key object on stdout and, in a script, even
 * {@code print()} output as {@code {"info": ...}};</li>
 * <li>the password: only with wizards on ({@code --no-wizard} connects without one) the Shell prompts once for the
 * {@code --uri} session and reads the first line of stdin; the prompt text goes to stdout;</li>
 * <li>a failed connection ({@code MySQL Error 2003 (HY000): ...}) on stderr; the command-line form's failures as
 * {@code {"error":"<message>\n"}} on stdout without the code; a script's uncaught error on stderr as
 * {@code <Class.method>: <message> (MYSQLSH <code>)}; console messages of a script on stderr; exit code 1;</li>
 * <li>a dissolve with wizards still on asks for confirmation and, as the Shell asks a confirmation again on
 * end-of-input (src/mysqlsh/prompt_handler.cc handle_confirm_prompt: CTRL_D, continue), hangs until the exec times
 * out, even with the exec layer's one-line stdin;</li>
 * <li>{@code ClusterSet.setOption('tag:...')} succeeds and stores nothing; {@code Cluster.setOption('tag:...')}
 * stores the tag on that cluster's metadata row;</li>
 * <li>the AdminAPI operations with the Shell's own messages and error codes (not a member, already in a ClusterSet,
 * errant transactions, unreachable primary, already the primary, ...), and timeouts from injected faults.</li>
 * </ul>
 * {@code clusterset status} / {@code cluster status} answer JSON shaped like the Shell's own (see
 * mysqlcs-testing's upstream/mysql-shell/outputs). Records every run (pod, argv, stdin) for the no-password checks.
 */
public final class FakeAdminApiShell implements MySqlShell {

    /** One run as the exec layer received it. */
    public record Invocation(PodRef pod, List<String> argv, String stdin) {}

    private static final Gson PRETTY =
            new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();
    private static final Gson RAW =
            new GsonBuilder().disableHtmlEscaping().serializeNulls().create();
    private static final String WIZARDS_OFF = "shell.options.useWizards = false;";

    private final FakeWorld w;
    private final List<Invocation> invocations = Collections.synchronizedList(new ArrayList<>());

    public FakeAdminApiShell(FakeWorld world) {
        this.w = world;
    }

    public List<Invocation> invocations() {
        synchronized (invocations) {
            return List.copyOf(invocations);
        }
    }

    /** Runs that changed something (everything but status / metadata / identity reads). */
    public List<Invocation> mutatingInvocations() {
        return invocations().stream().filter(i -> isMutation(i.argv())).toList();
    }

    public static boolean isMutation(List<String> argv) {
        int e = argv.indexOf("-e");
        if (e < 0) {
            return false;
        }
        String script = argv.get(e + 1);
        return !script.contains("v2_cs_members")
                && !script.contains("@@server_uuid")
                && !script.contains("cs.listRouters()");
    }

    // ------------------------------------------------------------------ what a run printed

    /** An AdminAPI error: {@code api} is the JS method ({@code Cluster.dissolve}), {@code type} MYSQLSH etc. */
    private record ShellError(String api, String message, String type, int code) {
        static ShellError mysqlsh(String api, String message, int code) {
            return new ShellError(api, message, "MYSQLSH", code);
        }

        static ShellError runtime(String api, String message) {
            return new ShellError(api, message, "RuntimeError", -1);
        }

        static ShellError mysql(String api, String message, int code) {
            return new ShellError(api, message, "MySQL Error", code);
        }

        /** As a script's uncaught error prints (polyglot_error.cc: message, then type and code in parentheses). */
        String scriptLine() {
            return api + ": " + message + " (" + type + (code >= 0 ? " " + code : "") + ")";
        }
    }

    /** Console messages, print() output and the error of one operation. */
    private static final class Output {
        final List<String[]> messages = new ArrayList<>();
        final StringBuilder printed = new StringBuilder();
        ShellError error;

        Output info(String text) {
            messages.add(new String[] {"info", text});
            return this;
        }

        Output error(String text) {
            messages.add(new String[] {"error", text});
            return this;
        }

        /** console->print_warning: {@code WARNING: } on the console, {@code {"warning": ...}} in JSON mode. */
        Output warning(String text) {
            messages.add(new String[] {"warning", text});
            return this;
        }

        Output fail(ShellError e) {
            error = e;
            return this;
        }

        static Output failed(ShellError e) {
            return new Output().fail(e);
        }
    }

    /** The Shell options of one command line, everything before {@code --}. */
    private record CommandLine(String uri, boolean wizards, boolean json, List<String> operation, String script) {}

    @Override
    public ShellResult run(PodRef pod, List<String> argv, char[] stdin, Duration timeout) {
        invocations.add(new Invocation(pod, List.copyOf(argv), new String(stdin)));
        w.settleOperatorJoins();
        if (!w.kubeUp(pod.kubeCluster())) {
            throw new ShellUnavailableException(
                    "exec into " + pod.pod() + ": connect to the Kubernetes API of '" + pod.kubeCluster()
                            + "' timed out",
                    null);
        }
        Map.Entry<FakeWorld.Cluster, Integer> execPod = w.byPod(pod)
                .orElseThrow(() -> new ShellUnavailableException("pods \"" + pod.pod() + "\" not found", null));
        FakeWorld.Cluster where = execPod.getKey();
        if (w.podGone(where, execPod.getValue())) {
            // The API server answers an exec into a deleted pod with 404 (an unschedulable one: container not found).
            throw new ShellUnavailableException("pods \"" + pod.pod() + "\" not found", null);
        }
        CommandLine cmd;
        try {
            cmd = parse(argv);
        } catch (IllegalArgumentException e) {
            return new ShellResult(1, "", e.getMessage() + "\n");
        }
        String user = URLDecoder.decode(cmd.uri().substring(0, cmd.uri().lastIndexOf('@')), StandardCharsets.UTF_8);
        String hostPort = cmd.uri().substring(cmd.uri().lastIndexOf('@') + 1);
        String host = hostPort.substring(0, hostPort.lastIndexOf(':'));
        StringBuilder stdout = new StringBuilder();
        String password = null;
        if (cmd.wizards()) {
            String prompt = "Please provide the password for '" + user + "@" + hostPort + "': ";
            Map<String, String> json = new LinkedHashMap<>();
            json.put("prompt", prompt);
            json.put("type", "password");
            stdout.append(cmd.json() ? RAW.toJson(json) + "\n" : prompt);
            String in = new String(stdin);
            if (in.isEmpty()) {
                return new ShellResult(1, stdout.toString(), "Cancelled\n");
            }
            password = in.split("\n", -1)[0];
        }
        Optional<Map.Entry<FakeWorld.Cluster, Integer>> target = w.byHost(host);
        if (target.isEmpty()) {
            return connectionFailed(stdout, "MySQL Error 2005 (HY000): Unknown MySQL server host '" + host + "' (-2)");
        }
        FakeWorld.Cluster s = target.get().getKey();
        int ordinal = target.get().getValue();
        if (!w.reaches(where, s) || w.podGone(s, ordinal)) {
            return connectionFailed(
                    stdout, "MySQL Error 2003 (HY000): Can't connect to MySQL server on '" + host + ":3306' (110)");
        }
        if (!user.equals(w.user) || password == null || !password.equals(w.password)) {
            return connectionFailed(
                    stdout,
                    "MySQL Error 1045 (28000): Access denied for user '" + user + "'@'10.0.0.1' (using password: "
                            + (password == null ? "NO" : "YES") + ")");
        }
        if (cmd.operation() != null) {
            return render(cmd, stdout, cli(s, ordinal, cmd.operation(), cmd.json()), true);
        }
        return render(cmd, stdout, script(where, s, ordinal, cmd.script()), false);
    }

    /**
     * Reads the Shell options this fake models; anything else is refused, so the provider cannot start relying on an
     * option whose behaviour nobody checked.
     */
    private static CommandLine parse(List<String> argv) {
        if (argv.isEmpty() || !argv.get(0).equals("mysqlsh")) {
            throw new IllegalArgumentException("not mysqlsh: " + argv);
        }
        String uri = null;
        boolean stdinPasswords = false;
        boolean wizards = true;
        boolean json = false;
        boolean js = false;
        String script = null;
        for (int i = 1; i < argv.size(); i++) {
            String a = argv.get(i);
            switch (a) {
                case "--uri" -> uri = argv.get(++i);
                case "--passwords-from-stdin" -> stdinPasswords = true;
                case "--credential-store-helper=<disabled>" -> {}
                case "--no-wizard", "--nw" -> wizards = false;
                case "--json=raw" -> json = true;
                case "--js" -> js = true;
                case "-e" -> script = argv.get(++i);
                case "--" -> {
                    if (uri == null || !stdinPasswords) {
                        throw new IllegalArgumentException("fake mysqlsh expects --uri and --passwords-from-stdin");
                    }
                    return new CommandLine(uri, wizards, json, List.copyOf(argv.subList(i + 1, argv.size())), null);
                }
                default -> throw new IllegalArgumentException("fake mysqlsh does not model option " + a);
            }
        }
        if (uri == null || !stdinPasswords || script == null || !js) {
            throw new IllegalArgumentException("fake mysqlsh expects --uri, --passwords-from-stdin and --js -e");
        }
        return new CommandLine(uri, wizards, json, null, script);
    }

    /** main.cc prints a failed --uri connection with {@code std::cerr}, in JSON mode too. */
    private static ShellResult connectionFailed(StringBuilder stdout, String error) {
        return new ShellResult(1, stdout.toString(), error + "\n");
    }

    private static ShellResult render(CommandLine cmd, StringBuilder stdout, Output out, boolean cliForm) {
        StringBuilder stderr = new StringBuilder();
        for (String[] m : out.messages) {
            if (cmd.json()) {
                stdout.append(RAW.toJson(Map.of(m[0], m[1] + "\n"))).append('\n');
            } else {
                stderr.append(m[0].equals("error") ? "ERROR: " : m[0].equals("warning") ? "WARNING: " : "")
                        .append(m[1])
                        .append('\n');
            }
        }
        if (out.printed.length() > 0) {
            stdout.append(
                    cmd.json() && !cliForm ? RAW.toJson(Map.of("info", out.printed.toString())) + "\n" : out.printed);
        }
        if (out.error == null) {
            return new ShellResult(0, stdout.toString(), stderr.toString());
        }
        // The command-line form prints e.what(): the bare message; a script prints the formatted JS error.
        String text = cliForm ? out.error.message() : out.error.scriptLine();
        if (cmd.json()) {
            stdout.append(RAW.toJson(Map.of("error", text + "\n"))).append('\n');
        } else {
            stderr.append(cliForm ? "ERROR: " : "").append(text).append('\n');
        }
        return new ShellResult(1, stdout.toString(), stderr.toString());
    }

    // ------------------------------------------------------------------ command-line form

    private Output cli(FakeWorld.Cluster s, int ordinal, List<String> words, boolean json) {
        Gson gson = json ? RAW : PRETTY;
        synchronized (w) {
            if (grDown(s, ordinal)) {
                return Output.failed(
                        grNotActive(words.get(0).equals("cluster") ? "Dba.getCluster" : "Dba.getClusterSet"));
            }
            if (words.equals(List.of("clusterset", "status", "--extended=1"))) {
                if (s.state != FakeWorld.State.ONLINE) {
                    return Output.failed(noCluster("Dba.getClusterSet", s));
                }
                if (s.own != null) {
                    // Its own ClusterSet: the status a session on it reads is that one's.
                    FakeWorld.ClusterSetState main = w.cs;
                    w.cs = s.own;
                    try {
                        Output out = new Output();
                        out.printed.append(gson.toJson(clusterSetStatus(s))).append('\n');
                        return out;
                    } finally {
                        w.cs = main;
                    }
                }
                if (w.cs == null || !w.cs.members.contains(s.member.name())) {
                    return Output.failed(notInClusterSet("Dba.getClusterSet"));
                }
                Output out = new Output();
                out.printed.append(gson.toJson(clusterSetStatus(s))).append('\n');
                return out;
            }
            if (words.equals(List.of("cluster", "status"))) {
                if (s.state == FakeWorld.State.NONE
                        || s.state == FakeWorld.State.DISSOLVED
                        || s.state == FakeWorld.State.REVERTED
                        || s.state == FakeWorld.State.REMOVED) {
                    return Output.failed(noCluster("Dba.getCluster", s));
                }
                Output out = new Output();
                out.printed.append(gson.toJson(clusterStatus(s))).append('\n');
                return out;
            }
        }
        // The operation rejects what it does not know; --json after "--" ends up here as an unknown option.
        return Output.failed(ShellError.runtime("", "fake mysqlsh models no operation " + String.join(" ", words)));
    }

    /** Dba.getCluster / getClusterSet on an instance of no (running) InnoDB cluster (preconditions.cc). */
    private static ShellError noCluster(String api, FakeWorld.Cluster s) {
        if (s.state == FakeWorld.State.STARTING) {
            return ShellError.mysqlsh(
                    api,
                    "This function is not available through a session to a standalone "
                            + "instance (metadata exists, instance belongs to that metadata, but GR is not active)",
                    51314);
        }
        if (s.state == FakeWorld.State.REVERTED || s.state == FakeWorld.State.REMOVED) {
            // The clone brought the primary's metadata schema, which does not list this instance: code 0, so the
            // Shell raises a plain runtime error (preconditions.cc TargetType::StandaloneWithMetadata).
            return ShellError.runtime(
                    api,
                    "This function is not available through a session to a standalone "
                            + "instance (metadata exists, instance does not belong to that metadata, and GR is not active)");
        }
        // NONE, or DISSOLVED: dissolve() drops the metadata schema.
        return ShellError.mysqlsh(
                api, "This function is not available through a session to a standalone instance", 51300);
    }

    /** The session's server is in its cluster's metadata but its Group Replication is stopped. */
    private boolean grDown(FakeWorld.Cluster s, int ordinal) {
        return s.pods.get(ordinal).grStopped
                && s.inMetadata.contains(ordinal)
                && (s.state == FakeWorld.State.ONLINE || s.state == FakeWorld.State.STARTING);
    }

    /**
     * common/preconditions.cc, TargetType::StandaloneInMetadata: "metadata exists, instance belongs to that metadata,
     * but GR is not active", code SHERR_DBA_BADARG_INSTANCE_NOT_ONLINE (51314).
     */
    private static ShellError grNotActive(String api) {
        return ShellError.mysqlsh(
                api,
                "This function is not available through a session to a standalone instance "
                        + "(metadata exists, instance belongs to that metadata, but GR is not active)",
                51314);
    }

    private static ShellError notInClusterSet(String api) {
        return ShellError.mysqlsh(api, "Cluster is not part of a ClusterSet", 51607);
    }

    /** gtid_validations.cc:115-117 validate_clone_recovery, Clone_availability::Unavailable. */
    static final String CLONE_NOT_POSSIBLE = "Cannot use recoveryMethod=clone because the selected donor is "
            + "incompatible or no compatible donors are available due to version/platform incompatibilities.";

    /**
     * The version as the Shell holds it: the numbers of the session's server version (mysqlshdk/libs/db/mysql/
     * session.h get_server_version, mysql_get_server_version), printed by Version::get_full without a suffix.
     */
    static String numericVersion(String v) {
        Matcher m = Pattern.compile("^(\\d+)\\.(\\d+)\\.(\\d+)").matcher(v);
        return m.find()
                ? Integer.parseInt(m.group(1)) + "." + Integer.parseInt(m.group(2)) + "." + Integer.parseInt(m.group(3))
                : v;
    }

    /**
     * mysqlshdk/libs/mysql/clone.cc:57-110 verify_compatible_clone_versions, on the numbers alone (as above): both
     * 8.0.17+ (server_features.cc supports_mysql_clone), then equal; else the same major.minor and both 8.4.0+; else
     * both in 8.0 and both 8.0.37+.
     */
    static boolean cloneCompatible(String donorVersion, String recipientVersion) {
        int[] d = Arrays.stream(numericVersion(donorVersion).split("\\."))
                .mapToInt(Integer::parseInt)
                .toArray();
        int[] r = Arrays.stream(numericVersion(recipientVersion).split("\\."))
                .mapToInt(Integer::parseInt)
                .toArray();
        int dn = d[0] * 10000 + d[1] * 100 + d[2];
        int rn = r[0] * 10000 + r[1] * 100 + r[2];
        if (dn < 80017 || rn < 80017) {
            return false;
        }
        if (dn == rn) {
            return true;
        }
        if (d[0] != r[0] || d[1] != r[1]) {
            return false;
        }
        if (dn >= 80400 && rn >= 80400) {
            return true;
        }
        if (d[0] * 100 + d[1] != 800) {
            return false;
        }
        return dn >= 80037 && rn >= 80037;
    }

    /**
     * modules/adminapi/common/base_cluster_impl.cc:575-648 check_compatible_clone_donor, in its order: the version
     * (:596-612, {@link #cloneCompatible}), then the operating system (:615-629, {@code version_compile_os}), then the
     * platform (:632-647, {@code version_compile_machine}), the last two compared as exact strings (as
     * mysqlshdk/libs/mysql/instance.cc:157-173 reads them); the Shell's message for the first that fails, else null.
     */
    static String cloneDonorProblem(String donorAddress, FakeWorld.Instance donor, FakeWorld.Instance recipient) {
        if (!cloneCompatible(donor.version, recipient.version)) {
            return "Instance '" + donorAddress + "' cannot be a donor because its version ("
                    + numericVersion(donor.version) + ") isn't compatible with the recipient's ("
                    + numericVersion(recipient.version) + ").";
        }
        if (!donor.compileOs.equals(recipient.compileOs)) {
            return "Instance '" + donorAddress + "' cannot be a donor because it has a different Operating System ("
                    + donor.compileOs + ") than the recipient (" + recipient.compileOs + ").";
        }
        if (!donor.compileMachine.equals(recipient.compileMachine)) {
            return "Instance '" + donorAddress + "' cannot be a donor because it is running on a different platform ("
                    + donor.compileMachine + ") than the recipient (" + recipient.compileMachine + ").";
        }
        return null;
    }

    private String address(FakeWorld.Cluster c, int i) {
        return c.member.podFqdn(i, w.domain) + ":3306";
    }

    /** As {@code clusterset.status({extended: 1})} prints it, seen from a session on {@code s}. */
    private Map<String, Object> clusterSetStatus(FakeWorld.Cluster s) {
        FakeWorld.ClusterSetState cs = w.cs;
        FakeWorld.Cluster primary = w.csPrimary();
        boolean staleView = cs.invalidated.contains(s.member.name()) && !w.reaches(s, primary);
        if (staleView) {
            // Cut off and failed over from: its own metadata still calls it the primary.
            primary = s;
        }
        boolean primaryOk = w.reaches(s, primary) && primary.state == FakeWorld.State.ONLINE;
        Map<String, Object> clusters = new LinkedHashMap<>();
        boolean allOk = true;
        for (String m : cs.members) {
            FakeWorld.Cluster c = w.cluster(m);
            boolean isPrimary = c == primary;
            boolean reachable = w.reaches(s, c);
            boolean invalidated = cs.invalidated.contains(m) && !staleView;
            Map<String, Object> o = new LinkedHashMap<>();
            List<String> errors = new ArrayList<>();
            o.put("clusterRole", isPrimary ? "PRIMARY" : "REPLICA");
            if (!reachable) {
                errors.add("ERROR: Could not connect to any ONLINE members but there are unreachable instances that "
                        + "could still be ONLINE.");
            }
            if (invalidated) {
                errors.add("WARNING: Cluster was invalidated and must be either removed from the ClusterSet or "
                        + "rejoined");
            }
            if (!errors.isEmpty()) {
                o.put("clusterErrors", errors);
            }
            if (!isPrimary) {
                Map<String, Object> repl = new LinkedHashMap<>();
                if (reachable && !invalidated && c.channelBroken) {
                    // cluster_set/status.cc: the channel's applier stopped on an error.
                    repl.put("applierStatus", "ERROR");
                    repl.put("applierLastErrorNumber", 1062);
                    repl.put("receiverStatus", "ON");
                    repl.put("source", address(primary, 0));
                } else if (reachable && !invalidated) {
                    repl.put("applierStatus", "APPLIED_ALL");
                    repl.put("applierThreadState", "Waiting for an event from Coordinator");
                    repl.put("applierWorkerThreads", 4);
                    repl.put(
                            "receiver",
                            address(
                                    c,
                                    c.inMetadata.isEmpty()
                                            ? 0
                                            : c.inMetadata.iterator().next()));
                    repl.put("receiverStatus", "ON");
                    repl.put("receiverThreadState", "Waiting for source to send event");
                    repl.put("replicationSsl", "TLS_AES_256_GCM_SHA384 TLSv1.3");
                    repl.put("replicationSslMode", "REQUIRED");
                    repl.put("source", address(primary, 0));
                }
                o.put("clusterSetReplication", repl);
                o.put(
                        "clusterSetReplicationStatus",
                        !reachable ? "UNKNOWN" : invalidated ? "MISSING" : c.channelBroken ? "ERROR" : "OK");
            }
            String global = invalidated
                    ? "INVALIDATED"
                    : !reachable ? "UNKNOWN" : !isPrimary && c.channelBroken ? "OK_NOT_REPLICATING" : "OK";
            o.put("globalStatus", global);
            if (isPrimary && reachable) {
                o.put("primary", address(c, c.inMetadata.iterator().next()));
            }
            String status;
            String text;
            if (!reachable) {
                status = "UNREACHABLE";
                text = "Could not connect to any ONLINE members";
            } else if (c.fenced) {
                status = "FENCED_WRITES";
                text = "Cluster is fenced from Write Traffic.";
            } else if (invalidated) {
                status = "INVALIDATED";
                text = "Cluster was invalidated by the ClusterSet it belongs to.";
            } else if (c.inMetadata.size() >= 3) {
                status = "OK";
                text = "Cluster is ONLINE and can tolerate up to ONE failure.";
            } else {
                status = "OK_NO_TOLERANCE";
                text = "Cluster is NOT tolerant to any failures.";
            }
            allOk &= global.equals("OK");
            o.put("status", status);
            o.put("statusText", text);
            if (reachable) {
                Map<String, Object> topology = new LinkedHashMap<>();
                boolean first = true;
                for (int i : c.inMetadata) {
                    Map<String, Object> inst = new LinkedHashMap<>();
                    inst.put("address", address(c, i));
                    inst.put("memberRole", first ? "PRIMARY" : "SECONDARY");
                    inst.put("mode", first && isPrimary && !c.fenced ? "R/W" : "R/O");
                    inst.put("readReplicas", Map.of());
                    if (!isPrimary) {
                        inst.put("replicationLagFromImmediateSource", "");
                        inst.put("replicationLagFromOriginalSource", "");
                    }
                    inst.put("role", "HA");
                    // A member whose pod is gone or whose GR is stopped is in the metadata but not in the group.
                    FakeWorld.Instance pod = c.pods.get(i);
                    inst.put("status", pod.gone || pod.grStopped ? "(MISSING)" : "ONLINE");
                    if (!pod.gone && !pod.grStopped) {
                        // cluster/status.cc feed_member_info: the group's MEMBER_VERSION, for group members only.
                        inst.put("version", numericVersion(pod.version));
                    }
                    topology.put(address(c, i), inst);
                    first = false;
                }
                for (int i : c.inGroupOnly) {
                    // cluster/status.cc: a group member without a metadata row.
                    Map<String, Object> inst = new LinkedHashMap<>();
                    inst.put("address", address(c, i));
                    inst.put(
                            "instanceErrors",
                            List.of("WARNING: Instance is not managed by InnoDB cluster. Use "
                                    + "cluster.rescan() to repair."));
                    inst.put("memberRole", "SECONDARY");
                    inst.put("mode", "R/O");
                    inst.put("status", "ONLINE");
                    topology.put(address(c, i), inst);
                }
                o.put("topology", topology);
                o.put("transactionSet", c.primaryPod().gtids);
                if (!isPrimary) {
                    String errant = FakeGtids.subtract(c.primaryPod().gtids, primary.primaryPod().gtids);
                    o.put("transactionSetConsistencyStatus", errant.isEmpty() ? "OK" : "INCONSISTENT");
                    o.put("transactionSetErrantGtidSet", errant);
                    o.put("transactionSetMissingGtidSet", "");
                }
            }
            clusters.put(c.name, o);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("clusters", clusters);
        out.put("domainName", cs.domain);
        if (primaryOk) {
            out.put(
                    "globalPrimaryInstance",
                    address(primary, primary.inMetadata.iterator().next()));
            out.put(
                    "metadataServer",
                    address(primary, primary.inMetadata.iterator().next()));
        }
        out.put("primaryCluster", primary.name);
        out.put("status", !primaryOk ? "UNAVAILABLE" : allOk ? "HEALTHY" : "AVAILABLE");
        out.put(
                "statusText",
                !primaryOk
                        ? "Primary Cluster is not reachable from the Shell."
                        : allOk
                                ? "All Clusters available."
                                : "Primary Cluster available, there are issues with a Replica " + "cluster.");
        return out;
    }

    /** As {@code cluster.status()} prints it (cluster-status.template.txt, plus the ClusterSet keys). */
    private Map<String, Object> clusterStatus(FakeWorld.Cluster s) {
        Map<String, Object> rs = new LinkedHashMap<>();
        rs.put("name", "default");
        boolean starting = s.state == FakeWorld.State.STARTING;
        rs.put("primary", address(s, s.inMetadata.iterator().next()));
        rs.put("ssl", "REQUIRED");
        rs.put("status", starting ? "NO_QUORUM" : s.inMetadata.size() >= 3 ? "OK" : "OK_NO_TOLERANCE");
        rs.put(
                "statusText",
                starting
                        ? "Cluster has no quorum as visible from the instance."
                        : "Cluster is ONLINE and can tolerate up to ONE failure.");
        Map<String, Object> topology = new LinkedHashMap<>();
        boolean first = true;
        for (int i : s.inMetadata) {
            Map<String, Object> inst = new LinkedHashMap<>();
            inst.put("address", address(s, i));
            inst.put("memberRole", first ? "PRIMARY" : "SECONDARY");
            inst.put("mode", first ? "R/W" : "R/O");
            inst.put("readReplicas", Map.of());
            inst.put("replicationLag", null);
            inst.put("role", "HA");
            inst.put("status", starting ? "RECOVERING" : "ONLINE");
            inst.put("version", numericVersion(s.pods.get(i).version));
            topology.put(address(s, i), inst);
            first = false;
        }
        rs.put("topology", topology);
        rs.put("topologyMode", "Single-Primary");
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("clusterName", s.name);
        if (w.cs != null && w.cs.members.contains(s.member.name())) {
            out.put("clusterRole", w.cs.primary.equals(s.member.name()) ? "PRIMARY" : "REPLICA");
            out.put("domainName", w.cs.domain);
        } else if (s.own != null) {
            out.put("clusterRole", "PRIMARY");
            out.put("domainName", s.own.domain);
        }
        out.put("defaultReplicaSet", rs);
        out.put(
                "groupInformationSourceMember",
                address(s, s.inMetadata.iterator().next()));
        return out;
    }

    // ------------------------------------------------------------------ scripts

    private static final Pattern CREATE_CS =
            Pattern.compile("dba\\.getCluster\\(\\)\\.createClusterSet\\(\"([^\"]+)\"\\)");
    private static final Pattern CREATE_REPLICA = Pattern.compile(
            "dba\\.getClusterSet\\(\\)\\.createReplicaCluster\\(" + "\"([^\"]+)\", \"([^\"]+)\", (\\{.*?\\})\\);");
    private static final Pattern ADD_INSTANCE =
            Pattern.compile("dba\\.getCluster\\(\\)\\.addInstance\\(\"([^\"]+)\", (\\{.*?\\})\\);");
    private static final Pattern SET_PRIMARY =
            Pattern.compile("dba\\.getClusterSet\\(\\)\\.setPrimaryCluster\\(\"([^\"]+)\"(?:, (\\{.*?\\}))?\\);");
    private static final Pattern FORCE_PRIMARY =
            Pattern.compile("dba\\.getClusterSet\\(\\)\\.forcePrimaryCluster\\(\"([^\"]+)\"(?:, (\\{.*?\\}))?\\);");
    private static final Pattern SHELL_OPTION = Pattern.compile("shell\\.options\\[\"([a-zA-Z.]+)\"\\] = (\\d+);");
    /**
     * The options each operation accepts (cluster_set/api_options.cc, common/group_replication_options.cc
     * Cluster_set_group_replication_options / Join_group_replication_options, cluster/api_options.cc); the Shell
     * refuses any other with "Invalid options".
     */
    private static final Map<String, java.util.Set<String>> OPTIONS = Map.of(
            "createReplicaCluster",
                    java.util.Set.of(
                            "timeout",
                            "dryRun",
                            "recoveryProgress",
                            "memberSslMode",
                            "replicationAllowedHost",
                            "exitStateAction",
                            "memberWeight",
                            "manualStartOnBoot",
                            "consistency",
                            "expelTimeout",
                            "autoRejoinTries",
                            "communicationStack",
                            "paxosSingleLeader",
                            "ipAllowlist",
                            "localAddress",
                            "recoveryMethod",
                            "cloneDonor",
                            "certSubject"),
            "addInstance",
                    java.util.Set.of(
                            "label",
                            "recoveryMethod",
                            "waitRecovery",
                            "recoveryProgress",
                            "cloneDonor",
                            "exitStateAction",
                            "memberWeight",
                            "autoRejoinTries",
                            "ipAllowlist",
                            "localAddress",
                            "certSubject"),
            "setPrimaryCluster", java.util.Set.of("invalidateReplicaClusters", "timeout", "dryRun"),
            "forcePrimaryCluster", java.util.Set.of("invalidateReplicaClusters", "timeout", "dryRun"),
            "removeCluster", java.util.Set.of("timeout", "dryRun", "force"),
            "createCluster",
                    java.util.Set.of(
                            "gtidSetIsComplete",
                            "manualStartOnBoot",
                            "memberSslMode",
                            "memberAuthType",
                            "certIssuer",
                            "certSubject",
                            "exitStateAction",
                            "memberWeight",
                            "consistency",
                            "expelTimeout",
                            "autoRejoinTries",
                            "ipAllowlist",
                            "localAddress",
                            "groupName",
                            "multiPrimary",
                            "communicationStack",
                            "paxosSingleLeader",
                            "replicationAllowedHost"));

    private static final Pattern SET_ROUTING =
            Pattern.compile("dba\\.getClusterSet\\(\\)\\.setRoutingOption\\(\"([^\"]+)\", \"([^\"]+)\", (.+?)\\);\n");
    private static final Pattern REMOVE_ROUTER =
            Pattern.compile("dba\\.getCluster\\(\\)\\.removeRouterMetadata\\(\"([^\"]*)\"\\);\n");
    private static final Pattern CREATE_CLUSTER =
            Pattern.compile("dba\\.createCluster\\(\"([^\"]+)\", (\\{.*?\\})\\);");
    private static final Pattern REJOIN =
            Pattern.compile("dba\\.getClusterSet\\(\\)\\.rejoinCluster\\(\"([^\"]+)\"\\)");
    private static final Pattern REMOVE =
            Pattern.compile("dba\\.getClusterSet\\(\\)\\.removeCluster\\(\"([^\"]+)\"(?:, (\\{.*?\\}))?\\);");
    private static final Pattern CLUSTER_TAG =
            Pattern.compile("dba\\.getCluster\\(\\)\\.setOption\\(\"tag:mysqlcs_primary_epoch\", (\\d+)\\)");
    private static final Pattern CLUSTERSET_TAG =
            Pattern.compile("dba\\.getClusterSet\\(\\)\\.setOption\\(\"tag:mysqlcs_primary_epoch\", (\\d+)\\)");
    private static final String NOT_PRIMARY_AVAILABLE = "The InnoDB Cluster is part of an InnoDB ClusterSet and its "
            + "PRIMARY instance isn't available. Operation is not possible when in that state: Could not connect to any "
            + "ONLINE member of Primary Cluster.";

    private Output script(FakeWorld.Cluster where, FakeWorld.Cluster s, int ordinal, String script) {
        boolean wizards = !script.startsWith(WIZARDS_OFF);
        if (script.contains("v2_cs_members") && script.contains("mysqlcs_primary_epoch")) {
            return epochTags(s);
        }
        if (script.contains("cs.listRouters()")) {
            return routers(s);
        }
        if (script.contains("@@server_uuid")) {
            synchronized (w) {
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("serverUuid", s.pods.get(0).uuid);
                boolean gr = s.state == FakeWorld.State.ONLINE
                        || s.state == FakeWorld.State.STARTING
                        || s.state == FakeWorld.State.DISSOLVED;
                out.put("groupName", gr ? s.groupUuid : "");
                out.put("viewChangeUuid", "AUTOMATIC");
                Output o = new Output();
                o.printed.append(new Gson().toJson(out)).append('\n');
                return o;
            }
        }
        synchronized (w) {
            if (grDown(s, ordinal)) {
                return Output.failed(
                        grNotActive(script.contains("getClusterSet") ? "Dba.getClusterSet" : "Dba.getCluster"));
            }
        }
        long restartWait = shellOption(script, "dba.restartWaitTimeout", 60);
        Matcher m;
        if ((m = CREATE_CS.matcher(script)).find()) {
            String domain = m.group(1);
            return mutate("createClusterSet", () -> {
                if (s.state != FakeWorld.State.ONLINE) {
                    return Output.failed(noCluster("Dba.getCluster", s));
                }
                if (w.cs != null && w.cs.members.contains(s.member.name()) || s.own != null) {
                    return Output.failed(ShellError.mysqlsh(
                            "Cluster.createClusterSet",
                            "This function is not "
                                    + "available through a session to an InnoDB Cluster that belongs to an InnoDB ClusterSet",
                            51601));
                }
                // cluster/cluster_impl.cc:2276 create_cluster_set: get_lock_exclusive() on the cluster.
                if (w.operatorHoldsLock(s)) {
                    return lockHeld("Cluster.createClusterSet", s);
                }
                w.cs = new FakeWorld.ClusterSetState();
                w.cs.domain = domain;
                w.cs.primary = s.member.name();
                w.cs.members.add(s.member.name());
                w.cs.certAuth = s.certAuth;
                w.metadataWrite();
                return done(
                        "createClusterSet",
                        "ClusterSet successfully created. Use "
                                + "ClusterSet.createReplicaCluster() to add Replica Clusters to it.");
            });
        }
        if (script.contains("dba.getCluster().dissolve()")) {
            if (wizards) {
                throw confirmationHangs("dissolve");
            }
            return mutate("dissolve", () -> {
                if (s.state == FakeWorld.State.NONE || s.state == FakeWorld.State.DISSOLVED) {
                    return Output.failed(noCluster("Dba.getCluster", s));
                }
                // cluster/cluster_impl.cc:2568 dissolve: get_lock_exclusive() on the cluster, after the preconditions
                // and before Dissolve::prepare.
                if (w.operatorHoldsLock(s)) {
                    return lockHeld("Cluster.dissolve", s);
                }
                // cluster/dissolve.cc Dissolve::prepare: a metadata instance neither ONLINE nor RECOVERING in the
                // group (a gone pod, or GR stopped: get_member_state gives MISSING) fails without force in
                // handle_unavailable_instances, "The instance '<endpoint>' is '<state>'" (gr::to_string: "(MISSING)").
                for (int i : s.inMetadata) {
                    FakeWorld.Instance pod = s.pods.get(i);
                    if (pod.gone || pod.grStopped) {
                        return Output.failed(ShellError.runtime(
                                "Cluster.dissolve", "The instance '" + address(s, i) + "' is '(MISSING)'"));
                    }
                }
                Output out = dissolve("dissolve", s);
                if (out.error == null && script.contains("session.runSql(\"SET GLOBAL super_read_only = ON\")")) {
                    s.pods.get(ordinal).superReadOnly = true;
                }
                return out;
            });
        }
        if ((m = REMOVE_ROUTER.matcher(script)).find()) {
            String label = m.group(1);
            return mutate("removeRouterMetadata", () -> {
                if (s.state != FakeWorld.State.ONLINE) {
                    return Output.failed(noCluster("Dba.getCluster", s));
                }
                // base_cluster_impl.cc remove_router_metadata: primary_required, cluster_global_status(OK); for a
                // ClusterSet member the write goes to the ClusterSet primary (cluster_impl.cc acquire_primary).
                if (inClusterSet(s)) {
                    String global = w.cs.invalidated.contains(s.member.name())
                            ? "INVALIDATED"
                            : !w.reaches(s, w.csPrimary()) ? "NOT_OK" : s.channelBroken ? "OK_NOT_REPLICATING" : "OK";
                    if (!global.equals("OK")) {
                        // preconditions.cc check_cluster_set_preconditions
                        return Output.failed(ShellError.runtime(
                                "Cluster.removeRouterMetadata",
                                "The InnoDB Cluster is part of an InnoDB ClusterSet and has global state of " + global
                                        + " within the ClusterSet. Operation is not possible when in that state"));
                    }
                }
                // common/base_cluster_impl.cc:909 remove_router_metadata: get_lock_shared() on the cluster (after the
                // preconditions), which the operator's exclusive lock excludes.
                if (w.operatorHoldsLock(s)) {
                    return lockHeld("Cluster.removeRouterMetadata", s);
                }
                // metadata_storage.cc remove_router: by address and name in the whole metadata
                if (w.cs == null || w.cs.routers.remove(label) == null) {
                    return Output.failed(new ShellError(
                            "Cluster.removeRouterMetadata",
                            "Invalid router instance '" + label + "'",
                            "ArgumentError",
                            -1));
                }
                return done("removeRouterMetadata", null);
            });
        }
        if ((m = SET_ROUTING.matcher(script)).find()) {
            String label = m.group(1);
            String option = m.group(2);
            Object value = new Gson().fromJson(m.group(3), Object.class);
            return mutate("setRoutingOption", () -> {
                Optional<ShellError> err = needClusterSet("Dba.getClusterSet", s);
                if (err.isPresent()) {
                    return Output.failed(err.get());
                }
                if (!w.reaches(s, w.csPrimary())) {
                    return Output.failed(ShellError.runtime("ClusterSet.setRoutingOption", NOT_PRIMARY_AVAILABLE));
                }
                // common/router.cc validate_router_option, options of common/router.h k_clusterset_router_options.
                if (!List.of(
                                "invalidated_cluster_policy",
                                "target_cluster",
                                "stats_updates_frequency",
                                "use_replica_primary_as_rw",
                                "tags",
                                "read_only_targets")
                        .contains(option)) {
                    return Output.failed(new ShellError(
                            "ClusterSet.setRoutingOption",
                            "Unsupported routing option '"
                                    + option + "', supported options: invalidated_cluster_policy, target_cluster, "
                                    + "stats_updates_frequency, use_replica_primary_as_rw, tags, read_only_targets",
                            "ArgumentError",
                            -1));
                }
                Object stored = value;
                String bad = null;
                // router.cc validate_router_option returns a null value unchecked: the option is unset below.
                switch (value == null ? "" : option) {
                    case "invalidated_cluster_policy" ->
                        bad = List.of("accept_ro", "drop_all").contains(value)
                                ? null
                                : "Invalid value for routing option 'invalidated_cluster_policy', accepted values: "
                                        + "'accept_ro', 'drop_all'";
                    case "target_cluster" -> {
                        // Stored as the cluster's group name (get_cluster_group_name).
                        FakeWorld.Cluster c = value instanceof String n ? clusterNamed(n) : null;
                        if ("primary".equals(value)) {
                            stored = "primary";
                        } else if (c != null && w.cs.members.contains(c.member.name())) {
                            stored = c.groupUuid;
                        } else {
                            bad = "Invalid value for routing option 'target_cluster', accepted values 'primary' or "
                                    + "valid cluster name";
                        }
                    }
                    case "stats_updates_frequency" -> {
                        if (value instanceof Number n && n.doubleValue() == Math.floor(n.doubleValue())) {
                            stored = n.longValue();
                            bad = n.longValue() < 0
                                    ? "Invalid value for routing option 'stats_updates_frequency', "
                                            + "value is expected to be a positive integer."
                                    : null;
                        } else {
                            bad = "Invalid value for routing option 'stats_updates_frequency', value is expected to "
                                    + "be an integer.";
                        }
                    }
                    case "use_replica_primary_as_rw" ->
                        bad = value instanceof Boolean
                                ? null
                                : "Invalid value for "
                                        + "routing option 'use_replica_primary_as_rw', value is expected to be a boolean.";
                    case "read_only_targets" ->
                        bad = List.of("all", "read_replicas", "secondaries").contains(value)
                                ? null
                                : "Invalid value for routing option 'read_only_targets', accepted values: 'all', "
                                        + "'read_replicas', 'secondaries'";
                    // tags: router.cc validate_router_option has no branch for it; any value is stored as given.
                    default -> {}
                }
                if (bad != null) {
                    return Output.failed(new ShellError("ClusterSet.setRoutingOption", bad, "ArgumentError", -1));
                }
                Map<String, Object> own = w.cs.routers.get(label);
                if (own == null) {
                    // metadata_storage.cc set_routing_option, throw_router_not_found (validation
                    // js_adminapi_clusterset/scripts/cs_router_management.js "Routers that don't belong")
                    return Output.failed(new ShellError(
                            "ClusterSet.setRoutingOption",
                            "Router '" + label + "' is not part of this topology",
                            "ArgumentError",
                            -1));
                }
                if (stored == null) {
                    own.remove(option); // JSON_REMOVE(r.options, '$.<option>')
                } else {
                    own.put(option, stored); // JSON_SET(r.options, '$.<option>', value): a tags map replaced whole
                }
                // base_cluster_impl.cc set_routing_option
                return done(
                        "setRoutingOption",
                        "Routing option '" + option + "' successfully updated in router '" + label + "'.");
            });
        }
        if ((m = CREATE_CLUSTER.matcher(script)).find()) {
            String name = m.group(1);
            Map<String, Object> opts;
            try {
                opts = options("createCluster", m.group(2));
            } catch (InvalidOptions e) {
                return Output.failed(new ShellError("Dba.createCluster", e.getMessage(), "ArgumentError", -1));
            }
            return mutate("createCluster", () -> {
                if (s.state == FakeWorld.State.ONLINE || s.state == FakeWorld.State.STARTING) {
                    return Output.failed(ShellError.mysqlsh(
                            "Dba.createCluster",
                            "The MySQL instance at '" + address(s, ordinal)
                                    + "' currently belongs to an InnoDB Cluster.",
                            51305));
                }
                // Standalone or StandaloneWithMetadata (preconditions.cc "Dba.createCluster"): the metadata schema
                // is dropped and re-created (create_cluster.cc prepare_metadata_schema); the data stays.
                s.state = FakeWorld.State.ONLINE;
                s.name = name;
                s.groupUuid = FakeWorld.uuid();
                s.epochTag = null;
                s.fenced = false;
                s.inMetadata.clear();
                s.inMetadata.add(ordinal);
                s.createOptions = Map.copyOf(opts);
                s.addOptions.clear();
                s.certAuth = "CERT_SUBJECT".equals(opts.get("memberAuthType"));
                s.pods.get(ordinal).superReadOnly = false;
                // dba/create_cluster.cc:866 start_cluster bootstraps the new group on the seed: its Group
                // Replication runs again.
                s.pods.get(ordinal).grStopped = false;
                // dba/create_cluster.cc: Group Replication starts before the metadata schema and the cluster's rows
                // are written ("so that all transactions executed by us have the same GTID prefix"): the new
                // cluster holds transactions of its own group that no other cluster has.
                FakeWorld.Instance seed = s.pods.get(ordinal);
                seed.gtids = FakeGtids.next(seed.gtids, s.groupUuid);
                return done("createCluster", "Cluster successfully created.");
            });
        }
        if ((m = CREATE_REPLICA.matcher(script)).find()) {
            String host = hostOf(m.group(1));
            String name = m.group(2);
            Map<String, Object> opts;
            try {
                opts = options("createReplicaCluster", m.group(3));
            } catch (InvalidOptions e) {
                return e.output();
            }
            return mutate("createReplicaCluster", () -> {
                Optional<ShellError> err = needClusterSet("Dba.getClusterSet", s);
                if (err.isPresent()) {
                    return Output.failed(err.get());
                }
                FakeWorld.Cluster p = w.csPrimary();
                if (!w.reaches(s, p)) {
                    return Output.failed(ShellError.runtime(
                            "ClusterSet.createReplicaCluster",
                            "The InnoDB Cluster "
                                    + "is part of an InnoDB ClusterSet and has global state of NOT_OK within the ClusterSet. "
                                    + "Operation is not possible when in that state: Could not connect to any ONLINE member "
                                    + "of Primary Cluster"));
                }
                var t = w.byHost(host).orElse(null);
                if (t == null || !w.reaches(where, t.getKey()) || !w.reaches(p, t.getKey())) {
                    return new Output()
                            .error(
                                    "Unable to connect to the target instance '" + host + ":3306'. Please "
                                            + "verify the connection settings, make sure the instance is available and try again.")
                            .fail(ShellError.mysql(
                                    "ClusterSet.createReplicaCluster",
                                    "Could not open connection to '" + host
                                            + ":3306': Can't connect to MySQL server on '" + host + ":3306' (110)",
                                    2003));
                }
                if (clusterNamed(name) != null
                        && w.cs.members.contains(clusterNamed(name).member.name())) {
                    return new Output()
                            .error("A Cluster named '" + name + "' already exists in the ClusterSet. "
                                    + "Please use a different name.")
                            .fail(ShellError.mysqlsh(
                                    "ClusterSet.createReplicaCluster", "Cluster name already in use.", 51610));
                }
                FakeWorld.Cluster target = t.getKey();
                if (target.state == FakeWorld.State.ONLINE || target.state == FakeWorld.State.STARTING) {
                    return new Output()
                            .error("The instance '" + host + ":3306' is already part of an InnoDB "
                                    + "Cluster. A new Replica Cluster must be created on a standalone instance.")
                            .fail(ShellError.mysqlsh(
                                    "ClusterSet.createReplicaCluster",
                                    "Target instance already part of an InnoDB Cluster",
                                    51305));
                }
                if (w.cs.certAuth && !opts.containsKey("certSubject")) {
                    // common/common.cc validate_instance_member_auth_options, called by create_replica_cluster.cc
                    // with the auth type the ClusterSet inherited from its primary (create_cluster_set.cc).
                    return Output.failed(ShellError.mysqlsh(
                            "ClusterSet.createReplicaCluster",
                            "The Cluster's SSL "
                                    + "mode (inherited from the ClusterSet) is set to CERT_SUBJECT but the 'certSubject' "
                                    + "option for the instance wasn't supplied.",
                            51180));
                }
                FakeWorld.Instance pod = target.pods.get(t.getValue());
                String cloneProblem =
                        cloneDonorProblem(address(p, p.inMetadata.iterator().next()), p.primaryPod(), pod);
                if (cloneProblem != null) {
                    // create_replica_cluster.cc:353-361 validate_instance_recovery with the primary cluster's primary
                    // as donor -> cluster_impl.cc:2491-2507 check_clone_availablity (the warning, from
                    // base_cluster_impl.cc:575-648 check_compatible_clone_donor) -> gtid_validations.cc:109-119
                    // validate_clone_recovery: recoveryMethod clone throws SHERR_DBA_PROVISIONING_CLONE_NOT_POSSIBLE
                    // (dba_errors.h: 51173). All in prepare(), before anything changes.
                    return new Output()
                            .info("* Checking transaction state of the instance...")
                            .warning("Clone-based recovery not available: " + cloneProblem)
                            .fail(ShellError.mysqlsh("ClusterSet.createReplicaCluster", CLONE_NOT_POSSIBLE, 51173));
                }
                // Clone: the target's data is replaced by a physical copy of the primary.
                pod.copyFrom(p.primaryPod());
                pod.superReadOnly = true;
                if (pod.cloneRestartSeconds > restartWait) {
                    // common/base_cluster_impl.cc: monitor_standalone_clone_instance gives up after
                    // dba.restartWaitTimeout (restart_timeout), prints these two messages and throws
                    // SHERR_DBA_SERVER_RESTART_TIMEOUT; create_replica_cluster.cc then runs its undo list (replication
                    // account, the channel, the cluster's metadata), which leaves the cloned datadir, with the
                    // primary's metadata schema, on a standalone server.
                    target.state = FakeWorld.State.REVERTED;
                    target.inMetadata.clear();
                    w.metadataWrite();
                    return new Output()
                            .error("Clone process appears to have finished and tried to restart the MySQL "
                                    + "server, but it has not yet started back up.")
                            .info("Please make sure the MySQL server at '" + host + ":3306' is properly restarted. "
                                    + "The operation will be reverted, but you may retry adding the instance after "
                                    + "restarting it. ")
                            .error("Error creating Replica Cluster: Timeout waiting for server to restart")
                            .info("Changes successfully reverted.")
                            .fail(ShellError.mysqlsh(
                                    "ClusterSet.createReplicaCluster",
                                    "Timeout waiting for " + "server to restart",
                                    51156));
                }
                target.createOptions = Map.copyOf(opts);
                target.certAuth = w.cs.certAuth;
                target.addOptions.clear();
                target.state = FakeWorld.State.ONLINE;
                target.name = name;
                target.groupUuid = FakeWorld.uuid();
                target.epochTag = null;
                target.inMetadata.clear();
                target.inMetadata.add(t.getValue());
                target.fenced = false;
                w.cs.members.add(target.member.name());
                w.metadataWrite();
                return done(
                        "createReplicaCluster",
                        "Replica Cluster '" + name + "' successfully created on " + "ClusterSet '" + w.cs.domain
                                + "'.");
            });
        }
        if ((m = ADD_INSTANCE.matcher(script)).find()) {
            String host = hostOf(m.group(1));
            Map<String, Object> opts;
            try {
                opts = options("addInstance", m.group(2));
            } catch (InvalidOptions e) {
                return e.output();
            }
            return mutate("addInstance", () -> {
                if (s.state != FakeWorld.State.ONLINE) {
                    return Output.failed(noCluster("Dba.getCluster", s));
                }
                // cluster/cluster_impl.cc:1185 add_instance: get_lock_exclusive() on the cluster.
                if (w.operatorHoldsLock(s)) {
                    return lockHeld("Cluster.addInstance", s);
                }
                if (inClusterSet(s) && !w.reaches(s, w.csPrimary())) {
                    return Output.failed(ShellError.runtime("Cluster.addInstance", NOT_PRIMARY_AVAILABLE));
                }
                var t = w.byHost(host).orElse(null);
                if (t == null || t.getKey() != s) {
                    return Output.failed(ShellError.mysql(
                            "Cluster.addInstance",
                            "Could not open connection to '" + host + ":3306': Unknown MySQL server host '" + host
                                    + "' (-2)",
                            2005));
                }
                if (s.inMetadata.contains(t.getValue())) {
                    return Output.failed(ShellError.runtime(
                            "Cluster.addInstance",
                            "The instance '" + host + ":3306' is already part of this InnoDB Cluster"));
                }
                FakeWorld.Instance recipient = s.pods.get(t.getValue());
                boolean donor = false;
                for (int i : s.inMetadata) {
                    FakeWorld.Instance member = s.pods.get(i);
                    donor |= !member.gone
                            && !member.grStopped
                            && cloneDonorProblem(address(s, i), member, recipient) == null;
                }
                if (!donor) {
                    // add_instance.cc:399 check_recovery_method (before the auth options at :425) ->
                    // cluster_impl.cc:4574-4588: no ONLINE member passes check_compatible_clone_donor
                    // (has_compatible_clone_donor), the warning, then gtid_validations.cc:109-119 with recoveryMethod
                    // clone throws SHERR_DBA_PROVISIONING_CLONE_NOT_POSSIBLE (51173).
                    return new Output()
                            .warning("None of the online Cluster members are compatible with the recipient ("
                                    + host + ":3306) for cloning due to version/platform incompatibilities. Therefore, "
                                    + "no instance is available to serve as a valid donor for cloning.")
                            .fail(ShellError.mysqlsh("Cluster.addInstance", CLONE_NOT_POSSIBLE, 51173));
                }
                if (s.certAuth && !opts.containsKey("certSubject")) {
                    // cluster/add_instance.cc -> common/common.cc validate_instance_member_auth_options.
                    return Output.failed(ShellError.mysqlsh(
                            "Cluster.addInstance",
                            "The Cluster's SSL mode is set "
                                    + "to CERT_SUBJECT but the 'certSubject' option for the instance wasn't supplied.",
                            51180));
                }
                FakeWorld.Instance pod = s.pods.get(t.getValue());
                pod.copyFrom(s.primaryPod());
                pod.superReadOnly = true;
                if (pod.cloneRestartSeconds > restartWait) {
                    // cluster/cluster_impl.cc add_instance, restart_timeout: the server comes back into the group on
                    // its own later, but the metadata row is never written.
                    s.inGroupOnly.add(t.getValue());
                    return new Output()
                            .error("Clone process appears to have finished and tried to restart the "
                                    + "MySQL server, but it has not yet started back up.")
                            .info("Please make sure the MySQL server at '" + host + ":3306' is restarted and call "
                                    + "<Cluster>.rescan() to complete the process. To increase the timeout, change "
                                    + "shell.options[\"dba.restartWaitTimeout\"].")
                            .fail(ShellError.mysqlsh(
                                    "Cluster.addInstance", "Timeout waiting for server to restart", 51156));
                }
                s.inMetadata.add(t.getValue());
                s.addOptions.put(t.getValue(), Map.copyOf(opts));
                w.metadataWrite();
                return done(
                        "addInstance", "The instance '" + host + ":3306' was successfully added to the " + "cluster.");
            });
        }
        if ((m = SET_PRIMARY.matcher(script)).find()) {
            String name = m.group(1);
            Map<String, Object> opts;
            try {
                opts = options("setPrimaryCluster", m.group(2));
            } catch (InvalidOptions e) {
                return e.output();
            }
            return mutate("setPrimaryCluster", () -> {
                Optional<ShellError> err = needClusterSet("Dba.getClusterSet", s);
                if (err.isPresent()) {
                    return Output.failed(err.get());
                }
                FakeWorld.Cluster p = w.csPrimary();
                if (!w.reaches(s, p)) {
                    return Output.failed(ShellError.runtime("ClusterSet.setPrimaryCluster", NOT_PRIMARY_AVAILABLE));
                }
                FakeWorld.Cluster target = member(name);
                if (target == null) {
                    return Output.failed(noSuchCluster("ClusterSet.setPrimaryCluster", name));
                }
                if (target == p) {
                    return Output.failed(ShellError.mysqlsh(
                            "ClusterSet.setPrimaryCluster",
                            "Cluster '" + name + "' is already the PRIMARY cluster",
                            51317));
                }
                List<String> invalidate = new ArrayList<>();
                Output unavailable = checkClustersAvailable(
                        "ClusterSet.setPrimaryCluster",
                        s,
                        null,
                        target,
                        stringList(opts.get("invalidateReplicaClusters")),
                        invalidate);
                if (unavailable != null) {
                    return unavailable;
                }
                // cluster_set/cluster_set_impl.cc:2361 set_primary_cluster: get_lock_exclusive() on each reachable
                // cluster (connect_all_clusters, the unreachable ones to invalidate skipped).
                Output locked = lockHeldOnAny("ClusterSet.setPrimaryCluster", reachableClusters(s, null, invalidate));
                if (locked != null) {
                    return locked;
                }
                w.cs.invalidated.addAll(invalidate);
                p.pods.forEach(x -> x.superReadOnly = true);
                w.cs.primary = target.member.name();
                target.primaryPod().superReadOnly = false;
                w.metadataWrite();
                return done(
                        "setPrimaryCluster",
                        "Cluster '" + name + "' was promoted to PRIMARY of the "
                                + "clusterset. The PRIMARY instance is '" + address(target, 0) + "'");
            });
        }
        if ((m = FORCE_PRIMARY.matcher(script)).find()) {
            String name = m.group(1);
            Map<String, Object> opts;
            try {
                opts = options("forcePrimaryCluster", m.group(2));
            } catch (InvalidOptions e) {
                return e.output();
            }
            return mutate("forcePrimaryCluster", () -> {
                Optional<ShellError> err = needClusterSet("Dba.getClusterSet", s);
                if (err.isPresent()) {
                    return Output.failed(err.get());
                }
                FakeWorld.Cluster p = w.csPrimary();
                FakeWorld.Cluster target = member(name);
                if (target == null) {
                    return Output.failed(noSuchCluster("ClusterSet.forcePrimaryCluster", name));
                }
                if (target == p) {
                    return Output.failed(ShellError.mysqlsh(
                            "ClusterSet.forcePrimaryCluster",
                            "Target cluster '" + name + "' is the current PRIMARY",
                            51317));
                }
                if (w.reaches(s, p)) {
                    return Output.failed(ShellError.mysqlsh(
                            "ClusterSet.forcePrimaryCluster",
                            "PRIMARY cluster '" + p.name + "' is still available",
                            51615));
                }
                List<String> invalidate = new ArrayList<>();
                Output unavailable = checkClustersAvailable(
                        "ClusterSet.forcePrimaryCluster",
                        s,
                        p,
                        target,
                        stringList(opts.get("invalidateReplicaClusters")),
                        invalidate);
                if (unavailable != null) {
                    return unavailable;
                }
                // cluster_set/cluster_set_impl.cc:2930 force_primary_cluster: get_lock_exclusive() on each reachable
                // cluster but the current primary (skipped since line 2915).
                Output locked = lockHeldOnAny("ClusterSet.forcePrimaryCluster", reachableClusters(s, p, invalidate));
                if (locked != null) {
                    return locked;
                }
                w.cs.invalidated.addAll(invalidate);
                w.cs.invalidated.add(p.member.name());
                w.cs.primary = target.member.name();
                target.primaryPod().superReadOnly = false;
                w.metadataWrite();
                return done(
                        "forcePrimaryCluster",
                        "PRIMARY cluster failed-over to '" + name + "'. The PRIMARY " + "instance is '"
                                + address(target, 0) + "'");
            });
        }
        if (script.contains("dba.getCluster().rescan({\"addUnmanaged\":true})")) {
            return mutate("rescan", () -> {
                // cluster/cluster_impl.cc:2852 rescan: get_lock_exclusive() on the cluster.
                if (w.operatorHoldsLock(s)) {
                    return lockHeld("Cluster.rescan", s);
                }
                if (s.state != FakeWorld.State.ONLINE) {
                    return Output.failed(noCluster("Dba.getCluster", s));
                }
                s.inMetadata.addAll(s.inGroupOnly);
                s.inGroupOnly.clear();
                w.metadataWrite();
                return done("rescan", "The cluster metadata is complete.");
            });
        }
        if (script.contains("dba.getCluster().fenceWrites()")) {
            return mutate("fenceWrites", () -> {
                if (s.state != FakeWorld.State.ONLINE) {
                    return Output.failed(noCluster("Dba.getCluster", s));
                }
                if (!inClusterSet(s)) {
                    return Output.failed(ShellError.mysqlsh(
                            "Cluster.fenceWrites",
                            "This function is not available "
                                    + "through a session to an instance that belongs to an InnoDB Cluster that is not a member "
                                    + "of an InnoDB ClusterSet",
                            51316));
                }
                // cluster/cluster_impl.cc:2096 fence_writes: get_lock_exclusive() on the cluster.
                if (w.operatorHoldsLock(s)) {
                    return lockHeld("Cluster.fenceWrites", s);
                }
                s.fenced = true;
                s.pods.forEach(x -> x.superReadOnly = true);
                return done("fenceWrites", "Cluster successfully fenced from write traffic");
            });
        }
        if ((m = REJOIN.matcher(script)).find()) {
            String name = m.group(1);
            return mutate("rejoinCluster", () -> {
                Optional<ShellError> err = needClusterSet("Dba.getClusterSet", s);
                if (err.isPresent()) {
                    return Output.failed(err.get());
                }
                FakeWorld.Cluster p = w.csPrimary();
                if (!w.reaches(s, p)) {
                    return Output.failed(ShellError.runtime("ClusterSet.rejoinCluster", NOT_PRIMARY_AVAILABLE));
                }
                // cluster_set/cluster_set_impl.cc:3173 rejoin_cluster: get_lock_shared() on the primary cluster, which
                // the operator's exclusive lock excludes.
                if (w.operatorHoldsLock(p)) {
                    return lockHeld("ClusterSet.rejoinCluster", p);
                }
                FakeWorld.Cluster x = member(name);
                if (x == null) {
                    return Output.failed(noSuchCluster("ClusterSet.rejoinCluster", name));
                }
                if (!w.reaches(p, x) || !w.reaches(s, x)) {
                    String reason = "Could not connect to any ONLINE member of Cluster '" + name + "'";
                    return new Output()
                            .error("Could not reach cluster '" + name + "': " + reason + " (MYSQLSH " + "51015)")
                            .fail(ShellError.mysqlsh("ClusterSet.rejoinCluster", reason, 51015));
                }
                // cluster_set/cluster_set_impl.cc:3209: get_lock_exclusive() on the rejoining cluster, once reached.
                if (w.operatorHoldsLock(x)) {
                    return lockHeld("ClusterSet.rejoinCluster", x);
                }
                String errant = FakeGtids.subtract(x.primaryPod().gtids, p.primaryPod().gtids);
                if (!errant.isEmpty()) {
                    return new Output()
                            .info(address(x, 0) + " has the following errant transactions not present " + "at " + p.name
                                    + ": " + errant.replace('\n', ' '))
                            .error("Cluster '" + name + "' cannot be rejoined because it contains transactions that "
                                    + "did not originate from the primary of the clusterset.")
                            .fail(ShellError.mysqlsh(
                                    "ClusterSet.rejoinCluster",
                                    "Errant transactions detected at " + address(x, 0),
                                    51152));
                }
                w.cs.invalidated.remove(x.member.name());
                x.fenced = false;
                x.channelBroken = false;
                x.pods.forEach(pod -> pod.superReadOnly = true);
                w.metadataWrite();
                return done("rejoinCluster", "Cluster '" + name + "' was rejoined to the clusterset");
            });
        }
        if ((m = REMOVE.matcher(script)).find()) {
            String name = m.group(1);
            Map<String, Object> opts;
            try {
                opts = options("removeCluster", m.group(2));
            } catch (InvalidOptions e) {
                return e.output();
            }
            boolean force = Boolean.TRUE.equals(opts.get("force"));
            return mutate("removeCluster", () -> {
                Optional<ShellError> err = needClusterSet("Dba.getClusterSet", s);
                if (err.isPresent()) {
                    return Output.failed(err.get());
                }
                FakeWorld.Cluster p = w.csPrimary();
                if (!w.reaches(s, p)) {
                    return Output.failed(ShellError.runtime("ClusterSet.removeCluster", NOT_PRIMARY_AVAILABLE));
                }
                // cluster_set/cluster_set_impl.cc:1016 remove_cluster: get_lock_exclusive() on the primary cluster,
                // right after the preconditions.
                if (w.operatorHoldsLock(p)) {
                    return lockHeld("ClusterSet.removeCluster", p);
                }
                FakeWorld.Cluster x = member(name);
                if (x == null) {
                    return Output.failed(noSuchCluster("ClusterSet.removeCluster", name));
                }
                if (x == p) {
                    return new Output()
                            .error("Cannot remove the PRIMARY Cluster of the ClusterSet.")
                            .fail(ShellError.mysqlsh(
                                    "ClusterSet.removeCluster",
                                    "The Cluster '" + name + "' is the PRIMARY Cluster of the ClusterSet.",
                                    51608));
                }
                if (!w.reaches(s, x) && !force) {
                    String reason = "Could not connect to any ONLINE member of Cluster '" + name + "'";
                    return Output.failed(ShellError.mysqlsh("ClusterSet.removeCluster", reason, 51015));
                }
                // cluster_set_impl.cc remove_cluster, ensure_no_router_uses_cluster (force or not): no registered
                // router may have the cluster (its group name) as target_cluster.
                List<String> pinned = w.cs.routers.entrySet().stream()
                        .filter(e -> x.groupUuid != null
                                && x.groupUuid.equals(e.getValue().get("target_cluster")))
                        .map(Map.Entry::getKey)
                        .toList();
                if (!pinned.isEmpty()) {
                    return new Output()
                            .error("The following Routers are using the Cluster '" + name + "' as a target cluster: ["
                                    + String.join(", ", pinned) + "]. Please ensure no Routers are using the cluster "
                                    + "as target with .setRoutingOption()")
                            .fail(ShellError.mysqlsh(
                                    "ClusterSet.removeCluster",
                                    "The Cluster '" + name + "' is an active Target Cluster for Routing operations.",
                                    51612));
                }
                // cluster_set/cluster_set_impl.cc:1080: get_lock_exclusive() on the target cluster after the
                // validations, unless it is unreachable (removed with force).
                if (w.reaches(s, x) && w.operatorHoldsLock(x)) {
                    return lockHeld("ClusterSet.removeCluster", x);
                }
                w.cs.members.remove(x.member.name());
                w.cs.invalidated.remove(x.member.name());
                x.epochTag = null;
                w.metadataWrite();
                if (w.reaches(s, x)) {
                    // "* Dissolving the Cluster...": GR stops on its members, which keep their data.
                    x.state = FakeWorld.State.REMOVED;
                    x.inMetadata.clear();
                    x.fenced = false;
                }
                return done("removeCluster", "The Cluster '" + name + "' was removed from the ClusterSet.");
            });
        }
        if ((m = CLUSTER_TAG.matcher(script)).find()) {
            long epoch = Long.parseLong(m.group(1));
            return mutate("setOption", () -> {
                if (s.state != FakeWorld.State.ONLINE) {
                    return Output.failed(noCluster("Dba.getCluster", s));
                }
                if (inClusterSet(s) && !w.reaches(s, w.csPrimary())) {
                    return Output.failed(ShellError.runtime("Cluster.setOption", NOT_PRIMARY_AVAILABLE));
                }
                if (inClusterSet(s) && w.cs.invalidated.contains(s.member.name())) {
                    return Output.failed(ShellError.runtime(
                            "Cluster.setOption",
                            "The InnoDB Cluster is part of an "
                                    + "InnoDB ClusterSet and has global state of INVALIDATED within the ClusterSet. Operation "
                                    + "is not possible when in that state"));
                }
                s.epochTag = epoch;
                w.metadataWrite();
                return done("setOption", null);
            });
        }
        if (CLUSTERSET_TAG.matcher(script).find()) {
            // Accepted and silently lost: the tag UPDATE uses the ClusterSet's id as cluster_id (no such row).
            return mutate("setOption", () -> {
                Optional<ShellError> err = needClusterSet("Dba.getClusterSet", s);
                return err.map(Output::failed).orElseGet(() -> done("setOption", null));
            });
        }
        return Output.failed(ShellError.runtime("SyntaxError", "fake mysqlsh models no such script: " + script));
    }

    /** The value a mutating script set for a Shell option, or the Shell's default (shell_options.cc). */
    private static long shellOption(String script, String name, long dflt) {
        Matcher m = SHELL_OPTION.matcher(script);
        long v = dflt;
        while (m.find()) {
            if (m.group(1).equals(name)) {
                v = Long.parseLong(m.group(2));
            }
        }
        return v;
    }

    /** The options object of a call, or an "Invalid options" error naming what the operation does not accept. */
    private static Map<String, Object> options(String operation, String json) {
        Map<String, Object> o = new LinkedHashMap<>();
        if (json != null) {
            Map<?, ?> parsed = new Gson().fromJson(json, Map.class);
            parsed.forEach((k, v) -> o.put(String.valueOf(k), v));
        }
        List<String> invalid = o.keySet().stream()
                .filter(k -> !OPTIONS.get(operation).contains(k))
                .sorted()
                .toList();
        if (!invalid.isEmpty()) {
            throw new InvalidOptions(operation, "Invalid options: " + String.join(", ", invalid));
        }
        return o;
    }

    private static final class InvalidOptions extends RuntimeException {
        final String api;

        InvalidOptions(String operation, String message) {
            super(message);
            this.api = (operation.equals("addInstance") ? "Cluster." : "ClusterSet.") + operation;
        }

        Output output() {
            return Output.failed(new ShellError(api, getMessage(), "ArgumentError", -1));
        }
    }

    @SuppressWarnings("unchecked")
    private static List<String> stringList(Object o) {
        return o instanceof List<?> l ? (List<String>) l : List.of();
    }

    /**
     * check_clusters_available (cluster_set/cluster_set_impl.cc), run by setPrimaryCluster and forcePrimaryCluster
     * from the session's cluster: every replica that is not invalidated must answer unless it is listed in
     * invalidateReplicaClusters, and a listed one must not answer. Returns the error, or null and the clusters to
     * invalidate in {@code out}.
     */
    private Output checkClustersAvailable(
            String api,
            FakeWorld.Cluster s,
            FakeWorld.Cluster skip,
            FakeWorld.Cluster target,
            List<String> invalidate,
            List<String> out) {
        for (String n : invalidate) {
            if (member(n) == null) {
                return Output.failed(new ShellError(
                        api,
                        "Invalid cluster name '" + n + "' in option " + "invalidateReplicaClusters",
                        "ArgumentError",
                        -1));
            }
        }
        int unavailable = 0;
        for (String m : w.cs.members) {
            FakeWorld.Cluster c = w.cluster(m);
            if (c == skip || w.cs.invalidated.contains(m)) {
                continue;
            }
            boolean listed = invalidate.contains(c.name);
            if (!w.reaches(s, c)) {
                if (listed) {
                    out.add(m);
                } else {
                    unavailable++;
                }
            } else if (listed) {
                return new Output()
                        .error("Cluster '" + c.name + "' is available and cannot be INVALIDATED")
                        .fail(new ShellError(
                                api, "Invalid value for option invalidateReplicaClusters", "ArgumentError", -1));
            }
        }
        if (unavailable > 0) {
            return new Output()
                    .error("Operation cannot be completed because " + unavailable + " of "
                            + w.cs.members.size() + " clusters are not available. Please correct these issues before "
                            + "proceeding. If you'd like to INVALIDATE these clusters and continue anyway, add the cluster "
                            + "name to the 'invalidateReplicaClusters' option.")
                    .fail(ShellError.mysqlsh(api, "One or more replica clusters are unavailable", 51613));
        }
        return null;
    }

    /** {@code cluster.dissolve()}: 8.4 refuses it while other clusters are in the cluster's ClusterSet. */
    private Output dissolve(String operation, FakeWorld.Cluster s) {
        if (s.state == FakeWorld.State.STARTING) {
            return Output.failed(
                    ShellError.mysqlsh("Cluster.dissolve", "There is no quorum to perform the operation", 51011));
        }
        if (inClusterSet(s) && !w.cs.invalidated.contains(s.member.name()) && w.cs.members.size() > 1) {
            return Output.failed(ShellError.runtime(
                    "Cluster.dissolve",
                    "Cluster '" + s.name + "' cannot be "
                            + "dissolved because it is part of a ClusterSet with other Clusters."));
        }
        // The only cluster of its own ClusterSet passes prepare() (cs_members.size() is 1); metadata::uninstall drops
        // that ClusterSet with the rest of the metadata.
        s.own = null;
        if (inClusterSet(s)) {
            w.cs.members.remove(s.member.name());
            w.cs.invalidated.remove(s.member.name());
            if (w.cs.members.isEmpty()) {
                w.cs = null;
            }
        }
        // dissolve.cc turns super_read_only OFF on the primary before it stops GR, and never back ON.
        s.primaryPod().superReadOnly = false;
        // cluster/dissolve.cc Dissolve::execute: wipe_all_replication_users and metadata::uninstall run on the
        // primary while Group Replication still runs, so they are transactions of the group, replicated to its members.
        if (s.groupUuid != null && !s.inMetadata.isEmpty()) {
            FakeWorld.Instance primary = s.primaryPod();
            primary.gtids = FakeGtids.next(primary.gtids, s.groupUuid);
            for (int i : s.inMetadata) {
                if (s.pods.get(i) != primary) {
                    s.pods.get(i).gtids = primary.gtids;
                }
            }
        }
        s.state = FakeWorld.State.DISSOLVED;
        s.inMetadata.clear();
        s.epochTag = null;
        return done(
                operation,
                "The cluster was successfully dissolved.\nReplication was disabled but user data was "
                        + "left intact.");
    }

    /**
     * {@link dev.mysqlcs.io.AdminApi#routerOptions}: listRouters().routers (common/router.cc clusterset_list_routers:
     * labels {@code hostname::name}, each with hostname, targetCluster as the cluster's name, version, ...;
     * validation js_adminapi_clusterset/validation/cs_router_management.js), then the metadata rows the script
     * selects: each router's own {@code routers.options} (target_cluster as a group name), the ClusterSet's
     * {@code router_options} (created with k_default_clusterset_router_options, cluster_set_impl.cc) and the clusters'
     * group names from v2_gr_clusters.
     */
    private Output routers(FakeWorld.Cluster s) {
        synchronized (w) {
            Optional<ShellError> err = needClusterSet("Dba.getClusterSet", s);
            if (err.isPresent()) {
                return Output.failed(err.get());
            }
            Map<String, Object> groups = new LinkedHashMap<>();
            for (String member : w.cs.members) {
                FakeWorld.Cluster c = w.clusters.get(member);
                groups.put(c.groupUuid, c.name);
            }
            Map<String, Object> routers = new LinkedHashMap<>();
            w.cs.routers.forEach((l, own) -> {
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("hostname", l.substring(0, l.indexOf("::")));
                Object target = own.get("target_cluster");
                r.put("targetCluster", target == null ? null : groups.getOrDefault(target, target));
                r.put("version", "9.7.0");
                routers.put(l, r);
            });
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("routers", routers);
            out.put("own", w.cs.routers);
            out.put("global", w.cs.globalRouting);
            out.put("groups", groups);
            Output o = new Output();
            o.printed
                    .append(new Gson().newBuilder().serializeNulls().create().toJson(out))
                    .append('\n');
            return o;
        }
    }

    /** What {@link dev.mysqlcs.io.AdminApi#EPOCH_SQL} returns on the target's copy of the metadata. */
    private Output epochTags(FakeWorld.Cluster s) {
        synchronized (w) {
            Object clusters = null;
            if (w.cs != null && inClusterSet(s) && s.state == FakeWorld.State.ONLINE) {
                List<Map<String, Object>> rows = new ArrayList<>();
                for (String m : w.cs.members) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("cluster", w.cluster(m).name);
                    row.put("epoch", w.cluster(m).epochTag);
                    rows.add(row);
                }
                clusters = rows;
            }
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("clusters", clusters);
            Output o = new Output();
            o.printed.append(RAW.toJson(doc)).append('\n');
            return o;
        }
    }

    /** A dissolve asks "Are you sure...? [y/N]" while wizards are on; over exec, stdin never ends. */
    private static ShellTimeoutException confirmationHangs(String operation) {
        return new ShellTimeoutException(operation + ": mysqlsh waits for an answer to \"Are you sure you want to "
                + "dissolve the cluster? [y/N]: \" on stdin");
    }

    private static String hostOf(String instance) {
        String hostPort = instance.substring(instance.indexOf('@') + 1);
        return hostPort.substring(0, hostPort.lastIndexOf(':'));
    }

    private boolean inClusterSet(FakeWorld.Cluster s) {
        return w.cs != null && w.cs.members.contains(s.member.name());
    }

    /** The ClusterSet member with this InnoDB cluster name, or null. */
    private FakeWorld.Cluster member(String mysqlName) {
        FakeWorld.Cluster c = clusterNamed(mysqlName);
        return c != null && w.cs.members.contains(c.member.name()) ? c : null;
    }

    private FakeWorld.Cluster clusterNamed(String mysqlName) {
        return w.clusters.values().stream()
                .filter(c -> c.name.equals(mysqlName))
                .findFirst()
                .orElse(null);
    }

    private static ShellError noSuchCluster(String api, String name) {
        return ShellError.mysqlsh(api, "The cluster with the name '" + name + "' does not exist.", 51101);
    }

    /** {@code dba.getClusterSet()} on the session's cluster. */
    private Optional<ShellError> needClusterSet(String api, FakeWorld.Cluster s) {
        if (s.state != FakeWorld.State.ONLINE) {
            return Optional.of(noCluster(api, s));
        }
        if (!inClusterSet(s)) {
            return Optional.of(notInClusterSet(api));
        }
        return Optional.empty();
    }

    private Output mutate(String operation, Supplier<Output> apply) {
        return w.mutate(
                operation,
                () -> {
                    synchronized (w) {
                        return apply.get();
                    }
                },
                () -> new ShellUnavailableException("exec stream closed before " + operation + " started", null),
                () -> new ShellTimeoutException(operation + " did not answer in time"));
    }

    /**
     * Another AdminAPI operation (the operator's join) holds the cluster's lock: Cluster_impl::get_lock
     * (cluster/cluster_impl.cc:4856, namespace AdminAPI_cluster on the cluster's primary) with timeout 0 prints the
     * console error (line 4907), then throws SHERR_DBA_LOCK_GET_FAILED (line 4914; common/dba_errors.h:156, 51500).
     * The operations that take it, exclusive or shared (a shared lock is refused while the operator's exclusive one is
     * held): addInstance (cluster_impl.cc:1185), rescan (2852), createClusterSet (2276), dissolve (2568), fenceWrites
     * (2096), removeRouterMetadata (common/base_cluster_impl.cc:909, shared), and of the ClusterSet removeCluster
     * (cluster_set/cluster_set_impl.cc:1016 the primary cluster, 1080 the target), setPrimaryCluster (2361, every
     * reachable cluster), forcePrimaryCluster (2930, every reachable cluster but the primary) and rejoinCluster (3173
     * the primary cluster, shared; 3209 the rejoining one). The ClusterSet's own lock (AdminAPI_clusterset,
     * cluster_set_impl.cc:3425), which createReplicaCluster (986) takes with the target instance's, is another
     * namespace the operator's join does not hold; setRoutingOption (base_cluster_impl.cc:1169) and setOption of a
     * tag (base_cluster_impl.cc:1016 set_cluster_tag) take no lock.
     */
    private Output lockHeld(String api, FakeWorld.Cluster s) {
        String primary = s.member.podFqdn(s.inMetadata.iterator().next(), w.domain) + ":3306";
        return new Output()
                .error("The operation cannot be executed because it failed to acquire the Cluster lock through "
                        + "primary member '" + primary + "'. Another operation requiring access to the member is "
                        + "still in progress, please wait for it to finish and try again.")
                .fail(ShellError.mysqlsh(
                        api, "Failed to acquire Cluster lock through primary member '" + primary + "'", 51500));
    }

    /**
     * The ClusterSet's member clusters {@code s} reaches, in metadata order, but {@code skip}, those already
     * INVALIDATED and those to invalidate: what cluster_set/cluster_set_impl.cc:849 connect_all_clusters connects to
     * (and the callers lock): invalidated members skipped (line 863), unreachable ones too (868).
     */
    private List<FakeWorld.Cluster> reachableClusters(
            FakeWorld.Cluster s, FakeWorld.Cluster skip, List<String> invalidate) {
        List<FakeWorld.Cluster> out = new ArrayList<>();
        for (String n : w.cs.members) {
            FakeWorld.Cluster c = w.cluster(n);
            if (c != skip && !w.cs.invalidated.contains(n) && !invalidate.contains(n) && w.reaches(s, c)) {
                out.add(c);
            }
        }
        return out;
    }

    /** {@link #lockHeld} for the first of {@code clusters} whose lock the operator holds; null when it holds none. */
    private Output lockHeldOnAny(String api, List<FakeWorld.Cluster> clusters) {
        for (FakeWorld.Cluster c : clusters) {
            if (w.operatorHoldsLock(c)) {
                return lockHeld(api, c);
            }
        }
        return null;
    }

    /** A mutation that took effect; its console message, if any (they go to stderr in a script). */
    private Output done(String operation, String info) {
        w.recordMutation(operation);
        Output o = new Output();
        return info == null ? o : o.info(info);
    }
}
