package dev.mysqlcs.stack;

import com.pulumi.Context;
import com.pulumi.resources.Resource;
import com.pulumi.core.Output;
import com.pulumi.kubernetes.Provider;
import dev.mysqlcs.InnoDbCluster;
import dev.mysqlcs.InnoDbClusterArgs;
import dev.mysqlcs.MySqlOperator;
import dev.mysqlcs.MySqlOperatorArgs;
import dev.mysqlcs.model.KubeCluster;
import dev.mysqlcs.model.Member;
import dev.mysqlcs.model.Topology;
import dev.mysqlcs.render.OperatorValues;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The MySQL side of a stack: the MySQL Operator in every Kubernetes cluster the stack deploys into, and one
 * InnoDBCluster (with namespace and secrets) per member living there. Exports {@code mysqlOperators} and
 * {@code innodbClusters}, keyed by Kubernetes cluster and member name.
 */
public final class MySqlSide {

    /** What was registered, for the parts of the program that build on it (the ClusterSet linkage). */
    public record Result(Map<String, MySqlOperator> operators, Map<String, InnoDbCluster> clusters) {
    }

    private MySqlSide() {
    }

    /**
     * @param providers the Kubernetes provider of every deployed cluster, by kubeClusters name
     * @param networks  what must be in place in a cluster before the operator installs (Cilium: S2.1 precedes S2.9)
     */
    public static Result define(Context ctx, StackConfig config, Map<String, Provider> providers,
                                Map<String, ? extends Resource> networks) {
        Topology topology = config.topology();

        Map<String, MySqlOperator> operators = new LinkedHashMap<>();
        for (KubeCluster kc : topology.deployedClusters()) {
            MySqlOperatorArgs.Builder args = MySqlOperatorArgs.builder()
                    .settings(topology.mysqlOperator())
                    .edition(OperatorValues.editionFor(topology, kc.name()))
                    .clusterDomain(topology.clusterSet().domain())
                    .provider(provider(providers, kc.name()));
            if (networks.containsKey(kc.name())) {
                args.after(networks.get(kc.name()));
            }
            operators.put(kc.name(), new MySqlOperator(kc.name() + "-mysql-operator", args.build(), null));
        }

        // The primary first: replicas the operator links join it, so they are created after it.
        String primary = topology.clusterSet().primary();
        List<Member> members = new ArrayList<>(topology.deployedMembers());
        members.sort(Comparator.comparing((Member m) -> !m.name().equals(primary)));
        Map<String, InnoDbCluster> clusters = new LinkedHashMap<>();
        for (Member m : members) {
            InnoDbClusterArgs.Builder args = InnoDbClusterArgs.builder()
                    .topology(topology)
                    .member(m.name())
                    .rootPassword(config.rootPassword())
                    .provider(provider(providers, m.kubeCluster()))
                    .operator(operators.get(m.kubeCluster()).release());
            InnoDbCluster primaryCluster = clusters.get(primary);
            if (primaryCluster != null && !m.name().equals(primary)) {
                args.primaryCluster(primaryCluster.innoDbCluster());
            }
            clusters.put(m.name(), new InnoDbCluster(m.name(), args.build(), null));
        }

        ctx.export("mysqlOperators", mapOf(operators, o -> List.of(
                Map.entry("releaseName", o.releaseName),
                Map.entry("namespace", o.namespace),
                Map.entry("chart", o.chart),
                Map.entry("edition", o.edition))));
        ctx.export("innodbClusters", mapOf(clusters, c -> List.of(
                Map.entry("clusterName", c.clusterName),
                Map.entry("namespace", c.namespace),
                Map.entry("mysqlClusterName", c.mysqlClusterName),
                Map.entry("pod0Fqdn", c.pod0Fqdn),
                Map.entry("instancesService", c.instancesService),
                Map.entry("routerService", c.routerService),
                Map.entry("routerServiceFqdn", c.routerServiceFqdn),
                Map.entry("rootSecret", c.rootSecret),
                Map.entry("privSecrets", c.privSecrets),
                Map.entry("routerSecret", c.routerSecret),
                Map.entry("backupSecret", c.backupSecret))));
        return new Result(java.util.Collections.unmodifiableMap(operators), java.util.Collections.unmodifiableMap(clusters));
    }

    private static Provider provider(Map<String, Provider> providers, String kubeCluster) {
        Provider p = providers.get(kubeCluster);
        if (p == null) {
            throw new IllegalStateException("no Kubernetes provider for deployed cluster '" + kubeCluster + "'");
        }
        return p;
    }

    /** {@code {key: {field: value}}} from each component's outputs, in a stable order. */
    private static <T> Output<Map<String, Map<String, String>>> mapOf(
            Map<String, T> components, java.util.function.Function<T, List<Map.Entry<String, Output<String>>>> fields) {
        List<Output<Map.Entry<String, Map<String, String>>>> entries = new ArrayList<>();
        components.forEach((key, component) -> {
            List<Map.Entry<String, Output<String>>> fs = fields.apply(component);
            List<Output<String>> values = fs.stream().map(Map.Entry::getValue).toList();
            entries.add(Output.all(values).applyValue(vs -> {
                Map<String, String> m = new LinkedHashMap<>();
                for (int i = 0; i < fs.size(); i++) {
                    m.put(fs.get(i).getKey(), vs.get(i));
                }
                return Map.entry(key, m);
            }));
        });
        return Output.all(entries).applyValue(es -> {
            Map<String, Map<String, String>> out = new LinkedHashMap<>();
            es.forEach(e -> out.put(e.getKey(), e.getValue()));
            return out;
        });
    }
}
