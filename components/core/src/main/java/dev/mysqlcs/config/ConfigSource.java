package dev.mysqlcs.config;

import java.util.Optional;

/**
 * Raw stack config as the Pulumi engine hands it to a program: one string per top-level key of the project's
 * namespace (structured values as JSON), plus which keys are secret.
 */
public interface ConfigSource {

    /** The raw value of {@code <namespace>:<key>}. */
    Optional<String> get(String key);

    boolean isSecret(String key);
}
