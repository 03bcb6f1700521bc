package dev.mysqlcs;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.resources.ResourceArgs;
import dev.mysqlcs.model.ClusterSetSpec;
import java.util.List;

/**
 * The ClusterSet as resource input, shaped like stack config {@code mysqlcs:clusterSet} (defaults made explicit), so
 * the provider's Check applies exactly the stack program's rules and names the same config keys.
 */
public final class ClusterSetSpecArgs extends ResourceArgs {

    @Import(name = "name", required = true)
    private Output<String> name;

    @Import(name = "domain", required = true)
    private Output<String> domain;

    @Import(name = "primary", required = true)
    private Output<String> primary;

    @Import(name = "linkage", required = true)
    private Output<String> linkage;

    @Import(name = "primaryEpoch", required = true)
    private Output<Integer> primaryEpoch;

    @Import(name = "forceFailover", required = true)
    private Output<Boolean> forceFailover;

    /** Sent only when true, so specs without it stay as they were. */
    @Import(name = "allowMixedVersions")
    private Output<Boolean> allowMixedVersions;

    @Import(name = "timeouts", required = true)
    private Output<ClusterSetTimeoutsArgs> timeouts;

    @Import(name = "members", required = true)
    private Output<List<ClusterSetMemberSpecArgs>> members;

    /** Sent only when set, so that configs without it keep their inputs. */
    @Import(name = "invalidateReplicaClusters")
    private Output<List<String>> invalidateReplicaClusters;

    /** Sent only when set. */
    @Import(name = "removeLostClusters")
    private Output<List<String>> removeLostClusters;

    private ClusterSetSpecArgs() {}

    public Output<String> name() {
        return name;
    }

    public Output<String> domain() {
        return domain;
    }

    public Output<String> primary() {
        return primary;
    }

    public Output<String> linkage() {
        return linkage;
    }

    public Output<Integer> primaryEpoch() {
        return primaryEpoch;
    }

    public Output<Boolean> forceFailover() {
        return forceFailover;
    }

    public java.util.Optional<Output<Boolean>> allowMixedVersions() {
        return java.util.Optional.ofNullable(allowMixedVersions);
    }

    public Output<ClusterSetTimeoutsArgs> timeouts() {
        return timeouts;
    }

    public Output<List<ClusterSetMemberSpecArgs>> members() {
        return members;
    }

    public Output<List<String>> invalidateReplicaClusters() {
        return invalidateReplicaClusters;
    }

    public Output<List<String>> removeLostClusters() {
        return removeLostClusters;
    }

    public static ClusterSetSpecArgs of(ClusterSetSpec cs) {
        ClusterSetSpecArgs a = new ClusterSetSpecArgs();
        a.name = Output.of(cs.name());
        a.domain = Output.of(cs.domain());
        a.primary = Output.of(cs.primary());
        a.linkage = Output.of(cs.linkage().value());
        a.primaryEpoch = Output.of(Math.toIntExact(cs.primaryEpoch()));
        a.forceFailover = Output.of(cs.forceFailover());
        a.allowMixedVersions = cs.allowMixedVersions() ? Output.of(true) : null;
        a.timeouts = Output.of(ClusterSetTimeoutsArgs.of(cs.timeouts()));
        a.members = Output.of(
                cs.members().stream().map(ClusterSetMemberSpecArgs::of).toList());
        if (!cs.invalidateReplicaClusters().isEmpty()) {
            a.invalidateReplicaClusters = Output.of(List.copyOf(cs.invalidateReplicaClusters()));
        }
        if (!cs.removeLostClusters().isEmpty()) {
            a.removeLostClusters = Output.of(List.copyOf(cs.removeLostClusters()));
        }
        return a;
    }
}
