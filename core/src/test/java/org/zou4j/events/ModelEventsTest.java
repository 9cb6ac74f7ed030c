package org.zou4j.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.zou4j.events.EventTesting.await;
import static org.zou4j.events.EventTesting.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.zou4j.Entry;
import org.zou4j.Query;
import org.zou4j.Session;
import org.zou4j.ZouEngine;
import org.zou4j.ZouException;
import org.zou4j.events.EventTesting.Recorder;
import org.zou4j.internal.access.Caller;
import org.zou4j.internal.events.EngineEvents;
import org.zou4j.internal.model.ModelDef;
import org.zou4j.internal.model.Models;
import org.zou4j.testing.TestStorage;

/** Every routed model emits Zou's generic events, as its declaration says, through the public data API. */
class ModelEventsTest {

    /** What one CRUD call should emit. */
    private record Expected(String route, String verb, String name, String idKey, String id, String projectId,
                            long after, long upTo) {
    }

    private static String prefix(ModelDef def) {
        // Entities are named by kind (§7.3); a fresh entity type is an asset type.
        return def.table().equals("entity") ? "asset" : def.eventPrefix();
    }

    /** Meets a model's precondition for deletion (Zou deletes only closed projects); returns the sequence after. */
    private static long prepareDelete(ZouEngine engine, Session s, ModelDef def, Entry row) {
        if (def.table().equals("project")) {
            String closed = s.data("project-status").list(Query.parse("name=Closed")).stream().findFirst()
                    .map(Entry::id).orElseGet(() -> s.data("project-status").create(Map.of("name", "Closed",
                            "color", "#000000")).id());
            s.data("projects").update(row.id(), Map.of("project_status_id", closed));
        }
        return engine.events().lastSequence();
    }

    @Test
    void everyRoutedModelEmitsNewUpdateAndDeleteWithItsIdKeyAndProject() throws Exception {
        TestStorage storage = new TestStorage();
        try (ZouEngine engine = engine(storage)) {
            Session s = engine.systemSession();
            ModelBodies bodies = new ModelBodies(s, storage);
            Recorder all = new Recorder();
            engine.events().subscribe("*", all);
            List<Expected> expected = new ArrayList<>();
            List<String> routes = new ArrayList<>();
            List<String> failures = new ArrayList<>();
            for (ModelDef def : Models.ALL) {
                if (def.route() == null) {
                    continue;
                }
                routes.add(def.route());
                assertThat(def.emitsEvents()).as("%s emits events", def.route()).isTrue();
                String prefix = prefix(def);
                String idKey = def.table().equals("entity") ? "asset_id" : def.eventIdKey();
                Map<String, Object> body = null;
                try {
                    Entry row;
                    long before = engine.events().lastSequence();
                    long created;
                    if (def.table().equals("salary_scale")) {
                        // never created by POST: the list creates them (department x position x seniority)
                        bodies.create(Models.byTable().get("department"));
                        row = s.data(def.route()).list(Query.all()).get(0);
                        created = engine.events().lastSequence();
                    } else {
                        ModelBodies.Created c = bodies.create(def);
                        row = c.row();
                        body = c.body();
                        created = engine.events().lastSequence();
                    }
                    Object project = row.asMap().get("project_id");
                    String projectId = project == null ? null : project.toString();
                    if (!def.table().equals("salary_scale")) {
                        expected.add(new Expected(def.route(), "new", prefix + ":new", idKey, row.id(), projectId,
                                before, created));
                    }

                    s.data(def.route()).update(row.id(), bodies.updateBody(def));
                    long updated = engine.events().lastSequence();
                    expected.add(new Expected(def.route(), "update", prefix + ":update", idKey, row.id(), projectId,
                            created, updated));

                    long beforeDelete = prepareDelete(engine, s, def, row);
                    s.data(def.route()).delete(row.id());
                    long deleted = engine.events().lastSequence();
                    expected.add(new Expected(def.route(), "delete", prefix + ":delete", idKey, row.id(), projectId,
                            beforeDelete, deleted));
                } catch (ZouException e) {
                    failures.add(def.route() + ": " + e.getMessage() + " " + e.body() + " body " + body);
                }
            }
            assertThat(failures).as("CRUD calls that failed").isEmpty();
            assertThat(routes).hasSize(46);

            long last = engine.events().lastSequence();
            await("delivery of every event", () -> all.size() >= last);
            List<Event> events = all.events();
            assertThat(events).extracting(Event::sequence).isSorted().doesNotHaveDuplicates();
            List<Map<String, Object>> persisted = ((EngineEvents) engine.events()).last(Caller.system(),
                    Query.parse("limit=1000"));
            for (Expected x : expected) {
                List<Event> ofCall = events.stream().filter(e -> e.sequence() > x.after() && e.sequence() <= x.upTo())
                        .toList();
                assertThat(ofCall).as("%s %s emitted", x.route(), x.verb())
                        .filteredOn(e -> e.name().equals(x.name()))
                        .singleElement()
                        .satisfies(e -> {
                            assertThat(e.data()).as("%s payload", x.name()).containsEntry(x.idKey(), x.id());
                            if (x.projectId() != null) {
                                assertThat(e.data()).as("%s payload", x.name()).containsEntry("project_id",
                                        x.projectId());
                                assertThat(e.projectId()).isEqualTo(x.projectId());
                            } else if (!x.idKey().equals("project_id")) {
                                assertThat(e.data()).doesNotContainKey("project_id");
                            }
                            assertThat(persisted).as("%s persisted", x.name()).contains(e.toJson());
                        });
            }
        }
    }
}
