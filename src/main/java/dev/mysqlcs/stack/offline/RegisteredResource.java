package dev.mysqlcs.stack.offline;

import com.google.gson.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One resource exactly as the program registered it with the engine, and what the (mock) engine answered.
 *
 * @param inputs         registered inputs, secrets already replaced by {@code "[secret]"}
 * @param dependencies   URNs of explicit and input dependencies (the request's {@code dependencies} and every
 *                       {@code propertyDependencies} entry), sorted
 * @param protect        the engine refuses to delete it until it is unprotected
 * @param provider       URN of the provider instance a custom resource uses; empty: its package's default provider
 * @param providers      a component's provider map (package to provider URN), handed down to its children
 * @param retainOnDelete deleting it from the stack leaves the object in place
 * @param outputs        the properties the engine returned beyond the registered inputs (for the mysqlcs
 *                       ClusterSet resources: the planned MySQL steps, status ...); secrets as {@code "[secret]"}
 */
public record RegisteredResource(
        String type,
        String name,
        String urn,
        Optional<String> parentUrn,
        JsonObject inputs,
        List<String> dependencies,
        boolean custom,
        boolean protect,
        Optional<String> provider,
        Map<String, String> providers,
        boolean retainOnDelete,
        JsonObject outputs) {

    /** The resource name that a URN ends with ({@code urn:pulumi:stack::project::type::name}). */
    public static String nameOf(String urn) {
        int i = urn.lastIndexOf("::");
        return i < 0 ? urn : urn.substring(i + 2);
    }

    /**
     * The URN of a provider reference ({@code <provider URN>::<provider ID>}, pulumi/pulumi
     * sdk/go/common/resource/providers/reference.go: the ID follows the URN's last {@code ::}).
     */
    public static String providerUrnOf(String reference) {
        int i = reference.lastIndexOf("::");
        return i < 0 ? reference : reference.substring(0, i);
    }

    public Optional<String> parentName() {
        return parentUrn.map(RegisteredResource::nameOf);
    }
}
