package org.zou4j.internal.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which plugin-frontend paths name a jar entry: only plain relative paths inside {@code frontend/}. */
class FrontendPathTest {

    @Test
    void plainPathsNameEntriesOfTheFrontendFolder() {
        assertThat(PluginHost.frontendEntryName("")).isEqualTo("frontend/index.html");
        assertThat(PluginHost.frontendEntryName(null)).isEqualTo("frontend/index.html");
        assertThat(PluginHost.frontendEntryName("assets/")).isEqualTo("frontend/assets/index.html");
        assertThat(PluginHost.frontendEntryName("assets/app.js")).isEqualTo("frontend/assets/app.js");
        assertThat(PluginHost.frontendEntryName("a.b/c..d.css")).isEqualTo("frontend/a.b/c..d.css");
    }

    @Test
    void anythingThatCouldLeaveTheFolderIsRefused() {
        for (String path : new String[] {"../META-INF/MANIFEST.MF", "assets/../../x", "./index.html", "a//b",
                "/etc/passwd", "assets\\..\\x", "c:/x", "a\u0000b", "..", "a/.."}) {
            assertThat(PluginHost.frontendEntryName(path)).as(path).isNull();
        }
        assertThat(PluginHost.frontendEntryName("x".repeat(600))).isNull();
    }
}
