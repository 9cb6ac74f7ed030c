package org.zou4j.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Zou's {@code shared} blueprint over HTTP, with no account: a share token opens its playlist (password, revocation
 * and expiry honoured), its context, guests bound to the link, guest comments and annotations on the playlist's
 * preview tasks only, and the playlist's previews only. Cites tests/blueprints/shared/test_playlist_sharing.py. Runs
 * on H2; {@link Postgres} runs the same tests on PostgreSQL.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SuppressWarnings("unchecked")
class SharedRoutesTest {
    static final byte[] PNG = "png-bytes".getBytes(StandardCharsets.US_ASCII);

    TaskWorld w;
    PlaylistWorld p;
    ApiClient guest;
    String clientStatus;
    Map<String, String> asset;
    Map<String, String> outside;
    String movie;
    String picture;
    String sibling;
    String otherRevision;
    String outsidePreview;
    String playlist;
    String token;

    boolean postgres() {
        return false;
    }

    @BeforeAll
    void start() {
        w = TaskWorld.start(postgres());
        p = new PlaylistWorld(w);
        guest = w.anonymous();
        clientStatus = w.create("task-status", Map.of("name", "Client ok", "short_name", "cok", "color", "#00ff00",
                "is_client_allowed", true));
        w.admin.post("/data/task-status-links", Map.of("project_id", w.project, "task_status_id", clientStatus));
        w.admin.put("/data/tasks/" + w.tasks.get("modeling"), Map.of("task_status_id", w.statuses.get("todo")));
        asset = p.asset("Shared hero");
        outside = p.asset("Not shared");
        movie = p.moviePreview(asset.get("modeling"), 1, 1);
        picture = p.picturePreview(asset.get("rigging"), 2, 1, PNG);
        sibling = p.picturePreview(asset.get("rigging"), 2, 2, PNG);
        otherRevision = p.picturePreview(asset.get("rigging"), 1, 1, PNG);
        outsidePreview = p.picturePreview(outside.get("modeling"), 1, 1, PNG);
        playlist = (String) p.playlist("Shared " + System.nanoTime(), Map.of()).get("id");
        p.shots(playlist, List.of(PlaylistWorld.shot(asset.get("entity"), movie),
                PlaylistWorld.shot(asset.get("entity"), picture)));
        token = share(Map.of());
    }

    @AfterAll
    void stop() {
        if (w != null) {
            w.close();
        }
    }

    /** The same tests on PostgreSQL ({@code ZOU_TEST_PG_URL}; skipped when unset). */
    static class Postgres extends SharedRoutesTest {
        @Override
        boolean postgres() {
            return true;
        }
    }

    private String share(Map<String, Object> body) {
        ApiClient.Reply r = w.as("manager").post("/data/playlists/" + playlist + "/share", body);
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return (String) r.map().get("token");
    }

    private String base() {
        return "/shared/playlists/" + token;
    }

    private String newGuest(String tokenValue, String first) {
        ApiClient.Reply r = guest.post("/shared/playlists/" + tokenValue + "/guest", Map.of("first_name", first,
                "last_name", "Reviewer"));
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return (String) r.map().get("id");
    }

    @Test
    void theTokenOpensThePlaylistWithEnrichedShotsAndAnnotations() {
        // test_get_shared_playlist
        ApiClient.Reply r = guest.get(base());
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        Map<String, Object> body = r.map();
        assertThat(body).containsEntry("id", playlist).containsEntry("project_name", "Task World")
                .containsKey("project_fps");
        List<Map<String, Object>> shots = (List<Map<String, Object>>) body.get("shots");
        assertThat(shots).hasSize(2);
        assertThat(shots.get(0)).containsEntry("name", "Shared hero").containsEntry("parent_name", "Character")
                .containsEntry("preview_file_id", movie).containsEntry("preview_file_task_id", asset.get("modeling"))
                .containsEntry("preview_file_task_type_name", "Modeling").containsKey("preview_file_annotations")
                .containsKey("task_status_color");
        // test_get_shared_playlist_invalid_token / test_get_shared_playlist_revoked
        assertThat(guest.get("/shared/playlists/not-a-token").status()).isEqualTo(404);
        String revoked = share(Map.of());
        assertThat(w.as("manager").delete("/data/playlists/" + playlist + "/share/" + revoked).status())
                .isEqualTo(200);
        assertThat(guest.get("/shared/playlists/" + revoked).status()).isEqualTo(404);
        assertThat(guest.get("/shared/playlists/" + revoked + "/context").status()).isEqualTo(404);
        String expired = share(Map.of("expiration_date", "2001-01-01"));
        assertThat(guest.get("/shared/playlists/" + expired).status()).isEqualTo(404);
        // test_share_link_password_validates_with_bcrypt
        String locked = share(Map.of("password", "open sesame"));
        assertThat(guest.get("/shared/playlists/" + locked).status()).isEqualTo(404);
        assertThat(guest.get("/shared/playlists/" + locked + "?password=wrong").status()).isEqualTo(404);
        assertThat(guest.get("/api/shared/playlists/" + locked + "?password=open%20sesame").status())
                .isEqualTo(200);
    }

    @Test
    void theContextCarriesTheProjectTaskTypesStatusesAndEntities() {
        // test_get_shared_playlist_context
        Map<String, Object> ctx = guest.get(base() + "/context").map();
        assertThat((Map<String, Object>) ctx.get("project")).containsEntry("id", w.project)
                .containsEntry("name", "Task World").containsEntry("team", List.of()).containsKeys("fps", "ratio",
                        "resolution");
        assertThat((List<Map<String, Object>>) ctx.get("task_types")).extracting(m -> m.get("id"))
                .contains(w.taskTypes.get("modeling"));
        assertThat((List<Map<String, Object>>) ctx.get("task_types")).allSatisfy(m ->
                assertThat(m).containsOnlyKeys("id", "name", "color", "for_entity"));
        assertThat((List<Map<String, Object>>) ctx.get("task_statuses")).extracting(m -> m.get("id"))
                .contains(clientStatus);
        assertThat((List<Map<String, Object>>) ctx.get("entities")).singleElement().satisfies(e ->
                assertThat(e).containsEntry("id", asset.get("entity")).containsEntry("name", "Shared hero"));
    }

    @Test
    void guestsAreBoundToTheLinkThatMadeThem() {
        // test_create_guest / test_create_guest_emits_person_new / test_reuse_guest
        ApiClient.Reply made = guest.post(base() + "/guest", Map.of("first_name", "Gina"));
        assertThat(made.status()).as(made.text()).isEqualTo(201);
        Map<String, Object> person = made.map();
        assertThat(person).containsEntry("first_name", "Gina").containsEntry("role", "client")
                .containsEntry("is_guest", true).doesNotContainKey("password");
        String id = (String) person.get("id");
        assertThat(w.eventsNamed("person:new", "person_id", id)).hasSize(1);
        ApiClient.Reply reused = guest.post(base() + "/guest", Map.of("guest_id", id));
        assertThat(reused.status()).isEqualTo(200);
        assertThat(reused.map()).containsEntry("id", id);
        // test_reuse_guest_id_other_link_rejected / test_create_guest_same_name_different_link
        String other = share(Map.of());
        ApiClient.Reply elsewhere = guest.post("/shared/playlists/" + other + "/guest", Map.of("guest_id", id,
                "first_name", "Gina"));
        assertThat(elsewhere.status()).isEqualTo(201);
        assertThat(elsewhere.map().get("id")).isNotEqualTo(id);
        assertThat(guest.post("/shared/playlists/nope/guest", Map.of()).status()).isEqualTo(404);
        // a guest has no account: its person cannot log in and the CRUD routes refuse the anonymous caller
        assertThat(guest.get("/data/persons/" + id).status()).isEqualTo(401);
    }

    private ApiClient.Reply comment(String guestId, String task, String status, String text) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("guest_id", guestId);
        body.put("task_id", task);
        body.put("task_status_id", status);
        body.put("text", text);
        return guest.post(base() + "/comments", body);
    }

    @Test
    void guestsCommentOnThePlaylistTasksWithClientStatusesOnly() {
        String gina = newGuest(token, "Guest" + System.nanoTime());
        // test_guest_comment
        ApiClient.Reply r = comment(gina, asset.get("modeling"), clientStatus, "Looks good");
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        String commentId = (String) r.map().get("id");
        assertThat(r.map()).containsEntry("person_id", gina).containsEntry("object_id", asset.get("modeling"));
        assertThat(w.eventsNamed("comment:new", "comment_id", commentId)).hasSize(1);
        assertThat(w.admin.get("/data/tasks/" + asset.get("modeling")).map()).containsEntry("task_status_id",
                clientStatus);
        // test_guest_comment_rejects_foreign_task / _non_client_status / _foreign_guest
        assertThat(comment(gina, outside.get("modeling"), clientStatus, "x").status()).isEqualTo(403);
        ApiClient.Reply locked = comment(gina, asset.get("modeling"), w.statuses.get("locked"), "x");
        assertThat(locked.status()).isEqualTo(400);
        assertThat(locked.map()).containsEntry("error", "Task status not allowed for guests");
        assertThat(comment(w.persons.get("client"), asset.get("modeling"), clientStatus, "x").status())
                .isEqualTo(403);
        // a staff comment is hidden unless for_client
        ApiClient.Reply staff = w.as("manager").post("/actions/tasks/" + asset.get("modeling") + "/comment",
                Map.of("task_status_id", clientStatus, "comment", "internal note"));
        assertThat(staff.status()).as(staff.text()).isEqualTo(201);
        ApiClient.Reply forClient = w.as("manager").post("/actions/tasks/" + asset.get("modeling") + "/comment",
                Map.of("task_status_id", clientStatus, "comment", "client note", "for_client", true));
        assertThat(forClient.status()).isEqualTo(201);
        List<Map<String, Object>> visible = guest.get(base() + "/comments").list();
        assertThat(visible).extracting(m -> m.get("text")).contains("Looks good", "client note")
                .doesNotContain("internal note");
        Map<String, Object> mine = visible.stream().filter(m -> commentId.equals(m.get("id"))).findFirst()
                .orElseThrow();
        assertThat((Map<String, Object>) mine.get("person")).containsEntry("is_guest", true);
        assertThat((Map<String, Object>) mine.get("task_status")).containsEntry("id", clientStatus);

        // test_guest_edits_own_comment / test_guest_cannot_touch_another_guest_comment
        String other = newGuest(token, "Other" + System.nanoTime());
        ApiClient.Reply edit = guest.put(base() + "/comments/" + commentId, Map.of("guest_id", gina,
                "text", "Looks great"));
        assertThat(edit.status()).as(edit.text()).isEqualTo(200);
        assertThat(edit.map()).containsEntry("text", "Looks great").containsEntry("editor_id", gina);
        assertThat(w.eventsNamed("comment:update", "comment_id", commentId)).hasSize(1);
        assertThat(guest.put(base() + "/comments/" + commentId, Map.of("guest_id", other, "text", "hack"))
                .status()).isEqualTo(403);
        assertThat(guest.put(base() + "/comments/" + staff.map().get("id"), Map.of("guest_id", gina,
                "text", "hack")).status()).isEqualTo(403);
        assertThat(guest.put(base() + "/comments/" + java.util.UUID.randomUUID(), Map.of("guest_id", gina,
                "text", "x")).status()).isEqualTo(404);

        // test_guest_attaches_a_file_to_own_comment
        String boundary = "----shared" + System.nanoTime();
        String form = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"guest_id\"\r\n\r\n" + gina
                + "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"note.txt\"\r\n"
                + "Content-Type: text/plain\r\n\r\nhello\r\n--" + boundary + "--\r\n";
        ApiClient.Reply attached = guest.sendBytes("POST", base() + "/comments/" + commentId + "/attachments",
                form.getBytes(StandardCharsets.UTF_8), "multipart/form-data; boundary=" + boundary);
        assertThat(attached.status()).as(attached.text()).isEqualTo(201);
        assertThat((List<Map<String, Object>>) attached.map().get("attachment_files")).singleElement()
                .satisfies(a -> assertThat(a).containsEntry("name", "note.txt"));

        String attachmentId = (String) ((List<Map<String, Object>>) attached.map().get("attachment_files")).get(0)
                .get("id");
        ApiClient.BytesReply file = guest.getBytes(base() + "/attachment-files/" + attachmentId + "/file/note.txt");
        assertThat(file.status()).isEqualTo(200);
        assertThat(new String(file.body(), StandardCharsets.UTF_8)).isEqualTo("hello");
        assertThat(file.header("Content-Disposition")).startsWith("attachment;");
        assertThat(guest.get("/shared/playlists/" + share(Map.of()) + "/attachment-files/" + java.util.UUID
                .randomUUID() + "/file/x.txt").status()).isEqualTo(404);
        // test_guest_removes_own_attachment / test_guest_cannot_remove_an_attachment_of_another_comment
        assertThat(guest.send("DELETE", base() + "/comments/" + staff.map().get("id") + "/attachments/"
                + attachmentId, ApiClient.json(Map.of("guest_id", gina)), "application/json").status())
                .isEqualTo(403);
        assertThat(guest.send("DELETE", base() + "/comments/" + commentId + "/attachments/" + attachmentId
                + "?guest_id=" + gina, null, null).status()).isEqualTo(204);
        assertThat(guest.get(base() + "/attachment-files/" + attachmentId + "/file/note.txt").status())
                .isEqualTo(404);

        // test_guest_deletes_own_comment
        assertThat(guest.send("DELETE", base() + "/comments/" + commentId, ApiClient.json(Map.of("guest_id",
                other)), "application/json").status()).isEqualTo(403);
        assertThat(guest.send("DELETE", base() + "/comments/" + commentId, ApiClient.json(Map.of("guest_id",
                gina)), "application/json").status()).isEqualTo(204);
        assertThat(w.admin.get("/data/comments/" + commentId).status()).isEqualTo(404);
        assertThat(w.eventsNamed("comment:delete", "comment_id", commentId)).hasSize(1);
    }

    @Test
    void aLinkWithoutCommentsRefusesGuestWrites() {
        // test_guest_comment_disabled
        String readOnly = share(Map.of("can_comment", false));
        String g = newGuest(readOnly, "Ro" + System.nanoTime());
        Map<String, Object> body = Map.of("guest_id", g, "task_id", asset.get("modeling"), "task_status_id",
                clientStatus, "text", "x");
        ApiClient.Reply r = guest.post("/shared/playlists/" + readOnly + "/comments", body);
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.map()).containsEntry("error", "Comments are disabled for this link");
        assertThat(guest.put("/shared/playlists/" + readOnly + "/annotations", Map.of("guest_id", g,
                "preview_file_id", movie, "additions", List.of())).status()).isEqualTo(403);
    }

    @Test
    void guestsAnnotateThePlaylistPreviewsOnly() {
        String g = newGuest(token, "Ann" + System.nanoTime());
        Map<String, Object> object = new LinkedHashMap<>(Map.of("type", "path", "id", "obj-1"));
        ApiClient.Reply r = guest.put(base() + "/annotations", Map.of("guest_id", g, "preview_file_id", picture,
                "additions", List.of(Map.of("time", 0, "drawing", Map.of("objects", List.of(object,
                        Map.of("type", "text")))))));
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        List<Map<String, Object>> annotations = (List<Map<String, Object>>) r.map().get("annotations");
        List<Map<String, Object>> objects = (List<Map<String, Object>>) ((Map<String, Object>) annotations.get(0)
                .get("drawing")).get("objects");
        assertThat(objects).hasSize(2).allSatisfy(o -> assertThat(o.get("id")).isNotNull());
        assertThat(w.eventsNamed("preview-file:annotation-update", "preview_file_id", picture)).isNotEmpty();
        r = guest.put(base() + "/annotations", Map.of("guest_id", g, "preview_file_id", picture,
                "updates", List.of(Map.of("time", 0, "drawing", Map.of("objects", List.of(Map.of("id", "obj-1",
                        "type", "path", "color", "red"))))),
                "deletions", List.of(Map.of("time", 0, "objects", List.of(objects.get(1).get("id"))))));
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        objects = (List<Map<String, Object>>) ((Map<String, Object>) ((List<Map<String, Object>>) r.map()
                .get("annotations")).get(0).get("drawing")).get("objects");
        assertThat(objects).singleElement().satisfies(o -> assertThat(o).containsEntry("color", "red"));
        assertThat(guest.put(base() + "/annotations", Map.of("guest_id", g, "preview_file_id", outsidePreview,
                "additions", List.of())).status()).isEqualTo(403);
        assertThat(guest.put(base() + "/annotations", Map.of("guest_id", w.persons.get("client"),
                "preview_file_id", picture, "additions", List.of())).status()).isEqualTo(403);
    }

    @Test
    void theTokenServesThePlaylistPreviewsAndTheirSiblingsOnly() {
        // test_shared_preview_file_download / _sibling_position / _other_revision_rejected
        assertThat(guest.get(base() + "/preview-files/" + picture).map()).containsEntry("id", picture);
        assertThat(guest.get(base() + "/preview-files/" + sibling).status()).isEqualTo(200);
        assertThat(guest.get(base() + "/preview-files/" + otherRevision).status()).isEqualTo(403);
        // test_a_preview_the_playlist_does_not_carry_is_refused
        assertThat(guest.get(base() + "/preview-files/" + outsidePreview).status()).isEqualTo(403);
        assertThat(guest.get(base() + "/preview-files/" + java.util.UUID.randomUUID()).status()).isEqualTo(404);

        ApiClient.BytesReply mp4 = guest.getBytes(base() + "/movies/originals/preview-files/" + movie + ".mp4");
        assertThat(mp4.status()).isEqualTo(200);
        assertThat(mp4.header("Content-Type")).startsWith("video/mp4");
        assertThat(mp4.body()).isEqualTo(p.movie());
        ApiClient.BytesReply thumb = guest.getBytes(base() + "/pictures/thumbnails/preview-files/" + picture
                + ".png");
        assertThat(thumb.status()).isEqualTo(200);
        assertThat(thumb.body()).isEqualTo(PNG);
        // test_shared_original_png_still_served / test_shared_original_extension_not_allowed
        assertThat(guest.getBytes(base() + "/pictures/originals/preview-files/" + sibling + ".png").body())
                .isEqualTo(PNG);
        assertThat(guest.get(base() + "/pictures/originals/preview-files/" + picture + ".exe").status())
                .isEqualTo(400);
        // test_shared_original_missing_file
        assertThat(guest.get(base() + "/movies/tiles/preview-files/" + movie + ".png").status()).isEqualTo(404);
        ApiClient.BytesReply download = guest.getBytes(base() + "/preview-files/" + movie + "/download");
        assertThat(download.status()).isEqualTo(200);
        assertThat(download.header("Content-Disposition")).startsWith("attachment; filename=task_world_")
                .endsWith("_modeling_v1.mp4");
        // test_shared_preview_file_download_invalid_token
        assertThat(guest.get("/shared/playlists/bad/preview-files/" + movie + "/download").status())
                .isEqualTo(404);
        assertThat(guest.get(base() + "/movies/originals/preview-files/" + outsidePreview + ".mp4").status())
                .isEqualTo(403);
    }
}
