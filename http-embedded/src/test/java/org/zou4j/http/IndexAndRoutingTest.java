package org.zou4j.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.zou4j.ZouEngine;
import org.zou4j.storage.h2.H2Storage;

/** Index routes and the routing rules Zou clients rely on, over a real socket. */
class IndexAndRoutingTest {
    private static ZouEngine engine;
    private static ZouHttpServer server;
    private static ApiClient client;

    @BeforeAll
    static void start() {
        engine = ZouEngine.builder().storage(H2Storage.inMemory()).secretKey("http-test-secret-0123456789abcdefgh")
                .build();
        server = ZouHttpServer.builder(engine).port(0).build().start();
        client = new ApiClient(server.port());
    }

    @AfterAll
    static void stop() {
        server.close();
        engine.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/api", "/api/"})
    void indexAnswersWithoutAToken(String path) {
        ApiClient.Reply r = client.get(path);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.map()).containsEntry("api", "Zou").containsKey("version");
        assertThat(r.header("X-Content-Type-Options")).isEqualTo("nosniff");
    }

    @Test
    void headOnIndexAnswers200WithoutBody() {
        ApiClient.Reply r = client.send("HEAD", "/api", null, null);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.text()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/status", "/api/status/", "/status"})
    void statusReportsTheDatabase(String path) {
        ApiClient.Reply r = client.get(path);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.map()).containsEntry("name", "Zou").containsEntry("database-up", true);
    }

    @Test
    void statusTextIsPlainText() {
        ApiClient.Reply r = client.get("/status.txt");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.text()).contains("name: Zou").contains("database-up: up");
    }

    @Test
    void configIsPublicAndSaysWhichLoginMethodsAreEnabled() {
        ApiClient.Reply r = client.get("/api/config");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.map()).containsEntry("saml_enabled", false).containsEntry("enforce_2fa", false)
                .containsEntry("default_locale", "en_US");
    }

    @Test
    void unknownRouteIsZous404Body() {
        ApiClient.Reply r = client.get("/api/data/no-such-model");
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.map()).containsEntry("error", true);
        assertThat((String) r.map().get("message")).startsWith("404 Not Found: The requested URL was not found");
    }

    @Test
    void wrongMethodOnAKnownPathIs405() {
        ApiClient.Reply r = client.send("PATCH", "/api/data/projects", "{}", "application/json");
        assertThat(r.status()).isEqualTo(405);
        assertThat(r.map()).containsEntry("message", "The method is not allowed for the requested URL.");
        assertThat(client.send("PUT", "/", "{}", "application/json").status()).isEqualTo(405);
    }

    @Test
    void a405ListsThePathsMethodsInAllowAsFlaskDoes() {
        // the generic collection route serves GET and POST: Flask adds HEAD and OPTIONS
        ApiClient.Reply collection = client.send("PATCH", "/api/data/projects/", "{}", "application/json");
        assertThat(collection.status()).isEqualTo(405);
        assertThat(collection.header("Allow")).isEqualTo("GET, HEAD, OPTIONS, POST");
        ApiClient.Reply instance = client.send("PATCH", "/data/projects/0ab4d0b8-2c56-4c8b-8f66-8bd2a9d7a1c3", "{}",
                "application/json");
        assertThat(instance.header("Allow")).isEqualTo("DELETE, GET, HEAD, OPTIONS, PUT");
        ApiClient.Reply login = client.send("GET", "/auth/login", null, null);
        assertThat(login.status()).isEqualTo(405);
        assertThat(login.header("Allow")).isEqualTo("OPTIONS, POST");
    }

    @Test
    void optionsOnAKnownPathAnswersItsMethodsAndAnUnknownPathIs404() {
        ApiClient.Reply known = client.send("OPTIONS", "/api/data/projects", null, null);
        assertThat(known.status()).isEqualTo(200);
        assertThat(known.header("Allow")).isEqualTo("GET, HEAD, OPTIONS, POST");
        assertThat(client.send("OPTIONS", "/api/data/no-such-model", null, null).status()).isEqualTo(404);
        assertThat(client.send("PATCH", "/api/data/no-such-model", "{}", "application/json").header("Allow")).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/data/projects", "/api/data/projects/", "/data/tasks/0ab4d0b8-2c56-4c8b-8f66-8bd2a9d7a1c3"})
    void dataRoutesRequireAToken(String path) {
        ApiClient.Reply r = client.get(path);
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.map()).containsEntry("msg",
                "Missing JWT in cookies or headers (Missing cookie \"access_token_cookie\"; Missing Authorization Header)");
    }

    @Test
    void malformedAuthorizationHeadersAnswerAsFlaskJwtExtended() {
        ApiClient.Reply noBearer = client.send("GET", "/data/projects", null, null);
        assertThat(noBearer.status()).isEqualTo(401);
        ApiClient.Reply r = new ApiClient(server.port()).withToken("a b").get("/data/projects");
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.map()).containsEntry("msg", "Bad Authorization header. Expected 'Authorization: Bearer <JWT>'");
    }
}
