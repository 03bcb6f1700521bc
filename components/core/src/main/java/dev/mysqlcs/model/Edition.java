package dev.mysqlcs.model;

import java.util.Arrays;
import java.util.List;

/** MySQL Operator / server edition. Enterprise images and features come from a private registry. */
public enum Edition {
    COMMUNITY("community"),
    ENTERPRISE("enterprise");

    private final String value;

    Edition(String value) {
        this.value = value;
    }

    /** The spelling used in config and in the InnoDBCluster spec. */
    public String value() {
        return value;
    }

    public static List<String> allowed() {
        return Arrays.stream(values()).map(Edition::value).toList();
    }

    public static Edition parse(String s) {
        for (Edition e : values()) {
            if (e.value.equals(s)) {
                return e;
            }
        }
        throw new IllegalArgumentException(s);
    }
}
