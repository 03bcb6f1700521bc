package dev.mysqlcs.model;

/**
 * Names the MySQL Operator derives from an InnoDBCluster (mysqloperator/controller/innodbcluster: cluster_objects.py,
 * router_objects.py): what other components and users address.
 *
 * @param name      InnoDBCluster metadata.name
 * @param namespace its namespace
 * @param domain    Kubernetes cluster domain
 */
public record InnoDbClusterNames(String name, String namespace, String domain) {

    /** Headless Service of the server pods: {@code <ic>-instances}. */
    public String instancesService() {
        return name + "-instances";
    }

    /** FQDN of server pod {@code ordinal} on the instances Service. */
    public String podFqdn(int ordinal) {
        return name + "-" + ordinal + "." + instancesService() + "." + namespace + ".svc." + domain;
    }

    public String pod0Fqdn() {
        return podFqdn(0);
    }

    /** The router Service carries the InnoDBCluster's own name. */
    public String routerService() {
        return name;
    }

    public String routerServiceFqdn() {
        return routerService() + "." + namespace + ".svc." + domain;
    }

    /** Router Deployment: {@code <ic>-router}. */
    public String routerDeployment() {
        return name + "-router";
    }

    /** Operator-created Secret with clusterAdminUsername / clusterAdminPassword. */
    public String privSecrets() {
        return name + "-privsecrets";
    }

    /** Operator-created Secret with routerUsername / routerPassword (same name as the router Deployment). */
    public String routerSecret() {
        return name + "-router";
    }

    /** Operator-created Secret with backupUsername / backupPassword. */
    public String backupSecret() {
        return name + "-backup";
    }

    /** The InnoDB cluster's name inside MySQL metadata: the Kubernetes name with '-' and '.' as '_'. */
    public String mysqlClusterName() {
        return name.replace('-', '_').replace('.', '_');
    }
}
