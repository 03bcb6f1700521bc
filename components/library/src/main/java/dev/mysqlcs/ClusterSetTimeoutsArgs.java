package dev.mysqlcs;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.resources.ResourceArgs;
import dev.mysqlcs.model.ClusterSetTimeouts;

/** {@code mysqlcs:clusterSet.timeouts} as resource input (seconds). */
public final class ClusterSetTimeoutsArgs extends ResourceArgs {

    @Import(name = "lockSeconds", required = true)
    private Output<Integer> lockSeconds;

    @Import(name = "stepSeconds", required = true)
    private Output<Integer> stepSeconds;

    @Import(name = "rolloutSeconds", required = true)
    private Output<Integer> rolloutSeconds;

    private ClusterSetTimeoutsArgs() {}

    public Output<Integer> lockSeconds() {
        return lockSeconds;
    }

    public Output<Integer> stepSeconds() {
        return stepSeconds;
    }

    public Output<Integer> rolloutSeconds() {
        return rolloutSeconds;
    }

    public static ClusterSetTimeoutsArgs of(ClusterSetTimeouts t) {
        ClusterSetTimeoutsArgs a = new ClusterSetTimeoutsArgs();
        a.lockSeconds = Output.of(Math.toIntExact(t.lock().toSeconds()));
        a.stepSeconds = Output.of(Math.toIntExact(t.step().toSeconds()));
        a.rolloutSeconds = Output.of(Math.toIntExact(t.rollout().toSeconds()));
        return a;
    }
}
