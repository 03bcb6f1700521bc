package dev.mysqlcs.io;

/** A server pod of an InnoDBCluster in one Kubernetes cluster (by the topology's kubeClusters name). */
public record PodRef(String kubeCluster, String namespace, String pod) {

    /** Container of the operator's server pods that ships mysqlsh. */
    public static final String SIDECAR = "sidecar";
}
