package dev.mysqlcs.testing;

import com.pulumi.test.Mocks;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** Mocks for component tests: every resource exists with its inputs as state; every registration is kept. */
public final class RecordingMocks implements Mocks {

    private final List<ResourceArgs> registered = Collections.synchronizedList(new ArrayList<>());

    @Override
    public CompletableFuture<ResourceResult> newResourceAsync(ResourceArgs args) {
        registered.add(args);
        return CompletableFuture.completedFuture(
                ResourceResult.of(Optional.of(args.name + "-id"), new HashMap<>(args.inputs)));
    }

    @Override
    public CompletableFuture<Map<String, Object>> callAsync(CallArgs args) {
        return CompletableFuture.completedFuture(Map.of());
    }

    public List<ResourceArgs> registered() {
        synchronized (registered) {
            return List.copyOf(registered);
        }
    }

    public ResourceArgs named(String name) {
        return registered().stream()
                .filter(r -> r.name.equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no resource named " + name + " in " + names()));
    }

    public List<String> names() {
        return registered().stream().map(r -> r.name).sorted().toList();
    }
}
