package org.zou4j.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.zou4j.events.EventTesting.await;
import static org.zou4j.events.EventTesting.engine;
import static org.zou4j.events.EventTesting.settle;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zou4j.Session;
import org.zou4j.ZouEngine;
import org.zou4j.events.EventTesting.Recorder;
import org.zou4j.storage.StorageBackend;
import org.zou4j.testing.FileTestStorage;
import org.zou4j.testing.TestStorage;

class DurableSubscriptionTest {

    /** Sequences of the events named like {@code pattern} (SQL LIKE), as stored. */
    private static List<Long> storedSequences(StorageBackend storage, String like) throws SQLException {
        try (Connection c = storage.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT seq FROM api_event WHERE name LIKE ? AND seq IS NOT NULL ORDER BY seq")) {
            ps.setString(1, like);
            List<Long> seqs = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    seqs.add(rs.getLong(1));
                }
            }
            return seqs;
        }
    }

    /** Writes departments (and a project status every tenth write) until stopped or the engine closes. */
    private static Thread writer(ZouEngine engine, String prefix, AtomicBoolean stop, AtomicInteger written) {
        Thread t = new Thread(() -> {
            Session s = engine.systemSession();
            for (int i = 0; !stop.get(); i++) {
                try {
                    s.data("departments").create(Map.of("name", prefix + i, "color", "#000000"));
                    if (i % 10 == 0) {
                        s.data("project-status").create(Map.of("name", prefix + "s" + i, "color", "#000000"));
                    }
                    written.incrementAndGet();
                } catch (RuntimeException e) {
                    return; // the engine closed under us
                }
            }
        }, "writer-" + prefix);
        t.start();
        return t;
    }

    @Test
    void aDurableListenerResumesAfterARestartWithNoGapAndNoDuplicate(@TempDir Path dir) throws Exception {
        List<Long> received = new ArrayList<>();
        EventListener audit = e -> {
            synchronized (received) {
                received.add(e.sequence());
            }
            Thread.sleep(5); // slower than the writer: there is a backlog when the engine stops
        };

        // First run: the listener is registered, events flow, and the engine is closed in the middle of the stream.
        ZouEngine first = engine(new FileTestStorage(dir));
        Subscription sub = first.events().subscribeDurable("audit", "department:*", audit);
        assertThat(sub.durableName()).contains("audit");
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger written = new AtomicInteger();
        Thread w = writer(first, "a", stop, written);
        await("some deliveries", () -> {
            synchronized (received) {
                return received.size() >= 40;
            }
        });
        first.close(); // mid-stream: writes still running, deliveries behind
        stop.set(true);
        w.join();
        int deliveredInFirstRun;
        synchronized (received) {
            deliveredInFirstRun = received.size();
        }

        // Second run: same database, same listener name.
        FileTestStorage storage = new FileTestStorage(dir);
        try (ZouEngine second = engine(storage)) {
            List<Long> departments = storedSequences(storage, "department:%");
            assertThat(deliveredInFirstRun).as("the restart has a backlog to resume")
                    .isLessThan(departments.size());
            second.events().subscribeDurable("audit", "department:*", audit);
            AtomicBoolean stop2 = new AtomicBoolean();
            Thread w2 = writer(second, "b", stop2, new AtomicInteger());
            Thread.sleep(200);
            stop2.set(true);
            w2.join();
            List<Long> expected = storedSequences(storage, "department:%");
            await("the backlog and the new events", () -> {
                synchronized (received) {
                    return received.size() >= expected.size();
                }
            });
            settle();
            synchronized (received) {
                assertThat(received).doesNotHaveDuplicates().isSorted().isEqualTo(expected);
            }
        }
    }

    @Test
    void aNewDurableListenerStartsWithTheEventsCommittedAfterItAndNamesAreExclusive() {
        try (ZouEngine engine = engine(new TestStorage())) {
            Session s = engine.systemSession();
            s.data("departments").create(Map.of("name", "Old", "color", "#000000"));
            Recorder r = new Recorder();
            Subscription sub = engine.events().subscribeDurable("fresh", "*", r);
            assertThatThrownBy(() -> engine.events().subscribeDurable("fresh", "*", new Recorder()))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("fresh");
            s.data("departments").create(Map.of("name", "New", "color", "#000000"));
            r.awaitSize(1);
            settle();
            assertThat(r.events()).extracting(Event::sequence).containsExactly(2L);
            sub.close();
            // closed: the name is free again, and the subscription resumes after what it handled
            s.data("departments").create(Map.of("name", "While away", "color", "#000000"));
            Recorder again = new Recorder();
            engine.events().subscribeDurable("fresh", "*", again);
            again.awaitSize(1);
            settle();
            assertThat(again.events()).extracting(Event::sequence).containsExactly(3L);
        }
    }

    @Test
    void aDurableListenerThatSkipsNonMatchingEventsKeepsItsPlace(@TempDir Path dir) {
        Recorder r = new Recorder();
        try (ZouEngine engine = engine(new FileTestStorage(dir))) {
            engine.events().subscribeDurable("statuses", "project-status:*", r);
            Session s = engine.systemSession();
            for (int i = 0; i < 20; i++) {
                s.data("departments").create(Map.of("name", "d" + i, "color", "#000000"));
            }
            s.data("project-status").create(Map.of("name", "Open", "color", "#000000"));
            r.awaitSize(1);
        }
        try (ZouEngine engine = engine(new FileTestStorage(dir))) {
            Session s = engine.systemSession();
            s.data("project-status").create(Map.of("name", "Closed", "color", "#000000"));
            Subscription sub = engine.events().subscribeDurable("statuses", "project-status:*", r);
            r.awaitSize(2);
            settle();
            assertThat(r.events()).extracting(Event::sequence).containsExactly(21L, 22L);
            assertThat(sub.position()).isEqualTo(22L);
        }
    }
}
