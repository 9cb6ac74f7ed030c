package org.zou4j.events;

import static org.assertj.core.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.zou4j.ZouEngine;
import org.zou4j.storage.StorageBackend;

/** Shared helpers of the event tests. */
final class EventTesting {
    static final String KEY = "0123456789abcdef0123456789abcdef";

    private EventTesting() {
    }

    /** Quick polling, short retries: the tests wait for delivery, never for wall-clock figures. */
    static EventSettings fast() {
        return EventSettings.defaults().withPollInterval(Duration.ofMillis(20))
                .withRetryBackoff(Duration.ofMillis(5), Duration.ofMillis(20)).withMaxAttempts(3)
                .withCloseTimeout(Duration.ofSeconds(5));
    }

    static ZouEngine engine(StorageBackend storage) {
        return engine(storage, fast());
    }

    static ZouEngine engine(StorageBackend storage, EventSettings settings) {
        return ZouEngine.builder().storage(storage).secretKey(KEY).events(settings).build();
    }

    /** Waits until {@code condition} holds (30 s at most). */
    static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("Timed out waiting for " + what);
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted");
            }
        }
    }

    /** Lets the engine deliver what it would deliver: a quiet period long enough for several polls. */
    static void settle() {
        try {
            Thread.sleep(300);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A listener that records what it receives. */
    static final class Recorder implements EventListener {
        private final List<Event> events = new ArrayList<>();

        @Override
        public synchronized void onEvent(Event event) {
            events.add(event);
        }

        synchronized List<Event> events() {
            return List.copyOf(events);
        }

        synchronized int size() {
            return events.size();
        }

        List<Event> awaitSize(int n) {
            await(n + " events (have " + size() + ")", () -> size() >= n);
            return events();
        }

        List<Long> sequences() {
            return events().stream().map(Event::sequence).toList();
        }
    }
}
