package org.zou4j.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zou4j.ZouEngine;
import org.zou4j.storage.h2.H2Storage;

/** A built web UI served beside the API, as Zou's nginx serves Kitsu's dist/. */
class StaticUiTest {
    @TempDir
    static Path dist;
    @TempDir
    static Path outside;
    private static ZouEngine engine;
    private static ZouHttpServer server;
    private static ApiClient client;

    @BeforeAll
    static void start() throws IOException {
        Files.writeString(dist.resolve("index.html"), "<!doctype html><title>Kitsu</title>");
        Files.createDirectories(dist.resolve("assets"));
        Files.writeString(dist.resolve("assets/index-4f2a9c.js"), "console.log('kitsu')");
        Files.writeString(dist.resolve("favicon.ico"), "icon");
        Files.writeString(outside.resolve("secret.txt"), "not served");
        Files.createSymbolicLink(dist.resolve("escape.txt"), outside.resolve("secret.txt"));
        engine = ZouEngine.builder().storage(H2Storage.inMemory()).secretKey("ui-test-secret-0123456789abcdefghijk")
                .build();
        server = ZouHttpServer.builder(engine).port(0).uiDirectory(dist).build().start();
        client = new ApiClient(server.port());
    }

    @AfterAll
    static void stop() {
        server.close();
        engine.close();
    }

    @Test
    void theRootAndClientSideRoutesAnswerIndexHtmlRevalidated() {
        for (String path : new String[] {"/", "/login", "/productions/8d7a/assets", "/my-tasks?x=1"}) {
            ApiClient.Reply r = client.get(path);
            assertThat(r.status()).as(path).isEqualTo(200);
            assertThat(r.text()).contains("<title>Kitsu</title>");
            assertThat(r.header("Content-Type")).isEqualTo("text/html; charset=utf-8");
            assertThat(r.header("Cache-Control")).isEqualTo("no-cache");
        }
    }

    @Test
    void hashedAssetsAreServedWithTheirTypeAndCachedForAYear() {
        ApiClient.Reply r = client.get("/assets/index-4f2a9c.js");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.text()).isEqualTo("console.log('kitsu')");
        assertThat(r.header("Content-Type")).isEqualTo("application/javascript; charset=utf-8");
        assertThat(r.header("Cache-Control")).contains("max-age=31536000");
        assertThat(client.get("/favicon.ico").header("Content-Type")).isEqualTo("image/x-icon");
    }

    @Test
    void aMissingAssetIsA404NotTheHtmlPage() {
        ApiClient.Reply r = client.get("/assets/index-old.js");
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.text()).doesNotContain("Kitsu");
    }

    @Test
    void nothingOutsideTheDirectoryIsServed() {
        assertThat(client.get("/escape.txt").status()).isEqualTo(404);
        assertThat(client.get("/assets/%2e%2e/%2e%2e/" + outside.getFileName() + "/secret.txt").text())
                .doesNotContain("not served");
    }

    @Test
    void theApiStaysUnderApiAndOtherMethodsOnUiPathsAre405() {
        ApiClient.Reply api = client.get("/api");
        assertThat(api.map()).containsEntry("api", "Zou");
        assertThat(client.get("/api/data/projects").status()).isEqualTo(401);
        ApiClient.Reply post = client.send("POST", "/login", "{}", "application/json");
        assertThat(post.status()).isEqualTo(405);
        assertThat(post.header("Allow")).isEqualTo("GET, HEAD");
        assertThat(client.get("/socket.io/?EIO=4&transport=polling").text()).startsWith("0{"); // Engine.IO, not the UI
    }

    @Test
    void aDirectoryWithoutIndexHtmlIsRefusedAtBuild() {
        assertThatThrownBy(() -> ZouHttpServer.builder(engine).port(0).uiDirectory(outside).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("index.html");
    }
}
