package org.zou4j.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.zou4j.LoginRequest;
import org.zou4j.ZouEngine;
import org.zou4j.storage.h2.H2Storage;

/**
 * An engine on in-memory H2 served over a real socket, with an admin client and helpers that build a small
 * production the way gazu does (project, asset types, task types and statuses, persons of each role).
 */
final class EntityRoutesFixture implements AutoCloseable {
    static final String ADMIN = "admin@example.com";
    static final String PASSWORD = "correct horse battery";

    final ZouEngine engine;
    final ZouHttpServer server;
    final ApiClient admin;
    private int persons;

    EntityRoutesFixture() {
        this(H2Storage.inMemory());
    }

    /** The same on another storage (PostgreSQL runs of the same tests). */
    EntityRoutesFixture(org.zou4j.storage.StorageBackend storage) {
        engine = ZouEngine.builder().storage(storage).secretKey("entity-test-secret-0123456789abcdef")
                .bcryptCost(4).build();
        engine.ensureAdmin(ADMIN, PASSWORD);
        server = ZouHttpServer.builder(engine).port(0).build().start();
        admin = client(ADMIN);
    }

    ApiClient client(String email) {
        String token = engine.login(LoginRequest.of(email, PASSWORD)).access().orElseThrow();
        return new ApiClient(server.port()).withToken(token);
    }

    /** A new person with {@code role}, logged in; its id is {@link #idOf}. */
    ApiClient person(String role) {
        String email = "person" + (++persons) + "-" + role + "@example.com";
        ApiClient.Reply created = admin.post("/api/data/persons", Map.of("first_name", "P" + persons,
                "last_name", role, "email", email, "role", role, "password", PASSWORD));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        ApiClient c = client(email);
        ids.put(c, (String) created.map().get("id"));
        return c;
    }

    private final Map<ApiClient, String> ids = new LinkedHashMap<>();

    String idOf(ApiClient c) {
        return ids.get(c);
    }

    String create(String collection, Map<String, Object> body) {
        ApiClient.Reply r = admin.post("/api/data/" + collection, body);
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return (String) r.map().get("id");
    }

    String project(String name) {
        return create("projects", Map.of("name", name));
    }

    /** A project whose team holds the given persons (Zou's project PUT protects {@code team}: set at creation). */
    String projectWithTeam(String name, ApiClient... members) {
        List<Object> team = new ArrayList<>();
        for (ApiClient m : members) {
            team.add(idOf(m));
        }
        return create("projects", Map.of("name", name, "team", team));
    }

    /** A task on an entity, assigned to the given persons. */
    String task(String projectId, String entityId, String taskTypeId, String statusId, String... assignees) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "main");
        body.put("project_id", projectId);
        body.put("entity_id", entityId);
        body.put("task_type_id", taskTypeId);
        body.put("task_status_id", statusId);
        body.put("assignees", List.of(assignees));
        return create("tasks", body);
    }

    /** Names of the last events, newest first. */
    List<Map<String, Object>> lastEvents() {
        return admin.get("/api/data/events/last?limit=20").list();
    }

    Map<String, Object> lastEvent(String name) {
        return lastEvents().stream().filter(e -> name.equals(e.get("name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no event " + name + " in " + lastEvents()));
    }

    @Override
    public void close() {
        server.close();
        engine.close();
    }
}
