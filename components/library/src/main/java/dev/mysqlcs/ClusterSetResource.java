package dev.mysqlcs;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.resources.CustomResource;
import com.pulumi.resources.CustomResourceOptions;
import dev.mysqlcs.contract.ClusterSetContract;
import java.util.List;

/**
 * The outputs every ClusterSet resource of the provider ({@link ClusterSet}, {@link ClusterSetMember},
 * {@link ClusterSetPrimary}) reports: the steps its Diff plans and its Create / Update applied, and the ClusterSet's
 * status as last read.
 *
 * <p>The SDK finds {@code @Export} fields through superclasses ({@code Reflection.allFields}, as for
 * {@code CustomResource.id}), so these are filled for each subclass. Like every {@code @Export} field they must
 * stay without initializers: the SDK sets them in {@code Resource}'s constructor, and an initializer would run after
 * it and overwrite them.
 */
public abstract class ClusterSetResource extends CustomResource {

    @Export(
            name = ClusterSetContract.PLANNED_STEPS,
            refs = {List.class, String.class},
            tree = "[0,1]")
    private Output<List<String>> plannedSteps;

    public Output<List<String>> plannedSteps() {
        return plannedSteps;
    }

    @Export(
            name = ClusterSetContract.APPLIED_STEPS,
            refs = {List.class, String.class},
            tree = "[0,1]")
    private Output<List<String>> appliedSteps;

    public Output<List<String>> appliedSteps() {
        return appliedSteps;
    }

    @Export(
            name = ClusterSetContract.NOTES,
            refs = {List.class, String.class},
            tree = "[0,1]")
    private Output<List<String>> notes;

    public Output<List<String>> notes() {
        return notes;
    }

    @Export(
            name = ClusterSetContract.CLUSTER_SET_STATUS,
            refs = {String.class},
            tree = "[0]")
    private Output<String> clusterSetStatus;

    public Output<String> clusterSetStatus() {
        return clusterSetStatus;
    }

    /** @param options must name the {@link MysqlcsProvider} ({@code provider(...)}) */
    protected ClusterSetResource(String type, String name, ClusterSetResourceArgs args, CustomResourceOptions options) {
        super(type, name, args, options);
    }
}
