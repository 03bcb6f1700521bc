package dev.mysqlcs.model;

/** The server_id values an InnoDBCluster uses: baseServerId .. baseServerId + instances - 1. */
public record ServerIdRange(long first, long last) {

    public static ServerIdRange of(long baseServerId, int instances) {
        return new ServerIdRange(baseServerId, baseServerId + Math.max(instances, 1) - 1);
    }

    public boolean overlaps(ServerIdRange other) {
        return first <= other.last && other.first <= last;
    }

    @Override
    public String toString() {
        return first == last ? Long.toString(first) : first + "-" + last;
    }
}
