package org.zou4j.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.zou4j.events.EventTesting.await;
import static org.zou4j.events.EventTesting.engine;
import static org.zou4j.events.EventTesting.settle;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
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
import org.zou4j.testing.PgTestStorage;

/** Events over PostgreSQL, with several engine instances sharing one database ({@code ZOU_TEST_PG_URL}). */
class PostgresEventsTest {
    private String serverUrl;
    private String databaseUrl;

    @BeforeEach
    void createDatabase() throws Exception {
        serverUrl = PgTestStorage.serverUrlOrSkip("PostgresEventsTest");
        databaseUrl = PgTestStorage.createDatabase(serverUrl);
    }

    @AfterEach
    void dropDatabase() throws Exception {
        if (databaseUrl != null) {
            PgTestStorage.dropDatabase(serverUrl, databaseUrl);
        }
    }

    @Test
    void twoEnginesOverOneDatabaseDeliverEachOthersEventsInOneCommitOrder() throws Exception {
        try (ZouEngine a = engine(PgTestStorage.open(databaseUrl));
             ZouEngine b = engine(PgTestStorage.open(databaseUrl))) {
            Recorder onA = new Recorder();
            Recorder onB = new Recorder();
            Recorder fromAOnB = new Recorder();
            a.events().subscribe("*", onA);
            b.events().subscribe("*", onB);
            b.events().subscribe("department:*", fromAOnB);
            int perThread = 60;
            ExecutorService pool = Executors.newFixedThreadPool(6);
            List<Future<List<String>>> futures = new ArrayList<>();
            for (int t = 0; t < 6; t++) {
                ZouEngine engine = t % 2 == 0 ? a : b;
                String model = t % 2 == 0 ? "departments" : "studios"; // A writes departments, B studios
                int thread = t;
                futures.add(pool.submit(() -> {
                    Session s = engine.systemSession();
                    List<String> ids = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                        ids.add(s.data(model).create(Map.of("name", "n-" + thread + "-" + i, "color", "#000000"))
                                .id());
                    }
                    return ids;
                }));
            }
            Set<String> written = new HashSet<>();
            for (Future<List<String>> f : futures) {
                written.addAll(f.get(2, TimeUnit.MINUTES));
            }
            pool.shutdown();
            int total = 6 * perThread;

            onA.awaitSize(total);
            onB.awaitSize(total);
            fromAOnB.awaitSize(total / 2);
            settle();
            assertThat(onB.sequences()).hasSize(total).isSorted().doesNotHaveDuplicates();
            assertThat(onB.sequences().get(total - 1)).isEqualTo(total);
            assertThat(onA.events()).isEqualTo(onB.events()); // the same events in the same order on both
            assertThat(onB.events()).extracting(e -> e.data().values().iterator().next())
                    .containsExactlyInAnyOrderElementsOf(written);
            assertThat(fromAOnB.events()).extracting(Event::name).containsOnly("department:new");
            assertThat(fromAOnB.sequences()).isSorted().hasSize(total / 2);
            assertThat(a.events().lastSequence()).isEqualTo(b.events().lastSequence()).isEqualTo(total);
        }
    }

    @Test
    void aDurableListenerMovesToAnotherInstanceWithoutGapOrDuplicate() throws Exception {
        List<Long> received = new ArrayList<>();
        EventListener audit = e -> {
            synchronized (received) {
                received.add(e.sequence());
            }
        };
        try (ZouEngine writer = engine(PgTestStorage.open(databaseUrl))) {
            Session s = writer.systemSession();
            ZouEngine first = engine(PgTestStorage.open(databaseUrl));
            first.events().subscribeDurable("audit", "*", audit);
            for (int i = 0; i < 30; i++) {
                s.data("departments").create(Map.of("name", "a" + i, "color", "#000000"));
            }
            await("the first instance's deliveries", () -> {
                synchronized (received) {
                    return received.size() >= 30;
                }
            });
            first.close();
            for (int i = 0; i < 30; i++) { // while no instance listens
                s.data("departments").create(Map.of("name", "b" + i, "color", "#000000"));
            }
            try (ZouEngine second = engine(PgTestStorage.open(databaseUrl))) {
                second.events().subscribeDurable("audit", "*", audit);
                for (int i = 0; i < 30; i++) {
                    s.data("departments").create(Map.of("name", "c" + i, "color", "#000000"));
                }
                await("every delivery", () -> {
                    synchronized (received) {
                        return received.size() >= 90;
                    }
                });
                settle();
            }
            synchronized (received) {
                assertThat(received).isEqualTo(java.util.stream.LongStream.rangeClosed(1, 90).boxed().toList());
            }
        }
    }

    @Test
    void rollbacksAndQueriesBehaveAsOnH2() {
        try (ZouEngine engine = engine(PgTestStorage.open(databaseUrl))) {
            Session s = engine.systemSession();
            Recorder all = new Recorder();
            engine.events().subscribe("*", all);
            Entry status = s.data("project-status").create(Map.of("name", "Open", "color", "#000000"));
            Entry p = s.data("projects").create(Map.of("name", "P", "project_status_id", status.id()));
            Entry d = s.data("departments").create(Map.of("name", "D", "color", "#000000"));
            try {
                s.data("departments").create(Map.of("name", "D", "color", "#000000"));
            } catch (ZouException e) {
                assertThat(e.code()).isEqualTo(ErrorCode.DUPLICATE);
            }
            s.data("departments").update(d.id(), Map.of("color", "#ffffff"));
            s.data("milestones").create(Map.of("name", "M", "project_id", p.id(), "date", "2024-01-01"));
            all.awaitSize(5);
            settle();
            assertThat(all.sequences()).containsExactly(1L, 2L, 3L, 4L, 5L);

            EngineEvents events = (EngineEvents) engine.events();
            assertThat(events.last(Caller.system(), Query.all())).extracting(m -> m.get("name"))
                    .containsExactly("milestone:new", "department:update", "department:new", "project:new",
                            "project-status:new");
            assertThat(events.last(Caller.system(), Query.parse("name_prefixes=department&name_suffixes=update"
                    + "&after=2000-01-01&before=2999-01-01&limit=10"))).extracting(m -> m.get("name"))
                    .containsExactly("department:update");
            assertThat(events.last(Caller.system(), Query.parse("project_id=" + p.id()))).extracting(m -> m.get("name"))
                    .containsExactly("milestone:new");
            assertThat(events.last(Caller.system(), Query.parse("only_files=true"))).isEmpty();
            assertThat(events.names(Caller.system())).containsExactly("department:new", "department:update",
                    "milestone:new", "project-status:new", "project:new");
            assertThat(events.lastLoginLogs(Caller.system(), Query.parse("limit=5"))).isEmpty();
        }
    }
}
