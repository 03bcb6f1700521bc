package dev.mysqlcs.provider;

/**
 * Progress lines of one resource operation, shown by the engine next to the resource. Never given a secret: callers
 * log names, hosts and steps only.
 */
public interface ProgressLog {

    void info(String message);

    void warn(String message);

    static ProgressLog of(EngineLogger logger, String urn) {
        return new ProgressLog() {
            @Override
            public void info(String message) {
                logger.log(EngineLogger.Severity.INFO, urn, message);
            }

            @Override
            public void warn(String message) {
                logger.log(EngineLogger.Severity.WARNING, urn, message);
            }
        };
    }
}
