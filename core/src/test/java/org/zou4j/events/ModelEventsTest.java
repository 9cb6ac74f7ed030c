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
            for (ModelDef def : Models.ALL) {
                if (def.route() == null) {
                    continue;
                }
                routes.add(def.route());
                assertThat(def.emitsEvents()).as("%s emits events", def.route()).isTrue();
                String prefix = prefix(def);
                String idKey = def.table().equals("entity") ? "asset_id" : def.eventIdKey();
                Map<String, Object> body = bodies.createBody(def);
                Object project = body.get("project_id");
                String projectId = project == null ? null : project.toString();

                long before = engine.events().lastSequence();
                Entry row = s.data(def.route()).create(body);
                long created = engine.events().lastSequence();
                expected.add(new Expected(def.route(), "new", prefix + ":new", idKey, row.id(), projectId, before,
                        created));

                s.data(def.route()).update(row.id(), bodies.updateBody(def));
                long updated = engine.events().lastSequence();
                expected.add(new Expected(def.route(), "update", prefix + ":update", idKey, row.id(), projectId,
                        created, updated));

                s.data(def.route()).delete(row.id());
                long deleted = engine.events().lastSequence();
                expected.add(new Expected(def.route(), "delete", prefix + ":delete", idKey, row.id(), projectId,
                        updated, deleted));
            }
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
