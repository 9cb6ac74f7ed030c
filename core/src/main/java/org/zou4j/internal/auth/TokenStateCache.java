package org.zou4j.internal.auth;

import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Remembers, for a short while, what the database said about a token on an API route: the person row, their
 * departments and whether the token id is revoked ({@link AuthStore.TokenState}). A session's requests then skip that
 * statement (about a quarter of a get-by-id's CPU) while the checks made from it (active, expiration date, revocation,
 * latest bot token) still run on every request.
 *
 * <p>Staleness is bounded two ways:
 * <ul>
 *   <li>this engine's own changes drop every entry at once, on the committing thread, before the write is answered:
 *   a logout, a password reset, any committed write to {@code person}, {@code department}, {@code department_link}
 *   or the revoked-token table ({@link #tableWritten});</li>
 *   <li>another engine's changes over the same database are seen once an entry is older than {@link #maxAge()}, which
 *   the engine sets to its event poll interval (250 ms by default): a logout or deactivation on one instance is
 *   refused by every other instance within one poll interval. The bound holds whatever the event poller does
 *   (stalled, failing, not running), because it is the entry's age, not a message, that ends it.</li>
 * </ul>
 * A zero {@code maxAge} turns the cache off (every request reads the database). Thread-safe.
 */
final class TokenStateCache {
    /** Tables whose committed writes may change a token's state. */
    static final Set<String> TABLES = Set.of("person", "department", "department_link", AuthStore.REVOKED);
    /** Bounds memory under a flood of distinct tokens: past this many entries the map starts again empty. */
    static final int MAX_ENTRIES = 4096;

    private record Entry(UUID personId, AuthStore.TokenState state, long loadedAt, long generation) {
    }

    /** Reads the state from the database. */
    @FunctionalInterface
    interface Loader {
        AuthStore.TokenState load();
    }

    private final long maxAgeNanos;
    private final Duration maxAge;
    private final LongSupplier nanoTime;
    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();

    TokenStateCache(Duration maxAge, LongSupplier nanoTime) {
        if (maxAge.isNegative()) {
            throw new IllegalArgumentException("maxAge must not be negative, was " + maxAge);
        }
        this.maxAge = maxAge;
        this.maxAgeNanos = maxAge.toNanos();
        this.nanoTime = nanoTime;
    }

    Duration maxAge() {
        return maxAge;
    }

    /** The state of token {@code jti} of {@code personId}: remembered when young enough, else loaded. */
    AuthStore.TokenState get(UUID personId, String jti, Loader loader) {
        if (maxAgeNanos == 0) {
            return loader.load();
        }
        // The generation is read before the load: a write committed during the load bumps it, so the entry made from
        // a possibly older read is never used.
        long gen = generation.get();
        long now = nanoTime.getAsLong();
        Entry e = entries.get(jti);
        if (e != null && e.generation == gen && now - e.loadedAt < maxAgeNanos && java.util.Objects.equals(
                e.personId, personId)) {
            return e.state;
        }
        AuthStore.TokenState state = loader.load();
        if (entries.size() >= MAX_ENTRIES) {
            entries.clear();
        }
        entries.put(jti, new Entry(personId, state, now, gen));
        return state;
    }

    /** Drops every entry (this engine changed something a token's state is made of). */
    void invalidateAll() {
        generation.incrementAndGet();
        entries.clear();
    }

    /** A committed unit of work wrote {@code tables}: drops every entry when one of them feeds a token's state. */
    void tableWritten(Set<String> tables) {
        for (String t : tables) {
            if (TABLES.contains(t)) {
                invalidateAll();
                return;
            }
        }
    }
}
