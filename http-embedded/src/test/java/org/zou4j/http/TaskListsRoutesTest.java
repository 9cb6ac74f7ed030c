package org.zou4j.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Zou's {@code tasks} blueprint lists over HTTP: a project's comments, notifications, preview files, subscriptions
 * and tasks (every row streamed, or Zou's page envelope with {@code ?page=}), the open tasks' stats and a person's
 * related tasks, the persons' task dates of the team schedule. Runs on H2; {@link Postgres} on PostgreSQL.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SuppressWarnings("unchecked")
class TaskListsRoutesTest {
    TaskWorld w;
    String comment;

    boolean postgres() {
        return false;
    }

    @BeforeAll
    void start() {
        w = TaskWorld.start(postgres());
        // the artist is assigned to modeling: their comment notifies the manager's subscription etc.
        w.admin.post("/data/subscriptions", Map.of("person_id", w.persons.get("manager"),
                "task_id", w.tasks.get("modeling")));
        comment = (String) w.as("artist").post("/actions/tasks/" + w.tasks.get("modeling") + "/comment",
                Map.of("task_status_id", w.statuses.get("wfa"), "comment", "please review")).map().get("id");
        w.as("artist").post("/actions/tasks/" + w.tasks.get("modeling") + "/comments/" + comment + "/add-preview",
                Map.of());
        w.as("manager").post("/actions/tasks/" + w.tasks.get("rigging") + "/comment",
                Map.of("task_status_id", w.statuses.get("wip"), "comment", "rig"));
    }

    @AfterAll
    void stop() {
        if (w != null) {
            w.close();
        }
    }

    /** The same tests on PostgreSQL ({@code ZOU_TEST_PG_URL}; skipped when unset). */
    static class Postgres extends TaskListsRoutesTest {
        @Override
        boolean postgres() {
            return true;
        }
    }

    private String project(String tail) {
        return "/data/projects/" + w.project + "/" + tail;
    }

    @Test
    void projectCommentsAreForTheTeamButVendorsAndClients() {
        ApiClient.Reply all = w.as("artist").get(project("comments"));
        assertThat(all.status()).as(all.text()).isEqualTo(200);
        assertThat(all.list()).extracting(c -> c.get("text")).contains("please review", "rig");
        assertThat(all.list().get(0)).containsKeys("id", "object_id", "task_status_id", "person_id", "mentions");
        ApiClient.Reply page = w.as("manager").get(project("comments") + "?page=1&limit=1");
        assertThat(page.map()).containsEntry("limit", 1).containsEntry("page", 1).containsEntry("offset", 0)
                .containsKeys("total", "nb_pages");
        assertThat((List<Object>) page.map().get("data")).hasSize(1);
        assertThat(((Number) page.map().get("total")).intValue()).isGreaterThanOrEqualTo(2);
        assertThat(w.as("vendor").get(project("comments")).status()).isEqualTo(403);
        assertThat(w.as("client").get(project("comments")).status()).isEqualTo(403);
        assertThat(w.as("outsider").get(project("comments")).status()).isEqualTo(403);
        assertThat(w.admin.get("/data/projects/" + java.util.UUID.randomUUID() + "/comments").status())
                .isEqualTo(404);
        assertThat(w.admin.get(project("comments") + "?page=x").status()).isEqualTo(400);
    }

    @Test
    void notificationsPreviewFilesAndSubscriptionsAreForAdmins() {
        ApiClient.Reply n = w.admin.get(project("notifications"));
        assertThat(n.status()).as(n.text()).isEqualTo(200);
        assertThat(n.list()).anySatisfy(x -> assertThat(x).containsEntry("comment_id", comment)
                .containsEntry("person_id", w.persons.get("manager")));
        assertThat(w.admin.get(project("notifications") + "?page=1").map()).containsEntry("page", 1)
                .containsEntry("limit", 100);
        ApiClient.Reply p = w.admin.get(project("preview-files"));
        assertThat(p.list()).singleElement().satisfies(x -> assertThat(x).containsEntry("task_id",
                w.tasks.get("modeling")).containsEntry("revision", 1));
        ApiClient.Reply s = w.admin.get(project("subscriptions"));
        assertThat(s.list()).anySatisfy(x -> assertThat(x).containsEntry("task_id", w.tasks.get("modeling"))
                .containsEntry("person_id", w.persons.get("manager")));
        for (String tail : List.of("notifications", "preview-files", "subscriptions")) {
            assertThat(w.as("manager").get(project(tail)).status()).as(tail).isEqualTo(403);
        }
    }

    @Test
    void projectTasksListTheTasksWithAssigneesAndFilters() {
        ApiClient.Reply r = w.as("artist").get(project("tasks"));
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.list()).extracting(t -> t.get("id")).contains(w.tasks.get("modeling"), w.tasks.get("rigging"),
                w.tasks.get("animation"));
        assertThat(r.list()).filteredOn(t -> w.tasks.get("modeling").equals(t.get("id"))).singleElement()
                .satisfies(t -> assertThat((List<Object>) t.get("assignees")).containsExactly(
                        w.persons.get("artist")));
        ApiClient.Reply byType = w.as("artist").get(project("tasks") + "?task_type_id="
                + w.taskTypes.get("rigging"));
        assertThat(byType.list()).extracting(t -> t.get("id")).containsExactly(w.tasks.get("rigging"));
        Map<String, Object> page = w.admin.get(project("tasks") + "?page=1").map();
        assertThat(page).containsEntry("page", 1).containsKeys("data", "total", "nb_pages");
        assertThat(w.as("outsider").get(project("tasks")).status()).isEqualTo(403);
        assertThat(w.as("artist").get(project("tasks") + "?task_type_id=nope").status()).isEqualTo(400);
    }

    @Test
    void openTasksStatsAggregatePerProjectAndTaskType() {
        ApiClient.Reply r = w.as("artist").get("/data/tasks/open-tasks/stats");
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        Map<String, Object> p = (Map<String, Object>) r.map().get(w.project);
        assertThat(p).containsKeys("amount", "amount_done", "total_duration", "total_estimation", "task_types");
        assertThat(((Number) p.get("amount")).intValue()).isGreaterThanOrEqualTo(3);
        assertThat((List<Map<String, Object>>) p.get("task_types")).anySatisfy(t -> assertThat(t)
                .containsEntry("task_type_id", w.taskTypes.get("modeling"))
                .containsEntry("task_status_id", w.statuses.get("wfa")).containsEntry("amount", 1)
                .containsEntry("project_id", w.project));
        assertThat(w.as("outsider").get("/data/tasks/open-tasks/stats").map()).doesNotContainKey(w.project);
    }

    @Test
    void relatedTasksAreTheTypesTasksOnTheEntitiesThePersonWorksOn() {
        String path = "/data/persons/" + w.persons.get("artist") + "/related-tasks/" + w.taskTypes.get("rigging");
        ApiClient.Reply r = w.as("manager").get(path);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.list()).extracting(t -> t.get("id")).contains(w.tasks.get("rigging"));
        assertThat(w.as("outsider").get(path).list()).isEmpty();
        assertThat(w.as("vendor").get(path).status()).isEqualTo(403);
        assertThat(w.admin.get("/data/persons/" + java.util.UUID.randomUUID() + "/related-tasks/"
                + w.taskTypes.get("rigging")).status()).isEqualTo(404);
    }
    @Test
    void personsTaskDatesGiveTheTeamScheduleEachAssigneesFirstStartAndLastDue() {
        // Kitsu's team schedule (GET /api/data/persons/task-dates) answered 400: the route was missing
        ApiClient.Reply put = w.admin.put("/data/tasks/" + w.tasks.get("modeling"),
                Map.of("start_date", "2026-01-05T00:00:00", "due_date", "2026-02-10T12:30:00"));
        assertThat(put.status()).as(put.text()).isEqualTo(200);
        // another open production, where the artist works and the manager is not in the team
        String other = w.create("projects", Map.of("name", "Other Show", "team", List.of(w.persons.get("artist"))));
        String lamp = w.create("entities", Map.of("name", "Lamp", "project_id", other,
                "entity_type_id", w.assetType));
        String[][] dates = {{"a", "2026-03-01", "2026-03-10"}, {"b", "2026-03-05", "2026-03-20"},
            {"c", "2026-04-01", "2026-04-02"}};
        for (String[] d : dates) {
            String task = w.create("tasks", Map.of("name", d[0], "project_id", other, "entity_id", lamp,
                    "task_type_id", w.taskTypes.get("animation"), "task_status_id", w.statuses.get("todo"),
                    "start_date", d[1] + "T00:00:00", "due_date", d[2] + "T00:00:00"));
            assertThat(w.admin.put("/data/tasks/" + task, Map.of("assignees", List.of(w.persons.get("artist"))))
                    .status()).isEqualTo(200);
        }
        String artist = w.persons.get("artist");

        ApiClient.Reply all = w.admin.get("/data/persons/task-dates");
        assertThat(all.status()).as(all.text()).isEqualTo(200);
        assertThat(all.list()).filteredOn(e -> artist.equals(e.get("person_id"))).singleElement()
                .satisfies(e -> assertThat(e).containsEntry("min_date", "2026-01-05 00:00:00")
                        .containsEntry("max_date", "2026-04-02 00:00:00")
                        .containsEntry("busy_periods", List.of()));

        // a manager sees their productions in detail, the others only as merged anonymous busy periods
        ApiClient.Reply mine = w.as("manager").get("/data/persons/task-dates");
        assertThat(mine.status()).as(mine.text()).isEqualTo(200);
        assertThat(mine.list()).filteredOn(e -> artist.equals(e.get("person_id"))).singleElement()
                .satisfies(e -> assertThat(e).containsEntry("min_date", "2026-01-05 00:00:00")
                        .containsEntry("max_date", "2026-02-10 12:30:00")
                        .containsEntry("busy_periods", List.of(
                                Map.of("start_date", "2026-03-01 00:00:00", "end_date", "2026-03-20 00:00:00"),
                                Map.of("start_date", "2026-04-01 00:00:00", "end_date", "2026-04-02 00:00:00"))));
        ApiClient.Reply one = w.as("supervisor").get("/data/persons/task-dates?project_id=" + w.project);
        assertThat(one.status()).as(one.text()).isEqualTo(200);
        assertThat(one.list()).filteredOn(e -> artist.equals(e.get("person_id"))).singleElement()
                .satisfies(e -> assertThat(e).containsEntry("max_date", "2026-02-10 12:30:00")
                        .containsEntry("busy_periods", List.of()));
        assertThat(w.as("manager").get("/data/persons/task-dates?project_id=").status()).isEqualTo(200);
        assertThat(w.as("manager").get("/data/persons/task-dates?project_id=" + other).status()).isEqualTo(403);
        ApiClient.Reply bad = w.as("manager").get("/data/persons/task-dates?project_id=nope");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.map()).containsEntry("message", "Invalid project_id.");
        assertThat(w.as("artist").get("/data/persons/task-dates").status()).isEqualTo(403);
    }
}
