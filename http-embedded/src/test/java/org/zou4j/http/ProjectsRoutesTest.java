package org.zou4j.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.zou4j.Entry;
import org.zou4j.LoginRequest;
import org.zou4j.Query;
import org.zou4j.Session;
import org.zou4j.ZouEngine;
import org.zou4j.storage.h2.H2Storage;

/** Zou's projects blueprint over HTTP: lists, team, settings, metadata descriptors. */
class ProjectsRoutesTest {
    private static final String ADMIN = "admin@example.com";
    private static final String PASSWORD = "correct horse battery";
    private static ZouEngine engine;
    private static ZouHttpServer server;
    private static ApiClient admin;
    private static ApiClient outsider;
    private static String outsiderId;

    @BeforeAll
    static void start() {
        engine = ZouEngine.builder().storage(H2Storage.inMemory()).secretKey("http-test-secret-0123456789abcdefgh")
                .bcryptCost(4).build();
        engine.ensureAdmin(ADMIN, PASSWORD);
        String token = engine.login(LoginRequest.of(ADMIN, PASSWORD)).access().orElseThrow();
        server = ZouHttpServer.builder(engine).port(0).build().start();
        admin = new ApiClient(server.port()).withToken(token);
        Entry p = engine.systemSession().data("persons").create(Map.of("first_name", "Art", "last_name", "Ist",
                "email", "outsider@example.com", "role", "user", "password", PASSWORD));
        outsiderId = p.id();
        outsider = new ApiClient(server.port()).withToken(engine.login(LoginRequest.of("outsider@example.com",
                PASSWORD)).access().orElseThrow());
    }

    @AfterAll
    static void stop() {
        server.close();
        engine.close();
    }

    private static String project(String name) {
        Session system = engine.systemSession();
        Entry open = system.data("project-status").list(Query.where(Map.of("name", "Open"))).stream().findFirst()
                .orElseGet(() -> system.data("project-status").create(Map.of("name", "Open", "color", "#000000")));
        return system.data("projects").create(Map.of("name", name, "project_status_id", open.id())).id();
    }

    private static long events(String name, String projectId) {
        return admin.get("/api/data/events/last?limit=1000").list().stream()
                .filter(e -> name.equals(e.get("name")) && projectId.equals(e.get("project_id"))).count();
    }

    @Test
    void settingsAddAndRemoveLinksAnswerTheProjectAndEmitProjectUpdate() {
        String pid = project("Settings show");
        String assetType = (String) admin.post("/api/data/entity-types", Map.of("name", "Props")).map().get("id");
        String taskType = (String) admin.post("/api/data/task-types", Map.of("name", "Modeling",
                "for_entity", "Asset")).map().get("id");
        String status = (String) admin.post("/api/data/task-status", Map.of("name", "Todo X", "short_name", "tdx",
                "color", "#000000")).map().get("id");
        long before = events("project:update", pid);

        ApiClient.Reply added = admin.post("/api/data/projects/" + pid + "/settings/asset-types",
                Map.of("asset_type_id", assetType));
        assertThat(added.status()).isEqualTo(201);
        assertThat(added.map()).containsEntry("id", pid).containsEntry("type", "Project");
        assertThat(admin.post("/data/projects/" + pid + "/settings/task-types/", Map.of("task_type_id", taskType,
                "priority", 3)).status()).isEqualTo(201);
        assertThat(admin.post("/data/projects/" + pid + "/settings/task-status", Map.of("task_status_id", status))
                .status()).isEqualTo(201);
        assertThat(events("project:update", pid)).isEqualTo(before + 3);

        assertThat(admin.get("/api/data/projects/" + pid + "/settings/task-status").list())
                .extracting(m -> m.get("id")).containsExactly(status);
        assertThat(admin.get("/api/data/projects/" + pid + "/task-types").list())
                .extracting(m -> m.get("id")).containsExactly(taskType);
        Map<String, Object> open = admin.get("/api/data/projects/open?name=Settings%20show").list().get(0);
        assertThat(open).containsEntry("task_types_priority", Map.of(taskType, 3));
        assertThat(open.get("asset_types")).isEqualTo(List.of(assetType));
        assertThat(open).containsKeys("descriptors", "task_statuses_link");

        ApiClient.Reply unknown = admin.post("/api/data/projects/" + pid + "/settings/asset-types",
                Map.of("asset_type_id", "00000000-0000-0000-0000-000000000001"));
        assertThat(unknown.status()).isEqualTo(400);
        ApiClient.Reply missing = admin.post("/api/data/projects/" + pid + "/settings/asset-types", Map.of());
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.map()).containsEntry("message", "Validation error.");

        assertThat(admin.delete("/api/data/projects/" + pid + "/settings/asset-types/" + assetType).status())
                .isEqualTo(204);
        assertThat(admin.delete("/api/data/projects/" + pid + "/settings/task-status/" + status).status())
                .isEqualTo(204);
        assertThat(admin.get("/api/data/projects/" + pid + "/settings/task-status").list()).isEmpty();

        // an artist outside the project is refused
        assertThat(outsider.post("/api/data/projects/" + pid + "/settings/asset-types",
                Map.of("asset_type_id", assetType)).status()).isEqualTo(403);
        assertThat(outsider.get("/api/data/projects/" + pid + "/settings/task-status").status()).isEqualTo(403);
        assertThat(outsider.get("/api/data/projects/" + pid + "/settings/status-automations").status())
                .isEqualTo(403);
    }

    @Test
    void settingsBatchAddsAndReplacesTaskTypes() {
        String pid = project("Batch show");
        String t1 = (String) admin.post("/api/data/task-types", Map.of("name", "Layout B", "for_entity", "Shot"))
                .map().get("id");
        String t2 = (String) admin.post("/api/data/task-types", Map.of("name", "Anim B", "for_entity", "Shot"))
                .map().get("id");
        ApiClient.Reply first = admin.post("/api/data/projects/" + pid + "/settings/batch",
                Map.of("task_types", List.of(Map.of("task_type_id", t1, "priority", 1),
                        Map.of("task_type_id", t2, "priority", 2))));
        assertThat(first.status()).isEqualTo(200);
        assertThat(admin.get("/api/data/projects/" + pid + "/task-types").list()).hasSize(2);
        admin.post("/api/data/projects/" + pid + "/settings/batch", Map.of("task_types",
                List.of(Map.of("task_type_id", t2)), "replace_task_types", true));
        assertThat(admin.get("/api/data/projects/" + pid + "/task-types").list()).extracting(m -> m.get("id"))
                .containsExactly(t2);
    }

    @Test
    void teamAddRoleAndRemove() {
        String pid = project("Team show");
        assertThat(outsider.get("/api/data/projects/" + pid + "/team").status()).isEqualTo(403);
        ApiClient.Reply added = admin.post("/api/data/projects/" + pid + "/team", Map.of("person_id", outsiderId,
                "role", "supervisor"));
        assertThat(added.status()).isEqualTo(201);
        assertThat(added.map()).containsEntry("id", pid);
        List<Map<String, Object>> team = outsider.get("/api/data/projects/" + pid + "/team").list();
        assertThat(team).singleElement().satisfies(m -> assertThat(m).containsEntry("id", outsiderId)
                .containsEntry("project_role", "supervisor").doesNotContainKey("email"));
        ApiClient.Reply role = admin.put("/api/data/projects/" + pid + "/team/" + outsiderId,
                java.util.Collections.singletonMap("role", null));
        assertThat(role.map()).containsEntry("project_id", pid).containsEntry("person_id", outsiderId)
                .containsEntry("role", null);
        assertThat(admin.post("/api/data/projects/" + pid + "/team", Map.of("person_id", outsiderId,
                "role", "admin")).status()).isEqualTo(400);
        assertThat(outsider.get("/api/data/projects/all").list()).extracting(m -> m.get("id")).contains(pid);
        assertThat(admin.delete("/api/data/projects/" + pid + "/team/" + outsiderId).status()).isEqualTo(204);
        assertThat(admin.get("/api/data/projects/" + pid + "/team").list()).isEmpty();
        assertThat(outsider.get("/api/data/projects/all").list()).extracting(m -> m.get("id")).doesNotContain(pid);
        assertThat(outsider.get("/api/data/projects/open").list()).extracting(m -> m.get("id")).doesNotContain(pid);
        assertThat(admin.get("/api/data/projects/all").list()).extracting(m -> m.get("id")).contains(pid);
        assertThat(admin.get("/api/data/projects/all").list().get(0)).containsKeys("project_status_name",
                "descriptors");
    }

    @Test
    void metadataDescriptorsCreateRenameReorderDelete() {
        String pid = project("Meta show");
        ApiClient.Reply created = admin.post("/api/data/projects/" + pid + "/metadata-descriptors",
                Map.of("name", "Difficulty Level", "entity_type", "Asset", "choices", List.of("easy", "hard")));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.map()).containsEntry("field_name", "difficulty_level").containsEntry("data_type",
                "string").containsEntry("type", "MetadataDescriptor");
        String id = (String) created.map().get("id");
        assertThat(events("metadata-descriptor:new", pid)).isEqualTo(1);
        assertThat(admin.post("/api/data/projects/" + pid + "/metadata-descriptors", Map.of("name",
                "Difficulty Level")).status()).isEqualTo(400);
        assertThat(admin.post("/api/data/projects/" + pid + "/metadata-descriptors", Map.of("name", "X",
                "entity_type", "Person")).status()).isEqualTo(400);
        String second = (String) admin.post("/api/data/projects/" + pid + "/metadata-descriptors",
                Map.of("name", "Alpha")).map().get("id");

        ApiClient.Reply renamed = admin.put("/api/data/projects/" + pid + "/metadata-descriptors/" + id,
                Map.of("name", "Level", "data_type", "list", "choices", List.of("a")));
        assertThat(renamed.map()).containsEntry("field_name", "level").containsEntry("data_type", "list");
        assertThat(admin.get("/api/data/projects/" + pid + "/metadata-descriptors/" + id).map())
                .containsEntry("name", "Level").containsKey("departments");

        List<Map<String, Object>> order = admin.post("/api/data/projects/" + pid + "/metadata-descriptors/reorder",
                Map.of("entity_type", "Asset", "descriptor_ids", List.of(second, id))).list();
        assertThat(order).extracting(m -> m.get("id")).containsExactly(second, id);
        assertThat(order).extracting(m -> m.get("position")).containsExactly(1, 2);
        assertThat(outsider.get("/api/data/projects/" + pid + "/metadata-descriptors").status()).isEqualTo(403);
        assertThat(admin.delete("/api/data/projects/" + pid + "/metadata-descriptors/" + id).status())
                .isEqualTo(204);
        assertThat(events("metadata-descriptor:delete", pid)).isEqualTo(1);
        assertThat(admin.get("/api/data/projects/" + pid + "/metadata-descriptors").list())
                .extracting(m -> m.get("id")).containsExactly(second);
    }

    @Test
    void metadataDescriptorsAcrossAllOpenProjects() {
        String a = project("All A");
        String b = project("All B");
        ApiClient.Reply created = admin.post("/api/data/metadata-descriptors/all-projects",
                Map.of("name", "Budget Code", "entity_type", "Shot"));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.list()).extracting(m -> m.get("project_id")).contains(a, b);
        assertThat(admin.put("/api/data/metadata-descriptors/all-projects/budget_code",
                Map.of("entity_type", "Shot", "data_type", "number")).list())
                .allSatisfy(m -> assertThat(m).containsEntry("data_type", "number"));
        assertThat(outsider.post("/api/data/metadata-descriptors/all-projects", Map.of("name", "N")).status())
                .isEqualTo(403);
        List<Object> removed = (List<Object>) admin.delete(
                "/api/data/metadata-descriptors/all-projects/budget_code?entity_type=Shot").json();
        assertThat(removed).hasSizeGreaterThanOrEqualTo(2);
    }
}
