package org.zou4j.plugintests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zou4j.Entry;
import org.zou4j.ErrorCode;
import org.zou4j.PluginStatus;
import org.zou4j.Query;
import org.zou4j.ZouException;
import org.zou4j.plugin.ActionResult;

class SamplePluginsInProcessTest {
    @TempDir
    Path plugins;
    Studio studio;

    @BeforeEach
    void start() {
        studio = new Studio(Studio.copySamplePlugins(plugins)).withProduction();
    }

    @AfterEach
    void stop() {
        studio.close();
    }

    @Test
    void theBuiltSampleJarsLoadAndStart() {
        List<PluginStatus> statuses = studio.engine.plugins();
        assertThat(statuses).extracting(PluginStatus::pluginId)
                .containsExactlyInAnyOrder("bulk-status", "csv-export", "webhook");
        assertThat(statuses).allSatisfy(s -> {
            assertThat(s.state()).isEqualTo(PluginStatus.State.STARTED);
            assertThat(s.message()).isNull();
            assertThat(s.version()).isEqualTo("0.1.0-SNAPSHOT");
        });
        assertThat(statuses).flatExtracting(PluginStatus::actions)
                .containsExactlyInAnyOrder("bulk-status/set-task-status", "csv-export/export-csv");
        // the webhook has no url in these settings: it subscribes to nothing
        assertThat(statuses).filteredOn(s -> s.pluginId().equals("webhook")).first()
                .extracting(PluginStatus::eventListeners).isEqualTo(0);
    }

    @Test
    void loadedPluginsAreRowsOfThePluginModel() {
        List<Entry> rows = studio.system.data("plugins").list(Query.all());
        assertThat(rows).extracting(e -> e.getString("plugin_id"))
                .containsExactlyInAnyOrder("bulk-status", "csv-export", "webhook");
        Entry csv = rows.stream().filter(e -> e.getString("plugin_id").equals("csv-export")).findFirst().orElseThrow();
        assertThat(csv.get("type")).isEqualTo("Plugin");
        assertThat(csv.get("name")).isEqualTo("CSV export");
        assertThat(csv.get("version")).isEqualTo("0.1.0-SNAPSHOT");
        assertThat(csv.get("maintainer_name")).isEqualTo("zou4j");
        assertThat(csv.get("license")).isEqualTo("Apache-2.0");
        assertThat(csv.getString("description")).contains("CSV");
    }

    @Test
    void eachActionIsACustomActionRowPerEntityType() {
        List<Entry> rows = studio.system.data("custom-actions").list(Query.all());
        assertThat(rows).extracting(e -> e.getString("url") + " " + e.getString("entity_type") + " " + e.get("is_ajax"))
                .containsExactlyInAnyOrder(
                        "/api/actions/plugins/bulk-status/set-task-status all true",
                        "/api/actions/plugins/csv-export/export-csv asset false",
                        "/api/actions/plugins/csv-export/export-csv shot false");
        assertThat(rows).extracting(e -> e.getString("name"))
                .contains("Set task status (with a comment)", "Export selection to CSV");
    }

    @Test
    void restartingTheEngineDoesNotDuplicateRows() {
        studio.engine.reloadPlugins();
        studio.engine.reloadPlugins();
        assertThat(studio.system.data("plugins").list(Query.all())).hasSize(3);
        assertThat(studio.system.data("custom-actions").list(Query.all())).hasSize(3);
    }

    @Test
    void urlOnlyCustomActionsStayPlainCrud() {
        Entry own = studio.system.data("custom-actions").create(Map.of("name", "Render farm",
                "url", "https://farm.example.com/submit", "entity_type", "shot", "is_ajax", true));
        studio.engine.reloadPlugins();
        assertThat(studio.system.data("custom-actions").get(own.id()).get("url"))
                .isEqualTo("https://farm.example.com/submit");
        Entry renamed = studio.system.data("custom-actions").update(own.id(), Map.of("name", "Farm"));
        assertThat(renamed.get("name")).isEqualTo("Farm");
        assertThat(studio.system.data("custom-actions").list(Query.all())).hasSize(4);
        studio.system.data("custom-actions").delete(own.id());
        assertThat(studio.system.data("custom-actions").list(Query.all())).hasSize(3);
    }

    @Test
    void bulkStatusChangeSetsTheStatusAndCommentsEachSelectedTask() {
        ActionResult result = studio.as(studio.admin).runAction("bulk-status/set-task-status",
                List.of(studio.shot1Animation.id(), studio.shot2Animation.id()),
                Map.of("task_status", "WFA", "comment", "Ready for review", "project_id", studio.project.id()));

        assertThat(result).isInstanceOf(ActionResult.Entities.class);
        ActionResult.Entities entities = (ActionResult.Entities) result;
        assertThat(entities.message()).isEqualTo("2 tasks set to Waiting For Approval.");
        assertThat(entities.entities()).extracting(e -> e.get("id"))
                .containsExactly(studio.shot1Animation.id(), studio.shot2Animation.id());
        assertThat(studio.task(studio.shot1Animation.id()).get("task_status_id")).isEqualTo(studio.wfa.id());
        assertThat(studio.task(studio.shot2Animation.id()).get("task_status_id")).isEqualTo(studio.wfa.id());
        assertThat(studio.task(studio.shot1Layout.id()).get("task_status_id")).isEqualTo(studio.todo.id());
        List<Entry> comments = studio.system.data("comments").list(Query.all());
        assertThat(comments).hasSize(2).allSatisfy(c -> {
            assertThat(c.get("text")).isEqualTo("Ready for review");
            assertThat(c.get("task_status_id")).isEqualTo(studio.wfa.id());
            assertThat(c.get("person_id")).isEqualTo(studio.admin.id());
        });
    }

    @Test
    void bulkStatusChangeWithoutAStatusIsRefusedWithAClearMessage() {
        assertThatThrownBy(() -> studio.as(studio.admin).runAction("set-task-status",
                List.of(studio.shot1Animation.id()), Map.of()))
                .isInstanceOfSatisfying(ZouException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(400);
                    assertThat(e.getMessage()).contains("task_status_id or task_status");
                });
        assertThat(studio.task(studio.shot1Animation.id()).get("task_status_id")).isEqualTo(studio.todo.id());
    }

    @Test
    void aRoleBelowTheRequiredOneIsRefusedBeforeAnythingChanges() {
        assertThatThrownBy(() -> studio.as(studio.artist).runAction("bulk-status/set-task-status",
                List.of(studio.shot1Animation.id()), Map.of("task_status", "wfa")))
                .isInstanceOfSatisfying(ZouException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN);
                    assertThat(e.getMessage()).contains("needs the manager role or higher; you are user");
                });
        assertThat(studio.task(studio.shot1Animation.id()).get("task_status_id")).isEqualTo(studio.todo.id());
        assertThat(studio.system.data("comments").list(Query.all())).isEmpty();
    }

    @Test
    void theDataApiActsWithTheCallersPermissions() {
        // a manager may run the action, but one outside the project's team may not change its tasks (Zou: MGR(p))
        assertThatThrownBy(() -> studio.as(studio.manager).runAction("bulk-status/set-task-status",
                List.of(studio.shot1Animation.id()), Map.of("task_status_id", studio.wfa.id())))
                .isInstanceOfSatisfying(ZouException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN));
        assertThat(studio.task(studio.shot1Animation.id()).get("task_status_id")).isEqualTo(studio.todo.id());
    }

    @Test
    void csvExportOfSelectedTasksListsTheirShotsWithEveryTask() {
        ActionResult result = studio.system.runAction("csv-export/export-csv",
                List.of(studio.shot1Animation.id(), studio.shot1Layout.id(), studio.shot2Animation.id()),
                Map.of("project_id", studio.project.id(), "entity_type", "shot"));

        assertThat(result).isInstanceOf(ActionResult.FileDownload.class);
        ActionResult.FileDownload file = (ActionResult.FileDownload) result;
        assertThat(file.fileName()).isEqualTo("Agent-327-export.csv");
        assertThat(file.contentType()).isEqualTo("text/csv; charset=utf-8");
        String csv = new String(file.content(), StandardCharsets.UTF_8);
        assertThat(csv.split("\r\n")).containsExactlyInAnyOrder(
                "Type,Parent,Name,Description,Task type,Task status,Assignees,Due date",
                "Shot,SQ01,SH010,\"Opening, wide\",Animation,Todo,,",
                "Shot,SQ01,SH010,\"Opening, wide\",Layout,Todo,,",
                "Shot,SQ01,SH020,\"Close-up \"\"Agent\"\"\",Animation,Todo,,");
        assertThat(csv.split("\r\n")[0]).startsWith("Type,");
    }

    @Test
    void csvExportTakesAssetsAndTheirAssignees() {
        studio.system.data("tasks").update(studio.assetModeling.id(), Map.of("assignees",
                List.of(studio.artist.id())));
        ActionResult.FileDownload file = (ActionResult.FileDownload) studio.as(studio.admin)
                .runAction("export-csv", List.of(studio.asset.id()), Map.of());
        assertThat(file.fileName()).isEqualTo("selection-export.csv");
        String csv = new String(file.content(), StandardCharsets.UTF_8);
        assertThat(csv).contains("Asset,Character,Hendrik,Main character,Modeling,Todo,");
    }

    @Test
    void anUnknownActionIsNotFound() {
        assertThatThrownBy(() -> studio.system.runAction("csv-export/nope", List.of(), Map.of()))
                .isInstanceOfSatisfying(ZouException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
                    assertThat(e.getMessage()).contains("bulk-status/set-task-status", "csv-export/export-csv");
                });
    }

    @Test
    void reloadDropsTheRowsOfARemovedPlugin() throws Exception {
        try (var jars = Files.list(plugins)) {
            for (Path jar : jars.filter(p -> p.getFileName().toString().contains("csv-export")).toList()) {
                Files.delete(jar);
            }
        }
        studio.engine.reloadPlugins();
        assertThat(studio.engine.plugins()).extracting(PluginStatus::pluginId)
                .containsExactlyInAnyOrder("bulk-status", "webhook");
        assertThat(studio.system.data("custom-actions").list(Query.all())).extracting(e -> e.getString("url"))
                .containsExactly("/api/actions/plugins/bulk-status/set-task-status");
        assertThatThrownBy(() -> studio.system.runAction("csv-export/export-csv", List.of(), Map.of()))
                .isInstanceOf(ZouException.class);
    }
}
