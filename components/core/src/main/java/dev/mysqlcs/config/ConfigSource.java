package dev.mysqlcs.config;

import java.util.Optional;
import java.util.Set;

/**
 * Raw stack config as the Pulumi engine hands it to a program: one string per top-level key of the project's
 * namespace (structured values as JSON), plus which keys are secret.
 */
public interface ConfigSource {

    /** The raw value of {@code <namespace>:<key>}. */
    Optional<String> get(String key);

    boolean isSecret(String key);

    /**
     * Every key of the project's namespace that the stack sets (without the namespace), when the caller can list
     * them: the program reads them from the engine's {@code PULUMI_CONFIG}, {@code ./plan} from the stack file. A key
     * the program does not read is then an error (a misspelled {@code mysqlcs:clustrSet} must not pass silently).
     */
    default Optional<Set<String>> keys() {
        return Optional.empty();
    }
}
