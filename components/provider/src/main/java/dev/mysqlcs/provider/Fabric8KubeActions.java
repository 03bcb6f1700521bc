package dev.mysqlcs.provider;

import com.google.gson.Gson;
import dev.mysqlcs.model.Member;
import dev.mysqlcs.plan.Observation.RouterState;
import dev.mysqlcs.plan.Observation.SecretsState;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
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
            .withGroup("mysql.oracle.com").withVersion("v2").withKind("MySQLClusterSetFailover")
            .withPlural("mysqlclustersetfailovers").withNamespaced(true).build();

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
        Secret s = call(m, "reading Secret " + name, () -> client(m).secrets().inNamespace(m.namespace())
                .withName(name).get());
        String b64 = s == null ? null : value(s, "tls.crt");
        String pem = b64 == null ? null : new String(java.util.Base64.getDecoder().decode(b64),
                java.nio.charset.StandardCharsets.US_ASCII);
        if (pem == null) {
            throw new KubeUnavailableException("Kubernetes cluster '" + m.kubeCluster() + "': Secret " + m.namespace()
                    + "/" + name + " has no tls.crt: the certificate subject of " + m.name() + " (certSubject for "
                    + "tls.useSelfSigned: false) cannot be read", null);
        }
        try {
            java.security.cert.X509Certificate cert = (java.security.cert.X509Certificate)
                    java.security.cert.CertificateFactory.getInstance("X.509").generateCertificate(
                            new java.io.ByteArrayInputStream(pem.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
            String rfc2253 = javax.security.auth.x500.X500Principal.RFC2253;
            return new CertNames(slashRdns(cert.getIssuerX500Principal().getName(rfc2253)),
                    slashRdns(cert.getSubjectX500Principal().getName(rfc2253)));
        } catch (java.security.cert.CertificateException e) {
            throw new KubeUnavailableException("Kubernetes cluster '" + m.kubeCluster() + "': Secret " + m.namespace()
                    + "/" + name + ": tls.crt is not a PEM certificate", e);
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
            throw new KubeUnavailableException("Kubernetes cluster '" + m.kubeCluster() + "': " + what + " failed: "
                    + e.getMessage(), e);
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
        return m.name() + "-router";
    }

    static String journalName(Member m) {
        return m.name() + "-mysqlcs-clusterset";
    }

    // ------------------------------------------------------------------ routers

    @Override
    public RouterState routerState(Member m, String marker) {
        return call(m, "reading Deployment " + routerName(m), () -> {
            Deployment d = client(m).apps().deployments().inNamespace(m.namespace()).withName(routerName(m)).get();
            if (d == null) {
                return RouterState.PENDING;
            }
            Map<String, String> ann = d.getSpec() == null || d.getSpec().getTemplate() == null
                    || d.getSpec().getTemplate().getMetadata() == null
                    ? null : d.getSpec().getTemplate().getMetadata().getAnnotations();
            return ann != null && marker.equals(ann.get(RESTARTED_FOR)) ? RouterState.DONE : RouterState.PENDING;
        });
    }

    @Override
    public void restartRouter(Member m, String marker, Duration timeout, ProgressLog log, Cancellation cancellation) {
        String name = routerName(m);
        var deployments = client(m).apps().deployments().inNamespace(m.namespace());
        // The operator creates the router Deployment; right after the cluster it may not exist yet.
        Poll.until("Deployment " + m.namespace() + "/" + name, timeout,
                () -> Optional.ofNullable(call(m, "reading Deployment " + name, () -> deployments.withName(name).get())),
                log, cancellation);
        Map<String, Object> patch = Map.of("spec", Map.of("template", Map.of("metadata", Map.of("annotations",
                Map.of(RESTARTED_AT, Instant.now().toString(), RESTARTED_FOR, marker)))));
        Deployment patched = call(m, "patching Deployment " + name, () -> deployments.withName(name)
                .patch(PatchContext.of(PatchType.JSON_MERGE), GSON.toJson(patch)));
        long generation = patched.getMetadata().getGeneration() == null ? 0 : patched.getMetadata().getGeneration();
        log.info("restarted Deployment " + m.namespace() + "/" + name + "; waiting for its rollout");
        Poll.until("the rollout of Deployment " + m.namespace() + "/" + name, timeout, () -> {
            Deployment d = call(m, "reading Deployment " + name, () -> deployments.withName(name).get());
            return rolledOut(d, generation) ? Optional.of(Boolean.TRUE) : Optional.empty();
        }, log, cancellation);
        log.info("Deployment " + m.namespace() + "/" + name + " rolled out");
    }

    /** kubectl rollout status: the controller saw the new template and every replica runs it and is available. */
    static boolean rolledOut(Deployment d, long generation) {
        if (d == null || d.getStatus() == null) {
            return false;
        }
        var s = d.getStatus();
        int want = d.getSpec() == null || d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
        long observed = s.getObservedGeneration() == null ? 0 : s.getObservedGeneration();
        int updated = s.getUpdatedReplicas() == null ? 0 : s.getUpdatedReplicas();
        int available = s.getAvailableReplicas() == null ? 0 : s.getAvailableReplicas();
        int total = s.getReplicas() == null ? 0 : s.getReplicas();
        return observed >= generation && updated >= want && available >= want && total <= updated;
    }

    // ------------------------------------------------------------------ secrets (S2.15)

    @Override
    public SecretsState secretsState(Member source, Member target) {
        for (var e : SHARED_ACCOUNTS.entrySet()) {
            Secret from = call(source, "reading Secret " + source.name() + e.getKey(), () -> client(source).secrets()
                    .inNamespace(source.namespace()).withName(source.name() + e.getKey()).get());
            Secret to = call(target, "reading Secret " + target.name() + e.getKey(), () -> client(target).secrets()
                    .inNamespace(target.namespace()).withName(target.name() + e.getKey()).get());
            if (from == null || to == null) {
                // Not "in sync": after the clone the member holds the primary's accounts, and a secret the operator
                // has not created yet cannot carry their passwords (issue 10, review point 11).
                return SecretsState.UNKNOWN;
            }
            for (String key : e.getValue()) {
                if (!Objects.equals(value(from, key), value(to, key))) {
                    return SecretsState.DIFFERENT;
                }
            }
        }
        return SecretsState.IN_SYNC;
    }

    private static String value(Secret s, String key) {
        if (s.getData() != null && s.getData().containsKey(key)) {
            return s.getData().get(key);
        }
        if (s.getStringData() != null && s.getStringData().containsKey(key)) {
            return java.util.Base64.getEncoder().encodeToString(
                    s.getStringData().get(key).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        return null;
    }

    @Override
    public void copyCredentials(Member source, Member target) {
        for (var e : SHARED_ACCOUNTS.entrySet()) {
            String fromName = source.name() + e.getKey();
            String toName = target.name() + e.getKey();
            Secret from = call(source, "reading Secret " + fromName, () -> client(source).secrets()
                    .inNamespace(source.namespace()).withName(fromName).get());
            if (from == null) {
                throw new KubeUnavailableException("Secret " + source.namespace() + "/" + fromName + " of the primary "
                        + "does not exist in '" + source.kubeCluster() + "'; the operator creates it with the cluster",
                        null);
            }
            Secret to = call(target, "reading Secret " + toName, () -> client(target).secrets()
                    .inNamespace(target.namespace()).withName(toName).get());
            if (to == null) {
                throw new KubeUnavailableException("Secret " + target.namespace() + "/" + toName + " does not exist in '"
                        + target.kubeCluster() + "' yet; the operator creates it with the cluster", null);
            }
            Map<String, String> data = new LinkedHashMap<>();
            for (String key : e.getValue()) {
                String v = value(from, key);
                if (v != null) {
                    data.put(key, v);
                }
            }
            call(target, "patching Secret " + toName, () -> client(target).secrets().inNamespace(target.namespace())
                    .withName(toName).patch(PatchContext.of(PatchType.JSON_MERGE), GSON.toJson(Map.of("data", data))));
        }
    }

    // ------------------------------------------------------------------ join journal

    @Override
    public Optional<String> joinMark(Member m) {
        return call(m, "reading ConfigMap " + journalName(m), () -> {
            ConfigMap cm = client(m).configMaps().inNamespace(m.namespace()).withName(journalName(m)).get();
            return cm == null || cm.getData() == null ? Optional.empty()
                    : Optional.ofNullable(cm.getData().get(JOIN_KEY));
        });
    }

    @Override
    public void setJoinMark(Member m, String clusterSetName) {
        call(m, "writing ConfigMap " + journalName(m), () -> {
            var r = client(m).configMaps().inNamespace(m.namespace()).withName(journalName(m));
            if (r.get() == null) {
                client(m).configMaps().inNamespace(m.namespace()).resource(new ConfigMapBuilder()
                        .withNewMetadata().withName(journalName(m)).withNamespace(m.namespace())
                        .addToLabels(MANAGED_BY, "mysqlcs").endMetadata()
                        .addToData(JOIN_KEY, clusterSetName).build()).create();
            } else {
                r.patch(PatchContext.of(PatchType.JSON_MERGE), GSON.toJson(Map.of("data",
                        Map.of(JOIN_KEY, clusterSetName))));
            }
            return null;
        });
    }

    @Override
    public void clearJoinMark(Member m) {
        call(m, "deleting ConfigMap " + journalName(m), () ->
                client(m).configMaps().inNamespace(m.namespace()).withName(journalName(m)).delete());
    }

    // ------------------------------------------------------------------ Enterprise failover

    @Override
    public String runOperatorFailover(Member target, String clusterName, boolean force, String name, Duration timeout,
                                      ProgressLog log, Cancellation cancellation) {
        var crs = client(target).genericKubernetesResources(FAILOVER).inNamespace(target.namespace());
        GenericKubernetesResource existing = call(target, "reading MySQLClusterSetFailover " + name,
                () -> crs.withName(name).get());
        if (existing == null) {
            GenericKubernetesResource cr = new GenericKubernetesResourceBuilder()
                    .withApiVersion("mysql.oracle.com/v2").withKind("MySQLClusterSetFailover")
                    .withNewMetadata().withName(name).withNamespace(target.namespace())
                    .addToLabels(MANAGED_BY, "mysqlcs").endMetadata()
                    .addToAdditionalProperties("spec", new LinkedHashMap<>(Map.of("clusterName", clusterName,
                            "force", force)))
                    .build();
            call(target, "creating MySQLClusterSetFailover " + name, () -> crs.resource(cr).create());
            log.info("created MySQLClusterSetFailover " + target.namespace() + "/" + name + " {clusterName: "
                    + clusterName + ", force: " + force + "}");
        } else {
            log.info("MySQLClusterSetFailover " + target.namespace() + "/" + name + " exists from an earlier run; "
                    + "following it");
        }
        var jobs = client(target).batch().v1().jobs().inNamespace(target.namespace());
        return Poll.until("the operator's failover Job " + target.namespace() + "/" + name, timeout, () -> {
            GenericKubernetesResource cr = call(target, "reading MySQLClusterSetFailover " + name,
                    () -> crs.withName(name).get());
            Job job = call(target, "reading Job " + name, () -> jobs.withName(name).get());
            String crStatus = crStatus(cr);
            String lower = crStatus.toLowerCase(Locale.ROOT);
            if (jobFailed(job) || lower.contains("fail") || lower.contains("error")) {
                throw new FailoverFailedException("MySQLClusterSetFailover " + target.namespace() + "/" + name
                        + " failed (status '" + crStatus + "'); see `kubectl -n " + target.namespace() + " logs job/"
                        + name + "`. To retry, delete it (`kubectl -n " + target.namespace() + " delete mfo " + name
                        + "`) and run `pulumi up` again");
            }
            boolean succeeded = job != null && job.getStatus() != null && job.getStatus().getSucceeded() != null
                    && job.getStatus().getSucceeded() > 0;
            if (succeeded || lower.startsWith("succeeded") || lower.startsWith("completed") || lower.equals("done")
                    || lower.equals("finished")) {
                return Optional.of(crStatus.isEmpty() ? "Job succeeded" : crStatus);
            }
            return Optional.empty();
        }, log, cancellation);
    }

    private static String crStatus(GenericKubernetesResource cr) {
        if (cr == null || !(cr.getAdditionalProperties().get("status") instanceof Map<?, ?> s)) {
            return "";
        }
        Object v = s.get("status");
        return v == null ? "" : String.valueOf(v);
    }

    private static boolean jobFailed(Job job) {
        if (job == null || job.getStatus() == null) {
            return false;
        }
        List<JobCondition> conditions = job.getStatus().getConditions();
        if (conditions != null && conditions.stream().anyMatch(c -> "Failed".equals(c.getType())
                && "True".equals(c.getStatus()))) {
            return true;
        }
        Integer backoff = job.getSpec() == null ? null : job.getSpec().getBackoffLimit();
        Integer failed = job.getStatus().getFailed();
        return failed != null && backoff != null && failed > backoff;
    }
}
