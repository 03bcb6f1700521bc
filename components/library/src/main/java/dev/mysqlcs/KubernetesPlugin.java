package dev.mysqlcs;

import com.pulumi.kubernetes.Provider;
import com.pulumi.kubernetes.ProviderArgs;
import com.pulumi.resources.CustomResourceOptions;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Kubernetes provider plugin this project runs, and how its resources avoid the 4.0.x plugin's bugs.
 *
 * <p>The Java SDK here is {@code com.pulumi:kubernetes} 4.0.0 (the newest the registry serves); it pins the plugin to
 * its own version on every resource it makes. An explicit {@code kubernetes.Provider} registered with the
 * {@code version} resource option makes the engine load that plugin version instead, downloading it at
 * {@code pulumi up} (pulumi/pulumi pkg/resource/deploy/source_eval.go: for a provider resource,
 * {@code providers.SetProviderVersion(props, opts.GetVersion())}), for every resource registered through that
 * provider. 4.5.6 is the last release of the 4.5 line and holds the fixes for what hits this project:
 * <ul>
 *   <li>Secret {@code stringData} replaced on every up (pulumi/pulumi-kubernetes#2507): fixed in 4.0.2 (#2511), its
 *       regression (#2513) in 4.0.3 (#2514);</li>
 *   <li>Patch resources taking over the fields of {@code kubectl*} field managers on update, which then unsets them
 *       (#2639, #2692): fixed in 4.5.2 (#2640; {@code fixCSAFieldManagers} skips Patch URNs);</li>
 *   <li>the helm.v3.Release kubeVersion regression of 4.3 to 4.5.3: fixed in 4.5.4 (#2653); base64 {@code data}
 *       normalization: 4.5.6 (#2715).</li>
 * </ul>
 * Every input property the 4.0.0 SDK sends for the resources used here (Secret, Namespace, Service, NetworkPolicy,
 * ConfigMapPatch, DeploymentPatch, helm.v3.Release, Provider: 651 properties of 131 input types, checked with the
 * SDK's {@code @Import} names against {@code @pulumi/kubernetes} 4.5.6, generated from that tag's schema.json) exists
 * in 4.5.6. Secrets are written as base64 {@code data} as well, which no 4.x plugin diffs against anything but the
 * live {@code data}: a program that builds its own Provider without the pin does not churn either.
 */
public final class KubernetesPlugin {

    /** The plugin version the explicit providers pin. */
    public static final String VERSION = "4.5.6";

    private KubernetesPlugin() {}

    /** Options of an explicit Kubernetes provider: the pinned plugin version. */
    public static CustomResourceOptions providerOptions() {
        return CustomResourceOptions.builder().version(VERSION).build();
    }

    /** An explicit Kubernetes provider running the pinned plugin. */
    public static Provider provider(String name, ProviderArgs args) {
        return new Provider(name, args, providerOptions());
    }

    /** A Secret's {@code data}: each value UTF-8, base64 (RFC 4648, padded, no line breaks), as the API server stores it. */
    public static Map<String, String> secretData(Map<String, String> plain) {
        Map<String, String> data = new LinkedHashMap<>();
        plain.forEach((k, v) -> data.put(k, Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8))));
        return data;
    }
}
