package org.zou4j.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.zou4j.LoginRequest;
import org.zou4j.ZouEngine;
import org.zou4j.storage.h2.H2Storage;

/** The generic /data routes end to end over a real socket, as a Zou client uses them. */
class DataRoutesEndToEndTest {
    private static final String ADMIN = "admin@example.com";
    private static final String PASSWORD = "correct horse battery";
    private static ZouEngine engine;
    private static ZouHttpServer server;
    private static ApiClient client;

    @BeforeAll
    static void start() {
        engine = ZouEngine.builder().storage(H2Storage.inMemory()).secretKey("http-test-secret-0123456789abcdefgh")
                .bcryptCost(4).build();
        engine.ensureAdmin(ADMIN, PASSWORD);
        String token = engine.login(LoginRequest.of(ADMIN, PASSWORD)).access().orElseThrow();
        server = ZouHttpServer.builder(engine).port(0).build().start();
        client = new ApiClient(server.port()).withToken(token);
    }

    @AfterAll
    static void stop() {
        server.close();
        engine.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/data/departments", "/api/data/departments", "/api/data/departments/"})
    void createGetUpdateDeleteWithEveryPathVariant(String collection) {
        String name = "Dept " + collection.length() + collection.endsWith("/");
        ApiClient.Reply created = client.post(collection, Map.of("name", name, "color", "#112233"));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.map()).containsEntry("name", name).containsEntry("type", "Department");
        String id = (String) created.map().get("id");
        assertThat((String) created.map().get("created_at")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d");

        String instance = collection.replaceAll("/$", "") + "/" + id + (collection.endsWith("/") ? "/" : "");
        assertThat(client.get(instance).map()).containsEntry("id", id).containsEntry("color", "#112233");
        ApiClient.Reply updated = client.put(instance, Map.of("color", "#445566", "unknown_key", 1));
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.map()).containsEntry("color", "#445566");
        assertThat(client.get(collection + (collection.endsWith("/") ? "" : "") + "?name=" + name.replace(" ", "%20"))
                .list()).extracting(m -> m.get("id")).containsExactly(id);

        ApiClient.Reply deleted = client.delete(instance);
        assertThat(deleted.status()).isEqualTo(204);
        assertThat(deleted.text()).isEmpty();
        assertThat(client.get(instance).status()).isEqualTo(404);
    }

    @Test
    void nonAsciiNamesRoundTripByteExact() {
        String name = "Équipe 日本 – ✓ \uD83C\uDFAC";
        ApiClient.Reply created = client.post("/api/data/departments", Map.of("name", name, "color", "#000000"));
        assertThat(created.status()).isEqualTo(201);
        String id = (String) created.map().get("id");
        assertThat(client.get("/api/data/departments/" + id).map()).containsEntry("name", name);
    }

    @Test
    void clientMistakesAreClear400sOr415() {
        ApiClient.Reply notJson = client.send("POST", "/api/data/departments", "name=x", "text/plain");
        assertThat(notJson.status()).isEqualTo(415);
        assertThat(notJson.map()).containsEntry("error", true);

        ApiClient.Reply malformed = client.send("POST", "/api/data/departments", "{\"name\": ", "application/json");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.map()).containsEntry("message",
                "The browser (or proxy) sent a request that this server could not understand.");

        ApiClient.Reply nullBody = client.send("POST", "/api/data/departments", "null", "application/json");
        assertThat(nullBody.status()).isEqualTo(400);
        assertThat((String) nullBody.map().get("message")).startsWith("Data are empty.");

        ApiClient.Reply unknownKey = client.post("/api/data/departments", Map.of("name", "K", "color", "#000000",
                "type", "Department"));
        assertThat(unknownKey.status()).isEqualTo(400);
        assertThat(unknownKey.map()).containsEntry("message", "'type' is an invalid keyword argument for Department");

        ApiClient.Reply badId = client.get("/api/data/departments/not-a-uuid");
        assertThat(badId.status()).isEqualTo(400);
        assertThat(badId.map()).containsEntry("message", "Malformed ID.");

        ApiClient.Reply badFilter = client.get("/api/data/tasks?project_id=nope");
        assertThat(badFilter.status()).isEqualTo(400);
        assertThat(badFilter.map()).containsEntry("message", "Invalid UUID value: nope");

        ApiClient.Reply badPage = client.get("/api/data/departments?page=x");
        assertThat(badPage.status()).isEqualTo(400);
        assertThat(badPage.map()).containsEntry("message", "page must be an integer.");

        client.post("/api/data/departments", Map.of("name", "Unique", "color", "#000000"));
        ApiClient.Reply duplicate = client.post("/api/data/departments", Map.of("name", "Unique", "color", "#000000"));
        assertThat(duplicate.status()).isEqualTo(400);
        assertThat(duplicate.map()).containsEntry("message", "A record with the same unique values already exists.");
    }

    @Test
    void pagedListsAnswerZousEnvelope() {
        for (int i = 0; i < 5; i++) {
            client.post("/api/data/departments", Map.of("name", "Paged " + i, "color", "#000000"));
        }
        Map<String, Object> page = client.get("/api/data/departments?page=1&limit=2&name=Paged%25").map();
        assertThat(page).containsEntry("total", 5).containsEntry("nb_pages", 3).containsEntry("limit", 2)
                .containsEntry("offset", 0).containsEntry("page", 1);
        assertThat((List<?>) page.get("data")).hasSize(2);
        assertThat(client.get("/api/data/departments?limit=2&name=Paged%25").list()).as("limit without page").hasSize(5);
    }

    @Test
    void concurrentKeepAliveClientsAreAllAnsweredCorrectly() throws Exception {
        String id = (String) client.post("/api/data/departments", Map.of("name", "Busy", "color", "#000000"))
                .map().get("id");
        String token = engine.login(LoginRequest.of(ADMIN, PASSWORD)).access().orElseThrow();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                results.add(pool.submit(() -> {
                    ApiClient own = new ApiClient(server.port()).withToken(token);
                    int ok = 0;
                    for (int i = 0; i < 100; i++) {
                        ApiClient.Reply r = own.get("/api/data/departments/" + id);
                        if (r.status() == 200 && id.equals(r.map().get("id"))) {
                            ok++;
                        }
                    }
                    return ok;
                }));
            }
            for (Future<Integer> f : results) {
                assertThat(f.get()).isEqualTo(100);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
