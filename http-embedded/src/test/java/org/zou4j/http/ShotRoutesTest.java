package org.zou4j.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Zou's shots blueprint over HTTP: episodes, sequences, shots, scenes, their lists, GET/PUT/DELETE, with-tasks. */
class ShotRoutesTest extends EntityRoutesTestBase {
    private String project;
    private String layout;
    private String todo;

    @BeforeAll
    void setUp() {
        project = f.project("Sprite Fright");
        layout = f.create("task-types", Map.of("name", "Layout", "color", "#112233", "for_entity", "Shot"));
        todo = f.create("task-status", Map.of("name", "Todo", "short_name", "todo", "color", "#f5f5f5"));
    }

    // Zou tests/blueprints/shots/test_shots.py: test_create_shot; creating twice answers the same entity (Zou's get_by)
    @Test
    void creationAnswersTheEntityEmitsEventsAndIsIdempotentByName() {
        Map<String, Object> ep = post("/data/projects/" + project + "/episodes", Map.of("name", "E01"));
        assertThat(ep).containsEntry("type", "Episode").containsEntry("name", "E01").containsEntry("status", "running");
        assertThat(data(f.lastEvent("episode:new"))).containsEntry("episode_id", ep.get("id"));
        Map<String, Object> sq = post("/data/projects/" + project + "/sequences",
                Map.of("name", "SQ01", "episode_id", ep.get("id")));
        assertThat(sq).containsEntry("type", "Sequence").containsEntry("parent_id", ep.get("id"));
        assertThat(data(f.lastEvent("sequence:new"))).containsEntry("sequence_id", sq.get("id"));
        Map<String, Object> sh = post("/data/projects/" + project + "/shots",
                Map.of("name", "SH010", "sequence_id", sq.get("id"), "nb_frames", 48, "data", Map.of("fps", 24)));
        assertThat(sh).containsEntry("type", "Shot").containsEntry("parent_id", sq.get("id"))
                .containsEntry("nb_frames", 48);
        assertThat(data(f.lastEvent("shot:new"))).containsEntry("shot_id", sh.get("id"))
                .containsEntry("episode_id", ep.get("id"));
        Map<String, Object> again = post("/data/projects/" + project + "/shots",
                Map.of("name", "SH010", "sequence_id", sq.get("id")));
        assertThat(again.get("id")).isEqualTo(sh.get("id"));
        Map<String, Object> scene = post("/data/projects/" + project + "/scenes",
                Map.of("name", "SC01", "sequence_id", sq.get("id")));
        assertThat(scene).containsEntry("type", "Scene").containsEntry("parent_id", sq.get("id"));

        assertThat(admin.post("/data/projects/" + project + "/shots", Map.of("name", "X", "sequence_id",
                ep.get("id"))).status()).as("a parent of the wrong kind").isEqualTo(404);
        assertThat(admin.post("/data/projects/" + project + "/shots", Map.of("sequence_id", sq.get("id")))
                .status()).isEqualTo(400);
    }

    @Test
    void fullGetsAnswerZousJoinedNames() {
        String p = f.project("Full");
        String ep = (String) post("/data/projects/" + p + "/episodes", Map.of("name", "E01")).get("id");
        String sq = (String) post("/data/projects/" + p + "/sequences", Map.of("name", "SQ01", "episode_id", ep))
                .get("id");
        String sh = (String) post("/data/projects/" + p + "/shots", Map.of("name", "SH010", "sequence_id", sq,
                "data", Map.of("fps", 24, "frame_in", 1))).get("id");
        String sc = (String) post("/data/projects/" + p + "/scenes", Map.of("name", "SC01", "sequence_id", sq))
                .get("id");
        String task = f.task(p, sh, layout, todo);

        Map<String, Object> shot = admin.get("/data/shots/" + sh).map();
        assertThat(shot).containsEntry("type", "Shot").containsEntry("sequence_id", sq)
                .containsEntry("sequence_name", "SQ01").containsEntry("episode_id", ep)
                .containsEntry("episode_name", "E01").containsEntry("project_name", "Full")
                .containsEntry("fps", 24).containsEntry("frame_in", 1).containsEntry("frame_out", null)
                .containsKeys("entities_out", "instance_casting", "tasks");
        assertThat((List<?>) shot.get("tasks")).hasSize(1);
        assertThat(admin.get("/data/sequences/" + sq).map()).containsEntry("type", "Sequence")
                .containsEntry("project_name", "Full").containsEntry("episode_id", ep)
                .containsEntry("episode_name", "E01");
        assertThat(admin.get("/data/episodes/" + ep).map()).containsEntry("type", "Episode")
                .containsEntry("project_name", "Full");
        assertThat(admin.get("/data/scenes/" + sc).map()).containsEntry("type", "Scene")
                .containsEntry("sequence_name", "SQ01").containsEntry("episode_name", "E01");
        assertThat(admin.get("/data/shots/" + sq).status()).as("a sequence id is no shot").isEqualTo(404);
        assertThat(admin.get("/data/sequences/" + sh).status()).isEqualTo(404);
        assertThat(admin.get("/data/episodes/nope").status()).isEqualTo(404);
        // Zou tests/blueprints/shots/test_shots.py: test_get_shot_with_invalid_id, test_get_shots_for_project_404
        assertThat(admin.get("/data/shots/undefined").status()).isEqualTo(404);
        assertThat(admin.get("/data/projects/unknown/shots").status()).isEqualTo(404);
        // test_get_shots_by_project_and_name: a malformed project_id criterion is a 400
        assertThat(admin.get("/data/shots/all?project_id=undefined&name=SH01").status()).isEqualTo(400);
        assertThat(admin.get("/data/shots/all?project_id=" + p + "&name=sh010").list()).extracting(m -> m.get("id"))
                .containsExactly(sh);

        assertThat(admin.get("/data/shots/" + sh + "/tasks").list()).extracting(t -> t.get("id"))
                .containsExactly(task);
        assertThat(admin.get("/data/shots/" + sh + "/task-types").list()).extracting(t -> t.get("name"))
                .containsExactly("Layout");
        assertThat(admin.get("/data/sequences/" + sq + "/task-types").list()).extracting(t -> t.get("name"))
                .containsExactly("Layout");
        assertThat(admin.get("/data/sequences/" + sq + "/shot-tasks").list()).extracting(t -> t.get("id"))
                .containsExactly(task);
        assertThat(admin.get("/data/episodes/" + ep + "/shot-tasks").list()).extracting(t -> t.get("id"))
                .containsExactly(task);
    }

    @Test
    void listsFilterByProjectParentAndEpisode() {
        String p = f.project("Lists");
        String ep = (String) post("/data/projects/" + p + "/episodes", Map.of("name", "E01")).get("id");
        String sq1 = (String) post("/data/projects/" + p + "/sequences", Map.of("name", "SQ01", "episode_id", ep))
                .get("id");
        String sq2 = (String) post("/data/projects/" + p + "/sequences", Map.of("name", "SQ02")).get("id");
        String a = (String) post("/data/projects/" + p + "/shots", Map.of("name", "SH010", "sequence_id", sq1))
                .get("id");
        String b = (String) post("/data/projects/" + p + "/shots", Map.of("name", "SH020", "sequence_id", sq2))
                .get("id");
        String sc = (String) post("/data/projects/" + p + "/scenes", Map.of("name", "SC01", "sequence_id", sq1))
                .get("id");

        assertThat(admin.get("/data/projects/" + p + "/shots").list()).extracting(m -> m.get("id"))
                .containsExactly(a, b);
        assertThat(admin.get("/data/projects/" + p + "/sequences").list()).extracting(m -> m.get("id"))
                .containsExactly(sq1, sq2);
        assertThat(admin.get("/data/projects/" + p + "/episodes").list()).extracting(m -> m.get("id"))
                .containsExactly(ep);
        assertThat(admin.get("/data/projects/" + p + "/scenes").list()).extracting(m -> m.get("id"))
                .containsExactly(sc);
        List<Map<String, Object>> shots = admin.get("/data/shots?project_id=" + p).list();
        assertThat(shots).extracting(m -> m.get("id")).containsExactly(a, b);
        assertThat(shots.get(0)).containsEntry("sequence_name", "SQ01").containsEntry("project_name", "Lists")
                .containsEntry("type", "Shot");
        assertThat(admin.get("/data/shots/all?sequence_id=" + sq2).list()).extracting(m -> m.get("id"))
                .containsExactly(b);
        assertThat(admin.get("/data/sequences?episode_id=" + ep).list()).extracting(m -> m.get("id"))
                .containsExactly(sq1);
        assertThat(admin.get("/data/episodes?project_id=" + p).list()).extracting(m -> m.get("id"))
                .containsExactly(ep);
        assertThat(admin.get("/data/scenes/all?project_id=" + p).list()).extracting(m -> m.get("id"))
                .containsExactly(sc);
        assertThat(admin.get("/data/episodes/" + ep + "/sequences").list()).extracting(m -> m.get("id"))
                .containsExactly(sq1);
        assertThat(admin.get("/data/episodes/" + ep + "/shots").list()).extracting(m -> m.get("id"))
                .containsExactly(a);
        assertThat(admin.get("/data/sequences/" + sq1 + "/shots").list()).extracting(m -> m.get("id"))
                .containsExactly(a);
        assertThat(admin.get("/data/sequences/" + sq1 + "/scenes").list()).extracting(m -> m.get("id"))
                .containsExactly(sc);

        List<Map<String, Object>> withTasks = admin.get("/data/shots/with-tasks?project_id=" + p).list();
        assertThat(withTasks).extracting(m -> m.get("id")).containsExactly(a, b);
        assertThat(withTasks.get(0)).containsEntry("type", "Shot").containsEntry("episode_id", ep)
                .containsEntry("episode_name", "E01").containsEntry("sequence_name", "SQ01");
        assertThat(withTasks.get(1)).containsEntry("episode_id", null).containsEntry("episode_name", "");
        assertThat(admin.get("/data/shots/with-tasks?project_id=" + p + "&episode_id=" + ep).list())
                .extracting(m -> m.get("id")).containsExactly(a);
        ApiClient.Reply ndjson = admin.get("/data/shots/with-tasks?project_id=" + p + "&stream=true");
        assertThat(ndjson.header("Content-Type")).startsWith("application/x-ndjson");
        String[] lines = ndjson.text().split("\n");
        assertThat(lines).hasSize(3);
        assertThat(new ApiClient.Reply(200, Map.of(), lines[0]).map()).isEqualTo(Map.of("compact", false));
        assertThat(new ApiClient.Reply(200, Map.of(), lines[1]).map()).containsEntry("id", a)
                .containsEntry("type", "Shot");
        Map<String, Object> compact = admin.get("/data/shots/with-tasks?project_id=" + p + "&compact=true").map();
        List<?> fields = (List<?>) compact.get("shot_fields");
        List<?> row = (List<?>) ((List<?>) compact.get("rows")).get(0);
        assertThat(row.get(fields.indexOf("id"))).isEqualTo(a);
        assertThat(row.get(fields.indexOf("type"))).isEqualTo("Shot");
        assertThat(row.get(fields.indexOf("sequence_name"))).isEqualTo("SQ01");
    }

    // Zou tests/blueprints/shots/test_shots.py: test_remove_shot_with_tasks (canceled), test_remove_shot
    @Test
    void putUpdatesAShotAndDeletesFollowZousRules() {
        String p = f.project("Deletes");
        String sq = (String) post("/data/projects/" + p + "/sequences", Map.of("name", "SQ01")).get("id");
        String sh = (String) post("/data/projects/" + p + "/shots", Map.of("name", "SH010", "sequence_id", sq))
                .get("id");
        ApiClient.Reply put = admin.put("/data/shots/" + sh, Map.of("nb_frames", 100, "project_id",
                java.util.UUID.randomUUID().toString(), "type", "Asset"));
        assertThat(put.status()).as(put.text()).isEqualTo(200);
        assertThat(put.map()).containsEntry("nb_frames", 100).containsEntry("project_id", p);
        assertThat(data(f.lastEvent("shot:update"))).containsEntry("shot_id", sh);

        String task = f.task(p, sh, layout, todo);
        assertThat(admin.delete("/data/shots/" + sh).status()).isEqualTo(204);
        assertThat(admin.get("/data/shots/" + sh).map()).containsEntry("canceled", true);
        assertThat(admin.delete("/data/sequences/" + sq).status()).as("a sequence with shots").isEqualTo(400);
        assertThat(admin.delete("/data/shots/" + sh + "?force=true").status()).isEqualTo(204);
        assertThat(admin.get("/data/tasks/" + task).status()).isEqualTo(404);
        assertThat(data(f.lastEvent("shot:delete"))).containsEntry("shot_id", sh);
        assertThat(admin.delete("/data/sequences/" + sq).status()).isEqualTo(204);
        assertThat(data(f.lastEvent("sequence:delete"))).containsEntry("sequence_id", sq);

        String ep = (String) post("/data/projects/" + p + "/episodes", Map.of("name", "E09")).get("id");
        String sq2 = (String) post("/data/projects/" + p + "/sequences", Map.of("name", "SQ09", "episode_id", ep))
                .get("id");
        String sh2 = (String) post("/data/projects/" + p + "/shots", Map.of("name", "SH090", "sequence_id", sq2))
                .get("id");
        f.task(p, sh2, layout, todo);
        String character = f.create("entity-types", Map.of("name", "Character"));
        String episodeAsset = (String) post("/data/projects/" + p + "/asset-types/" + character + "/assets/new",
                Map.of("name", "Guest", "episode_id", ep)).get("id");
        assertThat(admin.delete("/data/episodes/" + ep).status()).as("still referenced").isEqualTo(400);
        assertThat(admin.delete("/data/episodes/" + ep + "?force=true").status()).isEqualTo(204);
        assertThat(admin.get("/data/assets/" + episodeAsset).status()).as("its assets go too").isEqualTo(404);
        assertThat(admin.get("/data/shots/" + sh2).status()).isEqualTo(404);
        assertThat(admin.get("/data/sequences/" + sq2).status()).isEqualTo(404);
    }

    @Test
    void outsidersAreRefusedAndVendorsSeeOnlyTheirShots() {
        String p = f.project("Closed");
        String sq = (String) post("/data/projects/" + p + "/sequences", Map.of("name", "SQ01")).get("id");
        String sh = (String) post("/data/projects/" + p + "/shots", Map.of("name", "SH010", "sequence_id", sq))
                .get("id");
        ApiClient outsider = f.person("user");
        assertThat(outsider.get("/data/shots/" + sh).status()).isEqualTo(403);
        assertThat(outsider.get("/data/projects/" + p + "/shots").status()).isEqualTo(403);
        assertThat(outsider.get("/data/shots?project_id=" + p).status()).isEqualTo(403);
        assertThat(outsider.get("/data/shots").status()).as("no project: Zou's 403").isEqualTo(403);
        assertThat(outsider.get("/data/shots/with-tasks?project_id=" + p).status()).isEqualTo(403);
        assertThat(outsider.put("/data/shots/" + sh, Map.of("nb_frames", 1)).status()).isEqualTo(403);
        assertThat(outsider.post("/data/projects/" + p + "/shots", Map.of("name", "X")).status()).isEqualTo(403);

        ApiClient vendor = f.person("vendor");
        String team = f.projectWithTeam("Vendor", vendor);
        String vsq = (String) post("/data/projects/" + team + "/sequences", Map.of("name", "SQ01")).get("id");
        String mine = (String) post("/data/projects/" + team + "/shots", Map.of("name", "SH010", "sequence_id", vsq))
                .get("id");
        String other = (String) post("/data/projects/" + team + "/shots", Map.of("name", "SH020", "sequence_id", vsq))
                .get("id");
        f.task(team, mine, layout, todo, f.idOf(vendor));
        assertThat(vendor.get("/data/shots/" + mine).status()).isEqualTo(200);
        assertThat(vendor.get("/data/shots/" + other).status()).isEqualTo(403);
        assertThat(vendor.get("/data/projects/" + team + "/shots").list()).extracting(m -> m.get("id"))
                .containsExactly(mine);
        assertThat(vendor.get("/data/shots/with-tasks?project_id=" + team).list()).extracting(m -> m.get("id"))
                .containsExactly(mine);
        assertThat(vendor.get("/data/projects/" + team + "/sequences").list()).extracting(m -> m.get("id"))
                .containsExactly(vsq);
    }

    @Test
    void episodeStatsCountTasksByEpisodeTypeAndStatus() {
        String p = f.project("Stats");
        String ep = (String) post("/data/projects/" + p + "/episodes", Map.of("name", "E01")).get("id");
        String sq = (String) post("/data/projects/" + p + "/sequences", Map.of("name", "SQ01", "episode_id", ep))
                .get("id");
        String sh = (String) post("/data/projects/" + p + "/shots", Map.of("name", "SH010", "sequence_id", sq,
                "nb_frames", 24)).get("id");
        f.task(p, sh, layout, todo);
        Map<String, Object> stats = admin.get("/data/projects/" + p + "/episodes/stats").map();
        assertThat(stats).containsKeys(ep, "all");
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Map<String, Object>>> byEpisode = (Map<String, Map<String, Map<String, Object>>>)
                stats.get(ep);
        assertThat(byEpisode.get(layout).get(todo)).containsEntry("count", 1).containsEntry("frames", 24)
                .containsEntry("name", "todo");
        Map<String, Object> retakes = admin.get("/data/projects/" + p + "/episodes/retake-stats").map();
        assertThat(retakes).containsKeys("all", ep);
        @SuppressWarnings("unchecked")
        Map<String, Object> all = (Map<String, Object>) ((Map<String, Object>) retakes.get("all")).get("all");
        assertThat(all).containsEntry("max_retake_count", 0).containsEntry("other",
                Map.of("count", 1, "frames", 24, "drawings", 0));

        String task = f.task(p, (String) post("/data/projects/" + p + "/shots", Map.of("name", "SH020",
                "sequence_id", sq)).get("id"), layout, todo);
        f.create("preview-files", Map.of("task_id", task, "name", "v1", "revision", 1, "duration", 2.0));
        ApiClient.Reply frames = admin.post("/actions/projects/" + p + "/task-types/" + layout
                + "/set-shot-nb-frames", Map.of());
        assertThat(frames.status()).as(frames.text()).isEqualTo(200);
        assertThat(frames.list()).singleElement().satisfies(u -> assertThat(u).containsEntry("nb_frames", 50));

        ApiClient outsider = f.person("user");
        assertThat(outsider.get("/data/projects/" + p + "/episodes/stats").status()).isEqualTo(403);
        assertThat(outsider.post("/actions/projects/" + p + "/task-types/" + layout + "/set-shot-nb-frames",
                Map.of()).status()).isEqualTo(403);
    }

    @Test
    void quotasCountShotFramesPerPersonAndPeriod() {
        String p = f.project("Quotas");
        ApiClient artist = f.person("user");
        String sq = (String) post("/data/projects/" + p + "/sequences", Map.of("name", "SQ01")).get("id");
        String sh = (String) post("/data/projects/" + p + "/shots", Map.of("name", "SH010", "sequence_id", sq,
                "nb_frames", 50)).get("id");
        String task = f.task(p, sh, layout, todo, f.idOf(artist));
        assertThat(admin.put("/data/tasks/" + task, Map.of("end_date", "2024-03-04T10:00:00",
                "real_start_date", "2024-03-04T09:00:00")).status()).isEqualTo(200);
        Map<String, Object> raw = admin.get("/data/projects/" + p + "/quotas/" + layout + "?count_mode=feedback")
                .map();
        assertThat(raw).containsKeys(f.idOf(artist), "total");
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Map<String, Object>>> mine = (Map<String, Map<String, Map<String, Object>>>)
                raw.get(f.idOf(artist));
        assertThat(mine.get("day").get("frames")).containsEntry("2024-03-04", 50);
        assertThat(mine.get("day").get("seconds")).containsEntry("2024-03-04", 2.0);
        assertThat(mine.get("week").get("count")).containsEntry("2024-10", 1);
        assertThat(mine.get("month").get("entries")).containsEntry("2024", 1);
        Map<String, Object> weighted = admin.get("/data/projects/" + p + "/quotas/" + layout).map();
        assertThat(weighted).containsKeys(f.idOf(artist), "total");
        assertThat(admin.get("/data/projects/" + p + "/quotas/" + layout + "?count_mode=bad").status())
                .isEqualTo(400);
        assertThat(artist.get("/data/projects/" + p + "/quotas/persons/" + f.idOf(artist)).status()).isEqualTo(200);
        ApiClient other = f.person("user");
        assertThat(other.get("/data/projects/" + p + "/quotas/persons/" + f.idOf(artist)).status()).isEqualTo(403);
        assertThat(other.get("/data/projects/" + p + "/quotas/" + layout).status()).isEqualTo(403);
    }

    // Zou's mask_metadata_for_vendor: a vendor does not see metadata of other departments' descriptors
    @Test
    void vendorsDoNotSeeMetadataOfOtherDepartments() {
        String animationDept = f.create("departments", Map.of("name", "Animation", "color", "#000000"));
        String compositing = f.create("departments", Map.of("name", "Compositing", "color", "#000000"));
        String email = "vendor-md@example.com";
        ApiClient.Reply person = admin.post("/api/data/persons", Map.of("first_name", "V", "last_name", "M",
                "email", email, "role", "vendor", "password", EntityRoutesFixture.PASSWORD,
                "departments", List.of(animationDept)));
        assertThat(person.status()).as(person.text()).isEqualTo(201);
        String vendorId = (String) person.map().get("id");
        String p = f.create("projects", Map.of("name", "Masked", "team", List.of(vendorId)));
        f.create("metadata-descriptors", Map.of("project_id", p, "entity_type", "Shot", "name", "Secret",
                "field_name", "secret", "data_type", "string", "departments", List.of(compositing)));
        f.create("metadata-descriptors", Map.of("project_id", p, "entity_type", "Shot", "name", "Mine",
                "field_name", "mine", "data_type", "string", "departments", List.of(animationDept)));
        String sq = (String) post("/data/projects/" + p + "/sequences", Map.of("name", "SQ01")).get("id");
        String sh = (String) post("/data/projects/" + p + "/shots", Map.of("name", "SH010", "sequence_id", sq,
                "data", Map.of("secret", "x", "mine", "y", "free", "z"))).get("id");
        f.task(p, sh, layout, todo, vendorId);
        ApiClient vendor = f.client(email);
        assertThat(vendor.get("/data/projects/" + p + "/shots").list()).singleElement()
                .satisfies(s -> assertThat(s.get("data")).isEqualTo(Map.of("mine", "y", "free", "z")));
        assertThat(vendor.get("/data/shots/with-tasks?project_id=" + p).list()).singleElement()
                .satisfies(s -> assertThat(s.get("data")).isEqualTo(Map.of("mine", "y", "free", "z")));
        assertThat(admin.get("/data/shots/with-tasks?project_id=" + p).list()).singleElement()
                .satisfies(s -> assertThat(s.get("data")).isEqualTo(Map.of("secret", "x", "mine", "y", "free", "z")));
    }
}
