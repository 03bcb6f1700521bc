package dev.mysqlcs.io;

/** Opens probes on server pods: real ones go through a Kubernetes port-forward, tests point at a local mysqld. */
public interface InstanceProbes {

    /** @throws ProbeUnavailableException when the server cannot be reached (pod gone, cluster unreachable) */
    InstanceProbe open(PodRef pod, Credentials credentials);

    class ProbeUnavailableException extends RuntimeException {
        public ProbeUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
