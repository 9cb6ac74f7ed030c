package org.zou4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.zou4j.internal.setup.DefaultData;
import org.zou4j.storage.SqlDialect;
import org.zou4j.storage.StorageBackend;
import org.zou4j.testing.TestStorage;

/** {@code ZouEngine.builder().initData(true)}: Zou's {@code init-data} rows, once per database. */
class DefaultDataTest {

    /** Lets several engines open one in-memory database in turn; the last one closes it. */
    private static final class Reopenable implements StorageBackend {
        private final TestStorage storage;

        Reopenable(TestStorage storage) {
            this.storage = storage;
        }

        @Override
        public SqlDialect dialect() {
            return storage.dialect();
        }

        @Override
        public DataSource dataSource() {
            return storage.dataSource();
        }

        @Override
        public String description() {
            return storage.description();
        }

        @Override
        public void close() {
            // kept open for the next engine
        }
    }

    private static ZouEngine engine(StorageBackend storage, boolean initData) {
        return ZouEngine.builder().storage(storage).secretKey(TestEngines.SECRET).initData(initData).build();
    }

    private static List<String> names(Session s, String route) {
        return s.data(route).list(Query.all()).stream().map(e -> (String) e.get("name")).sorted()
                .collect(Collectors.toList());
    }

    @Test
    void aNewDatabaseGetsZousDefaultDataWithItsEvents() {
        try (ZouEngine engine = engine(new TestStorage(), true)) {
            Session s = engine.systemSession();
            assertThat(names(s, "task-status")).containsExactlyInAnyOrderElementsOf(DefaultData.taskStatusNames());
            assertThat(names(s, "project-status")).containsExactly("Closed", "Open");
            assertThat(names(s, "entity-types")).containsExactly("Character", "Edit", "Environment", "Episode", "FX",
                    "Prop", "Sequence", "Shot");
            assertThat(names(s, "departments"))
                    .containsExactly("Animation", "Compositing", "Concept", "FX", "Layout", "Modeling");
            List<Entry> taskTypes = s.data("task-types").list(Query.all());
            assertThat(taskTypes).hasSize(13);
            assertThat(taskTypes).filteredOn(t -> "Shot".equals(t.get("for_entity"))).hasSize(7);
            Entry lighting = s.data("task-types").list(Query.parse("name=Lighting")).get(0);
            assertThat(lighting.get("color")).isEqualTo("#F9A825");
            assertThat(lighting.get("priority")).isEqualTo(4);

            Entry todo = s.data("task-status").list(Query.parse("short_name=todo")).get(0);
            assertThat(todo.get("is_default")).isEqualTo(true);
            assertThat(todo.get("for_concept")).isEqualTo(false);
            Entry neutral = s.data("task-status").list(Query.parse("short_name=neutral")).get(0);
            assertThat(neutral.get("is_default")).isEqualTo(true);
            assertThat(neutral.get("for_concept")).isEqualTo(true);
            assertThat(s.data("task-status").list(Query.parse("short_name=wfa")).get(0).get("is_feedback_request"))
                    .isEqualTo(true);

            assertThat(s.data("events").list(Query.parse("name=task-status:new"))).hasSize(9);
            assertThat(s.data("events").list(Query.parse("name=task-type:new"))).hasSize(13);
            assertThat(s.data("events").list(Query.parse("name=department:new"))).hasSize(6);
            assertThat(s.data("events").list(Query.parse("name=asset-type:new"))).hasSize(4);
        }
    }

    @Test
    void aFirstTaskStartsOnTodo() {
        try (ZouEngine engine = engine(new TestStorage(), true)) {
            Session s = engine.systemSession();
            String open = s.data("project-status").list(Query.parse("name=Open")).get(0).id();
            Entry project = s.data("projects").create(Map.of("name", "P", "project_status_id", open));
            String character = s.data("entity-types").list(Query.parse("name=Character")).get(0).id();
            Entry asset = s.data("entities").create(Map.of("name", "Hero", "project_id", project.id(),
                    "entity_type_id", character));
            String modeling = s.data("task-types").list(Query.parse("name=Modeling")).get(0).id();
            Entry task = s.data("tasks").create(Map.of("name", "main", "project_id", project.id(),
                    "entity_id", asset.id(), "task_type_id", modeling));
            String todo = s.data("task-status").list(Query.parse("short_name=todo")).get(0).id();
            assertThat(task.get("task_status_id")).isEqualTo(todo);
        }
    }

    @Test
    void seedsOnceADeletedDefaultStaysDeletedAndExistingRowsAreKept() {
        TestStorage storage = new TestStorage();
        Reopenable shared = new Reopenable(storage);
        try (ZouEngine first = engine(shared, false)) {
            // a database with a status of its own under a default's name and no seeding yet
            first.systemSession().data("task-status").create(Map.of("name", "Done", "short_name", "dn",
                    "color", "#000000"));
        }
        try (ZouEngine second = engine(shared, true)) {
            Session s = second.systemSession();
            assertThat(s.data("task-status").list(Query.parse("name=Done"))).hasSize(1)
                    .first().satisfies(e -> assertThat(e.get("short_name")).isEqualTo("dn"));
            assertThat(s.data("task-status").list(Query.all())).hasSize(9);
            String retake = s.data("task-status").list(Query.parse("short_name=retake")).get(0).id();
            s.data("task-status").delete(retake);
        }
        try (ZouEngine third = engine(storage, true)) {
            Session s = third.systemSession();
            assertThat(s.data("task-status").list(Query.parse("short_name=retake"))).isEmpty();
            assertThat(s.data("task-status").list(Query.all())).hasSize(8);
            assertThat(s.data("task-types").list(Query.all())).hasSize(13);
        }
    }

    @Test
    void theBuilderDefaultLeavesTheDatabaseEmpty() {
        try (ZouEngine engine = ZouEngine.builder().storage(new TestStorage()).secretKey(TestEngines.SECRET).build()) {
            Session s = engine.systemSession();
            assertThat(s.data("task-status").list(Query.all())).isEmpty();
            assertThat(s.data("departments").list(Query.all())).isEmpty();
        }
    }
}
