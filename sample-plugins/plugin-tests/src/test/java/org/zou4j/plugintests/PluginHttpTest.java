package org.zou4j.plugintests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zou4j.Query;
import org.zou4j.http.ZouHttpServer;

/** The sample plugins over Zou's HTTP API, in the shapes Kitsu uses. */
class PluginHttpTest {
    @TempDir
    Path plugins;
    Studio studio;
    ZouHttpServer server;
    Http http;

    @BeforeEach
    void start() {
        studio = new Studio(Studio.copySamplePlugins(plugins)).withProduction();
        server = ZouHttpServer.builder(studio.engine).port(0).build().start();
        http = new Http(server.port()).login(Studio.email("Ada"), Studio.PASSWORD);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        studio.close();
    }

    /** What Kitsu's form posts for a non-ajax custom action. */
    private Map<String, String> kitsuForm(String entityType, String... taskIds) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("personid", studio.admin.id());
        form.put("personemail", "ada@example.com");
        form.put("projectid", studio.project.id());
        form.put("currentpath", "/productions/" + studio.project.id() + "/shots");
        form.put("currentserver", "localhost:8080");
        form.put("selection", String.join(",", taskIds));
        form.put("entitytype", entityType);
        return form;
    }

    @Test
    void pluginsAreListedAtDataPlugins() {
        Http.Reply list = http.get("/data/plugins");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.list()).extracting(p -> p.get("plugin_id"))
                .containsExactlyInAnyOrder("bulk-status", "csv-export", "webhook");
        String id = (String) list.list().get(0).get("id");
        Http.Reply one = http.get("/api/data/plugins/" + id);
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.map()).containsKeys("plugin_id", "name", "description", "version", "maintainer_name",
                "maintainer_email", "website", "license", "revision", "frontend_project_enabled",
                "frontend_studio_enabled", "icon");
        assertThat(one.map().get("type")).isEqualTo("Plugin");
    }

    @Test
    void aPluginFrontendIsServedFromItsJarForKitsusIframe() {
        Http anonymous = new Http(server.port());
        Http.Reply index = anonymous.get("/api/plugins/csv-export/frontend/?production_id=p&dark_theme=true&locale=en");
        assertThat(index.status()).as(index.text()).isEqualTo(200);
        assertThat(index.header("Content-Type")).isEqualTo("text/html; charset=utf-8");
        assertThat(index.text()).contains("<title>CSV export</title>");
        assertThat(anonymous.get("/plugins/csv-export/frontend").text()).isEqualTo(index.text());
        Http.Reply js = anonymous.get("/api/plugins/csv-export/frontend/assets/app.js");
        assertThat(js.status()).isEqualTo(200);
        assertThat(js.header("Content-Type")).startsWith("application/javascript");
        assertThat(js.text()).contains("production_id");
        assertThat(anonymous.get("/api/plugins/csv-export/frontend/assets/style.css").header("Content-Type"))
                .startsWith("text/css");
        // unknown file, unknown plugin, a plugin without frontend, a folder, and no way out of the frontend folder
        assertThat(anonymous.get("/api/plugins/csv-export/frontend/nope.js").status()).isEqualTo(404);
        assertThat(anonymous.get("/api/plugins/nope/frontend/").status()).isEqualTo(404);
        assertThat(anonymous.get("/api/plugins/webhook/frontend/").status()).isEqualTo(404);
        assertThat(anonymous.get("/api/plugins/csv-export/frontend/assets").status()).isEqualTo(404);
        for (String escape : List.of("../META-INF/MANIFEST.MF", "%2e%2e/META-INF/MANIFEST.MF",
                "assets/..%2f..%2fMETA-INF/MANIFEST.MF", "..%2fMETA-INF%2fMANIFEST.MF",
                "assets%5c..%5c..%5cMETA-INF%5cMANIFEST.MF")) {
            Http.Reply r = anonymous.get("/api/plugins/csv-export/frontend/" + escape);
            assertThat(r.status()).as(escape).isEqualTo(404);
            assertThat(r.text()).as(escape).doesNotContain("Plugin-Id");
        }
        assertThat(anonymous.send("PATCH", "/api/plugins/csv-export/frontend/", null, null, Map.of()).header("Allow"))
                .isEqualTo("GET, HEAD, OPTIONS");
        // Kitsu lists the plugin in the production menu from these flags
        Map<String, Object> csv = http.get("/data/plugins").list().stream()
                .filter(p -> p.get("plugin_id").equals("csv-export")).findFirst().orElseThrow();
        assertThat(csv).containsEntry("frontend_project_enabled", true).containsEntry("frontend_studio_enabled", false);
    }

    @Test
    void actionsAreListedAtDataCustomActionsForKitsu() {
        Http.Reply r = http.get("/data/custom-actions");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.list()).extracting(a -> a.get("name") + " " + a.get("url") + " " + a.get("entity_type") + " "
                        + a.get("is_ajax"))
                .containsExactlyInAnyOrder(
                        "Set task status (with a comment) /api/actions/plugins/bulk-status/set-task-status all true",
                        "Export selection to CSV /api/actions/plugins/csv-export/export-csv asset false",
                        "Export selection to CSV /api/actions/plugins/csv-export/export-csv shot false");
    }

    @Test
    void pluginStatusesAreListedAndReloadable() {
        Http.Reply r = http.get("/actions/plugins");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.list()).extracting(s -> s.get("plugin_id") + " " + s.get("state"))
                .containsExactlyInAnyOrder("bulk-status started", "csv-export started", "webhook started");
        assertThat(r.list()).filteredOn(s -> s.get("plugin_id").equals("csv-export")).first()
                .satisfies(s -> assertThat(s.get("actions")).isEqualTo(List.of("csv-export/export-csv")));
        Http.Reply reloaded = http.send("POST", "/api/actions/plugins/reload", null, null, Map.of());
        assertThat(reloaded.status()).isEqualTo(200);
        assertThat(reloaded.list()).hasSize(3);
    }

    @Test
    void kitsuFormPostRunsTheBulkStatusChange() {
        Http.Reply r = http.postForm("/api/actions/plugins/bulk-status/set-task-status?task_status=wfa",
                kitsuForm("shot", studio.shot1Animation.id(), studio.shot2Animation.id()), Map.of());
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Type")).startsWith("text/html");
        assertThat(r.text()).contains("2 tasks set to Waiting For Approval.");
        assertThat(studio.task(studio.shot1Animation.id()).get("task_status_id")).isEqualTo(studio.wfa.id());
        assertThat(studio.task(studio.shot2Animation.id()).get("task_status_id")).isEqualTo(studio.wfa.id());
        assertThat(studio.system.data("comments").list(Query.all())).hasSize(2);
    }

    @Test
    void kitsuAjaxPostRunsTheBulkStatusChangeAndAnswersTheTasks() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("entitytype", "shot");
        body.put("originurl", "/productions/" + studio.project.id() + "/shots");
        body.put("originserver", "localhost:8080");
        body.put("selection", List.of(studio.shot1Layout.id()));
        body.put("productionid", studio.project.id());
        body.put("userid", studio.admin.id());
        body.put("useremail", "ada@example.com");
        body.put("task_status_id", studio.wfa.id());
        body.put("comment", "Layout ready");
        Http.Reply r = http.postJson("/actions/plugins/bulk-status/set-task-status", body);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.map()).containsEntry("type", "entities").containsEntry("message",
                "1 task set to Waiting For Approval.");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> tasks = (List<Map<String, Object>>) r.map().get("entities");
        assertThat(tasks).singleElement().satisfies(t -> {
            assertThat(t.get("id")).isEqualTo(studio.shot1Layout.id());
            assertThat(t.get("task_status_id")).isEqualTo(studio.wfa.id());
        });
        assertThat(studio.system.data("comments").list(Query.all())).singleElement()
                .satisfies(c -> assertThat(c.get("text")).isEqualTo("Layout ready"));
    }

    @Test
    void kitsuFormPostDownloadsTheCsvExport() {
        Http.Reply r = http.postForm("/api/actions/plugins/csv-export/export-csv",
                kitsuForm("shot", studio.shot2Animation.id()), Map.of("Origin", "http://127.0.0.1:" + server.port()));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Type")).isEqualTo("text/csv; charset=utf-8");
        assertThat(r.header("Content-Disposition")).startsWith("attachment; filename=\"Agent-327-export.csv\"");
        assertThat(r.text()).isEqualTo("Type,Parent,Name,Description,Task type,Task status,Assignees,Due date\r\n"
                + "Shot,SQ01,SH020,\"Close-up \"\"Agent\"\"\",Animation,Todo,,\r\n");
    }

    @Test
    void refusalsComeBackInZouShapes() {
        Http.Reply unknown = http.postJson("/actions/plugins/csv-export/nope", Map.of("selection", List.of()));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.map()).containsEntry("error", true);

        Http.Reply noStatus = http.postForm("/actions/plugins/bulk-status/set-task-status",
                kitsuForm("shot", studio.shot1Animation.id()), Map.of());
        assertThat(noStatus.status()).isEqualTo(400);
        assertThat((String) noStatus.map().get("message")).contains("task_status_id or task_status");

        Http.Reply crossSite = http.postForm("/actions/plugins/csv-export/export-csv",
                kitsuForm("shot", studio.shot1Animation.id()), Map.of("Origin", "https://evil.example.com"));
        assertThat(crossSite.status()).isEqualTo(403);

        Http.Reply artist = new Http(server.port()).login(Studio.email("Art"), Studio.PASSWORD)
                .postJson("/actions/plugins/bulk-status/set-task-status", Map.of("selection",
                        List.of(studio.shot1Animation.id()), "task_status", "wfa"));
        assertThat(artist.status()).isEqualTo(403);
        assertThat((String) artist.map().get("message")).contains("needs the manager role or higher; you are user");

        Http.Reply anonymous = new Http(server.port()).postJson("/actions/plugins/csv-export/export-csv",
                Map.of("selection", List.of(studio.shot1Animation.id())));
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(studio.task(studio.shot1Animation.id()).get("task_status_id")).isEqualTo(studio.todo.id());
    }
}
