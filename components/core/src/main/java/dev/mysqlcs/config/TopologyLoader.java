package dev.mysqlcs.config;

import dev.mysqlcs.model.Topology;
import dev.mysqlcs.validate.TopologyValidator;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Parse, then validate: the single entry point every caller uses, so the rules cannot drift apart. */
public final class TopologyLoader {

    /** A topology that passed every rule, and the warnings worth showing. */
    public record Loaded(Topology topology, List<String> warnings) {}

    private TopologyLoader() {}

    /** @throws InvalidConfigException with every error found, parse and validation alike */
    public static Loaded load(ConfigSource source, boolean offline) {
        TopologyParser.Result parsed = TopologyParser.parse(source, offline);
        List<ConfigError> errors = new ArrayList<>(parsed.errors());
        parsed.topology().ifPresent(t -> {
            // A field that failed to parse carries a stand-in value: a rule about it would only repeat the error.
            Set<String> broken = parsed.errors().stream().map(ConfigError::key).collect(Collectors.toSet());
            TopologyValidator.validate(t).stream()
                    .filter(e -> !broken.contains(e.key()))
                    .forEach(errors::add);
        });
        if (!errors.isEmpty()) {
            throw new InvalidConfigException(errors);
        }
        return new Loaded(parsed.topology().orElseThrow(), parsed.warnings());
    }
}
