package dev.mysqlcs.config;

/**
 * A user mistake in stack config: the full config key (Pulumi path syntax, e.g.
 * {@code mysqlcs:clusterSet.members[1].instances}) and a message that names the bad value and what is allowed.
 */
public record ConfigError(String key, String message) {

    /** The one line a user sees: {@code config error: <key>: <message>}. */
    public String render() {
        return "config error: " + key + ": " + message;
    }

    @Override
    public String toString() {
        return render();
    }
}
