package dev.mysqlcs.model;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * How peers reach a cluster's clustermesh-apiserver: a NodePort on the node IPs (S2.4's 32379), or a
 * load-balancer address.
 */
public record MeshEndpoint(Type type, int port, Optional<String> address) {

    public enum Type {
        NODE_PORT("NodePort"),
        LOAD_BALANCER("LoadBalancer");

        private final String value;

        Type(String value) {
            this.value = value;
        }

        public String value() {
            return value;
        }

        public static List<String> allowed() {
            return Arrays.stream(values()).map(Type::value).toList();
        }

        public static Type parse(String s) {
            for (Type t : values()) {
                if (t.value.equals(s)) {
                    return t;
                }
            }
            throw new IllegalArgumentException(s);
        }
    }
}
