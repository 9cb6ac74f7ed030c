package org.zou4j.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The answer of {@code POST /actions/tasks/<id>/comment} is the comment as a read gives it back (its relations are
 * not read back for a new comment: they are the links just written), and the task, its notifications and news are
 * as before. Runs on H2; {@link Postgres} runs the same tests on PostgreSQL.
 */
@SuppressWarnings("unchecked")
class CommentAnswerRoutesTest extends TaskWorldTest {
    /** The same tests on PostgreSQL ({@code ZOU_TEST_PG_URL}; skipped when unset). */
    static class Postgres extends CommentAnswerRoutesTest {
        @Override
        boolean postgres() {
            return true;
        }
    }

    private Map<String, Object> postAndCompare(String task, String status, String text) {
        return postAndCompare(task, status, Map.of("task_status_id", w.statuses.get(status), "comment", text));
    }

    private Map<String, Object> postAndCompare(String task, String status, Map<String, Object> body) {
        ApiClient.Reply r = w.as("manager").post("/actions/tasks/" + task + "/comment", body);
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        Map<String, Object> answer = r.map();
        String id = (String) answer.get("id");
        Map<String, Object> read = w.admin.get("/data/comments/" + id).map();
        // every field of the comment as read back, in the same order, with the same values (the answer adds the
        // attachment files, status and author objects)
        List<String> answerKeys = new ArrayList<>(answer.keySet());
        answerKeys.retainAll(read.keySet());
        assertThat(answerKeys).containsExactlyElementsOf(read.keySet());
        for (String key : read.keySet()) {
            if (!key.equals("attachment_files")) {
                assertThat(answer.get(key)).as(key).isEqualTo(read.get(key));
            }
        }
        assertThat((List<Object>) answer.get("attachment_files")).isEmpty();
        assertThat((Map<String, Object>) answer.get("task_status")).containsEntry("id", w.statuses.get(status));
        assertThat((Map<String, Object>) answer.get("person")).containsEntry("id", w.persons.get("manager"));
        return answer;
    }

    @Test
    void aNewCommentAnswersItsRelationsAsReadBackWithNoneOneOrSeveralMentions() {
        String task = w.newAssetTasks("modeling").get("modeling");
        Map<String, Object> none = postAndCompare(task, "wip", "plain");
        assertThat(none).containsEntry("mentions", List.of()).containsEntry("department_mentions", List.of())
                .containsEntry("previews", List.of()).containsEntry("acknowledgements", List.of());

        Map<String, Object> one = postAndCompare(task, "wfa", "@Arthur Artist and @Modeling please look");
        assertThat(one).containsEntry("mentions", List.of(w.persons.get("artist")))
                .containsEntry("department_mentions", List.of(w.departments.get("modeling")));

        // several mentions: their order is the database's, read back
        Map<String, Object> two = postAndCompare(task, "wip", "@Arthur Artist @Anna Animator @Modeling @Animation");
        assertThat((List<String>) two.get("mentions")).containsExactlyInAnyOrder(w.persons.get("artist"),
                w.persons.get("artist2"));
        assertThat((List<String>) two.get("department_mentions")).containsExactlyInAnyOrder(
                w.departments.get("modeling"), w.departments.get("animation"));
    }

    @Test
    void aCommentWithAChecklistLinksOrAGivenDateAnswersWhatTheDatabaseStored() {
        // values a database may store otherwise than written (jsonb orders object keys; a given date): read back
        String task = w.newAssetTasks("modeling").get("modeling");
        Map<String, Object> checklist = postAndCompare(task, "wip", Map.of("task_status_id", w.statuses.get("wip"),
                "comment", "with a checklist", "checklist", List.of(Map.of("text", "first", "checked", false)),
                "links", List.of("https://example.test/a")));
        assertThat((List<Object>) checklist.get("checklist")).singleElement().satisfies(item ->
                assertThat((Map<String, Object>) item).containsEntry("text", "first").containsEntry("checked", false));
        assertThat(checklist).containsEntry("links", List.of("https://example.test/a"));
        Map<String, Object> dated = postAndCompare(task, "wfa", Map.of("task_status_id", w.statuses.get("wfa"),
                "comment", "back-dated", "created_at", "2030-01-02 03:04:05"));
        assertThat(dated).containsEntry("created_at", "2030-01-02T03:04:05");
    }

    @Test
    void theTaskAfterAStatusChangeIsWhatTheCommentWroteAndTheEntityFeedsNotificationsAndNews() {
        Map<String, String> t = w.newAssetTasks("modeling");
        String task = t.get("modeling");
        w.admin.put("/data/tasks/" + task, Map.of("assignees", List.of(w.persons.get("artist"))));
        Map<String, Object> c = postAndCompare(task, "wfa", "ready");
        Map<String, Object> after = w.admin.get("/data/tasks/" + task).map();
        assertThat(after).containsEntry("task_status_id", w.statuses.get("wfa"));
        assertThat(after.get("last_comment_date")).isEqualTo(c.get("created_at"));
        assertThat(after.get("end_date")).isNotNull();
        // the assignee is notified, the news is written (the entity is not a concept)
        assertThat(w.admin.get("/data/notifications?comment_id=" + c.get("id")).list()).singleElement()
                .satisfies(n -> assertThat(n).containsEntry("person_id", w.persons.get("artist"))
                        .containsEntry("change", true));
        assertThat(w.admin.get("/data/news?comment_id=" + c.get("id")).list()).singleElement()
                .satisfies(n -> assertThat(n).containsEntry("task_id", task).containsEntry("change", true));
    }
}
