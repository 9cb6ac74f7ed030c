package org.zou4j.plugin;

import org.pf4j.ExtensionPoint;

/**
 * What every zou4j extension shares: the engine calls {@link #init} once after creating the extension and
 * {@link #close} once when the plugin is stopped or reloaded. Both are optional.
 */
public interface ZouExtension extends ExtensionPoint {

    /** Called once, before any other call, with the plugin's identity and settings. */
    default void init(PluginEnvironment environment) {
    }

    /** Called once when the plugin stops: release threads, connections and files here. */
    default void close() {
    }
}
