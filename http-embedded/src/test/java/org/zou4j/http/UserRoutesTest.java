package org.zou4j.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.zou4j.DataSet;
import org.zou4j.LoginRequest;
import org.zou4j.Session;
import org.zou4j.ZouEngine;
import org.zou4j.storage.StorageBackend;
import org.zou4j.storage.h2.H2Storage;

/**
 * Zou's user blueprint and search over real HTTP, as each role: two open projects A and B and a closed one; every
 * person is in A's team only, so nothing of B may ever appear to them. Runs on H2; {@link UserRoutesPostgresTest}
 * runs it on PostgreSQL.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UserRoutesTest {
    static final String PASSWORD = "correct horse battery";
    ZouEngine engine;
    ZouHttpServer server;
    String projectA;
    String projectB;
    String closed;
    String todo;
    String done;
    String wfa;
    String taskType;
    String assetType;
    String assetA;
    String assetB;
    String taskA;
    String doneTaskA;
    String taskB;
    String artist;
    final java.util.Map<String, ApiClient> as = new java.util.HashMap<>();

    StorageBackend storage() {
        return H2Storage.inMemory();
    }

    void cleanUp() {
    }

    @BeforeAll
    void start() {
        engine = ZouEngine.builder().storage(storage()).secretKey("user-test-secret-0123456789abcdefghij")
                .bcryptCost(4).build();
        engine.ensureAdmin("admin@example.com", PASSWORD);
        server = ZouHttpServer.builder(engine).port(0).build().start();
        Session sys = engine.systemSession();
        String open = sys.data("project-status").create(Map.of("name", "Open", "color", "#000000")).id();
        String closedStatus = sys.data("project-status").create(Map.of("name", "Closed", "color", "#000000")).id();
        List<String> team = new java.util.ArrayList<>();
        for (String role : List.of("manager", "supervisor", "user", "vendor", "client")) {
            String id = sys.data("persons").create(Map.of("first_name", "Pat", "last_name", role, "email",
                    role + "@example.com", "role", role, "password", PASSWORD)).id();
            if (role.equals("user")) {
                artist = id;
            }
            team.add(id);
        }
        projectA = sys.data("projects").create(Map.of("name", "Alpha", "project_status_id", open, "team", team))
                .id();
        projectB = sys.data("projects").create(Map.of("name", "Bravo", "project_status_id", open)).id();
        closed = sys.data("projects").create(Map.of("name", "Closed One", "project_status_id", closedStatus,
                "team", team)).id();
        todo = sys.data("task-status").create(Map.of("name", "Todo", "short_name", "todo", "color", "#000000"))
                .id();
        done = sys.data("task-status").create(Map.of("name", "Done", "short_name", "done", "color", "#000000",
                "is_done", true)).id();
        wfa = sys.data("task-status").create(Map.of("name", "WFA", "short_name", "wfa", "color", "#000000",
                "is_feedback_request", true)).id();
        taskType = sys.data("task-types").create(Map.of("name", "Modeling", "for_entity", "Asset")).id();
        assetType = sys.data("entity-types").create(Map.of("name", "Prop")).id();
        assetA = sys.data("entities").create(Map.of("name", "Chair", "project_id", projectA,
                "entity_type_id", assetType)).id();
        assetB = sys.data("entities").create(Map.of("name", "Chair Bravo", "project_id", projectB,
                "entity_type_id", assetType)).id();
        as.put("admin", client("admin@example.com"));
        for (String role : List.of("manager", "supervisor", "user", "vendor", "client")) {
            as.put(role, client(role + "@example.com"));
        }
        DataSet tasks = sys.data("tasks");
        taskA = tasks.create(Map.of("name", "Main", "project_id", projectA, "entity_id", assetA, "task_type_id",
                taskType, "task_status_id", todo, "assignees", List.of(artist))).id();
        doneTaskA = tasks.create(Map.of("name", "Old", "project_id", projectA, "entity_id", assetA, "task_type_id",
                taskType, "task_status_id", done, "assignees", List.of(artist))).id();
        taskB = tasks.create(Map.of("name", "Main", "project_id", projectB, "entity_id", assetB, "task_type_id",
                taskType, "task_status_id", wfa, "assignees", List.of(artist))).id();
        tasks.create(Map.of("name", "Review", "project_id", projectA, "entity_id", assetA, "task_type_id",
                taskType, "task_status_id", wfa));
    }

    private ApiClient client(String email) {
        return new ApiClient(server.port()).withToken(engine.login(LoginRequest.of(email, PASSWORD)).access()
                .orElseThrow());
    }

    @AfterAll
    void stop() {
        server.close();
        engine.close();
        cleanUp();
    }

    @Test
    void contextCarriesKitsusStartUpKeysAndOnlyTheCallersOpenProjects() {
        for (String role : List.of("manager", "supervisor", "user", "vendor", "client")) {
            ApiClient.Reply r = as.get(role).get("/api/data/user/context");
            assertThat(r.status()).as(role).isEqualTo(200);
            Map<String, Object> c = r.map();
            assertThat(c).containsKeys("asset_types", "custom_actions", "status_automations", "departments",
                    "studios", "notification_count", "persons", "project_status", "project_roles", "projects",
                    "task_types", "task_status", "search_filters", "search_filter_groups",
                    "preview_background_files", "plugins").doesNotContainKey("user_limit");
            assertThat(ids(c.get("projects"))).as(role).containsExactly(projectA);
            List<Map<String, Object>> persons = list(c.get("persons"));
            assertThat(persons).hasSize(6).allSatisfy(p -> assertThat(p).doesNotContainKey("password"));
            if (!role.equals("manager")) {
                assertThat(persons).allSatisfy(p -> assertThat(p).doesNotContainKey("email"));
            }
        }
        Map<String, Object> admin = as.get("admin").get("/data/user/context").map();
        assertThat(admin).containsEntry("user_limit", 100);
        assertThat(ids(admin.get("projects"))).containsExactlyInAnyOrder(projectA, projectB);
        Map<String, Object> project = list(admin.get("projects")).get(0);
        assertThat(project).containsKeys("descriptors", "task_types_priority", "task_statuses_link", "team");
    }

    @Test
    void openProjectsAreTheTeamsOpenOnes() {
        assertThat(ids(as.get("user").get("/data/user/projects/open").json())).containsExactly(projectA);
        assertThat(ids(as.get("admin").get("/data/user/projects/open?name=Bravo").json())).containsExactly(projectB);
    }

    @Test
    void todosAndDoneTasksHoldOnlyAssignedTasksOfTeamProjects() {
        List<Map<String, Object>> todos = as.get("user").get("/api/data/user/tasks").list();
        assertThat(todos).extracting(t -> t.get("id")).containsExactly(taskA);
        assertThat(todos.get(0)).containsEntry("project_name", "Alpha").containsEntry("entity_name", "Chair")
                .containsEntry("task_type_name", "Modeling").containsEntry("task_status_short_name", "todo")
                .containsEntry("assignees", List.of(artist)).containsEntry("entity_type_name", "Prop")
                .containsEntry("last_comment", Map.of());
        assertThat(as.get("user").get("/data/user/done-tasks").list()).extracting(t -> t.get("id"))
                .containsExactly(doneTaskA);
        for (String role : List.of("manager", "vendor", "client")) {
            assertThat(as.get(role).get("/data/user/tasks").list()).as(role).isEmpty();
        }
    }

    @Test
    void tasksToCheckFollowZousRoleRules() {
        assertThat(as.get("user").get("/data/user/tasks-to-check").list()).isEmpty();
        assertThat(as.get("client").get("/data/user/tasks-to-check").list()).isEmpty();
        List<Map<String, Object>> manager = as.get("manager").get("/data/user/tasks-to-check").list();
        assertThat(manager).hasSize(1).allSatisfy(t -> assertThat(t).containsEntry("project_id", projectA));
        assertThat(as.get("admin").get("/data/user/tasks-to-check").list()).hasSize(2);
    }

    @Test
    void navigationListsOnlyWhatTheArtistWorksOnInOpenProjects() {
        ApiClient user = as.get("user");
        assertThat(ids(user.get("/data/user/projects/" + projectA + "/asset-types").json()))
                .containsExactly(assetType);
        assertThat(ids(user.get("/data/user/projects/" + projectA + "/asset-types/" + assetType + "/assets")
                .json())).containsExactly(assetA);
        assertThat(ids(user.get("/data/user/assets/" + assetA + "/tasks").json()))
                .containsExactlyInAnyOrder(taskA, doneTaskA);
        assertThat(ids(user.get("/data/user/assets/" + assetA + "/task-types").json())).containsExactly(taskType);
        assertThat(ids(as.get("vendor").get("/data/user/assets/" + assetA + "/tasks").json())).isEmpty();
        assertThat(user.get("/data/user/projects/" + projectA + "/sequences").list()).isEmpty();
        assertThat(user.get("/data/user/projects/" + projectA + "/episodes").list()).isEmpty();
    }

    @Test
    void filtersCrudAndSharingByProjectManagersOnly() {
        ApiClient user = as.get("user");
        ApiClient manager = as.get("manager");
        ApiClient.Reply created = user.post("/data/user/filters", Map.of("name", "Mine", "query", "chair",
                "list_type", "asset", "project_id", projectA, "is_shared", true));
        assertThat(created.status()).isEqualTo(201);
        // zou tests/user: an artist cannot share; the flag is silently turned off
        assertThat(created.map()).containsEntry("is_shared", false).containsEntry("search_query", "chair");
        String mine = (String) created.map().get("id");
        ApiClient.Reply shared = manager.post("/data/user/filters", Map.of("name", "Team", "query", "wip",
                "list_type", "asset", "project_id", projectA, "is_shared", true));
        assertThat(shared.map()).containsEntry("is_shared", true);
        Map<String, Object> seen = user.get("/data/user/filters").map();
        assertThat(ids(((Map<?, ?>) seen.get("asset")).get(projectA))).contains(mine, (String) shared.map().get("id"));
        assertThat(as.get("client").get("/data/user/filters").map()).containsKey("asset");
        assertThat(manager.put("/data/user/filters/" + mine, Map.of("name", "x")).status()).isEqualTo(404);
        assertThat(user.put("/data/user/filters/" + mine, Map.of("name", "Renamed")).map())
                .containsEntry("name", "Renamed");
        assertThat(user.delete("/data/user/filters/" + mine).status()).isEqualTo(204);
        assertThat(user.post("/data/user/filters", Map.of("name", "No query")).status()).isEqualTo(400);

        ApiClient.Reply group = manager.post("/data/user/filter-groups", Map.of("name", "G", "color", "#fff",
                "list_type", "asset", "project_id", projectA, "is_shared", true));
        assertThat(group.status()).isEqualTo(201);
        String groupId = (String) group.map().get("id");
        assertThat(manager.post("/data/user/filters", Map.of("name", "In", "query", "q", "list_type", "asset",
                "search_filter_group_id", groupId)).status()).isEqualTo(400);
        assertThat(manager.get("/data/user/filter-groups/" + groupId).map()).containsEntry("name", "G");
        assertThat(user.get("/data/user/filter-groups/" + groupId).status()).isEqualTo(404);
        assertThat(manager.put("/data/user/filter-groups/" + groupId, Map.of("color", "#000")).map())
                .containsEntry("color", "#000");
        assertThat(ids(((Map<?, ?>) user.get("/data/user/filter-groups").map().get("asset")).get(projectA)))
                .contains(groupId);
        assertThat(manager.delete("/data/user/filter-groups/" + groupId).status()).isEqualTo(204);
    }

    @Test
    void notificationsReadStateAndMarkAllRead() {
        Session sys = engine.systemSession();
        String n1 = sys.data("notifications").create(Map.of("person_id", artist, "author_id", artist,
                "task_id", taskA, "type", "comment")).id();
        sys.data("notifications").create(Map.of("person_id", artist, "author_id", artist, "task_id", taskA,
                "type", "assignation"));
        ApiClient user = as.get("user");
        List<Map<String, Object>> all = user.get("/data/user/notifications").list();
        assertThat(all).hasSizeGreaterThanOrEqualTo(2);
        assertThat(all.get(0)).containsEntry("type", "Notification").containsEntry("project_name", "Alpha")
                .containsEntry("full_entity_name", "Prop / Chair").containsEntry("read", false);
        assertThat(user.get("/data/user/notifications?type=assignation").list()).hasSize(1);
        assertThat(as.get("manager").get("/data/user/notifications").list()).isEmpty();
        assertThat(as.get("manager").get("/data/user/notifications/" + n1).status()).isEqualTo(404);
        assertThat(user.get("/data/user/notifications/" + n1).map()).containsEntry("id", n1);
        assertThat(user.put("/data/user/notifications/" + n1, Map.of("read", true)).map()).containsEntry("read",
                true);
        assertThat(user.get("/data/user/notifications?read=false").list()).extracting(m -> m.get("id"))
                .doesNotContain(n1);
        assertThat(user.post("/actions/user/notifications/mark-all-as-read", Map.of()).map())
                .containsEntry("success", true);
        assertThat(user.get("/data/user/context").map()).containsEntry("notification_count", 0);
        List<Map<String, Object>> events = as.get("admin").get("/api/data/events/last?limit=20").list();
        assertThat(events).extracting(e -> e.get("name")).contains("notification:read", "notification:all-read");
    }

    @Test
    void subscriptionsNeedTheTaskInTheCallersTeam() {
        ApiClient user = as.get("user");
        assertThat(user.get("/data/user/tasks/" + taskA + "/subscribed").json()).isEqualTo(false);
        assertThat(user.post("/actions/user/tasks/" + taskA + "/subscribe", Map.of()).status()).isEqualTo(201);
        assertThat(user.get("/data/user/tasks/" + taskA + "/subscribed").json()).isEqualTo(true);
        assertThat(user.post("/actions/user/tasks/" + taskB + "/subscribe", Map.of()).status()).isEqualTo(403);
        assertThat(user.delete("/actions/user/tasks/" + taskA + "/unsubscribe").status()).isEqualTo(204);
        assertThat(user.post("/actions/user/tasks/subscribe", Map.of("task_ids", List.of(taskA))).status())
                .isEqualTo(201);
        assertThat(user.post("/actions/user/tasks/unsubscribe", Map.of("task_ids", List.of(taskA))).json())
                .isEqualTo(List.of(taskA));
    }

    @Test
    void timeSpentsDayOffsDesktopLoginsAndChats() {
        ApiClient user = as.get("user");
        engine.systemSession().data("time-spents").create(Map.of("task_id", taskA, "person_id", artist,
                "date", "2024-03-04", "duration", 120));
        assertThat(user.get("/data/user/time-spents/2024-03-04").list()).hasSize(1);
        assertThat(user.get("/data/user/time-spents?start_date=2024-03-01&end_date=2024-03-31").list()).hasSize(1);
        assertThat(user.get("/data/user/time-spents?start_date=2024-03-01").status()).isEqualTo(400);
        assertThat(user.get("/data/user/time-spents/nope").status()).isEqualTo(400);
        assertThat(user.get("/data/user/tasks/" + taskA + "/time-spents/2024-03-04").map())
                .containsEntry("duration", 120.0);
        assertThat(as.get("manager").get("/data/user/time-spents/2024-03-04").list()).isEmpty();
        assertThat(user.get("/data/user/day-offs/2024-03-04").map()).isEmpty();
        assertThat(user.post("/data/user/desktop-login-logs", Map.of("date", "2024-03-04T10:00:00")).status())
                .isEqualTo(201);
        assertThat(user.get("/data/user/desktop-login-logs").list()).hasSize(1);
        assertThat(user.post("/actions/user/chats/" + assetA + "/join", Map.of()).status()).isEqualTo(200);
        assertThat(user.get("/data/user/chats").list()).extracting(m -> m.get("object_id")).containsExactly(assetA);
        assertThat(user.post("/actions/user/chats/" + assetB + "/join", Map.of()).status()).isEqualTo(403);
        assertThat(user.delete("/actions/user/chats/" + assetA + "/join").status()).isEqualTo(204);
        assertThat(user.get("/data/user/chats").list()).isEmpty();
        assertThat(user.delete("/actions/user/clear-avatar").status()).isEqualTo(204);
    }

    @Test
    void searchRanksAndStaysInTheCallersProjects() {
        Map<String, Object> admin = as.get("admin").post("/api/data/search", Map.of("query", "chair", "limit", 5))
                .map();
        assertThat(ids(admin.get("assets"))).containsExactly(assetA, assetB); // exact name first
        Map<String, Object> user = as.get("user").post("/data/search", Map.of("query", "chair",
                "index_names", List.of("assets"))).map();
        assertThat(ids(user.get("assets"))).containsExactly(assetA);
        assertThat(user).doesNotContainKey("persons");
        assertThat(as.get("user").post("/data/search", Map.of("query", "ch")).map()).isEmpty();
        Map<String, Object> persons = as.get("client").post("/data/search", Map.of("query", "vendor",
                "index_names", List.of("persons"))).map();
        assertThat(list(persons.get("persons"))).singleElement().satisfies(p ->
                assertThat(p).containsEntry("last_name", "vendor").doesNotContainKey("email"));
    }

    @Test
    void everyUserRouteIsKnownToThePatchProbe() {
        for (String path : List.of("/data/user/context", "/data/user/filters", "/data/search",
                "/actions/user/clear-avatar", "/data/user/notifications")) {
            ApiClient.Reply r = as.get("admin").send("PATCH", "/api" + path, null, null);
            assertThat(r.status()).as(path).isEqualTo(405);
            assertThat(r.header("Allow")).as(path).isNotBlank();
        }
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(Object o) {
        return (List<Map<String, Object>>) o;
    }

    static List<Object> ids(Object o) {
        return o == null ? List.of() : list(o).stream().map(m -> m.get("id")).toList();
    }
}
