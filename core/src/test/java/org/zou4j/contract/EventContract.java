package org.zou4j.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.zou4j.EngineInternals;
import org.zou4j.Entry;
import org.zou4j.Query;
import org.zou4j.internal.access.Caller;
import org.zou4j.internal.crud.BoundModel;
import org.zou4j.internal.crud.CrudService;
import org.zou4j.internal.crud.HookContext;
import org.zou4j.internal.events.EventLog;
import org.zou4j.internal.events.EventRecord;

/**
 * Every change writes its event in the same transaction as the change (reference §7): a committed change has its
 * event, a rolled-back one has none, and listeners hear only of committed changes.
 */
public abstract class EventContract extends ContractBase {

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> eventsNamed(String name) {
        return admin.data("events").list(Query.where(Map.of("name", name))).stream()
                .map(e -> (Map<String, Object>) e.get("data")).toList();
    }

    private long eventsFor(String name, String idKey, String id) {
        return eventsNamed(name).stream().filter(d -> id.equals(d.get(idKey))).count();
    }

    @Test
    void createUpdateAndDeleteEachWriteOneEvent() {
        Entry action = fx.customAction(fx.name("Ev"), "u", false);
        admin.data("custom-actions").update(action.id(), Map.of("is_ajax", true));
        admin.data("custom-actions").delete(action.id());

        assertThat(eventsFor("custom-action:new", "custom_action_id", action.id())).isEqualTo(1);
        assertThat(eventsFor("custom-action:update", "custom_action_id", action.id())).isEqualTo(1);
        assertThat(eventsFor("custom-action:delete", "custom_action_id", action.id())).isEqualTo(1);
    }

    @Test
    void eventsOfProjectRowsCarryTheProjectAndAreListedNewestFirst() throws InterruptedException {
        Entry project = fx.project();
        Entry type = fx.assetType();
        Entry first = fx.asset(project, type);
        Thread.sleep(3);
        Entry second = fx.asset(project, type);

        List<Entry> events = admin.data("events").list(Query.where(Map.of("project_id", project.id())));
        assertThat(events).isNotEmpty();
        assertThat(events).allSatisfy(e -> {
            assertThat(e.get("project_id")).isEqualTo(project.id());
            assertThat(e.getString("created_at")).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}");
        });
        List<String> order = events.stream().map(e -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> data = (Map<String, Object>) e.get("data");
            return data.containsValue(first.id()) ? first.id() : data.containsValue(second.id()) ? second.id() : "";
        }).filter(id -> !id.isEmpty()).toList();
        assertThat(order).containsExactly(second.id(), first.id());
    }

    @Test
    void aRolledBackChangeLeavesNeitherRowNorEventAndIsNeverHeard() {
        CrudService crud = EngineInternals.crud(engine);
        BoundModel model = crud.models().route("custom-actions");
        List<EventRecord> heard = new CopyOnWriteArrayList<>();
        EventLog log = new EventLog(EngineInternals.mapper(engine), Clock.systemUTC(), heard::addAll);
        String name = fx.name("Rollback");

        assertThatThrownBy(() -> crud.database().inTransaction(tx -> {
            HookContext ctx = crud.context(Caller.system(), tx, log.begin(tx, null));
            crud.insert(ctx, model, Map.of("name", name, "url", "u"));
            throw new IllegalStateException("fail after the event was written");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(admin.data("custom-actions").list(Query.where(Map.of("name", name)))).isEmpty();
        assertThat(heard).isEmpty();

        UUID id = crud.database().inTransaction(tx -> {
            HookContext ctx = crud.context(Caller.system(), tx, log.begin(tx, null));
            return crud.insert(ctx, model, Map.of("name", name, "url", "u")).id();
        });
        assertThat(heard).hasSize(1);
        assertThat(heard.get(0).name()).isEqualTo("custom-action:new");
        assertThat(heard.get(0).data()).containsEntry("custom_action_id", id.toString());
        assertThat(eventsFor("custom-action:new", "custom_action_id", id.toString())).isEqualTo(1);
    }

    @Test
    void aRefusedWriteWritesNoEvent() {
        Entry department = fx.department();
        long before = eventsNamed("department:new").size();

        assertThat(failure(() -> admin.data("departments").create(Map.of("name", department.get("name"),
                "color", "#000000"))).httpStatus()).isEqualTo(400);

        assertThat(eventsNamed("department:new")).hasSize((int) before);
    }

    @Test
    void listenersHearCommittedChangesOnlyInCommitOrder() throws Exception {
        java.util.concurrent.BlockingQueue<org.zou4j.events.Event> heard =
                new java.util.concurrent.LinkedBlockingQueue<>();
        String url = "https://example.com/" + fx.name("listen");
        try (org.zou4j.events.Subscription ignored = engine.events().subscribe("custom-action:*", heard::add)) {
            List<String> ids = new java.util.ArrayList<>();
            for (int i = 0; i < 5; i++) {
                ids.add(fx.customAction(fx.name("L" + i), url, false).id());
            }
            assertThat(failure(() -> admin.data("custom-actions").create(Map.of("url", url))).httpStatus())
                    .isEqualTo(400);
            admin.data("custom-actions").delete(ids.get(0));

            List<org.zou4j.events.Event> got = new java.util.ArrayList<>();
            long end = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
            while (got.size() < 6 && System.nanoTime() < end) {
                org.zou4j.events.Event e = heard.poll(200, java.util.concurrent.TimeUnit.MILLISECONDS);
                if (e != null && (ids.contains(String.valueOf(e.data().get("custom_action_id"))))) {
                    got.add(e);
                }
            }
            assertThat(got).extracting(org.zou4j.events.Event::name).containsExactly("custom-action:new",
                    "custom-action:new", "custom-action:new", "custom-action:new", "custom-action:new",
                    "custom-action:delete");
            assertThat(got).extracting(e -> e.data().get("custom_action_id")).containsExactly(ids.get(0),
                    ids.get(1), ids.get(2), ids.get(3), ids.get(4), ids.get(0));
            assertThat(got).extracting(org.zou4j.events.Event::sequence).isSorted().doesNotHaveDuplicates();
            assertThat(heard.poll(300, java.util.concurrent.TimeUnit.MILLISECONDS)).as("nothing more").isNull();
        }
    }

    @Test
    void theEventListIsCappedAtAThousandNewestFirst() {
        String url = "https://example.com/" + fx.name("cap");
        for (int i = 0; i < 1005; i++) {
            fx.customAction(fx.name("Cap" + i), url, false);
        }
        List<Entry> events = admin.data("events").list(Query.where(Map.of("name", "custom-action:new")));
        assertThat(events).hasSize(1000);
    }
}
