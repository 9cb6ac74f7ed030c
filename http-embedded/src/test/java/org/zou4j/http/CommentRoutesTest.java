package org.zou4j.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /actions/tasks/<id>/comment} over HTTP (Zou's {@code CommentTaskResource} and
 * {@code comments_service.create_comment}): the comment, the task's status and dates, notifications, news,
 * automations, attachments, permissions and events, all in one transaction. Runs on H2; {@link Postgres} runs the
 * same tests on PostgreSQL.
 */
@SuppressWarnings("unchecked")
class CommentRoutesTest extends TaskWorldTest {
    /** The same tests on PostgreSQL ({@code ZOU_TEST_PG_URL}; skipped when unset). */
    static class Postgres extends CommentRoutesTest {
        @Override
        boolean postgres() {
            return true;
        }
    }

    private String newTask(String taskTypeKey) {
        String entity = w.create("entities", Map.of("name", "E" + System.nanoTime(), "project_id", w.project,
                "entity_type_id", w.assetType));
        return w.create("tasks", Map.of("project_id", w.project, "entity_id", entity,
                "task_type_id", w.taskTypes.get(taskTypeKey), "task_status_id", w.statuses.get("todo")));
    }

    private ApiClient.Reply comment(ApiClient as, String task, String status, String text) {
        return as.post("/actions/tasks/" + task + "/comment", Map.of("task_status_id", status, "comment", text));
    }

    private Map<String, Object> task(String id) {
        return w.admin.get("/data/tasks/" + id).map();
    }

    private List<Map<String, Object>> rows(String route, String query) {
        return w.admin.get("/data/" + route + "?" + query).list();
    }

    @Test
    void anAssigneeCommentChangesTheStatusAndAnswersZousComment() {
        String task = newTask("modeling");
        w.admin.put("/data/tasks/" + task, Map.of("assignees", List.of(w.persons.get("artist"))));
        ApiClient.Reply r = comment(w.as("artist"), task, w.statuses.get("wip"), "Started");
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        Map<String, Object> c = r.map();
        assertThat(c).containsEntry("type", "Comment").containsEntry("object_id", task)
                .containsEntry("object_type", "Task").containsEntry("text", "Started")
                .containsEntry("task_status_id", w.statuses.get("wip"))
                .containsEntry("person_id", w.persons.get("artist"))
                .containsEntry("for_client", false)
                .containsKeys("id", "created_at", "mentions", "department_mentions", "acknowledgements",
                        "attachment_files", "checklist", "replies");
        assertThat((Map<String, Object>) c.get("task_status")).containsEntry("id", w.statuses.get("wip"));
        assertThat((Map<String, Object>) c.get("person")).containsEntry("id", w.persons.get("artist"));

        Map<String, Object> t = task(task);
        assertThat(t).containsEntry("task_status_id", w.statuses.get("wip"))
                .containsEntry("last_comment_date", c.get("created_at"));
        assertThat(t.get("real_start_date")).isNotNull();

        String commentId = (String) c.get("id");
        assertThat(w.eventsNamed("comment:new", "comment_id", commentId)).singleElement()
                .satisfies(e -> assertThat((Map<String, Object>) e.get("data"))
                        .containsEntry("task_id", task).containsEntry("task_status_id", w.statuses.get("wip")));
        assertThat(w.eventsNamed("task:status-changed", "task_id", task)).anySatisfy(e ->
                assertThat((Map<String, Object>) e.get("data"))
                        .containsEntry("previous_task_status_id", w.statuses.get("todo"))
                        .containsEntry("new_task_status_id", w.statuses.get("wip"))
                        .containsEntry("person_id", w.persons.get("artist")));
        List<Map<String, Object>> news = rows("news", "comment_id=" + commentId);
        assertThat(news).singleElement().satisfies(n -> assertThat(n).containsEntry("change", true)
                .containsEntry("author_id", w.persons.get("artist")).containsEntry("task_id", task));
        assertThat(w.eventsNamed("news:new", "news_id", (String) news.get(0).get("id"))).hasSize(1);
    }

    @Test
    void retakeFeedbackAndDoneSetCountAndDatesAsZou() {
        String task = newTask("animation");
        ApiClient manager = w.as("manager");
        assertThat(comment(manager, task, w.statuses.get("wfa"), "please check").status()).isEqualTo(201);
        Map<String, Object> t = task(task);
        assertThat(t.get("end_date")).isNotNull();
        assertThat(t.get("done_date")).isNull();
        assertThat(w.eventsNamed("task:to-review", "task_id", task)).hasSize(1);

        assertThat(comment(manager, task, w.statuses.get("retake"), "again").status()).isEqualTo(201);
        t = task(task);
        assertThat(t).containsEntry("retake_count", 1);
        assertThat(t.get("end_date")).isNull();
        // the same status again is no change: no second retake
        assertThat(comment(manager, task, w.statuses.get("retake"), "still").status()).isEqualTo(201);
        assertThat(task(task)).containsEntry("retake_count", 1);

        assertThat(comment(manager, task, w.statuses.get("done"), "ok").status()).isEqualTo(201);
        t = task(task);
        assertThat(t.get("done_date")).isNotNull();
        assertThat(t).containsEntry("task_status_id", w.statuses.get("done"));
    }

    @Test
    void aWrongStatusIdIsA400AndWritesNothing() {
        String task = newTask("animation");
        int updatesBefore = w.eventsNamed("task:update", "task_id", task).size();
        ApiClient.Reply unknown = comment(w.as("manager"), task, "0e3c5a4d-1a57-4bd6-b5e8-7c7c7c7c7c7c", "x");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.map()).containsKey("message");
        ApiClient.Reply malformed = comment(w.as("manager"), task, "not-an-id", "x");
        assertThat(malformed.status()).isEqualTo(400);
        ApiClient.Reply missing = w.as("manager").post("/actions/tasks/" + task + "/comment", Map.of("comment", "x"));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(rows("comments", "object_id=" + task)).isEmpty();
        assertThat(rows("news", "task_id=" + task)).isEmpty();
        assertThat(task(task)).containsEntry("task_status_id", w.statuses.get("todo"))
                .containsEntry("last_comment_date", null);
        assertThat(w.eventsNamed("comment:new", "task_id", task)).isEmpty();
        assertThat(w.eventsNamed("task:update", "task_id", task)).hasSize(updatesBefore);
    }

    @Test
    void anUnknownTaskIs404() {
        assertThat(comment(w.as("manager"), "0e3c5a4d-1a57-4bd6-b5e8-7c7c7c7c7c7c", w.statuses.get("wip"), "x")
                .status()).isEqualTo(404);
    }

    @Test
    void permissionsFollowZousTaskActionAndStatusChecks() {
        String task = w.tasks.get("modeling");
        // outside the team: refused
        assertThat(comment(w.as("outsider"), task, w.statuses.get("wip"), "x").status()).isEqualTo(403);
        // in the team but neither assigned nor supervising the department
        assertThat(comment(w.as("artist2"), task, w.statuses.get("wip"), "x").status()).isEqualTo(403);
        // an artist may not use a status not allowed for artists
        assertThat(comment(w.as("artist"), task, w.statuses.get("locked"), "x").status()).isEqualTo(403);
        // a supervisor of the task type's department may
        assertThat(comment(w.as("supervisor"), task, w.statuses.get("wip"), "sup").status()).isEqualTo(201);
        // the vendor is not assigned
        assertThat(comment(w.as("vendor"), task, w.statuses.get("wip"), "x").status()).isEqualTo(403);
        assertThat(w.anonymous().post("/actions/tasks/" + task + "/comment",
                Map.of("task_status_id", w.statuses.get("wip"))).status()).isEqualTo(401);
    }

    @Test
    void aMentionedPersonMayAnswerWithoutChangingTheStatus() {
        String task = newTask("modeling");
        assertThat(comment(w.as("manager"), task, w.statuses.get("todo"), "@Anna Animator what do you think?")
                .status()).isEqualTo(201);
        assertThat(comment(w.as("artist2"), task, w.statuses.get("todo"), "fine").status()).isEqualTo(201);
        assertThat(comment(w.as("artist2"), task, w.statuses.get("wip"), "moving").status()).isEqualTo(403);
    }

    @Test
    void onlyManagersChooseTheAuthorAndTheDate() {
        String task = w.tasks.get("modeling");
        Map<String, Object> asArtist = w.as("artist").post("/actions/tasks/" + task + "/comment", Map.of(
                "task_status_id", w.statuses.get("wip"), "comment", "mine",
                "person_id", w.persons.get("manager"), "created_at", "2020-01-01 10:00:00")).map();
        assertThat(asArtist).containsEntry("person_id", w.persons.get("artist"));
        assertThat((String) asArtist.get("created_at")).doesNotStartWith("2020");

        String other = newTask("animation");
        comment(w.as("manager"), other, w.statuses.get("wip"), "now");
        Map<String, Object> before = task(other);
        // an older comment by a manager for the artist replays the history: the task keeps its latest status
        Map<String, Object> old = w.as("manager").post("/actions/tasks/" + other + "/comment", Map.of(
                "task_status_id", w.statuses.get("wfa"), "comment", "imported",
                "person_id", w.persons.get("artist"), "created_at", "2020-01-01 10:00:00")).map();
        assertThat(old).containsEntry("person_id", w.persons.get("artist"))
                .containsEntry("created_at", "2020-01-01T10:00:00");
        Map<String, Object> after = task(other);
        assertThat(after).containsEntry("task_status_id", w.statuses.get("wip"))
                .containsEntry("last_comment_date", before.get("last_comment_date"));
        assertThat(after.get("end_date")).isEqualTo("2020-01-01T10:00:00");
    }

    @Test
    void notificationMatrixAssigneeSubscriberMentionAndDepartmentMention() {
        String task = newTask("animation");
        w.admin.put("/data/tasks/" + task, Map.of("assignees", List.of(w.persons.get("artist2"))));
        assertThat(w.admin.post("/data/subscriptions", Map.of("person_id", w.persons.get("client"),
                "task_id", task)).status()).isEqualTo(201);
        ApiClient.Reply r = comment(w.as("manager"), task, w.statuses.get("wip"),
                "@Arthur Artist and @Modeling please look");
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        String commentId = (String) r.map().get("id");
        assertThat((List<String>) r.map().get("mentions")).containsExactly(w.persons.get("artist"));
        assertThat((List<String>) r.map().get("department_mentions")).containsExactly(w.departments.get("modeling"));

        Set<String> got = new HashSet<>();
        for (Map<String, Object> n : rows("notifications", "comment_id=" + commentId)) {
            got.add(n.get("notification_type") + ":" + n.get("person_id"));
            assertThat(n).containsEntry("author_id", w.persons.get("manager")).containsEntry("task_id", task)
                    .containsEntry("read", false);
            if ("comment".equals(n.get("notification_type"))) {
                assertThat(n).containsEntry("change", true);
            }
            assertThat(w.eventsNamed("notification:new", "notification_id", (String) n.get("id"))).singleElement()
                    .satisfies(e -> assertThat((Map<String, Object>) e.get("data"))
                            .containsEntry("person_id", n.get("person_id")));
        }
        assertThat(got).containsExactlyInAnyOrder(
                "comment:" + w.persons.get("artist2"),      // assignee
                "comment:" + w.persons.get("client"),       // subscriber
                "mention:" + w.persons.get("artist"),       // named (also in Modeling: one mention only)
                "mention:" + w.persons.get("supervisor"));  // Modeling department, in the team
        // the author is never notified; the outsider of the Modeling department is not in the team

        // the assignee answering: the manager is not a recipient (not assigned nor subscribed)
        ApiClient.Reply answer = comment(w.as("artist2"), task, w.statuses.get("wip"), "ok");
        List<Map<String, Object>> second = rows("notifications", "comment_id=" + answer.map().get("id"));
        assertThat(second).extracting(n -> n.get("person_id")).containsExactly(w.persons.get("client"));
        assertThat(second.get(0)).containsEntry("change", false);
    }

    @Test
    void hashtagsPostTheCommentOnSiblingTasks() {
        String entity = w.create("entities", Map.of("name", "Tagged", "project_id", w.project,
                "entity_type_id", w.assetType));
        String modeling = w.create("tasks", Map.of("project_id", w.project, "entity_id", entity,
                "task_type_id", w.taskTypes.get("modeling")));
        String animation = w.create("tasks", Map.of("project_id", w.project, "entity_id", entity,
                "task_type_id", w.taskTypes.get("animation"), "task_status_id", w.statuses.get("wfa")));
        assertThat(comment(w.as("manager"), modeling, w.statuses.get("wip"), "see #animation").status())
                .isEqualTo(201);
        List<Map<String, Object>> copies = rows("comments", "object_id=" + animation);
        assertThat(copies).singleElement().satisfies(c -> assertThat(c)
                .containsEntry("text", "see #animation\n\n____\nFrom Modeling task")
                .containsEntry("task_status_id", w.statuses.get("wfa")));
    }

    @Test
    void statusAutomationMovesTheNextTaskInTheSameTransaction() {
        String entity = w.create("entities", Map.of("name", "Automated", "project_id", w.project,
                "entity_type_id", w.assetType));
        String modeling = w.create("tasks", Map.of("project_id", w.project, "entity_id", entity,
                "task_type_id", w.taskTypes.get("modeling"), "task_status_id", w.statuses.get("todo")));
        String rigging = w.create("tasks", Map.of("project_id", w.project, "entity_id", entity,
                "task_type_id", w.taskTypes.get("rigging"), "task_status_id", w.statuses.get("todo")));
        assertThat(comment(w.as("manager"), modeling, w.statuses.get("done"), "final").status()).isEqualTo(201);
        assertThat(task(rigging)).containsEntry("task_status_id", w.statuses.get("wip"));
        assertThat(rows("comments", "object_id=" + rigging)).singleElement()
                .satisfies(c -> assertThat(c).containsEntry("text", "Change triggered by Modeling set to World done"));
    }

    @Test
    void multipartCommentsKeepTheirAttachments() {
        String task = newTask("animation");
        String boundary = "----zou4jboundary";
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2, 3, '\r', '\n', '-', '-'};
        StringBuilder head = new StringBuilder();
        for (String[] f : new String[][]{{"task_status_id", w.statuses.get("wip")}, {"comment", "with file"},
                {"checklist", "[{\"text\": \"a\", \"checked\": false}]"}}) {
            head.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"").append(f[0])
                    .append("\"\r\n\r\n").append(f[1]).append("\r\n");
        }
        head.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"file\"; "
                + "filename=\"frame.png\"\r\nContent-Type: image/png\r\n\r\n");
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.ISO_8859_1);
        byte[] headBytes = head.toString().getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[headBytes.length + png.length + tail.length];
        System.arraycopy(headBytes, 0, body, 0, headBytes.length);
        System.arraycopy(png, 0, body, headBytes.length, png.length);
        System.arraycopy(tail, 0, body, headBytes.length + png.length, tail.length);
        ApiClient.Reply r = w.as("manager").sendBytes("POST", "/actions/tasks/" + task + "/comment", body,
                "multipart/form-data; boundary=" + boundary);
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        assertThat(r.map()).containsEntry("text", "with file");
        assertThat((List<Map<String, Object>>) r.map().get("checklist")).singleElement()
                .satisfies(i -> assertThat(i).containsEntry("text", "a"));
        List<Map<String, Object>> files = (List<Map<String, Object>>) r.map().get("attachment_files");
        assertThat(files).singleElement().satisfies(f -> assertThat(f).containsEntry("name", "frame.png")
                .containsEntry("extension", "png").containsEntry("mimetype", "image/png")
                .containsEntry("size", png.length).containsEntry("comment_id", r.map().get("id")));
        java.util.UUID fileId = java.util.UUID.fromString((String) files.get(0).get("id"));
        assertThat(w.files.open(fileId)).hasValueSatisfying(in -> {
            try (in) {
                assertThat(in.readAllBytes()).isEqualTo(png);
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            }
        });
    }

    @Test
    void hundredConcurrentCommentsOnOneTaskLoseNone() throws Exception {
        String task = newTask("animation");
        ApiClient manager = w.as("manager");
        List<String> statuses = List.of(w.statuses.get("wip"), w.statuses.get("wfa"));
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<ApiClient.Reply>> replies = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            String status = statuses.get(i % 2);
            String text = "c" + i;
            replies.add(pool.submit(() -> comment(manager, task, status, text)));
        }
        List<Map<String, Object>> answered = new ArrayList<>();
        for (Future<ApiClient.Reply> f : replies) {
            ApiClient.Reply r = f.get();
            assertThat(r.status()).as(r.text()).isEqualTo(201);
            answered.add(r.map());
        }
        pool.shutdown();
        List<Map<String, Object>> stored = rows("comments", "object_id=" + task);
        assertThat(stored).hasSize(100);
        String latest = stored.stream().map(c -> (String) c.get("created_at")).max(String::compareTo).orElseThrow();
        // comments on a task are serialized by its row lock: the last committed one (newest comment:new event) is
        // the newest comment, and its status is the task's
        List<Map<String, Object>> created = w.eventsNamed("comment:new", "task_id", task);
        assertThat(created).hasSize(100);
        Map<String, Object> t = task(task);
        assertThat(t).containsEntry("last_comment_date", latest)
                .containsEntry("task_status_id", ((Map<String, Object>) created.get(0).get("data"))
                        .get("task_status_id"));
        assertThat(rows("news", "task_id=" + task)).hasSize(100);
        assertThat(answered).extracting(c -> c.get("id")).doesNotHaveDuplicates();
    }
}
