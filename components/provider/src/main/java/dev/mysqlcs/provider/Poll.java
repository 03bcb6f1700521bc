package dev.mysqlcs.provider;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Waits for a condition by polling with a short backoff (100 ms growing to 1 s), so a wait notices a change within
 * about a second; logs what it waits for every 10 s; never a fixed sleep.
 */
public final class Poll {

    static final long FIRST_DELAY_MS = 100;
    static final long MAX_DELAY_MS = 1000;
    static final long LOG_EVERY_MS = 10_000;

    private Poll() {}

    /** Thrown when the condition does not hold within the timeout. */
    public static final class WaitTimeoutException extends RuntimeException {
        public WaitTimeoutException(String message) {
            super(message);
        }
    }

    /**
     * @param check returns the result once the condition holds, empty while it does not
     */
    public static <T> T until(
            String what, Duration timeout, Supplier<Optional<T>> check, ProgressLog log, Cancellation cancellation) {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        long delay = FIRST_DELAY_MS;
        long nextLog = start + LOG_EVERY_MS * 1_000_000L;
        boolean announced = false;
        while (true) {
            Optional<T> r = check.get();
            if (r.isPresent()) {
                return r.get();
            }
            long now = System.nanoTime();
            if (!announced) {
                log.info("waiting for " + what + " (up to " + timeout.toSeconds() + " s)");
                announced = true;
            } else if (now >= nextLog) {
                log.info("still waiting for " + what + " (" + (now - start) / 1_000_000_000L + " s)");
                nextLog = now + LOG_EVERY_MS * 1_000_000L;
            }
            if (now >= deadline) {
                throw new WaitTimeoutException("timed out after " + timeout.toSeconds() + " s waiting for " + what);
            }
            cancellation.check("a wait for " + what);
            try {
                Thread.sleep(Math.min(delay, Math.max(1, (deadline - now) / 1_000_000L)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Cancellation.CancelledException("interrupted while waiting for " + what);
            }
            delay = Math.min(MAX_DELAY_MS, delay * 3 / 2);
        }
    }
}
