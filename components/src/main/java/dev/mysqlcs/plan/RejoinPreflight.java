package dev.mysqlcs.plan;

import dev.mysqlcs.io.ClusterSetMetadata;
import dev.mysqlcs.io.InstanceProbe;
import dev.mysqlcs.io.InstanceState;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Diagnose before rejoinCluster (S1.8): an old primary that comes back after a forced failover may hold transactions
 * committed during the partition that the new primary never received (errant transactions). rejoinCluster cannot
 * reconcile them and this project never discards data on its own, so the rejoin is refused with repair guidance.
 * The old primary must also be fenced (super_read_only ON, {@code fenceWrites}) before the check, or a write could land
 * right after it.
 *
 * <p>{@link #observe} gathers facts through two probes; {@link #evaluate} is pure.
 */
public final class RejoinPreflight {

    private RejoinPreflight() {
    }

    /**
     * What the check looks at.
     *
     * @param clusterName     the InnoDB cluster (metadata name) that would rejoin
     * @param oldPrimary      how messages name that cluster's primary server (e.g. {@code prod/mysql-prod/prd-0})
     * @param currentPrimary  how messages name the primary cluster's primary server
     * @param clusterSet      the ClusterSet as the current primary's metadata records it
     * @param errantGtids     transactions of the old primary missing on the current primary; "" for none
     */
    public record Observation(String clusterName, String oldPrimary, InstanceState oldPrimaryState,
                              String currentPrimary, InstanceState currentPrimaryState,
                              Optional<ClusterSetMetadata> clusterSet, String errantGtids) {
        public Observation {
            Objects.requireNonNull(clusterName, "clusterName");
            Objects.requireNonNull(oldPrimary, "oldPrimary");
            Objects.requireNonNull(oldPrimaryState, "oldPrimaryState");
            Objects.requireNonNull(currentPrimary, "currentPrimary");
            Objects.requireNonNull(currentPrimaryState, "currentPrimaryState");
            Objects.requireNonNull(clusterSet, "clusterSet");
            Objects.requireNonNull(errantGtids, "errantGtids");
        }
    }

    /** The verdict. {@link #reasons()} are complete sentences with what to do; empty means rejoin may go ahead. */
    public record Result(String clusterName, String errantGtids, boolean fenced, List<String> reasons) {
        public Result {
            reasons = List.copyOf(reasons);
        }

        public boolean ok() {
            return reasons.isEmpty();
        }

        public boolean hasErrantTransactions() {
            return !errantGtids.isEmpty();
        }
    }

    public static Result check(String clusterName, String oldPrimary, InstanceProbe oldPrimaryProbe,
                               String currentPrimary, InstanceProbe currentPrimaryProbe) {
        return evaluate(observe(clusterName, oldPrimary, oldPrimaryProbe, currentPrimary, currentPrimaryProbe));
    }

    /** Reads the old primary first: the current primary only gains transactions in between. */
    public static Observation observe(String clusterName, String oldPrimary, InstanceProbe oldPrimaryProbe,
                                      String currentPrimary, InstanceProbe currentPrimaryProbe) {
        InstanceState old = oldPrimaryProbe.instanceState();
        InstanceState current = currentPrimaryProbe.instanceState();
        Optional<ClusterSetMetadata> clusterSet = currentPrimaryProbe.clusterSetMetadata();
        String errant = currentPrimaryProbe.gtidSubtract(old.gtidExecuted(), current.gtidExecuted());
        return new Observation(clusterName, oldPrimary, old, currentPrimary, current, clusterSet, errant);
    }

    public static Result evaluate(Observation o) {
        List<String> reasons = new ArrayList<>();
        if (o.oldPrimaryState().serverUuid().equals(o.currentPrimaryState().serverUuid())) {
            reasons.add(o.oldPrimary() + " and " + o.currentPrimary() + " are the same server (server_uuid "
                    + o.oldPrimaryState().serverUuid() + "). Check which server the topology names as the current"
                    + " primary.");
        }
        if (o.clusterSet().isEmpty()) {
            reasons.add(o.currentPrimary() + " holds no ClusterSet metadata, so it is not the primary of a"
                    + " ClusterSet. Point the check at the primary cluster's primary server.");
        } else {
            ClusterSetMetadata cs = o.clusterSet().get();
            Optional<ClusterSetMetadata.Member> member = cs.member(o.clusterName());
            if (member.isEmpty()) {
                reasons.add("Cluster " + o.clusterName() + " is not a member of ClusterSet " + cs.domainName()
                        + " (as recorded on " + o.currentPrimary() + "), so there is nothing to rejoin. Add it as a"
                        + " new replica cluster instead.");
            } else if (member.get().primary()) {
                reasons.add("Cluster " + o.clusterName() + " is the PRIMARY of ClusterSet " + cs.domainName()
                        + " (as recorded on " + o.currentPrimary() + "); only a replica or an invalidated cluster"
                        + " can rejoin.");
            }
        }
        boolean fenced = o.oldPrimaryState().superReadOnly();
        if (!fenced) {
            reasons.add(o.oldPrimary() + " still accepts writes (super_read_only is OFF). Fence it first"
                    + " (fenceWrites on cluster " + o.clusterName() + ") so that no transaction lands after this"
                    + " check, then run again.");
        }
        if (!o.errantGtids().isEmpty()) {
            reasons.add(o.oldPrimary() + " holds transactions that the current primary " + o.currentPrimary()
                    + " does not have (errant GTID set " + o.errantGtids() + "), most likely committed during the"
                    + " partition before the failover. rejoinCluster cannot reconcile them and nothing is discarded"
                    + " automatically, so nothing was changed. Repair by hand: inspect them on " + o.oldPrimary()
                    + " (mysqlbinlog --include-gtids='" + o.errantGtids() + "' over its binary logs), apply on "
                    + o.currentPrimary() + " whatever must be kept, then remove cluster " + o.clusterName()
                    + " from the ClusterSet and add it back as a new replica cluster with clone (which discards"
                    + " them on purpose), and run again.");
        }
        return new Result(o.clusterName(), o.errantGtids(), fenced, reasons);
    }
}
