package org.zou4j.events;

import java.time.Duration;
import java.util.Objects;

/**
 * How an engine delivers events to listeners. Immutable; start from {@link #defaults()} and change what you need:
 *
 * <pre>{@code
 * ZouEngine.builder()...events(EventSettings.defaults().withPollInterval(Duration.ofMillis(100))).build();
 * }</pre>
 */
public final class EventSettings {
    private static final EventSettings DEFAULTS = new EventSettings(Duration.ofMillis(250), 10_000, 5,
            Duration.ofMillis(100), Duration.ofSeconds(5), Duration.ofSeconds(10));

    private final Duration pollInterval;
    private final int queueCapacity;
    private final int maxAttempts;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final Duration closeTimeout;

    private EventSettings(Duration pollInterval, int queueCapacity, int maxAttempts, Duration initialBackoff,
                          Duration maxBackoff, Duration closeTimeout) {
        this.pollInterval = pollInterval;
        this.queueCapacity = queueCapacity;
        this.maxAttempts = maxAttempts;
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
        this.closeTimeout = closeTimeout;
    }

    /**
     * Poll every 250 ms, queue up to 10,000 events per subscription, try a failing listener 5 times with a backoff
     * from 100 ms doubling up to 5 s, wait up to 10 s for a running listener on close.
     */
    public static EventSettings defaults() {
        return DEFAULTS;
    }

    /**
     * How often the persisted event log is read for events committed by other engine instances over the same
     * database (local commits wake the reader at once). At least 1 ms.
     */
    public Duration pollInterval() {
        return pollInterval;
    }

    /**
     * How many events may wait in memory for one subscription. When a slow listener lets its queue fill up, the
     * subscription reads the persisted log from its own position instead: nothing is dropped.
     */
    public int queueCapacity() {
        return queueCapacity;
    }

    /** How many times a listener is called with an event it keeps failing on before the event is skipped. */
    public int maxAttempts() {
        return maxAttempts;
    }

    /** The wait before the first retry; it doubles after each failure, up to {@link #maxBackoff()}. */
    public Duration initialBackoff() {
        return initialBackoff;
    }

    /** The longest wait between two attempts. */
    public Duration maxBackoff() {
        return maxBackoff;
    }

    /** How long closing a subscription (or the engine) waits for an event being handled to finish. */
    public Duration closeTimeout() {
        return closeTimeout;
    }

    /** A copy with another {@link #pollInterval()} (at least 1 ms). */
    public EventSettings withPollInterval(Duration interval) {
        requirePositive(interval, "pollInterval");
        if (interval.toMillis() < 1) {
            throw new IllegalArgumentException("pollInterval must be at least 1 ms, was " + interval);
        }
        return new EventSettings(interval, queueCapacity, maxAttempts, initialBackoff, maxBackoff, closeTimeout);
    }

    /** A copy with another {@link #queueCapacity()} (at least 1). */
    public EventSettings withQueueCapacity(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("queueCapacity must be at least 1, was " + capacity);
        }
        return new EventSettings(pollInterval, capacity, maxAttempts, initialBackoff, maxBackoff, closeTimeout);
    }

    /** A copy with another {@link #maxAttempts()} (at least 1: no retry). */
    public EventSettings withMaxAttempts(int attempts) {
        if (attempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + attempts);
        }
        return new EventSettings(pollInterval, queueCapacity, attempts, initialBackoff, maxBackoff, closeTimeout);
    }

    /** A copy with another retry backoff: {@code initial} doubling up to {@code max} (positive, initial ≤ max). */
    public EventSettings withRetryBackoff(Duration initial, Duration max) {
        requirePositive(initial, "initial backoff");
        requirePositive(max, "max backoff");
        if (initial.compareTo(max) > 0) {
            throw new IllegalArgumentException("initial backoff " + initial + " exceeds max backoff " + max);
        }
        return new EventSettings(pollInterval, queueCapacity, maxAttempts, initial, max, closeTimeout);
    }

    /** A copy with another {@link #closeTimeout()} (positive). */
    public EventSettings withCloseTimeout(Duration timeout) {
        requirePositive(timeout, "closeTimeout");
        return new EventSettings(pollInterval, queueCapacity, maxAttempts, initialBackoff, maxBackoff, timeout);
    }

    private static void requirePositive(Duration d, String what) {
        Objects.requireNonNull(d, what);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(what + " must be positive, was " + d);
        }
    }

    @Override
    public String toString() {
        return "EventSettings[pollInterval=" + pollInterval + ", queueCapacity=" + queueCapacity + ", maxAttempts="
                + maxAttempts + ", backoff=" + initialBackoff + ".." + maxBackoff + ", closeTimeout=" + closeTimeout
                + "]";
    }
}
