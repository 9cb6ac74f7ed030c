package org.zou4j.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Zou's project_templates blueprint over HTTP: template links (task types, statuses, asset types, automations,
 * backgrounds), reorder, default background, descriptor snapshot, from-project and apply-template; permissions and
 * events.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SuppressWarnings("unchecked")
class ProjectTemplateRoutesTest {
    /** The storage the tests run on: in-memory H2 here, PostgreSQL in the {@code ...PostgresTest} subclass. */
    org.zou4j.storage.StorageBackend storage() {
        return org.zou4j.storage.h2.H2Storage.inMemory();
    }

    private ProductionHttpFixture f;
    private ApiClient admin;
    private ApiClient manager;
    private ApiClient artist;
    private String modeling;
    private String rigging;
    private String todo;
    private String wip;

    @BeforeAll
    void start() {
        f = new ProductionHttpFixture(storage());
        admin = f.admin;
        manager = f.newUser("Manon", "manager");
        artist = f.newUser("Arthur", "user");
        modeling = id(f.create("task-types", Map.of("name", "Modeling T", "for_entity", "Asset")));
        rigging = id(f.create("task-types", Map.of("name", "Rigging T", "for_entity", "Asset")));
        todo = id(f.create("task-status", Map.of("name", "Todo T", "short_name", "tdt", "color", "#000000")));
        wip = id(f.create("task-status", Map.of("name", "Wip T", "short_name", "wipt", "color", "#000000")));
    }

    @AfterAll
    void stop() {
        f.close();
    }

    private static String id(Map<String, Object> m) {
        return (String) m.get("id");
    }

    private String template(String name) {
        return id(f.create("project-templates", Map.of("name", name + " " + ProductionHttpFixture.shortId())));
    }

    private long events(String name, String templateId) {
        return admin.get("/api/data/events/last?limit=500").list().stream()
                .filter(e -> name.equals(e.get("name")) && e.get("data") instanceof Map<?, ?> d
                        && templateId.equals(d.get("project_template_id"))).count();
    }

    // Zou tests/blueprints/projects/test_project_templates.py: task types and statuses with priorities, reorder
    @Test
    void taskTypesAndStatusesWithPrioritiesAndReorder() {
        String t = template("Feature");
        String base = "/api/data/project-templates/" + t;
        ApiClient.Reply added = admin.post(base + "/task-types", Map.of("task_type_id", modeling, "priority", 2));
        assertThat(added.status()).as(added.text()).isEqualTo(201);
        assertThat(added.map()).containsEntry("project_template_id", t).containsEntry("task_type_id", modeling)
                .containsEntry("priority", 2);
        admin.post(base + "/task-types", Map.of("task_type_id", rigging, "priority", 1));
        assertThat(manager.get(base + "/task-types").list()).extracting(m -> m.get("id"))
                .containsExactly(rigging, modeling);
        assertThat(events("project-template:update", t)).isEqualTo(2);

        List<Map<String, Object>> reordered = admin.post("/api/actions/project-templates/" + t
                + "/task-types/reorder", Map.of("task_type_ids", List.of(modeling, rigging))).list();
        assertThat(reordered).extracting(m -> m.get("priority")).containsExactly(1, 2);
        assertThat(manager.get(base + "/task-types").list()).extracting(m -> m.get("id"))
                .containsExactly(modeling, rigging);
        assertThat(admin.post("/api/actions/project-templates/" + t + "/task-types/reorder", Map.of("ids",
                List.of())).status()).isEqualTo(400);

        ApiClient.Reply status = admin.post(base + "/task-statuses", Map.of("task_status_id", todo,
                "roles_for_board", List.of("admin", "manager")));
        assertThat(status.status()).isEqualTo(201);
        admin.post(base + "/task-statuses", Map.of("task_status_id", wip));
        admin.post("/api/actions/project-templates/" + t + "/task-statuses/reorder",
                Map.of("task_status_ids", List.of(wip, todo)));
        List<Map<String, Object>> statuses = manager.get(base + "/task-statuses").list();
        assertThat(statuses).extracting(m -> m.get("id")).containsExactly(wip, todo);
        assertThat(statuses.get(1)).containsEntry("roles_for_board", List.of("admin", "manager"))
                .containsEntry("priority", 2).containsEntry("type", "TaskStatus");

        ApiClient.Reply badId = admin.post(base + "/task-types", Map.of("task_type_id", "nope"));
        assertThat(badId.status()).isEqualTo(400);
        assertThat(badId.map()).containsEntry("message", "task_type_id is required and must be a valid UUID");
        assertThat(admin.post(base + "/task-types", Map.of("task_type_id", "00000000-0000-0000-0000-000000000001"))
                .map().get("message").toString()).endsWith("does not exist");
        ApiClient.Reply missing = admin.get("/api/data/project-templates/00000000-0000-0000-0000-000000000001"
                + "/task-types");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.map()).containsEntry("message", "Project template not found");

        assertThat(admin.delete(base + "/task-types/" + modeling).status()).isEqualTo(204);
        assertThat(admin.delete(base + "/task-statuses/" + todo).status()).isEqualTo(204);
        assertThat(manager.get(base + "/task-types").list()).extracting(m -> m.get("id")).containsExactly(rigging);
        assertThat(manager.get(base + "/task-statuses").list()).extracting(m -> m.get("id")).containsExactly(wip);

        // reads need a global manager, writes an admin
        assertThat(artist.get(base + "/task-types").status()).isEqualTo(403);
        assertThat(manager.post(base + "/task-types", Map.of("task_type_id", modeling)).status()).isEqualTo(403);
        assertThat(manager.delete(base + "/task-types/" + rigging).status()).isEqualTo(403);
    }

    @Test
    void assetTypesAutomationsBackgroundsAndDefaultBackground() {
        String t = template("Short");
        String base = "/api/data/project-templates/" + t;
        String props = id(f.create("entity-types", Map.of("name", "Props T")));
        ApiClient.Reply asset = admin.post(base + "/asset-types", Map.of("asset_type_id", props));
        assertThat(asset.status()).isEqualTo(201);
        assertThat(asset.map()).isEqualTo(Map.of("id", props, "name", "Props T"));
        assertThat(manager.get(base + "/asset-types").list()).containsExactly(Map.of("id", props, "name", "Props T"));

        String automation = id(f.create("status-automations", Map.of("entity_type", "asset",
                "in_task_type_id", modeling, "in_task_status_id", todo, "out_field_type", "status",
                "out_task_type_id", rigging, "out_task_status_id", wip)));
        ApiClient.Reply auto = admin.post(base + "/status-automations", Map.of("status_automation_id", automation));
        assertThat(auto.map()).containsEntry("id", automation).containsEntry("type", "StatusAutomation");
        ApiClient.Reply automations = manager.get(base + "/status-automations");
        assertThat(automations.status()).as(automations.text()).isEqualTo(200);
        assertThat(automations.list()).extracting(m -> m.get("id")).containsExactly(automation);

        String background = id(f.create("preview-background-files", Map.of("name", "Studio T")));
        String other = id(f.create("preview-background-files", Map.of("name", "Other T")));
        ApiClient.Reply bg = admin.post(base + "/preview-background-files",
                Map.of("preview_background_file_id", background));
        assertThat(bg.map()).containsEntry("id", background).containsEntry("name", "Studio T")
                .containsEntry("is_default", false);
        assertThat(admin.put(base + "/default-preview-background-file", Map.of(
                "default_preview_background_file_id", other)).status()).isEqualTo(400);
        ApiClient.Reply def = admin.put(base + "/default-preview-background-file", Map.of(
                "default_preview_background_file_id", background));
        assertThat(def.status()).isEqualTo(200);
        assertThat(def.map()).containsEntry("default_preview_background_file_id", background)
                .containsEntry("type", "ProjectTemplate");
        // removing the default background clears it
        assertThat(admin.delete(base + "/preview-background-files/" + background).status()).isEqualTo(204);
        assertThat(admin.get("/api/data/project-templates/" + t).map())
                .containsEntry("default_preview_background_file_id", null);
        assertThat(manager.get(base + "/preview-background-files").list()).isEmpty();
        assertThat(admin.delete(base + "/asset-types/" + props).status()).isEqualTo(204);
        assertThat(admin.delete(base + "/status-automations/" + automation).status()).isEqualTo(204);
        assertThat(manager.get(base + "/asset-types").list()).isEmpty();
        assertThat(manager.get(base + "/status-automations").list()).isEmpty();
        assertThat(manager.put(base + "/default-preview-background-file", Map.of()).status()).isEqualTo(403);
    }

    @Test
    void metadataDescriptorSnapshotIsCleaned() {
        String t = template("Meta");
        String path = "/api/data/project-templates/" + t + "/metadata-descriptors";
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("name", "Difficulty Level");
        d.put("entity_type", "Asset");
        d.put("choices", List.of("easy", "hard"));
        ApiClient.Reply set = admin.put(path, Map.of("metadata_descriptors", List.of(d)));
        assertThat(set.status()).as(set.text()).isEqualTo(200);
        List<Map<String, Object>> stored = (List<Map<String, Object>>) set.map().get("metadata_descriptors");
        assertThat(stored).singleElement().satisfies(m -> assertThat(m).containsEntry("field_name",
                "difficulty_level").containsEntry("for_client", false).containsEntry("departments", List.of())
                .containsEntry("choices", List.of("easy", "hard")));
        // the legacy bare-array body
        ApiClient.Reply legacy = admin.put(path, List.of(Map.of("name", "Budget", "entity_type", "Shot")));
        assertThat((List<Object>) legacy.map().get("metadata_descriptors")).hasSize(1);
        assertThat(admin.put(path, List.of("x")).status()).isEqualTo(400);
        assertThat(admin.put(path, Map.of("metadata_descriptors", "x")).status()).isEqualTo(400);
        assertThat(manager.put(path, List.of()).status()).isEqualTo(403);
    }

    // Zou tests/services/test_project_templates_service.py: create from project, apply to project
    @Test
    void templateFromProjectThenAppliedToAnotherProject() {
        String source = f.project("Source");
        String props = id(f.create("entity-types", Map.of("name", "Set T")));
        admin.put("/api/data/projects/" + source, Map.of("fps", "24", "ratio", "2.39", "max_retakes", 3));
        admin.post("/api/data/projects/" + source + "/settings/task-types", Map.of("task_type_id", modeling,
                "priority", 4));
        admin.post("/api/data/projects/" + source + "/settings/task-status", Map.of("task_status_id", todo));
        admin.post("/api/data/projects/" + source + "/settings/asset-types", Map.of("asset_type_id", props));
        admin.post("/api/data/projects/" + source + "/metadata-descriptors", Map.of("name", "Difficulty",
                "entity_type", "Asset", "choices", List.of("easy", "hard")));

        String name = "From source " + ProductionHttpFixture.shortId();
        ApiClient.Reply created = admin.post("/api/data/project-templates/from-project/" + source,
                Map.of("name", name, "description", "snapshot"));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        assertThat(created.map()).containsEntry("name", name).containsEntry("description", "snapshot")
                .containsEntry("fps", "24").containsEntry("ratio", "2.39").containsEntry("max_retakes", 3);
        String t = id(created.map());
        assertThat((List<Map<String, Object>>) created.map().get("metadata_descriptors")).singleElement()
                .satisfies(m -> assertThat(m).containsEntry("field_name", "difficulty"));
        assertThat(events("project-template:new", t)).isEqualTo(1);
        assertThat(manager.get("/api/data/project-templates/" + t + "/task-types").list()).singleElement()
                .satisfies(m -> assertThat(m).containsEntry("id", modeling).containsEntry("priority", 4));
        assertThat(manager.get("/api/data/project-templates/" + t + "/asset-types").list())
                .extracting(m -> m.get("id")).containsExactly(props);
        assertThat(admin.post("/api/data/project-templates/from-project/" + source, Map.of("name", name))
                .status()).isEqualTo(400);
        assertThat(admin.post("/api/data/project-templates/from-project/" + source, Map.of()).status())
                .isEqualTo(400);
        ApiClient.Reply noProject = admin.post("/api/data/project-templates/from-project/"
                + "00000000-0000-0000-0000-000000000001", Map.of("name", "X"));
        assertThat(noProject.status()).isEqualTo(404);
        assertThat(noProject.map()).containsEntry("message", "Project not found");
        assertThat(manager.post("/api/data/project-templates/from-project/" + source, Map.of("name", "Y"))
                .status()).isEqualTo(403);

        String target = f.project("Target");
        ApiClient.Reply applied = admin.post("/api/data/projects/" + target + "/apply-template/" + t, Map.of());
        assertThat(applied.status()).as(applied.text()).isEqualTo(200);
        assertThat(applied.map()).containsEntry("id", target).containsEntry("fps", "24")
                .containsEntry("max_retakes", 3);
        assertThat(admin.get("/api/data/projects/" + target + "/task-types").list()).extracting(m -> m.get("id"))
                .containsExactly(modeling);
        assertThat(admin.get("/api/data/projects/" + target + "/settings/task-status").list())
                .extracting(m -> m.get("id")).containsExactly(todo);
        assertThat(admin.get("/api/data/projects/" + target + "/metadata-descriptors").list())
                .extracting(m -> m.get("field_name")).containsExactly("difficulty");
        assertThat(admin.get("/api/data/projects/" + target).map().get("asset_types")).isEqualTo(List.of(props));
        // applying twice adds nothing new
        admin.post("/api/data/projects/" + target + "/apply-template/" + t, Map.of());
        assertThat(admin.get("/api/data/projects/" + target + "/metadata-descriptors").list()).hasSize(1);
        assertThat(admin.post("/api/data/projects/" + target + "/apply-template/"
                + "00000000-0000-0000-0000-000000000001", Map.of()).status()).isEqualTo(404);
        assertThat(manager.post("/api/data/projects/" + target + "/apply-template/" + t, Map.of()).status())
                .isEqualTo(403);
    }
}
