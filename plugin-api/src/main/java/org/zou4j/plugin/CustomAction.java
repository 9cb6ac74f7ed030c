package org.zou4j.plugin;

import java.util.Set;

/**
 * An action run inside the engine on a selection of rows (Kitsu's "custom actions" menu). The engine lists each
 * action in {@code /data/custom-actions} (one row per entity type) so Kitsu shows it, and runs it when the selection is
 * posted to it, or in-process with {@code session.runAction(...)}.
 *
 * <p>Implementations are annotated {@code @org.pf4j.Extension}, have a public no-argument constructor, and must be
 * thread-safe: one instance serves every caller.
 */
public interface CustomAction extends ZouExtension {

    /** Identifier, unique within the plugin: lower-case letters, digits and dashes (it appears in URLs). */
    String id();

    /** Shown in Kitsu's menu (Zou's {@code custom_action.name}, at most 80 characters). */
    String label();

    /**
     * The Kitsu views the action applies to: {@code all}, or some of {@code asset}, {@code shot}, {@code sequence},
     * {@code edit}, {@code episode} (Zou's {@code custom_action.entity_type}). Default: {@code all}.
     */
    default Set<String> entityTypes() {
        return Set.of("all");
    }

    /** The lowest global role allowed to run it. Default: {@link Role#MANAGER}. */
    default Role requiredRole() {
        return Role.MANAGER;
    }

    /**
     * Whether Kitsu posts the selection in the background (JSON, {@code is_ajax=true}) rather than as a form in a new
     * browser tab, where a file download or a redirect is shown. Default: {@code false}.
     */
    default boolean ajax() {
        return false;
    }

    /**
     * Runs the action. Data is read and written through {@link ActionContext#data()}, with the caller's permissions.
     *
     * @throws ActionException for a refusal the caller should read (bad input, nothing to do)
     * @throws Exception       anything else: reported to the caller as a failure of this action and logged
     */
    ActionResult execute(ActionContext context) throws Exception;
}
