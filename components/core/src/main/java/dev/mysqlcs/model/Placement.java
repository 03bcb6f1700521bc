package dev.mysqlcs.model;

import java.util.Map;

/** Where the server pods of one InnoDBCluster run (S1.9): a nodeSelector and/or a Kubernetes affinity object. */
public record Placement(Map<String, String> nodeSelector, Map<String, Object> affinity) {

    public static Placement none() {
        return new Placement(Map.of(), Map.of());
    }

    public boolean isEmpty() {
        return nodeSelector.isEmpty() && affinity.isEmpty();
    }
}
