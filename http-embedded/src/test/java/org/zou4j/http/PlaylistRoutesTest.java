package org.zou4j.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Zou's {@code playlists} blueprint over HTTP: lists (paging, sort, clients, episodes), one playlist with its
 * previews, adding entities, entity previews, temporary playlists, build jobs (a real MP4 made by ffmpeg from fixture
 * movies), the zip, client notifications and share links, with permissions and events. Runs on H2; {@link Postgres}
 * runs the same tests on PostgreSQL.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SuppressWarnings("unchecked")
class PlaylistRoutesTest {
    TaskWorld w;
    PlaylistWorld p;

    boolean postgres() {
        return false;
    }

    @BeforeAll
    void start() {
        w = TaskWorld.start(postgres());
        p = new PlaylistWorld(w);
        ApiClient.Reply r = w.admin.put("/data/projects/" + w.project, Map.of("resolution", "320x180", "fps", "25"));
        assertThat(r.status()).as(r.text()).isEqualTo(200);
    }

    @AfterAll
    void stop() {
        if (w != null) {
            w.close();
        }
    }

    /** The same tests on PostgreSQL ({@code ZOU_TEST_PG_URL}; skipped when unset). */
    static class Postgres extends PlaylistRoutesTest {
        @Override
        boolean postgres() {
            return true;
        }
    }

    private static String unique(String prefix) {
        return prefix + " " + System.nanoTime();
    }

    @Test
    void projectPlaylistsArePagedSortedAndClientsSeeOnlyClientOnes() {
        String tag = unique("List");
        String a = (String) p.playlist(tag + " A", Map.of()).get("id");
        String b = (String) p.playlist(tag + " B", Map.of("for_client", true)).get("id");
        List<Map<String, Object>> all = w.as("manager").get("/data/projects/" + w.project + "/playlists?page=1")
                .list();
        // newest update first; list rows carry no shots (build_playlist_dict)
        List<Object> ids = all.stream().map(m -> m.get("id")).toList();
        assertThat(ids).contains(a, b);
        assertThat(ids.indexOf(b)).isLessThan(ids.indexOf(a));
        assertThat(all.get(0)).containsEntry("type", "Playlist").containsKeys("name", "project_id", "episode_id",
                "task_type_id", "for_client", "for_entity", "is_for_all", "created_at", "updated_at", "created_by")
                .doesNotContainKey("shots");
        List<Map<String, Object>> byName = w.as("manager").get("/api/data/projects/" + w.project
                + "/playlists?sort_by=name").list();
        List<String> names = byName.stream().map(m -> (String) m.get("name")).toList();
        assertThat(names).isSorted();
        // test_crud_list_hides_internal_playlists_from_clients: clients only see the client playlists
        List<Map<String, Object>> client = w.as("client").get("/data/projects/" + w.project + "/playlists").list();
        assertThat(client).extracting(m -> m.get("id")).contains(b).doesNotContain(a);
        assertThat(client).allMatch(m -> Boolean.TRUE.equals(m.get("for_client")));
        assertThat(w.as("manager").get("/data/projects/" + w.project + "/playlists?page=500").list()).isEmpty();
        assertThat(w.as("vendor").get("/data/projects/" + w.project + "/playlists").status()).isEqualTo(403);
        assertThat(w.as("outsider").get("/data/projects/" + w.project + "/playlists").status()).isEqualTo(403);
        assertThat(w.anonymous().get("/data/projects/" + w.project + "/playlists").status()).isEqualTo(401);
    }

    @Test
    void playlistsFilterByTaskType() {
        String tag = unique("TT");
        String modeling = (String) p.playlist(tag, Map.of("task_type_id", w.taskTypes.get("modeling"))).get("id");
        List<Map<String, Object>> rows = w.as("manager").get("/data/projects/" + w.project
                + "/playlists?task_type_id=" + w.taskTypes.get("rigging")).list();
        assertThat(rows).extracting(m -> m.get("id")).doesNotContain(modeling);
        rows = w.as("manager").get("/data/projects/" + w.project + "/playlists?task_type_id="
                + w.taskTypes.get("modeling")).list();
        assertThat(rows).extracting(m -> m.get("id")).contains(modeling);
    }

    @Test
    void episodePlaylistsSplitMainAllAndEpisode() {
        String episodeType = w.create("entity-types", Map.of("name", "Episode"));
        String episode = w.create("entities", Map.of("name", unique("E"), "project_id", w.project,
                "entity_type_id", episodeType));
        String tag = unique("Ep");
        String main = (String) p.playlist(tag + " main", Map.of()).get("id");
        String forAll = (String) p.playlist(tag + " all", Map.of("is_for_all", true)).get("id");
        String ofEpisode = (String) p.playlist(tag + " ep", Map.of("episode_id", episode)).get("id");
        String base = "/data/projects/" + w.project + "/episodes/";
        List<Object> mainIds = w.as("manager").get(base + "main/playlists").list().stream().map(m -> m.get("id"))
                .toList();
        assertThat(mainIds).contains(main).doesNotContain(forAll, ofEpisode);
        List<Object> allIds = w.as("manager").get(base + "all/playlists").list().stream().map(m -> m.get("id"))
                .toList();
        assertThat(allIds).contains(forAll).doesNotContain(main, ofEpisode);
        List<Object> epIds = w.as("manager").get(base + episode + "/playlists").list().stream()
                .map(m -> m.get("id")).toList();
        assertThat(epIds).containsExactly(ofEpisode);
        assertThat(w.as("manager").get(base + w.asset + "/playlists").status()).isEqualTo(404);
        assertThat(w.as("outsider").get(base + "main/playlists").status()).isEqualTo(403);
    }

    @Test
    void addEntityResolvesTheLatestPreviewSkipsDuplicatesAndEmitsEvents() {
        Map<String, String> asset = p.asset(unique("Add"));
        String old = p.preview(asset.get("modeling"), 1, 1, "png");
        String latest = p.preview(asset.get("modeling"), 2, 1, "png");
        String playlist = (String) p.playlist(unique("Add"), Map.of()).get("id");
        ApiClient.Reply r = w.as("manager").post("/actions/playlists/" + playlist + "/add-entity",
                Map.of("entity_id", asset.get("entity")));
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat((List<Map<String, Object>>) r.map().get("shots")).containsExactly(
                Map.of("entity_id", asset.get("entity"), "preview_file_id", latest));
        // the same couple again is skipped; another preview of the same entity is a new entry
        r = w.as("manager").post("/actions/playlists/" + playlist + "/add-entities", Map.of("entities", List.of(
                Map.of("entity_id", asset.get("entity"), "preview_file_id", latest),
                Map.of("entity_id", asset.get("entity"), "preview_file_id", old))));
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat((List<Map<String, Object>>) r.map().get("shots")).extracting(m -> m.get("preview_file_id"))
                .containsExactly(latest, old);
        assertThat(w.eventsNamed("playlist:add_entity", "playlist_id", playlist)).hasSize(2);
        // check_playlist_update_access: artists cannot, a supervisor only on their own playlists
        assertThat(w.as("artist").post("/actions/playlists/" + playlist + "/add-entity",
                Map.of("entity_id", asset.get("entity"))).status()).isEqualTo(403);
        assertThat(w.as("supervisor").post("/actions/playlists/" + playlist + "/add-entity",
                Map.of("entity_id", asset.get("entity"))).status()).isEqualTo(403);
        ApiClient.Reply own = w.as("supervisor").post("/data/playlists", Map.of("name", unique("Sup"),
                "project_id", w.project));
        assertThat(own.status()).as(own.text()).isEqualTo(201);
        assertThat(w.as("supervisor").post("/actions/playlists/" + own.map().get("id") + "/add-entity",
                Map.of("entity_id", asset.get("entity"))).status()).isEqualTo(200);
        assertThat(w.as("manager").post("/actions/playlists/" + playlist + "/add-entity",
                Map.of("entity_id", "nope")).status()).isEqualTo(400);
        assertThat(w.as("manager").post("/actions/playlists/" + playlist + "/add-entities",
                Map.of("entities", List.of())).status()).isEqualTo(400);
        assertThat(w.as("manager").post("/actions/playlists/" + java.util.UUID.randomUUID() + "/add-entity",
                Map.of("entity_id", asset.get("entity"))).status()).isEqualTo(404);
    }

    @Test
    void onePlaylistCarriesItsShotsPreviewsAndBuildJobs() {
        Map<String, String> asset = p.asset(unique("One"));
        String r1 = p.preview(asset.get("modeling"), 1, 1, "png");
        String r1b = p.preview(asset.get("modeling"), 1, 2, "png");
        String rig = p.preview(asset.get("rigging"), 1, 1, "png");
        String playlist = (String) p.playlist(unique("One"), Map.of()).get("id");
        p.shots(playlist, List.of(PlaylistWorld.shot(asset.get("entity"), r1)));
        ApiClient.Reply r = w.as("manager").get("/data/projects/" + w.project + "/playlists/" + playlist);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        Map<String, Object> body = r.map();
        assertThat(body).containsEntry("id", playlist).containsEntry("build_jobs", List.of());
        Map<String, Object> shot = ((List<Map<String, Object>>) body.get("shots")).get(0);
        assertThat(shot).containsEntry("id", asset.get("entity")).containsEntry("preview_file_id", r1)
                .containsEntry("preview_file_revision", 1).containsEntry("preview_file_extension", "png")
                .containsEntry("preview_file_task_id", asset.get("modeling")).doesNotContainKey(
                        "preview_file_annotations");
        assertThat((List<Map<String, Object>>) shot.get("preview_file_previews")).extracting(m -> m.get("id"))
                .containsExactly(r1b);
        Map<String, Object> previews = (Map<String, Object>) shot.get("preview_files");
        assertThat(previews).containsKeys(w.taskTypes.get("modeling"), w.taskTypes.get("rigging"));
        assertThat((List<Map<String, Object>>) previews.get(w.taskTypes.get("rigging"))).extracting(m -> m.get("id"))
                .containsExactly(rig);
        // the playlist must be of the project in the path
        String other = w.create("projects", Map.of("name", unique("Other")));
        assertThat(w.admin.get("/data/projects/" + other + "/playlists/" + playlist).status()).isEqualTo(404);
        assertThat(w.as("outsider").get("/data/projects/" + w.project + "/playlists/" + playlist).status())
                .isEqualTo(403);
        assertThat(w.as("vendor").get("/data/projects/" + w.project + "/playlists/" + playlist).status())
                .isEqualTo(403);
        assertThat(w.as("client").get("/data/projects/" + w.project + "/playlists/" + playlist).status())
                .isEqualTo(403);
    }

    @Test
    void entityPreviewFilesAreGroupedByTaskTypeWithRevisionsMixed() {
        Map<String, String> asset = p.asset(unique("EP"));
        String v1 = p.preview(asset.get("modeling"), 1, 1, "png");
        String v2 = p.preview(asset.get("modeling"), 2, 1, "png");
        String v2b = p.preview(asset.get("modeling"), 2, 2, "png");
        ApiClient.Reply r = w.as("artist").get("/data/playlists/entities/" + asset.get("entity") + "/preview-files");
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        List<Map<String, Object>> modeling = (List<Map<String, Object>>) r.map().get(w.taskTypes.get("modeling"));
        assertThat(modeling).extracting(m -> m.get("id")).containsExactly(v2, v1);
        assertThat((List<Map<String, Object>>) modeling.get(0).get("previews")).extracting(m -> m.get("id"))
                .containsExactly(v2b);
        assertThat(modeling.get(0)).containsKeys("revision", "original_name", "extension", "width", "height",
                "duration", "status", "annotations", "created_at", "task_id", "original_width");
        assertThat(w.as("outsider").get("/data/playlists/entities/" + asset.get("entity") + "/preview-files")
                .status()).isEqualTo(403);
        // check_entity_access: a vendor needs a task on the entity
        assertThat(w.as("vendor").get("/data/playlists/entities/" + asset.get("entity") + "/preview-files")
                .status()).isEqualTo(403);
        assertThat(w.admin.get("/data/playlists/entities/" + java.util.UUID.randomUUID() + "/preview-files")
                .status()).isEqualTo(404);
    }

    @Test
    void tempPlaylistBuildsEntriesFromTasks() {
        Map<String, String> b = p.asset("B " + unique("T"));
        Map<String, String> a = p.asset("A " + unique("T"));
        String pv = p.preview(a.get("modeling"), 3, 1, "png");
        ApiClient.Reply r = w.as("manager").post("/data/projects/" + w.project + "/playlists/temp?sort=true",
                Map.of("task_ids", List.of(b.get("modeling"), a.get("modeling"))));
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        List<Map<String, Object>> entries = r.list();
        assertThat(entries).extracting(m -> m.get("id")).containsExactly(a.get("entity"), b.get("entity"));
        assertThat(entries.get(0)).containsEntry("preview_file_id", pv).containsEntry("preview_file_revision", 3)
                .containsEntry("parent_name", "Character").containsEntry("asset_type_name", "Character")
                .containsEntry("preview_file_task_id", a.get("modeling")).containsKey("preview_files");
        assertThat(entries.get(1)).doesNotContainKey("preview_file_id");
        assertThat(w.as("manager").post("/data/projects/" + w.project + "/playlists/temp",
                Map.of("task_ids", List.of())).list()).isEmpty();
        assertThat(w.as("manager").post("/data/projects/" + w.project + "/playlists/temp", Map.of()).status())
                .isEqualTo(400);
        assertThat(w.as("outsider").post("/data/projects/" + w.project + "/playlists/temp",
                Map.of("task_ids", List.of(a.get("modeling")))).status()).isEqualTo(403);
    }

    @Test
    void allPlaylistsAndBuildJobsListsAreForAdmins() {
        String playlist = (String) p.playlist(unique("All"), Map.of()).get("id");
        ApiClient.Reply r = w.admin.get("/data/projects/" + w.project + "/playlists/all");
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.list()).extracting(m -> m.get("id")).contains(playlist);
        Map<String, Object> page = w.admin.get("/data/projects/" + w.project + "/playlists/all?page=1").map();
        assertThat(page).containsKeys("data", "total", "nb_pages", "limit", "offset").containsEntry("page", 1);
        assertThat(w.as("manager").get("/data/projects/" + w.project + "/playlists/all").status()).isEqualTo(403);
        assertThat(w.admin.get("/data/projects/" + w.project + "/build-jobs").status()).isEqualTo(200);
        assertThat(w.as("manager").get("/data/projects/" + w.project + "/build-jobs").status()).isEqualTo(403);
        assertThat(w.admin.get("/data/projects/" + java.util.UUID.randomUUID() + "/build-jobs").status())
                .isEqualTo(404);
    }

    @Test
    void buildingAMovieConcatenatesTheShotsMoviesIntoAPlayableMp4() {
        Map<String, String> one = p.asset(unique("M1"));
        Map<String, String> two = p.asset(unique("M2"));
        String m1 = p.moviePreview(one.get("modeling"), 1, 1);
        String m2 = p.moviePreview(two.get("modeling"), 1, 1);
        String playlist = (String) p.playlist(unique("Movie"), Map.of()).get("id");
        p.shots(playlist, List.of(PlaylistWorld.shot(one.get("entity"), m1),
                PlaylistWorld.shot(two.get("entity"), m2)));
        ApiClient.Reply r = w.as("manager").get("/data/playlists/" + playlist + "/build/mp4");
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        Map<String, Object> job = r.map();
        String jobId = (String) job.get("id");
        assertThat(job).containsEntry("type", "BuildJob").containsEntry("status", "succeeded")
                .containsEntry("job_type", "movie").containsEntry("playlist_id", playlist);
        assertThat(job.get("ended_at")).isNotNull();
        assertThat(w.eventsNamed("build-job:new", "build_job_id", jobId)).hasSize(1);
        assertThat(w.eventsNamed("build-job:update", "build_job_id", jobId)).singleElement()
                .satisfies(e -> assertThat((Map<String, Object>) e.get("data")).containsEntry("status",
                        "succeeded"));

        ApiClient.BytesReply movie = w.as("manager").getBytes("/data/playlists/" + playlist + "/jobs/" + jobId
                + "/build/mp4");
        assertThat(movie.status()).isEqualTo(200);
        assertThat(movie.header("Content-Type")).startsWith("video/mp4");
        assertThat(movie.header("Content-Disposition")).startsWith("attachment; filename=")
                .endsWith(".mp4").contains("_task_world_");
        // two 1 s clips at the project's 320x180 and 25 fps
        String[] probe = PlaylistWorld.probe(movie.body()).split("\\R");
        assertThat(probe[0]).isEqualTo("h264,320,180");
        assertThat(Double.parseDouble(probe[1])).isBetween(1.8, 2.3);

        Map<String, Object> got = w.as("manager").get("/data/playlists/" + playlist + "/jobs/" + jobId).map();
        assertThat(got).containsEntry("id", jobId).containsEntry("status", "succeeded");
        Map<String, Object> withJobs = w.as("manager").get("/data/projects/" + w.project + "/playlists/"
                + playlist).map();
        assertThat((List<Map<String, Object>>) withJobs.get("build_jobs")).singleElement()
                .satisfies(j -> assertThat(j).containsEntry("id", jobId).containsEntry("status", "succeeded")
                        .containsKey("created_at"));
        assertThat(w.admin.get("/data/projects/" + w.project + "/build-jobs").list()).extracting(m -> m.get("id"))
                .contains(jobId);
        // only managers build; supervisors may download (supervisor_access), artists may not
        assertThat(w.as("supervisor").get("/data/playlists/" + playlist + "/build/mp4").status()).isEqualTo(403);
        assertThat(w.as("supervisor").getBytes("/data/playlists/" + playlist + "/jobs/" + jobId + "/build/mp4")
                .status()).isEqualTo(200);
        assertThat(w.as("artist").get("/data/playlists/" + playlist + "/jobs/" + jobId).status()).isEqualTo(403);
        String other = (String) p.playlist(unique("Other"), Map.of()).get("id");
        assertThat(w.as("manager").get("/data/playlists/" + other + "/jobs/" + jobId).status()).isEqualTo(404);

        assertThat(w.as("manager").delete("/data/playlists/" + playlist + "/jobs/" + jobId).status())
                .isEqualTo(204);
        assertThat(w.eventsNamed("build-job:delete", "build_job_id", jobId)).hasSize(1);
        assertThat(w.as("manager").get("/data/playlists/" + playlist + "/jobs/" + jobId).status()).isEqualTo(404);
        assertThat(w.media.exists(org.zou4j.files.FileStore.Bucket.MOVIES, "playlists", jobId)).isFalse();
    }

    @Test
    void aPlaylistWithoutMoviesFailsItsBuildAndTheFailedJobCannotBeDownloaded() {
        Map<String, String> asset = p.asset(unique("NoMovie"));
        String picture = p.preview(asset.get("modeling"), 1, 1, "png");
        String playlist = (String) p.playlist(unique("NoMovie"), Map.of()).get("id");
        p.shots(playlist, List.of(PlaylistWorld.shot(asset.get("entity"), picture)));
        ApiClient.Reply r = w.as("manager").get("/data/playlists/" + playlist + "/build/mp4");
        assertThat(r.status()).as(r.text()).isEqualTo(400);
        Map<String, Object> job = (Map<String, Object>) r.map().get("build_job");
        assertThat(job).containsEntry("status", "failed");
        ApiClient.Reply download = w.as("manager").get("/data/playlists/" + playlist + "/jobs/" + job.get("id")
                + "/build/mp4");
        assertThat(download.status()).isEqualTo(400);
        assertThat(download.map()).containsEntry("message", "Build is not finished");
    }

    @Test
    void theZipHoldsEveryPreviewOfThePositionedRevisions() throws IOException {
        Map<String, String> asset = p.asset(unique("Zip"));
        String first = p.picturePreview(asset.get("modeling"), 1, 1, new byte[] {1, 2, 3});
        p.picturePreview(asset.get("modeling"), 1, 2, new byte[] {4, 5});
        String movie = p.moviePreview(asset.get("rigging"), 1, 1);
        String playlist = (String) p.playlist(unique("Zip"), Map.of()).get("id");
        p.shots(playlist, List.of(PlaylistWorld.shot(asset.get("entity"), first),
                PlaylistWorld.shot(asset.get("entity"), movie)));
        ApiClient.BytesReply r = w.as("manager").getBytes("/data/playlists/" + playlist + "/download/zip");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Type")).startsWith("application/zip");
        assertThat(r.header("Content-Disposition")).startsWith("attachment; filename=task_world_").endsWith(".zip");
        List<String> names = new ArrayList<>();
        Map<String, Integer> sizes = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(r.body()))) {
            ZipEntry e;
            while ((e = zip.getNextEntry()) != null) {
                names.add(e.getName());
                sizes.put(e.getName(), zip.readAllBytes().length);
            }
        }
        assertThat(names).hasSize(3);
        assertThat(names.get(0)).startsWith("task_world_").endsWith("_modeling_v1.png");
        assertThat(names.get(1)).endsWith("_modeling_v1-2.png");
        assertThat(names.get(2)).endsWith("_rigging_v1.mp4");
        assertThat(sizes.get(names.get(0))).isEqualTo(3);
        assertThat(w.as("artist").getBytes("/data/playlists/" + playlist + "/download/zip").status())
                .isEqualTo(403);
    }

    @Test
    void notifyClientsNotifiesTheTeamClients() {
        String playlist = (String) p.playlist(unique("Notify"), Map.of("for_client", true)).get("id");
        ApiClient.Reply r = w.as("manager").post("/data/playlists/" + playlist + "/notify-clients", Map.of());
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.map()).containsEntry("status", "success");
        List<Map<String, Object>> notifications = w.admin.get("/data/notifications?playlist_id=" + playlist).list();
        assertThat(notifications).singleElement().satisfies(n -> assertThat(n)
                .containsEntry("person_id", w.persons.get("client")).containsEntry("notification_type", "playlist-ready")
                .containsEntry("author_id", w.persons.get("manager")));
        assertThat(w.eventsNamed("notification:new", "person_id", w.persons.get("client"))).isNotEmpty();
        // an empty body is accepted (get_json(silent=True) or {})
        assertThat(w.as("manager").send("POST", "/data/playlists/" + playlist + "/notify-clients", null, null)
                .status()).isEqualTo(200);
        assertThat(w.as("supervisor").post("/data/playlists/" + playlist + "/notify-clients", Map.of()).status())
                .isEqualTo(403);
        assertThat(w.as("manager").post("/data/playlists/" + playlist + "/notify-clients",
                Map.of("studio_id", "x")).status()).isEqualTo(400);
    }

    @Test
    void shareLinksAreCreatedListedRevokedAndMailedByManagers() {
        String playlist = (String) p.playlist(unique("Share"), Map.of()).get("id");
        String base = "/data/playlists/" + playlist + "/share";
        // test_share_link_password_is_hashed_and_not_serialized
        ApiClient.Reply created = w.as("manager").post(base, Map.of("password", "s3cret", "can_comment", false,
                "expiration_date", "2099-01-10"));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        Map<String, Object> link = created.map();
        assertThat(link).containsEntry("type", "PlaylistShareLink").containsEntry("playlist_id", playlist)
                .containsEntry("is_active", true).containsEntry("can_comment", false)
                .containsEntry("has_password", true).containsEntry("created_by", w.persons.get("manager"))
                .doesNotContainKey("password");
        assertThat((String) link.get("expiration_date")).startsWith("2099-01-10T23:59:59");
        String token = (String) link.get("token");
        ApiClient.Reply open = w.as("manager").post(base, Map.of());
        assertThat(open.map()).containsEntry("has_password", false).containsEntry("can_comment", true);
        assertThat(w.as("manager").get(base).list()).extracting(m -> m.get("token")).contains(token,
                open.map().get("token"));
        // test_invite_share_link / test_invite_share_link_rejects_invalid_email
        ApiClient.Reply invite = w.as("manager").post(base + "/" + token + "/invite", Map.of("emails",
                List.of("Reviewer@Example.com", "reviewer@example.com"), "person_ids",
                List.of(w.persons.get("client")), "message", "Please look"));
        assertThat(invite.status()).as(invite.text()).isEqualTo(200);
        assertThat((List<String>) invite.map().get("sent")).containsExactly("Reviewer@Example.com",
                "client@world.example");
        assertThat(w.as("manager").post(base + "/" + token + "/invite", Map.of("emails", List.of("nope")))
                .status()).isEqualTo(400);
        // test_revoke_share_link_rejects_mismatched_playlist
        String other = (String) p.playlist(unique("Share2"), Map.of()).get("id");
        assertThat(w.as("manager").delete("/data/playlists/" + other + "/share/" + token).status()).isEqualTo(404);
        assertThat(w.as("manager").post("/data/playlists/" + other + "/share/" + token + "/invite",
                Map.of("emails", List.of("a@b.co"))).status()).isEqualTo(404);
        ApiClient.Reply revoked = w.as("manager").delete(base + "/" + token);
        assertThat(revoked.status()).isEqualTo(200);
        assertThat(revoked.map()).containsEntry("is_active", false);
        assertThat(w.as("manager").get(base).list()).extracting(m -> m.get("token")).doesNotContain(token);
        assertThat(w.as("manager").post(base + "/" + token + "/invite", Map.of("emails", List.of("a@b.co")))
                .status()).isEqualTo(404);
        // test_share_link_routes_check_project_access
        for (String who : List.of("supervisor", "artist", "client", "outsider")) {
            assertThat(w.as(who).get(base).status()).as(who).isEqualTo(403);
            assertThat(w.as(who).post(base, Map.of()).status()).as(who).isEqualTo(403);
        }
        assertThat(w.as("manager").post(base, Map.of("expiration_date", "soon")).status()).isEqualTo(400);
    }

    @Test
    void thePlaylistCsvExportListsEachShotWithItsTaskAndLastComment() {
        // tests/blueprints/export/test_playlist_to_csv.py test_get_playlist
        Map<String, String> asset = p.asset(unique("Csv"));
        String preview = p.preview(asset.get("modeling"), 4, 1, "png");
        String name = unique("Csv list");
        String playlist = (String) p.playlist(name, Map.of()).get("id");
        p.shots(playlist, List.of(PlaylistWorld.shot(asset.get("entity"), preview)));
        ApiClient.Reply c = w.as("manager").post("/actions/tasks/" + asset.get("modeling") + "/comment",
                Map.of("task_status_id", w.statuses.get("wip"), "comment", "Nice; keep going"));
        assertThat(c.status()).as(c.text()).isEqualTo(201);
        ApiClient.Reply r = w.as("manager").get("/export/csv/playlists/" + playlist);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.header("Content-Type")).startsWith("text/csv");
        assertThat(r.header("Content-Disposition")).startsWith("attachment; filename=kitsu_task_world_playlist_csv_list_")
                .endsWith(".csv");
        String[] lines = r.text().split("\r\n");
        assertThat(lines[0]).startsWith("Playlist;Task World | for shots;" + name + ";");
        assertThat(lines[1]).isEqualTo(";;;;;;");
        assertThat(lines[2]).isEqualTo("Entity name;Nb Frames;Task Type;Retake count;Revision;Task Status;"
                + "Last comment author;Last comment date;Last comment");
        assertThat(lines[3]).startsWith("Character / " + asset.get("name") + ";;Modeling;0;4;World wip;Mona Manager;")
                .endsWith(";\"Nice; keep going\"");
        assertThat(w.as("artist").get("/export/csv/playlists/" + playlist).status()).isEqualTo(403);
        assertThat(w.as("vendor").get("/export/csv/playlists/" + playlist).status()).isEqualTo(403);
        assertThat(w.as("supervisor").get("/export/csv/playlists/" + playlist).status()).isEqualTo(200);
        assertThat(w.admin.get("/export/csv/playlists/" + java.util.UUID.randomUUID()).status()).isEqualTo(404);
    }

    @Test
    void theSoundOfTheShotsIsKeptWithSilenceForSilentShots() {
        Map<String, String> loud = p.asset(unique("Loud"));
        Map<String, String> quiet = p.asset(unique("Quiet"));
        String withSound = p.moviePreview(loud.get("modeling"), 1, 1, PlaylistWorld.makeMovie(320, 240, 1, true));
        String silent = p.moviePreview(quiet.get("modeling"), 1, 1);
        String playlist = (String) p.playlist(unique("Sound"), Map.of()).get("id");
        p.shots(playlist, List.of(PlaylistWorld.shot(quiet.get("entity"), silent),
                PlaylistWorld.shot(loud.get("entity"), withSound)));
        ApiClient.Reply r = w.as("manager").get("/data/playlists/" + playlist + "/build/mp4");
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        byte[] movie = w.as("manager").getBytes("/data/playlists/" + playlist + "/jobs/" + r.map().get("id")
                + "/build/mp4").body();
        assertThat(PlaylistWorld.audioCodec(movie)).isEqualTo("aac");
        String[] probe = PlaylistWorld.probe(movie).split("\\R");
        assertThat(probe[0]).isEqualTo("h264,320,180");
        assertThat(Double.parseDouble(probe[1])).isBetween(1.8, 2.3);
        // the silent-only build has no sound stream
        Map<String, String> other = p.asset(unique("Mute"));
        String mute = p.moviePreview(other.get("modeling"), 1, 1);
        String mutePlaylist = (String) p.playlist(unique("Mute"), Map.of()).get("id");
        p.shots(mutePlaylist, List.of(PlaylistWorld.shot(other.get("entity"), mute)));
        ApiClient.Reply m = w.as("manager").get("/data/playlists/" + mutePlaylist + "/build/mp4");
        assertThat(m.status()).as(m.text()).isEqualTo(200);
        assertThat(PlaylistWorld.audioCodec(w.as("manager").getBytes("/data/playlists/" + mutePlaylist + "/jobs/"
                + m.map().get("id") + "/build/mp4").body())).isEmpty();
    }
}
