package org.zou4j.internal.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.zou4j.ZouException;
import org.zou4j.testing.TestStorage;

/**
 * Short transactions that share a commit ({@link GroupCommit}) on a real H2 database: each unit's writes, failures,
 * retries and after-commit work stay its own.
 */
class GroupCommitTest {
    private TestStorage storage;
    private Database db;
    private ExecutorService pool;

    @BeforeEach
    void open() {
        storage = new TestStorage();
        db = Database.open(storage);
        pool = Executors.newCachedThreadPool();
    }

    @AfterEach
    void close() {
        pool.shutdownNow();
        storage.close();
    }

    private static Map<String, Object> department(UUID id, String name) {
        Map<String, Object> row = new LinkedHashMap<>();
        LocalDateTime now = LocalDateTime.now();
        row.put("id", id);
        row.put("created_at", now);
        row.put("updated_at", now);
        row.put("name", name);
        row.put("color", "#000000");
        return row;
    }

    private boolean exists(UUID id) {
        return db.read(tx -> tx.byId("department", id) != null);
    }

    /**
     * Holds the group being run until {@code more} other units are queued behind it, so that they form the next group
     * together.
     */
    private Future<?> blockerWhileQueued(CountDownLatch release) {
        CountDownLatch started = new CountDownLatch(1);
        Future<?> f = pool.submit(() -> db.inShortTransaction(tx -> {
            started.countDown();
            await(release);
            return null;
        }));
        await(started);
        return f;
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private void awaitQueued(int n) throws InterruptedException {
        for (int i = 0; i < 1000 && db.groupCommitQueued() < n; i++) {
            Thread.sleep(5);
        }
        assertThat(db.groupCommitQueued()).isEqualTo(n);
    }

    @Test
    void concurrentWritesAllCommitAndShareCommits() throws Exception {
        int threads = 8;
        int each = 40;
        List<Future<List<UUID>>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            futures.add(pool.submit(() -> {
                List<UUID> mine = new ArrayList<>();
                for (int i = 0; i < each; i++) {
                    UUID id = UUID.randomUUID();
                    db.inShortTransaction(tx -> {
                        tx.insert("department", department(id, "d-" + thread + "-" + id));
                        return null;
                    });
                    mine.add(id);
                }
                return mine;
            }));
        }
        List<UUID> acknowledged = new ArrayList<>();
        for (Future<List<UUID>> f : futures) {
            acknowledged.addAll(f.get(60, TimeUnit.SECONDS));
        }
        assertThat(acknowledged).hasSize(threads * each);
        for (UUID id : acknowledged) {
            assertThat(exists(id)).as("acknowledged %s", id).isTrue();
        }
        assertThat((long) db.<Long>read(tx -> tx.count("department", List.of()))).isEqualTo((long) threads * each);
    }

    @Test
    void aFailingUnitIsRolledBackAloneAndTheOthersOfItsGroupCommit() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Future<?> blocker = blockerWhileQueued(release);
        UUID failing = UUID.randomUUID();
        UUID before = UUID.randomUUID();
        UUID after = UUID.randomUUID();
        List<String> afterCommitThreads = new CopyOnWriteArrayList<>();
        Future<String> first = pool.submit(() -> db.inShortTransaction(tx -> {
            tx.insert("department", department(before, "before"));
            tx.afterCommit(() -> afterCommitThreads.add(Thread.currentThread().getName()));
            return Thread.currentThread().getName();
        }));
        awaitQueued(1);
        Future<?> bad = pool.submit(() -> db.inShortTransaction(tx -> {
            tx.insert("department", department(failing, "failing"));
            tx.afterCommit(() -> afterCommitThreads.add("never"));
            throw ZouException.badRequest(org.zou4j.ErrorCode.INVALID_VALUE, "refused on purpose");
        }));
        awaitQueued(2);
        Future<?> last = pool.submit(() -> db.inShortTransaction(tx -> {
            tx.insert("department", department(after, "after"));
            return null;
        }));
        awaitQueued(3);
        release.countDown();
        blocker.get(10, TimeUnit.SECONDS);
        String firstThread = first.get(10, TimeUnit.SECONDS);
        last.get(10, TimeUnit.SECONDS);
        assertThatThrownBy(() -> bad.get(10, TimeUnit.SECONDS))
                .hasCauseInstanceOf(ZouException.class).hasMessageContaining("refused on purpose");
        assertThat(exists(before)).isTrue();
        assertThat(exists(after)).isTrue();
        assertThat(exists(failing)).isFalse();
        // the after-commit work ran once, for the unit that committed, on its caller's own thread
        assertThat(afterCommitThreads).containsExactly(firstThread);
    }

    @Test
    void aUnitFailingOnAStorageConstraintLeavesTheOthersIntact() throws Exception {
        UUID existing = UUID.randomUUID();
        db.inShortTransaction(tx -> {
            tx.insert("department", department(existing, "taken"));
            return null;
        });
        CountDownLatch release = new CountDownLatch(1);
        Future<?> blocker = blockerWhileQueued(release);
        UUID ok = UUID.randomUUID();
        Future<?> duplicate = pool.submit(() -> db.inShortTransaction(tx -> {
            tx.insert("department", department(UUID.randomUUID(), "fine"));
            tx.insert("department", department(existing, "duplicate id"));
            return null;
        }));
        awaitQueued(1);
        Future<?> good = pool.submit(() -> db.inShortTransaction(tx -> {
            tx.insert("department", department(ok, "ok"));
            return null;
        }));
        awaitQueued(2);
        release.countDown();
        blocker.get(10, TimeUnit.SECONDS);
        good.get(10, TimeUnit.SECONDS);
        assertThatThrownBy(() -> duplicate.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(ZouException.class);
        assertThat(exists(ok)).isTrue();
        // the failing unit's first insert went with its savepoint
        assertThat((long) db.<Long>read(tx -> tx.count("department", List.of(Filter.eq("name", "fine"))))).isZero();
    }

    @Test
    void aRetryableFailureRunsTheUnitAgainOnItsOwn() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Future<?> blocker = blockerWhileQueued(release);
        AtomicInteger attempts = new AtomicInteger();
        UUID id = UUID.randomUUID();
        Future<Integer> retried = pool.submit(() -> db.inShortTransaction(tx -> {
            int attempt = attempts.incrementAndGet();
            tx.insert("department", department(UUID.randomUUID(), "attempt " + attempt));
            if (attempt == 1) {
                throw new SQLException("deadlock, on purpose", "40001");
            }
            tx.insert("department", department(id, "retried"));
            return attempt;
        }));
        awaitQueued(1);
        release.countDown();
        blocker.get(10, TimeUnit.SECONDS);
        assertThat(retried.get(10, TimeUnit.SECONDS)).isEqualTo(2);
        assertThat(exists(id)).isTrue();
        assertThat((long) db.<Long>read(tx -> tx.count("department", List.of(Filter.eq("name", "attempt 1"))))).isZero();
    }

    @Test
    void aShortTransactionStartedInsideAGroupRunsOnItsOwn() {
        UUID outer = UUID.randomUUID();
        UUID inner = UUID.randomUUID();
        String result = db.inShortTransaction(tx -> {
            tx.insert("department", department(outer, "outer"));
            // must neither wait for the group it is part of nor join it
            db.inShortTransaction(nested -> {
                nested.insert("department", department(inner, "inner"));
                return null;
            });
            return "done";
        });
        assertThat(result).isEqualTo("done");
        assertThat(exists(outer)).isTrue();
        assertThat(exists(inner)).isTrue();
    }

    @Test
    void writtenTablesAreReportedBeforeTheCallerReturns() throws Exception {
        List<Set<String>> reported = Collections.synchronizedList(new ArrayList<>());
        db.onCommittedWrites(reported::add);
        CountDownLatch release = new CountDownLatch(1);
        Future<?> blocker = blockerWhileQueued(release);
        List<Future<Integer>> writes = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            writes.add(pool.submit(() -> db.inShortTransaction(tx -> {
                tx.insert("department", department(UUID.randomUUID(), "w-" + UUID.randomUUID()));
                return reported.size();
            })));
            awaitQueued(i + 1);
        }
        release.countDown();
        blocker.get(10, TimeUnit.SECONDS);
        for (Future<Integer> w : writes) {
            w.get(10, TimeUnit.SECONDS);
        }
        assertThat(reported).hasSize(3).allSatisfy(tables -> assertThat(tables).contains("department"));
    }

    @Test
    void aFailedCommitFailsEveryUnitOfTheGroup() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        UUID id = UUID.randomUUID();
        // the blocker's group breaks its own connection before the commit: no unit of it may be acknowledged
        Future<?> blocker = pool.submit(() -> db.inShortTransaction(tx -> {
            started.countDown();
            await(release);
            tx.insert("department", department(id, "lost with the connection"));
            tx.query("SELECT 1", List.of(), rs -> {
                rs.getStatement().getConnection().close();
                return null;
            });
            return null;
        }));
        await(started);
        release.countDown();
        assertThatThrownBy(() -> blocker.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(RuntimeException.class);
        assertThat(exists(id)).isFalse();
        // and the next group works
        UUID next = UUID.randomUUID();
        db.inShortTransaction(tx -> {
            tx.insert("department", department(next, "next"));
            return null;
        });
        assertThat(exists(next)).isTrue();
    }
}
