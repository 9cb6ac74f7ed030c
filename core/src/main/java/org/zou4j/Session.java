package org.zou4j;

/**
 * A caller of the engine: every operation runs with this caller's rights, in-process exactly as over HTTP. Sessions
 * are cheap, immutable and thread-safe.
 */
public interface Session {

    /** The person behind this session, or {@code null} for the engine's system session. */
    String personId();

    /** The caller's global role code ({@code admin}, {@code manager}, {@code supervisor}, {@code user}, ...). */
    String role();

    /**
     * The rows of the model served at {@code /data/<route>} (e.g. {@code "tasks"}, {@code "task-status"}).
     *
     * @throws ZouException {@link ErrorCode#NOT_FOUND} for an unknown route
     */
    DataSet data(String route);

    /** Zou's production routes beyond generic CRUD, with this caller's rights. */
    Production production();

    /** Zou's asset, shot, sequence, episode, scene, edit and concept routes, with this caller's rights. */
    org.zou4j.assets.Assets assets();

    /** Zou's task, comment, time-spent and notification routes, with this caller's rights. */
    org.zou4j.tasks.Tasks tasks();

    /** Zou's {@code user} routes (and search) for this session's person: context, to-dos, filters, notifications. */
    org.zou4j.user.CurrentUser user();

    /** Zou's breakdown (casting, asset instances) with this caller's rights. */
    org.zou4j.breakdown.Breakdown breakdown();

    /** Zou's CSV exports with this caller's rights. */
    org.zou4j.export.Exports exports();

    /** Zou's {@code source} blueprint (CSV, OTIO/EDL and Kitsu imports) with this caller's rights. */
    org.zou4j.imports.Imports imports();

    /** Zou's picture routes (preview-file pictures, avatars) on the engine's file store, with this caller's rights. */
    org.zou4j.media.Pictures pictures();

    /** Zou's previews blueprint beyond pictures (movies, preview actions, thumbnails), with this caller's rights. */
    org.zou4j.media.Previews previews();

    /** Zou's projects, departments and project-templates routes for this session's caller. */
    org.zou4j.projects.Projects projects();

    /** Zou's persons routes (admin actions, time sheets, days off, presence, quotas) for this session's caller. */
    org.zou4j.persons.Persons persons();

    /** Zou's entity chats (chat, messages) for this session's caller. */
    org.zou4j.chats.Chats chats();

    /** Zou's files blueprint (file trees, working and output files) for this session's caller. */
    org.zou4j.files.Files files();

    /** Zou's playlists blueprint (lists, entities, build jobs, archives, share links) for this caller. */
    org.zou4j.playlists.Playlists playlists();

    /**
     * Runs a plugin's custom action on a selection, as this caller: the action's required role is checked first, and
     * every read or write the action makes goes through this session's permissions.
     *
     * @param actionId  {@code <plugin-id>/<action-id>}, or the bare action id when only one plugin has it
     * @param selection the selected task or entity ids (Kitsu selects tasks)
     * @param input     the action's input; {@code project_id} and {@code entity_type} (Kitsu's view: {@code asset},
     *                  {@code shot}, ...) name where the selection was made
     * @return what the action answered
     * @throws ZouException {@link ErrorCode#NOT_FOUND} no such running action, {@link ErrorCode#FORBIDDEN} role too
     *                      low or data refused, a 4xx refusal of the action, or {@link ErrorCode#INTERNAL} when the
     *                      action failed (the cause is logged, the engine and the plugin keep running)
     */
    org.zou4j.plugin.ActionResult runAction(String actionId, java.util.List<String> selection,
                                            java.util.Map<String, ?> input);
}
