package dev.mysqlcs.config;

import java.util.List;
import java.util.stream.Collectors;

/** Thrown when stack config is unusable; carries every error so all of them are reported at once. */
public class InvalidConfigException extends RuntimeException {

    private final List<ConfigError> errors;

    public InvalidConfigException(List<ConfigError> errors) {
        super(errors.stream().map(ConfigError::render).collect(Collectors.joining("\n")));
        this.errors = List.copyOf(errors);
    }

    public List<ConfigError> errors() {
        return errors;
    }
}
