package dev.mysqlcs.provider;

import java.util.concurrent.atomic.AtomicBoolean;

/** Set by the engine's Cancel: waits and the step loop stop at the next check, between steps, never inside one. */
public final class Cancellation {

    private final AtomicBoolean cancelled = new AtomicBoolean();

    public void cancel() {
        cancelled.set(true);
    }

    public void check(String during) {
        if (cancelled.get()) {
            throw new CancelledException("cancelled by the engine during " + during
                    + "; the ClusterSet is left between two steps, and `pulumi up` resumes from there");
        }
    }

    public static final class CancelledException extends RuntimeException {
        public CancelledException(String message) {
            super(message);
        }
    }
}
