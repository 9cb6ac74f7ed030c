package org.zou4j.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Zou's assets blueprint over HTTP on real data (creation, full GET, lists, deletes, with-tasks, permissions). */
class AssetRoutesTest extends EntityRoutesTestBase {
    private String project;
    private String character;
    private String modeling;
    private String todo;

    @BeforeAll
    void setUp() {
        project = f.project("Agent 327");
        character = f.create("entity-types", Map.of("name", "Character"));
        modeling = f.create("task-types", Map.of("name", "Modeling", "color", "#112233"));
        todo = f.create("task-status", Map.of("name", "Todo", "short_name", "todo", "color", "#f5f5f5"));
    }

    private Map<String, Object> newAsset(String name) {
        ApiClient.Reply r = admin.post("/data/projects/" + project + "/asset-types/" + character + "/assets/new",
                Map.of("name", name, "description", "a hero", "data", Map.of("rig", "v1")));
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.map();
    }

    // Zou tests/blueprints/assets/test_assets.py: test_create_asset (201, name, description and data stored)
    @Test
    void creatingAnAssetAnswersItAndEmitsAssetNew() {
        Map<String, Object> asset = newAsset("Hjalmar");
        assertThat(asset).containsEntry("type", "Asset").containsEntry("name", "Hjalmar")
                .containsEntry("project_id", project).containsEntry("entity_type_id", character)
                .containsEntry("description", "a hero").containsEntry("is_shared", false)
                .containsEntry("data", Map.of("rig", "v1"));
        assertThat(asset.get("created_by")).isNotNull();
        Map<String, Object> event = f.lastEvent("asset:new");
        assertThat((Map<String, Object>) cast(event.get("data"))).containsEntry("asset_id", asset.get("id"))
                .containsEntry("asset_type", character);
        assertThat(event.get("project_id")).isEqualTo(project);

        ApiClient.Reply noName = admin.post("/data/projects/" + project + "/asset-types/" + character + "/assets/new",
                Map.of("description", "x"));
        assertThat(noName.status()).isEqualTo(400);
        String shotType = f.create("entity-types", Map.of("name", "Shot"));
        ApiClient.Reply temporalType = admin.post("/data/projects/" + project + "/asset-types/" + shotType
                + "/assets/new", Map.of("name", "X"));
        assertThat(temporalType.status()).isEqualTo(404);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> cast(Object o) {
        return (Map<String, Object>) o;
    }

    // Zou tests/blueprints/assets/test_assets.py: test_get_asset (project_name, asset_type_id/name, tasks)
    @Test
    void fullAssetHasZousExtraFieldsAndTasks() {
        Map<String, Object> asset = newAsset("Boris");
        String id = (String) asset.get("id");
        String task = f.task(project, id, modeling, todo);
        Map<String, Object> full = admin.get("/api/data/assets/" + id).map();
        assertThat(full).containsEntry("id", id).containsEntry("type", "Asset")
                .containsEntry("project_name", "Agent 327").containsEntry("asset_type_id", character)
                .containsEntry("asset_type_name", "Character").containsEntry("episode_id", "")
                .containsEntry("ready_for", "None").containsEntry("casting_episode_ids", List.of())
                .containsEntry("preview_file_id", "").doesNotContainKeys("source_id", "nb_frames")
                .containsKeys("entities_out", "instance_casting");
        List<Map<String, Object>> tasks = cast2(full.get("tasks"));
        assertThat(tasks).singleElement().satisfies(t -> assertThat(t).containsEntry("id", task)
                .containsEntry("task_type_id", modeling).containsEntry("task_status_id", todo)
                .containsEntry("assignees", List.of()).containsEntry("is_subscribed", false)
                .containsEntry("entity_id", id).containsEntry("priority", 0).containsEntry("last_preview_file_id", ""));

        assertThat(admin.get("/api/data/assets/" + id + "/tasks").list()).singleElement()
                .satisfies(t -> assertThat(t).containsEntry("id", task).containsEntry("task_type_name", "Modeling")
                        .containsEntry("task_status_name", "Todo").containsEntry("entity_name", "Boris")
                        .containsEntry("entity_type_name", "Character").containsEntry("project_name", "Agent 327"));
        assertThat(admin.get("/api/data/assets/" + id + "/task-types").list()).extracting(t -> t.get("id"))
                .containsExactly(modeling);
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> cast2(Object o) {
        return (List<Map<String, Object>>) o;
    }

    @Test
    void anIdOfAnotherKindOrMalformedIsNotFound() {
        Map<String, Object> episode = admin.post("/data/projects/" + project + "/episodes", Map.of("name", "E404"))
                .map();
        assertThat(admin.get("/data/assets/" + episode.get("id")).status()).isEqualTo(404);
        assertThat(admin.get("/data/assets/not-an-id").status()).isEqualTo(404);
        assertThat(admin.get("/data/assets/" + java.util.UUID.randomUUID()).status()).isEqualTo(404);
        assertThat(admin.delete("/data/assets/" + episode.get("id")).status()).isEqualTo(404);
    }

    @Test
    void listsAnswerAssetsWithProjectAndTypeNames() {
        String other = f.project("Lists");
        String prop = f.create("entity-types", Map.of("name", "Prop"));
        String a = (String) admin.post("/data/projects/" + other + "/asset-types/" + character + "/assets/new",
                Map.of("name", "Alpha")).map().get("id");
        String b = (String) admin.post("/data/projects/" + other + "/asset-types/" + prop + "/assets/new",
                Map.of("name", "Beta")).map().get("id");
        admin.post("/data/projects/" + other + "/sequences", Map.of("name", "SQ01"));

        List<Map<String, Object>> all = admin.get("/data/assets?project_id=" + other).list();
        assertThat(all).extracting(m -> m.get("id")).containsExactly(a, b);
        assertThat(all.get(0)).containsEntry("type", "Asset").containsEntry("project_name", "Lists")
                .containsEntry("asset_type_name", "Character");
        assertThat(admin.get("/data/assets/all?project_id=" + other).list()).hasSize(2);
        assertThat(admin.get("/data/projects/" + other + "/assets").list()).extracting(m -> m.get("name"))
                .containsExactly("Alpha", "Beta");
        assertThat(admin.get("/data/projects/" + other + "/asset-types/" + prop + "/assets").list())
                .extracting(m -> m.get("id")).containsExactly(b);
        assertThat(admin.get("/data/assets?project_id=nope").status()).isEqualTo(400);
    }

    // Zou tests/blueprints/assets/test_assets.py: test_remove_asset_with_tasks (canceled), test_remove_asset
    @Test
    void deletingAnAssetWithTasksCancelsItUnlessForced() {
        String id = (String) newAsset("Doomed").get("id");
        String task = f.task(project, id, modeling, todo);
        assertThat(admin.delete("/data/assets/" + id).status()).isEqualTo(204);
        assertThat(admin.get("/data/assets/" + id).map()).containsEntry("canceled", true);
        assertThat(cast(f.lastEvent("asset:update").get("data"))).containsEntry("asset_id", id);

        assertThat(admin.delete("/data/assets/" + id + "?force=true").status()).isEqualTo(204);
        assertThat(admin.get("/data/assets/" + id).status()).isEqualTo(404);
        assertThat(admin.get("/data/tasks/" + task).status()).isEqualTo(404);
        assertThat(cast(f.lastEvent("asset:delete").get("data"))).containsEntry("asset_id", id);

        String bare = (String) newAsset("NoTasks").get("id");
        assertThat(admin.delete("/data/assets/" + bare).status()).isEqualTo(204);
        assertThat(admin.get("/data/assets/" + bare).status()).isEqualTo(404);
    }

    @Test
    @SuppressWarnings("unchecked")
    void withTasksStreamsEveryAssetWithTasksAssigneesAndSubscriptions() {
        String p = f.project("WithTasks");
        ApiClient artist = f.person("user");
        String a1 = (String) admin.post("/data/projects/" + p + "/asset-types/" + character + "/assets/new",
                Map.of("name", "A1")).map().get("id");
        String a2 = (String) admin.post("/data/projects/" + p + "/asset-types/" + character + "/assets/new",
                Map.of("name", "A2")).map().get("id");
        String t1 = f.task(p, a1, modeling, todo, f.idOf(artist));
        List<Map<String, Object>> rows = admin.get("/data/assets/with-tasks?project_id=" + p).list();
        assertThat(rows).extracting(r -> r.get("id")).containsExactly(a1, a2);
        assertThat(rows.get(0)).containsOnlyKeys("id", "name", "preview_file_id", "description", "asset_type_name",
                "asset_type_id", "canceled", "ready_for", "episode_id", "casting_episode_ids", "is_casting_standby",
                "is_shared", "data", "tasks");
        assertThat(cast2(rows.get(0).get("tasks"))).singleElement().satisfies(t -> assertThat(t)
                .containsEntry("id", t1).containsEntry("assignees", List.of(f.idOf(artist))));
        assertThat(cast2(rows.get(1).get("tasks"))).isEmpty();
        assertThat(admin.get("/api/data/assets/with-tasks?project_id=" + p + "&asset_type_id=" + character).list())
                .hasSize(2);
        assertThat(admin.get("/data/assets/with-tasks?project_id=bad").status()).isEqualTo(400);

        // Kitsu asks first for Zou's compact NDJSON stream: a header line with the field names, then one row a line
        ApiClient.Reply ndjson = admin.get("/data/assets/with-tasks?project_id=" + p + "&stream=true&compact=true");
        assertThat(ndjson.status()).isEqualTo(200);
        assertThat(ndjson.header("Content-Type")).startsWith("application/x-ndjson");
        String[] lines = ndjson.text().split("\n");
        assertThat(lines).hasSize(3);
        Map<String, Object> header = new ApiClient.Reply(200, Map.of(), lines[0]).map();
        assertThat(header).containsEntry("compact", true).containsKeys("asset_fields", "task_fields");
        List<?> first = (List<?>) new ApiClient.Reply(200, Map.of(), lines[1]).json();
        assertThat(first.get(0)).isEqualTo(a1);
        List<?> firstTasks = (List<?>) first.get(((List<?>) header.get("asset_fields")).indexOf("tasks"));
        assertThat((List<Object>) firstTasks.get(0)).contains(t1, List.of(f.idOf(artist)));
        Map<String, Object> compact = admin.get("/data/assets/with-tasks?project_id=" + p + "&compact=true").map();
        assertThat(compact).containsEntry("compact", true);
        assertThat((List<?>) compact.get("rows")).hasSize(2);
    }

    @Test
    void anArtistOutsideTheProjectIsRefusedAndATeamArtistCannotCreate() {
        ApiClient outsider = f.person("user");
        String id = (String) newAsset("Secret").get("id");
        assertThat(outsider.get("/data/assets/" + id).status()).isEqualTo(403);
        assertThat(outsider.get("/data/assets?project_id=" + project).status()).isEqualTo(403);
        assertThat(outsider.get("/data/projects/" + project + "/assets").status()).isEqualTo(403);
        assertThat(outsider.get("/data/assets/with-tasks?project_id=" + project).status()).isEqualTo(403);
        assertThat(outsider.get("/data/assets/" + id + "/tasks").status()).isEqualTo(403);
        assertThat(outsider.get("/data/assets").list()).extracting(m -> m.get("id")).doesNotContain(id);
        assertThat(outsider.delete("/data/assets/" + id).status()).isEqualTo(403);

        ApiClient member = f.person("user");
        String team = f.projectWithTeam("Team project", member);
        String mine = (String) admin.post("/data/projects/" + team + "/asset-types/" + character + "/assets/new",
                Map.of("name", "Shared")).map().get("id");
        assertThat(member.get("/data/assets/" + mine).status()).isEqualTo(200);
        assertThat(member.get("/data/assets/" + id).status()).isEqualTo(403);
        assertThat(member.get("/data/projects/" + team + "/assets").list()).extracting(m -> m.get("id"))
                .containsExactly(mine);
        assertThat(member.get("/data/assets").list()).extracting(m -> m.get("id")).containsExactly(mine);
        assertThat(member.get("/data/assets/with-tasks").list()).extracting(m -> m.get("id")).containsExactly(mine);
        assertThat(member.post("/data/projects/" + team + "/asset-types/" + character + "/assets/new",
                Map.of("name", "Nope")).status()).isEqualTo(403);
        assertThat(member.delete("/data/assets/" + mine).status()).isEqualTo(403);
    }
}
