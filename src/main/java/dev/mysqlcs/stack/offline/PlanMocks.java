package dev.mysqlcs.stack.offline;

import com.pulumi.test.Mocks;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The engine's side of an offline plan: every resource "exists" with its inputs as its state, as it would right
 * after a create. No cluster, no credentials, no network.
 *
 * <p>Reads of existing objects get realistic state: {@code kube-system/coredns} is the ConfigMap a kubeadm cluster
 * ships ({@link #KUBEADM_COREFILE}: kubeadm's CoreDNS template rendered for cluster.local, Apache-2.0), so the plan
 * shows the Corefile exactly as the corefile DNS mode would patch it.
 */
public final class PlanMocks implements Mocks {

    /** Classpath resource: kubernetes/kubernetes cmd/kubeadm/app/phases/addons/dns/manifests.go, rendered. */
    public static final String KUBEADM_COREFILE = "kubeadm-Corefile";

    static final String CONFIG_MAP = "kubernetes:core/v1:ConfigMap";
    static final String COREDNS_ID = "kube-system/coredns";

    @Override
    public CompletableFuture<ResourceResult> newResourceAsync(ResourceArgs args) {
        if (CONFIG_MAP.equals(args.type) && COREDNS_ID.equals(args.id)) {
            return CompletableFuture.completedFuture(ResourceResult.of(Optional.of(args.id), kubeadmCoreDns()));
        }
        Map<String, Object> state = new HashMap<>(args.inputs);
        state.putAll(ClusterSetPlanOutputs.of(args.type, args.inputs));
        return CompletableFuture.completedFuture(ResourceResult.of(Optional.of(args.name + "-id"), state));
    }

    @Override
    public CompletableFuture<Map<String, Object>> callAsync(CallArgs args) {
        return CompletableFuture.completedFuture(Map.of());
    }

    static Map<String, Object> kubeadmCoreDns() {
        return Map.of(
                "apiVersion",
                "v1",
                "kind",
                "ConfigMap",
                "metadata",
                Map.of("name", "coredns", "namespace", "kube-system"),
                "data",
                Map.of("Corefile", kubeadmCorefile()));
    }

    public static String kubeadmCorefile() {
        try (InputStream in =
                Objects.requireNonNull(PlanMocks.class.getResourceAsStream(KUBEADM_COREFILE), KUBEADM_COREFILE)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
