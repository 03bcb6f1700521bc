package dev.mysqlcs.io;

import java.time.Duration;
import java.util.List;

/**
 * Runs MySQL Shell in a server pod's sidecar container (Kubernetes exec). The password travels on stdin
 * ({@code --passwords-from-stdin}); {@code argv} must never contain a secret, and implementations must not log stdin.
 */
public interface MySqlShell {

    /**
     * @param argv     the mysqlsh command line, e.g. {@code [mysqlsh, --uri, root@host:3306, --passwords-from-stdin,
     *                 --credential-store-helper=<disabled>, --js, -e, <script>]}
     * @param stdin    what mysqlsh reads on stdin (the password); a secret
     * @throws ShellTimeoutException when the run exceeds {@code timeout}
     * @throws ShellUnavailableException when the pod cannot be reached at all
     */
    ShellResult run(PodRef pod, List<String> argv, char[] stdin, Duration timeout);

    /** The pod is gone, not ready, or its cluster unreachable: nothing ran. */
    class ShellUnavailableException extends RuntimeException {
        public ShellUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The command did not finish in time; it may still be running in the pod. */
    class ShellTimeoutException extends RuntimeException {
        public ShellTimeoutException(String message) {
            super(message);
        }
    }
}
