package org.zou4j.plugin;

import java.util.Set;

/**
 * Receives Zou's events ({@code task:update}, {@code comment:new}, ...) after the change that caused them committed.
 * Calls come from one engine thread per listener, in commit order, never from the thread that made the change; a slow
 * listener delays only itself. Annotate implementations with {@code @org.pf4j.Extension}.
 */
public interface ZouEventListener extends ZouExtension {

    /**
     * The events wanted: exact names ({@code task:update}), prefixes ending in {@code *} ({@code task:*}), or
     * {@code *} for all. Default: all. Read once after {@link #init}.
     */
    default Set<String> events() {
        return Set.of("*");
    }

    /**
     * Handles one event. An exception is logged and counted in the plugin's status; the next event is still
     * delivered.
     */
    void onEvent(ZouEvent event) throws Exception;
}
