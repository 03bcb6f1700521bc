package dev.mysqlcs.provider;

/** Sends log lines to the Pulumi engine (its Engine.Log RPC); tests capture them instead. */
public interface EngineLogger {

    enum Severity {
        DEBUG,
        INFO,
        WARNING,
        ERROR
    }

    void log(Severity severity, String urn, String message);

    /** Before the engine's address is known: stderr, which the engine also shows for plugins. */
    EngineLogger STDERR = (severity, urn, message) -> System.err.println("mysqlcs "
            + severity.name().toLowerCase(java.util.Locale.ROOT) + ": " + (urn.isEmpty() ? "" : urn + ": ") + message);
}
