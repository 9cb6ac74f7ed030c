package org.zou4j.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The {@code tasks} and {@code comments} routes served before this turn, over HTTP: assignments, the full task, an
 * entity's and a person's tasks, open tasks, a task's comments (list, one, delete), acknowledgements, replies and
 * time spents, with Zou's permissions and events. Runs on H2; {@link Postgres} on PostgreSQL.
 */
@SuppressWarnings("unchecked")
class TaskRoutesTest extends TaskWorldTest {
    /** The same tests on PostgreSQL ({@code ZOU_TEST_PG_URL}; skipped when unset). */
    static class Postgres extends TaskRoutesTest {
        @Override
        boolean postgres() {
            return true;
        }
    }

    @Test
    void assignAndClearAssignationFollowDepartmentsAndEmitEvents() {
        Map<String, String> t = w.newAssetTasks("modeling", "animation");
        String modeling = t.get("modeling");
        // a supervisor of modeling assigns a modeling artist to a modeling task
        ApiClient.Reply r = w.as("supervisor").put("/actions/tasks/" + modeling + "/assign",
                Map.of("person_id", w.persons.get("artist")));
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.map()).containsEntry("id", modeling).containsEntry("assigner_id", w.persons.get("supervisor"));
        assertThat((List<Object>) r.map().get("assignees")).containsExactly(w.persons.get("artist"));
        assertThat(w.eventsNamed("task:assign", "task_id", modeling)).singleElement()
                .satisfies(e -> assertThat((Map<String, Object>) e.get("data"))
                        .containsEntry("person_id", w.persons.get("artist")));
        assertThat(w.admin.get("/data/notifications?task_id=" + modeling).list())
                .anySatisfy(n -> assertThat(n).containsEntry("notification_type", "assignation")
                        .containsEntry("person_id", w.persons.get("artist")));
        // an artist cannot assign someone else; unknown assignee is a 400
        assertThat(w.as("artist").put("/actions/tasks/" + modeling + "/assign",
                Map.of("person_id", w.persons.get("artist2"))).status()).isEqualTo(403);
        assertThat(w.as("manager").put("/actions/tasks/" + modeling + "/assign",
                Map.of("person_id", java.util.UUID.randomUUID().toString())).status()).isEqualTo(400);
        assertThat(w.as("manager").put("/actions/tasks/" + modeling + "/assign", Map.of()).status())
                .isEqualTo(400);

        // bulk: the manager assigns artist2 to both; unknown task ids are skipped
        ApiClient.Reply bulk = w.as("manager").put("/actions/persons/" + w.persons.get("artist2") + "/assign",
                Map.of("task_ids", List.of(modeling, t.get("animation"), java.util.UUID.randomUUID().toString())));
        assertThat(bulk.status()).as(bulk.text()).isEqualTo(200);
        assertThat(bulk.list()).extracting(x -> x.get("id")).containsExactly(modeling, t.get("animation"));

        ApiClient.Reply cleared = w.as("manager").put("/actions/tasks/clear-assignation",
                Map.of("task_ids", List.of(modeling), "person_id", w.persons.get("artist2")));
        assertThat(cleared.status()).isEqualTo(200);
        assertThat((List<Object>) cleared.json()).containsExactly(modeling);
        assertThat((List<Object>) w.admin.get("/data/tasks/" + modeling).map().get("assignees"))
                .containsExactly(w.persons.get("artist"));
        assertThat(w.eventsNamed("task:unassign", "task_id", modeling)).hasSize(1);
        ApiClient.Reply none = w.as("outsider").put("/actions/tasks/clear-assignation",
                Map.of("task_ids", List.of(modeling)));
        assertThat((List<Object>) none.json()).isEmpty();
        assertThat(w.as("manager").put("/actions/tasks/clear-assignation", Map.of("task_ids", List.of()))
                .status()).isEqualTo(400);
    }

    @Test
    void theFullTaskAndTheEntitysTasksAreForTheTeam() {
        String modeling = w.tasks.get("modeling");
        ApiClient.Reply full = w.as("artist").get("/data/tasks/" + modeling + "/full");
        assertThat(full.status()).as(full.text()).isEqualTo(200);
        assertThat(full.map()).containsEntry("id", modeling).containsEntry("type", "Task")
                .containsKeys("entity", "entity_type", "project", "task_status", "task_type", "persons",
                        "is_subscribed");
        assertThat((Map<String, Object>) full.map().get("entity")).containsEntry("id", w.asset);
        assertThat((List<Map<String, Object>>) full.map().get("persons")).extracting(p -> p.get("id"))
                .containsExactly(w.persons.get("artist"));
        assertThat(w.as("outsider").get("/data/tasks/" + modeling + "/full").status()).isEqualTo(403);
        assertThat(w.admin.get("/data/tasks/" + java.util.UUID.randomUUID() + "/full").status()).isEqualTo(404);

        String path = "/data/entities/" + w.asset + "/task-types/" + w.taskTypes.get("modeling") + "/tasks";
        assertThat(w.as("artist2").get(path).list()).extracting(x -> x.get("id")).containsExactly(modeling);
        assertThat(w.as("outsider").get(path).status()).isEqualTo(403);
    }

    @Test
    void aPersonsTasksAndOpenTasks() {
        String artist = w.persons.get("artist");
        ApiClient.Reply mine = w.as("manager").get("/data/persons/" + artist + "/tasks");
        assertThat(mine.status()).as(mine.text()).isEqualTo(200);
        assertThat(mine.list()).extracting(x -> x.get("id")).contains(w.tasks.get("modeling"));
        assertThat(mine.list().get(0)).containsKeys("project_name", "entity_name", "task_type_name",
                "task_status_name", "assignees", "last_comment");
        assertThat(w.as("manager").get("/data/persons/" + artist + "/done-tasks").status()).isEqualTo(200);
        assertThat(w.as("outsider").get("/data/persons/" + artist + "/tasks").list())
                .extracting(x -> x.get("id")).doesNotContain(w.tasks.get("modeling"));
        assertThat(w.as("vendor").get("/data/persons/" + artist + "/tasks").status()).isEqualTo(403);

        ApiClient.Reply open = w.as("artist").get("/data/tasks/open-tasks?limit=2");
        assertThat(open.status()).as(open.text()).isEqualTo(200);
        assertThat(open.map()).containsKeys("data", "stats", "limit", "is_more", "page").containsEntry("limit", 2);
        assertThat((List<Object>) open.map().get("data")).hasSize(2);
        Map<String, Object> stats = (Map<String, Object>) open.map().get("stats");
        assertThat(((Number) stats.get("total")).intValue()).isGreaterThanOrEqualTo(3);
        ApiClient.Reply byType = w.admin.get("/data/tasks/open-tasks?task_type_id=" + w.taskTypes.get("rigging"));
        assertThat((List<Map<String, Object>>) byType.map().get("data")).isNotEmpty()
                .allSatisfy(x -> assertThat(x).containsEntry("task_type_id", w.taskTypes.get("rigging")));
        assertThat((List<Object>) w.as("outsider").get("/data/tasks/open-tasks").map().get("data")).isEmpty();
        assertThat(w.as("outsider").get("/data/tasks/open-tasks?project_id=" + w.project).status())
                .isEqualTo(403);
        assertThat(w.admin.get("/data/tasks/open-tasks?limit=x").status()).isEqualTo(400);
    }

    @Test
    void aTasksCommentsAcknowledgementsRepliesAndDeletion() {
        String task = w.newAssetTasks("modeling").get("modeling");
        w.admin.put("/data/tasks/" + task, Map.of("assignees", List.of(w.persons.get("artist"))));
        String first = (String) w.as("artist").post("/actions/tasks/" + task + "/comment",
                Map.of("task_status_id", w.statuses.get("wip"), "comment", "first")).map().get("id");
        String second = (String) w.as("manager").post("/actions/tasks/" + task + "/comment",
                Map.of("task_status_id", w.statuses.get("wfa"), "comment", "second")).map().get("id");
        ApiClient.Reply list = w.as("artist2").get("/data/tasks/" + task + "/comments");
        assertThat(list.status()).as(list.text()).isEqualTo(200);
        assertThat(list.list()).extracting(c -> c.get("id")).containsExactly(second, first);
        assertThat((Map<String, Object>) list.list().get(0).get("person"))
                .containsEntry("id", w.persons.get("manager"));
        assertThat((Map<String, Object>) list.list().get(0).get("task_status"))
                .containsEntry("id", w.statuses.get("wfa"));
        assertThat(w.as("outsider").get("/data/tasks/" + task + "/comments").status()).isEqualTo(403);
        assertThat(w.as("artist").get("/data/tasks/" + task + "/comments/" + first).map())
                .containsEntry("text", "first");
        assertThat(w.as("artist").get("/data/tasks/" + w.tasks.get("rigging") + "/comments/" + first).status())
                .isEqualTo(404);

        ApiClient.Reply ack = w.as("artist").post("/data/tasks/" + task + "/comments/" + second + "/ack", null);
        assertThat(ack.status()).as(ack.text()).isEqualTo(200);
        assertThat(w.eventsNamed("comment:acknowledge", "comment_id", second)).hasSize(1);
        w.as("artist").post("/data/tasks/" + task + "/comments/" + second + "/ack", null);
        assertThat(w.eventsNamed("comment:unacknowledge", "comment_id", second)).hasSize(1);

        ApiClient.Reply reply = w.as("artist").post("/data/tasks/" + task + "/comments/" + second + "/reply",
                Map.of("text", "on it"));
        assertThat(reply.status()).as(reply.text()).isEqualTo(200);
        assertThat(reply.map()).containsEntry("text", "on it").containsEntry("person_id", w.persons.get("artist"))
                .containsKeys("id", "date", "mentions");
        String replyId = (String) reply.map().get("id");
        assertThat(w.eventsNamed("comment:reply", "reply_id", replyId)).hasSize(1);
        assertThat(w.as("outsider").post("/data/tasks/" + task + "/comments/" + second + "/reply",
                Map.of("text", "x")).status()).isEqualTo(403);
        String replyPath = "/data/tasks/" + task + "/comments/" + second + "/reply/" + replyId;
        assertThat(w.as("manager").delete(replyPath).status()).isEqualTo(403);
        ApiClient.Reply deleted = w.as("artist").delete(replyPath);
        assertThat(deleted.status()).as(deleted.text()).isEqualTo(200);
        assertThat((List<Object>) deleted.map().get("replies")).isEmpty();
        assertThat(w.eventsNamed("comment:delete-reply", "reply_id", replyId)).hasSize(1);

        // only the author (or a manager) deletes a comment; the task's status follows the remaining comments
        assertThat(w.as("artist").delete("/data/tasks/" + task + "/comments/" + second).status()).isEqualTo(403);
        assertThat(w.as("manager").delete("/data/tasks/" + task + "/comments/" + second).status()).isEqualTo(204);
        assertThat(w.admin.get("/data/tasks/" + task).map()).containsEntry("task_status_id", w.statuses.get("wip"));
        assertThat(w.eventsNamed("task:status-changed", "task_id", task)).anySatisfy(e ->
                assertThat((Map<String, Object>) e.get("data")).containsEntry("new_task_status_id",
                        w.statuses.get("wip")));
        assertThat(w.as("artist").delete("/data/tasks/" + task + "/comments/" + first).status()).isEqualTo(204);
        assertThat(w.as("artist").get("/data/tasks/" + task + "/comments").list()).isEmpty();
    }

    @Test
    void timeSpentsAreSetAddedReadAndDeletedByTheAssigneeOrAManager() {
        String task = w.newAssetTasks("modeling").get("modeling");
        w.admin.put("/data/tasks/" + task, Map.of("assignees", List.of(w.persons.get("artist"))));
        String artist = w.persons.get("artist");
        String base = "/actions/tasks/" + task + "/time-spents/2026-03-02/persons/" + artist;
        ApiClient.Reply set = w.as("artist").post(base, Map.of("duration", 60));
        assertThat(set.status()).as(set.text()).isEqualTo(201);
        assertThat(set.map()).containsEntry("person_id", artist).containsEntry("task_id", task)
                .containsEntry("date", "2026-03-02");
        assertThat(((Number) set.map().get("duration")).doubleValue()).isEqualTo(60.0);
        assertThat(w.eventsNamed("time-spent:new", "time_spent_id", (String) set.map().get("id"))).hasSize(1);
        ApiClient.Reply add = w.as("manager").post(base + "/add", Map.of("duration", 30));
        assertThat(((Number) add.map().get("duration")).doubleValue()).isEqualTo(90.0);
        assertThat(((Number) w.admin.get("/data/tasks/" + task).map().get("duration")).doubleValue())
                .isEqualTo(90.0);
        assertThat(w.as("artist2").post(base, Map.of("duration", 10)).status()).isEqualTo(403);
        assertThat(w.as("artist").post(base, Map.of("duration", -1)).status()).isEqualTo(400);
        assertThat(w.as("artist").post("/actions/tasks/" + task + "/time-spents/notadate/persons/" + artist,
                Map.of("duration", 10)).status()).isEqualTo(400);

        Map<String, Object> all = w.as("artist2").get("/actions/tasks/" + task + "/time-spents").map();
        assertThat(((Number) all.get("total")).doubleValue()).isEqualTo(90.0);
        assertThat((List<Object>) all.get(artist)).hasSize(1);
        assertThat(((Number) w.as("artist").get("/actions/tasks/" + task + "/time-spents/2026-03-03").map()
                .get("total")).doubleValue()).isEqualTo(0.0);
        assertThat(w.as("outsider").get("/actions/tasks/" + task + "/time-spents").status()).isEqualTo(403);

        ApiClient.Reply del = w.as("artist").delete(base);
        assertThat(del.status()).as(del.text()).isEqualTo(201);
        assertThat(((Number) w.admin.get("/data/tasks/" + task).map().get("duration")).doubleValue())
                .isEqualTo(0.0);
        assertThat(w.as("artist").delete(base).status()).isEqualTo(404);
    }
}
