package org.zou4j.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Zou's {@code news} blueprint over HTTP ({@code news_service.get_last_news_for_project}): the project feed with its
 * filters, page envelope and stats, one news, and the open projects' feed. Runs on H2; {@link Postgres} on PostgreSQL.
 */
@SuppressWarnings("unchecked")
class NewsRoutesTest extends TaskWorldTest {
    String task;
    String wipComment;
    String doneComment;

    @BeforeAll
    void setUp() {
        task = w.newAssetTasks("animation").get("animation");
        wipComment = comment("wip", "started");
        comment("wip", "still going"); // no status change: change=false
        doneComment = comment("done", "finished");
    }

    /** The same tests on PostgreSQL ({@code ZOU_TEST_PG_URL}; skipped when unset). */
    static class Postgres extends NewsRoutesTest {
        @Override
        boolean postgres() {
            return true;
        }
    }

    private String comment(String status, String text) {
        ApiClient.Reply r = w.as("manager").post("/actions/tasks/" + task + "/comment",
                Map.of("task_status_id", w.statuses.get(status), "comment", text));
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return (String) r.map().get("id");
    }

    private List<Map<String, Object>> ofTask(Map<String, Object> envelope) {
        return ((List<Map<String, Object>>) envelope.get("data")).stream()
                .filter(n -> task.equals(n.get("task_id"))).toList();
    }

    @Test
    void theProjectFeedIsNewestFirstInZousEnvelopeWithStats() {
        ApiClient.Reply r = w.as("artist").get("/data/projects/" + w.project + "/news");
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        Map<String, Object> body = r.map();
        assertThat(body).containsKeys("data", "total", "nb_pages", "limit", "offset", "page", "stats")
                .containsEntry("limit", 50).containsEntry("page", 1).containsEntry("offset", 0);
        List<Map<String, Object>> mine = ofTask(body);
        assertThat(mine).hasSize(3);
        Map<String, Object> newest = mine.get(0);
        assertThat(newest).containsEntry("type", "News").containsEntry("comment_id", doneComment)
                .containsEntry("task_status_id", w.statuses.get("done")).containsEntry("change", true)
                .containsEntry("project_id", w.project).containsEntry("project_name", "Task World")
                .containsEntry("task_type_id", w.taskTypes.get("animation"))
                .containsEntry("author_id", w.persons.get("manager"))
                .containsKeys("created_at", "full_entity_name", "episode_id", "task_entity_id",
                        "preview_file_id", "entity_preview_file_id");
        assertThat((String) newest.get("full_entity_name")).startsWith("Character / E");
        assertThat((Map<String, Object>) newest.get("person")).containsEntry("id", w.persons.get("manager"));
        assertThat(mine.get(1)).containsEntry("change", false);
        Map<String, Object> stats = (Map<String, Object>) body.get("stats");
        assertThat(((Number) stats.get(w.statuses.get("done"))).intValue()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void filtersAndPagesNarrowTheFeed() {
        String base = "/data/projects/" + w.project + "/news";
        Map<String, Object> wip = w.admin.get(base + "?task_status_id=" + w.statuses.get("wip")).map();
        assertThat(ofTask(wip)).extracting(n -> n.get("comment_id")).doesNotContain(doneComment)
                .contains(wipComment);
        Map<String, Object> byAuthor = w.admin.get(base + "?person_id=" + w.persons.get("artist2")).map();
        assertThat((List<Object>) byAuthor.get("data")).isEmpty();
        assertThat(byAuthor).containsEntry("total", 0);
        Map<String, Object> page = w.admin.get(base + "?limit=1&page=2").map();
        assertThat((List<Object>) page.get("data")).hasSize(1);
        assertThat(page).containsEntry("limit", 1).containsEntry("page", 2).containsEntry("offset", 1);
        assertThat(((Number) page.get("nb_pages")).intValue()).isEqualTo(((Number) page.get("total")).intValue());
        Map<String, Object> future = w.admin.get(base + "?after=2999-01-01").map();
        assertThat((List<Object>) future.get("data")).isEmpty();
        assertThat(w.admin.get(base + "?before=someday").status()).isEqualTo(400);
        assertThat(w.admin.get(base + "?page=x").status()).isEqualTo(400);
        assertThat(w.admin.get(base + "?only_preview=true").map().get("data")).isEqualTo(List.of());
    }

    @Test
    void oneNewsAndPermissions() {
        String base = "/data/projects/" + w.project + "/news";
        String newsId = (String) ofTask(w.admin.get(base).map()).get(0).get("id");
        ApiClient.Reply one = w.as("artist").get(base + "/" + newsId);
        assertThat(one.status()).as(one.text()).isEqualTo(200);
        assertThat(one.map()).containsEntry("id", newsId).containsEntry("comment_id", doneComment);
        assertThat(w.as("vendor").get(base + "/" + newsId).status()).isEqualTo(403);
        assertThat(w.admin.get(base + "/" + java.util.UUID.randomUUID()).status()).isEqualTo(404);
        assertThat(w.as("outsider").get(base).status()).isEqualTo(403);
        assertThat(w.as("outsider").get(base + "/" + newsId).status()).isEqualTo(403);
        assertThat(w.admin.get("/data/projects/" + java.util.UUID.randomUUID() + "/news").status()).isEqualTo(404);
    }

    @Test
    void theOpenProjectsFeedShowsTheCallersProjectsOnly() {
        assertThat(ofTask(w.as("artist").get("/data/projects/news").map())).hasSize(3);
        assertThat(ofTask(w.admin.get("/data/projects/news?project_id=" + w.project).map())).hasSize(3);
        ApiClient.Reply outsider = w.as("outsider").get("/data/projects/news");
        assertThat(outsider.status()).isEqualTo(200);
        assertThat(ofTask(outsider.map())).isEmpty();
    }
}
