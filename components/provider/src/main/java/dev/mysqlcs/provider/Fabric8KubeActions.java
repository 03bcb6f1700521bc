package dev.mysqlcs.provider;

import com.google.gson.Gson;
import dev.mysqlcs.io.AdminApi;
import dev.mysqlcs.model.InnoDbClusterNames;
import dev.mysqlcs.model.Member;
import dev.mysqlcs.plan.Observation;
import dev.mysqlcs.plan.Observation.RouterState;
import dev.mysqlcs.plan.Observation.SecretsState;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * {@link KubeActions} with fabric8: router rollout restarts (S2.13, S2.16), the operator secrets copy (S2.15), the
 * join journal and the Enterprise {@code MySQLClusterSetFailover} (S1.6, S1.7). Secret values are never logged.
 */
public final class Fabric8KubeActions implements KubeActions {

    /** Pod-template annotation kubectl's rollout restart sets. */
    public static final String RESTARTED_AT = "kubectl.kubernetes.io/restartedAt";
    /** Pod-template annotation recording which ClusterSet the router was restarted for. */
    public static final String RESTARTED_FOR = "mysqlcs.dev/restarted-for-clusterset";

    public static final String JOIN_KEY = "joiningClusterSet";
    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";

    /** The accounts a ClusterSet needs equal on every member: secret suffix to keys (operator's names). */
    public static final Map<String, List<String>> SHARED_ACCOUNTS = linked(
            "-privsecrets", List.of("clusterAdminUsername", "clusterAdminPassword"),
            "-router", List.of("routerUsername", "routerPassword"),
            "-backup", List.of("backupUsername", "backupPassword"));

    static final ResourceDefinitionContext FAILOVER = new ResourceDefinitionContext.Builder()
            .withGroup("mysql.oracle.com")
            .withVersion("v2")
            .withKind("MySQLClusterSetFailover")
            .withPlural("mysqlclustersetfailovers")
            .withNamespaced(true)
            .build();

    private static final Gson GSON = new Gson();

    private final Function<String, KubernetesClient> clients;

    /** @param clients Kubernetes client per kube cluster name (config {@code kubeClusters[].name}) */
    public Fabric8KubeActions(Function<String, KubernetesClient> clients) {
        this.clients = clients;
    }

    private static Map<String, List<String>> linked(Object... kv) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            @SuppressWarnings("unchecked")
            List<String> v = (List<String>) kv[i + 1];
            m.put((String) kv[i], v);
        }
        return java.util.Collections.unmodifiableMap(m);
    }

    @Override
    public CertNames certNames(Member m) {
        String name = m.tls().serverSecretName().orElse(m.name() + "-tls");
        Secret s = call(
                m,
                "reading Secret " + name,
                () -> client(m)
                        .secrets()
                        .inNamespace(m.namespace())
                        .withName(name)
                        .get());
        String b64 = s == null ? null : value(s, "tls.crt");
        String pem = b64 == null
                ? null
                : new String(java.util.Base64.getDecoder().decode(b64), java.nio.charset.StandardCharsets.US_ASCII);
        if (pem == null) {
            throw new KubeUnavailableException(
                    "Kubernetes cluster '" + m.kubeCluster() + "': Secret " + m.namespace()
                            + "/" + name + " has no tls.crt: the certificate subject of " + m.name()
                            + " (certSubject for "
                            + "tls.useSelfSigned: false) cannot be read",
                    null);
        }
        try {
            java.security.cert.X509Certificate cert =
                    (java.security.cert.X509Certificate) java.security.cert.CertificateFactory.getInstance("X.509")
                            .generateCertificate(new java.io.ByteArrayInputStream(
                                    pem.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
            String rfc2253 = javax.security.auth.x500.X500Principal.RFC2253;
            return new CertNames(
                    slashRdns(cert.getIssuerX500Principal().getName(rfc2253)),
                    slashRdns(cert.getSubjectX500Principal().getName(rfc2253)));
        } catch (java.security.cert.CertificateException e) {
            throw new KubeUnavailableException(
                    "Kubernetes cluster '" + m.kubeCluster() + "': Secret " + m.namespace() + "/" + name
                            + ": tls.crt is not a PEM certificate",
                    e);
        }
    }

    /** RFC 2253/4514 text (most specific RDN first) to the operator's "/C=../O=../CN=.." (unescaped commas split). */
    static String slashRdns(String rfc2253) {
        java.util.List<String> rdns = new java.util.ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (int i = 0; i < rfc2253.length(); i++) {
            char c = rfc2253.charAt(i);
            if (c == '\\' && i + 1 < rfc2253.length()) {
                cur.append(c).append(rfc2253.charAt(++i));
            } else if (c == ',') {
                rdns.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        if (cur.length() > 0) {
            rdns.add(cur.toString());
        }
        java.util.Collections.reverse(rdns);
        return "/" + String.join("/", rdns);
    }

    private <T> T call(Member m, String what, Supplier<T> action) {
        try {
            return action.get();
        } catch (KubernetesClientException e) {
            throw new KubeUnavailableException(
                    "Kubernetes cluster '" + m.kubeCluster() + "': " + what + " failed: " + e.getMessage(), e);
        }
    }

    private KubernetesClient client(Member m) {
        try {
            return clients.apply(m.kubeCluster());
        } catch (KubernetesClientException e) {
            throw new KubeUnavailableException("Kubernetes cluster '" + m.kubeCluster() + "': " + e.getMessage(), e);
        }
    }

    static String routerName(Member m) {
        return new InnoDbClusterNames(m.name(), m.namespace(), "").routerDeployment();
    }

    static String journalName(Member m) {
        return m.name() + "-mysqlcs-clusterset";
    }

    // ------------------------------------------------------------------ routers

    @Override
    public RouterState routerState(Member m, String marker) {
        return call(m, "reading Deployment " + routerName(m), () -> {
            Deployment d = client(m)
                    .apps()
                    .deployments()
                    .inNamespace(m.namespace())
                    .withName(routerName(m))
                    .get();
            if (d == null) {
                return RouterState.PENDING;
            }
            Map<String, String> ann = d.getSpec() == null
                            || d.getSpec().getTemplate() == null
                            || d.getSpec().getTemplate().getMetadata() == null
                    ? null
                    : d.getSpec().getTemplate().getMetadata().getAnnotations();
            return ann != null && marker.equals(ann.get(RESTARTED_FOR)) ? RouterState.DONE : RouterState.PENDING;
        });
    }

    @Override
    public void restartRouter(Member m, String marker, Duration timeout, ProgressLog log, Cancellation cancellation) {
        String name = routerName(m);
        var deployments = client(m).apps().deployments().inNamespace(m.namespace());
        // The operator creates the router Deployment; right after the cluster it may not exist yet.
        Poll.until(
                "Deployment " + m.namespace() + "/" + name,
                timeout,
                () -> Optional.ofNullable(call(
                        m,
                        "reading Deployment " + name,
                        () -> deployments.withName(name).get())),
                log,
                cancellation);
        Map<String, Object> patch = Map.of(
                "spec",
                Map.of(
                        "template",
                        Map.of(
                                "metadata",
                                Map.of(
                                        "annotations",
                                        Map.of(RESTARTED_AT, Instant.now().toString(), RESTARTED_FOR, marker)))));
        Deployment patched = call(
                m,
                "patching Deployment " + name,
                () -> deployments.withName(name).patch(PatchContext.of(PatchType.JSON_MERGE), GSON.toJson(patch)));
        long generation = patched.getMetadata().getGeneration() == null
                ? 0
                : patched.getMetadata().getGeneration();
        log.info("restarted Deployment " + m.namespace() + "/" + name + "; waiting for its rollout");
        Poll.until(
                "the rollout of Deployment " + m.namespace() + "/" + name,
                timeout,
                () -> {
                    Deployment d = call(
                            m,
                            "reading Deployment " + name,
                            () -> deployments.withName(name).get());
                    return rolledOut(d, generation) ? Optional.of(Boolean.TRUE) : Optional.empty();
                },
                log,
                cancellation);
        log.info("Deployment " + m.namespace() + "/" + name + " rolled out");
    }

    /** kubectl rollout status: the controller saw the new template and every replica runs it and is available. */
    static boolean rolledOut(Deployment d, long generation) {
        if (d == null || d.getStatus() == null) {
            return false;
        }
        var s = d.getStatus();
        int want = d.getSpec() == null || d.getSpec().getReplicas() == null
                ? 1
                : d.getSpec().getReplicas();
        long observed = s.getObservedGeneration() == null ? 0 : s.getObservedGeneration();
        int updated = s.getUpdatedReplicas() == null ? 0 : s.getUpdatedReplicas();
        int available = s.getAvailableReplicas() == null ? 0 : s.getAvailableReplicas();
        int total = s.getReplicas() == null ? 0 : s.getReplicas();
        return observed >= generation && updated >= want && available >= want && total <= updated;
    }

    // ------------------------------------------------------------------ secrets (S2.15)

    @Override
    public SecretsState secretsState(Member source, Member target) {
        boolean different = false;
        for (var e : SHARED_ACCOUNTS.entrySet()) {
            Secret from = call(
                    source,
                    "reading Secret " + source.name() + e.getKey(),
                    () -> client(source)
                            .secrets()
                            .inNamespace(source.namespace())
                            .withName(source.name() + e.getKey())
                            .get());
            Secret to = call(
                    target,
                    "reading Secret " + target.name() + e.getKey(),
                    () -> client(target)
                            .secrets()
                            .inNamespace(target.namespace())
                            .withName(target.name() + e.getKey())
                            .get());
            if (from == null || to == null) {
                // The operator creates all three with the cluster (cluster_objects.py, router_objects.py,
                // backup_objects.py); one missing is not "in sync": after the clone the member holds the primary's
                // accounts, and a secret not there cannot carry their passwords (issue 10, review point 11).
                return SecretsState.UNKNOWN;
            }
            for (String key : e.getValue()) {
                if (!Objects.equals(value(from, key), value(to, key))) {
                    different = true;
                }
            }
        }
        return different ? SecretsState.DIFFERENT : SecretsState.IN_SYNC;
    }

    @Override
    public List<Observation.MissingSecret> missingSecrets(Member source, Member target) {
        List<Observation.MissingSecret> out = new ArrayList<>();
        for (Member m : List.of(source, target)) {
            for (String suffix : SHARED_ACCOUNTS.keySet()) {
                String name = m.name() + suffix;
                if (call(
                                m,
                                "reading Secret " + name,
                                () -> client(m)
                                        .secrets()
                                        .inNamespace(m.namespace())
                                        .withName(name)
                                        .get())
                        == null) {
                    out.add(new Observation.MissingSecret(m.name(), m.namespace(), name, m.kubeCluster()));
                }
            }
        }
        return List.copyOf(out);
    }

    private static String value(Secret s, String key) {
        if (s.getData() != null && s.getData().containsKey(key)) {
            return s.getData().get(key);
        }
        if (s.getStringData() != null && s.getStringData().containsKey(key)) {
            return java.util.Base64.getEncoder()
                    .encodeToString(s.getStringData().get(key).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        return null;
    }

    @Override
    public void copyCredentials(Member source, Member target) {
        // All six Secrets are read first: a missing source fails the copy before any Secret was changed.
        Map<String, Map<String, String>> patches = new LinkedHashMap<>();
        java.util.Set<String> absent = new java.util.HashSet<>();
        for (var e : SHARED_ACCOUNTS.entrySet()) {
            String fromName = source.name() + e.getKey();
            String toName = target.name() + e.getKey();
            Secret from = call(
                    source,
                    "reading Secret " + fromName,
                    () -> client(source)
                            .secrets()
                            .inNamespace(source.namespace())
                            .withName(fromName)
                            .get());
            if (from == null) {
                throw new KubeUnavailableException(
                        "Secret " + source.namespace() + "/" + fromName + " of the primary " + "does not exist in '"
                                + source.kubeCluster() + "'; the operator creates it with the cluster",
                        null);
            }
            Secret to = call(
                    target,
                    "reading Secret " + toName,
                    () -> client(target)
                            .secrets()
                            .inNamespace(target.namespace())
                            .withName(toName)
                            .get());
            if (to == null) {
                absent.add(toName);
            }
            Map<String, String> data = new LinkedHashMap<>();
            for (String key : e.getValue()) {
                String v = value(from, key);
                if (v != null) {
                    data.put(key, v);
                }
            }
            patches.put(toName, data);
        }
        patches.forEach((toName, data) -> {
            if (absent.contains(toName)) {
                // The operator creates these Secrets only with its cluster (cluster_objects.py, router_objects.py,
                // backup_objects.py) and never again: one deleted since is re-created with the primary's accounts,
                // which the member holds since its clone.
                call(
                        target,
                        "creating Secret " + toName,
                        () -> client(target)
                                .secrets()
                                .inNamespace(target.namespace())
                                .resource(new io.fabric8.kubernetes.api.model.SecretBuilder()
                                        .withNewMetadata()
                                        .withName(toName)
                                        .withNamespace(target.namespace())
                                        .addToLabels(MANAGED_BY, "mysqlcs")
                                        .endMetadata()
                                        .withType("Opaque")
                                        .withData(data)
                                        .build())
                                .create());
            } else {
                call(
                        target,
                        "patching Secret " + toName,
                        () -> client(target)
                                .secrets()
                                .inNamespace(target.namespace())
                                .withName(toName)
                                .patch(PatchContext.of(PatchType.JSON_MERGE), GSON.toJson(Map.of("data", data))));
            }
        });
    }

    // ------------------------------------------------------------------ join journal

    @Override
    public Optional<String> joinMark(Member m) {
        return call(m, "reading ConfigMap " + journalName(m), () -> {
            ConfigMap cm = client(m)
                    .configMaps()
                    .inNamespace(m.namespace())
                    .withName(journalName(m))
                    .get();
            return cm == null || cm.getData() == null
                    ? Optional.empty()
                    : Optional.ofNullable(cm.getData().get(JOIN_KEY));
        });
    }

    @Override
    public void setJoinMark(Member m, String clusterSetName) {
        call(m, "writing ConfigMap " + journalName(m), () -> {
            var r = client(m).configMaps().inNamespace(m.namespace()).withName(journalName(m));
            if (r.get() == null) {
                client(m)
                        .configMaps()
                        .inNamespace(m.namespace())
                        .resource(new ConfigMapBuilder()
                                .withNewMetadata()
                                .withName(journalName(m))
                                .withNamespace(m.namespace())
                                .addToLabels(MANAGED_BY, "mysqlcs")
                                .endMetadata()
                                .addToData(JOIN_KEY, clusterSetName)
                                .build())
                        .create();
            } else {
                r.patch(
                        PatchContext.of(PatchType.JSON_MERGE),
                        GSON.toJson(Map.of("data", Map.of(JOIN_KEY, clusterSetName))));
            }
            return null;
        });
    }

    @Override
    public void clearJoinMark(Member m) {
        call(
                m,
                "deleting ConfigMap " + journalName(m),
                () -> client(m)
                        .configMaps()
                        .inNamespace(m.namespace())
                        .withName(journalName(m))
                        .delete());
    }

    // ------------------------------------------------------------------ Enterprise failover

    /**
     * Reason of the Event the Enterprise operator posts on the target InnoDBCluster when it takes up a
     * MySQLClusterSetFailover ("Switching over to {ns}/{cluster} from ..."; mysql/mysql-operator
     * {@code tests/e2e/mysqloperator/clusterset/clusterset_t.py} {@code _apply_switchover} waits for it).
     */
    public static final String FAILOVER_TAKEN_UP = "FailOverObjectCreated";

    /**
     * The name of the MySQLClusterSetFailover, and so of the operator's Job (clusterset_t.py reads Job {@code
     * <resource name>}), for a switchover ({@code force} false) or a forced failover to {@code target} at {@code epoch}.
     * The two differ, so a forced failover after a refused switchover at the same epoch is a resource of its own. At
     * most 63 characters: the Job's name becomes its pods' {@code job-name} label value.
     */
    public static String failoverName(Member target, long epoch, boolean force) {
        String suffix = "-epoch" + epoch + (force ? "-failover" : "-switchover");
        String prefix = ("mysqlcs-" + target.name()).toLowerCase(Locale.ROOT);
        if (prefix.length() + suffix.length() > 63) {
            prefix = prefix.substring(0, 63 - suffix.length());
        }
        while (prefix.endsWith("-") || prefix.endsWith(".")) {
            prefix = prefix.substring(0, prefix.length() - 1);
        }
        return prefix + suffix;
    }

    @Override
    public String runOperatorFailover(
            Member target,
            boolean force,
            List<String> invalidateReplicaClusters,
            String name,
            Duration timeout,
            ProgressLog log,
            Cancellation cancellation) {
        List<String> invalidate = List.copyOf(invalidateReplicaClusters);
        String ns = target.namespace();
        String where = ns + "/" + name;
        var crs = client(target).genericKubernetesResources(FAILOVER).inNamespace(ns);
        var jobs = client(target).batch().v1().jobs().inNamespace(ns);
        GenericKubernetesResource cr = call(
                target,
                "reading MySQLClusterSetFailover " + name,
                () -> crs.withName(name).get());
        if (cr == null) {
            if (call(target, "reading Job " + name, () -> jobs.withName(name).get()) != null) {
                throw new FailoverFailedException("a Job " + where + " exists from an earlier failover whose "
                        + "MySQLClusterSetFailover is gone; the operator names its Job after the resource and cannot "
                        + "create another one: read its logs (`kubectl -n " + ns + " logs job/" + name
                        + "`), delete it "
                        + "(`kubectl -n " + ns + " delete job " + name + "`) and run `pulumi up` again");
            }
            Map<String, Object> spec = failoverSpec(target, force, invalidate, timeout);
            GenericKubernetesResource wanted = new GenericKubernetesResourceBuilder()
                    .withApiVersion("mysql.oracle.com/v2")
                    .withKind("MySQLClusterSetFailover")
                    .withNewMetadata()
                    .withName(name)
                    .withNamespace(ns)
                    .addToLabels(MANAGED_BY, "mysqlcs")
                    .endMetadata()
                    .addToAdditionalProperties("spec", spec)
                    .build();
            cr = call(
                    target,
                    "creating MySQLClusterSetFailover " + name,
                    () -> crs.resource(wanted).create());
            log.info("created MySQLClusterSetFailover " + where + " " + describe(target.name(), force, invalidate));
        } else {
            requireSameFailover(cr, target, force, invalidate, where);
            log.info("MySQLClusterSetFailover " + where + " exists from an earlier run; following it");
        }
        Instant since = created(cr.getMetadata().getCreationTimestamp());
        String[] takenUp = {null};
        try {
            return Poll.until(
                    "the operator's failover Job " + where,
                    timeout,
                    () -> {
                        if (takenUp[0] == null) {
                            takenUp[0] = takenUpEvent(target, since).orElse(null);
                            if (takenUp[0] != null) {
                                log.info("the operator took up MySQLClusterSetFailover " + where + ": " + takenUp[0]);
                            }
                        }
                        Job job = call(
                                target,
                                "reading Job " + name,
                                () -> jobs.withName(name).get());
                        if (job == null) {
                            return Optional.empty();
                        }
                        Instant jobCreated = created(job.getMetadata().getCreationTimestamp());
                        if (jobCreated != null && since != null && jobCreated.isBefore(since)) {
                            throw new FailoverFailedException(
                                    "Job " + where + " was created at " + jobCreated + ", before "
                                            + "MySQLClusterSetFailover " + where + " (" + since
                                            + "): it is an earlier failover's, and "
                                            + "the operator cannot create this one's under that name; read its logs (`kubectl -n "
                                            + ns
                                            + " logs job/" + name
                                            + "`), delete the Job and the MySQLClusterSetFailover (`kubectl -n "
                                            + ns + " delete job,mfo " + name + "`) and run `pulumi up` again");
                        }
                        switch (jobOutcome(job)) {
                            case FAILED ->
                                throw new FailoverFailedException("the operator's failover Job " + where
                                        + " failed" + crStatusNote(crs, target, name) + "; see `kubectl -n " + ns
                                        + " logs job/"
                                        + name
                                        + "`. The ClusterSet may have changed anyway: `pulumi up` observes it again; to "
                                        + "retry, delete the resource and its Job (`kubectl -n " + ns
                                        + " delete mfo,job " + name
                                        + "`) and run `pulumi up` again");
                            case SUCCEEDED -> {
                                return Optional.of("Job " + where + " succeeded" + crStatusNote(crs, target, name));
                            }
                            default -> {
                                return Optional.empty();
                            }
                        }
                    },
                    log,
                    cancellation);
        } catch (Poll.WaitTimeoutException e) {
            throw new Poll.WaitTimeoutException(e.getMessage()
                    + (takenUp[0] != null
                            ? "; the operator took it up (" + takenUp[0]
                                    + ") but its Job has not finished: see `kubectl -n " + ns + " logs job/" + name
                                    + "`"
                            : "; the operator has not taken it up (no Event " + FAILOVER_TAKEN_UP + " on InnoDBCluster "
                                    + ns
                                    + "/" + target.name() + " since the resource was created, no Job " + where
                                    + "): only the "
                                    + "Enterprise edition of the MySQL Operator runs MySQLClusterSetFailover resources; check that it "
                                    + "runs and watches namespace " + ns));
        }
    }

    /**
     * The spec of a new MySQLClusterSetFailover. {@code options.timeout} (an integer in the CRD's spec.options,
     * mysql-operator-2.2.8.crds.yaml:1405) reaches the Shell as clusterset_failover_main.py (mysql/mysql-operator
     * 3186244, lines 25, 37-38 and 49-52) passes it on: {@code --timeout} (an int) becomes {@code options["timeout"]}
     * of {@code cs.force_primary_cluster(name, options)} / {@code cs.set_primary_cluster(name, options)}. Its value is
     * {@code timeout} (the step deadline, {@code clusterSet.timeouts.stepSeconds}, which is also how long the provider
     * waits for the Job) less the margin the AdminApi mutations leave ({@link AdminApi#shellWaitSeconds}), so the
     * Shell in the Job gives up, and the Job ends, before the provider stops waiting for it.
     */
    static Map<String, Object> failoverSpec(Member target, boolean force, List<String> invalidate, Duration timeout) {
        Map<String, Object> spec = new LinkedHashMap<>();
        // The operator reads the InnoDBCluster by this name (clusterset_failover_main.py:
        // InnoDBCluster.read(args.namespace, args.cluster_name)): the Kubernetes name, not the MySQL one.
        spec.put("clusterName", target.name());
        spec.put("force", force);
        Map<String, Object> options = new LinkedHashMap<>();
        if (!invalidate.isEmpty()) {
            // The CRD's spec.options.invalidateReplicaClusters (an array of strings); the Job passes it to the Shell
            // as clusterset_failover_main.py does (--invalidate-replica-clusters, split on ',').
            options.put("invalidateReplicaClusters", invalidate);
        }
        options.put("timeout", AdminApi.shellWaitSeconds(timeout));
        spec.put("options", options);
        return spec;
    }

    private static void requireSameFailover(
            GenericKubernetesResource cr, Member target, boolean force, List<String> invalidate, String where) {
        Object spec = cr.getAdditionalProperties().get("spec");
        Object cluster = spec instanceof Map<?, ?> m ? m.get("clusterName") : null;
        // The CRD defaults force to false (mysql-operator-2.2.8.crds.yaml, MySQLClusterSetFailover spec.force).
        Object f = spec instanceof Map<?, ?> m ? m.get("force") : null;
        boolean existingForce = Boolean.TRUE.equals(f);
        Object options = spec instanceof Map<?, ?> m ? m.get("options") : null;
        Object listed = options instanceof Map<?, ?> o ? o.get("invalidateReplicaClusters") : null;
        // options.timeout is left out of the match on purpose: it bounds only the Shell's wait inside the Job an
        // earlier run started, not what the failover does, so a retry under another configured timeout follows it.
        List<String> existingInvalidate =
                listed instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of();
        if (!target.name().equals(cluster)
                || existingForce != force
                || !java.util.Set.copyOf(existingInvalidate).equals(java.util.Set.copyOf(invalidate))) {
            throw new FailoverFailedException("MySQLClusterSetFailover " + where + " exists with "
                    + describe(String.valueOf(cluster), existingForce, existingInvalidate) + ", not this step's "
                    + describe(target.name(), force, invalidate) + "; it is not this stack's, from an older "
                    + "version, or the replicas to invalidate changed since: delete it and its "
                    + "Job once you know what it did (`kubectl -n " + target.namespace() + " logs job/"
                    + cr.getMetadata().getName() + "`) and run `pulumi up` again");
        }
    }

    private static String describe(String cluster, boolean force, List<String> invalidate) {
        return "{clusterName: " + cluster + ", force: " + force
                + (invalidate.isEmpty()
                        ? ""
                        : ", options: {invalidateReplicaClusters: [" + String.join(", ", invalidate) + "]}")
                + "}";
    }

    /** The Enterprise operator's Event on the target InnoDBCluster for a failover created at or after {@code since}. */
    private Optional<String> takenUpEvent(Member target, Instant since) {
        List<Event> events = call(
                target,
                "reading Events",
                () -> client(target)
                        .v1()
                        .events()
                        .inNamespace(target.namespace())
                        .list()
                        .getItems());
        return events.stream()
                .filter(e -> FAILOVER_TAKEN_UP.equals(e.getReason())
                        && e.getInvolvedObject() != null
                        && "InnoDBCluster".equals(e.getInvolvedObject().getKind())
                        && target.name().equals(e.getInvolvedObject().getName()))
                .filter(e -> {
                    Instant at = created(e.getMetadata().getCreationTimestamp());
                    return since == null || at == null || !at.isBefore(since);
                })
                .map(e -> String.valueOf(e.getMessage()))
                .findFirst();
    }

    enum JobOutcome {
        RUNNING,
        SUCCEEDED,
        FAILED
    }

    /**
     * What the Job says. Conditions {@code Complete} / {@code Failed} are the Job controller's (kubernetes
     * {@code pkg/controller/job/job_controller.go}); a failed pod counts as a failed failover, as the operator's own
     * e2e test reads it (clusterset_t.py {@code _wait_switchover_job_succeeded}: {@code status.failed} raises,
     * {@code status.succeeded == 1} is success): a failover is never worth retrying blindly.
     */
    static JobOutcome jobOutcome(Job job) {
        if (job == null || job.getStatus() == null) {
            return JobOutcome.RUNNING;
        }
        List<JobCondition> conditions = job.getStatus().getConditions() == null
                ? List.of()
                : job.getStatus().getConditions();
        Integer failed = job.getStatus().getFailed();
        if ((failed != null && failed > 0)
                || conditions.stream().anyMatch(c -> "Failed".equals(c.getType()) && "True".equals(c.getStatus()))) {
            return JobOutcome.FAILED;
        }
        Integer succeeded = job.getStatus().getSucceeded();
        if ((succeeded != null && succeeded > 0)
                || conditions.stream().anyMatch(c -> "Complete".equals(c.getType()) && "True".equals(c.getStatus()))) {
            return JobOutcome.SUCCEEDED;
        }
        return JobOutcome.RUNNING;
    }

    /** The resource's {@code status.status} for messages only: its values are the Enterprise operator's own. */
    private String crStatusNote(
            io.fabric8.kubernetes.client.dsl.NonNamespaceOperation<
                            GenericKubernetesResource,
                            io.fabric8.kubernetes.api.model.GenericKubernetesResourceList,
                            io.fabric8.kubernetes.client.dsl.Resource<GenericKubernetesResource>>
                    crs,
            Member target,
            String name) {
        GenericKubernetesResource cr = call(
                target,
                "reading MySQLClusterSetFailover " + name,
                () -> crs.withName(name).get());
        if (cr == null
                || !(cr.getAdditionalProperties().get("status") instanceof Map<?, ?> s)
                || s.get("status") == null
                || String.valueOf(s.get("status")).isBlank()) {
            return "";
        }
        return " (MySQLClusterSetFailover status: " + s.get("status") + ")";
    }

    private static Instant created(String timestamp) {
        if (timestamp == null || timestamp.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(timestamp);
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    // ------------------------------------------------------------------ InnoDBClusters and pods

    /** The label the operator puts on the pods of an InnoDBCluster: its Kubernetes name (cluster_objects.py). */
    static final String CLUSTER_LABEL = "mysql.oracle.com/cluster";
    /** The operator's annotation with the options it created the InnoDB cluster with (cluster_api.py). */
    static final String CLUSTER_INFO = "mysql.oracle.com/cluster-info";

    static final ResourceDefinitionContext INNODB_CLUSTER = new ResourceDefinitionContext.Builder()
            .withGroup("mysql.oracle.com")
            .withVersion("v2")
            .withKind("InnoDBCluster")
            .withPlural("innodbclusters")
            .withNamespaced(true)
            .build();

    @Override
    public Optional<OperatorView> innoDbCluster(Member m) {
        GenericKubernetesResource ic = call(
                m,
                "reading InnoDBCluster " + m.name(),
                () -> client(m)
                        .genericKubernetesResources(INNODB_CLUSTER)
                        .inNamespace(m.namespace())
                        .withName(m.name())
                        .get());
        if (ic == null) {
            return Optional.empty();
        }
        // cluster_controller.py publish_status: status.cluster = {status, onlineInstances, lastProbeTime};
        // cluster_api.py set_create_time: status.createTime.
        Map<?, ?> status = ic.getAdditionalProperties().get("status") instanceof Map<?, ?> s ? s : Map.of();
        Map<?, ?> cluster = status.get("cluster") instanceof Map<?, ?> c ? c : Map.of();
        String state = cluster.get("status") == null ? "" : String.valueOf(cluster.get("status"));
        int online = cluster.get("onlineInstances") instanceof Number n ? n.intValue() : 0;
        Optional<String> createTime =
                Optional.ofNullable(status.get("createTime")).map(String::valueOf);
        Map<String, Object> createOptions = new LinkedHashMap<>();
        Map<String, String> annotations = ic.getMetadata().getAnnotations();
        String info = annotations == null ? null : annotations.get(CLUSTER_INFO);
        if (info != null && !info.isBlank()) {
            // cluster_controller.py create_cluster: update_cluster_info({initialDataSource, createOptions}) as JSON.
            Map<?, ?> parsed;
            try {
                parsed = GSON.fromJson(info, Map.class);
            } catch (com.google.gson.JsonSyntaxException e) {
                throw new KubeUnavailableException(
                        "InnoDBCluster " + m.namespace() + "/" + m.name() + " in '"
                                + m.kubeCluster() + "': annotation " + CLUSTER_INFO + " is not the operator's JSON: "
                                + e.getMessage(),
                        e);
            }
            if (parsed != null && parsed.get("createOptions") instanceof Map<?, ?> o) {
                o.forEach((k, v) -> createOptions.put(String.valueOf(k), v));
            }
        }
        return Optional.of(new OperatorView(state, online, createTime, createOptions));
    }

    @Override
    public java.util.Set<String> routerPods(Member m) {
        List<Pod> pods = call(
                m,
                "listing the router pods of InnoDBCluster " + m.name(),
                () -> client(m)
                        .pods()
                        .inNamespace(m.namespace())
                        .withLabel(CLUSTER_LABEL, m.name())
                        .withLabel("component", "mysqlrouter")
                        .list()
                        .getItems());
        java.util.Set<String> names = new java.util.TreeSet<>();
        pods.forEach(p -> names.add(p.getMetadata().getName()));
        return names;
    }

    @Override
    public List<Integer> readyServerPods(Member m) {
        List<Pod> pods = call(
                m,
                "listing the pods of InnoDBCluster " + m.name(),
                () -> client(m)
                        .pods()
                        .inNamespace(m.namespace())
                        .withLabel(CLUSTER_LABEL, m.name())
                        .withLabel("component", "mysqld")
                        .list()
                        .getItems());
        String prefix = m.name() + "-";
        List<Integer> ready = new java.util.ArrayList<>();
        for (Pod p : pods) {
            String name = p.getMetadata().getName();
            if (!name.startsWith(prefix)
                    || !name.substring(prefix.length()).matches("[0-9]+")
                    || p.getMetadata().getDeletionTimestamp() != null
                    || p.getStatus() == null
                    || !"Running".equals(p.getStatus().getPhase())
                    || p.getStatus().getConditions() == null) {
                continue;
            }
            // Ready is the kubelet's verdict, which includes the operator's readiness gates
            // (mysql.oracle.com/configured, mysql.oracle.com/ready: cluster_objects.py).
            boolean isReady = p.getStatus().getConditions().stream()
                    .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
            if (isReady) {
                ready.add(Integer.parseInt(name.substring(prefix.length())));
            }
        }
        java.util.Collections.sort(ready);
        return List.copyOf(ready);
    }
}
