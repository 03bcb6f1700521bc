package dev.mysqlcs.plan;

/**
 * The planner will not take a step because it could lose data, split the ClusterSet's brain or flip the primary
 * against a newer decision. The message says why; {@link #guidance()} says what the user can do (which config key to
 * change, which command to run).
 */
public class UnsafeStepRefused extends RuntimeException {

    private final String rule;
    private final String reason;
    private final String guidance;

    public UnsafeStepRefused(String rule, String reason, String guidance) {
        super(reason + (guidance.isEmpty() ? "" : ". " + guidance));
        this.rule = rule;
        this.reason = reason;
        this.guidance = guidance;
    }

    /** A stable name for the rule that refused, e.g. {@code failover-while-primary-reachable}. */
    public String rule() {
        return rule;
    }

    /** Why the step was refused, naming what was found (schemas, GTID sets), without the guidance. */
    public String reason() {
        return reason;
    }

    public String guidance() {
        return guidance;
    }
}
