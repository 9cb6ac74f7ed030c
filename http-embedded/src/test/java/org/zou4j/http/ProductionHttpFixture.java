package org.zou4j.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.zou4j.LoginRequest;
import org.zou4j.ZouEngine;
import org.zou4j.storage.StorageBackend;

/**
 * An engine and HTTP server on a given storage, an admin client, and helpers that build production data through the
 * generic {@code /data} routes only (projects, entity types, entities, persons, team links), for the tests of Zou's
 * production blueprints.
 */
final class ProductionHttpFixture implements AutoCloseable {
    static final String ADMIN = "admin@example.com";
    static final String PASSWORD = "correct horse battery";

    final ZouEngine engine;
    final ZouHttpServer server;
    final ApiClient admin;

    ProductionHttpFixture(StorageBackend storage) {
        engine = ZouEngine.builder().storage(storage).secretKey("production-http-test-secret-0123456789ab")
                .bcryptCost(4).build();
        engine.ensureAdmin(ADMIN, PASSWORD);
        server = ZouHttpServer.builder(engine).port(0).build().start();
        admin = client(ADMIN);
    }

    /** A client logged in as {@code email}. */
    ApiClient client(String email) {
        String token = engine.login(LoginRequest.of(email, PASSWORD)).access().orElseThrow();
        return new ApiClient(server.port()).withToken(token);
    }

    /** A new person with a global role; returns its id. */
    String person(String firstName, String role) {
        String email = firstName.toLowerCase(java.util.Locale.ROOT) + "-" + shortId() + "@studio.example";
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("first_name", firstName);
        body.put("last_name", "Doe");
        body.put("email", email);
        body.put("password", PASSWORD);
        body.put("role", role);
        return engine.systemSession().data("persons").create(body).id();
    }

    /** The e-mail of a person made by {@link #person}. */
    String email(String personId) {
        return (String) engine.systemSession().data("persons").get(personId).get("email");
    }

    /** A logged-in client for a new person with a global role. */
    ApiClient newUser(String firstName, String role) {
        return client(email(person(firstName, role)));
    }

    Map<String, Object> create(String route, Map<String, Object> body) {
        ApiClient.Reply r = admin.post("/api/data/" + route, body);
        assertThat(r.status()).as("POST /data/%s %s", route, r.text()).isEqualTo(201);
        return r.map();
    }

    String project(String name) {
        return (String) create("projects", Map.of("name", name + " " + shortId())).get("id");
    }

    /** The id of the entity type named {@code name}, created when missing. */
    String entityType(String name) {
        List<Map<String, Object>> found = admin.get("/api/data/entity-types?name=" + name).list();
        if (!found.isEmpty()) {
            return (String) found.get(0).get("id");
        }
        return (String) create("entity-types", Map.of("name", name)).get("id");
    }

    /** A new entity of type {@code typeName} (parent may be null). */
    String entity(String projectId, String typeName, String name, String parentId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("project_id", projectId);
        body.put("entity_type_id", entityType(typeName));
        if (parentId != null) {
            body.put("parent_id", parentId);
        }
        return (String) create("entities", body).get("id");
    }

    /** A new project whose team is the given persons (set at creation). */
    String projectWithTeam(String name, String... personIds) {
        return (String) create("projects", Map.of("name", name + " " + shortId(), "team", List.of(personIds)))
                .get("id");
    }

    /** The last events of the given name, newest first. */
    List<Map<String, Object>> events(String name) {
        return admin.get("/api/data/events/last?limit=200").list().stream()
                .filter(e -> name.equals(e.get("name"))).toList();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> data(Map<String, Object> event) {
        return (Map<String, Object>) event.get("data");
    }

    static String shortId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    @Override
    public void close() {
        server.close();
        engine.close();
    }
}
