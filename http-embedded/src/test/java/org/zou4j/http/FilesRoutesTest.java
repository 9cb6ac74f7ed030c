package org.zou4j.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Zou's {@code files} blueprint over HTTP on real data (H2 here; {@link Postgres} runs the same on PostgreSQL): the
 * project file tree, working and output file paths built from Zou's "simple" tree, working-file revisions and bytes,
 * output-file revisions per entity and per asset instance, output types, guess-from-path, permissions and events.
 * Expected paths follow Zou's tests (tests/blueprints/files/test_file_tree.py, test_working_files.py,
 * test_output_files.py) on this world's names.
 */
@SuppressWarnings("unchecked")
class FilesRoutesTest extends TaskWorldTest {
    static final String ROOT = "/simple/productions/task_world";
    static final String EXPORT = "/simple/productions/export/task_world";
    String sequenceType;
    String shotType;
    String sequence;
    String shot;
    String shotTask;
    String layout;
    String cache;
    String texture;

    @BeforeAll
    void setUp() {
        ApiClient.Reply tree = w.as("manager").post("/actions/projects/" + w.project + "/set-file-tree",
                Map.of("tree_name", "simple"));
        assertThat(tree.status()).as(tree.text()).isEqualTo(200);
        sequenceType = w.create("entity-types", Map.of("name", "Sequence"));
        shotType = w.create("entity-types", Map.of("name", "Shot"));
        sequence = w.create("entities", Map.of("name", "SQ01", "project_id", w.project,
                "entity_type_id", sequenceType));
        shot = w.create("entities", Map.of("name", "SH010", "project_id", w.project, "entity_type_id", shotType,
                "parent_id", sequence));
        layout = w.create("task-types", Map.of("name", "Layout", "for_entity", "Shot"));
        shotTask = w.create("tasks", Map.of("project_id", w.project, "entity_id", shot,
                "task_type_id", layout, "task_status_id", w.statuses.get("todo")));
        cache = w.create("output-types", Map.of("name", "Cache", "short_name", "cch"));
        texture = w.create("output-types", Map.of("name", "Texture", "short_name", "tx"));
    }

    /** The same tests on PostgreSQL ({@code ZOU_TEST_PG_URL}; skipped when unset). */
    static class Postgres extends FilesRoutesTest {
        @Override
        boolean postgres() {
            return true;
        }
    }

    private String modeling() {
        return w.tasks.get("modeling");
    }

    // ---- file tree -------------------------------------------------------------------------------------------------

    @Test
    void setFileTreeIsForManagersAndKnownTreesOnly() {
        ApiClient.Reply ok = w.as("manager").post("/api/actions/projects/" + w.project + "/set-file-tree",
                Map.of("tree_name", "simple"));
        assertThat(ok.status()).isEqualTo(200);
        @SuppressWarnings("unchecked")
        Map<String, Object> tree = (Map<String, Object>) ok.map().get("file_tree");
        assertThat(tree).containsKeys("working", "output", "preview");
        assertThat(ok.map().get("id")).isEqualTo(w.project);
        assertThat(w.eventsNamed("project:update", "project_id", w.project)).isNotEmpty();

        assertThat(w.as("artist").post("/actions/projects/" + w.project + "/set-file-tree",
                Map.of("tree_name", "simple")).status()).isEqualTo(403);
        assertThat(w.as("outsider").post("/actions/projects/" + w.project + "/set-file-tree",
                Map.of("tree_name", "simple")).status()).isEqualTo(403);
        ApiClient.Reply unknown = w.admin.post("/actions/projects/" + w.project + "/set-file-tree",
                Map.of("tree_name", "../etc/passwd"));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.map().get("message")).isEqualTo("Selected tree is not available");
        assertThat(w.admin.post("/actions/projects/" + w.project + "/set-file-tree", Map.of()).status())
                .isEqualTo(400);
    }

    // ---- paths -----------------------------------------------------------------------------------------------------

    @Test
    void workingFilePathFollowsTheTreeWith3dsMaxAsDefaultSoftware() {
        // test_file_tree.py test_get_folder_path_asset / test_get_path_shot
        ApiClient.Reply r = w.as("artist").post("/data/tasks/" + modeling() + "/working-file-path", Map.of());
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.map()).containsEntry("path", ROOT + "/assets/character/hero/modeling/3ds_max")
                .containsEntry("name", "task_world_character_hero_modeling_main_v001");

        ApiClient.Reply forced = w.admin.post("/data/tasks/" + modeling() + "/working-file-path",
                Map.of("name", "Hot Fix", "revision", 3, "sep", "\\"));
        assertThat(forced.map()).containsEntry("path",
                "/simple\\productions\\task_world\\assets\\character\\hero\\modeling\\3ds_max")
                .containsEntry("name", "task_world_character_hero_modeling_hot_fix_v003");

        ApiClient.Reply onShot = w.admin.post("/data/tasks/" + shotTask + "/working-file-path", Map.of());
        assertThat(onShot.map()).containsEntry("path", ROOT + "/shots/sq01/sh010/layout/3ds_max")
                .containsEntry("name", "task_world_sq01_sh010_layout_main_v001");
    }

    @Test
    void aSequenceNamedSeqIsWrittenSWithThreeDigits() {
        // file_tree_service.get_folder_from_sequence: "Seq2" -> "S002"
        String seq = w.create("entities", Map.of("name", "Seq2", "project_id", w.project,
                "entity_type_id", sequenceType));
        String sh = w.create("entities", Map.of("name", "SH020", "project_id", w.project,
                "entity_type_id", shotType, "parent_id", seq));
        String task = w.create("tasks", Map.of("project_id", w.project, "entity_id", sh,
                "task_type_id", layout, "task_status_id", w.statuses.get("todo")));
        ApiClient.Reply r = w.admin.post("/data/tasks/" + task + "/working-file-path", Map.of());
        assertThat(r.map().get("path")).isEqualTo(ROOT + "/shots/s002/sh020/layout/3ds_max");
    }

    @Test
    void pathsRefuseOutsidersVendorsOffTheirWorkAndUnknownIds() {
        assertThat(w.as("outsider").post("/data/tasks/" + modeling() + "/working-file-path", Map.of()).status())
                .isEqualTo(403);
        assertThat(w.as("vendor").post("/data/tasks/" + modeling() + "/working-file-path", Map.of()).status())
                .isEqualTo(403);
        assertThat(w.admin.post("/data/tasks/" + java.util.UUID.randomUUID() + "/working-file-path", Map.of())
                .status()).isEqualTo(404);
        assertThat(w.admin.post("/data/tasks/not-an-id/working-file-path", Map.of()).status()).isEqualTo(404);
        ApiClient.Reply wrongType = w.admin.post("/data/tasks/" + modeling() + "/working-file-path",
                Map.of("revision", "three"));
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.map().get("message")).isEqualTo("Validation error.");
    }

    @Test
    void outputFilePathsForAnEntityAndForAnAssetInstance() {
        ApiClient.Reply r = w.as("artist").post("/data/entities/" + w.asset + "/output-file-path",
                Map.of("output_type_id", cache, "task_type_id", w.taskTypes.get("modeling"),
                        "representation", "abc"));
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.map()).containsEntry("folder_path", EXPORT + "/assets/character/hero/modeling/cache")
                .containsEntry("file_name", "task_world_character_hero_modeling_cache_main_v001");
        assertThat(w.as("artist").post("/data/entities/" + w.asset + "/output-file-path",
                Map.of("task_type_id", w.taskTypes.get("modeling"))).status()).isEqualTo(400);
        assertThat(w.as("outsider").post("/data/entities/" + w.asset + "/output-file-path",
                Map.of("output_type_id", cache, "task_type_id", w.taskTypes.get("modeling"))).status())
                .isEqualTo(403);

        String instance = assetInstance();
        ApiClient.Reply ir = w.admin.post("/data/asset-instances/" + instance + "/entities/" + shot
                + "/output-file-path", Map.of("output_type_id", cache, "task_type_id",
                w.taskTypes.get("animation"), "representation", "abc", "revision", 3));
        assertThat(ir.status()).as(ir.text()).isEqualTo(200);
        // test_output_files.py test_new_instance_output: <TemporalEntityType>/<Sequence>/<TemporalEntity>/...
        assertThat(ir.map()).containsEntry("folder_path",
                EXPORT + "/shot/sq01/sh010/animation/cache/character/hero/instance_0001/abc")
                .containsEntry("file_name", "task_world_sq01_sh010_animation_cache_main_hero_0001_v003");
    }

    private String instanceId;

    private String assetInstance() {
        if (instanceId == null) {
            instanceId = w.create("asset-instances", Map.of("asset_id", w.asset, "number", 1, "name", "hero_0001",
                    "description", ""));
        }
        return instanceId;
    }

    // ---- working files ---------------------------------------------------------------------------------------------

    @Test
    void newWorkingFilesTakeTheNextRevisionAssignTheCallerAndEmitEvents() {
        // test_working_files.py test_new_working_file / test_create_same_working_file
        String task = w.create("tasks", Map.of("project_id", w.project, "entity_id", w.asset,
                "task_type_id", w.taskTypes.get("rigging"), "task_status_id", w.statuses.get("todo"),
                "name", "wf"));
        ApiClient supervisor = w.as("supervisor");
        ApiClient.Reply first = supervisor.post("/data/tasks/" + task + "/working-files/new",
                Map.of("name", "main", "description", "description test", "comment", "comment test",
                        "task_id", task));
        assertThat(first.status()).as(first.text()).isEqualTo(201);
        Map<String, Object> wf = first.map();
        assertThat(wf).containsEntry("revision", 1).containsEntry("comment", "comment test")
                .containsEntry("task_id", task).containsEntry("entity_id", w.asset)
                .containsEntry("person_id", w.persons.get("supervisor"))
                .containsEntry("path", ROOT + "/assets/character/hero/rigging/blender/"
                        + "task_world_character_hero_rigging_main_v001");
        assertThat(wf).containsKeys("id", "size", "checksum", "software_id", "created_at", "updated_at");
        assertThat(w.eventsNamed("working-file:new", "working_file_id", (String) wf.get("id"))).hasSize(1);
        assertThat(w.eventsNamed("task:assign", "task_id", task)).isNotEmpty();
        Map<String, Object> taskJson = w.admin.get("/data/tasks/" + task).map();
        assertThat((List<Object>) taskJson.get("assignees")).contains(w.persons.get("supervisor"));

        assertThat(supervisor.post("/data/tasks/" + task + "/working-files/new", Map.of("name", "main")).map())
                .containsEntry("revision", 2);
        Map<String, Object> forced = supervisor.post("/data/tasks/" + task + "/working-files/new",
                Map.of("name", "main", "revision", 66)).map();
        assertThat(forced).containsEntry("revision", 66).containsEntry("path",
                ROOT + "/assets/character/hero/rigging/blender/task_world_character_hero_rigging_main_v066");
        ApiClient.Reply again = supervisor.post("/data/tasks/" + task + "/working-files/new",
                Map.of("name", "main", "revision", 66));
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.map()).containsEntry("error", "The given working file already exists.");
        assertThat(supervisor.post("/data/tasks/" + task + "/working-files/new", Map.of()).status())
                .isEqualTo(400);
        assertThat(w.as("outsider").post("/data/tasks/" + task + "/working-files/new", Map.of("name", "x"))
                .status()).isEqualTo(403);

        // last revisions by name; lists newest first
        supervisor.post("/data/tasks/" + task + "/working-files/new", Map.of("name", "hotfix"));
        Map<String, Object> last = w.admin.get("/data/tasks/" + task + "/working-files/last-revisions").map();
        assertThat(last).containsOnlyKeys("main", "hotfix");
        assertThat(((Map<?, ?>) last.get("main")).get("revision")).isEqualTo(66);
        assertThat(((Map<?, ?>) last.get("hotfix")).get("revision")).isEqualTo(1);
        List<Map<String, Object>> all = w.admin.get("/data/tasks/" + task + "/working-files").list();
        assertThat(all).extracting(m -> m.get("revision")).containsExactly(66, 2, 1, 1);
        List<Map<String, Object>> named = w.admin.get("/data/entities/" + w.asset + "/working-files?name=hotfix")
                .list();
        assertThat(named).hasSize(1);
        List<Map<String, Object>> byTask = w.admin.get("/data/entities/" + w.asset + "/working-files?task_id="
                + task + "&relations=true").list();
        assertThat(byTask).hasSize(4).allSatisfy(m -> assertThat(m).containsKey("outputs"));
        assertThat(w.as("outsider").get("/data/tasks/" + task + "/working-files").status()).isIn(403, 404);
        assertThat(w.as("outsider").get("/data/entities/" + w.asset + "/working-files").status()).isEqualTo(403);

        // /data/files/<id>: a working file with its relations
        Map<String, Object> file = w.admin.get("/data/files/" + wf.get("id")).map();
        assertThat(file).containsEntry("id", wf.get("id")).containsKey("outputs");
        assertThat(w.as("outsider").get("/data/files/" + wf.get("id")).status()).isEqualTo(403);
        assertThat(w.admin.get("/data/files/" + java.util.UUID.randomUUID()).status()).isEqualTo(404);
    }

    @Test
    void commentAndModifiedNeedTaskActionRights() {
        String wf = (String) w.as("artist").post("/data/tasks/" + modeling() + "/working-files/new",
                Map.of("name", "cm")).map().get("id");
        ApiClient.Reply c = w.as("artist").put("/actions/working-files/" + wf + "/comment",
                Map.of("comment", "new comment"));
        assertThat(c.status()).as(c.text()).isEqualTo(200);
        assertThat(c.map()).containsEntry("comment", "new comment");
        assertThat(w.as("artist").put("/actions/working-files/" + wf + "/comment", Map.of()).status())
                .isEqualTo(400);
        // artist2 is in the team but not assigned to the modeling task
        assertThat(w.as("artist2").put("/actions/working-files/" + wf + "/comment",
                Map.of("comment", "x")).status()).isEqualTo(403);

        String before = (String) c.map().get("updated_at");
        ApiClient.Reply m = w.as("artist").put("/actions/working-files/" + wf + "/modified", Map.of());
        assertThat(m.status()).isEqualTo(200);
        assertThat(((String) m.map().get("updated_at")).compareTo(before)).isGreaterThanOrEqualTo(0);
        assertThat(w.as("artist2").put("/actions/working-files/" + wf + "/modified", Map.of()).status())
                .isEqualTo(403);
        assertThat(w.admin.put("/actions/working-files/" + java.util.UUID.randomUUID() + "/modified", Map.of())
                .status()).isEqualTo(404);
    }

    @Test
    void workingFileBytesRoundTripThroughTheFileStore() {
        String wf = (String) w.as("artist").post("/data/tasks/" + modeling() + "/working-files/new",
                Map.of("name", "bytes")).map().get("id");
        ApiClient.BytesReply none = w.as("artist").getBytes("/data/working-files/" + wf + "/file");
        assertThat(none.status()).isEqualTo(404);

        byte[] content = "scene data \u0000\u0001".getBytes(StandardCharsets.UTF_8);
        ApiClient.Reply up = PictureRoutesTest.upload(w.as("artist"), "/data/working-files/" + wf + "/file",
                "scene.blend", content);
        assertThat(up.status()).as(up.text()).isEqualTo(201);
        assertThat(up.map()).containsEntry("id", wf);

        ApiClient.BytesReply down = w.as("artist").getBytes("/data/working-files/" + wf + "/file");
        assertThat(down.status()).isEqualTo(200);
        assertThat(down.body()).isEqualTo(content);
        assertThat(down.headers().get("content-type").get(0)).startsWith("application/octet-stream");
        assertThat(down.headers()).containsKey("last-modified");

        assertThat(w.as("outsider").getBytes("/data/working-files/" + wf + "/file").status()).isIn(403, 404);
        assertThat(PictureRoutesTest.upload(w.as("outsider"), "/data/working-files/" + wf + "/file", "x.blend",
                content).status()).isIn(403, 404);
    }

    // ---- output files ----------------------------------------------------------------------------------------------

    @Test
    void newEntityOutputFilesTakeTheNextRevisionAndAreListed() {
        // test_output_files.py NewOutputFileTestCase
        String wf = (String) w.admin.post("/data/tasks/" + modeling() + "/working-files/new",
                Map.of("name", "publish")).map().get("id");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("person_id", w.persons.get("artist"));
        body.put("comment", "test working file publish");
        body.put("output_type_id", texture);
        body.put("task_type_id", w.taskTypes.get("modeling"));
        body.put("working_file_id", wf);
        ApiClient.Reply first = w.as("artist").post("/data/entities/" + w.asset + "/output-files/new", body);
        assertThat(first.status()).as(first.text()).isEqualTo(201);
        String folder = EXPORT + "/assets/character/hero/modeling/texture";
        String stem = "task_world_character_hero_modeling_texture";
        assertThat(first.map()).containsEntry("folder_path", folder)
                .containsEntry("file_name", stem + "_main_v001").containsEntry("revision", 1)
                .containsEntry("source_file_id", wf).containsEntry("path", folder + "/" + stem + "_main_v001")
                .containsEntry("person_id", w.persons.get("artist"));
        assertThat(first.map().get("file_status_id")).isNotNull();
        assertThat(w.eventsNamed("output-file:new", "output_file_id", (String) first.map().get("id"))).hasSize(1);
        Map<String, Object> second = w.as("artist").post("/data/entities/" + w.asset + "/output-files/new", body)
                .map();
        assertThat(second).containsEntry("file_name", stem + "_main_v002").containsEntry("revision", 2);

        Map<String, Object> extra = new LinkedHashMap<>(body);
        extra.put("extension", ".jpg");
        extra.put("nb_elements", 50);
        extra.put("name", "sequence");
        assertThat(w.admin.post("/data/entities/" + w.asset + "/output-files/new", extra).map())
                .containsEntry("path", folder + "/" + stem + "_sequence_v001_[1-50].jpg");

        Map<String, Object> forced = new LinkedHashMap<>(body);
        forced.put("revision", 66);
        assertThat(w.admin.post("/data/entities/" + w.asset + "/output-files/new", forced).status())
                .isEqualTo(201);
        ApiClient.Reply same = w.admin.post("/data/entities/" + w.asset + "/output-files/new", forced);
        assertThat(same.status()).isEqualTo(400);
        assertThat(same.map()).containsEntry("error", "The given output file already exists.");
        Map<String, Object> wrongType = new LinkedHashMap<>(body);
        wrongType.put("output_type_id", java.util.UUID.randomUUID().toString());
        assertThat(w.admin.post("/data/entities/" + w.asset + "/output-files/new", wrongType).map())
                .containsEntry("error", "Cannot find given output type.");
        assertThat(w.admin.post("/data/entities/" + w.asset + "/output-files/new",
                Map.of("comment_wrong", "x")).status()).isEqualTo(400);
        assertThat(w.as("outsider").post("/data/entities/" + w.asset + "/output-files/new", body).status())
                .isEqualTo(403);

        // next revision
        Map<String, Object> next = Map.of("output_type_id", texture, "task_type_id", w.taskTypes.get("modeling"));
        assertThat(w.as("artist").post("/data/entities/" + w.asset + "/output-files/next-revision", next).map())
                .containsEntry("next_revision", 67);
        assertThat(w.as("artist").post("/data/entities/" + w.asset + "/output-files/next-revision",
                Map.of("output_type_id", texture, "task_type_id", w.taskTypes.get("modeling"), "name", "other"))
                .map()).containsEntry("next_revision", 1);

        // lists
        List<Map<String, Object>> last = w.as("artist").get("/data/entities/" + w.asset
                + "/output-files/last-revisions").list();
        assertThat(last).extracting(m -> m.get("name") + ":" + m.get("revision"))
                .contains("main:66", "sequence:1").doesNotContain("main:1", "main:2");
        assertThat(w.as("artist").get("/data/entities/" + w.asset + "/output-files?name=main").list())
                .extracting(m -> m.get("revision")).containsExactly(66, 2, 1);
        List<Map<String, Object>> types = w.as("artist").get("/data/entities/" + w.asset + "/output-types").list();
        assertThat(types).extracting(m -> m.get("name")).contains("Texture");
        assertThat(types).extracting(m -> m.get("id")).doesNotHaveDuplicates();
        assertThat(w.as("artist").get("/data/entities/" + w.asset + "/output-types/" + texture
                + "/output-files?representation=").list()).hasSize(4);
        assertThat(w.admin.get("/data/files/" + first.map().get("id")).map()).containsEntry("revision", 1);

        List<Map<String, Object>> project = w.as("manager").get("/data/projects/" + w.project + "/output-files")
                .list();
        assertThat(project).extracting(m -> m.get("id")).contains(first.map().get("id"), second.get("id"));
        assertThat(w.as("artist").get("/data/projects/" + w.project + "/output-files").status()).isEqualTo(403);
        assertThat(w.as("outsider").get("/data/entities/" + w.asset + "/output-files").status()).isEqualTo(403);
    }

    @Test
    void assetInstanceOutputFilesAreKeptPerTemporalEntity() {
        String instance = assetInstance();
        String base = "/data/asset-instances/" + instance + "/entities/" + shot;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("comment", "instance publish");
        body.put("output_type_id", cache);
        body.put("task_type_id", w.taskTypes.get("animation"));
        body.put("representation", "abc");
        ApiClient.Reply first = w.admin.post(base + "/output-files/new", body);
        assertThat(first.status()).as(first.text()).isEqualTo(201);
        String folder = EXPORT + "/shot/sq01/sh010/animation/cache/character/hero/instance_0001/abc";
        assertThat(first.map()).containsEntry("folder_path", folder)
                .containsEntry("file_name", "task_world_sq01_sh010_animation_cache_main_hero_0001_v001")
                .containsEntry("asset_instance_id", instance).containsEntry("temporal_entity_id", shot)
                .containsEntry("entity_id", w.asset).containsEntry("revision", 1);
        assertThat(w.eventsNamed("output-file:new", "output_file_id", (String) first.map().get("id"))).hasSize(1);
        assertThat(w.admin.post(base + "/output-files/new", body).map()).containsEntry("revision", 2);

        assertThat(w.as("artist").post(base + "/output-files/next-revision", Map.of("output_type_id", cache,
                "task_type_id", w.taskTypes.get("animation"))).map()).containsEntry("next_revision", 3);
        assertThat(w.as("artist").get(base + "/output-files/last-revisions").list())
                .extracting(m -> m.get("revision")).containsExactly(2);
        assertThat(w.as("artist").get(base + "/output-types").list()).extracting(m -> m.get("name"))
                .containsExactly("Cache");
        assertThat(w.as("artist").get(base + "/output-types/" + cache + "/output-files").list())
                .extracting(m -> m.get("revision")).containsExactly(2, 1);
        assertThat(w.as("artist").get("/data/asset-instances/" + instance + "/output-files?temporal_entity_id="
                + shot).list()).hasSize(2);
        assertThat(w.as("artist").get("/data/asset-instances/" + instance + "/output-files").list()).hasSize(2);
        // instance outputs are not entity outputs
        assertThat(w.as("artist").get("/data/entities/" + w.asset + "/output-files?output_type_id=" + cache)
                .list()).isEmpty();
        assertThat(w.as("outsider").get(base + "/output-types").status()).isEqualTo(403);
        assertThat(w.admin.get("/data/asset-instances/" + java.util.UUID.randomUUID() + "/output-files")
                .status()).isEqualTo(404);
        ApiClient.Reply wrongType = w.admin.post(base + "/output-files/new", Map.of("output_type_id",
                java.util.UUID.randomUUID().toString(), "task_type_id", w.taskTypes.get("animation")));
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.map()).containsEntry("message", "Cannot find given output type.");
    }

    @Test
    void aCustomTreeSetThroughTheProjectIsRenderedWithItsStyleFieldsAndFallbacks() {
        // gazu.files.update_project_file_tree: PUT /data/projects/<id> {"file_tree": ...}
        String project = w.create("projects", Map.of("name", "Custom Tree"));
        String asset = w.create("entities", Map.of("name", "Robot Ünïcode", "project_id", project,
                "entity_type_id", w.assetType));
        String task = w.create("tasks", Map.of("project_id", project, "entity_id", asset, "name", "Main Task",
                "task_type_id", w.taskTypes.get("modeling"), "task_status_id", w.statuses.get("todo")));
        ApiClient.Reply noTree = w.admin.post("/data/tasks/" + task + "/working-file-path", Map.of());
        assertThat(noTree.status()).isEqualTo(400);
        assertThat(noTree.map().get("message")).isEqualTo("No tree can be found for given project.");

        Map<String, Object> working = Map.of("mountpoint", "/mnt", "root", "",
                "folder_path", Map.of("asset", "<Project>/<Department>/<Asset.id>/<Episode>/<Task>",
                        "style", "uppercase"),
                "file_name", Map.of("asset", "<Asset>_<Asset.id>_<TaskType>_<Task>_v<Version>",
                        "style", "uppercase"));
        assertThat(w.admin.put("/data/projects/" + project, Map.of("file_tree", Map.of("working", working)))
                .status()).isEqualTo(200);
        ApiClient.Reply r = w.admin.post("/data/tasks/" + task + "/working-file-path", Map.of());
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        // ids are neither slugified nor styled (also inside a file name); a path without episode says E001
        assertThat(r.map()).containsEntry("path", "/mnt/CUSTOM_TREE/MODELING/" + asset + "/E001/MAIN_TASK")
                .containsEntry("name", "ROBOT_UNICODE_" + asset + "_MODELING_MAIN_TASK_V001");

        // no output mode in this tree; an unknown token; a field the project does not have
        ApiClient.Reply noMode = w.admin.post("/data/entities/" + asset + "/output-file-path",
                Map.of("output_type_id", cache, "task_type_id", w.taskTypes.get("modeling")));
        assertThat(noMode.status()).isEqualTo(400);
        assertThat(noMode.map()).containsEntry("message", "Mode output cannot be found on given tree.")
                .containsKey("received_data");
        Map<String, Object> bogus = new LinkedHashMap<>(working);
        bogus.put("folder_path", Map.of("asset", "<Project>/<Bogus>"));
        w.admin.put("/data/projects/" + project, Map.of("file_tree", Map.of("working", bogus)));
        ApiClient.Reply unknown = w.admin.post("/data/tasks/" + task + "/working-file-path", Map.of());
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.map().get("message")).isEqualTo("Unknown data type: Bogus.");
        bogus.put("folder_path", Map.of("asset", "<Project.short_name>"));
        w.admin.put("/data/projects/" + project, Map.of("file_tree", Map.of("working", bogus)));
        assertThat(w.admin.post("/data/tasks/" + task + "/working-file-path", Map.of()).status()).isEqualTo(400);
    }

    // ---- guess from path -------------------------------------------------------------------------------------------

    @Test
    void guessFromPathResolvesTheTokensOfTheMatchingTemplate() {
        String path = ROOT + "/assets/character/hero/modeling/blender";
        for (String route : List.of("/data/entities/guess-from-path", "/data/entities/guess_from_path")) {
            ApiClient.Reply r = w.as("artist").post(route, Map.of("project_id", w.project, "file_path", path));
            assertThat(r.status()).as(r.text()).isEqualTo(200);
            assertThat(r.list()).containsExactly(Map.of("Template", "asset", "Project", w.project,
                    "AssetType", w.assetType, "Asset", w.asset, "TaskType", w.taskTypes.get("modeling")));
        }
        assertThat(w.admin.post("/data/entities/guess-from-path", Map.of("project_id", w.project,
                "file_path", "/elsewhere/x")).list()).isEmpty();
        assertThat(w.as("outsider").post("/data/entities/guess-from-path", Map.of("project_id", w.project,
                "file_path", path)).status()).isEqualTo(403);
        assertThat(w.admin.post("/data/entities/guess-from-path", Map.of("project_id", w.project)).status())
                .isEqualTo(400);
    }
}
