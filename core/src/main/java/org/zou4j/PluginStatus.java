package org.zou4j;

import java.util.List;

/**
 * What the engine made of one plugin jar of its plugins directory.
 *
 * @param pluginId       the plugin's {@code Plugin-Id}, or {@code null} when the jar could not be read
 * @param version        its {@code Plugin-Version}, or {@code null}
 * @param file           the jar's file name
 * @param state          where it stands
 * @param message        why it is not running (what failed and what to do), or {@code null} when it runs
 * @param actions        its custom actions, as {@code <plugin-id>/<action-id>}
 * @param eventListeners how many event listeners it contributes
 * @param failures       how many action runs and event deliveries failed since it started
 */
public record PluginStatus(String pluginId, String version, String file, State state, String message,
                           List<String> actions, int eventListeners, long failures) {

    public PluginStatus {
        actions = List.copyOf(actions);
    }

    /** Where a plugin stands. */
    public enum State {
        /** Loaded and started: its actions and listeners are live. */
        STARTED,
        /**
         * Loaded and started, but it contributes no action and no listener: typically a jar built without PF4J's
         * extension index ({@code META-INF/extensions.idx}, written by PF4J's annotation processor, which JDK 23+ runs
         * only with {@code <proc>full</proc>} / {@code -proc:full}). The message says which.
         */
        NO_EXTENSIONS,
        /** Built for a plugin API version this engine does not provide; not loaded. */
        INCOMPATIBLE,
        /** Disabled by the plugins directory's {@code disabled.txt} / {@code enabled.txt}. */
        DISABLED,
        /** The jar could not be loaded or the plugin failed to start; isolated, the engine runs without it. */
        FAILED
    }
}
