package dev.mysqlcs.stack.offline;

import com.pulumi.Log;
import com.pulumi.resources.Resource;
import com.pulumi.test.Mocks;
import com.pulumi.test.internal.MockMonitor;
import pulumirpc.Resource.RegisterResourceRequest;
import pulumirpc.Resource.RegisterResourceResponse;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The SDK's mock monitor, recording every RegisterResource request as it arrives on the wire: the mock API itself
 * drops the parent, the dependencies and the secret markers, which are exactly what a plan must show.
 */
public final class RecordingMonitor extends MockMonitor {

    private final List<RegisteredResource> registered = Collections.synchronizedList(new ArrayList<>());

    public RecordingMonitor(Mocks mocks, Log log) {
        super(mocks, log);
    }

    @Override
    public CompletableFuture<RegisterResourceResponse> registerResourceAsync(Resource resource,
                                                                              RegisterResourceRequest request) {
        return super.registerResourceAsync(resource, request).thenApply(response -> {
            Set<String> deps = new LinkedHashSet<>(request.getDependenciesList());
            request.getPropertyDependenciesMap().values().forEach(d -> deps.addAll(d.getUrnsList()));
            registered.add(new RegisteredResource(
                    request.getType(),
                    request.getName(),
                    response.getUrn(),
                    request.getParent().isEmpty() ? Optional.empty() : Optional.of(request.getParent()),
                    StructJson.toJson(request.getObject()),
                    List.copyOf(deps),
                    request.getCustom(),
                    request.getProtect()));
            return response;
        });
    }

    public List<RegisteredResource> registered() {
        synchronized (registered) {
            return List.copyOf(registered);
        }
    }
}
