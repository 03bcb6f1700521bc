package dev.mysqlcs.io;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
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
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * MySQL Shell AdminAPI calls: builds each mysqlsh command line, runs it through {@link MySqlShell} with the password on
 * stdin only, parses the JSON the Shell prints and maps its errors to {@link AdminApiException}s. One method per
 * AdminAPI operation; none of the mutating ones is idempotent in the Shell, so callers read state first.
 *
 * <p>What the Shell does, as read in mysql/mysql-shell 8.4.8 and 9.6.0:
 * <ul>
 * <li>{@code --passwords-from-stdin} answers password prompts with one line of stdin each
 * ({@code mysh_get_stdin_password}, mysqlshdk/libs/utils/utils_general.cc: {@code fgets} into 128 bytes, cut at the
 * first CR or LF). The only prompt is the one for the {@code --uri} session: every AdminAPI connection to another
 * instance copies that session's user and password ({@code Base_cluster_impl::connect_target_instance},
 * {@code Instance_pool} default auth options). So exactly one line is sent; a further line would be read as the
 * answer to the next confirmation prompt.</li>
 * <li>That prompt exists only while wizards are on: {@code Mysql_shell::connect} passes {@code options().wizards} as
 * {@code prompt_for_password} (src/mysqlsh/mysql_shell.cc), so {@code --no-wizard} connects with no password at all.
 * Wizards stay on for the connection and every script turns them off first ({@code shell.options.useWizards}) so
 * that no AdminAPI call prompts (e.g. {@code Cluster.dissolve} confirms when wizards are on, and a confirmation
 * re-prompts forever on end of input: src/mysqlsh/prompt_handler.cc).</li>
 * <li>{@code --credential-store-helper=<disabled>}: a password stored in the sidecar's credential store would be used
 * instead of prompting (modules/mod_utils.cc {@code establish_session}), leaving the stdin line unread.</li>
 * <li>Command-line API form ({@code mysqlsh [options] -- object operation args}): everything after {@code --} belongs
 * to the operation (mysqlshdk/shellcore/shell_options.cc {@code custom_cmdline_handler}), so {@code --json=raw} goes
 * before it. With it, the result is one compact JSON line on stdout, console messages are one-key objects on stdout
 * and a failure is {@code {"error":"<message>\n"}} with exit code 1, without the MYSQLSH code (src/mysqlsh/main.cc).
 * A failed {@code --uri} connection is printed to stderr as {@code MySQL Error <n> (<state>): <message>}.</li>
 * <li>Script form ({@code --js -e}): no {@code --json}, or {@code print()} output would be wrapped in
 * {@code {"info": ...}}; an uncaught error goes to stderr as {@code <Class.method>: <message> (<type> <code>)}, e.g.
 * {@code (MYSQLSH 51152)} or {@code (MySQL Error 2003)} (mysqlshdk/scripting/polyglot/utils/polyglot_error.cc), exit
 * code 1.</li>
 * </ul>
 */
public final class AdminApi {

    /**
     * AdminAPI custom tag holding the primary epoch. It is set on the PRIMARY cluster with
     * {@code Cluster.setOption('tag:...', n)}, stored in {@code mysql_innodb_cluster_metadata.clusters.attributes}
     * under {@code $.tags} of that cluster's row, and replicates to every member with the rest of the metadata.
     * {@code ClusterSet.setOption('tag:...')} is accepted by the Shell but stores nothing: it runs the same cluster tag
     * UPDATE with the ClusterSet's id as {@code cluster_id}, which matches no row
     * ({@code Base_cluster_impl::set_option} / {@code MetadataStorage::set_cluster_tag}), and
     * {@code ClusterSet.options()} lists no tags.
     */
    public static final String EPOCH_TAG = "mysqlcs_primary_epoch";

    public static final int MYSQL_PORT = 3306;
    /** Lines of stdin the Shell reads: one password prompt, for the {@code --uri} session. */
    static final int PASSWORD_LINES = 1;
    /** {@code fgets(buffer, 128, stdin)}: the longest password one stdin line delivers intact. */
    static final int MAX_STDIN_PASSWORD_BYTES = 127;

    static final String CREDENTIAL_STORE_OFF = "--credential-store-helper=<disabled>";
    /** First statement of every script: no AdminAPI call may prompt (see the class comment). */
    static final String NO_PROMPTS = "shell.options.useWizards = false;\n";
    /**
     * The epoch tags of every member of the ClusterSet the session's instance belongs to, as one JSON document
     * {@code {"clusters": [{"cluster": name, "epoch": value-or-null}, ...]}}; {@code "clusters": null} when that
     * instance is in no ClusterSet. Only metadata views and tables of schema 2.x (2.2.0 in Shell 8.4, 2.4.0 in 9.x).
     */
    public static final String EPOCH_SQL = "SELECT CAST(JSON_OBJECT('clusters', JSON_ARRAYAGG(JSON_OBJECT("
            + "'cluster', m.cluster_name, 'epoch', c.attributes->'$.tags." + EPOCH_TAG + "'))) AS CHAR)"
            + " FROM mysql_innodb_cluster_metadata.v2_cs_members m"
            + " JOIN mysql_innodb_cluster_metadata.clusters c ON c.cluster_id = m.cluster_id"
            + " WHERE m.clusterset_id = (SELECT c2.clusterset_id FROM mysql_innodb_cluster_metadata.v2_this_instance t"
            + " JOIN mysql_innodb_cluster_metadata.clusters c2 ON c2.cluster_id = t.cluster_id)";

    private static final Gson GSON =
            new com.google.gson.GsonBuilder().disableHtmlEscaping().create();

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
    public record LocalIdentity(String serverUuid, Optional<String> groupName, Optional<String> viewChangeUuid) {}

    public AdminApi(MySqlShell shell, Credentials credentials, Duration readTimeout) {
        this.shell = shell;
        this.credentials = credentials;
        this.readTimeout = readTimeout;
    }

    // ---------------------------------------------------------------- reads

    /** {@code clusterset status --extended=1}, i.e. {@code dba.getClusterSet().status({extended: 1})}. */
    public ClusterSetStatus clusterSetStatus(Target t) {
        String op = "clusterset status";
        ShellResult r = run(op, t, cli("clusterset", "status", "--extended=1"), readTimeout);
        JsonObject o = ShellJson.lastResult(r.stdout(), j -> j.has("clusters") && j.has("primaryCluster"))
                .orElseThrow(() -> new AdminApiException.CommandFailed(
                        op, "no ClusterSet status in the output of " + t + ": " + snippet(r.stdout())));
        return parseClusterSetStatus(o);
    }

    /** {@code cluster status} of the InnoDB cluster the target instance belongs to. */
    public InnoDbClusterStatus clusterStatus(Target t) {
        String op = "cluster status";
        ShellResult r = run(op, t, cli("cluster", "status"), readTimeout);
        JsonObject o = ShellJson.lastResult(r.stdout(), j -> j.has("defaultReplicaSet"))
                .orElseThrow(() -> new AdminApiException.CommandFailed(
                        op, "no cluster status in the output of " + t + ": " + snippet(r.stdout())));
        return parseClusterStatus(o);
    }

    /**
     * The primary epoch as the target's copy of the metadata records it: the highest {@link #EPOCH_TAG} of the
     * ClusterSet's member clusters ({@link #setPrimaryEpoch} tags the primary of the moment, so older primaries keep
     * older epochs); empty if none was recorded.
     *
     * @throws AdminApiException.NotInClusterSet when the target's instance is in no ClusterSet
     */
    public OptionalLong primaryEpoch(Target t) {
        String op = "read primary epoch";
        ShellResult r = run(op, t, js("print(session.runSql(" + q(EPOCH_SQL) + ").fetchOne()[0]);\n"), readTimeout);
        JsonObject o = ShellJson.lastResult(r.stdout(), j -> j.has("clusters"))
                .orElseThrow(() -> new AdminApiException.CommandFailed(
                        op, "unexpected output from " + t + ": " + snippet(r.stdout())));
        return epochOf(o)
                .orElseThrow(() -> new AdminApiException.NotInClusterSet(op, "no ClusterSet metadata on " + t));
    }

    /**
     * The epoch in one {@link #EPOCH_SQL} document: empty outside a ClusterSet, else the highest integer tag (empty
     * inside when no member has one).
     */
    static Optional<OptionalLong> epochOf(JsonObject doc) {
        JsonElement clusters = doc.get("clusters");
        if (clusters == null || !clusters.isJsonArray()) {
            return Optional.empty();
        }
        OptionalLong max = OptionalLong.empty();
        for (JsonElement c : clusters.getAsJsonArray()) {
            JsonElement epoch = c.isJsonObject() ? c.getAsJsonObject().get("epoch") : null;
            OptionalLong e = epoch == null || epoch.isJsonNull() || !epoch.isJsonPrimitive()
                    ? OptionalLong.empty()
                    : asLong(epoch);
            if (e.isPresent() && (max.isEmpty() || e.getAsLong() > max.getAsLong())) {
                max = e;
            }
        }
        return Optional.of(max);
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
                .orElseThrow(() -> new AdminApiException.CommandFailed(
                        op, "unexpected output from " + t + ": " + snippet(r.stdout())));
        return new LocalIdentity(
                o.get("serverUuid").getAsString().toLowerCase(Locale.ROOT),
                optString(o, "groupName").filter(s -> !s.isBlank()).map(s -> s.toLowerCase(Locale.ROOT)),
                optString(o, "viewChangeUuid").filter(s -> s.contains("-")).map(s -> s.toLowerCase(Locale.ROOT)));
    }

    /**
     * The routers registered in the target's ClusterSet ({@code clusterSet.listRouters()}: {@code {domainName, routers:
     * {"<address>::<name>": {hostname, lastCheckIn, ..., targetCluster, version}}}}, common/router.cc
     * clusterset_list_routers, validation file js_adminapi_clusterset/validation/cs_router_management.js) with, for
     * each, the effective value of each ClusterSet routing option as JSON text (the router's own, else the
     * ClusterSet's, else the Shell's default, common/router.cc k_default_clusterset_router_options; target_cluster as
     * the cluster's name) and, under {@code tags}, the router's own tags only.
     *
     * <p>The options are read from the metadata the Shell writes them to (metadata_storage.cc set_routing_option:
     * {@code routers.options}; set_global_routing_option: {@code clustersets.router_options}), as the Shell's own
     * {@code routingOptions()} read them (9.3.0 metadata_storage.cc get_routing_options). {@code routingOptions()}
     * itself is gone from Shell 9.4.0 on (mod_dba_cluster_set.cc exposes only {@code routerOptions()}, whose
     * {@code routing_rules} merge the ClusterSet's and the router's values, tags included: metadata_storage.cc
     * k_select_router_options JSON_MERGE_PATCH), while the operator 2.2.8 ships Shell 9.7.0.
     */
    public Map<String, Map<String, String>> routerOptions(Target t) {
        // (The three statements run against the real metadata schemas 2.2.0 and 2.4.0 in AdminApiEpochSqlIT.)
        String op = "router options";
        String script = "var cs = dba.getClusterSet();\n"
                + "function j(v) { return v === null ? null : (typeof v === 'string' ? JSON.parse(v) : v); }\n"
                + "var out = {routers: cs.listRouters().routers, own: {}, global: {}, groups: {}};\n"
                + "var r = session.runSql(" + q(ROUTER_OPTIONS_SQL) + ", [cs.getName()]);\n"
                + "var row; while ((row = r.fetchOne())) { out.own[row[0]] = j(row[1]) || {}; }\n"
                + "r = session.runSql(" + q(CLUSTERSET_ROUTER_OPTIONS_SQL) + ", [cs.getName()]);\n"
                + "if ((row = r.fetchOne())) { out.global = j(row[0]) || {}; }\n"
                + "r = session.runSql(" + q(CLUSTER_GROUPS_SQL) + ");\n"
                + "while ((row = r.fetchOne())) { out.groups[row[1]] = row[0]; }\n"
                + "print(JSON.stringify(out));\n";
        ShellResult r = run(op, t, js(script), readTimeout);
        JsonObject o = ShellJson.lastResult(r.stdout(), j -> j.has("routers") && j.has("own"))
                .orElseThrow(() -> new AdminApiException.CommandFailed(
                        op, "unexpected output from " + t + ": " + snippet(r.stdout())));
        return parseRouterOptions(o);
    }

    /** Each InnoDB cluster's name by its Group Replication group name, as routing options store target_cluster. */
    public static final String CLUSTER_GROUPS_SQL =
            "SELECT cluster_name, group_name FROM " + "mysql_innodb_cluster_metadata.v2_gr_clusters";

    /** Each router's own options ({@code routers.options}) by label, for the ClusterSet of the given domain name. */
    public static final String ROUTER_OPTIONS_SQL = "SELECT CONCAT(r.address, '::', r.router_name), r.options FROM "
            + "mysql_innodb_cluster_metadata.routers r JOIN mysql_innodb_cluster_metadata.clustersets cs ON "
            + "cs.clusterset_id = r.clusterset_id WHERE cs.domain_name = ?";

    /** The ClusterSet's own router options ({@code clustersets.router_options}) of the given domain name. */
    public static final String CLUSTERSET_ROUTER_OPTIONS_SQL =
            "SELECT router_options FROM mysql_innodb_cluster_metadata.clustersets WHERE domain_name = ?";

    /** common/router.cc k_default_clusterset_router_options, without the null ones (stats_updates_frequency). */
    static final Map<String, Object> CLUSTERSET_ROUTER_DEFAULTS = Map.of(
            dev.mysqlcs.model.RoutingOptions.INVALIDATED_CLUSTER_POLICY, "drop_all",
            dev.mysqlcs.model.RoutingOptions.TARGET_CLUSTER, "primary",
            dev.mysqlcs.model.RoutingOptions.USE_REPLICA_PRIMARY_AS_RW, false,
            dev.mysqlcs.model.RoutingOptions.READ_ONLY_TARGETS, "secondaries");

    static Map<String, Map<String, String>> parseRouterOptions(JsonObject o) {
        JsonObject routers = object(o, "routers");
        JsonObject own = object(o, "own");
        JsonObject global = object(o, "global");
        JsonObject groups = object(o, "groups");
        Map<String, Map<String, String>> out = new java.util.TreeMap<>();
        for (String label : routers.keySet()) {
            Map<String, String> effective = new java.util.TreeMap<>();
            JsonObject mine = object(own, label);
            for (String option : dev.mysqlcs.model.RoutingOptions.OPTIONS) {
                Object v = javaValue(mine.get(option));
                if (option.equals(dev.mysqlcs.model.RoutingOptions.TAGS)) {
                    // The router's own tags only: the config sets those (setRoutingOption(router, 'tags', ...)).
                    if (v != null) {
                        effective.put(option, dev.mysqlcs.model.RoutingOptions.json(v));
                    }
                    continue;
                }
                if (v == null) {
                    v = javaValue(global.get(option));
                }
                if (v == null) {
                    v = CLUSTERSET_ROUTER_DEFAULTS.get(option);
                }
                if (v == null) {
                    continue;
                }
                if (option.equals(dev.mysqlcs.model.RoutingOptions.TARGET_CLUSTER)
                        && groups.has(v.toString())
                        && groups.get(v.toString()).isJsonPrimitive()) {
                    // router.cc validate_router_option stores a cluster's group_replication_group_name
                    v = groups.get(v.toString()).getAsString();
                }
                effective.put(option, dev.mysqlcs.model.RoutingOptions.json(v));
            }
            out.put(label, effective);
        }
        return out;
    }

    private static JsonObject object(JsonObject o, String field) {
        return o.has(field) && o.get(field).isJsonObject() ? o.getAsJsonObject(field) : new JsonObject();
    }

    /** A JSON value as the config holds one: String, Long (whole numbers), BigDecimal, Boolean, sorted Map, List. */
    static Object javaValue(JsonElement e) {
        if (e == null || e.isJsonNull()) {
            return null;
        }
        if (e.isJsonObject()) {
            Map<String, Object> m = new java.util.TreeMap<>();
            e.getAsJsonObject().entrySet().forEach(en -> m.put(en.getKey(), javaValue(en.getValue())));
            return m;
        }
        if (e.isJsonArray()) {
            List<Object> l = new java.util.ArrayList<>();
            e.getAsJsonArray().forEach(x -> l.add(javaValue(x)));
            return l;
        }
        com.google.gson.JsonPrimitive p = e.getAsJsonPrimitive();
        if (p.isBoolean()) {
            return p.getAsBoolean();
        }
        if (p.isNumber()) {
            java.math.BigDecimal d = p.getAsBigDecimal();
            try {
                return d.stripTrailingZeros().toBigIntegerExact().longValueExact();
            } catch (ArithmeticException notWhole) {
                return d;
            }
        }
        return p.getAsString();
    }

    // ---------------------------------------------------------------- mutations

    /**
     * {@code clusterSet.setRoutingOption(router, option, value)} (mod_dba_cluster_set.cc setRoutingOption: one router
     * when its label is given); {@code value} is a JSON literal of a value the config validation accepted.
     */
    public void setRoutingOption(Target t, String router, String option, String value, Duration timeout) {
        run(
                "setRoutingOption " + option,
                t,
                mutation(
                        "dba.getClusterSet().setRoutingOption(" + q(router) + ", " + q(option) + ", "
                                + GSON.toJson(com.google.gson.JsonParser.parseString(value)) + ");\n",
                        timeout),
                timeout);
    }

    /**
     * {@code cluster.removeRouterMetadata(router)} on the target's InnoDB cluster (mod_dba_cluster.cc; a ClusterSet
     * has no such method, mod_dba_cluster_set.cc exposes none). base_cluster_impl.cc remove_router_metadata needs the
     * cluster's primary and a global status of exactly OK, and for a ClusterSet member writes to the ClusterSet
     * primary's metadata (cluster_impl.cc acquire_primary); the router is found by address and name in the whole
     * metadata (metadata_storage.cc remove_router), else "Invalid router instance '<label>'".
     */
    public void removeRouterMetadata(Target t, String router, Duration timeout) {
        run(
                "removeRouterMetadata",
                t,
                mutation("dba.getCluster().removeRouterMetadata(" + q(router) + ");\n", timeout),
                timeout);
    }

    /**
     * How the provider creates and extends a replica cluster: as the MySQL Operator creates its own clusters
     * (mysql/mysql-operator mysqloperator/controller/innodbcluster/cluster_controller.py {@code create_cluster} and
     * {@code join_instance}): {@code manualStartOnBoot: true} ("The operator manages GR"), {@code exitStateAction:
     * 'ABORT_SERVER'} (common_gr_options: an expelled member restarts its container, which the operator acts upon),
     * {@code memberSslMode} REQUIRED for self-signed certificates, VERIFY_IDENTITY otherwise, and for certificate
     * authentication the member's certificate subject ({@code get_tls_issuer_and_subject_rdns}, "/CN=..." form).
     */
    public record MemberOptions(String memberSslMode, Optional<String> certSubject, Optional<String> certIssuer) {
        public static final String EXIT_STATE_ACTION = "ABORT_SERVER";

        public MemberOptions(String memberSslMode, Optional<String> certSubject) {
            this(memberSslMode, certSubject, Optional.empty());
        }

        public static MemberOptions selfSigned() {
            return new MemberOptions("REQUIRED", Optional.empty(), Optional.empty());
        }
    }

    /**
     * {@code dba.createCluster(name, options)} on the target instance with the options the MySQL Operator creates its
     * clusters with (cluster_controller.py create_cluster: gtidSetIsComplete, manualStartOnBoot, memberSslMode,
     * memberAuthType/certIssuer/certSubject for certificate authentication, common_gr_options). Used after
     * removeCluster dissolved a replica's cluster; the instance keeps its data, so its GTID set is not declared
     * complete.
     */
    public void createCluster(Target t, String clusterName, MemberOptions member, Duration timeout) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("gtidSetIsComplete", false);
        o.put("manualStartOnBoot", true);
        o.put("memberSslMode", member.memberSslMode());
        if (member.certSubject().isPresent()) {
            o.put("memberAuthType", "CERT_SUBJECT");
            member.certIssuer().ifPresent(i -> o.put("certIssuer", i));
            o.put("certSubject", member.certSubject().get());
        }
        o.put("exitStateAction", MemberOptions.EXIT_STATE_ACTION);
        run(
                "createCluster",
                t,
                mutation("dba.createCluster(" + q(clusterName) + ", " + GSON.toJson(o) + ");\n", timeout),
                timeout);
    }

    /** S2.13: {@code cluster.createClusterSet(domainName)} on the standalone cluster of the target. */
    public void createClusterSet(Target t, String domainName, Duration timeout) {
        run(
                "createClusterSet",
                t,
                mutation("dba.getCluster().createClusterSet(" + q(domainName) + ");\n", timeout),
                timeout);
    }

    /**
     * S2.14: {@code cluster.dissolve()} of the target's standalone InnoDB cluster (replication stops, data stays),
     * then {@code super_read_only} back ON on the session's server: dissolve turns it OFF on the primary and never
     * restores it (modules/adminapi/cluster/dissolve.cc), and the member must take no writes until the clone.
     */
    public void dissolveCluster(Target t, Duration timeout) {
        run(
                "dissolve",
                t,
                mutation(
                        "dba.getCluster().dissolve();\n" + "session.runSql(" + q(SUPER_READ_ONLY_ON) + ");\n", timeout),
                timeout);
    }

    /** Run after dissolve (and checked against a real mysqld by the slow group). */
    public static final String SUPER_READ_ONLY_ON = "SET GLOBAL super_read_only = ON";

    /**
     * S2.14: {@code clusterSet.createReplicaCluster(instance, name, options)} provisioned by clone, with the operator's
     * GR options ({@link MemberOptions}) and the Shell's {@code timeout} from the step timeout; the session of
     * {@code t} must reach the ClusterSet's primary. The instance is given as {@code host:port}: the Shell then takes
     * user and password from the session.
     */
    public void createReplicaCluster(
            Target t, String instanceHost, String clusterName, MemberOptions member, Duration timeout) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("recoveryMethod", "clone");
        o.put("timeout", shellWaitSeconds(timeout));
        o.put("manualStartOnBoot", true);
        o.put("exitStateAction", MemberOptions.EXIT_STATE_ACTION);
        o.put("memberSslMode", member.memberSslMode());
        member.certSubject().ifPresent(c -> o.put("certSubject", c));
        run(
                "createReplicaCluster",
                t,
                mutation(
                        "dba.getClusterSet().createReplicaCluster(" + q(instanceAddress(instanceHost)) + ", "
                                + q(clusterName) + ", " + GSON.toJson(o) + ");\n",
                        timeout),
                timeout);
    }

    /**
     * S2.16: {@code cluster.addInstance(host:port, options)} by clone, with the operator's {@code exitStateAction}
     * (and {@code certSubject}); {@code manualStartOnBoot} and the SSL mode are the cluster's (add_instance.cc).
     */
    public void addInstance(Target t, String instanceHost, MemberOptions member, Duration timeout) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("recoveryMethod", "clone");
        o.put("exitStateAction", MemberOptions.EXIT_STATE_ACTION);
        member.certSubject().ifPresent(c -> o.put("certSubject", c));
        run(
                "addInstance",
                t,
                mutation(
                        "dba.getCluster().addInstance(" + q(instanceAddress(instanceHost)) + ", " + GSON.toJson(o)
                                + ");\n",
                        timeout),
                timeout);
    }

    /**
     * S1.6: switchover, {@code clusterSet.setPrimaryCluster(name, {timeout, invalidateReplicaClusters})}; needs the
     * current primary reachable, and every replica reachable unless listed in {@code invalidate}.
     */
    public void setPrimaryCluster(Target t, String clusterName, List<String> invalidate, Duration timeout) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("timeout", shellWaitSeconds(timeout));
        if (!invalidate.isEmpty()) {
            o.put("invalidateReplicaClusters", invalidate);
        }
        run(
                "setPrimaryCluster",
                t,
                mutation(
                        "dba.getClusterSet().setPrimaryCluster(" + q(clusterName) + ", " + GSON.toJson(o) + ");\n",
                        timeout),
                timeout);
    }

    /**
     * S1.7: forced failover, {@code clusterSet.forcePrimaryCluster(name, {invalidateReplicaClusters})}; the old primary
     * becomes INVALIDATED. Its lock wait follows {@code dba.gtidWaitTimeout} (set by {@link #mutation}).
     */
    public void forcePrimaryCluster(Target t, String clusterName, List<String> invalidate, Duration timeout) {
        Map<String, Object> o = new LinkedHashMap<>();
        if (!invalidate.isEmpty()) {
            o.put("invalidateReplicaClusters", invalidate);
        }
        run(
                "forcePrimaryCluster",
                t,
                mutation(
                        "dba.getClusterSet().forcePrimaryCluster(" + q(clusterName)
                                + (o.isEmpty() ? "" : ", " + GSON.toJson(o)) + ");\n",
                        timeout),
                timeout);
    }

    /**
     * {@code cluster.rescan({addUnmanaged: true})} where the Shell's status asks for it, e.g. after an addInstance
     * whose clone restart outlived {@code dba.restartWaitTimeout}: the instance joined the group but not the metadata
     * ("call <Cluster>.rescan() to complete the process", cluster/cluster_impl.cc). Obsolete instances are never
     * removed: a pod that is only down must stay.
     */
    public void rescan(Target t, Duration timeout) {
        run("rescan", t, mutation("dba.getCluster().rescan({\"addUnmanaged\":true});\n", timeout), timeout);
    }

    /** S1.8: {@code cluster.fenceWrites()} on the target's cluster (a ClusterSet member: super_read_only on all). */
    public void fenceWrites(Target t, Duration timeout) {
        run("fenceWrites", t, mutation("dba.getCluster().fenceWrites();\n", timeout), timeout);
    }

    /** S1.8: {@code clusterSet.rejoinCluster(name)}; the session of {@code t} must reach the primary. */
    public void rejoinCluster(Target t, String clusterName, Duration timeout) {
        run(
                "rejoinCluster",
                t,
                mutation("dba.getClusterSet().rejoinCluster(" + q(clusterName) + ");\n", timeout),
                timeout);
    }

    /**
     * {@code clusterSet.removeCluster(name, {timeout[, force: true]})}: a replica cluster leaves the ClusterSet;
     * {@code force} removes one that cannot be reached (its own servers keep their stale metadata).
     */
    public void removeCluster(Target t, String clusterName, boolean force, Duration timeout) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("timeout", shellWaitSeconds(timeout));
        if (force) {
            o.put("force", true);
        }
        run(
                "removeCluster",
                t,
                mutation(
                        "dba.getClusterSet().removeCluster(" + q(clusterName) + ", " + GSON.toJson(o) + ");\n",
                        timeout),
                timeout);
    }

    /**
     * Records the primary epoch: {@code cluster.setOption('tag:mysqlcs_primary_epoch', n)} on the cluster of the
     * target, which must be the PRIMARY cluster (the tag lands on its metadata row, see {@link #EPOCH_TAG}).
     */
    public void setPrimaryEpoch(Target t, long epoch, Duration timeout) {
        run(
                "setOption tag:" + EPOCH_TAG,
                t,
                mutation("dba.getCluster().setOption(" + q("tag:" + EPOCH_TAG) + ", " + epoch + ");\n", timeout),
                timeout);
    }

    // ---------------------------------------------------------------- command lines

    private List<String> cli(String... words) {
        return new ArrayList<>(Arrays.asList(words));
    }

    private List<String> js(String script) {
        return List.of("\0js", script);
    }

    /**
     * A mutating script whose Shell-side waits follow the step timeout instead of the Shell's 60 s defaults
     * (mysqlshdk/shellcore/shell_options.cc: {@code dba.gtidWaitTimeout} and {@code dba.restartWaitTimeout}, both 60):
     * the clone restart wait (common/base_cluster_impl.cc monitors the clone with {@code dba_restart_wait_timeout} and
     * reverts the join on {@code restart_timeout}), the GTID syncs of dissolve and the lock wait of
     * forcePrimaryCluster. Under Kubernetes a clone restart is a container restart, the startupProbe and InnoDB
     * recovery; the operator itself allows 600 s (mysqloperator/sidecar_main.py CLONE_RESTART_TIMEOUT).
     */
    private List<String> mutation(String script, Duration timeout) {
        long wait = shellWaitSeconds(timeout);
        return js(RESTART_WAIT + " = " + wait + ";\n" + GTID_WAIT + " = " + wait + ";\n" + script);
    }

    static final String RESTART_WAIT = "shell.options[\"dba.restartWaitTimeout\"]";
    static final String GTID_WAIT = "shell.options[\"dba.gtidWaitTimeout\"]";

    /**
     * The Shell's own wait, a little shorter than the step's exec deadline so that the Shell reports (and reverts)
     * before the provider stops waiting for it.
     */
    public static long shellWaitSeconds(Duration timeout) {
        long s = Math.max(1, timeout.toSeconds());
        return Math.max(1, s - Math.min(60, s / 10));
    }

    /**
     * The full argv for one run; never contains the password (it goes to stdin):
     * {@code mysqlsh --uri U --passwords-from-stdin --credential-store-helper=<disabled>} followed by
     * {@code --json=raw -- <object> <operation> <args>} or {@code --js -e <script>}.
     */
    List<String> argv(Target t, List<String> command) {
        List<String> argv = new ArrayList<>(
                List.of("mysqlsh", "--uri", sessionUri(t.host()), "--passwords-from-stdin", CREDENTIAL_STORE_OFF));
        if (command.size() == 2 && command.get(0).equals("\0js")) {
            argv.addAll(List.of("--js", "-e", NO_PROMPTS + command.get(1)));
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

    private static String instanceAddress(String host) {
        return host + ":" + MYSQL_PORT;
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
        char[] stdin = stdin(operation);
        ShellResult result;
        try {
            result = shell.run(t.via(), argv, stdin, timeout);
        } catch (MySqlShell.ShellTimeoutException e) {
            throw new AdminApiException.Timeout(
                    operation, "no answer from mysqlsh (" + t + ") within " + timeout.toSeconds() + " s", e);
        } catch (MySqlShell.ShellUnavailableException e) {
            throw new AdminApiException.Unreachable(
                    operation,
                    "cannot run mysqlsh in pod " + t.pod() + ": " + redact(String.valueOf(e.getMessage())),
                    e);
        } finally {
            Arrays.fill(stdin, '\0');
        }
        if (!result.ok()) {
            throw classify(operation, t, redact(result.stdout()), redact(result.stderr()));
        }
        return new ShellResult(result.exitCode(), redact(result.stdout()), redact(result.stderr()));
    }

    /** The password as the one line the Shell reads; refused when that line cannot carry it intact. */
    private char[] stdin(String operation) {
        char[] pw = credentials.password();
        for (char c : pw) {
            if (c == '\n' || c == '\r') {
                throw new AdminApiException.CommandFailed(
                        operation,
                        "the password of " + credentials.user()
                                + " contains a line break; mysqlsh --passwords-from-stdin cuts the line there");
            }
        }
        int bytes = StandardCharsets.UTF_8.encode(java.nio.CharBuffer.wrap(pw)).remaining();
        if (bytes > MAX_STDIN_PASSWORD_BYTES) {
            throw new AdminApiException.CommandFailed(
                    operation,
                    "the password of " + credentials.user() + " is " + bytes
                            + " bytes long; mysqlsh --passwords-from-stdin reads at most " + MAX_STDIN_PASSWORD_BYTES);
        }
        char[] out = new char[pw.length + 1];
        System.arraycopy(pw, 0, out, 0, pw.length);
        out[pw.length] = '\n';
        return out;
    }

    /**
     * Defence in depth: the Shell never echoes passwords, but no text of it leaves here with one in it, neither as
     * is nor JSON-escaped as {@code --json} prints it (the messages are read back unescaped).
     */
    private String redact(String text) {
        char[] pw = credentials.password();
        if (text == null || pw.length == 0) {
            return text == null ? "" : text;
        }
        String plain = new String(pw);
        String escaped = q(plain);
        return text.replace(plain, "****").replace(escaped.substring(1, escaped.length() - 1), "****");
    }

    // ---------------------------------------------------------------- errors

    /** {@code (MYSQLSH 51152)}, {@code (MySQL Error 2003)}: how the script form ends an uncaught error. */
    private static final Pattern CODE_SUFFIX = Pattern.compile("\\((?:MYSQLSH|MySQL Error) (\\d+)\\)");
    /** {@code MySQL Error 2003 (HY000): ...}: a failed {@code --uri} connection. */
    private static final Pattern CODE_PREFIX = Pattern.compile("MySQL Error (\\d+)(?: \\([0-9A-Z]{5}\\))?:");

    /** modules/adminapi/common/dba_errors.h and the client errors (CR_*) of a failed connection. */
    private static final Set<Integer> NOT_IN_CLUSTERSET = Set.of(
            51607, // SHERR_DBA_CLUSTER_DOES_NOT_BELONG_TO_CLUSTERSET: "Cluster is not part of a ClusterSet"
            51316); // SHERR_DBA_BADARG_INSTANCE_NOT_IN_CLUSTERSET: "... InnoDB Cluster that is not a member of ..."

    private static final Set<Integer> NOT_A_CLUSTER = Set.of(
            51300, // SHERR_DBA_BADARG_INSTANCE_NOT_MANAGED: "... through a session to a standalone instance"
            51101); // SHERR_DBA_METADATA_MISSING: "Metadata schema missing"
    /**
     * SHERR_DBA_BADARG_INSTANCE_NOT_ONLINE (common/preconditions.cc): TargetType::StandaloneInMetadata, "metadata
     * exists, instance belongs to that metadata, but GR is not active", and TargetType::InnoDBClusterSetOffline, "an
     * InnoDB Cluster that belongs to an InnoDB ClusterSet but is not ONLINE": a registered member that is down.
     */
    static final int CLUSTER_DOWN = 51314;
    /** SHERR_DBA_LOCK_GET_FAILED (dba_errors.h): another operation holds the cluster's or instance's lock. */
    static final int LOCK_GET_FAILED = 51500;

    private static final Set<Integer> ALREADY_IN_CLUSTERSET = Set.of(51601); // SHERR_DBA_CLUSTER_ALREADY_IN_CLUSTERSET
    private static final Set<Integer> ERRANT =
            Set.of(51152); // SHERR_DBA_DATA_ERRANT_TRANSACTIONS: "Errant transactions detected at <host:port>"
    private static final Set<Integer> UNREACHABLE = Set.of(
            51004, // SHERR_DBA_GROUP_MEMBER_NOT_ONLINE: "Unable to connect to the primary member of the Cluster"
            51015, // SHERR_DBA_GROUP_UNREACHABLE: "Could not connect to any ONLINE member of ..."
            51016, // SHERR_DBA_GROUP_UNAVAILABLE
            51124, // SHERR_DBA_ASYNC_MEMBER_UNREACHABLE
            51161, // SHERR_DBA_UNREACHABLE_INSTANCES
            51603, // SHERR_DBA_CLUSTER_PRIMARY_UNAVAILABLE: "Could not connect to PRIMARY of ..."
            2002, 2003, 2005, 2006, 2013); // CR_CONNECTION_ERROR, CR_CONN_HOST_ERROR, CR_UNKNOWN_HOST,
    // CR_SERVER_GONE_ERROR, CR_SERVER_LOST
    private static final Set<Integer> TIMEOUT = Set.of(
            51140, // SHERR_DBA_REPLICATION_START_TIMEOUT
            51156, // SHERR_DBA_SERVER_RESTART_TIMEOUT: "Timeout waiting for server to restart"
            51157, // SHERR_DBA_GTID_SYNC_TIMEOUT: "Timeout reached waiting for ..."
            51159, // SHERR_DBA_LOCK_TIMEOUT
            51501); // SHERR_DBA_LOCK_GET_TIMEOUT

    /**
     * Maps a failed run to a typed exception: by the error code where the Shell printed one (script form), else by
     * the message (the command-line form prints {@code {"error": ...}} without the code), else {@link
     * AdminApiException.CommandFailed}.
     */
    static AdminApiException classify(String operation, Target t, String stdout, String stderr) {
        String message = errorMessage(stdout, stderr);
        String detail = snippet(message) + " (on " + t + ")";
        OptionalInt code = errorCode(message);
        String text = message.toLowerCase(Locale.ROOT);
        if (code.isPresent()) {
            int c = code.getAsInt();
            if (NOT_IN_CLUSTERSET.contains(c)) {
                return new AdminApiException.NotInClusterSet(operation, detail);
            }
            if (c == CLUSTER_DOWN) {
                return new AdminApiException.ClusterDown(operation, detail);
            }
            if (NOT_A_CLUSTER.contains(c) || c == 1146 && text.contains("mysql_innodb_cluster_metadata.")) {
                // 1146 (ER_NO_SUCH_TABLE) on the metadata: dissolve dropped the schema.
                return new AdminApiException.NotACluster(operation, detail);
            }
            if (ALREADY_IN_CLUSTERSET.contains(c)) {
                return new AdminApiException.AlreadyInClusterSet(operation, detail);
            }
            if (ERRANT.contains(c)) {
                return new AdminApiException.ErrantTransactions(operation, detail);
            }
            if (UNREACHABLE.contains(c)) {
                return new AdminApiException.Unreachable(operation, detail, null);
            }
            if (TIMEOUT.contains(c)) {
                return new AdminApiException.Timeout(operation, detail, null);
            }
            if (c == LOCK_GET_FAILED) {
                return new AdminApiException.Busy(operation, detail);
            }
        }
        if (text.contains("is not part of a clusterset")
                || text.contains("not a member of an innodb clusterset")
                || text.contains("is not a part of the clusterset")) {
            return new AdminApiException.NotInClusterSet(operation, detail);
        }
        if (text.contains("instance belongs to that metadata, but gr is not active")
                || text.contains("innodb clusterset but is not online")) {
            return new AdminApiException.ClusterDown(operation, detail);
        }
        if (text.contains("session to a standalone instance") || text.contains("metadata schema missing")) {
            return new AdminApiException.NotACluster(operation, detail);
        }
        if (text.contains("innodb cluster that belongs to an innodb clusterset")
                && !text.contains("innodb clusterset but is not online")) {
            return new AdminApiException.AlreadyInClusterSet(operation, detail);
        }
        if (text.contains("is already part of this innodb cluster")) {
            return new AdminApiException.AlreadyMember(operation, detail);
        }
        if (text.contains("errant transactions")) {
            return new AdminApiException.ErrantTransactions(operation, detail);
        }
        if (text.contains("can't connect to mysql server")
                || text.contains("unknown mysql server host")
                || text.contains("lost connection to mysql server")
                || text.contains("could not connect to any online")
                || text.contains("could not connect to primary of")
                || text.contains("primary instance isn't available")) {
            return new AdminApiException.Unreachable(operation, detail, null);
        }
        if (text.contains("failed to acquire lock on")) {
            return new AdminApiException.Busy(operation, detail);
        }
        if (text.contains("timeout waiting for") || text.contains("timeout reached waiting")) {
            return new AdminApiException.Timeout(operation, detail, null);
        }
        return new AdminApiException.CommandFailed(operation, detail);
    }

    /**
     * What the Shell said went wrong: the last {@code {"error": ...}} on stdout (command-line form), else the last
     * stderr line naming an error code (the uncaught error of a script; it follows any ERROR: lines), else the last
     * non-empty line of stderr, then of stdout.
     */
    static String errorMessage(String stdout, String stderr) {
        List<String> errors = ShellJson.messages(stdout, "error");
        if (!errors.isEmpty()) {
            return errors.get(errors.size() - 1).trim();
        }
        String[] lines = (stderr == null ? "" : stderr).split("\\R");
        for (int i = lines.length - 1; i >= 0; i--) {
            if (CODE_SUFFIX.matcher(lines[i]).find()
                    || CODE_PREFIX.matcher(lines[i]).find()) {
                return lines[i].trim();
            }
        }
        String last = lastLine(stderr);
        return last.isEmpty()
                ? (lastLine(stdout).isEmpty() ? "mysqlsh failed without output" : lastLine(stdout))
                : last;
    }

    static OptionalInt errorCode(String message) {
        Matcher m = CODE_SUFFIX.matcher(message);
        int code = -1;
        while (m.find()) {
            code = Integer.parseInt(m.group(1));
        }
        if (code < 0) {
            Matcher p = CODE_PREFIX.matcher(message);
            if (p.find()) {
                code = Integer.parseInt(p.group(1));
            }
        }
        return code < 0 ? OptionalInt.empty() : OptionalInt.of(code);
    }

    private static String lastLine(String s) {
        String last = "";
        for (String l : (s == null ? "" : s).split("\\R")) {
            if (!l.isBlank()) {
                last = l.trim();
            }
        }
        return last;
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
                JsonObject replication = c.has("clusterSetReplication")
                                && c.get("clusterSetReplication").isJsonObject()
                        ? c.getAsJsonObject("clusterSetReplication")
                        : null;
                clusters.put(
                        e.getKey(),
                        new ClusterSetStatus.Cluster(
                                e.getKey(),
                                str(c, "clusterRole"),
                                str(c, "globalStatus"),
                                optString(c, "status").orElse(str(c, "globalStatus")),
                                str(c, "statusText"),
                                optString(c, "primary"),
                                optString(c, "clusterSetReplicationStatus")
                                        .or(() -> replication == null
                                                ? Optional.empty()
                                                : optString(replication, "receiverStatus")),
                                optString(c, "transactionSetErrantGtidSet"),
                                topology(c.get("topology")),
                                strings(c.get("clusterErrors"))));
            }
        }
        return new ClusterSetStatus(
                str(o, "domainName"),
                str(o, "primaryCluster"),
                str(o, "status"),
                str(o, "statusText"),
                optString(o, "globalPrimaryInstance"),
                clusters);
    }

    /** Parses one {@code cluster status} document. */
    public static InnoDbClusterStatus parseClusterStatus(JsonObject o) {
        JsonObject rs = o.getAsJsonObject("defaultReplicaSet");
        return new InnoDbClusterStatus(
                str(o, "clusterName"),
                rs == null ? "" : str(rs, "status"),
                rs == null ? "" : str(rs, "statusText"),
                rs == null ? Map.of() : topology(rs.get("topology")),
                optString(o, "clusterRole"),
                optString(o, "domainName"));
    }

    private static Map<String, ClusterSetStatus.Instance> topology(JsonElement t) {
        Map<String, ClusterSetStatus.Instance> out = new LinkedHashMap<>();
        if (t != null && t.isJsonObject()) {
            for (var e : t.getAsJsonObject().entrySet()) {
                JsonObject i = e.getValue().getAsJsonObject();
                String address = optString(i, "address").orElse(e.getKey());
                out.put(
                        address,
                        new ClusterSetStatus.Instance(
                                address,
                                str(i, "memberRole"),
                                str(i, "mode"),
                                str(i, "status"),
                                strings(i.get("instanceErrors")),
                                optString(i, "version")));
            }
        } else if (t != null && t.isJsonArray()) {
            for (JsonElement e : t.getAsJsonArray()) {
                JsonObject i = e.getAsJsonObject();
                String address = str(i, "address");
                out.put(
                        address,
                        new ClusterSetStatus.Instance(address, str(i, "memberRole"), str(i, "mode"), str(i, "status")));
            }
        }
        return out;
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
