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
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * MySQL Shell as the provider drives it, over {@link FakeWorld}: reads the session URI and the password from stdin,
 * answers {@code clusterset status} / {@code cluster status} with JSON shaped like the Shell's own (see
 * shared/upstream/mysql-shell/outputs), runs the AdminAPI scripts against the model and fails the way the Shell does
 * (not a member, already in a ClusterSet, errant transactions, unreachable primary, timeouts from injected faults).
 * Records every run (pod, argv, stdin) for the no-password checks.
 */
public final class FakeAdminApiShell implements MySqlShell {

    /** One run as the exec layer received it. */
    public record Invocation(PodRef pod, List<String> argv, String stdin) {
    }

    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();
    private static final Pattern STR = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");

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
        return !script.contains("v2_cs_clustersets") && !script.contains("@@server_uuid");
    }

    @Override
    public ShellResult run(PodRef pod, List<String> argv, char[] stdin, Duration timeout) {
        invocations.add(new Invocation(pod, List.copyOf(argv), new String(stdin)));
        if (!w.kubeUp(pod.kubeCluster())) {
            throw new ShellUnavailableException("exec into " + pod.pod() + ": connect to the Kubernetes API of '"
                    + pod.kubeCluster() + "' timed out", null);
        }
        FakeWorld.Cluster where = w.byPod(pod).map(Map.Entry::getKey).orElseThrow(() ->
                new ShellUnavailableException("pods \"" + pod.pod() + "\" not found", null));
        if (!argv.get(0).equals("mysqlsh") || !argv.contains("--passwords-from-stdin")) {
            return fail("unexpected command line");
        }
        String uri = argv.get(argv.indexOf("--uri") + 1);
        String user = URLDecoder.decode(uri.substring(0, uri.lastIndexOf('@')), StandardCharsets.UTF_8);
        String hostPort = uri.substring(uri.lastIndexOf('@') + 1);
        String host = hostPort.substring(0, hostPort.lastIndexOf(':'));
        String firstLine = new String(stdin).split("\n", -1)[0];
        Optional<Map.Entry<FakeWorld.Cluster, Integer>> target = w.byHost(host);
        if (target.isEmpty()) {
            return fail("MySQL Error 2005 (HY000): Unknown MySQL server host '" + host + "' (-2)");
        }
        FakeWorld.Cluster s = target.get().getKey();
        if (!w.reaches(where, s)) {
            return fail("MySQL Error 2003 (HY000): Can't connect to MySQL server on '" + host + ":3306' (110)");
        }
        if (!user.equals(w.user) || !firstLine.equals(w.password)) {
            return fail("MySQL Error 1045 (28000): Access denied for user '" + user + "'@'10.0.0.1' (using password: "
                    + "YES)");
        }
        int dashes = argv.indexOf("--");
        if (dashes >= 0) {
            return cli(s, argv.subList(dashes + 1, argv.size()));
        }
        return script(s, argv.get(argv.indexOf("-e") + 1));
    }

    // ------------------------------------------------------------------ CLI reads

    private ShellResult cli(FakeWorld.Cluster s, List<String> words) {
        synchronized (w) {
            if (words.equals(List.of("clusterset", "status", "--extended=1"))) {
                if (s.state != FakeWorld.State.ONLINE) {
                    return noCluster("ClusterSet.status", s);
                }
                if (w.cs == null || !w.cs.members.contains(s.member.name())) {
                    return fail("ERROR: Cluster is not part of a ClusterSet");
                }
                return ok(GSON.toJson(clusterSetStatus(s)));
            }
            if (words.equals(List.of("cluster", "status"))) {
                if (s.state == FakeWorld.State.NONE || s.state == FakeWorld.State.DISSOLVED) {
                    return noCluster("Cluster.status", s);
                }
                return ok("WARNING: You are connected to an instance in state 'Read Only'\n"
                        + GSON.toJson(clusterStatus(s)));
            }
        }
        return fail("ERROR: Invalid command: " + String.join(" ", words));
    }

    private ShellResult noCluster(String op, FakeWorld.Cluster s) {
        return s.state == FakeWorld.State.DISSOLVED
                ? fail(op + ": This function is not available through a session to a standalone instance (metadata "
                + "exists, instance belongs to that metadata, but GR is not active)")
                : fail(op + ": This function is not available through a session to a standalone instance");
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
                if (reachable && !invalidated) {
                    repl.put("applierStatus", "APPLIED_ALL");
                    repl.put("applierThreadState", "Waiting for an event from Coordinator");
                    repl.put("applierWorkerThreads", 4);
                    repl.put("receiver", address(c, c.inMetadata.isEmpty() ? 0 : c.inMetadata.iterator().next()));
                    repl.put("receiverStatus", "ON");
                    repl.put("receiverThreadState", "Waiting for source to send event");
                    repl.put("replicationSsl", "TLS_AES_256_GCM_SHA384 TLSv1.3");
                    repl.put("replicationSslMode", "REQUIRED");
                    repl.put("source", address(primary, 0));
                }
                o.put("clusterSetReplication", repl);
                o.put("clusterSetReplicationStatus", !reachable ? "UNKNOWN" : invalidated ? "MISSING" : "OK");
            }
            String global = invalidated ? "INVALIDATED" : !reachable ? "UNKNOWN" : "OK";
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
                    inst.put("status", "ONLINE");
                    inst.put("version", "8.4.3");
                    topology.put(address(c, i), inst);
                    first = false;
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
            out.put("globalPrimaryInstance", address(primary, primary.inMetadata.iterator().next()));
            out.put("metadataServer", address(primary, primary.inMetadata.iterator().next()));
        }
        out.put("primaryCluster", primary.name);
        out.put("status", !primaryOk ? "UNAVAILABLE" : allOk ? "HEALTHY" : "AVAILABLE");
        out.put("statusText", !primaryOk ? "Primary Cluster is not reachable from the Shell."
                : allOk ? "All Clusters available." : "Primary Cluster available, there are issues with a Replica "
                + "cluster.");
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
        rs.put("statusText", starting ? "Cluster has no quorum as visible from the instance."
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
            inst.put("version", "8.4.3");
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
        }
        out.put("defaultReplicaSet", rs);
        out.put("groupInformationSourceMember", address(s, s.inMetadata.iterator().next()));
        return out;
    }

    // ------------------------------------------------------------------ scripts

    private static final Pattern CREATE_CS = Pattern.compile("dba\\.getCluster\\(\\)\\.createClusterSet\\(\"([^\"]+)\"\\)");
    private static final Pattern CREATE_REPLICA = Pattern.compile(
            "dba\\.getClusterSet\\(\\)\\.createReplicaCluster\\(\"([^\"]+)\", \"([^\"]+)\", \\{recoveryMethod: 'clone'\\}\\)");
    private static final Pattern ADD_INSTANCE = Pattern.compile(
            "dba\\.getCluster\\(\\)\\.addInstance\\(\"([^\"]+)\", \\{recoveryMethod: 'clone'\\}\\)");
    private static final Pattern SET_PRIMARY = Pattern.compile("dba\\.getClusterSet\\(\\)\\.setPrimaryCluster\\(\"([^\"]+)\"\\)");
    private static final Pattern FORCE_PRIMARY = Pattern.compile("dba\\.getClusterSet\\(\\)\\.forcePrimaryCluster\\(\"([^\"]+)\"\\)");
    private static final Pattern REJOIN = Pattern.compile("dba\\.getClusterSet\\(\\)\\.rejoinCluster\\(\"([^\"]+)\"\\)");
    private static final Pattern REMOVE = Pattern.compile("dba\\.getClusterSet\\(\\)\\.removeCluster\\(\"([^\"]+)\"\\)");
    private static final Pattern EPOCH = Pattern.compile(
            "dba\\.getClusterSet\\(\\)\\.setOption\\(\"tag:mysqlcs_primary_epoch\", (\\d+)\\)");

    private ShellResult script(FakeWorld.Cluster s, String script) {
        if (script.contains("v2_cs_clustersets")) {
            synchronized (w) {
                Object md = null;
                if (w.cs != null && w.cs.members.contains(s.member.name()) && s.state == FakeWorld.State.ONLINE) {
                    Map<String, Object> attributes = new LinkedHashMap<>();
                    attributes.put("opt_gtidSetIsComplete", false);
                    if (w.cs.epoch != null) {
                        attributes.put("tags", Map.of("mysqlcs_primary_epoch", w.cs.epoch));
                    }
                    md = new Gson().toJson(Map.of("attributes", attributes));
                }
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("clusterSetMetadata", md);
                return ok(new GsonBuilder().serializeNulls().create().toJson(out));
            }
        }
        if (script.contains("@@server_uuid")) {
            synchronized (w) {
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("serverUuid", s.pods.get(0).uuid);
                boolean gr = s.state == FakeWorld.State.ONLINE || s.state == FakeWorld.State.STARTING
                        || s.state == FakeWorld.State.DISSOLVED;
                out.put("groupName", gr ? s.groupUuid : "");
                out.put("viewChangeUuid", "AUTOMATIC");
                return ok(new Gson().toJson(out));
            }
        }
        Matcher m;
        if ((m = CREATE_CS.matcher(script)).find()) {
            String domain = m.group(1);
            return mutate("createClusterSet", () -> {
                if (s.state != FakeWorld.State.ONLINE) {
                    return noCluster("Dba.getCluster", s);
                }
                if (w.cs != null && w.cs.members.contains(s.member.name())) {
                    return fail("Cluster.createClusterSet: This function is not available through a session to an "
                            + "InnoDB Cluster that belongs to an InnoDB ClusterSet");
                }
                w.cs = new FakeWorld.ClusterSetState();
                w.cs.domain = domain;
                w.cs.primary = s.member.name();
                w.cs.members.add(s.member.name());
                w.metadataWrite();
                return okMutation("createClusterSet", "ClusterSet successfully created. Use "
                        + "ClusterSet.createReplicaCluster() to add Replica Clusters to it.");
            });
        }
        if (script.contains("typeof cs.dissolve")) {
            return mutate("dissolveClusterSet", () -> {
                Optional<ShellResult> err = needClusterSet("ClusterSet.dissolve", s);
                if (err.isPresent()) {
                    return err.get();
                }
                if (w.cs.members.size() > 1) {
                    return fail("ClusterSet.dissolve: the ClusterSet has replica clusters");
                }
                FakeWorld.Cluster p = w.csPrimary();
                p.state = FakeWorld.State.DISSOLVED;
                p.inMetadata.clear();
                w.cs = null;
                return okMutation("dissolveClusterSet", "The ClusterSet was successfully dissolved.\nReplication was "
                        + "disabled but user data was left intact.");
            });
        }
        if (script.contains("dba.getCluster().dissolve()")) {
            return mutate("dissolve", () -> {
                if (s.state != FakeWorld.State.ONLINE && s.state != FakeWorld.State.STARTING) {
                    return noCluster("Dba.getCluster", s);
                }
                if (w.cs != null && w.cs.members.contains(s.member.name())) {
                    return fail("Cluster.dissolve: This function is not available through a session to an InnoDB "
                            + "Cluster that belongs to an InnoDB ClusterSet");
                }
                s.state = FakeWorld.State.DISSOLVED;
                s.inMetadata.clear();
                return okMutation("dissolve", "The cluster was successfully dissolved.\nReplication was disabled but "
                        + "user data was left intact.");
            });
        }
        if ((m = CREATE_REPLICA.matcher(script)).find()) {
            String instance = m.group(1);
            String name = m.group(2);
            return mutate("createReplicaCluster", () -> {
                Optional<ShellResult> err = needClusterSet("ClusterSet.createReplicaCluster", s);
                if (err.isPresent()) {
                    return err.get();
                }
                FakeWorld.Cluster p = w.csPrimary();
                if (!w.reaches(s, p)) {
                    return unreachablePrimary("ClusterSet.createReplicaCluster", p);
                }
                String host = instance.substring(instance.indexOf('@') + 1, instance.lastIndexOf(':'));
                var t = w.byHost(host).orElse(null);
                if (t == null || !w.reaches(p, t.getKey())) {
                    return fail("ClusterSet.createReplicaCluster: Could not open connection to '" + host + ":3306': "
                            + "Can't connect to MySQL server on '" + host + ":3306' (110)");
                }
                FakeWorld.Cluster target = t.getKey();
                if (target.state == FakeWorld.State.ONLINE || target.state == FakeWorld.State.STARTING) {
                    return fail("ClusterSet.createReplicaCluster: The instance '" + host + ":3306' is already part of "
                            + "an InnoDB Cluster");
                }
                // Clone: the target's data is replaced by a physical copy of the primary.
                FakeWorld.Instance pod = target.pods.get(t.getValue());
                pod.copyFrom(p.primaryPod());
                pod.superReadOnly = true;
                target.state = FakeWorld.State.ONLINE;
                target.name = name;
                target.groupUuid = FakeWorld.uuid();
                target.inMetadata.clear();
                target.inMetadata.add(t.getValue());
                target.fenced = false;
                w.cs.members.add(target.member.name());
                w.metadataWrite();
                return okMutation("createReplicaCluster", "Replica Cluster '" + name + "' successfully created on "
                        + "ClusterSet '" + w.cs.domain + "'.");
            });
        }
        if ((m = ADD_INSTANCE.matcher(script)).find()) {
            String instance = m.group(1);
            return mutate("addInstance", () -> {
                if (s.state != FakeWorld.State.ONLINE) {
                    return noCluster("Dba.getCluster", s);
                }
                String host = instance.substring(instance.indexOf('@') + 1, instance.lastIndexOf(':'));
                var t = w.byHost(host).orElse(null);
                if (t == null || t.getKey() != s) {
                    return fail("Cluster.addInstance: Could not open connection to '" + host + ":3306'");
                }
                if (s.inMetadata.contains(t.getValue())) {
                    return fail("Cluster.addInstance: The instance '" + host + ":3306' is already part of this "
                            + "InnoDB cluster");
                }
                FakeWorld.Instance pod = s.pods.get(t.getValue());
                pod.copyFrom(s.primaryPod());
                pod.superReadOnly = true;
                s.inMetadata.add(t.getValue());
                w.metadataWrite();
                return okMutation("addInstance", "The instance '" + host + ":3306' was successfully added to the "
                        + "cluster.");
            });
        }
        if ((m = SET_PRIMARY.matcher(script)).find()) {
            String name = m.group(1);
            return mutate("setPrimaryCluster", () -> {
                Optional<ShellResult> err = needClusterSet("ClusterSet.setPrimaryCluster", s);
                if (err.isPresent()) {
                    return err.get();
                }
                FakeWorld.Cluster p = w.csPrimary();
                if (!w.reaches(s, p)) {
                    return unreachablePrimary("ClusterSet.setPrimaryCluster", p);
                }
                FakeWorld.Cluster target = clusterNamed(name);
                if (target == null || !w.cs.members.contains(target.member.name())) {
                    return fail("ClusterSet.setPrimaryCluster: The cluster with the name '" + name + "' is not a part "
                            + "of the ClusterSet");
                }
                if (target == p) {
                    return okMutation("setPrimaryCluster", "Cluster '" + name + "' is already the PRIMARY cluster.");
                }
                p.pods.forEach(x -> x.superReadOnly = true);
                w.cs.primary = target.member.name();
                target.primaryPod().superReadOnly = false;
                w.metadataWrite();
                return okMutation("setPrimaryCluster", "Cluster '" + name + "' was promoted to PRIMARY of the "
                        + "clusterset.");
            });
        }
        if ((m = FORCE_PRIMARY.matcher(script)).find()) {
            String name = m.group(1);
            return mutate("forcePrimaryCluster", () -> {
                Optional<ShellResult> err = needClusterSet("ClusterSet.forcePrimaryCluster", s);
                if (err.isPresent()) {
                    return err.get();
                }
                FakeWorld.Cluster p = w.csPrimary();
                FakeWorld.Cluster target = clusterNamed(name);
                if (target == null || !w.cs.members.contains(target.member.name())) {
                    return fail("ClusterSet.forcePrimaryCluster: The cluster with the name '" + name + "' is not a "
                            + "part of the ClusterSet");
                }
                if (w.reaches(s, p)) {
                    return fail("ClusterSet.forcePrimaryCluster: The PRIMARY cluster '" + p.name + "' is still "
                            + "available; use setPrimaryCluster() for a switchover");
                }
                w.cs.invalidated.add(p.member.name());
                w.cs.primary = target.member.name();
                target.primaryPod().superReadOnly = false;
                w.metadataWrite();
                return okMutation("forcePrimaryCluster", "PRIMARY cluster failed-over to '" + name + "'.\nFormer "
                        + "PRIMARY cluster '" + p.name + "' was INVALIDATED, transactions that were not yet replicated "
                        + "may be lost.");
            });
        }
        if (script.contains("dba.getCluster().fenceWrites()")) {
            return mutate("fenceWrites", () -> {
                if (s.state != FakeWorld.State.ONLINE) {
                    return noCluster("Dba.getCluster", s);
                }
                s.fenced = true;
                s.pods.forEach(x -> x.superReadOnly = true);
                return okMutation("fenceWrites", "Cluster successfully fenced from write traffic");
            });
        }
        if ((m = REJOIN.matcher(script)).find()) {
            String name = m.group(1);
            return mutate("rejoinCluster", () -> {
                Optional<ShellResult> err = needClusterSet("ClusterSet.rejoinCluster", s);
                if (err.isPresent()) {
                    return err.get();
                }
                FakeWorld.Cluster p = w.csPrimary();
                FakeWorld.Cluster x = clusterNamed(name);
                if (!w.reaches(s, p) || x == null || !w.reaches(p, x)) {
                    return unreachablePrimary("ClusterSet.rejoinCluster", p);
                }
                if (!w.cs.invalidated.contains(x.member.name())) {
                    return okMutation("rejoinCluster", "Cluster '" + name + "' is not invalidated");
                }
                String errant = FakeGtids.subtract(x.primaryPod().gtids, p.primaryPod().gtids);
                if (!errant.isEmpty()) {
                    return fail("ClusterSet.rejoinCluster: The Cluster '" + name + "' has errant transactions that "
                            + "are not present in the PRIMARY cluster: " + errant.replace('\n', ' '));
                }
                w.cs.invalidated.remove(x.member.name());
                x.fenced = false;
                x.pods.forEach(pod -> pod.superReadOnly = true);
                w.metadataWrite();
                return okMutation("rejoinCluster", "Cluster '" + name + "' was rejoined to the clusterset");
            });
        }
        if ((m = REMOVE.matcher(script)).find()) {
            String name = m.group(1);
            return mutate("removeCluster", () -> {
                Optional<ShellResult> err = needClusterSet("ClusterSet.removeCluster", s);
                if (err.isPresent()) {
                    return err.get();
                }
                FakeWorld.Cluster p = w.csPrimary();
                if (!w.reaches(s, p)) {
                    return unreachablePrimary("ClusterSet.removeCluster", p);
                }
                FakeWorld.Cluster x = clusterNamed(name);
                if (x == null || !w.cs.members.contains(x.member.name())) {
                    return fail("ClusterSet.removeCluster: The cluster with the name '" + name + "' is not a part of "
                            + "the ClusterSet");
                }
                if (x == p) {
                    return fail("ClusterSet.removeCluster: The PRIMARY cluster cannot be removed");
                }
                w.cs.members.remove(x.member.name());
                w.cs.invalidated.remove(x.member.name());
                w.metadataWrite();
                return okMutation("removeCluster", "The Cluster '" + name + "' was removed from the ClusterSet.");
            });
        }
        if ((m = EPOCH.matcher(script)).find()) {
            long epoch = Long.parseLong(m.group(1));
            return mutate("setOption", () -> {
                Optional<ShellResult> err = needClusterSet("ClusterSet.setOption", s);
                if (err.isPresent()) {
                    return err.get();
                }
                FakeWorld.Cluster p = w.csPrimary();
                if (!w.reaches(s, p)) {
                    return unreachablePrimary("ClusterSet.setOption", p);
                }
                w.cs.epoch = epoch;
                w.metadataWrite();
                return okMutation("setOption", "Successfully set the value of 'tag:mysqlcs_primary_epoch' to '"
                        + epoch + "' in the ClusterSet.");
            });
        }
        return fail("SyntaxError: unexpected script: " + script);
    }

    private FakeWorld.Cluster clusterNamed(String mysqlName) {
        return w.clusters.values().stream().filter(c -> c.name.equals(mysqlName)).findFirst().orElse(null);
    }

    private Optional<ShellResult> needClusterSet(String op, FakeWorld.Cluster s) {
        if (s.state != FakeWorld.State.ONLINE) {
            return Optional.of(noCluster(op, s));
        }
        if (w.cs == null || !w.cs.members.contains(s.member.name())) {
            return Optional.of(fail(op + ": Cluster is not part of a ClusterSet"));
        }
        return Optional.empty();
    }

    private ShellResult unreachablePrimary(String op, FakeWorld.Cluster p) {
        return fail(op + ": Could not connect to any ONLINE members of the PRIMARY cluster '" + p.name + "': "
                + "Can't connect to MySQL server on '" + address(p, 0) + "' (110)");
    }

    private ShellResult mutate(String operation, Supplier<ShellResult> apply) {
        return w.mutate(operation, () -> {
                    synchronized (w) {
                        return apply.get();
                    }
                },
                () -> new ShellUnavailableException("exec stream closed before " + operation + " started", null),
                () -> new ShellTimeoutException(operation + " did not answer in time"));
    }

    private ShellResult okMutation(String operation, String text) {
        w.recordMutation(operation);
        return ok(text);
    }

    private static ShellResult ok(String stdout) {
        return new ShellResult(0, stdout + "\n", "");
    }

    private static ShellResult fail(String stderr) {
        return new ShellResult(1, "", stderr + "\n");
    }

    static String unquote(String js) {
        Matcher m = STR.matcher(js);
        return m.find() ? m.group(1) : js;
    }
}
