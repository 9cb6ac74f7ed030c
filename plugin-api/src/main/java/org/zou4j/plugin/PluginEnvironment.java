package org.zou4j.plugin;

import java.util.Map;

/**
 * What the engine tells an extension about its plugin. Settings come from the file {@code <plugin-id>.properties}
 * next to the plugin jars (absent file: no settings); they are read again on every reload.
 */
public interface PluginEnvironment {

    /** The plugin's {@code Plugin-Id}. */
    String pluginId();

    /** The plugin's {@code Plugin-Version}. */
    String pluginVersion();

    /** Every setting, unmodifiable. */
    Map<String, String> settings();

    /** A setting, or {@code defaultValue} when it is absent or blank. */
    default String setting(String key, String defaultValue) {
        String v = settings().get(key);
        return v == null || v.isBlank() ? defaultValue : v.trim();
    }

    /**
     * An integer setting, or {@code defaultValue} when absent.
     *
     * @throws IllegalArgumentException naming the key when the value is not an integer
     */
    default int intSetting(String key, int defaultValue) {
        String v = setting(key, null);
        if (v == null) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Setting " + key + " of plugin " + pluginId()
                    + " must be an integer: " + v, e);
        }
    }
}
