package dev.mysqlcs.fake;

import dev.mysqlcs.model.Member;
import dev.mysqlcs.plan.Observation.RouterState;
import dev.mysqlcs.plan.Observation.SecretsState;
import dev.mysqlcs.provider.Cancellation;
import dev.mysqlcs.provider.KubeActions;
import dev.mysqlcs.provider.ProgressLog;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The real Kubernetes actions (fabric8 against mock API servers), with {@link FakeWorld}'s view of which Kubernetes
 * clusters are down and its fault plan around every mutation (secrets copy, router restart, join journal, failover).
 */
public final class FaultyKubeActions implements KubeActions {

    private final KubeActions real;
    private final FakeWorld w;

    public FaultyKubeActions(KubeActions real, FakeWorld world) {
        this.real = real;
        this.w = world;
    }

    private void up(Member m) {
        if (!w.kubeUp(m.kubeCluster())) {
            throw new KubeUnavailableException("Kubernetes cluster '" + m.kubeCluster() + "': connect timed out", null);
        }
    }

    private <T> T mutate(String op, Member m, java.util.function.Supplier<T> action) {
        up(m);
        T r = w.mutate(
                op,
                action,
                () -> new KubeUnavailableException(op + ": connection reset before the request was sent", null),
                () -> new KubeUnavailableException(op + ": connection reset before the answer arrived", null));
        return r;
    }

    @Override
    public RouterState routerState(Member member, String marker) {
        up(member);
        return real.routerState(member, marker);
    }

    @Override
    public void restartRouter(
            Member member, String marker, Duration timeout, ProgressLog log, Cancellation cancellation) {
        mutate("restartRouter", member, () -> {
            real.restartRouter(member, marker, timeout, log, cancellation);
            w.recordMutation("restartRouter");
            return null;
        });
    }

    @Override
    public SecretsState secretsState(Member source, Member target) {
        up(source);
        up(target);
        return real.secretsState(source, target);
    }

    @Override
    public List<dev.mysqlcs.plan.Observation.MissingSecret> missingSecrets(Member source, Member target) {
        up(source);
        up(target);
        return real.missingSecrets(source, target);
    }

    @Override
    public void copyCredentials(Member source, Member target) {
        up(source);
        mutate("copyCredentials", target, () -> {
            real.copyCredentials(source, target);
            w.recordMutation("copyCredentials");
            return null;
        });
    }

    @Override
    public CertNames certNames(Member member) {
        up(member);
        return real.certNames(member);
    }

    @Override
    public Optional<String> joinMark(Member member) {
        up(member);
        return real.joinMark(member);
    }

    @Override
    public void setJoinMark(Member member, String clusterSetName) {
        mutate("setJoinMark", member, () -> {
            real.setJoinMark(member, clusterSetName);
            w.recordMutation("setJoinMark");
            return null;
        });
    }

    @Override
    public void clearJoinMark(Member member) {
        mutate("clearJoinMark", member, () -> {
            real.clearJoinMark(member);
            w.recordMutation("clearJoinMark");
            return null;
        });
    }

    @Override
    public String runOperatorFailover(
            Member target,
            boolean force,
            List<String> invalidateReplicaClusters,
            String name,
            Duration timeout,
            ProgressLog log,
            Cancellation cancellation) {
        return mutate("operatorFailover", target, () -> {
            String r = real.runOperatorFailover(
                    target, force, invalidateReplicaClusters, name, timeout, log, cancellation);
            w.recordMutation("operatorFailover");
            return r;
        });
    }

    @Override
    public Optional<OperatorView> innoDbCluster(Member member) {
        up(member);
        return real.innoDbCluster(member);
    }

    @Override
    public List<Integer> readyServerPods(Member member) {
        up(member);
        return real.readyServerPods(member);
    }

    @Override
    public java.util.Set<String> routerPods(Member member) {
        up(member);
        return real.routerPods(member);
    }
}
