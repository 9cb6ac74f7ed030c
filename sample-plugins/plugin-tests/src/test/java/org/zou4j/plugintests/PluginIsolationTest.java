package org.zou4j.plugintests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zou4j.Entry;
import org.zou4j.ErrorCode;
import org.zou4j.PluginStatus;
import org.zou4j.PluginStatus.State;
import org.zou4j.Query;
import org.zou4j.ZouEngine;
import org.zou4j.ZouException;
import org.zou4j.plugin.ActionResult;
import org.zou4j.plugintests.faulty.FailingInitAction;
import org.zou4j.plugintests.faulty.FailingStartPlugin;
import org.zou4j.plugintests.faulty.ThrowingAction;
import org.zou4j.plugintests.faulty.ThrowingListener;
import org.zou4j.storage.h2.H2Storage;

/** Broken jars, incompatible plugins and failing plugin code are reported and isolated; the engine keeps serving. */
class PluginIsolationTest {
    @TempDir
    Path plugins;
    Studio studio;

    @BeforeEach
    void start() throws Exception {
        Studio.copySamplePlugins(plugins);
        Files.write(plugins.resolve("garbage.jar"), new byte[] {1, 2, 3, 4, 5});
        TestJars.plugin(plugins.resolve("no-id.jar"), Map.of("Plugin-Version", "1.0.0"), List.of(), List.of());
        TestJars.plugin(plugins.resolve("incompatible.jar"), TestJars.manifest("from-the-future", ">=2.0.0"),
                List.of(ThrowingAction.class), List.of(ThrowingAction.class));
        Map<String, String> failingStart = new HashMap<>(TestJars.manifest("failing-start", "1.0.0"));
        failingStart.put("Plugin-Class", FailingStartPlugin.class.getName());
        TestJars.plugin(plugins.resolve("failing-start.jar"), failingStart, List.of(FailingStartPlugin.class),
                List.of());
        TestJars.plugin(plugins.resolve("failing-init.jar"), TestJars.manifest("failing-init", "1.0.0"),
                List.of(FailingInitAction.class), List.of(FailingInitAction.class));
        TestJars.plugin(plugins.resolve("faulty.jar"), TestJars.manifest("faulty", "1.0.0"),
                List.of(ThrowingAction.class, ThrowingListener.class),
                List.of(ThrowingAction.class, ThrowingListener.class));
        studio = new Studio(plugins).withProduction();
        // the production's project:new reached the failing listener once
        awaitFailures(1);
    }

    private void awaitFailures(long n) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (status("faulty.jar").failures() < n && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(status("faulty.jar").failures()).isEqualTo(n);
    }

    @AfterEach
    void stop() {
        studio.close();
    }

    @Test
    void aJarWithoutExtensionIndexIsReportedAsHavingNoExtensions() {
        // classes with @Extension, but built without PF4J's extension index (JDK 23+ without <proc>full</proc>)
        TestJars.plugin(plugins.resolve("no-index.jar"), TestJars.manifest("no-index", "1.0.0"),
                List.of(ThrowingAction.class), List.of());
        studio.engine.reloadPlugins();
        assertThat(status("no-index.jar").state()).isEqualTo(State.NO_EXTENSIONS);
        assertThat(status("no-index.jar").actions()).isEmpty();
        assertThat(status("no-index.jar").message()).contains("no-index", "META-INF/extensions.idx",
                "<proc>full</proc>");
        // the others are as before
        assertThat(status("faulty.jar").state()).isEqualTo(State.STARTED);
        assertThat(status("faulty.jar").actions()).containsExactly("faulty/explode");
    }

    private PluginStatus status(String file) {
        return studio.engine.plugins().stream().filter(s -> s.file().equals(file)).findFirst().orElseThrow();
    }

    @Test
    void everyJarIsReportedWithWhatBecameOfIt() {
        assertThat(studio.engine.plugins()).hasSize(9);
        assertThat(studio.engine.plugins()).filteredOn(s -> s.file().startsWith("zou4j-sample-"))
                .extracting(PluginStatus::state).containsOnly(State.STARTED).hasSize(3);

        assertThat(status("garbage.jar").state()).isEqualTo(State.FAILED);
        assertThat(status("garbage.jar").pluginId()).isNull();
        assertThat(status("garbage.jar").message()).startsWith("The jar garbage.jar is not a loadable zou4j plugin");

        assertThat(status("no-id.jar").state()).isEqualTo(State.FAILED);
        assertThat(status("no-id.jar").message()).contains("no-id.jar", "Plugin-Id");

        PluginStatus future = status("incompatible.jar");
        assertThat(future.state()).isEqualTo(State.INCOMPATIBLE);
        assertThat(future.message()).isEqualTo("Plugin from-the-future 1.0.0 requires zou4j plugin API >=2.0.0 "
                + "(Plugin-Requires), but this engine provides plugin API 1.0.0: rebuild the plugin against "
                + "zou4j-plugin-api 1.0.0 or use a zou4j version that provides the API it needs.");
        assertThat(future.actions()).isEmpty();

        assertThat(status("failing-start.jar").state()).isEqualTo(State.FAILED);
        assertThat(status("failing-start.jar").message())
                .contains("failing-start", "failed to start", "cannot reach the license server");

        assertThat(status("failing-init.jar").state()).isEqualTo(State.FAILED);
        assertThat(status("failing-init.jar").message()).contains("failing-init", "initializing action",
                FailingInitAction.class.getName(), "missing setting 'token'");

        assertThat(status("faulty.jar").state()).isEqualTo(State.STARTED);
        assertThat(status("faulty.jar").actions()).containsExactly("faulty/explode");
        assertThat(status("faulty.jar").eventListeners()).isEqualTo(1);
    }

    @Test
    void onlyRunningActionsAreListedForKitsu() {
        assertThat(studio.system.data("custom-actions").list(Query.all())).extracting(e -> e.getString("url"))
                .containsExactlyInAnyOrder("/api/actions/plugins/bulk-status/set-task-status",
                        "/api/actions/plugins/csv-export/export-csv", "/api/actions/plugins/csv-export/export-csv",
                        "/api/actions/plugins/faulty/explode");
        assertThat(studio.system.data("plugins").list(Query.all())).extracting(e -> e.getString("plugin_id"))
                .containsExactlyInAnyOrder("bulk-status", "csv-export", "webhook", "faulty");
    }

    @Test
    void aThrowingActionFailsItsCallOnlyWithAClearErrorAndNoDetail() {
        for (String kind : List.of("exception", "linkage")) {
            assertThatThrownBy(() -> studio.as(studio.artist).runAction("faulty/explode", List.of(),
                    Map.of("kind", kind)))
                    .isInstanceOfSatisfying(ZouException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL);
                        assertThat(e.httpStatus()).isEqualTo(500);
                        assertThat(e.body().get("message").toString())
                                .startsWith("The action faulty/explode failed (")
                                .endsWith("); the details are in the server log.")
                                .doesNotContain("boom", "Missing");
                    });
        }
        assertThat(status("faulty.jar").failures()).isEqualTo(1 + 2);
        assertThat(status("faulty.jar").state()).isEqualTo(State.STARTED);

        // the engine and the other plugins are unaffected
        ActionResult result = studio.as(studio.admin).runAction("bulk-status/set-task-status",
                List.of(studio.shot1Animation.id()), Map.of("task_status", "wfa"));
        assertThat(((ActionResult.Entities) result).entities()).hasSize(1);
        assertThat(studio.system.data("projects").list(Query.all())).hasSize(1);
    }

    @Test
    void aThrowingListenerNeverBreaksAWrite() throws Exception {
        Entry status = studio.system.data("project-status").list(Query.all()).get(0);
        for (int i = 0; i < 3; i++) {
            studio.system.data("projects").create(Map.of("name", "Extra " + i, "project_status_id", status.id()));
        }
        assertThat(studio.system.data("projects").list(Query.all())).hasSize(4);
        awaitFailures(1 + 3);
    }

    @Test
    void reloadKeepsReportingAndServing() {
        studio.engine.reloadPlugins();
        assertThat(studio.engine.plugins()).hasSize(9);
        assertThat(status("incompatible.jar").state()).isEqualTo(State.INCOMPATIBLE);
        assertThat(studio.system.runAction("csv-export/export-csv", List.of(studio.shot1.id()), Map.of()))
                .isInstanceOf(ActionResult.FileDownload.class);
    }

    @Test
    void aMissingPluginsDirectoryIsRefusedAtBuild() {
        assertThatThrownBy(() -> ZouEngine.builder().storage(H2Storage.inMemory()).secretKey(Studio.SECRET)
                .pluginsDirectory(plugins.resolve("nope")).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("plugins directory").hasMessageContaining("nope");
    }
}
