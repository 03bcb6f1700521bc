package dev.mysqlcs.io;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.mysqlcs.model.ClusterSetStatus;
import dev.mysqlcs.model.InnoDbClusterStatus;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * MySQL Shell AdminAPI calls: builds each mysqlsh command line, runs it through {@link MySqlShell} with the password on
 * stdin only, parses the JSON the Shell prints and maps its errors to {@link AdminApiException}s. One method per
 * AdminAPI operation; none of the mutating ones is idempotent in the Shell, so callers read state first.
 */
public final class AdminApi {

    /** AdminAPI custom tag on the ClusterSet ({@code setOption('tag:<name>', value)}) holding the primary epoch. */
    public static final String EPOCH_TAG = "mysqlcs_primary_epoch";
    public static final int MYSQL_PORT = 3306;
    /** How often the password is offered on stdin: the session, then the target instance of create/add calls. */
    static final int PASSWORD_LINES = 3;

    private static final Gson GSON = new com.google.gson.GsonBuilder().disableHtmlEscaping().create();

    private final MySqlShell shell;
    private final Credentials credentials;
    private final Duration readTimeout;

    /** Where mysqlsh runs (a server pod's sidecar) and which server its session connects to (an FQDN). */
    public record Target(PodRef via, String host) {
        @Override
        public String toString() {
            return "session on " + host + " from pod " + pod();
        }

        String pod() {
            return via.kubeCluster() + "/" + via.namespace() + "/" + via.pod();
        }
    }

    /** Who a server is: its own UUID and, while Group Replication is configured, the group's UUIDs. */
    public record LocalIdentity(String serverUuid, Optional<String> groupName, Optional<String> viewChangeUuid) {
    }

    public AdminApi(MySqlShell shell, Credentials credentials, Duration readTimeout) {
        this.shell = shell;
        this.credentials = credentials;
        this.readTimeout = readTimeout;
    }

    // ---------------------------------------------------------------- reads

    /** {@code clusterset status --extended=1}. */
    public ClusterSetStatus clusterSetStatus(Target t) {
        String op = "clusterset status";
        ShellResult r = run(op, t, cli("clusterset", "status", "--extended=1"), readTimeout);
        JsonObject o = ShellJson.lastResult(r.stdout(), j -> j.has("clusters") && j.has("primaryCluster"))
                .orElseThrow(() -> new AdminApiException.CommandFailed(op, "no ClusterSet status in the output of "
                        + t + ": " + snippet(r.stdout())));
        return parseClusterSetStatus(o);
    }

    /** {@code cluster status} of the InnoDB cluster the target instance belongs to. */
    public InnoDbClusterStatus clusterStatus(Target t) {
        String op = "cluster status";
        ShellResult r = run(op, t, cli("cluster", "status"), readTimeout);
        JsonObject o = ShellJson.lastResult(r.stdout(), j -> j.has("defaultReplicaSet"))
                .orElseThrow(() -> new AdminApiException.CommandFailed(op, "no cluster status in the output of "
                        + t + ": " + snippet(r.stdout())));
        return parseClusterStatus(o);
    }

    /** The primary epoch recorded in the ClusterSet's metadata (as the target's local copy has it); empty if none. */
    public OptionalLong primaryEpoch(Target t) {
        String op = "read primary epoch";
        String script = "var r = session.runSql(\"SELECT JSON_OBJECT('attributes', attributes, 'options', options) "
                + "FROM mysql_innodb_cluster_metadata.v2_cs_clustersets\");\n"
                + "var row = r.fetchOne();\n"
                + "print(JSON.stringify({clusterSetMetadata: row ? row[0] : null}));\n";
        ShellResult r = run(op, t, js(script), readTimeout);
        JsonObject o = ShellJson.lastResult(r.stdout(), j -> j.has("clusterSetMetadata"))
                .orElseThrow(() -> new AdminApiException.CommandFailed(op, "unexpected output from " + t + ": "
                        + snippet(r.stdout())));
        JsonElement md = o.get("clusterSetMetadata");
        if (md == null || md.isJsonNull()) {
            throw new AdminApiException.NotInClusterSet(op, "no ClusterSet metadata on " + t);
        }
        JsonElement doc = md;
        if (md.isJsonPrimitive()) {
            try {
                doc = JsonParser.parseString(md.getAsString());
            } catch (JsonParseException e) {
                throw new AdminApiException.CommandFailed(op, "ClusterSet attributes are not JSON on " + t);
            }
        }
        return findEpoch(doc);
    }

    /** {@code @@server_uuid} and the Group Replication group / view-change UUIDs of the target instance. */
    public LocalIdentity localIdentity(Target t) {
        String op = "read server identity";
        String script = "var out = {};\n"
                + "out.serverUuid = session.runSql('SELECT @@server_uuid').fetchOne()[0];\n"
                + "try { out.groupName = session.runSql('SELECT @@global.group_replication_group_name')"
                + ".fetchOne()[0]; } catch (e) { out.groupName = null; }\n"
                + "try { out.viewChangeUuid = session.runSql('SELECT @@global.group_replication_view_change_uuid')"
                + ".fetchOne()[0]; } catch (e) { out.viewChangeUuid = null; }\n"
                + "print(JSON.stringify(out));\n";
        ShellResult r = run(op, t, js(script), readTimeout);
        JsonObject o = ShellJson.lastResult(r.stdout(), j -> j.has("serverUuid"))
                .orElseThrow(() -> new AdminApiException.CommandFailed(op, "unexpected output from " + t + ": "
                        + snippet(r.stdout())));
        return new LocalIdentity(o.get("serverUuid").getAsString().toLowerCase(Locale.ROOT),
                optString(o, "groupName").filter(s -> !s.isBlank()).map(s -> s.toLowerCase(Locale.ROOT)),
                optString(o, "viewChangeUuid").filter(s -> s.contains("-")).map(s -> s.toLowerCase(Locale.ROOT)));
    }

    // ---------------------------------------------------------------- mutations

    /** S2.13: {@code cluster.createClusterSet(domainName)} on the standalone cluster of the target. */
    public void createClusterSet(Target t, String domainName, Duration timeout) {
        run("createClusterSet", t, js("dba.getCluster().createClusterSet(" + q(domainName) + ");\n"), timeout);
    }

    /** S2.14: dissolves the target's standalone InnoDB cluster (replication stops, user data stays). */
    public void dissolveCluster(Target t, Duration timeout) {
        run("dissolve", t, js("dba.getCluster().dissolve();\n"), timeout);
    }

    /**
     * S2.14: {@code clusterSet.createReplicaCluster(instance, name, {recoveryMethod: 'clone'})}; the session of
     * {@code t} must reach the ClusterSet's primary.
     */
    public void createReplicaCluster(Target t, String instanceHost, String clusterName, Duration timeout) {
        run("createReplicaCluster", t, js("dba.getClusterSet().createReplicaCluster(" + q(instanceUri(instanceHost))
                + ", " + q(clusterName) + ", {recoveryMethod: 'clone'});\n"), timeout);
    }

    /** S2.16: {@code cluster.addInstance(instance, {recoveryMethod: 'clone'})} on the target's cluster. */
    public void addInstance(Target t, String instanceHost, Duration timeout) {
        run("addInstance", t, js("dba.getCluster().addInstance(" + q(instanceUri(instanceHost))
                + ", {recoveryMethod: 'clone'});\n"), timeout);
    }

    /** S1.6: switchover, {@code clusterSet.setPrimaryCluster(name)}; needs the current primary reachable. */
    public void setPrimaryCluster(Target t, String clusterName, Duration timeout) {
        run("setPrimaryCluster", t, js("dba.getClusterSet().setPrimaryCluster(" + q(clusterName) + ");\n"), timeout);
    }

    /** S1.7: forced failover, {@code clusterSet.forcePrimaryCluster(name)}; the old primary becomes INVALIDATED. */
    public void forcePrimaryCluster(Target t, String clusterName, Duration timeout) {
        run("forcePrimaryCluster", t, js("dba.getClusterSet().forcePrimaryCluster(" + q(clusterName) + ");\n"),
                timeout);
    }

    /** S1.8: {@code cluster.fenceWrites()} on the target's cluster (super_read_only on every member). */
    public void fenceWrites(Target t, Duration timeout) {
        run("fenceWrites", t, js("dba.getCluster().fenceWrites();\n"), timeout);
    }

    /** S1.8: {@code clusterSet.rejoinCluster(name)}; the session of {@code t} must reach the primary. */
    public void rejoinCluster(Target t, String clusterName, Duration timeout) {
        run("rejoinCluster", t, js("dba.getClusterSet().rejoinCluster(" + q(clusterName) + ");\n"), timeout);
    }

    /** {@code clusterSet.removeCluster(name)}: a replica cluster leaves the ClusterSet. */
    public void removeCluster(Target t, String clusterName, Duration timeout) {
        run("removeCluster", t, js("dba.getClusterSet().removeCluster(" + q(clusterName) + ");\n"), timeout);
    }

    /** Records the primary epoch as a ClusterSet tag; needs the primary cluster reachable. */
    public void setPrimaryEpoch(Target t, long epoch, Duration timeout) {
        run("setOption tag:" + EPOCH_TAG, t, js("dba.getClusterSet().setOption(" + q("tag:" + EPOCH_TAG) + ", "
                + epoch + ");\n"), timeout);
    }

    /**
     * Dissolves a ClusterSet whose only member is its primary cluster: {@code clusterSet.dissolve()} where the Shell
     * has it, otherwise the primary cluster's {@code dissolve()}. Replication stops, user data stays.
     */
    public void dissolveClusterSet(Target t, Duration timeout) {
        run("dissolve ClusterSet", t, js("var cs = dba.getClusterSet();\n"
                + "if (typeof cs.dissolve === 'function') { cs.dissolve(); } else { dba.getCluster().dissolve(); }\n"),
                timeout);
    }

    // ---------------------------------------------------------------- command lines

    /** {@code mysqlsh --uri U --passwords-from-stdin --no-wizard --json=raw -- <words>}. */
    private List<String> cli(String... words) {
        return new ArrayList<>(Arrays.asList(words));
    }

    private List<String> js(String script) {
        return List.of("\0js", script);
    }

    /** The full argv for one run; never contains the password (it goes to stdin). */
    List<String> argv(Target t, List<String> command) {
        List<String> argv = new ArrayList<>(List.of("mysqlsh", "--uri", sessionUri(t.host()), "--passwords-from-stdin",
                "--no-wizard"));
        if (command.size() == 2 && command.get(0).equals("\0js")) {
            argv.addAll(List.of("--js", "-e", command.get(1)));
        } else {
            argv.add("--json=raw");
            argv.add("--");
            argv.addAll(command);
        }
        return argv;
    }

    private String sessionUri(String host) {
        return encodeUser(credentials.user()) + "@" + host + ":" + MYSQL_PORT;
    }

    private String instanceUri(String host) {
        return sessionUri(host);
    }

    /** RFC 3986 userinfo: everything but unreserved characters percent-encoded. */
    static String encodeUser(String user) {
        StringBuilder b = new StringBuilder();
        for (byte x : user.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (x & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
                b.append(c);
            } else {
                b.append('%').append(String.format("%02X", x & 0xff));
            }
        }
        return b.toString();
    }

    /** A JS string literal (JSON quoting is valid JS). */
    static String q(String s) {
        return GSON.toJson(s);
    }

    private ShellResult run(String operation, Target t, List<String> command, Duration timeout) {
        List<String> argv = argv(t, command);
        char[] stdin = stdin();
        ShellResult result;
        try {
            result = shell.run(t.via(), argv, stdin, timeout);
        } catch (MySqlShell.ShellTimeoutException e) {
            throw new AdminApiException.Timeout(operation, "no answer from mysqlsh (" + t + ") within "
                    + timeout.toSeconds() + " s", e);
        } catch (MySqlShell.ShellUnavailableException e) {
            throw new AdminApiException.Unreachable(operation, "cannot run mysqlsh in pod " + t.pod() + ": "
                    + redact(String.valueOf(e.getMessage())), e);
        } finally {
            Arrays.fill(stdin, '\0');
        }
        if (!result.ok()) {
            throw classify(operation, t, redact(result.stderr() + "\n" + result.stdout()).trim());
        }
        return new ShellResult(result.exitCode(), redact(result.stdout()), redact(result.stderr()));
    }

    private char[] stdin() {
        char[] pw = credentials.password();
        char[] out = new char[(pw.length + 1) * PASSWORD_LINES];
        for (int i = 0; i < PASSWORD_LINES; i++) {
            System.arraycopy(pw, 0, out, i * (pw.length + 1), pw.length);
            out[i * (pw.length + 1) + pw.length] = '\n';
        }
        return out;
    }

    /** Defence in depth: the Shell never echoes passwords, but no text of it leaves here with one in it. */
    private String redact(String text) {
        char[] pw = credentials.password();
        if (text == null || pw.length == 0) {
            return text == null ? "" : text;
        }
        return text.replace(new String(pw), "****");
    }

    /** Maps the Shell's error text (message and MYSQLSH code) to a typed exception. */
    static AdminApiException classify(String operation, Target t, String output) {
        String text = output.toLowerCase(Locale.ROOT);
        String detail = errorLine(output) + " (on " + t + ")";
        if (text.contains("errant transaction") || text.contains("errant gtid")
                || text.contains("transactions that are not present") || text.contains("diverged")) {
            return new AdminApiException.ErrantTransactions(operation, detail);
        }
        if (text.contains("not part of a clusterset") || text.contains("not a part of the clusterset")
                || text.contains("not a member of a clusterset") || text.contains("does not belong to a clusterset")
                || text.contains("not part of any clusterset")) {
            return new AdminApiException.NotInClusterSet(operation, detail);
        }
        if (text.contains("belongs to an innodb clusterset") || text.contains("already part of a clusterset")
                || text.contains("already a member of a clusterset") || text.contains("already belongs to a clusterset")) {
            return new AdminApiException.AlreadyInClusterSet(operation, detail);
        }
        if (text.contains("standalone instance") || text.contains("metadata schema not found")
                || text.contains("not part of an innodb cluster") || text.contains("not a member of an innodb cluster")
                || text.contains("no cluster") && text.contains("found")) {
            return new AdminApiException.NotACluster(operation, detail);
        }
        if (text.contains("is already part of this innodb cluster") || text.contains("already a member of the cluster")
                || text.contains("is already part of the cluster")) {
            return new AdminApiException.AlreadyMember(operation, detail);
        }
        if (text.contains("can't connect") || text.contains("could not connect") || text.contains("unable to connect")
                || text.contains("could not be reached") || text.contains("unreachable")
                || text.contains("unknown mysql server host") || text.contains("lost connection")
                || text.contains("no route to host") || text.contains("connection refused")
                || text.contains("could not open connection")) {
            return new AdminApiException.Unreachable(operation, detail, null);
        }
        if (text.contains("timeout") || text.contains("timed out")) {
            return new AdminApiException.Timeout(operation, detail, null);
        }
        return new AdminApiException.CommandFailed(operation, detail);
    }

    /** The most telling line: the last one naming an error, else the last non-empty one. */
    private static String errorLine(String output) {
        String[] lines = output.split("\\R");
        String last = "";
        for (String l : lines) {
            String s = l.trim();
            if (s.isEmpty()) {
                continue;
            }
            last = s;
        }
        for (int i = lines.length - 1; i >= 0; i--) {
            String s = lines[i].trim();
            String lower = s.toLowerCase(Locale.ROOT);
            if (lower.contains("error") || lower.contains("mysqlsh ") || s.matches(".*\\(MYSQLSH \\d+\\).*")) {
                return snippet(s);
            }
        }
        return snippet(last.isEmpty() ? "mysqlsh failed without output" : last);
    }

    private static String snippet(String s) {
        String t = s == null ? "" : s.trim().replace('\n', ' ');
        return t.length() > 400 ? t.substring(0, 397) + "..." : t;
    }

    // ---------------------------------------------------------------- parsing

    /** Parses one {@code clusterset status} document (plain or extended). */
    public static ClusterSetStatus parseClusterSetStatus(JsonObject o) {
        Map<String, ClusterSetStatus.Cluster> clusters = new LinkedHashMap<>();
        JsonObject cs = o.getAsJsonObject("clusters");
        if (cs != null) {
            for (var e : cs.entrySet()) {
                JsonObject c = e.getValue().getAsJsonObject();
                JsonObject replication = c.has("clusterSetReplication") && c.get("clusterSetReplication").isJsonObject()
                        ? c.getAsJsonObject("clusterSetReplication") : null;
                clusters.put(e.getKey(), new ClusterSetStatus.Cluster(
                        e.getKey(),
                        str(c, "clusterRole"),
                        str(c, "globalStatus"),
                        optString(c, "status").orElse(str(c, "globalStatus")),
                        str(c, "statusText"),
                        optString(c, "primary"),
                        optString(c, "clusterSetReplicationStatus")
                                .or(() -> replication == null ? Optional.empty() : optString(replication, "receiverStatus")),
                        optString(c, "transactionSetErrantGtidSet"),
                        topology(c.get("topology")),
                        strings(c.get("clusterErrors"))));
            }
        }
        return new ClusterSetStatus(str(o, "domainName"), str(o, "primaryCluster"), str(o, "status"),
                str(o, "statusText"), optString(o, "globalPrimaryInstance"), clusters);
    }

    /** Parses one {@code cluster status} document. */
    public static InnoDbClusterStatus parseClusterStatus(JsonObject o) {
        JsonObject rs = o.getAsJsonObject("defaultReplicaSet");
        return new InnoDbClusterStatus(str(o, "clusterName"), rs == null ? "" : str(rs, "status"),
                rs == null ? "" : str(rs, "statusText"), rs == null ? Map.of() : topology(rs.get("topology")),
                optString(o, "clusterRole"), optString(o, "domainName"));
    }

    private static Map<String, ClusterSetStatus.Instance> topology(JsonElement t) {
        Map<String, ClusterSetStatus.Instance> out = new LinkedHashMap<>();
        if (t != null && t.isJsonObject()) {
            for (var e : t.getAsJsonObject().entrySet()) {
                JsonObject i = e.getValue().getAsJsonObject();
                String address = optString(i, "address").orElse(e.getKey());
                out.put(address, new ClusterSetStatus.Instance(address, str(i, "memberRole"), str(i, "mode"),
                        str(i, "status")));
            }
        } else if (t != null && t.isJsonArray()) {
            for (JsonElement e : t.getAsJsonArray()) {
                JsonObject i = e.getAsJsonObject();
                String address = str(i, "address");
                out.put(address, new ClusterSetStatus.Instance(address, str(i, "memberRole"), str(i, "mode"),
                        str(i, "status")));
            }
        }
        return out;
    }

    /** Finds the epoch tag anywhere in the ClusterSet's attributes / options, whatever the nesting. */
    static OptionalLong findEpoch(JsonElement e) {
        if (e == null || e.isJsonNull()) {
            return OptionalLong.empty();
        }
        if (e.isJsonObject()) {
            JsonObject o = e.getAsJsonObject();
            if (o.has("option") && isEpochKey(o.get("option").isJsonPrimitive() ? o.get("option").getAsString() : "")
                    && o.has("value")) {
                return asLong(o.get("value"));
            }
            for (var en : o.entrySet()) {
                if (isEpochKey(en.getKey()) && en.getValue().isJsonPrimitive()) {
                    return asLong(en.getValue());
                }
            }
            for (var en : o.entrySet()) {
                OptionalLong nested = findEpoch(en.getValue());
                if (nested.isPresent()) {
                    return nested;
                }
            }
        } else if (e.isJsonArray()) {
            for (JsonElement x : e.getAsJsonArray()) {
                OptionalLong nested = findEpoch(x);
                if (nested.isPresent()) {
                    return nested;
                }
            }
        }
        return OptionalLong.empty();
    }

    private static boolean isEpochKey(String k) {
        return k.equals(EPOCH_TAG) || k.equals("tag:" + EPOCH_TAG);
    }

    private static OptionalLong asLong(JsonElement v) {
        try {
            return OptionalLong.of(new java.math.BigDecimal(v.getAsString().trim()).longValueExact());
        } catch (RuntimeException notANumber) {
            return OptionalLong.empty();
        }
    }

    private static String str(JsonObject o, String k) {
        return optString(o, k).orElse("");
    }

    private static Optional<String> optString(JsonObject o, String k) {
        JsonElement e = o.get(k);
        return e == null || e.isJsonNull() || !e.isJsonPrimitive() ? Optional.empty() : Optional.of(e.getAsString());
    }

    private static List<String> strings(JsonElement e) {
        List<String> out = new ArrayList<>();
        if (e != null && e.isJsonArray()) {
            for (JsonElement x : (JsonArray) e) {
                out.add(x.isJsonPrimitive() ? x.getAsString() : x.toString());
            }
        }
        return out;
    }
}
