package org.zou4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.zou4j.events.Event;
import org.zou4j.events.EventSettings;
import org.zou4j.internal.access.Caller;
import org.zou4j.internal.crud.BoundModel;
import org.zou4j.internal.crud.CrudService;
import org.zou4j.internal.crud.HookContext;
import org.zou4j.internal.events.EngineEvents;
import org.zou4j.internal.events.EventLog;
import org.zou4j.testing.TestStorage;

/** Events and transactions: an event exists exactly when the change that emitted it committed. */
class EventTransactionTest {

    private static ZouEngine engine() {
        return ZouEngine.builder().storage(new TestStorage()).secretKey("0123456789abcdef0123456789abcdef")
                .events(EventSettings.defaults().withPollInterval(Duration.ofMillis(20))).build();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aTransactionThatFailsAfterEmittingLeavesNoEventAndNoRowAndListenersSeeNothing() {
        try (ZouEngine engine = engine()) {
            List<Event> seen = new ArrayList<>();
            engine.events().subscribe("*", e -> {
                synchronized (seen) {
                    seen.add(e);
                }
            });
            CrudService crud = engine.crud();
            BoundModel departments = crud.models().route("departments");
            // One transaction: a create that emits department:new, then a create that breaks the unique name.
            assertThatThrownBy(() -> crud.database().inTransaction(tx -> {
                EventLog.Batch batch = new EventLog(crud.jsonForm().mapper(), java.time.Clock.systemUTC(),
                        (EngineEvents) engine.events()).begin(tx, null);
                HookContext ctx = crud.context(Caller.system(), tx, batch);
                crud.insert(ctx, departments, Map.of("name", "Same", "color", "#000000"));
                crud.insert(ctx, departments, Map.of("name", "Same", "color", "#000000"));
                return null;
            })).isInstanceOfSatisfying(ZouException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.DUPLICATE));

            sleep(300);
            synchronized (seen) {
                assertThat(seen).isEmpty();
            }
            assertThat(engine.events().lastSequence()).isZero();
            assertThat(((EngineEvents) engine.events()).last(Caller.system(), Query.all())).isEmpty();
            assertThat(engine.systemSession().data("departments").list(Query.all())).isEmpty();

            // the next committed change is number 1: the rolled-back one reserved nothing
            engine.systemSession().data("departments").create(Map.of("name", "Same", "color", "#000000"));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (seen.isEmpty() && System.nanoTime() < deadline) {
                sleep(5);
            }
            synchronized (seen) {
                assertThat(seen).extracting(Event::sequence).containsExactly(1L);
            }
        }
    }

    @Test
    void anEventThatCannotBeWrittenRollsTheChangeBack() {
        try (ZouEngine engine = engine()) {
            // A caller whose person does not exist: the event's user_id breaks its foreign key at commit time.
            Caller ghost = new Caller(UUID.randomUUID(), "admin", Set.of(), false);
            Session s = new EngineSession(engine, ghost);
            assertThatThrownBy(() -> s.data("departments").create(Map.of("name", "Ghost", "color", "#000000")))
                    .isInstanceOf(ZouException.class);
            assertThat(engine.systemSession().data("departments").list(Query.all())).isEmpty();
            assertThat(engine.events().lastSequence()).isZero();
        }
    }

    @Test
    void theSequenceColumnIsNeverShownAndCannotBeSetThroughTheGenericRoute() {
        try (ZouEngine engine = engine()) {
            Session s = engine.systemSession();
            s.data("departments").create(Map.of("name", "D", "color", "#000000"));
            // Zou has no seq column: naming it is Zou's 400 for an unknown keyword (not silently dropped, so a
            // client learns its body is wrong), and nothing is written
            assertThatThrownBy(() -> s.data("events").create(Map.of("name", "custom:refused", "seq", 2)))
                    .isInstanceOfSatisfying(ZouException.class, e -> {
                        assertThat(e.httpStatus()).isEqualTo(400);
                        assertThat(e.getMessage()).contains("'seq' is an invalid keyword argument for ApiEvent");
                    });
            Entry posted = s.data("events").create(Map.of("name", "custom:thing", "data", Map.of("k", 1)));
            assertThat(posted.asMap()).doesNotContainKey("seq");
            assertThat(s.data("events").list(Query.all()))
                    .allSatisfy(e -> assertThat(e.asMap()).doesNotContainKey("seq"))
                    .noneSatisfy(e -> assertThat(e.asMap()).containsEntry("name", "custom:refused"));
            // the posted row took no number: the next change gets 3 (department:new 1, api-event:new 2)
            s.data("departments").create(Map.of("name", "E", "color", "#000000"));
            assertThat(engine.events().lastSequence()).isEqualTo(3);
            List<String> names = ((EngineEvents) engine.events()).last(Caller.system(), Query.all()).stream()
                    .map(m -> (String) m.get("name")).toList();
            assertThat(names).contains("custom:thing", "api-event:new", "department:new");
        }
    }
}
