package org.zou4j.internal.plugins;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.jar.Attributes;
import org.zou4j.plugin.CustomAction;
import org.zou4j.plugin.PluginEnvironment;
import org.zou4j.plugin.ZouExtension;

/** A started plugin: its identity, its manifest, its live extensions, and how often they failed. */
final class LoadedPlugin {
    final String id;
    final String version;
    final Path path;
    final Attributes manifest;
    final ClassLoader classLoader;
    final PluginEnvironment environment;
    final Map<String, CustomAction> actions = new LinkedHashMap<>();
    final List<ListenerRunner> listeners = new ArrayList<>();
    /** Every extension that was initialized, to close on stop. */
    final List<ZouExtension> extensions = new ArrayList<>();
    final AtomicLong failures = new AtomicLong();

    LoadedPlugin(String id, String version, Path path, Attributes manifest, ClassLoader classLoader,
                 PluginEnvironment environment) {
        this.id = id;
        this.version = version;
        this.path = path;
        this.manifest = manifest;
        this.classLoader = classLoader;
        this.environment = environment;
    }

    /** A manifest attribute, or {@code null} when absent or blank. */
    String attribute(String name) {
        String v = manifest == null ? null : manifest.getValue(name);
        return v == null || v.isBlank() ? null : v.trim();
    }

    /** The run URL of one of its actions, as stored in {@code custom_action.url}. */
    String actionUrl(String actionId) {
        return PluginHost.RUN_PATH + id + "/" + actionId;
    }
}
