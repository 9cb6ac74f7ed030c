package org.zou4j.internal.auth;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Lets a store delete its expired rows at most once every ten minutes per engine: a cheap check on each write instead
 * of a scheduler thread. When several threads are due at once, one of them purges.
 */
public final class ExpiryPurge {
    private static final long INTERVAL_MILLIS = Duration.ofMinutes(10).toMillis();
    private final AtomicLong lastRun = new AtomicLong(Long.MIN_VALUE);

    /** Runs {@code purge} when the last run is at least ten minutes before {@code nowMillis} (or there was none). */
    public void runIfDue(long nowMillis, Runnable purge) {
        long last = lastRun.get();
        if (last != Long.MIN_VALUE && nowMillis - last < INTERVAL_MILLIS) {
            return;
        }
        if (lastRun.compareAndSet(last, nowMillis)) {
            purge.run();
        }
    }
}
