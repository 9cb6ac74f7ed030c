package org.zou4j.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.zou4j.events.EventTesting.await;
import static org.zou4j.events.EventTesting.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.zou4j.Session;
import org.zou4j.ZouEngine;
import org.zou4j.testing.TestStorage;

/**
 * Prints (never asserts) the write throughput of a small model with no listener and with three listeners attached,
 * one writer thread on in-memory H2. Both engines are open at once and, after a warm-up, written in alternating
 * one-second slices (5 s each in all), so machine noise and JIT warm-up weigh on both alike.
 */
class EventThroughputReport {
    private static final int SLICES = 5;
    private static final long SLICE_NANOS = 1_000_000_000L;

    /** Creates departments for one slice; returns how many. */
    private static long slice(Session s, String prefix, long from) {
        long n = 0;
        long end = System.nanoTime() + SLICE_NANOS;
        while (System.nanoTime() < end) {
            s.data("departments").create(Map.of("name", prefix + (from + n), "color", "#000000"));
            n++;
        }
        return n;
    }

    @Test
    void printsWriteThroughputWithoutAndWithListeners() {
        try (ZouEngine bare = engine(new TestStorage(), EventSettings.defaults());
             ZouEngine listened = engine(new TestStorage(), EventSettings.defaults())) {
            List<AtomicLong> counts = new ArrayList<>();
            for (String pattern : List.of("*", "department:*", "department:new")) {
                AtomicLong c = new AtomicLong();
                counts.add(c);
                listened.events().subscribe(pattern, e -> c.incrementAndGet());
            }
            Session b = bare.systemSession();
            Session l = listened.systemSession();
            for (int i = 0; i < 3; i++) { // class loading and JIT, both paths
                slice(b, "warm" + i + "-", 0);
                slice(l, "warm" + i + "-", 0);
            }
            long bareCount = 0;
            long listenedCount = 0;
            for (int i = 0; i < SLICES; i++) { // alternating which goes first
                if (i % 2 == 0) {
                    bareCount += slice(b, "d", bareCount);
                    listenedCount += slice(l, "d", listenedCount);
                } else {
                    listenedCount += slice(l, "d", listenedCount);
                    bareCount += slice(b, "d", bareCount);
                }
            }
            long last = listened.events().lastSequence();
            await("the listeners to drain", () -> counts.stream().allMatch(c -> c.get() >= last));
            assertThat(counts).allSatisfy(c -> assertThat(c.get()).isEqualTo(last));
            double seconds = SLICES * SLICE_NANOS / 1e9;
            System.out.printf("EventThroughputReport: department creates/s over %.0f s each, one writer, in-memory "
                    + "H2: no listener %.0f, 3 listeners %.0f (%.0f%%)%n", seconds, bareCount / seconds,
                    listenedCount / seconds, 100.0 * listenedCount / bareCount);
        }
    }
}
