package org.zou4j.internal.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The token-state window: reuse while young, reload when old, dropped at once by this engine's own changes. */
class TokenStateCacheTest {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final AtomicInteger loads = new AtomicInteger();
    private final UUID person = UUID.randomUUID();

    private AuthStore.TokenState load() {
        loads.incrementAndGet();
        return new AuthStore.TokenState(null, Set.of(), loads.get() > 1);
    }

    @Test
    void aStateIsReusedWithinTheWindowAndReadAgainAfterIt() {
        TokenStateCache cache = new TokenStateCache(Duration.ofMillis(250), now::get);
        assertThat(cache.get(person, "j1", this::load).revoked()).isFalse();
        now.addAndGet(Duration.ofMillis(249).toNanos());
        assertThat(cache.get(person, "j1", this::load).revoked()).isFalse();
        assertThat(loads).hasValue(1);
        now.addAndGet(Duration.ofMillis(1).toNanos());
        assertThat(cache.get(person, "j1", this::load).revoked()).as("read again: the new state").isTrue();
        assertThat(loads).hasValue(2);
    }

    @Test
    void ownWritesToAuthTablesDropEveryEntryOthersDoNot() {
        TokenStateCache cache = new TokenStateCache(Duration.ofMinutes(1), now::get);
        cache.get(person, "j1", this::load);
        cache.tableWritten(Set.of("task", "api_event"));
        cache.get(person, "j1", this::load);
        assertThat(loads).hasValue(1);
        for (String table : TokenStateCache.TABLES) {
            cache.tableWritten(Set.of("task", table));
            cache.get(person, "j1", this::load);
        }
        assertThat(loads).hasValue(1 + TokenStateCache.TABLES.size());
        cache.invalidateAll(); // a revocation
        cache.get(person, "j1", this::load);
        assertThat(loads).hasValue(2 + TokenStateCache.TABLES.size());
    }

    @Test
    void aStateReadWhileAWriteCommittedIsNotReused() {
        TokenStateCache cache = new TokenStateCache(Duration.ofMinutes(1), now::get);
        cache.get(person, "j1", () -> {
            AuthStore.TokenState before = load();
            cache.invalidateAll(); // committed while the (older) state was being read
            return before;
        });
        cache.get(person, "j1", this::load);
        assertThat(loads).hasValue(2);
    }

    @Test
    void anEntryServesOnlyItsOwnTokenAndPerson() {
        TokenStateCache cache = new TokenStateCache(Duration.ofMinutes(1), now::get);
        cache.get(person, "j1", this::load);
        cache.get(person, "j2", this::load);
        cache.get(UUID.randomUUID(), "j1", this::load);
        assertThat(loads).hasValue(3);
    }

    @Test
    void aZeroWindowAlwaysReadsAndANegativeOneIsRefused() {
        TokenStateCache cache = new TokenStateCache(Duration.ZERO, now::get);
        cache.get(person, "j1", this::load);
        cache.get(person, "j1", this::load);
        assertThat(loads).hasValue(2);
        assertThatThrownBy(() -> new TokenStateCache(Duration.ofMillis(-1), now::get))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
