package org.zou4j.internal.readcache;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.zou4j.internal.sql.Database;
import org.zou4j.internal.sql.Filter;
import org.zou4j.internal.sql.WrittenTables;
import org.zou4j.readcache.ReadCache;
import org.zou4j.testing.TestStorage;

/** The read cache's validity rules and memory bound, on a real database (the reads captured are real Tx reads). */
class AnswerCacheTest {
    private static TestStorage storage;
    private static Database db;

    @BeforeAll
    static void open() {
        storage = new TestStorage();
        db = Database.open(storage);
    }

    @AfterAll
    static void close() {
        storage.close();
    }

    private static ReadCache.Answer answer(String text) {
        return new ReadCache.Answer(200, List.of(Map.entry("Content-Type", "application/json")),
                text.getBytes(StandardCharsets.UTF_8), false);
    }

    /** Computes an answer that reads {@code table} with a typed read, and stores it. */
    private static void computeReading(AnswerCache cache, String table, String key, String text) {
        try (ReadCache.Computation c = cache.begin()) {
            db.read(tx -> tx.count(table, List.of(Filter.eq("name", "nobody"))));
            c.store("p", key, answer(text));
        }
    }

    @Test
    void answersLiveUntilATableTheyReadIsWritten() {
        AnswerCache cache = new AnswerCache(db, 1 << 20, 65536, Long.MAX_VALUE, System::nanoTime);
        computeReading(cache, "project", "k", "one");
        assertThat(cache.lookup("p", "k").body()).asString(StandardCharsets.UTF_8).isEqualTo("one");
        assertThat(cache.lookup("q", "k")).as("another person").isNull();

        db.tablesWritten("playlist"); // not read: still valid
        assertThat(cache.lookup("p", "k")).isNotNull();
        db.tablesWritten("project");
        assertThat(cache.lookup("p", "k")).isNull();

        computeReading(cache, "project", "k", "two");
        db.tablesWritten("person"); // the session's tables count too
        assertThat(cache.lookup("p", "k")).isNull();

        computeReading(cache, "project", "k", "three");
        db.tablesWritten(WrittenTables.ALL); // unknown tables: everything goes
        assertThat(cache.lookup("p", "k")).isNull();
        assertThat(cache.size()).isZero();
    }

    @Test
    void aDeleteAlsoInvalidatesTheTablesItsForeignKeysReach() {
        AnswerCache cache = new AnswerCache(db, 1 << 20, 65536, Long.MAX_VALUE, System::nanoTime);
        // salary_scale.department_id REFERENCES department ON DELETE CASCADE: the database deletes scales itself
        try (ReadCache.Computation c = cache.begin()) {
            db.read(tx -> tx.count("salary_scale", List.of()));
            c.store("p", "k", answer("scales"));
        }
        assertThat(cache.lookup("p", "k")).isNotNull();
        db.inTransaction(tx -> tx.delete("department", List.of(Filter.eq("id", java.util.UUID.randomUUID()))));
        assertThat(cache.lookup("p", "k")).isNull();

        java.util.Set<String> told = new java.util.concurrent.ConcurrentSkipListSet<>();
        db.onCommittedWrites(told::addAll);
        db.inTransaction(tx -> tx.delete("person", List.of(Filter.eq("id", java.util.UUID.randomUUID()))));
        assertThat(told).contains("person", "department_link", "project_person_link", "task_person_link");
    }

    @Test
    void anAnswerComputedWhileAWriteCommitsIsNotKept() {
        AnswerCache cache = new AnswerCache(db, 1 << 20, 65536, Long.MAX_VALUE, System::nanoTime);
        try (ReadCache.Computation c = cache.begin()) {
            db.read(tx -> tx.count("project", List.of()));
            db.tablesWritten("project"); // committed after the read: the answer may predate it
            c.store("p", "k", answer("old"));
        }
        assertThat(cache.lookup("p", "k")).isNull();
        try (ReadCache.Computation c = cache.begin()) {
            db.read(tx -> tx.count("project", List.of()));
            db.tablesWritten("playlist"); // any write: the capture cannot tell what it raced with, so not kept
            c.store("p", "k", answer("old"));
        }
        assertThat(cache.lookup("p", "k")).isNull();
    }

    @Test
    void aRawQueryMakesTheAnswerDependOnEveryTable() {
        AnswerCache cache = new AnswerCache(db, 1 << 20, 65536, Long.MAX_VALUE, System::nanoTime);
        try (ReadCache.Computation c = cache.begin()) {
            db.read(tx -> tx.query("SELECT COUNT(*) FROM project", List.of(), rs -> rs.next()));
            c.store("p", "k", answer("raw"));
        }
        assertThat(cache.lookup("p", "k")).isNotNull();
        db.tablesWritten("playlist");
        assertThat(cache.lookup("p", "k")).isNull();
    }

    @Test
    void onSharedStorageAnswersExpireAfterTheWindow() {
        AtomicLong now = new AtomicLong();
        AnswerCache cache = new AnswerCache(db, 1 << 20, 65536, 250_000_000L, now::get);
        computeReading(cache, "project", "k", "one");
        now.addAndGet(250_000_000L);
        assertThat(cache.lookup("p", "k")).isNotNull();
        now.incrementAndGet();
        assertThat(cache.lookup("p", "k")).isNull();

        AnswerCache off = new AnswerCache(db, 1 << 20, 65536, 0, now::get);
        assertThat(off.enabled()).isFalse();
        computeReading(off, "project", "k", "one");
        assertThat(off.lookup("p", "k")).isNull();
    }

    @Test
    void memoryStaysUnderTheBoundWhateverIsStored() {
        long max = 1 << 20;
        AnswerCache cache = new AnswerCache(db, max, 65536, Long.MAX_VALUE, System::nanoTime);
        String big = "x".repeat(60_000);
        for (int i = 0; i < 500; i++) {
            computeReading(cache, "project", "key-" + i, big + i);
            assertThat(cache.bytes()).isLessThanOrEqualTo(max);
        }
        assertThat(cache.size()).isBetween(10, 17);
        assertThat(cache.lookup("p", "key-499")).as("the newest is kept").isNotNull();
        assertThat(cache.lookup("p", "key-0")).as("the oldest went").isNull();

        computeReading(cache, "project", "too-big", "y".repeat(65537));
        assertThat(cache.lookup("p", "too-big")).isNull();
        cache.invalidateAll();
        assertThat(cache.bytes()).isZero();
    }
}
