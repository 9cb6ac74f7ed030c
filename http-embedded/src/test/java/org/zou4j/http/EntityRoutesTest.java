package org.zou4j.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Zou's entities blueprint over HTTP: news, preview files, time spents, linked concepts, task creation, bulk delete. */
class EntityRoutesTest extends EntityRoutesTestBase {
    private String character;
    private String modeling;
    private String todo;

    @BeforeAll
    void setUp() {
        character = f.create("entity-types", Map.of("name", "Character"));
        modeling = f.create("task-types", Map.of("name", "Modeling", "color", "#112233", "for_entity", "Asset"));
        todo = f.create("task-status", Map.of("name", "Todo", "short_name", "todo", "color", "#f5f5f5",
                "is_default", true));
    }

    private String asset(String project, String name) {
        ApiClient.Reply r = admin.post("/data/projects/" + project + "/asset-types/" + character + "/assets/new",
                Map.of("name", name));
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return (String) r.map().get("id");
    }

    @Test
    void newsPreviewFilesAndTimeSpentsOfAnEntity() {
        String p = f.project("Entities");
        String a = asset(p, "Hero");
        String task = f.task(p, a, modeling, todo);
        String me = (String) ((Map<?, ?>) admin.get("/auth/authenticated").map().get("user")).get("id");
        String comment = f.create("comments", Map.of("object_id", task, "object_type", "Task", "task_status_id", todo,
                "person_id", me, "text", "hello"));
        f.create("news", Map.of("task_id", task, "comment_id", comment, "author_id", me, "change", true));
        f.create("time-spents", Map.of("task_id", task, "person_id", me, "duration", 60, "date", "2024-01-02"));
        String preview = f.create("preview-files", Map.of("task_id", task, "name", "v1", "revision", 1,
                "extension", "mp4", "person_id", me));

        Map<String, Object> news = admin.get("/data/entities/" + a + "/news").map();
        assertThat(news).containsEntry("total", 1).containsEntry("page", 1).containsEntry("limit", 2000);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> data = (List<Map<String, Object>>) news.get("data");
        assertThat(data).singleElement().satisfies(n -> assertThat(n).containsEntry("type", "News")
                .containsEntry("task_id", task).containsEntry("comment_id", comment).containsEntry("change", true)
                .containsEntry("task_status_id", todo).containsEntry("full_entity_name", "Character / Hero")
                .containsEntry("project_name", "Entities").containsKey("person"));
        assertThat(admin.get("/data/entities/" + a + "/time-spents").list()).singleElement()
                .satisfies(t -> assertThat(t).containsEntry("duration", 60.0).containsEntry("task_id", task));
        assertThat(admin.get("/data/entities/" + a + "/preview-files").list()).singleElement()
                .satisfies(pf -> assertThat(pf).containsEntry("id", preview).containsEntry("revision", 1)
                        .containsEntry("extension", "mp4").containsEntry("task_id", task));
        assertThat(admin.get("/data/entities/" + java.util.UUID.randomUUID() + "/news").status()).isEqualTo(404);

        ApiClient outsider = f.person("user");
        assertThat(outsider.get("/data/entities/" + a + "/news").status()).isEqualTo(403);
        assertThat(outsider.get("/data/entities/" + a + "/time-spents").status()).isEqualTo(403);
        assertThat(outsider.get("/data/entities/" + a + "/preview-files").status()).isEqualTo(403);
    }

    @Test
    void tasksAreCreatedForEnabledTaskTypesOnce() {
        String p = f.project("Task creation");
        String a = asset(p, "Prop");
        ApiClient.Reply refused = admin.post("/data/entities/" + a + "/tasks", Map.of("task_type_ids",
                List.of(modeling)));
        assertThat(refused.status()).as("not enabled in the project").isEqualTo(400);
        assertThat(admin.post("/data/task-type-links", Map.of("project_id", p, "task_type_id", modeling)).status())
                .isEqualTo(201);
        ApiClient.Reply created = admin.post("/data/entities/" + a + "/tasks", Map.of("task_type_ids",
                List.of(modeling)));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        assertThat(created.list()).singleElement().satisfies(t -> assertThat(t).containsEntry("name", "main")
                .containsEntry("task_type_id", modeling).containsEntry("task_status_id", todo)
                .containsEntry("entity_id", a)
                // Zou's tasks_service._finalize_task_creation: Kitsu reads these at once (assignees.map)
                .containsEntry("assignees", List.of()).containsEntry("task_type_name", "Modeling")
                .containsKeys("task_status_name", "task_status_short_name", "task_status_color",
                        "task_type_color", "task_type_priority"));
        assertThat(f.lastEvent("task:new")).isNotNull();
        assertThat(admin.post("/data/entities/" + a + "/tasks", Map.of()).list()).as("already there").isEmpty();

        ApiClient outsider = f.person("user");
        assertThat(outsider.post("/data/entities/" + a + "/tasks", Map.of()).status()).isEqualTo(403);
    }

    @Test
    void linkedConceptsAndBulkDeletes() {
        String p = f.project("Bulk");
        String hero = asset(p, "Hero");
        String villain = asset(p, "Villain");
        String concept = (String) admin.post("/data/projects/" + p + "/concepts", Map.of("name", "C1",
                "entity_concept_links", List.of(hero))).map().get("id");
        assertThat(admin.get("/data/entities/" + hero + "/entities-linked/with-tasks").list()).singleElement()
                .satisfies(c -> assertThat(c).containsEntry("id", concept).containsEntry("type", "Concept")
                        .containsEntry("entity_concept_links", List.of(hero)));
        String task = f.task(p, villain, modeling, todo);

        ApiClient outsider = f.person("user");
        assertThat(outsider.post("/actions/projects/" + p + "/delete-entities", List.of(hero)).status())
                .isEqualTo(403);
        ApiClient.Reply deleted = admin.post("/actions/projects/" + p + "/delete-entities",
                List.of(hero, villain, concept, java.util.UUID.randomUUID().toString()));
        assertThat(deleted.status()).as(deleted.text()).isEqualTo(200);
        assertThat(deleted.json()).isEqualTo(List.of(hero, villain, concept));
        assertThat(admin.get("/data/assets/" + hero).status()).isEqualTo(404);
        assertThat(admin.get("/data/assets/" + villain).map()).as("with tasks: canceled").containsEntry("canceled",
                true);
        assertThat(admin.get("/data/tasks/" + task).status()).isEqualTo(200);
        assertThat(admin.get("/data/concepts/" + concept).status()).isEqualTo(404);
    }
}
