package dev.mysqlcs.io.jdbc;

import java.time.Duration;
import java.util.Objects;

/**
 * How probes connect: timeouts and TLS. The password is not part of this; it travels in {@link dev.mysqlcs.io.Credentials}.
 *
 * @param connectTimeout           TCP connect plus handshake
 * @param socketTimeout            longest wait for one reply; {@link JdbcInstanceProbe#tryLock} extends it by its wait
 * @param sslMode                  Connector/J {@code sslMode}
 * @param allowPublicKeyRetrieval  lets caching_sha2_password fetch the server's RSA key when the session has no TLS
 *                                 (sslMode DISABLED, or PREFERRED against a server without TLS). Through a Kubernetes
 *                                 port-forward the bytes already ride inside the API server's TLS connection.
 */
public record JdbcSettings(
        Duration connectTimeout, Duration socketTimeout, SslMode sslMode, boolean allowPublicKeyRetrieval) {

    /** Connector/J {@code sslMode} values. */
    public enum SslMode {
        DISABLED,
        PREFERRED,
        REQUIRED,
        VERIFY_CA,
        VERIFY_IDENTITY
    }

    public JdbcSettings {
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(socketTimeout, "socketTimeout");
        Objects.requireNonNull(sslMode, "sslMode");
        requirePositiveMillis("connectTimeout", connectTimeout);
        requirePositiveMillis("socketTimeout", socketTimeout);
    }

    /** 10 s to connect, 30 s per reply, TLS when the server offers it, public key retrieval allowed. */
    public static JdbcSettings defaults() {
        return new JdbcSettings(Duration.ofSeconds(10), Duration.ofSeconds(30), SslMode.PREFERRED, true);
    }

    public JdbcSettings withConnectTimeout(Duration timeout) {
        return new JdbcSettings(timeout, socketTimeout, sslMode, allowPublicKeyRetrieval);
    }

    public JdbcSettings withSocketTimeout(Duration timeout) {
        return new JdbcSettings(connectTimeout, timeout, sslMode, allowPublicKeyRetrieval);
    }

    public JdbcSettings withSslMode(SslMode mode) {
        return new JdbcSettings(connectTimeout, socketTimeout, mode, allowPublicKeyRetrieval);
    }

    public JdbcSettings withAllowPublicKeyRetrieval(boolean allow) {
        return new JdbcSettings(connectTimeout, socketTimeout, sslMode, allow);
    }

    private static void requirePositiveMillis(String name, Duration d) {
        if (d.isNegative() || d.isZero() || d.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(
                    name + " must be between 1 ms and " + Integer.MAX_VALUE + " ms, got " + d);
        }
    }
}
