package dev.mysqlcs.testing;

import dev.mysqlcs.model.Topology;

/** A shipped stack file with the ClusterSet's primary control edited, as a user changes it for a switchover. */
public final class PrimaryControl {

    private PrimaryControl() {}

    /** @param file e.g. {@code Pulumi.dr.yaml}, whose clusterSet says {@code primary: prd} */
    public static Topology stack(String file, String primary, long epoch, boolean force) {
        String yaml = ConfigFixtures.shipped(file);
        String replaced = yaml.replace(
                "    primary: prd\n",
                "    primary: " + primary + "\n    primaryEpoch: " + epoch + "\n    forceFailover: " + force + "\n");
        if (replaced.equals(yaml)) {
            throw new IllegalStateException("no 'primary: prd' in " + file);
        }
        return ConfigFixtures.topology(replaced);
    }

    public static Topology prod(String primary, long epoch, boolean force) {
        return stack("Pulumi.prod.yaml", primary, epoch, force);
    }

    public static Topology dr(String primary, long epoch, boolean force) {
        return stack("Pulumi.dr.yaml", primary, epoch, force);
    }
}
