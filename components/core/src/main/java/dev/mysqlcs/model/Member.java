package dev.mysqlcs.model;

import java.util.Optional;

/**
 * One InnoDBCluster of the ClusterSet.
 *
 * @param name            InnoDBCluster metadata.name (the InnoDB cluster inside MySQL is this with - and . as _)
 * @param version         MySQL server version; empty means the operator's default
 * @param storage         datadir PVC size (a Kubernetes quantity); empty means the operator's default
 * @param drillIsolation  S1.7's disaster drill: a NetworkPolicy cuts this member off
 * @param routing         options of this member's routers in the ClusterSet ({@code setRoutingOption}); none when
 *                        not configured
 */
public record Member(
        String name,
        String namespace,
        String kubeCluster,
        long baseServerId,
        int instances,
        int routerInstances,
        Optional<String> version,
        Edition edition,
        Tls tls,
        Optional<String> storage,
        Placement placement,
        boolean drillIsolation,
        RoutingOptions routing) {

    public Member(
            String name,
            String namespace,
            String kubeCluster,
            long baseServerId,
            int instances,
            int routerInstances,
            Optional<String> version,
            Edition edition,
            Tls tls,
            Optional<String> storage,
            Placement placement,
            boolean drillIsolation) {
        this(
                name,
                namespace,
                kubeCluster,
                baseServerId,
                instances,
                routerInstances,
                version,
                edition,
                tls,
                storage,
                placement,
                drillIsolation,
                RoutingOptions.none());
    }

    public ServerIdRange serverIds() {
        return ServerIdRange.of(baseServerId, instances);
    }

    /** The name of the InnoDB cluster inside MySQL metadata. */
    public String mysqlClusterName() {
        return name.replace('-', '_').replace('.', '_');
    }

    /** FQDN of server pod 0 on the instances Service: the address other members and mysqlsh use. */
    public String pod0Fqdn(String domain) {
        return podFqdn(0, domain);
    }

    public String podFqdn(int ordinal, String domain) {
        return name + "-" + ordinal + "." + name + "-instances." + namespace + ".svc." + domain;
    }
}
