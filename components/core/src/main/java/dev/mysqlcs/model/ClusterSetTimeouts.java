package dev.mysqlcs.model;

import java.time.Duration;

/**
 * How long the ClusterSet provider waits (config {@code mysqlcs:clusterSet.timeouts}, in seconds).
 *
 * @param lock    waiting for another run's mutation of the same ClusterSet to finish
 * @param step    one AdminAPI step (a clone can take long), or one wait for a cluster to come ONLINE
 * @param rollout a router Deployment rollout after a restart, or an operator failover Job
 */
public record ClusterSetTimeouts(Duration lock, Duration step, Duration rollout) {

    public static final long DEFAULT_LOCK_SECONDS = 600;
    public static final long DEFAULT_STEP_SECONDS = 3600;
    public static final long DEFAULT_ROLLOUT_SECONDS = 600;

    public static ClusterSetTimeouts defaults() {
        return new ClusterSetTimeouts(
                Duration.ofSeconds(DEFAULT_LOCK_SECONDS),
                Duration.ofSeconds(DEFAULT_STEP_SECONDS),
                Duration.ofSeconds(DEFAULT_ROLLOUT_SECONDS));
    }
}
