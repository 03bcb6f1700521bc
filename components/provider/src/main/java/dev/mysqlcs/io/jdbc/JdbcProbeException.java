package dev.mysqlcs.io.jdbc;

import java.util.Set;

/**
 * The server answered, but not with what was asked: access denied, a malformed GTID set, a missing privilege, a
 * metadata schema in the middle of an upgrade. Distinct from
 * {@link dev.mysqlcs.io.InstanceProbes.ProbeUnavailableException} on purpose: a server that says "access denied" is
 * alive, so it must never count as an unreachable primary.
 */
public class JdbcProbeException extends RuntimeException {

    /** ER_DBACCESS_DENIED_ERROR, ER_ACCESS_DENIED_ERROR, ER_TABLEACCESS_DENIED_ERROR, ER_COLUMNACCESS_DENIED_ERROR,
     *  ER_SPECIFIC_ACCESS_DENIED_ERROR, ER_HOST_NOT_PRIVILEGED, ER_ACCESS_DENIED_NO_PASSWORD_ERROR. */
    private static final Set<Integer> ACCESS_DENIED = Set.of(1044, 1045, 1142, 1143, 1227, 1130, 1698);

    private final String server;
    private final String sqlState;
    private final int errorCode;

    public JdbcProbeException(String server, String message, String sqlState, int errorCode, Throwable cause) {
        super(message, cause);
        this.server = server;
        this.sqlState = sqlState;
        this.errorCode = errorCode;
    }

    /** The server as named in messages (a pod, or host:port). */
    public String server() {
        return server;
    }

    /** SQLState of the server's answer; null when the failure was not an SQL error. */
    public String sqlState() {
        return sqlState;
    }

    /** MySQL error number; 0 when the failure was not an SQL error. */
    public int errorCode() {
        return errorCode;
    }

    /** The account or its privileges were refused: fix credentials or grants, do not retry. */
    public boolean accessDenied() {
        return ACCESS_DENIED.contains(errorCode) || "28000".equals(sqlState);
    }
}
