package dev.mysqlcs.plan;

import dev.mysqlcs.io.InstanceProbe;
import dev.mysqlcs.io.InstanceState;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Diagnose before joining: may this server seed a replica cluster (createReplicaCluster with clone, S2.14)? Cloning
 * replaces everything the target holds, so the target must hold nothing that is not already on the primary: no user
 * data and no transactions outside the primary's GTID set (errant transactions). Otherwise the join is refused with
 * guidance; data is never dissolved to make a join possible.
 *
 * <p>{@link #observe} gathers facts through two probes; {@link #evaluate} is pure.
 */
public final class ReplicaPreflight {

    private ReplicaPreflight() {
    }

    /**
     * What the check looks at.
     *
     * @param target            how messages name the join target (e.g. {@code dr/mysql-dr/dr-0})
     * @param targetUserSchemas schemas of the target outside the system and metadata schemas
     * @param errantGtids       transactions of the target that are neither on the primary nor accepted; "" for none
     */
    public record Observation(String target, InstanceState targetState, List<String> targetUserSchemas,
                              String primary, InstanceState primaryState, String errantGtids) {
        public Observation {
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(targetState, "targetState");
            targetUserSchemas = List.copyOf(targetUserSchemas);
            Objects.requireNonNull(primary, "primary");
            Objects.requireNonNull(primaryState, "primaryState");
            Objects.requireNonNull(errantGtids, "errantGtids");
        }
    }

    /**
     * The verdict. {@link #reasons()} are complete sentences with what to do; empty means the join may go ahead.
     */
    public record Result(String target, String primary, List<String> userSchemas, String errantGtids,
                         List<String> reasons) {
        public Result {
            userSchemas = List.copyOf(userSchemas);
            reasons = List.copyOf(reasons);
        }

        public boolean ok() {
            return reasons.isEmpty();
        }

        public boolean holdsUserData() {
            return !userSchemas.isEmpty();
        }

        public boolean hasErrantTransactions() {
            return !errantGtids.isEmpty();
        }
    }

    /** Strict check: every transaction of the target must be on the primary. */
    public static Result check(String target, InstanceProbe targetProbe, String primary, InstanceProbe primaryProbe) {
        return evaluate(observe(target, targetProbe, primary, primaryProbe, ""));
    }

    /**
     * As {@link #check(String, InstanceProbe, String, InstanceProbe)}, but transactions in {@code acceptedGtids} do
     * not count as errant: GTIDs the caller knowingly lets the clone discard, e.g. the set it recorded on the target
     * right after creating that (then empty) InnoDBCluster. Pass "" for none.
     */
    public static Result check(String target, InstanceProbe targetProbe, String primary, InstanceProbe primaryProbe,
                               String acceptedGtids) {
        return evaluate(observe(target, targetProbe, primary, primaryProbe, acceptedGtids));
    }

    /**
     * Reads the target first and the primary second: the primary only gains transactions in between, which can only
     * shrink the errant set, never hide target transactions that predate the target's read.
     */
    public static Observation observe(String target, InstanceProbe targetProbe, String primary,
                                      InstanceProbe primaryProbe, String acceptedGtids) {
        Objects.requireNonNull(acceptedGtids, "acceptedGtids");
        InstanceState targetState = targetProbe.instanceState();
        List<String> schemas = targetProbe.userSchemas();
        InstanceState primaryState = primaryProbe.instanceState();
        String errant = primaryProbe.gtidSubtract(targetState.gtidExecuted(), primaryState.gtidExecuted());
        if (!errant.isEmpty() && !acceptedGtids.isBlank()) {
            errant = primaryProbe.gtidSubtract(errant, acceptedGtids);
        }
        return new Observation(target, targetState, schemas, primary, primaryState, errant);
    }

    public static Result evaluate(Observation o) {
        List<String> reasons = new ArrayList<>();
        if (o.targetState().serverUuid().equals(o.primaryState().serverUuid())) {
            reasons.add(o.target() + " and " + o.primary() + " are the same server (server_uuid "
                    + o.targetState().serverUuid() + "): a replica cluster cannot replicate from itself. Check which"
                    + " server the topology names as primary and which as replica.");
        }
        if (!o.targetUserSchemas().isEmpty()) {
            reasons.add(o.target() + " holds user data in " + plural(o.targetUserSchemas().size(), "schema") + " "
                    + String.join(", ", o.targetUserSchemas()) + ". Creating a replica cluster from it would clone "
                    + o.primary() + " over that data, so nothing was changed. Move the data to the primary or back"
                    + " it up, drop those schemas on " + o.target() + ", then run again; or name an InnoDBCluster that"
                    + " holds no user data. Data is never dissolved to make a join possible.");
        }
        if (!o.errantGtids().isEmpty()) {
            reasons.add(o.target() + " has transactions that " + o.primary() + " does not have (errant GTID set "
                    + o.errantGtids() + "). Cloning would discard them, so nothing was changed. Inspect them on "
                    + o.target() + " (mysqlbinlog --include-gtids='" + o.errantGtids() + "' over its binary logs),"
                    + " apply on " + o.primary() + " whatever must be kept, then re-create the target InnoDBCluster"
                    + " empty and run again.");
        }
        return new Result(o.target(), o.primary(), o.targetUserSchemas(), o.errantGtids(), reasons);
    }

    static String plural(int n, String word) {
        return n == 1 ? word : word + "s";
    }
}
