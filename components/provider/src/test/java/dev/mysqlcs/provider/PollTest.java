package dev.mysqlcs.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PollTest {

    private final RecordingLog log = new RecordingLog();

    @Test
    void returnsWhatTheConditionYieldsOnceItHoldsAndSaysWhatItWaitsFor() {
        AtomicInteger calls = new AtomicInteger();
        String r = Poll.until(
                "the third look",
                Duration.ofSeconds(10),
                () -> calls.incrementAndGet() >= 3 ? Optional.of("ready") : Optional.empty(),
                log,
                new Cancellation());
        assertEquals("ready", r);
        assertEquals(3, calls.get());
        assertEquals(List.of("waiting for the third look (up to 10 s)"), log.infos());
    }

    @Test
    void timesOutNamingWhatItWaitedFor() {
        var e = assertThrows(
                Poll.WaitTimeoutException.class,
                () -> Poll.until("nothing", Duration.ofMillis(300), Optional::empty, log, new Cancellation()));
        assertTrue(e.getMessage().endsWith("waiting for nothing"));
    }

    @Test
    void stopsWhenTheEngineCancels() {
        Cancellation c = new Cancellation();
        AtomicInteger calls = new AtomicInteger();
        assertThrows(
                Cancellation.CancelledException.class,
                () -> Poll.until(
                        "x",
                        Duration.ofSeconds(30),
                        () -> {
                            if (calls.incrementAndGet() == 2) {
                                c.cancel();
                            }
                            return Optional.empty();
                        },
                        log,
                        c));
        assertEquals(2, calls.get());
    }
}
