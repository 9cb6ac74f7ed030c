package org.zou4j.plugin;

/**
 * The version of this plugin API. A plugin states the versions it works with in its {@code Plugin-Requires} manifest
 * attribute (e.g. {@code >=1.0.0 & <2.0.0}, or {@code 1.0.0}, read as "1.0.0 or any later 1.x"); the engine refuses a
 * plugin whose requirement this version does not satisfy, with a message saying so in the plugin's status.
 *
 * <p>Compatibility rule: minor versions only add (new default methods, new result kinds never sent to older plugins);
 * a major version may remove or change.
 */
public final class PluginApi {
    /** This plugin API's version (semantic versioning). */
    public static final String VERSION = "1.0.0";

    private PluginApi() {
    }
}
