package dev.mysqlcs.model;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * MySQL Shell's rule for which server versions can be cloned from which, one implementation for the configured
 * versions (TopologyValidator) and the observed ones (ClusterSetPlanner).
 *
 * <p>mysql/mysql-shell 8.4.8 mysqlshdk/libs/mysql/clone.cc:57-110 {@code verify_compatible_clone_versions(donor,
 * recipient)}: both must support clone (8.0.17 or newer, modules/adminapi/common/server_features.cc:95
 * {@code supports_mysql_clone}); equal versions are compatible; otherwise MAJOR.MINOR must match ("can't mix LTS with
 * innovation releases"); from 8.4.0 on (both) that is enough; below 8.4 only the 8.0 series may mix patches, and only
 * when both are 8.0.37 or newer. The Shell compares the numbers it takes from the session's server version
 * (mysqlshdk/libs/db/mysql/session.h {@code get_server_version}: {@code mysql_get_server_version}, MAJOR.MINOR.PATCH
 * only), so a suffix such as {@code -commercial} plays no part. It applies the rule in
 * modules/adminapi/common/base_cluster_impl.cc:595-612 {@code check_compatible_clone_donor} before every clone, then
 * compares {@code version_compile_os} (:615-629) and {@code version_compile_machine} (:632-648), which only observed
 * servers tell (ClusterSetPlanner, Observation.Platform).
 */
public final class CloneVersions {

    /** What the rule allows, as the refusals and config errors state it. */
    public static final String RULE_BELOW_84 = "and below 8.4 the same patch unless both are 8.0.37 or newer";

    private static final Pattern NUMBERS = Pattern.compile("^(\\d{1,9})\\.(\\d{1,9})\\.(\\d{1,9})(?:[^0-9].*)?$");

    private CloneVersions() {}

    /** MAJOR.MINOR.PATCH of a server version as {@code @@version} or config states it. */
    public record Version(int major, int minor, int patch) {
        /** 8.0.17 or newer (server_features.cc supports_mysql_clone). */
        public boolean supportsClone() {
            return atLeast(8, 0, 17);
        }

        boolean atLeast(int ma, int mi, int pa) {
            return major != ma ? major > ma : minor != mi ? minor > mi : patch >= pa;
        }

        @Override
        public String toString() {
            return major + "." + minor + "." + patch;
        }
    }

    /**
     * The numbers of {@code @@version} ({@code 8.0.31}, {@code 8.4.3-commercial}, {@code 8.0.31-debug}); empty when
     * it does not start with MAJOR.MINOR.PATCH.
     */
    public static Optional<Version> parse(String version) {
        if (version == null) {
            return Optional.empty();
        }
        Matcher m = NUMBERS.matcher(version.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(
                new Version(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))));
    }

    /** clone.cc verify_compatible_clone_versions: can {@code recipient} be cloned from {@code donor}? */
    public static boolean compatible(Version donor, Version recipient) {
        if (!donor.supportsClone() || !recipient.supportsClone()) {
            return false;
        }
        if (donor.equals(recipient)) {
            return true;
        }
        if (donor.major() != recipient.major() || donor.minor() != recipient.minor()) {
            return false;
        }
        if (donor.atLeast(8, 4, 0) && recipient.atLeast(8, 4, 0)) {
            return true;
        }
        if (donor.major() != 8 || donor.minor() != 0) {
            return false;
        }
        return donor.atLeast(8, 0, 37) && recipient.atLeast(8, 0, 37);
    }

    /** What the rule allows for a donor of {@code v}, e.g. "the same MAJOR.MINOR (8.0.x), and below 8.4 ...". */
    public static String allowed(Version v) {
        return "the same MAJOR.MINOR (" + v.major() + "." + v.minor() + ".x), " + RULE_BELOW_84;
    }
}
