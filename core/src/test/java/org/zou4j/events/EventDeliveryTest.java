package org.zou4j.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.zou4j.events.EventTesting.await;
import static org.zou4j.events.EventTesting.engine;
import static org.zou4j.events.EventTesting.fast;
import static org.zou4j.events.EventTesting.settle;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.zou4j.Entry;
import org.zou4j.ErrorCode;
import org.zou4j.Query;
import org.zou4j.Session;
import org.zou4j.ZouEngine;
import org.zou4j.ZouException;
import org.zou4j.events.EventTesting.Recorder;
import org.zou4j.internal.access.Caller;
import org.zou4j.internal.events.EngineEvents;
import org.zou4j.testing.TestStorage;

class EventDeliveryTest {

    private static Entry department(Session s, String name) {
        return s.data("departments").create(Map.of("name", name, "color", "#112233"));
    }

    @Test
    void aListenerReceivesEachCommittedChangeAfterCommitInCommitOrder() {
        try (ZouEngine engine = engine(new TestStorage())) {
            Session s = engine.systemSession();
            department(s, "Before");
            Recorder all = new Recorder();
            Subscription sub = engine.events().subscribe("*", all);
            Entry d = department(s, "Modeling");
            s.data("departments").update(d.id(), Map.of("color", "#445566"));
            s.data("departments").delete(d.id());

            List<Event> events = all.awaitSize(3);
            assertThat(events).extracting(Event::name)
                    .containsExactly("department:new", "department:update", "department:delete");
            assertThat(events).allSatisfy(e -> {
                assertThat(e.data()).isEqualTo(Map.of("department_id", d.id()));
                assertThat(e.projectId()).isNull();
                assertThat(e.userId()).isNull();
                assertThat(e.createdAt()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d");
            });
            assertThat(all.sequences()).isSorted().doesNotHaveDuplicates();
            assertThat(events.get(2).sequence()).isEqualTo(engine.events().lastSequence());
            assertThat(events.get(0).sequence()).isEqualTo(2); // the event before subscribing was number 1
            assertThat(sub.deliveredCount()).isEqualTo(3);
            assertThat(sub.position()).isEqualTo(4);
            // the persisted log holds the same events, newest first
            List<Map<String, Object>> last = ((EngineEvents) engine.events()).last(Caller.system(), Query.all());
            assertThat(last).extracting(m -> m.get("id")).startsWith(events.get(2).id(), events.get(1).id(),
                    events.get(0).id());
            assertThat(last.get(0)).isEqualTo(events.get(2).toJson());
            sub.close();
            assertThat(sub.isOpen()).isFalse();
        }
    }

    @Test
    void patternsSelectEventsByNameWithWildcards() {
        try (ZouEngine engine = engine(new TestStorage())) {
            Session s = engine.systemSession();
            Recorder exact = new Recorder();
            Recorder prefix = new Recorder();
            Recorder suffix = new Recorder();
            Recorder everything = new Recorder();
            engine.events().subscribe("department:update", exact);
            engine.events().subscribe("department:*", prefix);
            engine.events().subscribe("*:NEW", suffix); // names are lower case; patterns too
            engine.events().subscribe("*", everything);
            Entry d = department(s, "Layout");
            s.data("departments").update(d.id(), Map.of("color", "#000000"));
            s.data("project-status").create(Map.of("name", "Open", "color", "#000000"));

            everything.awaitSize(3);
            prefix.awaitSize(2);
            suffix.awaitSize(2);
            exact.awaitSize(1);
            settle();
            assertThat(everything.events()).extracting(Event::name)
                    .containsExactly("department:new", "department:update", "project-status:new");
            assertThat(prefix.events()).extracting(Event::name).containsExactly("department:new", "department:update");
            assertThat(suffix.events()).extracting(Event::name).containsExactly("department:new",
                    "project-status:new");
            assertThat(exact.events()).extracting(Event::name).containsExactly("department:update");
            assertThatThrownBy(() -> engine.events().subscribe(" ", new Recorder()))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void aRolledBackChangeHasNoEventAndTakesNoSequenceNumber() {
        try (ZouEngine engine = engine(new TestStorage())) {
            Session s = engine.systemSession();
            Recorder all = new Recorder();
            engine.events().subscribe("*", all);
            department(s, "Animation");
            assertThatThrownBy(() -> department(s, "Animation")) // unique name: the create's transaction rolls back
                    .isInstanceOfSatisfying(ZouException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.DUPLICATE));
            department(s, "Lighting");

            all.awaitSize(2);
            settle();
            assertThat(all.events()).extracting(Event::name).containsExactly("department:new", "department:new");
            assertThat(all.sequences()).containsExactly(1L, 2L); // no gap: the failed create reserved nothing
            List<Map<String, Object>> log = ((EngineEvents) engine.events()).last(Caller.system(), Query.all());
            assertThat(log).hasSize(2);
        }
    }

    @Test
    void concurrentWritersAreDeliveredInStrictlyIncreasingSequenceEachExactlyOnce() throws Exception {
        int threads = 8;
        int writesPerThread = 200;
        try (ZouEngine engine = engine(new TestStorage())) {
            Recorder all = new Recorder();
            Recorder departments = new Recorder();
            engine.events().subscribe("*", all);
            engine.events().subscribe("department:*", departments);
            Session s = engine.systemSession();
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<String>>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    start.await();
                    List<String> ids = new ArrayList<>();
                    for (int i = 0; i < writesPerThread; i++) {
                        ids.add(department(s, "d-" + thread + "-" + i).id());
                    }
                    return ids;
                }));
            }
            start.countDown();
            Set<String> written = new HashSet<>();
            for (Future<List<String>> f : futures) {
                written.addAll(f.get(2, TimeUnit.MINUTES));
            }
            pool.shutdown();
            int total = threads * writesPerThread;

            List<Event> events = all.awaitSize(total);
            departments.awaitSize(total);
            settle();
            assertThat(all.size()).isEqualTo(total);
            assertThat(all.sequences()).isSorted().doesNotHaveDuplicates();
            assertThat(all.sequences().get(total - 1)).isEqualTo(total); // dense: 1..total
            assertThat(events).extracting(e -> (String) e.data().get("department_id"))
                    .doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(written);
            assertThat(departments.sequences()).isEqualTo(all.sequences());
            // each writer's own events appear in the order it wrote them
            Map<String, Long> seqById = new ConcurrentHashMap<>();
            events.forEach(e -> seqById.put((String) e.data().get("department_id"), e.sequence()));
            for (Future<List<String>> f : futures) {
                assertThat(f.get().stream().map(seqById::get).toList()).isSorted();
            }
        }
    }

    @Test
    void aThrowingListenerIsRetriedThenReportedAndSkippedWithoutAffectingOthersOrWrites() {
        try (ZouEngine engine = engine(new TestStorage(), fast().withMaxAttempts(3))) {
            Session s = engine.systemSession();
            AtomicInteger calls = new AtomicInteger();
            Subscription failing = engine.events().subscribe("*", e -> {
                calls.incrementAndGet();
                throw new IllegalStateException("listener bug on " + e.name());
            });
            Map<Long, AtomicInteger> flakyCalls = new ConcurrentHashMap<>();
            Recorder flakyDone = new Recorder();
            Subscription flaky = engine.events().subscribe("*", e -> { // fails twice per event, then succeeds
                if (flakyCalls.computeIfAbsent(e.sequence(), k -> new AtomicInteger()).incrementAndGet() < 3) {
                    throw new Exception("not yet");
                }
                flakyDone.onEvent(e);
            });
            Recorder healthy = new Recorder();
            engine.events().subscribe("*", healthy);

            Entry a = department(s, "A");
            department(s, "B");
            s.data("departments").update(a.id(), Map.of("color", "#ffffff"));

            healthy.awaitSize(3);
            flakyDone.awaitSize(3);
            await("the failing listener to give up on all three events", () -> failing.failureCount() == 3);
            assertThat(calls.get()).isEqualTo(9); // 3 attempts × 3 events
            assertThat(failing.deliveredCount()).isZero();
            assertThat(failing.lastError().orElseThrow()).isInstanceOf(IllegalStateException.class)
                    .hasMessage("listener bug on department:update");
            assertThat(failing.lastFailedEvent()).get().extracting(Event::name).isEqualTo("department:update");
            assertThat(failing.position()).isEqualTo(3); // skipped, not stuck
            assertThat(flaky.failureCount()).isZero();
            assertThat(flakyDone.events()).extracting(Event::sequence).containsExactly(1L, 2L, 3L);
            assertThat(healthy.events()).extracting(Event::sequence).containsExactly(1L, 2L, 3L);
            assertThat(s.data("departments").list(Query.all())).hasSize(2);
        }
    }

    @Test
    void aSlowListenerWithAFullQueueReadsTheLogInsteadAndMissesNothing() throws Exception {
        EventSettings tinyQueue = fast().withQueueCapacity(4);
        try (ZouEngine engine = engine(new TestStorage(), tinyQueue)) {
            Session s = engine.systemSession();
            List<Long> slowSeen = new ArrayList<>();
            CountDownLatch release = new CountDownLatch(1);
            Subscription slow = engine.events().subscribe("*", e -> {
                if (e.sequence() > 1) {
                    release.await(); // blocked until every write is done: writers must not wait for it
                }
                synchronized (slowSeen) {
                    slowSeen.add(e.sequence());
                }
            });
            Recorder fastOne = new Recorder();
            engine.events().subscribe("*", fastOne);
            department(s, "slow-first");
            await("the first event", () -> {
                synchronized (slowSeen) {
                    return slowSeen.size() == 1;
                }
            });
            settle(); // the subscription is live now: the next events go to its queue, which overflows
            int n = 300;
            for (int i = 1; i < n; i++) {
                department(s, "slow-" + i);
            }
            fastOne.awaitSize(n);
            release.countDown();
            await("the slow listener to catch up", () -> {
                synchronized (slowSeen) {
                    return slowSeen.size() >= n;
                }
            });
            settle();
            List<Long> expected = java.util.stream.LongStream.rangeClosed(1, n).boxed().toList();
            synchronized (slowSeen) {
                assertThat(slowSeen).isEqualTo(expected);
            }
            assertThat(fastOne.sequences()).isEqualTo(expected);
            assertThat(slow.failureCount()).isZero();
        }
    }

    @Test
    void closingStopsDeliveryAndTheEngineRefusesNewSubscriptionsOnceClosed() {
        ZouEngine engine = engine(new TestStorage());
        Session s = engine.systemSession();
        Recorder r = new Recorder();
        Subscription sub = engine.events().subscribe("*", r);
        department(s, "One");
        r.awaitSize(1);
        sub.close();
        sub.close(); // idempotent
        department(s, "Two");
        settle();
        assertThat(r.size()).isEqualTo(1);
        Events events = engine.events();
        Subscription other = events.subscribe("*", new Recorder());
        List<Thread> deliveryThreads = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("zou4j-events-")).toList();
        assertThat(deliveryThreads).extracting(Thread::getName).contains("zou4j-events-poller", "zou4j-events-*");
        engine.close();
        assertThat(other.isOpen()).isFalse();
        assertThat(deliveryThreads).noneMatch(Thread::isAlive); // close() joined them
        assertThatThrownBy(() -> events.subscribe("*", new Recorder())).isInstanceOfSatisfying(ZouException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE));
    }

    @Test
    void aListenerMayCloseItsOwnSubscription() {
        try (ZouEngine engine = engine(new TestStorage())) {
            Session s = engine.systemSession();
            List<String> seen = new ArrayList<>();
            Subscription[] self = new Subscription[1];
            self[0] = engine.events().subscribe("*", e -> {
                synchronized (seen) {
                    seen.add(e.name());
                }
                self[0].close();
            });
            department(s, "X");
            department(s, "Y");
            await("the subscription to close itself", () -> !self[0].isOpen());
            settle();
            synchronized (seen) {
                assertThat(seen).hasSize(1);
            }
        }
    }

    @Test
    void settingsAreValidated() {
        assertThatThrownBy(() -> EventSettings.defaults().withQueueCapacity(0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EventSettings.defaults().withMaxAttempts(0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EventSettings.defaults().withPollInterval(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EventSettings.defaults()
                .withRetryBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(EventSettings.defaults().maxAttempts()).isEqualTo(5);
    }
}
