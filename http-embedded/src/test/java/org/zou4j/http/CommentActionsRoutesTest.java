package org.zou4j.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Zou's {@code comments} blueprint beyond posting, over HTTP: attachments (add, download, lists, delete) kept on the
 * engine's file store, moving a comment to a sibling task, and comment-many. Runs on H2; {@link Postgres} runs the
 * same tests on PostgreSQL.
 */
@SuppressWarnings("unchecked")
class CommentActionsRoutesTest extends TaskWorldTest {
    /** The same tests on PostgreSQL ({@code ZOU_TEST_PG_URL}; skipped when unset). */
    static class Postgres extends CommentActionsRoutesTest {
        @Override
        boolean postgres() {
            return true;
        }
    }

    private String comment(ApiClient as, String task, String status, String text) {
        ApiClient.Reply r = as.post("/actions/tasks/" + task + "/comment",
                Map.of("task_status_id", w.statuses.get(status), "comment", text));
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return (String) r.map().get("id");
    }

    private ApiClient.Reply attach(ApiClient as, String task, String comment, String name, String mime, byte[] b) {
        return TaskWorld.multipart(as, "/actions/tasks/" + task + "/comments/" + comment + "/add-attachment",
                Map.of(), name, mime, b);
    }

    @Test
    void theAuthorAttachesFilesKeptOnTheFileStoreAndReadersDownloadThem() {
        String task = w.newAssetTasks("modeling").get("modeling");
        w.admin.put("/data/tasks/" + task, Map.of("assignees", List.of(w.persons.get("artist"))));
        String comment = comment(w.as("artist"), task, "wip", "see file");
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3};
        ApiClient.Reply r = attach(w.as("artist"), task, comment, "frame.png", "image/png", png);
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        Map<String, Object> file = r.list().get(0);
        assertThat(file).containsEntry("name", "frame.png").containsEntry("extension", "png")
                .containsEntry("mimetype", "image/png").containsEntry("size", png.length)
                .containsEntry("comment_id", comment).containsKeys("id", "created_at");
        String fileId = (String) file.get("id");
        assertThat(w.files.open(java.util.UUID.fromString(fileId))).isPresent();
        assertThat(w.mediaDir.resolve("files").resolve("attachments")).isDirectory();

        ApiClient.BytesReply got = w.as("artist2").getBytes("/data/attachment-files/" + fileId + "/file/frame.png");
        assertThat(got.status()).isEqualTo(200);
        assertThat(got.body()).isEqualTo(png);
        assertThat(got.header("Content-Type")).startsWith("image/png");
        assertThat(got.header("Content-Disposition")).startsWith("inline");
        assertThat(w.as("outsider").getBytes("/data/attachment-files/" + fileId + "/file/frame.png").status())
                .isEqualTo(403);

        // anything but a safe raster image is a download (Zou's stored-XSS guard)
        ApiClient.Reply html = attach(w.as("manager"), task, comment, "x.html", "text/html",
                "<script>1</script>".getBytes(StandardCharsets.UTF_8));
        assertThat(html.status()).as(html.text()).isEqualTo(201);
        String htmlId = (String) html.list().get(0).get("id");
        assertThat(w.admin.getBytes("/data/attachment-files/" + htmlId + "/file/x.html")
                .header("Content-Disposition")).startsWith("attachment");

        // the comment lists its attachments
        Map<String, Object> c = w.admin.get("/data/tasks/" + task + "/comments/" + comment).map();
        assertThat((List<Object>) c.get("attachment_files")).hasSize(2);
        // the task's and the project's attachment lists are for admins
        assertThat(w.admin.get("/data/tasks/" + task + "/attachment-files").list())
                .extracting(m -> m.get("id")).containsExactlyInAnyOrder(fileId, htmlId);
        assertThat(w.admin.get("/data/projects/" + w.project + "/attachment-files").list())
                .extracting(m -> m.get("id")).contains(fileId, htmlId);
        assertThat(w.as("manager").get("/data/tasks/" + task + "/attachment-files").status()).isEqualTo(403);
        assertThat(w.as("artist").get("/data/projects/" + w.project + "/attachment-files").status())
                .isEqualTo(403);
    }

    @Test
    void onlyTheAuthorOrAProjectManagerAttachesAndDeletes() {
        String task = w.newAssetTasks("modeling").get("modeling");
        w.admin.put("/data/tasks/" + task, Map.of("assignees", List.of(w.persons.get("artist"))));
        String comment = comment(w.as("artist"), task, "wip", "mine");
        byte[] b = "hello".getBytes(StandardCharsets.UTF_8);
        assertThat(attach(w.as("artist2"), task, comment, "a.txt", "text/plain", b).status()).isEqualTo(403);
        assertThat(attach(w.as("outsider"), task, comment, "a.txt", "text/plain", b).status()).isEqualTo(403);
        String other = w.newAssetTasks("rigging").get("rigging");
        // the comment must belong to the task of the path
        assertThat(attach(w.as("artist"), other, comment, "a.txt", "text/plain", b).status()).isEqualTo(403);
        ApiClient.Reply ok = attach(w.as("artist"), task, comment, "a.txt", "text/plain", b);
        assertThat(ok.status()).as(ok.text()).isEqualTo(201);
        String fileId = (String) ok.list().get(0).get("id");

        String path = "/data/tasks/" + task + "/comments/" + comment + "/attachments/" + fileId;
        assertThat(w.as("artist2").delete(path).status()).isEqualTo(403);
        // an attachment of another comment cannot be deleted through one's own comment
        String comment2 = comment(w.as("artist"), task, "wip", "second");
        assertThat(w.as("artist").delete("/data/tasks/" + task + "/comments/" + comment2 + "/attachments/" + fileId)
                .status()).isEqualTo(403);
        assertThat(w.as("artist").delete(path).status()).isEqualTo(204);
        assertThat(w.admin.get("/data/attachment-files/" + fileId).status()).isEqualTo(404);
        assertThat(w.admin.getBytes("/data/attachment-files/" + fileId + "/file/a.txt").status()).isEqualTo(404);
        assertThat(w.files.open(java.util.UUID.fromString(fileId))).isEmpty();
        // no files: 400
        assertThat(w.as("artist").post("/actions/tasks/" + task + "/comments/" + comment + "/add-attachment",
                Map.of()).status()).isEqualTo(400);
    }

    @Test
    void aManagerMovesACommentToASiblingTaskAndBothTasksAreRecomputed() {
        // Zou: test_comments_service / MoveCommentResource — same entity only, previews stay, news remade
        Map<String, String> t = w.newAssetTasks("modeling", "animation");
        String source = t.get("modeling");
        String target = t.get("animation");
        String comment = comment(w.as("manager"), source, "wfa", "to move");
        assertThat(w.admin.get("/data/tasks/" + source).map()).containsEntry("task_status_id",
                w.statuses.get("wfa"));

        String path = "/actions/tasks/" + source + "/comments/" + comment + "/move";
        assertThat(w.as("artist").post(path, Map.of("target_task_id", target)).status()).isEqualTo(403);
        assertThat(w.as("manager").post(path, Map.of("target_task_id", w.tasks.get("rigging"))).status())
                .isEqualTo(400);
        assertThat(w.as("manager").post(path, Map.of("target_task_id", source)).status()).isEqualTo(400);
        assertThat(w.as("manager").post(path, Map.of()).status()).isEqualTo(400);

        ApiClient.Reply r = w.as("manager").post(path, Map.of("target_task_id", target));
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.map()).containsEntry("id", comment).containsEntry("object_id", target);
        assertThat(w.admin.get("/data/tasks/" + source).map()).containsEntry("task_status_id",
                w.statuses.get("todo"));
        assertThat(w.admin.get("/data/tasks/" + target).map()).containsEntry("task_status_id",
                w.statuses.get("wfa"));
        assertThat(w.admin.get("/data/news?comment_id=" + comment).list()).singleElement()
                .satisfies(n -> assertThat(n).containsEntry("task_id", target));
        assertThat(w.eventsNamed("comment:delete", "comment_id", comment)).hasSize(1);
        assertThat(w.eventsNamed("comment:new", "comment_id", comment)).anySatisfy(e ->
                assertThat((Map<String, Object>) e.get("data")).containsEntry("task_id", target));
        // the comment now belongs to the target: moving it from the source again is refused
        assertThat(w.as("manager").post(path, Map.of("target_task_id", source)).status()).isEqualTo(400);
    }

    @Test
    void commentManyCommentsWhatTheCallerMayAndSkipsTheRest() {
        Map<String, String> t = w.newAssetTasks("modeling", "rigging", "animation");
        w.admin.put("/data/tasks/" + t.get("animation"), Map.of("assignees", List.of(w.persons.get("artist"))));
        String path = "/actions/projects/" + w.project + "/tasks/comment-many";
        List<Map<String, Object>> body = List.of(
                Map.of("object_id", t.get("modeling"), "task_status_id", w.statuses.get("wip"), "comment", "one"),
                Map.of("object_id", t.get("animation"), "task_status_id", w.statuses.get("wip"), "comment", "two"),
                Map.of("object_id", t.get("rigging"), "comment", "no status: skipped"));
        ApiClient.Reply m = w.as("manager").post(path, body);
        assertThat(m.status()).as(m.text()).isEqualTo(201);
        assertThat(m.list()).extracting(c -> c.get("text")).containsExactly("one", "two");
        assertThat(m.list().get(0)).containsEntry("object_id", t.get("modeling"))
                .containsEntry("person_id", w.persons.get("manager"));
        assertThat(w.admin.get("/data/tasks/" + t.get("modeling")).map()).containsEntry("task_status_id",
                w.statuses.get("wip"));
        assertThat(w.eventsNamed("comment:new", "comment_id", (String) m.list().get(1).get("id"))).hasSize(1);

        // an artist (not a supervisor) only comments the tasks assigned to them
        List<Map<String, Object>> artistBody = List.of(
                Map.of("object_id", t.get("rigging"), "task_status_id", w.statuses.get("wip"), "comment", "no"),
                Map.of("object_id", t.get("animation"), "task_status_id", w.statuses.get("wfa"), "comment", "yes"));
        ApiClient.Reply a = w.as("artist").post(path, artistBody);
        assertThat(a.status()).as(a.text()).isEqualTo(201);
        assertThat(a.list()).extracting(c -> c.get("text")).containsExactly("yes");
        ApiClient.Reply o = w.as("outsider").post(path, artistBody);
        assertThat(o.status()).isEqualTo(201);
        assertThat(o.list()).isEmpty();
        assertThat(w.as("manager").post(path, Map.of("object_id", t.get("rigging"))).status()).isEqualTo(400);
    }
}
