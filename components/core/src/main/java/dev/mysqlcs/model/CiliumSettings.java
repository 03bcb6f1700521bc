package dev.mysqlcs.model;

import java.util.List;

/**
 * How Cilium is installed on every Kubernetes cluster of the mesh (config key {@code mysqlcs:cilium}).
 *
 * @param chartVersion       version of the {@code cilium} Helm chart, pinned; overridable
 * @param chartRepo          Helm repository the chart comes from
 * @param hubbleTls          {@code hubble.tls.enabled}; the chart's default is true, seed 001 turns it off
 * @param restartDeployments kube-system Deployments whose pods started before Cilium and are restarted once after
 *                           Cilium's first install (S2.2); only names that surely exist belong here
 */
public record CiliumSettings(
        String chartVersion, String chartRepo, boolean hubbleTls, List<String> restartDeployments) {

    /** Where Cilium runs (seed 001: {@code helm install cilium cilium/cilium --namespace=kube-system}). */
    public static final String NAMESPACE = "kube-system";
    /** The Helm release name. */
    public static final String RELEASE_NAME = "cilium";

    public static final String CHART = "cilium";
}
