package dev.mysqlcs.stack.offline;

import com.google.gson.JsonObject;

import java.util.List;
import java.util.Optional;

/**
 * One resource exactly as the program registered it with the engine.
 *
 * @param inputs       registered inputs, secrets already replaced by {@code "[secret]"}
 * @param dependencies URNs of explicit and input dependencies
 * @param protect      the engine refuses to delete it until it is unprotected
 */
public record RegisteredResource(String type, String name, String urn, Optional<String> parentUrn,
                                 JsonObject inputs, List<String> dependencies, boolean custom,
                                 boolean protect) {

    /** The resource name that a URN ends with ({@code urn:pulumi:stack::project::type::name}). */
    public static String nameOf(String urn) {
        int i = urn.lastIndexOf("::");
        return i < 0 ? urn : urn.substring(i + 2);
    }

    /** The type a URN names: the last element of its parent-type chain. */
    public static String typeOf(String urn) {
        String[] parts = urn.split("::");
        if (parts.length < 4) {
            return "";
        }
        String chain = parts[parts.length - 2];
        int d = chain.lastIndexOf('$');
        return d < 0 ? chain : chain.substring(d + 1);
    }

    public Optional<String> parentName() {
        return parentUrn.map(RegisteredResource::nameOf);
    }
}
