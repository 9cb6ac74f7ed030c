package org.zou4j.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Zou's {@code tasks} blueprint actions over HTTP: create-tasks per entity kind, delete-tasks, to-review,
 * set-priority, a comment's preview revisions, main previews. Runs on H2; {@link Postgres} on PostgreSQL.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SuppressWarnings("unchecked")
class TaskActionsRoutesTest {
    TaskWorld w;
    String shotType;
    String sequenceType;
    String layout;

    boolean postgres() {
        return false;
    }

    @BeforeAll
    void start() {
        w = TaskWorld.start(postgres());
        shotType = w.create("entity-types", Map.of("name", "Shot"));
        sequenceType = w.create("entity-types", Map.of("name", "Sequence"));
        layout = w.create("task-types", Map.of("name", "Layout", "for_entity", "Shot"));
    }

    @AfterAll
    void stop() {
        if (w != null) {
            w.close();
        }
    }

    /** The same tests on PostgreSQL ({@code ZOU_TEST_PG_URL}; skipped when unset). */
    static class Postgres extends TaskActionsRoutesTest {
        @Override
        boolean postgres() {
            return true;
        }
    }

    private String base(String taskType) {
        return "/actions/projects/" + w.project + "/task-types/" + taskType;
    }

    @Test
    void createTasksMakesOneMainTaskPerEntityOfTheKindAndSkipsExistingOnes() {
        // Zou: test_task_routes / CreateAssetTasksResource, CreateShotTasksResource, CreateEntityTasksResource
        String taskType = w.create("task-types", Map.of("name", "Surfacing", "for_entity", "Asset"));
        String a1 = w.create("entities", Map.of("name", "Prop A", "project_id", w.project,
                "entity_type_id", w.assetType));
        ApiClient.Reply r = w.as("manager").post(base(taskType) + "/assets/create-tasks", List.of());
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        assertThat(r.list()).extracting(t -> t.get("entity_id")).contains(a1, w.asset);
        Map<String, Object> t = r.list().stream().filter(x -> a1.equals(x.get("entity_id"))).findFirst().orElseThrow();
        assertThat(t).containsEntry("name", "main").containsEntry("task_type_id", taskType)
                .containsEntry("task_type_name", "Surfacing").containsEntry("project_id", w.project)
                .containsEntry("assignees", List.of()).containsEntry("assigner_id", w.persons.get("manager"))
                .containsKeys("id", "task_status_id", "task_status_name", "task_status_short_name",
                        "task_status_color", "task_type_color", "task_type_priority");
        assertThat(w.eventsNamed("task:new", "task_id", (String) t.get("id"))).hasSize(1);
        ApiClient.Reply again = w.as("manager").post(base(taskType) + "/assets/create-tasks", List.of(a1));
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.list()).isEmpty();

        String seq = w.create("entities", Map.of("name", "SQ01", "project_id", w.project,
                "entity_type_id", sequenceType));
        String shot = w.create("entities", Map.of("name", "SH010", "project_id", w.project,
                "entity_type_id", shotType, "parent_id", seq));
        ApiClient.Reply shots = w.as("manager").post(base(layout) + "/shots/create-tasks", List.of(shot));
        assertThat(shots.status()).as(shots.text()).isEqualTo(201);
        assertThat(shots.list()).singleElement().satisfies(x -> assertThat(x).containsEntry("entity_id", shot));
        ApiClient.Reply seqs = w.as("manager").send("POST", base(layout) + "/create-tasks/sequence", "", null);
        assertThat(seqs.status()).as(seqs.text()).isEqualTo(201);
        assertThat(seqs.list()).extracting(x -> x.get("entity_id")).containsExactly(seq);

        assertThat(w.as("artist").post(base(taskType) + "/assets/create-tasks", List.of()).status())
                .isEqualTo(403);
        assertThat(w.as("outsider").post(base(taskType) + "/assets/create-tasks", List.of()).status())
                .isEqualTo(403);
        assertThat(w.as("manager").post(base(taskType) + "/create-tasks/nothing", List.of()).status())
                .isEqualTo(404);
        assertThat(w.as("manager").post(base(taskType) + "/assets/create-tasks", List.of("nope")).status())
                .isEqualTo(400);
        assertThat(w.as("manager").post(base(java.util.UUID.randomUUID().toString()) + "/assets/create-tasks",
                List.of()).status()).isEqualTo(404);
    }

    @Test
    void deleteTasksRemovesTheProjectsTasksWithTheirComments() {
        Map<String, String> t = w.newAssetTasks("modeling", "rigging");
        String modeling = t.get("modeling");
        w.as("manager").post("/actions/tasks/" + modeling + "/comment",
                Map.of("task_status_id", w.statuses.get("wip"), "comment", "bye"));
        String path = "/actions/projects/" + w.project + "/delete-tasks";
        assertThat(w.as("artist").post(path, List.of(modeling)).status()).isEqualTo(403);
        assertThat(w.as("manager").post(path, Map.of("a", 1)).status()).isEqualTo(400);
        ApiClient.Reply r = w.as("manager").post(path, List.of(modeling));
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat((List<Object>) r.json()).containsExactly(modeling);
        assertThat(w.admin.get("/data/tasks/" + modeling).status()).isEqualTo(404);
        assertThat(w.admin.get("/data/comments?object_id=" + modeling).list()).isEmpty();
        assertThat(w.eventsNamed("task:delete", "task_id", modeling)).singleElement()
                .satisfies(e -> assertThat((Map<String, Object>) e.get("data"))
                        .containsEntry("task_type_id", w.taskTypes.get("modeling")));
        assertThat(w.admin.get("/data/tasks/" + t.get("rigging")).status()).isEqualTo(200);

        String typeOnly = w.create("task-types", Map.of("name", "Cleanup", "for_entity", "Asset"));
        String doomed = w.create("tasks", Map.of("project_id", w.project, "entity_id", w.asset,
                "task_type_id", typeOnly, "task_status_id", w.statuses.get("todo")));
        String typePath = "/actions/projects/" + w.project + "/task-types/" + typeOnly + "/delete-tasks";
        assertThat(w.as("manager").delete(typePath).status()).isEqualTo(403);
        assertThat(w.admin.delete(typePath).status()).isEqualTo(204);
        assertThat(w.admin.get("/data/tasks/" + doomed).status()).isEqualTo(404);
    }

    @Test
    void toReviewMovesTheTaskToTheToReviewStatus() {
        String task = w.newAssetTasks("modeling").get("modeling");
        ApiClient.Reply r = w.as("artist").put("/actions/tasks/" + task + "/to-review", Map.of("comment", "look"));
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.map()).containsEntry("id", task).containsEntry("comment", "look")
                .containsKeys("project", "entity", "entity_type", "person", "preview_path");
        assertThat((Map<String, Object>) r.map().get("person")).containsEntry("id", w.persons.get("artist"));
        String status = (String) r.map().get("task_status_id");
        assertThat(w.admin.get("/data/task-status/" + status).map()).containsEntry("name", "To review");
        assertThat(w.eventsNamed("task:to-review", "task_id", task)).singleElement()
                .satisfies(e -> assertThat((Map<String, Object>) e.get("data"))
                        .containsEntry("previous_task_status_id", w.statuses.get("todo"))
                        .containsEntry("change_status", true));
        assertThat(w.as("outsider").put("/actions/tasks/" + task + "/to-review", Map.of()).status())
                .isEqualTo(403);
        assertThat(w.as("artist").put("/actions/tasks/" + task + "/to-review",
                Map.of("person_id", java.util.UUID.randomUUID().toString())).status()).isEqualTo(400);
    }

    @Test
    void setPriorityUpdatesTheTasksTheCallerSupervises() {
        Map<String, String> t = w.newAssetTasks("modeling", "animation");
        List<String> both = List.of(t.get("modeling"), t.get("animation"));
        ApiClient.Reply none = w.as("artist").put("/actions/tasks/set-priority",
                Map.of("task_ids", both, "priority", 3));
        assertThat(none.status()).isEqualTo(200);
        assertThat(none.list()).isEmpty();
        // the supervisor covers modeling only
        ApiClient.Reply sup = w.as("supervisor").put("/actions/tasks/set-priority",
                Map.of("task_ids", both, "priority", 2));
        assertThat(sup.list()).extracting(x -> x.get("id")).containsExactly(t.get("modeling"));
        ApiClient.Reply m = w.as("manager").put("/actions/tasks/set-priority", Map.of("task_ids", both,
                "priority", 1));
        assertThat(m.list()).extracting(x -> x.get("priority")).containsExactly(1, 1);
        assertThat(w.eventsNamed("task:update", "task_id", t.get("animation"))).isNotEmpty();
        assertThat(w.as("manager").put("/actions/tasks/set-priority", Map.of("task_ids", both, "priority", -1))
                .status()).isEqualTo(400);
        assertThat(w.as("manager").put("/actions/tasks/set-priority", Map.of("task_ids", List.of(), "priority", 1))
                .status()).isEqualTo(400);
    }

    @Test
    void commentPreviewsGetRevisionsAndTheLastBecomesTheMainPreview() {
        String task = w.newAssetTasks("modeling").get("modeling");
        w.admin.put("/data/tasks/" + task, Map.of("assignees", List.of(w.persons.get("artist"))));
        String c1 = (String) w.as("artist").post("/actions/tasks/" + task + "/comment",
                Map.of("task_status_id", w.statuses.get("wfa"), "comment", "v1")).map().get("id");
        String p1 = "/actions/tasks/" + task + "/comments/" + c1;
        ApiClient.Reply first = w.as("artist").post(p1 + "/add-preview", Map.of());
        assertThat(first.status()).as(first.text()).isEqualTo(201);
        assertThat(first.map()).containsEntry("revision", 1).containsEntry("position", 1)
                .containsEntry("status", "processing").containsEntry("task_id", task)
                .containsEntry("person_id", w.persons.get("artist"));
        String preview1 = (String) first.map().get("id");
        assertThat(w.eventsNamed("preview-file:new", "preview_file_id", preview1)).singleElement()
                .satisfies(e -> assertThat((Map<String, Object>) e.get("data")).containsEntry("comment_id", c1));
        assertThat(w.admin.get("/data/news?comment_id=" + c1).list()).singleElement()
                .satisfies(n -> assertThat(n).containsEntry("preview_file_id", preview1));
        assertThat((List<Object>) w.admin.get("/data/comments/" + c1).map().get("previews")).hasSize(1);
        // a second file of the same comment is another position of the same revision
        ApiClient.Reply second = w.as("artist").post(p1 + "/add-preview", Map.of());
        assertThat(second.map()).containsEntry("revision", 1).containsEntry("position", 2);
        ApiClient.Reply extra = w.as("artist").post(p1 + "/preview-files/" + preview1, null);
        assertThat(extra.status()).as(extra.text()).isEqualTo(201);
        assertThat(extra.map()).containsEntry("revision", 1).containsEntry("position", 3);

        String c2 = (String) w.as("artist").post("/actions/tasks/" + task + "/comment",
                Map.of("task_status_id", w.statuses.get("wfa"), "comment", "v2")).map().get("id");
        String p2 = "/actions/tasks/" + task + "/comments/" + c2;
        assertThat(w.as("artist").post(p2 + "/add-preview", Map.of("revision", 1)).status()).isEqualTo(400);
        ApiClient.Reply v2 = w.as("artist").post(p2 + "/add-preview", Map.of());
        assertThat(v2.map()).containsEntry("revision", 2).containsEntry("position", 1);
        String preview2 = (String) v2.map().get("id");
        assertThat(w.as("artist2").post(p2 + "/add-preview", Map.of()).status()).isEqualTo(403);

        assertThat(w.as("artist").get("/data/tasks/" + task + "/previews").list())
                .extracting(p -> p.get("revision")).containsExactly(2, 1, 1, 1);
        assertThat(w.as("outsider").get("/data/tasks/" + task + "/previews").status()).isEqualTo(403);

        assertThat(w.as("client").put("/actions/tasks/" + task + "/set-main-preview", Map.of()).status())
                .isEqualTo(403);
        ApiClient.Reply main = w.as("artist").put("/actions/tasks/" + task + "/set-main-preview", Map.of());
        assertThat(main.status()).as(main.text()).isEqualTo(200);
        assertThat(main.map()).containsEntry("preview_file_id", preview2);
        assertThat(w.eventsNamed("preview-file:set-main", "preview_file_id", preview2)).hasSize(1);
        String empty = w.newAssetTasks("rigging").get("rigging");
        assertThat(w.admin.put("/actions/tasks/" + empty + "/set-main-preview", Map.of()).status()).isEqualTo(400);
        ApiClient.Reply bulk = w.as("manager").put("/actions/tasks/set-main-preview",
                Map.of("task_ids", List.of(task, empty)));
        assertThat(bulk.status()).as(bulk.text()).isEqualTo(200);
        assertThat(bulk.list()).singleElement().satisfies(e -> assertThat(e).containsEntry("preview_file_id",
                preview2));

        String remove = p2 + "/preview-files/" + preview2;
        assertThat(w.as("outsider").delete(remove).status()).isEqualTo(403);
        assertThat(w.as("artist").delete(remove).status()).isEqualTo(204);
        assertThat(w.admin.get("/data/preview-files/" + preview2).status()).isEqualTo(404);
        assertThat(w.admin.get("/data/entities/" + w.admin.get("/data/tasks/" + task).map().get("entity_id"))
                .map().get("preview_file_id")).isNull();
    }
}
