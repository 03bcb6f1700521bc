package dev.mysqlcs;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.resources.ResourceArgs;
import dev.mysqlcs.model.Member;
import java.util.Map;

/** One entry of {@code mysqlcs:clusterSet.members} as resource input: what the ClusterSet steps need of it. */
public final class ClusterSetMemberSpecArgs extends ResourceArgs {

    @Import(name = "name", required = true)
    private Output<String> name;

    @Import(name = "namespace", required = true)
    private Output<String> namespace;

    @Import(name = "kubeCluster", required = true)
    private Output<String> kubeCluster;

    /** A number up to 4294967195: carried as a double, exact far beyond that. */
    @Import(name = "baseServerId", required = true)
    private Output<Double> baseServerId;

    @Import(name = "instances", required = true)
    private Output<Integer> instances;

    @Import(name = "routerInstances", required = true)
    private Output<Integer> routerInstances;

    @Import(name = "edition", required = true)
    private Output<String> edition;

    /** Only for certificate-authenticated members, so that self-signed configs keep their inputs. */
    @Import(name = "tls")
    private Output<ClusterSetMemberTlsArgs> tls;

    /** {@code members[i].routing}, only when configured, so that configs without it keep their inputs. */
    @Import(name = "routing")
    private Output<Map<String, Object>> routing;

    private ClusterSetMemberSpecArgs() {}

    public Output<Map<String, Object>> routing() {
        return routing;
    }

    public Output<String> name() {
        return name;
    }

    public Output<String> namespace() {
        return namespace;
    }

    public Output<String> kubeCluster() {
        return kubeCluster;
    }

    public Output<Double> baseServerId() {
        return baseServerId;
    }

    public Output<Integer> instances() {
        return instances;
    }

    public Output<Integer> routerInstances() {
        return routerInstances;
    }

    public Output<String> edition() {
        return edition;
    }

    public Output<ClusterSetMemberTlsArgs> tls() {
        return tls;
    }

    public static ClusterSetMemberSpecArgs of(Member m) {
        ClusterSetMemberSpecArgs a = new ClusterSetMemberSpecArgs();
        a.name = Output.of(m.name());
        a.namespace = Output.of(m.namespace());
        a.kubeCluster = Output.of(m.kubeCluster());
        a.baseServerId = Output.of((double) m.baseServerId());
        a.instances = Output.of(m.instances());
        a.routerInstances = Output.of(m.routerInstances());
        a.edition = Output.of(m.edition().value());
        if (!m.tls().useSelfSigned()) {
            a.tls = Output.of(ClusterSetMemberTlsArgs.of(m.tls()));
        }
        if (!m.routing().isEmpty()) {
            // Pulumi numbers are doubles; the provider's parser reads them back as integers.
            Map<String, Object> routing = m.routing().wire();
            a.routing = Output.of(routing);
        }
        return a;
    }
}
