package dev.mysqlcs.testing;

import dev.mysqlcs.model.Topology;

/** Stack config for the MySQL side's tests. */
public final class MySqlFixtures {

    /**
     * Every optional setting of the MySQL side set at once: operator chart and images, a custom root account and
     * domain, external TLS, storage, placement, several Kubernetes clusters (Cilium annotations), Enterprise
     * linkage, the drill policy and a baseServerId beyond 2^31.
     */
    public static final String FULL_OPTIONS = """
            config:
              mysqlcs:deploy: [east, west]
              mysqlcs:rootUser: admin
              mysqlcs:rootHost: "10.%"
              mysqlcs:rootPassword: {secure: AAABAKfakeciphertextOnlyForTests}
              mysqlcs:mysqlOperator:
                chartVersion: 2.2.8
                chartRepo: https://charts.example.com/mysql/
                namespace: mysql-system
                registry: 192.168.20.199:5000
                repository: mirror/mysql
                imageTag: 9.7.0-2.2.8
                pullSecret: regcred
                serverPullSecret: regcred
              mysqlcs:kubeClusters:
                - name: east
                  context: ctx-east
                  kubeconfig: /etc/kube/east.yaml
                  nodeIps: [10.0.0.11, 10.0.0.12]
                  cilium: {clusterName: east, clusterId: 1}
                  meshEndpoint: {type: NodePort, port: 32379}
                  dns: {mode: coredns-custom, nodePort: 30053}
                - name: west
                  context: ctx-west
                  nodeIps: [10.1.0.11]
                  cilium: {clusterName: west, clusterId: 2}
                  meshEndpoint: {type: LoadBalancer, port: 2379, address: mesh.west.example.com}
              mysqlcs:clusterSet:
                name: fullcs
                domain: corp.internal
                primary: alpha
                linkage: operator
                members:
                  - name: alpha
                    namespace: db-alpha
                    kubeCluster: east
                    baseServerId: 4294967000
                    instances: 5
                    routerInstances: 2
                    version: 9.7.0
                    edition: enterprise
                    tls: {useSelfSigned: false, caSecretName: alpha-ca, serverSecretName: alpha-tls, routerSecretName: alpha-router-tls}
                    storage: 20Gi
                    placement:
                      nodeSelector: {topology.kubernetes.io/zone: east-1a}
                      affinity:
                        nodeAffinity:
                          requiredDuringSchedulingIgnoredDuringExecution:
                            nodeSelectorTerms:
                              - matchExpressions: [{key: disktype, operator: In, values: [ssd]}]
                    drillIsolation: true
                  - name: beta
                    namespace: db-beta
                    kubeCluster: west
                    baseServerId: 2000
                    instances: 1
                    routerInstances: 0
                    edition: enterprise
                    tls: {useSelfSigned: true}
            """;

    private MySqlFixtures() {}

    public static Topology fullOptions() {
        return ConfigFixtures.topology(FULL_OPTIONS);
    }
}
