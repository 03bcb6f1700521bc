package dev.mysqlcs.model;

/**
 * What the Cilium ClusterMesh needs beyond the Kubernetes clusters themselves. The CA's PEM text never enters the
 * model: the program reads it from config as Pulumi Outputs (the key as a secret); the model only records whether
 * config holds it.
 *
 * @param caConfigured true when both {@code mysqlcs:meshCaCert} and {@code mysqlcs:meshCaKey} are set
 */
public record MeshSettings(CiliumSettings cilium, boolean caConfigured) {}
