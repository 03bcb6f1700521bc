package dev.mysqlcs.plan;

import dev.mysqlcs.model.CloneVersions;
import dev.mysqlcs.model.ClusterSetSpec;
import dev.mysqlcs.model.ClusterSetStatus;
import dev.mysqlcs.model.GtidSets;
import dev.mysqlcs.model.Linkage;
import dev.mysqlcs.model.Member;
import dev.mysqlcs.plan.Observation.DataFacts;
import dev.mysqlcs.plan.Observation.MemberFacts;
import dev.mysqlcs.plan.Observation.Reach;
import dev.mysqlcs.plan.Observation.RouterState;
import dev.mysqlcs.plan.Observation.SecretsState;
import dev.mysqlcs.plan.Observation.Writes;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Pure planning: (desired ClusterSet, what this stack deploys, observed state) to the steps that close the gap, or a
 * refusal when the next step could lose data, split the ClusterSet or flip the primary back. The provider runs the
 * first step, observes again and plans again, so every step is decided on fresh state and an interrupted run resumes.
 */
public final class ClusterSetPlanner {

    static final String CS = "mysqlcs:clusterSet";

    private final ClusterSetSpec spec;
    private final Set<String> deployed;
    private final Observation obs;

    private ClusterSetPlanner(ClusterSetSpec spec, Set<String> deployedKubeClusters, Observation obs) {
        this.spec = spec;
        this.deployed = deployedKubeClusters;
        this.obs = obs;
    }

    /**
     * @param deployedKubeClusters the kubeClusters the stack asking deploys ({@code mysqlcs:deploy})
     */
    public static StepPlan plan(
            Intent intent, ClusterSetSpec spec, Set<String> deployedKubeClusters, Observation observation) {
        ClusterSetPlanner p = new ClusterSetPlanner(spec, deployedKubeClusters, observation);
        if (intent instanceof Intent.EnsureClusterSet) {
            return p.ensureClusterSet();
        }
        if (intent instanceof Intent.EnsureMember e) {
            return p.ensureMember(e.member());
        }
        if (intent instanceof Intent.EnsurePrimary) {
            return p.ensurePrimary();
        }
        if (intent instanceof Intent.RemoveMember e) {
            return p.removeMember(e.member());
        }
        if (intent instanceof Intent.DissolveClusterSet) {
            return p.dissolveClusterSet();
        }
        throw new IllegalArgumentException("unknown intent " + intent);
    }

    // ------------------------------------------------------------------ ClusterSet

    private StepPlan ensureClusterSet() {
        StepPlan.Builder b = new StepPlan.Builder();
        if (!obs.conflicts().isEmpty()) {
            return splitView(b);
        }
        if (obs.clusterSet().isPresent()) {
            ClusterSetStatus cs = obs.clusterSet().get();
            if (!cs.domainName().equals(spec.name())) {
                Optional<Member> namedAfter = operatorsClusterSet(cs);
                if (spec.linkage() == Linkage.PROVIDER && namedAfter.isPresent()) {
                    // mysql/mysql-operator cluster_controller.py create_cluster ("Only on first cluster!") made it
                    // right after the InnoDB cluster; MySQL Shell has no call that renames a ClusterSet.
                    b.note("the MySQL Operator created ClusterSet '" + cs.domainName() + "' on "
                            + namedAfter.get().name() + " and named it after that InnoDB cluster; MySQL Shell cannot "
                            + "rename a ClusterSet, so it is managed under that name, not " + CS + ".name '"
                            + spec.name() + "'");
                } else if (spec.linkage() == Linkage.PROVIDER) {
                    return b.refuse(
                            "foreign-clusterset",
                            "the members already belong to ClusterSet '" + cs.domainName() + "', not '" + spec.name()
                                    + "'",
                            "set " + CS + ".name: "
                                    + cs.domainName()
                                    + " to manage that ClusterSet, or move these InnoDBClusters out of it "
                                    + "by hand first");
                } else {
                    b.note("the MySQL Operator named the ClusterSet '" + cs.domainName() + "'");
                }
            }
            Optional<Member> primary = memberOfCluster(cs.primaryCluster());
            if (primary.isEmpty()) {
                return b.refuse(
                        "unknown-primary",
                        "the ClusterSet's primary cluster '" + cs.primaryCluster() + "' is not one of " + CS
                                + ".members",
                        "add it to " + CS + ".members");
            }
            routerRestart(b, primary.get());
            return b.done();
        }
        Member p = spec.primaryMember();
        MemberFacts f = obs.member(p.name());
        if (!deployed.contains(p.kubeCluster())) {
            return b.refuse(
                    "clusterset-not-created",
                    "ClusterSet '" + spec.name() + "' does not exist yet",
                    "it is "
                            + "created on " + p.name() + " by the stack that deploys Kubernetes cluster '"
                            + p.kubeCluster()
                            + "': run `pulumi up` on that stack first (deploy order: the primary's stack, then the others)");
        }
        if (f.reach() != Reach.REACHABLE) {
            return b.refuse(
                    "primary-unreachable",
                    "cannot create ClusterSet '" + spec.name() + "': " + p.name() + " is " + reach(f),
                    "check the pods of " + p.name() + " in namespace " + p.namespace());
        }
        if (f.otherClusterSet().isPresent()) {
            return b.refuse(
                    "foreign-clusterset",
                    p.name() + " belongs to ClusterSet '" + f.otherClusterSet().get() + "'",
                    "set " + CS + ".name: " + f.otherClusterSet().get() + " or detach it by hand");
        }
        switch (f.standalone()) {
            case NOT_READY, NO_CLUSTER, CLUSTER_DOWN -> {
                return b.step(new ClusterSetStep.AwaitClusterOnline(p.name())).done();
            }
            case UNKNOWN -> {
                return b.refuse(
                        "unobserved",
                        "could not read the InnoDB cluster status of " + p.name(),
                        "run `pulumi up` again once it answers");
            }
            case ONLINE, ONLINE_PARTIAL -> {
                b.step(new ClusterSetStep.CreateClusterSet(p.name(), spec.name(), fqdn(p, 0)));
                if (spec.primaryEpoch() > 0) {
                    b.step(new ClusterSetStep.RecordPrimaryEpoch(spec.primaryEpoch()));
                }
                if (spec.linkage() == Linkage.PROVIDER && p.routerInstances() > 0) {
                    b.step(new ClusterSetStep.RestartRouter(p.name()));
                }
                return b.done();
            }
            default -> throw new IllegalStateException(f.standalone().toString());
        }
    }

    /**
     * The configured member a ClusterSet is named after, when every cluster in it is a configured member: the
     * ClusterSet the MySQL Operator creates with an InnoDBCluster that has no {@code spec.initDB.clusterSet}
     * ({@code create_cluster_set(self.dba_cluster_name)}, the InnoDBCluster name with - and . as _), alone at first
     * and then holding the replicas this provider joined to it.
     */
    private Optional<Member> operatorsClusterSet(ClusterSetStatus cs) {
        boolean onlyOurs =
                cs.clusters().keySet().stream().allMatch(c -> memberOfCluster(c).isPresent());
        return onlyOurs ? memberOfCluster(cs.domainName()) : Optional.empty();
    }

    private void routerRestart(StepPlan.Builder b, Member m) {
        if (spec.linkage() == Linkage.PROVIDER
                && m.routerInstances() > 0
                && deployed.contains(m.kubeCluster())
                && obs.member(m.name()).router() == RouterState.PENDING) {
            b.step(new ClusterSetStep.RestartRouter(m.name()));
        }
    }

    // ------------------------------------------------------------------ member

    private StepPlan ensureMember(String name) {
        StepPlan.Builder b = new StepPlan.Builder();
        Member m = spec.member(name).orElseThrow(() -> new IllegalArgumentException("no member " + name));
        if (!obs.conflicts().isEmpty()) {
            return splitView(b);
        }
        if (obs.clusterSet().isEmpty()) {
            return clusterSetMissing(b);
        }
        ClusterSetStatus cs = obs.clusterSet().get();
        MemberFacts f = obs.member(name);
        Optional<ClusterSetStatus.Cluster> mine = cs.cluster(m.mysqlClusterName());
        if (mine.isPresent()) {
            ClusterSetStatus.Cluster c = mine.get();
            if (c.invalidated()) {
                return rejoin(b, m, c, f, cs);
            }
            StepPlan refused = completeMember(b, m, c, f, cs);
            return refused != null ? refused : b.done();
        }
        if (spec.linkage() == Linkage.OPERATOR) {
            return b.step(new ClusterSetStep.AwaitOperatorJoin(name))
                    .note("the Enterprise operator links " + name + " itself (initDB.clusterSet)")
                    .done();
        }
        return join(b, m, f, cs);
    }

    private StepPlan join(StepPlan.Builder b, Member m, MemberFacts f, ClusterSetStatus cs) {
        if (f.reach() != Reach.REACHABLE) {
            return b.refuse(
                    "member-unreachable",
                    "cannot join " + m.name() + " to ClusterSet '" + cs.domainName() + "': it is " + reach(f),
                    "check its pods in namespace " + m.namespace() + " of '" + m.kubeCluster() + "'");
        }
        if (f.otherClusterSet().isPresent()) {
            return b.refuse(
                    "foreign-clusterset",
                    m.name() + " belongs to another ClusterSet '"
                            + f.otherClusterSet().get() + "'",
                    "remove it from that ClusterSet by hand first");
        }
        if (primaryUnreachable(cs)) {
            return b.refuse(
                    "primary-unreachable",
                    "cannot join " + m.name() + ": the primary cluster '" + cs.primaryCluster() + "' is unreachable",
                    "joining clones from the primary; restore it first " + "(or fail over with " + CS
                            + ".forceFailover)");
        }
        Optional<String> left = leftGtids(f, cs.domainName());
        // A removal this provider recorded is the journal of the re-add too (kept until the join completes).
        boolean marked = f.joinMark().filter(cs.domainName()::equals).isPresent() || left.isPresent();
        switch (f.standalone()) {
            case NOT_READY -> {
                return b.step(new ClusterSetStep.AwaitClusterOnline(m.name())).done();
            }
            case NO_CLUSTER -> {
                if (!marked) {
                    // No cluster and no record of ours dissolving it: the operator has not created it yet.
                    return b.step(new ClusterSetStep.AwaitClusterOnline(m.name()))
                            .done();
                }
            }
            case CLUSTER_DOWN -> {
                // Its metadata names it, its Group Replication is stopped: the operator restarts GR (or reboots the
                // cluster after a complete outage) by itself; it is never treated as "no cluster".
                return b.step(new ClusterSetStep.AwaitClusterOnline(m.name()))
                        .note(m.name() + "'s InnoDB cluster is down (Group Replication stopped on the pods that "
                                + "answered); the MySQL Operator restarts it")
                        .done();
            }
            case UNKNOWN -> {
                return b.refuse(
                        "unobserved",
                        "could not read the InnoDB cluster status of " + m.name(),
                        "run `pulumi up` again once it answers");
            }
            case ONLINE, ONLINE_PARTIAL -> {
                // checked below
            }
            default -> throw new IllegalStateException(f.standalone().toString());
        }
        StepPlan refused =
                preflightTarget(b, m, f, cs, marked && f.standalone() == Observation.Standalone.NO_CLUSTER, left);
        if (refused != null) {
            return refused;
        }
        refused = joinCloneVersions(b, m, f, cs);
        if (refused != null) {
            return refused;
        }
        if (!missingSecretsOf(f, primaryMember(cs).map(Member::name).orElse("")).isEmpty()) {
            // Before anything is dissolved: the copy after createReplicaCluster could not complete.
            return refuseSecrets(b, m, f, cs, "joining " + m.name());
        }
        if (f.standalone() == Observation.Standalone.ONLINE_PARTIAL) {
            // mysql-shell modules/adminapi/cluster/dissolve.cc Dissolve::prepare(): an instance neither ONLINE nor
            // RECOVERING is an error unless force ("The instance '<address>' is '<state>'",
            // handle_unavailable_instances); force would leave that instance out and it could rejoin the dissolved
            // group. The planner never forces: it waits until every configured pod is ONLINE.
            return b.refuse(
                    "dissolve-target-partial",
                    "cannot join " + m.name()
                            + ": its InnoDB cluster must be dissolved first, and not every one of its " + m.instances()
                            + " instance(s) is ONLINE (MySQL Shell's Cluster.dissolve refuses)",
                    "wait until the MySQL Operator brings every pod of InnoDBCluster " + m.name() + " back ONLINE "
                            + "(a DBA checks with `mysqlsh --js -e \"print(dba.getCluster().status())\"` on pod "
                            + m.name() + "-0 in namespace " + m.namespace() + ") and run `pulumi up` again; the "
                            + "provider never dissolves with force");
        }
        if (f.standalone() == Observation.Standalone.ONLINE) {
            if (obs.ownClusterSets().contains(m.name())) {
                // mysql-shell modules/adminapi/cluster/dissolve.cc Dissolve::prepare refuses only a cluster of a
                // ClusterSet with other clusters; dissolving the only one drops the metadata, that ClusterSet with it.
                b.note(m.name() + " is the only cluster of the ClusterSet '" + m.mysqlClusterName() + "' the MySQL "
                        + "Operator created with it; dissolving its InnoDB cluster removes that ClusterSet");
            }
            if (!marked) {
                b.step(new ClusterSetStep.MarkJoining(m.name(), cs.domainName()));
            }
            b.step(new ClusterSetStep.DissolveStandalone(m.name(), fqdn(m, 0)));
        }
        b.step(new ClusterSetStep.CreateReplicaCluster(m.name(), m.mysqlClusterName(), fqdn(m, 0), primaryHost(cs)));
        if (f.secrets() != SecretsState.IN_SYNC) {
            primaryMember(cs).ifPresent(p -> b.step(new ClusterSetStep.CopyCredentials(p.name(), m.name())));
        }
        for (int i = 1; i < m.instances(); i++) {
            b.step(new ClusterSetStep.AddInstance(m.name(), i, fqdn(m, i)));
        }
        if (m.routerInstances() > 0 && deployed.contains(m.kubeCluster())) {
            b.step(new ClusterSetStep.RestartRouter(m.name()));
        }
        b.step(new ClusterSetStep.ClearJoinMark(m.name()));
        return b.done();
    }

    /**
     * S2.14 preflight: never dissolve or clone over data the primary does not have.
     *
     * @param resuming the member was dissolved by an earlier join of this ClusterSet (join mark) and is still no
     *                 cluster: a createReplicaCluster that failed after its clone (the Shell reverts everything but
     *                 the cloned datadir: modules/adminapi/common/base_cluster_impl.cc, restart_timeout, and the undo
     *                 list of cluster_set/create_replica_cluster.cc) left the primary's own data there
     */
    private StepPlan preflightTarget(
            StepPlan.Builder b, Member m, MemberFacts f, ClusterSetStatus cs, boolean resuming, Optional<String> left) {
        if (f.data().isEmpty() || f.data().get().errantVsPrimary().isEmpty()) {
            return b.refuse(
                    "preflight-unobserved",
                    "cannot check the data of " + m.name() + " before turning it into " + "a replica",
                    "its primary instance must answer JDBC probes; run `pulumi up` again once it does");
        }
        DataFacts d = f.data().get();
        if (left.isPresent() && !d.userSchemas().isEmpty()) {
            return readd(b, m, f, d, cs, left.get());
        }
        if (resuming
                && !d.userSchemas().isEmpty()
                && GtidSets.isEmpty(d.errantVsPrimary().get())) {
            // Every transaction it holds is the primary's (GTID_SUBTRACT(target, primary) is empty): its schemas are
            // the primary's copy from the interrupted clone, so cloning again loses nothing.
            b.note("resuming the interrupted join of " + m.name() + ": its data (" + String.join(", ", d.userSchemas())
                    + ") came from '" + cs.primaryCluster() + "' (its GTID set is a subset of the "
                    + "primary's) and is cloned again");
            return null;
        }
        if (resuming && !d.userSchemas().isEmpty()) {
            return b.refuse(
                    "resume-holds-foreign-data",
                    "the join of " + m.name() + " was interrupted after its "
                            + "InnoDB cluster was dissolved, and it now holds user data in "
                            + String.join(", ", d.userSchemas()) + " with transactions the primary '"
                            + cs.primaryCluster() + "' does not have "
                            + "(GTIDs " + GtidSets.normalize(d.errantVsPrimary().get()) + ")",
                    "those did not come from a "
                            + "clone of the primary; "
                            + replayGuidance(m, f, d.errantVsPrimary().get(), cs)
                            + ", then drop those schemas on " + m.name() + " (or re-create InnoDBCluster " + m.name()
                            + " empty) and run `pulumi up` again");
        }
        if (!d.userSchemas().isEmpty()) {
            return b.refuse(
                    "target-holds-user-data",
                    m.name() + " holds user data in schema(s) "
                            + String.join(", ", d.userSchemas())
                            + "; joining it as a replica would dissolve it and overwrite "
                            + "that data with a clone of '" + cs.primaryCluster() + "'",
                    "back that data up or move it to '"
                            + cs.primaryCluster() + "', drop those schemas on " + m.name()
                            + " and run `pulumi up` again, or "
                            + "make " + m.name() + " the primary of a new ClusterSet instead (" + CS
                            + ".primary); data is "
                            + "never dissolved to make a join possible");
        }
        String errant = d.errantVsPrimary().get();
        if (!GtidSets.isEmpty(errant)) {
            Set<String> foreign = GtidSets.sourceUuids(errant).stream()
                    .filter(u -> !d.localUuids().contains(u))
                    .collect(Collectors.toCollection(java.util.TreeSet::new));
            if (!foreign.isEmpty()) {
                return b.refuse(
                        "target-has-errant-gtids",
                        m.name() + " executed transactions the primary does not "
                                + "have from other sources (GTIDs " + GtidSets.normalize(errant) + ", sources "
                                + String.join(", ", foreign) + ")",
                        "the clone would discard them; "
                                + replayGuidance(m, f, errant, cs) + ", then re-create InnoDBCluster " + m.name()
                                + " empty and run `pulumi up` again");
            }
            b.note(m.name() + "'s own bookkeeping transactions (" + GtidSets.normalize(errant)
                    + ") are replaced by the clone; it holds no user schemas");
        }
        return null;
    }

    /**
     * Re-adding a member this provider removed (its removal record names this ClusterSet): its data is the ClusterSet's
     * own copy when it executed nothing since the removal, i.e. its transactions the primary lacks are exactly those
     * recorded at the end of the removal, the re-created cluster's own bookkeeping (dba/create_cluster.cc starts Group
     * Replication before it writes the metadata schema, so those carry the new group's GTIDs), or none. The same
     * server function computes both sets (GTID_SUBTRACT(member, primary)), and the primary never gains the removed
     * member's transactions, so an equal set means no local writes; createReplicaCluster then clones over it.
     */
    private StepPlan readd(
            StepPlan.Builder b, Member m, MemberFacts f, DataFacts d, ClusterSetStatus cs, String recorded) {
        String errant = GtidSets.normalize(d.errantVsPrimary().orElse(""));
        // After this re-add's own dissolve (no cluster, the record still there): cluster/dissolve.cc drops the
        // replication accounts and the metadata schema while Group Replication runs, i.e. as more transactions of
        // the same group; once GR is stopped no transaction carries that group's UUID again.
        boolean dissolvedHere = f.standalone() == Observation.Standalone.NO_CLUSTER
                && !recorded.isEmpty()
                && GtidSets.sourceUuids(recorded).containsAll(GtidSets.sourceUuids(errant));
        if (errant.isEmpty() || errant.equals(recorded) || dissolvedHere) {
            b.note("re-adding " + m.name() + ", which this provider removed from ClusterSet '" + cs.domainName()
                    + "': it executed no transactions since (its GTID set is the primary's"
                    + (errant.isEmpty()
                            ? ""
                            : " plus " + errant + ", its re-created cluster's own bookkeeping recorded at the removal"
                                    + (errant.equals(recorded) ? "" : " and written by this re-add's dissolve"))
                    + "), so its data (" + String.join(", ", d.userSchemas()) + ") is replaced by a clone of '"
                    + cs.primaryCluster() + "'");
            return null;
        }
        return b.refuse(
                "readd-local-writes",
                m.name() + " was removed from ClusterSet '" + cs.domainName() + "' by "
                        + "this provider, but it executed transactions since then that the primary '"
                        + cs.primaryCluster()
                        + "' does not have (its GTIDs the primary lacks are now " + errant
                        + "; at the removal they were "
                        + (recorded.isEmpty() ? "none" : recorded) + "), in schema(s) "
                        + String.join(", ", d.userSchemas()),
                "re-adding it would overwrite them with a clone of '" + cs.primaryCluster() + "'; "
                        + replayGuidance(m, f, errant, cs) + ", then drop those schemas on " + m.name() + " (or "
                        + "re-create InnoDBCluster " + m.name() + " empty) and run `pulumi up` again");
    }

    /**
     * The GTIDs recorded when this provider removed the member from ClusterSet {@code domain} ("" for none), empty
     * when the journal records no such removal.
     */
    private static Optional<String> leftGtids(MemberFacts f, String domain) {
        String prefix = "left:" + domain;
        return f.joinMark()
                .filter(j -> j.equals(prefix) || j.startsWith(prefix + "|"))
                .map(j -> j.length() == prefix.length() ? "" : j.substring(prefix.length() + 1));
    }

    /** The steps that complete a joined member; a refusal, or null when {@code b} holds them all. */
    private StepPlan completeMember(
            StepPlan.Builder b, Member m, ClusterSetStatus.Cluster c, MemberFacts f, ClusterSetStatus cs) {
        boolean isPrimary = c.name().equals(cs.primaryCluster());
        if (spec.linkage() != Linkage.PROVIDER) {
            // linkage: operator. The Enterprise operator links the member (initDB.clusterSet) and restarts nothing
            // here, but its routers register in the same ClusterSet metadata: their stale <pod>:: registrations and
            // per-router routing options are this provider's, as with provider linkage. The operator writes only
            // ClusterSet-wide options, from spec.router.routingOptions, which this project never renders
            // (cluster_controller.py create_cluster: dba_cluster_set.set_routing_option(option, value), no router).
            if (!(c.unreachable() && !isPrimary)) {
                staleRouters(b, m, f, cs, false);
                routingOptions(b, m, f);
            }
            return null;
        }
        if (c.unreachable() && !isPrimary) {
            // Its instances are unknown from here (no topology in the status); a lost replica must not hold up this
            // stack's `pulumi up` for a whole step timeout.
            b.note(m.name() + " is " + c.status() + " in the ClusterSet's view ("
                    + obs.statusSource().orElse("?") + "); its instances are completed once it answers");
            if (f.joinMark().isPresent()) {
                b.step(new ClusterSetStep.ClearJoinMark(m.name()));
            }
            return null;
        }
        Optional<String> broken = isPrimary ? Optional.empty() : brokenChannel(c);
        if (broken.isPresent()) {
            // ClusterSet.rejoinCluster accepts any OK global state and re-creates the channel
            // (common/preconditions.cc "ClusterSet.rejoinCluster": kClusterGlobalStateAnyOkorInvalidated).
            Optional<String> errant =
                    f.data().flatMap(DataFacts::errantVsPrimary).or(c::errantGtidSet);
            if (errant.isPresent() && GtidSets.isEmpty(errant.get()) && !primaryUnreachable(cs)) {
                b.note(m.name() + "'s ClusterSet replication channel is " + broken.get() + "; rejoinCluster "
                        + "re-establishes it");
                b.step(new ClusterSetStep.RejoinCluster(m.name(), c.name()));
            } else {
                b.note(m.name() + "'s ClusterSet replication channel is " + broken.get() + " and is not repaired: "
                        + (errant.isEmpty()
                                ? "its transactions could not be compared with the primary's"
                                : !GtidSets.isEmpty(errant.get())
                                        ? "it holds errant transactions " + GtidSets.normalize(errant.get())
                                        : "the primary is unreachable"));
            }
        }
        boolean routerDue =
                m.routerInstances() > 0 && deployed.contains(m.kubeCluster()) && f.router() == RouterState.PENDING;
        boolean secretsBlockRouter = false;
        if (!isPrimary && f.secrets() == SecretsState.DIFFERENT) {
            primaryMember(cs).ifPresent(p -> b.step(new ClusterSetStep.CopyCredentials(p.name(), m.name())));
        } else if (!isPrimary && f.secrets() == SecretsState.UNKNOWN && deployed.contains(m.kubeCluster())) {
            // Unknown is "cannot tell", never "in sync" (review point 11).
            secretsBlockRouter = !copyMissingOwnSecrets(b, m, f, cs);
            if (secretsBlockRouter && !routerDue) {
                b.note("whether " + m.name() + "'s operator secrets (-privsecrets, -router, -backup) carry the "
                        + "primary's passwords is unknown (" + secretsProblem(m, f, cs) + "); they are compared "
                        + "again on the next `pulumi up`");
            }
        }
        Optional<String> advice = c.online() ? c.rescanAdvice() : Optional.empty();
        if (advice.isPresent()) {
            // Repair the metadata first: an instance that joined the group without its metadata row is not added again.
            b.step(new ClusterSetStep.Rescan(m.name(), c.name(), advice.get()));
            return null;
        }
        boolean missing = false;
        List<Integer> toAdd = new java.util.ArrayList<>();
        CloneCheck.Incompatible cloneRefusal = null;
        for (int i = 0; i < m.instances(); i++) {
            String host = fqdn(m, i);
            if (c.hasInstanceOnHost(host)) {
                continue;
            }
            missing = true;
            if (!c.online()) {
                continue;
            }
            List<String> schemas = f.podUserSchemas().get(i);
            if (schemas == null) {
                b.note("pod " + i + " of " + m.name() + " could not be inspected; addInstance waits for it");
                continue;
            }
            if (!schemas.isEmpty() && leftGtids(f, cs.domainName()).isPresent()) {
                // A re-add of a member this provider removed (its pod 0 was proven to hold only the ClusterSet's
                // data): its other pods were secondaries of the same dissolved cluster, read-only since (Group
                // Replication secondaries run super_read_only; cluster/dissolve.cc clears it on the primary only).
                b.note("pod " + i + " of " + m.name() + " holds " + String.join(", ", schemas) + " from its InnoDB "
                        + "cluster before the re-add; it is cloned from the ClusterSet again");
            } else if (!schemas.isEmpty()) {
                b.note("pod " + i + " of " + m.name() + " holds user data in " + String.join(", ", schemas)
                        + "; not added (clone would overwrite it): move the data away, then run `pulumi up`");
                continue;
            }
            CloneCheck clone = addInstanceCloneCheck(m, i, f, c);
            if (clone instanceof CloneCheck.Incompatible x) {
                // The pods before it are still added; the refusal follows them.
                cloneRefusal = x;
                break;
            }
            if (clone instanceof CloneCheck.Unknown x) {
                b.note(x.why());
                continue;
            }
            toAdd.add(i);
        }
        if (!toAdd.isEmpty()) {
            // Review point 9. Inside this provider's own join (its journal names this ClusterSet, or a re-add of a
            // member it removed): createReplicaCluster just made the cluster, and the operator never joins those pods
            // again (their on_pod_create handler completed when the operator built its own cluster; it reacts only
            // to a pod created or a mysql container restarted: operator_cluster.py on_pod_create / on_pod_event), so
            // the provider adds them. Outside it, a configured pod missing from an ONLINE cluster is one the
            // operator joins itself (a new or re-created pod: on_pod_create -> ClusterController.on_pod_created ->
            // reconcile_pod -> join_instance once the cluster diagnoses ONLINE*, cluster_controller.py), holding the
            // cluster's exclusive AdminAPI lock meanwhile: the provider waits for it, bounded, and adds only what is
            // still missing then.
            boolean ownJoin = f.joinMark().filter(cs.domainName()::equals).isPresent()
                    || leftGtids(f, cs.domainName()).isPresent();
            if (!ownJoin) {
                b.step(new ClusterSetStep.AwaitOperatorAddInstance(m.name(), c.name(), toAdd));
            }
            for (int i : toAdd) {
                b.step(new ClusterSetStep.AddInstance(m.name(), i, fqdn(m, i)));
            }
        }
        if (cloneRefusal != null) {
            return b.refuse("clone-versions-incompatible", cloneRefusal.reason(), cloneRefusal.guidance());
        }
        if (missing && !c.online()) {
            b.step(new ClusterSetStep.AwaitClusterOnline(m.name()));
        }
        if (secretsBlockRouter && routerDue) {
            // The restarted routers bootstrap with the -router Secret's account (router_objects.py).
            return refuseSecrets(b, m, f, cs, "the router restart of " + m.name());
        }
        routerRestart(b, m);
        staleRouters(b, m, f, cs, false);
        routingOptions(b, m, f);
        if (f.joinMark().isPresent()) {
            b.step(new ClusterSetStep.ClearJoinMark(m.name()));
        }
        return null;
    }

    /** The member's facts' missing Secrets of {@code owner} (a member name). */
    private static List<Observation.MissingSecret> missingSecretsOf(MemberFacts f, String owner) {
        return f.missingSecrets().stream().filter(x -> x.member().equals(owner)).toList();
    }

    /**
     * Secrets UNKNOWN because only the member's own are missing: CopyCredentials creates them from the primary's
     * (planned here, true). False when the primary's are missing too, or nothing could be read: cannot tell.
     */
    private boolean copyMissingOwnSecrets(StepPlan.Builder b, Member m, MemberFacts f, ClusterSetStatus cs) {
        Optional<Member> p = primaryMember(cs);
        List<Observation.MissingSecret> own = missingSecretsOf(f, m.name());
        if (p.isEmpty() || own.isEmpty() || !missingSecretsOf(f, p.get().name()).isEmpty()) {
            return false;
        }
        b.note(listed(own) + " of " + m.name() + (own.size() == 1 ? " does" : " do") + " not exist; copied from "
                + p.get().name() + "'s");
        b.step(new ClusterSetStep.CopyCredentials(p.get().name(), m.name()));
        return true;
    }

    private static String listed(List<Observation.MissingSecret> secrets) {
        return String.join(
                ", ", secrets.stream().map(Observation.MissingSecret::toString).toList());
    }

    /** Why the member's Secrets cannot be compared: the primary's that are missing, or none could be read. */
    private String secretsProblem(Member m, MemberFacts f, ClusterSetStatus cs) {
        Optional<Member> p = primaryMember(cs);
        List<Observation.MissingSecret> ofPrimary =
                p.map(x -> missingSecretsOf(f, x.name())).orElse(List.of());
        if (!ofPrimary.isEmpty()) {
            return "the primary " + p.get().name() + "'s " + listed(ofPrimary)
                    + (ofPrimary.size() == 1 ? " does" : " do") + " not exist";
        }
        return "they could not be read"
                + p.map(x -> " in '" + m.kubeCluster() + "' and '" + x.kubeCluster() + "'")
                        .orElse("");
    }

    /**
     * Review point 11: a step that relies on the member's operator Secrets carrying the primary's passwords (after
     * the clone the member holds the primary's accounts: cluster_objects.py, router_objects.py, backup_objects.py)
     * while that cannot be told: a Secret of the primary is missing, or none could be read.
     */
    private StepPlan refuseSecrets(StepPlan.Builder b, Member m, MemberFacts f, ClusterSetStatus cs, String step) {
        Optional<Member> p = primaryMember(cs);
        List<Observation.MissingSecret> ofPrimary =
                p.map(x -> missingSecretsOf(f, x.name())).orElse(List.of());
        if (!ofPrimary.isEmpty()) {
            String them = ofPrimary.size() == 1 ? "it" : "them";
            return b.refuse(
                    "operator-secret-missing",
                    step + " needs " + m.name() + "'s operator secrets "
                            + "(-privsecrets, -router, -backup) to carry the passwords of the primary "
                            + p.get().name()
                            + "'s, but " + secretsProblem(m, f, cs),
                    "the MySQL Operator creates " + them + " only with "
                            + "InnoDBCluster " + p.get().name() + ": restore " + them + " (from a backup of namespace "
                            + p.get().namespace() + "), or re-create " + them
                            + " with a new password and set it for the "
                            + "account on the primary (ALTER USER, replicated to every member), then run `pulumi up` again");
        }
        return b.refuse(
                "operator-secrets-unknown",
                "cannot tell whether " + m.name() + "'s operator secrets "
                        + "(-privsecrets, -router, -backup) carry the primary's passwords: " + secretsProblem(m, f, cs),
                step + " waits for them; run `pulumi up` again when the Kubernetes API answers");
    }

    /**
     * {@code members[i].routing}: every router of the member registered in the ClusterSet gets each configured option
     * whose effective value differs (a rolled-out router registers anew with the ClusterSet's defaults,
     * common/router.cc k_default_clusterset_router_options, and is set on the next `pulumi up`).
     */
    private void routingOptions(StepPlan.Builder b, Member m, MemberFacts f) {
        if (m.routing().isEmpty() || !deployed.contains(m.kubeCluster())) {
            return;
        }
        if (f.routers().isEmpty()) {
            b.note("no router of " + m.name() + " was read from the ClusterSet (listRouters() lists none of its "
                    + "pods, or could not be read); its routing options are set once one is");
            return;
        }
        for (var r : new java.util.TreeMap<>(f.routers()).entrySet()) {
            if (f.routerPods().isPresent() && !f.routerPods().get().contains(routerAddress(r.getKey()))) {
                continue; // a registration whose pod is gone: staleRouters
            }
            for (var o : m.routing().values().entrySet()) {
                if (o.getKey().equals(dev.mysqlcs.model.RoutingOptions.TAGS)) {
                    continue;
                }
                String want = routingValue(o.getKey(), o.getValue());
                if (!want.equals(r.getValue().get(o.getKey()))) {
                    b.step(new ClusterSetStep.SetRoutingOption(m.name(), r.getKey(), o.getKey(), want));
                }
            }
            routerTags(b, m, r.getKey(), r.getValue().get(dev.mysqlcs.model.RoutingOptions.TAGS));
        }
    }

    /**
     * {@code routing.tags} are the router's own tags, set whole when they differ from what the router has, and
     * removed ({@code setRoutingOption(router, 'tags', null)}, metadata_storage.cc set_routing_option JSON_REMOVE) when
     * the config has none ({@code tags} dropped or {@code {}}) while the router still has some. The ClusterSet-wide
     * tags ({@code setRoutingOption('tags', ...)} without a router) are not this config's.
     *
     * @param own the router's own tags as JSON text, null when it has none
     */
    private void routerTags(StepPlan.Builder b, Member m, String router, String own) {
        Object tags = m.routing().values().get(dev.mysqlcs.model.RoutingOptions.TAGS);
        boolean none = tags == null || ((Map<?, ?>) tags).isEmpty();
        if (none) {
            if (own != null && !own.equals("{}")) {
                b.step(new ClusterSetStep.SetRoutingOption(
                        m.name(), router, dev.mysqlcs.model.RoutingOptions.TAGS, "null"));
            }
            return;
        }
        String want = dev.mysqlcs.model.RoutingOptions.json(tags);
        if (!want.equals(own)) {
            b.step(new ClusterSetStep.SetRoutingOption(m.name(), router, dev.mysqlcs.model.RoutingOptions.TAGS, want));
        }
    }

    /** The address part of a router label {@code address::name} (common/router.cc: hostname::name). */
    private static String routerAddress(String label) {
        int i = label.indexOf("::");
        return i < 0 ? label : label.substring(0, i);
    }

    /**
     * The member's router registrations whose {@code target_cluster} is {@code target} (its JSON literal), sorted;
     * with {@code liveOnly} only those whose pod is still listed (an unlisted pod list keeps them all).
     */
    private static List<String> routersTargeting(MemberFacts f, String target, boolean liveOnly) {
        return f.routers().entrySet().stream()
                .filter(e -> target.equals(e.getValue().get(dev.mysqlcs.model.RoutingOptions.TARGET_CLUSTER)))
                .map(Map.Entry::getKey)
                .filter(l -> !liveOnly
                        || f.routerPods().map(p -> p.contains(routerAddress(l))).orElse(true))
                .sorted()
                .toList();
    }

    /**
     * Registrations the MySQL Operator leaves behind: its routers bootstrap with {@code --directory} and no
     * {@code --name} (mysql-operator router-entrypoint-run.sh.tpl), so MySQL Router registers them as
     * {@code <pod>::} (mysql-server config_generator.cc bootstrap_directory_deployment keeps the name empty), pods of
     * Deployment {@code <name>-router} (router_objects.py). The operator removes a deleted pod's registration itself,
     * best effort (operator_cluster.py on_router_pod_delete, cluster_controller.py on_router_pod_delete:
     * removeRouterMetadata('<pod>::'), its failures only logged). A registration of this scheme whose pod provably no
     * longer exists is removed ({@code cluster.removeRouterMetadata} on the member's cluster, which needs its global
     * status OK: base_cluster_impl.cc remove_router_metadata); any other one is left with a note.
     *
     * @param leaving the member is being removed from the ClusterSet: its live routers are named in a note too
     */
    private void staleRouters(StepPlan.Builder b, Member m, MemberFacts f, ClusterSetStatus cs, boolean leaving) {
        if (f.registered().isEmpty() || !deployed.contains(m.kubeCluster())) {
            return;
        }
        List<String> labels = f.registered().stream().sorted().toList();
        if (f.routerPods().isEmpty()) {
            b.note("the router pods of " + m.name() + " could not be listed; the registrations "
                    + String.join(", ", labels) + " are left as they are");
            return;
        }
        java.util.regex.Pattern scheme = java.util.regex.Pattern.compile(
                java.util.regex.Pattern.quote(m.name()) + "-router-[a-z0-9]+-[a-z0-9]+::");
        List<String> foreign = new java.util.ArrayList<>();
        List<String> live = new java.util.ArrayList<>();
        List<String> gone = new java.util.ArrayList<>();
        for (String label : labels) {
            if (!scheme.matcher(label).matches()) {
                foreign.add(label);
            } else if (f.routerPods().get().contains(routerAddress(label))) {
                live.add(label);
            } else {
                gone.add(label);
            }
        }
        if (!foreign.isEmpty()) {
            b.note("left in the ClusterSet's metadata: " + String.join(", ", foreign) + " (not named as the MySQL "
                    + "Operator bootstraps the routers of Deployment " + m.name() + "-router, <pod>::)");
        }
        if (leaving && !live.isEmpty()) {
            b.note("left in the ClusterSet's metadata: " + String.join(", ", live) + " (their pods still exist)");
        }
        if (gone.isEmpty()) {
            return;
        }
        // base_cluster_impl.cc remove_router_metadata: cluster_global_status(OK), not just any OK.
        String global = cs.cluster(m.mysqlClusterName())
                .map(ClusterSetStatus.Cluster::globalStatus)
                .orElse("unknown");
        if (!"OK".equals(global)) {
            b.note("the registrations " + String.join(", ", gone) + " of router pods of " + m.name() + " that no "
                    + "longer exist are removed once its global status in the ClusterSet is OK (removeRouterMetadata "
                    + "needs it; it is " + global + ")");
            return;
        }
        gone.forEach(label -> b.step(new ClusterSetStep.RemoveRouterMetadata(m.name(), label)));
    }

    /** The JSON literal for the Shell; target_cluster names the member's InnoDB cluster, as the Shell knows it. */
    private String routingValue(String option, Object value) {
        if (option.equals(dev.mysqlcs.model.RoutingOptions.TARGET_CLUSTER)
                && !dev.mysqlcs.model.RoutingOptions.PRIMARY.equals(value)) {
            value = spec.member(value.toString()).map(Member::mysqlClusterName).orElse(value.toString());
        }
        return dev.mysqlcs.model.RoutingOptions.json(value);
    }

    /**
     * S1.8: an invalidated cluster that is back: fence its writes, then rejoin unless it has errant transactions.
     * RejoinCluster is never the first step while the old primary is seen taking writes (super_read_only OFF on any of
     * its pods, or, unprobed, a status that is not FENCED_WRITES): the provider runs only the first step before
     * observing again, so the rejoin and its errant check are decided on a fenced cluster. A pod that did not answer
     * may be the one taking writes, so it blocks the rejoin.
     */
    private StepPlan rejoin(
            StepPlan.Builder b, Member m, ClusterSetStatus.Cluster c, MemberFacts f, ClusterSetStatus cs) {
        if (f.reach() != Reach.REACHABLE) {
            return b.refuse(
                    "invalidated-unreachable",
                    m.name() + " is INVALIDATED and " + reach(f),
                    "when it is reachable again, `pulumi up` fences its writes and rejoins it");
        }
        // The servers' own super_read_only outweighs the status: FENCED_WRITES does not stop a server unfenced by
        // hand. Every pod counts: pod 0 may be a read-only secondary while another pod is the primary taking writes.
        List<Integer> writable = f.podsWith(Writes.WRITABLE);
        List<Integer> unanswered = f.podsWith(Writes.UNANSWERED);
        boolean podsAnswered = f.podWrites().size() > unanswered.size();
        boolean fenced = podsAnswered
                // Unseen pods are fenced too, as far as the AdminAPI reaches them, unless the status says it is done.
                ? writable.isEmpty() && (unanswered.isEmpty() || c.fencedWrites())
                : f.data().map(DataFacts::superReadOnly).orElse(c.fencedWrites());
        if (!fenced) {
            b.step(new ClusterSetStep.FenceWrites(m.name(), fqdn(m, 0)));
            if (!writable.isEmpty()) {
                b.note(m.name() + " takes writes on " + podNames(m, writable) + " (super_read_only is OFF)"
                        + (c.fencedWrites() ? " although its status says " + c.status() : "")
                        + "; it is fenced first");
            } else if (c.fencedWrites()) {
                b.note(m.name() + " takes writes again (super_read_only is OFF) although its status says " + c.status()
                        + "; it is fenced again before the rejoin");
            }
        }
        if (primaryUnreachable(cs)) {
            return b.refuse(
                    "primary-unreachable",
                    "cannot rejoin " + m.name() + ": the primary cluster '" + cs.primaryCluster() + "' is unreachable",
                    "restore it first");
        }
        if (obs.cutOff().contains(m.name())) {
            return b.refuse(
                    "rejoin-partitioned",
                    m.name() + " does not reach the primary cluster '" + cs.primaryCluster()
                            + "' (its own view still calls itself primary)",
                    "its writes are fenced; "
                            + "restore ClusterMesh connectivity between the clusters, then run `pulumi up` again to rejoin it");
        }
        if (!unanswered.isEmpty()) {
            String pods = podNames(m, unanswered);
            b.note("whether " + pods + " of " + m.name() + " take" + (unanswered.size() == 1 ? "s" : "")
                    + " writes is unknown: no answer to a JDBC probe");
            return b.refuse(
                    "rejoin-writes-unknown",
                    "cannot tell whether invalidated " + m.name() + " is fenced: " + pods + " did not answer",
                    "a rejoin needs super_read_only ON on every instance of " + m.name()
                            + "; bring " + pods + " back (namespace " + m.namespace() + " of '" + m.kubeCluster()
                            + "'), "
                            + "or lower its instances if it is gone for good, then run `pulumi up` again");
        }
        Optional<String> errant = f.data().flatMap(DataFacts::errantVsPrimary).or(c::errantGtidSet);
        if (errant.isEmpty()) {
            return b.refuse(
                    "rejoin-unobserved",
                    "cannot compare the transactions of " + m.name() + " with the primary",
                    "its primary instance must answer JDBC probes; run `pulumi up` again once it does");
        }
        if (!GtidSets.isEmpty(errant.get())) {
            return b.refuse(
                    "rejoin-errant-transactions",
                    m.name() + " has transactions the primary '"
                            + cs.primaryCluster() + "' does not have (errant GTIDs " + GtidSets.normalize(errant.get())
                            + "), committed while it was cut off; rejoining would lose or diverge them",
                    "its writes are "
                            + "fenced. Repair by hand (S1.8): " + replayGuidance(m, f, errant.get(), cs)
                            + " (their GTIDs "
                            + "come along, so they no longer count as errant), then run `pulumi up` again; or rebuild "
                            + m.name() + " (remove it from " + CS + ".members, `pulumi up`, re-add it to clone afresh, "
                            + "which discards them)");
        }
        b.step(new ClusterSetStep.RejoinCluster(m.name(), c.name()));
        return b.done();
    }

    // ------------------------------------------------------------------ primary

    private StepPlan ensurePrimary() {
        StepPlan.Builder b = new StepPlan.Builder();
        if (!obs.conflicts().isEmpty()) {
            return splitView(b);
        }
        if (obs.clusterSet().isEmpty()) {
            return clusterSetMissing(b);
        }
        ClusterSetStatus cs = obs.clusterSet().get();
        Member want = spec.primaryMember();
        String wantCluster = want.mysqlClusterName();
        long desired = spec.primaryEpoch();
        long recorded = obs.recordedEpoch().orElse(0L);
        if (cs.primaryCluster().equals(wantCluster)) {
            if (obs.epochKnown() && desired > recorded) {
                if (primaryUnreachable(cs)) {
                    b.note("primary epoch " + desired + " is recorded once " + want.name() + " is reachable");
                } else {
                    b.step(new ClusterSetStep.RecordPrimaryEpoch(desired));
                }
            } else if (obs.epochKnown() && desired < recorded) {
                b.note("this stack's " + CS + ".primaryEpoch " + desired + " is older than the ClusterSet's " + recorded
                        + "; set primaryEpoch: " + recorded);
            }
            return b.done();
        }
        if (!obs.epochKnown()) {
            return b.refuse(
                    "epoch-unknown",
                    "the ClusterSet's recorded primary epoch could not be read",
                    "the primary is not moved without it; run `pulumi up` again when the ClusterSet answers");
        }
        String current = cs.primaryCluster();
        if (desired <= recorded) {
            return b.refuse(
                    "stale-primary-epoch",
                    "this stack's config wants primary " + want.name() + " at "
                            + CS + ".primaryEpoch " + desired + ", but the ClusterSet's primary is '" + current
                            + "' since epoch " + recorded
                            + (desired < recorded ? " (a newer decision)" : " (the same epoch)"),
                    "if '" + current + "' is right, set " + CS + ".primary: "
                            + memberOfCluster(current).map(Member::name).orElse(current) + " and " + CS
                            + ".primaryEpoch: " + recorded
                            + " in this stack's config; to move the primary to " + want.name() + ", set " + CS
                            + ".primaryEpoch: " + (recorded + 1));
        }
        Optional<ClusterSetStatus.Cluster> target = cs.cluster(wantCluster);
        if (target.isEmpty()) {
            return b.refuse(
                    "primary-not-member",
                    want.name() + " is not a member of ClusterSet '" + cs.domainName() + "'",
                    "join it first (its stack's `pulumi up`), then change the primary");
        }
        if (target.get().invalidated()) {
            return b.refuse(
                    "primary-invalidated",
                    want.name() + " is INVALIDATED in ClusterSet '" + cs.domainName() + "'",
                    "rejoin it first (`pulumi up` on the stack that deploys it)");
        }
        boolean viaOperator = spec.linkage() == Linkage.OPERATOR;
        Optional<ClusterSetStatus.Cluster> old = cs.primary();
        String oldStatus =
                old.map(c -> c.status().toUpperCase(java.util.Locale.ROOT)).orElse("");
        if (oldStatus.equals("NO_QUORUM") || oldStatus.equals("OFFLINE")) {
            // cluster_set/cluster_set_impl.cc verify_primary_cluster_not_recoverable: the Shell refuses
            // forcePrimaryCluster for both (SHERR_DBA_CLUSTER_STILL_RESTORABLE), and a switchover needs the primary.
            String remedy = oldStatus.equals("NO_QUORUM")
                    ? "restore its quorum from a member that is ONLINE: in mysqlsh connected to that member of "
                            + current + ", cluster.forceQuorumUsingPartitionOf('<that member>:3306')"
                    : "reboot it: in mysqlsh connected to a pod of " + current + ", "
                            + "dba.rebootClusterFromCompleteOutage() (the MySQL Operator does this by itself once all its pods "
                            + "run)";
            return b.refuse(
                    "primary-restorable",
                    "the primary cluster '" + current + "' is " + oldStatus + " but "
                            + "its members are reachable, so it can be restored; MySQL Shell refuses a forced failover then",
                    remedy + ", then run `pulumi up` again (with " + CS + ".forceFailover: false to switch over to "
                            + want.name() + " once it is back)");
        }
        Optional<List<String>> invalidate = invalidateReplicas(b, cs, current, wantCluster);
        if (invalidate.isEmpty()) {
            return b.refuse(
                    "replica-clusters-unavailable",
                    "replica cluster(s) " + String.join(", ", unavailableReplicas(cs, current, wantCluster))
                            + " of ClusterSet '" + cs.domainName()
                            + "' are unreachable, and MySQL Shell changes the primary only when every replica is available or "
                            + "listed for invalidation (SHERR_DBA_UNAVAILABLE_REPLICA_CLUSTERS)",
                    "bring them back, or set "
                            + CS + ".invalidateReplicaClusters: ["
                            + String.join(
                                    ", ",
                                    unavailableReplicas(cs, current, wantCluster).stream()
                                            .map(n -> memberOfCluster(n)
                                                    .map(Member::name)
                                                    .orElse(n))
                                            .toList())
                            + "] to INVALIDATE them in this primary change (rejoin them afterwards: `pulumi up` on their "
                            + "stacks)");
        }
        Optional<String> broken = brokenChannel(target.get());
        if (broken.isPresent() && !primaryUnreachable(cs)) {
            return b.refuse(
                    "replica-channel-broken",
                    want.name() + "'s ClusterSet replication channel is "
                            + broken.get() + " (global status " + target.get().globalStatus()
                            + "), so it lacks the primary's "
                            + "latest transactions and setPrimaryCluster would wait for them in vain",
                    channelGuidance(want, target.get()));
        }
        if (!primaryUnreachable(cs)) {
            if (spec.forceFailover()) {
                return b.refuse(
                        "failover-while-primary-reachable",
                        "the primary cluster '" + current + "' is "
                                + "reachable, so a forced failover would invalidate it and lose its unreplicated transactions",
                        "set " + CS + ".forceFailover: false to switch over to " + want.name() + " safely instead");
            }
            MemberFacts tf = obs.member(want.name());
            if (!viaOperator && tf.secrets() == SecretsState.UNKNOWN && !copyMissingOwnSecrets(b, want, tf, cs)) {
                // Its routers and operator go on with its own Secrets, which must hold the primary's passwords.
                return refuseSecrets(b, want, tf, cs, "the switchover to " + want.name());
            }
            b.step(new ClusterSetStep.Switchover(want.name(), wantCluster, viaOperator, invalidate.get()));
            b.step(new ClusterSetStep.RecordPrimaryEpoch(desired));
            return b.done();
        }
        if (!spec.forceFailover()) {
            return b.refuse(
                    "switchover-needs-primary",
                    "the primary cluster '" + current + "' is unreachable, so a " + "switchover to " + want.name()
                            + " is impossible",
                    "if '" + current + "' is lost, set " + CS
                            + ".forceFailover: true (with primary: " + want.name() + ", primaryEpoch: " + desired
                            + ") in this "
                            + "stack's config and run `pulumi up`: transactions not yet replicated from '" + current
                            + "' are lost and it is invalidated");
        }
        MemberFacts tf = obs.member(want.name());
        if (target.get().unreachable() || tf.reach() == Reach.UNREACHABLE) {
            return b.refuse(
                    "failover-target-unreachable",
                    "cannot fail over to " + want.name() + ": it is " + "unreachable too",
                    "pick a reachable member as " + CS + ".primary");
        }
        Optional<Member> oldMember = memberOfCluster(current);
        if (oldMember.isPresent() && obs.member(oldMember.get().name()).reach() == Reach.REACHABLE) {
            // A partition: the target's Shell does not reach the old primary, but this provider does, so it may still
            // take writes (its routers route there). Fence it first, then fail over; never two writable primaries.
            Member om = oldMember.get();
            MemberFacts of = obs.member(om.name());
            Optional<Boolean> readOnly = of.data().map(DataFacts::superReadOnly);
            if (readOnly.isEmpty()) {
                return b.refuse(
                        "failover-old-primary-unobserved",
                        "the provider reaches the old primary cluster '"
                                + current
                                + "' (a partition between the clusters), but cannot tell whether it still takes "
                                + "writes",
                        "its primary instance must answer JDBC probes; run `pulumi up` again when it does, "
                                + "or fence it by hand first (mysqlsh on " + om.name()
                                + ": dba.getCluster().fenceWrites())");
            }
            if (!readOnly.get()) {
                b.note("the provider still reaches the old primary " + om.name() + " although " + want.name()
                        + " does not (a partition): it is fenced (fenceWrites) before the forced failover");
                b.step(new ClusterSetStep.FenceWrites(
                        om.name(), fqdn(om, of.data().get().instance()), true));
            }
        }
        b.step(new ClusterSetStep.ForceFailover(want.name(), wantCluster, viaOperator, invalidate.get()));
        b.step(new ClusterSetStep.RecordPrimaryEpoch(desired));
        b.note("after the forced failover, set " + CS + ".forceFailover back to false, and copy primary: " + want.name()
                + " and primaryEpoch: " + desired + " into every stack's config");
        return b.done();
    }

    /**
     * The ClusterSet channel of a reachable, not invalidated replica that does not replicate: ERROR or STOPPED in
     * {@code clusterSetReplicationStatus} (cluster_set/status.cc), or global status OK_NOT_REPLICATING.
     */
    private static Optional<String> brokenChannel(ClusterSetStatus.Cluster c) {
        if (c.isPrimary() || c.invalidated() || c.unreachable()) {
            return Optional.empty();
        }
        String channel = c.clusterSetReplicationStatus()
                .map(s -> s.toUpperCase(java.util.Locale.ROOT))
                .orElse("");
        if (channel.equals("ERROR") || channel.equals("STOPPED")) {
            return Optional.of(channel);
        }
        return "OK_NOT_REPLICATING".equalsIgnoreCase(c.globalStatus())
                ? Optional.of(channel.isEmpty() ? "not " + "replicating" : channel)
                : Optional.empty();
    }

    private static String channelGuidance(Member m, ClusterSetStatus.Cluster c) {
        return "see the channel's error on " + m.name() + " (mysqlsh: dba.getClusterSet().status({extended: 1}), or "
                + "SELECT * FROM performance_schema.replication_applier_status_by_worker WHERE CHANNEL_NAME = "
                + "'clusterset_replication'); `pulumi up` on the stack that deploys " + m.name() + " repairs it with "
                + "rejoinCluster('" + c.name() + "') when it holds no errant transactions, then run this again";
    }

    /** Replica clusters, other than the promotion target, that are not invalidated and cannot be reached. */
    private static List<String> unavailableReplicas(ClusterSetStatus cs, String current, String target) {
        return cs.clusters().values().stream()
                .filter(c ->
                        !c.name().equals(current) && !c.name().equals(target) && !c.invalidated() && c.unreachable())
                .map(ClusterSetStatus.Cluster::name)
                .sorted()
                .toList();
    }

    /**
     * The Shell's {@code invalidateReplicaClusters} for a primary change: the unavailable replicas, when config lists
     * every one of them ({@code clusterSet.invalidateReplicaClusters}); empty when one is not listed. Listed members
     * that are available are not passed: the Shell refuses to invalidate an available cluster
     * (cluster_set/cluster_set_impl.cc check_clusters_available).
     */
    private Optional<List<String>> invalidateReplicas(
            StepPlan.Builder b, ClusterSetStatus cs, String current, String target) {
        List<String> unavailable = unavailableReplicas(cs, current, target);
        List<String> allowed = spec.invalidateReplicaClusters().stream()
                .map(n -> spec.member(n).map(Member::mysqlClusterName).orElse(n))
                .toList();
        if (!allowed.containsAll(unavailable)) {
            return Optional.empty();
        }
        if (!unavailable.isEmpty()) {
            b.note("unreachable replica cluster(s) " + String.join(", ", unavailable) + " are INVALIDATED by this "
                    + "primary change (" + CS + ".invalidateReplicaClusters); rejoin them with `pulumi up` on their "
                    + "stacks once they are back");
        }
        return Optional.of(unavailable);
    }

    // ------------------------------------------------------------------ delete

    private StepPlan removeMember(String name) {
        StepPlan.Builder b = new StepPlan.Builder();
        Member m = spec.member(name).orElseThrow(() -> new IllegalArgumentException("no member " + name));
        if (!obs.conflicts().isEmpty()) {
            return splitView(b);
        }
        MemberFacts f = obs.member(name);
        Optional<ClusterSetStatus.Cluster> mine = obs.clusterSet().flatMap(cs -> cs.cluster(m.mysqlClusterName()));
        if (mine.isEmpty()) {
            if (f.standalone() == Observation.Standalone.CLUSTER_DOWN) {
                return b.refuse(
                        "member-cluster-down",
                        "cannot tell whether " + name + " still belongs to ClusterSet '"
                                + spec.name()
                                + "': its InnoDB cluster is down (Group Replication stopped on the pods that "
                                + "answered)" + (obs.clusterSet().isEmpty() ? " and no other member answered" : ""),
                        "it is not forgotten while it may still be a member; wait for the MySQL Operator to restart it "
                                + "(or reboot it: dba.rebootClusterFromCompleteOutage() in mysqlsh on a pod of " + name
                                + "), then run `pulumi destroy` again");
            }
            if (obs.clusterSet().isEmpty() && f.reach() != Reach.REACHABLE) {
                return b.refuse(
                        "member-unreachable",
                        "cannot tell whether " + name + " still belongs to ClusterSet '" + spec.name()
                                + "': nothing answered",
                        "run `pulumi destroy` again when the clusters answer");
            }
            if (f.joinMark().filter(leavingMark()::equals).isPresent() && f.reach() == Reach.REACHABLE) {
                return recreate(b, m, f);
            }
            if (f.joinMark().isPresent() && leftGtids(f, spec.name()).isEmpty()) {
                b.step(new ClusterSetStep.ClearJoinMark(name));
            }
            return b.note(name + " is not a member of the ClusterSet; nothing to remove")
                    .done();
        }
        ClusterSetStatus cs = obs.clusterSet().get();
        if (mine.get().name().equals(cs.primaryCluster())) {
            if (cs.clusters().size() == 1) {
                return b.note(name + " is the ClusterSet's only cluster; the ClusterSet resource dissolves it")
                        .done();
            }
            return b.refuse(
                    "remove-primary",
                    name + " is the PRIMARY cluster of ClusterSet '" + cs.domainName() + "' and is never removed",
                    "switch the primary to another member first (" + CS + ".primary and " + CS
                            + ".primaryEpoch), then remove " + name);
        }
        if (primaryUnreachable(cs)) {
            return b.refuse(
                    "primary-unreachable",
                    "cannot remove " + name + ": the primary cluster '" + cs.primaryCluster() + "' is unreachable",
                    "restore it or fail over first");
        }
        boolean lost = f.reach() != Reach.REACHABLE || mine.get().unreachable();
        if (lost && spec.removeLostClusters().contains(name)) {
            // cluster_set/api_options.cc Remove_cluster_options kForce: the metadata forgets it without reaching it.
            b.step(new ClusterSetStep.RemoveCluster(name, mine.get().name(), true));
            return b.note(name + " is removed without being reached; its servers still hold the old ClusterSet "
                            + "metadata: if it ever comes back, delete and re-create InnoDBCluster " + name
                            + " before using "
                            + "it, or re-add it to " + CS + ".members to clone it afresh")
                    .done();
        }
        Optional<String> broken = brokenChannel(mine.get());
        if (broken.isPresent()) {
            return b.refuse(
                    "replica-channel-broken",
                    "cannot remove " + name + ": its ClusterSet replication channel " + "is " + broken.get()
                            + ", and removeCluster first syncs it with the primary",
                    channelGuidance(m, mine.get()));
        }
        if (f.reach() != Reach.REACHABLE) {
            return b.refuse(
                    "member-unreachable",
                    "cannot remove " + name + ": it is " + reach(f) + ", so its transactions cannot be checked",
                    "bring it back, or, if it is lost for good, set "
                            + CS + ".removeLostClusters: [" + name + "], run `pulumi up`, then remove it again "
                            + "(removeCluster('" + mine.get().name() + "', {force: true}))");
        }
        Optional<String> errant =
                f.data().flatMap(DataFacts::errantVsPrimary).or(() -> mine.get().errantGtidSet());
        if (errant.isEmpty()) {
            return b.refuse(
                    "remove-unobserved",
                    "cannot compare the transactions of " + name + " with the primary",
                    "its primary instance must answer JDBC probes");
        }
        if (!GtidSets.isEmpty(errant.get())) {
            return b.refuse(
                    "remove-errant-transactions",
                    name + " holds transactions the primary does not have (" + GtidSets.normalize(errant.get())
                            + "); removing it would lose them",
                    replayGuidance(m, f, errant.get(), cs) + ", then run the removal again");
        }
        // removeCluster dissolves the replica's InnoDB cluster (cluster_set_impl.cc remove_cluster, "Dissolving the
        // Cluster"), which its operator never re-creates (cluster_controller.py creates only while create_time is
        // unset): the journal records the removal, and the cluster is re-created as the operator creates it.
        for (int i = 1; i < m.instances(); i++) {
            // The re-created cluster's addInstances clone from its seed, pod 0, and the pods added before: refused
            // before removeCluster, not after it, when a version or platform the status or a probe reports is
            // incompatible (an unknown one is checked again before each addInstance).
            if (seedCloneCheck(m, i, mine, before(i)) instanceof CloneCheck.Incompatible x) {
                return b.refuse(
                        "clone-versions-incompatible",
                        "cannot remove " + name + ": its InnoDB cluster is re-created on " + name + "-0 after "
                                + "removeCluster, and " + x.reason(),
                        x.guidance());
            }
        }
        // cluster_set_impl.cc remove_cluster (get_routers_using_cluster_as_target, ensure_no_router_uses_cluster)
        // refuses while ANY router registered in the ClusterSet targets the cluster, another member's too: refused
        // here before any step, naming the member whose routing config points its routers elsewhere.
        String target = dev.mysqlcs.model.RoutingOptions.json(mine.get().name());
        for (Member other : spec.members()) {
            if (other.name().equals(name)) {
                continue;
            }
            // Every registration counts here, gone pods' too: the Shell counts them, and only their own member's
            // `pulumi up` removes them.
            List<String> theirs = routersTargeting(obs.member(other.name()), target, false);
            if (!theirs.isEmpty()) {
                return b.refuse(
                        "remove-routing-target",
                        "cannot remove " + name + ": the routers " + String.join(", ", theirs) + " of "
                                + other.name() + " have it as their target_cluster, and removeCluster is refused "
                                + "while a router targets the cluster",
                        "set " + CS + ".members[" + spec.members().indexOf(other) + "].routing.target_cluster: "
                                + "primary (or another member that stays), run `pulumi up`, then remove " + name);
            }
        }
        staleRouters(b, m, f, cs, true);
        // cluster_set_impl.cc remove_cluster refuses while a registered router targets the cluster
        // (ensure_no_router_uses_cluster); the registrations of gone pods are removed just above.
        List<String> pinned = routersTargeting(f, target, true);
        if (!pinned.isEmpty()) {
            return b.refuse(
                    "remove-routing-target",
                    "cannot remove " + name + ": its routers " + String.join(", ", pinned) + " have it as their "
                            + "target_cluster, and removeCluster is refused while a router targets the cluster",
                    "set " + CS + ".members[" + spec.members().indexOf(m) + "].routing.target_cluster: primary (keep "
                            + name + " in the config), run `pulumi up`, then remove " + name);
        }
        if (f.joinMark().filter(leavingMark()::equals).isEmpty()) {
            b.step(new ClusterSetStep.MarkJoining(name, leavingMark()));
        }
        b.step(new ClusterSetStep.RemoveCluster(name, mine.get().name()));
        b.step(new ClusterSetStep.RecreateCluster(name, m.mysqlClusterName(), fqdn(m, 0)));
        for (int i = 1; i < m.instances(); i++) {
            b.step(new ClusterSetStep.AddInstance(name, i, fqdn(m, i)));
        }
        b.step(new ClusterSetStep.MarkJoining(name, leftRecord(f)));
        return b.done();
    }

    /** The journal value of a removal in progress (the same journal as a join's). */
    private String leavingMark() {
        return "leaving:" + spec.name();
    }

    /**
     * The journal value once this provider removed the member: {@code left:<domain>}, with {@code |<gtids>} the GTIDs
     * its re-created cluster holds that the primary lacks, read on the fresh observation this last step is planned on
     * (its own bookkeeping; a re-add compares against them).
     */
    private String leftRecord(MemberFacts f) {
        String own = f.data()
                .flatMap(DataFacts::errantVsPrimary)
                .map(GtidSets::normalize)
                .orElse("");
        return "left:" + spec.name() + (own.isEmpty() ? "" : "|" + own);
    }

    /**
     * After removeCluster: the member's own InnoDB cluster again, ONLINE and managed by its operator: createCluster
     * with the operator's options on pod 0 (it keeps its data; createCluster re-creates the metadata schema a removed
     * instance still holds, dba/create_cluster.cc prepare_metadata_schema), then its other pods.
     */
    private StepPlan recreate(StepPlan.Builder b, Member m, MemberFacts f) {
        switch (f.standalone()) {
            case NO_CLUSTER -> {
                b.step(new ClusterSetStep.RecreateCluster(m.name(), m.mysqlClusterName(), fqdn(m, 0)));
                for (int i = 1; i < m.instances(); i++) {
                    StepPlan refused = seedAddInstance(b, m, i, before(i));
                    if (refused != null) {
                        return refused;
                    }
                }
            }
            case ONLINE, ONLINE_PARTIAL, NOT_READY -> {
                for (var e : new java.util.TreeMap<>(f.podUserSchemas()).entrySet()) {
                    if (e.getKey() > 0) {
                        StepPlan refused = seedAddInstance(b, m, e.getKey(), members(m, f, e.getKey()));
                        if (refused != null) {
                            return refused;
                        }
                    }
                }
            }
            default -> {
                return b.refuse(
                        "leave-unobserved",
                        "the removal of " + m.name() + " from the ClusterSet is "
                                + "recorded but its InnoDB cluster could not be read",
                        "run `pulumi destroy` again when it " + "answers");
            }
        }
        b.step(new ClusterSetStep.MarkJoining(m.name(), leftRecord(f)));
        return b.note(m.name() + " left the ClusterSet; its InnoDB cluster is re-created as its MySQL Operator "
                        + "creates it (manualStartOnBoot, exitStateAction ABORT_SERVER)")
                .done();
    }

    private StepPlan dissolveClusterSet() {
        StepPlan.Builder b = new StepPlan.Builder();
        if (!obs.conflicts().isEmpty()) {
            return splitView(b);
        }
        if (obs.clusterSet().isEmpty()) {
            Member p = spec.primaryMember();
            if (obs.member(p.name()).reach() != Reach.REACHABLE
                    && obs.members().values().stream().noneMatch(f -> f.reach() == Reach.REACHABLE)) {
                return b.refuse(
                        "unobserved",
                        "cannot tell whether ClusterSet '" + spec.name() + "' still exists: no " + "member answered",
                        "run `pulumi destroy` again when the clusters answer");
            }
            return b.note("ClusterSet '" + spec.name() + "' does not exist; nothing to dissolve")
                    .done();
        }
        ClusterSetStatus cs = obs.clusterSet().get();
        Optional<Member> primary = memberOfCluster(cs.primaryCluster());
        if (primary.isEmpty() || !deployed.contains(primary.get().kubeCluster())) {
            return b.note("released without change: ClusterSet '" + cs.domainName() + "' is dissolved only by the "
                            + "stack that deploys its primary cluster '" + cs.primaryCluster() + "'")
                    .done();
        }
        List<String> others = cs.clusters().keySet().stream()
                .filter(n -> !n.equals(cs.primaryCluster()))
                .sorted()
                .toList();
        if (!others.isEmpty()) {
            return b.refuse(
                    "dissolve-with-replicas",
                    "ClusterSet '" + cs.domainName() + "' still has replica " + "cluster(s) "
                            + String.join(", ", others),
                    "remove them first: `pulumi destroy` the stacks that " + "deploy them, or drop them from " + CS
                            + ".members and `pulumi up`");
        }
        // Dissolving would stop Group Replication and drop the metadata of an InnoDB cluster its operator never
        // re-creates (cluster/dissolve.cc, cluster_controller.py); a ClusterSet of one cluster is harmless, and a
        // later createClusterSet... or `pulumi up` adopts it again.
        return b.note("ClusterSet '" + cs.domainName() + "' is released without change: "
                        + primary.get().name()
                        + " stays its only cluster, ONLINE and managed by its MySQL Operator (dissolving it would leave an "
                        + "InnoDBCluster the operator cannot manage). A later `pulumi up` with " + CS + ".name: "
                        + cs.domainName() + " adopts it again")
                .done();
    }

    // ------------------------------------------------------------------ clone versions

    /**
     * What MySQL Shell's clone rule says of one planned clone, on the versions the servers report (review point 14:
     * the configured versions are only what config asks for; an image tag override, a half-done upgrade or a pod
     * created earlier can differ). The project always passes {@code recoveryMethod: 'clone'}, so the Shell applies the
     * rule every time and refuses: modules/adminapi/common/gtid_validations.cc:109-119 validate_clone_recovery throws
     * SHERR_DBA_PROVISIONING_CLONE_NOT_POSSIBLE (51173) when the donor is not clone-compatible (with 'incremental'
     * no clone is checked; with 'auto' the Shell falls back to incremental recovery only where that is safe).
     */
    private sealed interface CloneCheck {
        record Compatible() implements CloneCheck {}

        record Unknown(String why) implements CloneCheck {}

        record Incompatible(String reason, String guidance) implements CloneCheck {}
    }

    /**
     * A server as the planner names it in messages: its address as the Shell names it, its version and its platform
     * ({@code @@version_compile_os}, {@code @@version_compile_machine}) if read.
     */
    private record Server(String address, Optional<String> version, Optional<Observation.Platform> platform) {
        String named() {
            return address + " (MySQL " + version.orElse("version unknown") + ")";
        }

        Optional<CloneVersions.Version> parsed() {
            return version.flatMap(CloneVersions::parse);
        }
    }

    private static final String SHELL_RULE =
            "MySQL Shell's clone rule, mysqlshdk/libs/mysql/clone.cc " + "verify_compatible_clone_versions";

    private static final String PLATFORM_RULE =
            "MySQL Shell's clone check, modules/adminapi/common/base_cluster_impl.cc check_compatible_clone_donor";

    private static final String PLATFORM_VARS =
            "operating system and platform (@@version_compile_os, @@version_compile_machine)";

    /**
     * What check_compatible_clone_donor (mysql-shell modules/adminapi/common/base_cluster_impl.cc:575-648) says of
     * one donor and recipient, in its order: the versions (clone.cc verify_compatible_clone_versions), then the
     * operating system ({@code version_compile_os}, :615-629), then the platform ({@code version_compile_machine},
     * :632-647), each compared as an exact string.
     */
    private sealed interface Verdict {
        record Accepted() implements Verdict {}

        /** @param platform the servers' platforms are unread (their versions are read), else their versions */
        record Unread(List<Server> servers, boolean platform) implements Verdict {}

        /** @param rule the Shell's rule and what the servers report; {@code platform} when not the versions */
        record Refused(String rule, boolean platform) implements Verdict {}
    }

    private static Verdict verdict(Server donor, Server recipient) {
        List<Server> both = List.of(donor, recipient);
        List<Server> noVersion = both.stream().filter(s -> s.parsed().isEmpty()).toList();
        if (!noVersion.isEmpty()) {
            return new Verdict.Unread(noVersion, false);
        }
        if (!CloneVersions.compatible(donor.parsed().get(), recipient.parsed().get())) {
            return new Verdict.Refused(
                    SHELL_RULE + ": " + CloneVersions.allowed(donor.parsed().get()), false);
        }
        List<Server> noPlatform =
                both.stream().filter(s -> s.platform().isEmpty()).toList();
        if (!noPlatform.isEmpty()) {
            return new Verdict.Unread(noPlatform, true);
        }
        Observation.Platform d = donor.platform().get();
        Observation.Platform r = recipient.platform().get();
        if (!d.os().equals(r.os())) {
            return new Verdict.Refused(
                    PLATFORM_RULE + ": the donor must run the recipient's operating system, and @@version_compile_os "
                            + "is " + d.os() + " on " + donor.address() + " but " + r.os() + " on "
                            + recipient.address(),
                    true);
        }
        if (!d.machine().equals(r.machine())) {
            return new Verdict.Refused(
                    PLATFORM_RULE + ": the donor must run on the recipient's platform, and "
                            + "@@version_compile_machine is " + d.machine() + " on " + donor.address() + " but "
                            + r.machine() + " on " + recipient.address(),
                    true);
        }
        return new Verdict.Accepted();
    }

    /** The remedy for a clone refused on the platform: donor and recipient on servers built for the same one. */
    private String alignPlatforms(Member m, Server donor) {
        Observation.Platform p = donor.platform().get();
        return "run donor and recipient on servers built for the same operating system and machine (" + p.os() + ", "
                + p.machine() + "): a multi-architecture image runs the build for its node's architecture, so "
                + "schedule " + m.name() + "'s pods on " + p.machine() + " nodes (e.g. with a kubernetes.io/arch "
                + "node selector) and let the operator re-create them, then run `pulumi up` again; nothing was "
                + "changed";
    }

    /**
     * Pod {@code ordinal} of {@code m}: its {@code @@version} as read over JDBC, else as the Shell's status reports;
     * its platform as read over JDBC (the status reports none).
     */
    private Server server(Member m, int ordinal, Optional<ClusterSetStatus.Cluster> status) {
        String host = fqdn(m, ordinal);
        Optional<String> v = Optional.ofNullable(
                        obs.member(m.name()).podVersions().get(ordinal))
                .or(() -> status.flatMap(c -> c.topology().values().stream()
                        .filter(i -> ClusterSetStatus.hostOf(i.address()).equalsIgnoreCase(host))
                        .findFirst()
                        .flatMap(ClusterSetStatus.Instance::version)));
        return new Server(
                host + ":3306",
                v,
                Optional.ofNullable(obs.member(m.name()).podPlatforms().get(ordinal)));
    }

    /**
     * Before a join dissolves anything: createReplicaCluster clones pod 0 from the ClusterSet's primary instance
     * (cluster_set/cluster_set_impl.cc create_replica_cluster passes get_primary_master(); create_replica_cluster.cc
     * validate_instance_recovery -> Cluster_impl::check_clone_availablity -> common/base_cluster_impl.cc
     * check_compatible_clone_donor), and each addInstance then clones from the new replica cluster's ONLINE members,
     * which is pod 0 alone at that point (and then pods clone-compatible with it: versions and platforms that pass the
     * check form classes, so a pod refused by pod 0 is refused by each of them). The Shell would refuse either only
     * after the member's own InnoDB cluster was dissolved, which its operator never re-creates: so an incompatible or
     * unreadable version or platform refuses the join here. A pod other than 0 whose version or platform cannot be
     * read is checked again before its own addInstance.
     */
    private StepPlan joinCloneVersions(StepPlan.Builder b, Member m, MemberFacts f, ClusterSetStatus cs) {
        Optional<Member> p = primaryMember(cs);
        String donorHost = primaryHost(cs);
        Optional<Integer> donorOrdinal = p.flatMap(x -> ordinalOf(x, donorHost));
        Server donor = p.isPresent() && donorOrdinal.isPresent()
                ? server(p.get(), donorOrdinal.get(), cs.primary())
                : new Server(donorHost + ":3306", Optional.empty(), Optional.empty());
        Server target = server(m, 0, Optional.empty());
        Verdict first = verdict(donor, target);
        if (first instanceof Verdict.Unread u) {
            List<String> unread = new java.util.ArrayList<>();
            if (u.servers().contains(donor)) {
                unread.add(donor.address() + ", the ClusterSet's primary instance (the clone's donor)");
            }
            if (u.servers().contains(target)) {
                unread.add(target.address() + " (the clone's recipient)");
            }
            return b.refuse(
                    "clone-versions-unobserved",
                    "cannot join " + m.name() + ": the " + (u.platform() ? PLATFORM_VARS : "server version") + " of "
                            + String.join(" and of ", unread)
                            + " could not be read, so whether createReplicaCluster can clone " + target.address()
                            + " from " + donor.address() + " is unknown ("
                            + (u.platform() ? PLATFORM_RULE : SHELL_RULE) + "; the Shell would refuse "
                            + "only after " + m.name() + "'s InnoDB cluster is dissolved)",
                    "the provider reads @@version"
                            + (u.platform() ? ", @@version_compile_os and @@version_compile_machine" : "")
                            + " over JDBC; nothing was changed: run `pulumi up` again once both servers answer");
        }
        if (first instanceof Verdict.Refused x) {
            return b.refuse(
                    "clone-versions-incompatible",
                    "cannot join " + m.name() + ": createReplicaCluster would clone " + target.named()
                            + " from the ClusterSet's primary instance " + donor.named() + ", and MySQL Shell refuses "
                            + "that clone (" + x.rule() + ")",
                    x.platform()
                            ? alignPlatforms(m, donor)
                            : alignVersions(
                                    m,
                                    "align " + m.name() + "'s with "
                                            + p.map(Member::name).orElse(cs.primaryCluster()) + "'s ("
                                            + donor.version().get() + ")",
                                    true));
        }
        for (int i = 1; i < m.instances(); i++) {
            Server pod = server(m, i, Optional.empty());
            Verdict v = verdict(target, pod);
            if (v instanceof Verdict.Unread u) {
                b.note("the " + (u.platform() ? PLATFORM_VARS : "server version") + " of " + m.name() + "-" + i
                        + " could not be read; its addInstance is checked against " + m.name() + "-0's "
                        + (u.platform()
                                ? "(" + target.platform().get().os() + ", "
                                        + target.platform().get().machine() + ")"
                                : "version (" + target.version().get() + ")")
                        + " once " + m.name() + "'s replica cluster exists");
            } else if (v instanceof Verdict.Refused x) {
                return b.refuse(
                        "clone-versions-incompatible",
                        "cannot join " + m.name() + ": after createReplicaCluster, addInstance would clone "
                                + pod.named() + " from " + target.named() + ", the replica cluster's only ONLINE "
                                + "member, and MySQL Shell refuses that clone (" + x.rule() + ")",
                        x.platform()
                                ? alignPlatforms(m, target)
                                : alignVersions(
                                        m,
                                        "run " + m.name() + "-" + i + " on " + m.name() + "-0's image ("
                                                + target.version().get() + ")",
                                        true));
            }
        }
        return null;
    }

    /**
     * Whether addInstance can clone {@code recipient} from one of {@code donors}, its cluster's ONLINE members: the
     * Shell requires at least one that passes check_compatible_clone_donor (cluster/cluster_impl.cc:2439-2462
     * has_compatible_clone_donor, called by check_recovery_method at :4578-4588).
     *
     * @param reason how a refusal starts ("cannot add dr-2 to dr: ")
     * @param align  the remedy for versions, given the first donor
     */
    private CloneCheck anyDonor(
            Member m,
            Server recipient,
            List<Server> donors,
            String reason,
            java.util.function.Function<Server, String> align) {
        List<Verdict> verdicts = donors.stream().map(d -> verdict(d, recipient)).toList();
        if (verdicts.stream().anyMatch(v -> v instanceof Verdict.Accepted)) {
            return new CloneCheck.Compatible();
        }
        List<String> noVersion = new java.util.ArrayList<>();
        List<String> noPlatform = new java.util.ArrayList<>();
        for (Verdict v : verdicts) {
            if (v instanceof Verdict.Unread u) {
                for (Server s : u.servers()) {
                    List<String> into = u.platform() ? noPlatform : noVersion;
                    if (!into.contains(s.address())) {
                        into.add(s.address());
                    }
                }
            }
        }
        if (donors.isEmpty() || !noVersion.isEmpty() || !noPlatform.isEmpty()) {
            List<String> unread = new java.util.ArrayList<>();
            if (!noVersion.isEmpty()) {
                unread.add("the server version of " + String.join(", ", noVersion));
            }
            if (!noPlatform.isEmpty()) {
                unread.add("the " + PLATFORM_VARS + " of " + String.join(", ", noPlatform));
            }
            return new CloneCheck.Unknown("addInstance of " + recipient.named() + " waits: "
                    + (donors.isEmpty()
                            ? m.name() + " has no ONLINE instance to clone it from"
                            : String.join(" and ", unread) + " could not be read")
                    + ", so whether it can be cloned ("
                    + (noPlatform.isEmpty() ? SHELL_RULE : PLATFORM_RULE) + ") is unknown");
        }
        Server first = donors.get(0);
        Verdict.Refused x = (Verdict.Refused) verdicts.get(0);
        return new CloneCheck.Incompatible(
                reason + "addInstance would clone " + recipient.named() + " from an ONLINE member of " + m.name()
                        + ", and none is clone-compatible with it ("
                        + String.join(", ", donors.stream().map(Server::named).toList()) + "); MySQL Shell refuses "
                        + "(" + x.rule() + ")",
                x.platform() ? alignPlatforms(m, first) : align.apply(first));
    }

    /**
     * Before addInstance of pod {@code i} into {@code m}'s cluster {@code c}: GR clones it from an ONLINE member, and
     * the Shell requires at least one ONLINE member that is clone-compatible (cluster/cluster_impl.cc
     * check_recovery_method -> has_compatible_clone_donor over the ONLINE members).
     */
    private CloneCheck addInstanceCloneCheck(Member m, int i, MemberFacts f, ClusterSetStatus.Cluster c) {
        Server recipient = server(m, i, Optional.empty());
        if (recipient.parsed().isEmpty()) {
            return new CloneCheck.Unknown("the server version of " + m.name() + "-" + i + " could not be read; "
                    + "addInstance (a clone, " + SHELL_RULE + ") waits until it can be checked");
        }
        List<Server> donors = new java.util.ArrayList<>();
        for (ClusterSetStatus.Instance inst : c.topology().values()) {
            if (!inst.online()) {
                continue;
            }
            String host = ClusterSetStatus.hostOf(inst.address());
            donors.add(ordinalOf(m, host)
                    .map(o -> server(m, o, Optional.of(c)))
                    .orElse(new Server(inst.address(), inst.version(), Optional.empty())));
        }
        return anyDonor(
                m,
                recipient,
                donors,
                "cannot add " + m.name() + "-" + i + " to " + m.name() + ": ",
                first -> alignVersions(
                        m,
                        "run " + m.name() + "-" + i + " on the image its ONLINE instances run ("
                                + first.version().get() + ")",
                        false));
    }

    /**
     * Pod {@code i} added to a re-created cluster: the cluster is created on pod 0, and addInstance clones from any
     * of its ONLINE members (has_compatible_clone_donor, cluster_impl.cc:2439-2462), which are then pod 0 and
     * {@code members}, the pods added before it or already in its metadata; the versions as read over JDBC, else as
     * {@code status} reports them.
     */
    private CloneCheck seedCloneCheck(
            Member m, int i, Optional<ClusterSetStatus.Cluster> status, java.util.Collection<Integer> members) {
        Server pod = server(m, i, status);
        List<Server> donors = new java.util.ArrayList<>();
        donors.add(server(m, 0, status));
        members.stream().filter(o -> o != 0 && o != i).sorted().forEach(o -> donors.add(server(m, o, status)));
        if (pod.parsed().isEmpty() || donors.stream().allMatch(d -> d.parsed().isEmpty())) {
            Server seed = donors.get(0);
            return new CloneCheck.Unknown("the server version of "
                    + (seed.parsed().isEmpty() ? m.name() + "-0" : "")
                    + (seed.parsed().isEmpty() && pod.parsed().isEmpty() ? " and of " : "")
                    + (pod.parsed().isEmpty() ? m.name() + "-" + i : "") + " could not be read; addInstance of "
                    + m.name() + "-" + i + " (a clone from " + m.name() + "-0, " + SHELL_RULE + ") waits until it can "
                    + "be checked");
        }
        if (donors.size() == 1) {
            Server seed = donors.get(0);
            Verdict v = verdict(seed, pod);
            if (v instanceof Verdict.Unread) {
                return new CloneCheck.Unknown("the " + PLATFORM_VARS + " of "
                        + (seed.platform().isEmpty() ? m.name() + "-0" : "")
                        + (seed.platform().isEmpty() && pod.platform().isEmpty() ? " and of " : "")
                        + (pod.platform().isEmpty() ? m.name() + "-" + i : "") + " could not be read; addInstance of "
                        + m.name() + "-" + i + " (a clone from " + m.name() + "-0, " + PLATFORM_RULE + ") waits "
                        + "until it can be checked");
            }
            if (v instanceof Verdict.Refused x) {
                return new CloneCheck.Incompatible(
                        "addInstance would clone " + pod.named() + " from " + seed.named() + ", and MySQL Shell "
                                + "refuses that clone (" + x.rule() + ")",
                        x.platform()
                                ? alignPlatforms(m, seed)
                                : alignVersions(
                                        m,
                                        "run " + m.name() + "-" + i + " on " + m.name() + "-0's image ("
                                                + seed.version().get() + ")",
                                        false));
            }
            return new CloneCheck.Compatible();
        }
        return anyDonor(
                m,
                pod,
                donors,
                "",
                first -> alignVersions(
                        m,
                        "run " + m.name() + "-" + i + " on " + m.name() + "-0's image ("
                                + donors.get(0).version().orElse("version unknown") + ")",
                        false));
    }

    /** Pods 1 to {@code i - 1}: each added before pod {@code i} when a re-created cluster's pods are added in order. */
    private static List<Integer> before(int i) {
        return java.util.stream.IntStream.range(1, i).boxed().toList();
    }

    /**
     * The members of a re-created cluster when pod {@code i} is added to it: the pods before it (each added first)
     * and the pods after it that are not addInstance candidates ({@code podUserSchemas}), taken as ONLINE.
     */
    private static List<Integer> members(Member m, MemberFacts f, int i) {
        return java.util.stream.IntStream.range(1, m.instances())
                .filter(o -> o < i || (o > i && !f.podUserSchemas().containsKey(o)))
                .boxed()
                .toList();
    }

    /** An AddInstance into a re-created cluster, after the clone check; a refusal, or null. */
    private StepPlan seedAddInstance(StepPlan.Builder b, Member m, int i, java.util.Collection<Integer> members) {
        CloneCheck c = seedCloneCheck(m, i, Optional.empty(), members);
        if (c instanceof CloneCheck.Incompatible x) {
            return b.refuse(
                    "clone-versions-incompatible",
                    "cannot add " + m.name() + "-" + i + " to the re-created " + m.name() + ": " + x.reason(),
                    x.guidance());
        }
        if (c instanceof CloneCheck.Unknown x) {
            // A removal is a Delete: what it leaves undone is never retried, so it does not finish without the pod.
            return b.refuse(
                    "clone-versions-unobserved",
                    "cannot complete the removal of " + m.name() + ": " + x.why(),
                    "run `pulumi destroy` (or the `pulumi up` that removes it) again once its pods answer");
        }
        b.step(new ClusterSetStep.AddInstance(m.name(), i, fqdn(m, i)));
        return null;
    }

    /** The remedy: one image version for donor and recipient, and the order an upgrade takes. */
    private String alignVersions(Member m, String align, boolean joining) {
        int index = spec.members().indexOf(m);
        return "run both at clone-compatible versions: the MySQL Operator sets each pod's image from "
                + CS + ".members[" + index + "].version (" + m.version().orElse("unset: the operator's default")
                + ") and any image tag override, so " + align + " and let the operator roll its pods, or finish the "
                + "upgrade in progress "
                + "(replica clusters first, the primary cluster last: replication runs from an older source to a "
                + "newer replica, never the reverse), then run `pulumi up` again"
                + (joining ? "; " + m.name() + "'s InnoDB cluster is not dissolved until then" : "");
    }

    /** The ordinal of {@code m}'s pod with this host, if it is one of its pods. */
    private Optional<Integer> ordinalOf(Member m, String host) {
        for (int i = 0; i < m.instances(); i++) {
            if (fqdn(m, i).equalsIgnoreCase(host)) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }

    // ------------------------------------------------------------------ helpers

    /**
     * No ClusterSet yet: the stack deploying the configured primary creates it with its ClusterSet resource, which
     * this resource depends on, so wait for it there; any other stack must wait for that stack's `pulumi up`.
     */
    private StepPlan clusterSetMissing(StepPlan.Builder b) {
        Member p = spec.primaryMember();
        if (deployed.contains(p.kubeCluster()) && obs.member(p.name()).reach() == Reach.REACHABLE) {
            return b.step(new ClusterSetStep.AwaitClusterSet(spec.name())).done();
        }
        return b.refuse(
                "clusterset-not-found",
                "ClusterSet '" + spec.name() + "' was not found on any reachable " + "member",
                "it is created on " + p.name() + " by the ClusterSet resource of the stack that deploys '"
                        + p.kubeCluster() + "'; run `pulumi up` there first, and check that " + p.name()
                        + " is reachable");
    }

    private StepPlan splitView(StepPlan.Builder b) {
        return b.refuse(
                "split-view",
                "the members disagree about the ClusterSet's primary: " + String.join("; ", obs.conflicts()),
                "the clusters do not see each other (network partition); "
                        + "restore ClusterMesh connectivity first. If a cluster was failed over from, keep its writes fenced "
                        + "(cluster.fenceWrites()) until it is rejoined");
    }

    private boolean primaryUnreachable(ClusterSetStatus cs) {
        boolean byStatus =
                cs.primary().map(ClusterSetStatus.Cluster::unreachable).orElse(true);
        boolean byProbe = memberOfCluster(cs.primaryCluster())
                .map(m -> obs.member(m.name()).reach() == Reach.UNREACHABLE)
                .orElse(false);
        return byStatus || byProbe;
    }

    private Optional<Member> memberOfCluster(String mysqlClusterName) {
        return spec.members().stream()
                .filter(m -> m.mysqlClusterName().equals(mysqlClusterName))
                .findFirst();
    }

    private Optional<Member> primaryMember(ClusterSetStatus cs) {
        return memberOfCluster(cs.primaryCluster());
    }

    private String primaryHost(ClusterSetStatus cs) {
        return cs.globalPrimaryInstance()
                .map(ClusterSetStatus::hostOf)
                .or(() -> primaryMember(cs).map(p -> fqdn(p, 0)))
                .orElse(cs.primaryCluster());
    }

    /** How to see and keep transactions the primary lacks: mysqlbinlog replays them with their own GTIDs. */
    private static String replayGuidance(Member m, MemberFacts f, String errant, ClusterSetStatus cs) {
        int pod = f.data().map(DataFacts::instance).orElse(0);
        return "inspect them on pod " + m.name() + "-" + pod + " in namespace " + m.namespace() + " (mysqlbinlog "
                + "--include-gtids='" + GtidSets.normalize(errant) + "' over its binary logs) and replay on the "
                + "primary cluster '" + cs.primaryCluster() + "' whatever must be kept";
    }

    /** Pod names, e.g. {@code prd-1, prd-2}. */
    private static String podNames(Member m, List<Integer> ordinals) {
        return ordinals.stream().map(i -> m.name() + "-" + i).collect(Collectors.joining(", "));
    }

    private String fqdn(Member m, int ordinal) {
        return m.podFqdn(ordinal, spec.domain());
    }

    private static String reach(MemberFacts f) {
        return f.reach() == Reach.UNREACHABLE ? "unreachable" : "not observable from this stack's provider";
    }
}
