package dev.mysqlcs.model;

import java.util.Arrays;
import java.util.List;

/**
 * Who links the replica InnoDBClusters into the ClusterSet.
 * PROVIDER: this project's Java provider runs the AdminAPI steps (seed 001, community).
 * OPERATOR: the Enterprise operator does it from {@code initDB.clusterSet} (seed 000).
 */
public enum Linkage {
    PROVIDER("provider"),
    OPERATOR("operator");

    private final String value;

    Linkage(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    public static List<String> allowed() {
        return Arrays.stream(values()).map(Linkage::value).toList();
    }

    public static Linkage parse(String s) {
        for (Linkage l : values()) {
            if (l.value.equals(s)) {
                return l;
            }
        }
        throw new IllegalArgumentException(s);
    }
}
