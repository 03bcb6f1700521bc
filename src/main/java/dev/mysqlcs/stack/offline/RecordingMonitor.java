package dev.mysqlcs.stack.offline;

import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.pulumi.Log;
import com.pulumi.resources.Resource;
import com.pulumi.test.Mocks;
import com.pulumi.test.internal.MockMonitor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import pulumirpc.Resource.RegisterResourceRequest;
import pulumirpc.Resource.RegisterResourceResponse;

/**
 * The SDK's mock monitor, recording every RegisterResource request as it arrives on the wire: the mock API itself
 * drops the parent, the dependencies, the resource options and the secret markers, which are exactly what a plan
 * must show.
 */
public final class RecordingMonitor extends MockMonitor {

    private final List<RegisteredResource> registered = Collections.synchronizedList(new ArrayList<>());

    public RecordingMonitor(Mocks mocks, Log log) {
        super(mocks, log);
    }

    @Override
    public CompletableFuture<RegisterResourceResponse> registerResourceAsync(
            Resource resource, RegisterResourceRequest request) {
        return super.registerResourceAsync(resource, request).thenApply(response -> {
            Set<String> deps = new TreeSet<>();
            request.getDependenciesList().forEach(u -> deps.add(engineUrn(u)));
            request.getPropertyDependenciesMap()
                    .values()
                    .forEach(d -> d.getUrnsList().forEach(u -> deps.add(engineUrn(u))));
            Map<String, String> providers = new TreeMap<>();
            request.getProvidersMap()
                    .forEach((pkg, ref) -> providers.put(pkg, engineUrn(RegisteredResource.providerUrnOf(ref))));
            registered.add(new RegisteredResource(
                    request.getType(),
                    request.getName(),
                    engineUrn(response.getUrn()),
                    request.getParent().isEmpty() ? Optional.empty() : Optional.of(engineUrn(request.getParent())),
                    StructJson.toJson(request.getObject()),
                    List.copyOf(deps),
                    request.getCustom(),
                    request.getProtect(),
                    request.getProvider().isEmpty()
                            ? Optional.empty()
                            : Optional.of(engineUrn(RegisteredResource.providerUrnOf(request.getProvider()))),
                    Map.copyOf(providers),
                    request.getRetainOnDelete(),
                    computedOutputs(request, response)));
            return response;
        });
    }

    /**
     * The URN the engine gives: the SDK's mock monitor qualifies a type with its parent's whole chain, the root
     * stack's type included, where pulumi/pulumi {@code sdk/go/common/resource/urn.go} {@code NewURN} leaves the root
     * stack ({@code pulumi:pulumi:Stack}) out of the chain of its children.
     */
    public static String engineUrn(String mockUrn) {
        return mockUrn.replace("::pulumi:pulumi:Stack$", "::");
    }

    /**
     * The engine's answer minus the properties that are registered inputs: the mock engine echoes every input as
     * state (PlanMocks), so what remains is what a provider computes. Leaving inputs out by name also keeps a
     * secret input out, which the mock API hands back unwrapped (pulumi-java sdk/java/pulumi/src/main/java/com/
     * pulumi/test/internal/MockMonitor.java deserializes the request's inputs, secrets included, for the mocks);
     * declared additional secret outputs are shown as {@code "[secret]"}.
     */
    static JsonObject computedOutputs(RegisterResourceRequest request, RegisterResourceResponse response) {
        Set<String> secret = new HashSet<>(request.getAdditionalSecretOutputsList());
        JsonObject all = StructJson.toJson(response.getObject());
        JsonObject out = new JsonObject();
        all.entrySet().forEach(e -> {
            if (!request.getObject().containsFields(e.getKey())) {
                out.add(e.getKey(), secret.contains(e.getKey()) ? new JsonPrimitive(StructJson.SECRET) : e.getValue());
            }
        });
        return out;
    }

    public List<RegisteredResource> registered() {
        synchronized (registered) {
            return List.copyOf(registered);
        }
    }
}
