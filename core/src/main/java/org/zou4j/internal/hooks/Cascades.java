package org.zou4j.internal.hooks;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.zou4j.internal.crud.HookContext;
import org.zou4j.internal.sql.Filter;
import org.zou4j.internal.sql.Tx;

/**
 * The deletions Zou's {@code ?force=true} performs (reference §5.4, Zou's deletion service), written as one ordered
 * cascade table per model ({@link #TABLE}) so every foreign key is released before the row it points to goes, and a
 * table's rows are always removed the same way whoever removes them. The removals never emit events (Zou's services
 * do not either).
 */
public final class Cascades {
    private Cascades() {
    }

    /** What a step does with the rows of {@code table} whose {@code column} holds one of the ids being removed. */
    enum Action {
        /** Deletes those rows (link rows and leaf rows that nothing references). */
        DELETE,
        /** Sets {@code column} to NULL on them (optional references). */
        DETACH,
        /** Removes them through {@code table}'s own cascade (rows other rows reference). */
        CASCADE
    }

    /** One step of a model's cascade. */
    record Step(Action action, String table, String column) {
    }

    private static Step delete(String table, String column) {
        return new Step(Action.DELETE, table, column);
    }

    private static Step detach(String table, String column) {
        return new Step(Action.DETACH, table, column);
    }

    private static Step cascade(String table, String column) {
        return new Step(Action.CASCADE, table, column);
    }

    /**
     * For each table whose rows are removed by cascade: the steps, in order, that release everything referencing
     * them; the rows themselves go last. A table without an entry has nothing referencing it that must go first.
     */
    static final Map<String, List<Step>> TABLE = Map.ofEntries(
            Map.entry("comment", List.of(
                    delete("notification", "comment_id"),
                    delete("news", "comment_id"),
                    delete("attachment_file", "comment_id"),
                    delete("comment_preview_link", "comment"),
                    delete("comment_mentions", "comment"),
                    delete("comment_department_mentions", "comment"),
                    delete("comment_acknoledgments", "comment"))),
            Map.entry("preview_file", List.of(
                    detach("entity", "preview_file_id"),
                    detach("comment", "preview_file_id"),
                    detach("news", "preview_file_id"),
                    detach("task", "last_preview_file_id"),
                    delete("comment_preview_link", "preview_file"))),
            Map.entry("output_file", List.of(
                    detach("preview_file", "source_file_id"))),
            Map.entry("working_file", List.of(
                    cascade("output_file", "source_file_id"))),
            Map.entry("production_schedule_version_task_link", List.of(
                    delete("production_schedule_version_task_link_person_link",
                            "production_schedule_version_task_link_id"))),
            Map.entry("task", List.of(
                    cascade("comment", "object_id"),
                    delete("notification", "task_id"),
                    delete("news", "task_id"),
                    delete("subscription", "task_id"),
                    cascade("preview_file", "task_id"),
                    delete("time_spent", "task_id"),
                    cascade("working_file", "task_id"),
                    cascade("production_schedule_version_task_link", "task_id"),
                    delete("task_person_link", "task_id"))),
            Map.entry("asset_instance", List.of(
                    delete("asset_instance_link", "asset_instance_id"),
                    cascade("output_file", "asset_instance_id"))),
            Map.entry("entity", List.of( // its tasks are removed first, by the caller
                    delete("entity_link", "entity_in_id"),
                    delete("entity_link", "entity_out_id"),
                    delete("entity_concept_link", "entity_in_id"),
                    delete("entity_concept_link", "entity_out_id"),
                    delete("asset_instance_link", "entity_id"),
                    delete("entity_version", "entity_id"),
                    delete("subscription", "entity_id"),
                    cascade("output_file", "entity_id"),
                    cascade("output_file", "temporal_entity_id"),
                    cascade("working_file", "entity_id"),
                    cascade("asset_instance", "asset_id"),
                    cascade("asset_instance", "scene_id"),
                    cascade("asset_instance", "target_asset_id"),
                    cascade("asset_instance", "entity_id"),
                    detach("playlist", "episode_id"),
                    detach("entity", "parent_id"),
                    detach("entity", "source_id"))),
            Map.entry("playlist", List.of(
                    delete("notification", "playlist_id"),
                    delete("build_job", "playlist_id"),
                    delete("playlist_share_link", "playlist_id"))),
            Map.entry("budget", List.of(
                    delete("budget_entry", "budget_id"))),
            Map.entry("metadata_descriptor", List.of(
                    delete("department_metadata_descriptor_link", "metadata_descriptor_id"))),
            Map.entry("search_filter_group", List.of(
                    detach("search_filter", "search_filter_group_id"))),
            Map.entry("production_schedule_version", List.of(
                    detach("project", "from_schedule_version_id"),
                    detach("production_schedule_version", "production_schedule_from"),
                    cascade("production_schedule_version_task_link", "production_schedule_version_id"))),
            Map.entry("chat_message", List.of(
                    delete("attachment_file", "chat_message_id"))));

    // ---- the executor ----------------------------------------------------------------------------------------------

    /** Removes the rows of {@code table} with these ids, after the steps of its cascade. */
    static void remove(Tx tx, String table, List<?> ids) throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        release(tx, table, ids);
        tx.delete(table, List.of(Filter.in("id", ids)));
    }

    /** Runs the steps of {@code table}'s cascade for these ids, leaving the rows themselves. */
    private static void release(Tx tx, String table, List<?> ids) throws SQLException {
        for (Step step : TABLE.getOrDefault(table, List.of())) {
            apply(tx, step, ids);
        }
    }

    private static void apply(Tx tx, Step step, List<?> ids) throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        switch (step.action()) {
            case DELETE -> tx.delete(step.table(), List.of(Filter.in(step.column(), ids)));
            case DETACH -> {
                Map<String, Object> nulls = new HashMap<>();
                nulls.put(step.column(), null);
                tx.update(step.table(), nulls, List.of(Filter.in(step.column(), ids)));
            }
            case CASCADE -> remove(tx, step.table(), ids(tx, step.table(), Filter.in(step.column(), ids)));
            default -> throw new IllegalStateException(step.toString());
        }
    }

    private static List<Object> ids(Tx tx, String table, Filter... where) throws SQLException {
        return tx.column(table, "id", List.of(where));
    }

    private static void delete(Tx tx, String table, String column, List<?> ids) throws SQLException {
        apply(tx, delete(table, column), ids);
    }

    private static void detach(Tx tx, String table, String column, List<?> ids) throws SQLException {
        apply(tx, detach(table, column), ids);
    }

    // ---- entry points (what the hooks and services call) -----------------------------------------------------------

    /** Comments with their notifications, news, attachments and link rows. */
    static void deleteComments(Tx tx, List<Object> commentIds) throws SQLException {
        remove(tx, "comment", commentIds);
    }

    /** Preview files, detached from entities (main preview), comments, news and tasks (last preview) first. */
    static void deletePreviewFiles(Tx tx, List<Object> previewIds) throws SQLException {
        remove(tx, "preview_file", previewIds);
    }

    /**
     * Everything hanging off tasks, but not the tasks themselves nor their assignee links: comments (full cascade),
     * notifications, news, subscriptions, preview files, time spents, working files (with their outputs) and
     * production schedule links.
     */
    static void deleteTaskChildren(Tx tx, List<Object> taskIds) throws SQLException {
        for (Step step : TABLE.get("task")) {
            if (!step.table().equals("task_person_link")) {
                apply(tx, step, taskIds);
            }
        }
    }

    /** Tasks with everything hanging off them. */
    public static void deleteTasks(Tx tx, List<Object> taskIds) throws SQLException {
        remove(tx, "task", taskIds);
    }

    /** Entities (whose tasks are already gone) with their links, versions, files and asset instances. */
    public static void deleteEntities(Tx tx, List<Object> entityIds) throws SQLException {
        remove(tx, "entity", entityIds);
    }

    /** What hangs off playlists: notifications, build jobs, share links. */
    static void deletePlaylistChildren(Tx tx, List<Object> playlistIds) throws SQLException {
        release(tx, "playlist", playlistIds);
    }

    // ---- projects ----------------------------------------------------------------------------------------------------

    /**
     * Everything of a project but the project row and its own link rows: tasks (full cascade), playlists, budgets,
     * entities, api events, metadata descriptors, milestones, schedule items and versions, search filters.
     */
    static void deleteProjectContent(Tx tx, UUID projectId) throws SQLException {
        Filter ofProject = Filter.eq("project_id", projectId);
        deleteTasks(tx, ids(tx, "task", ofProject));
        List<Object> entities = ids(tx, "entity", ofProject);
        deleteTasks(tx, ids(tx, "task", Filter.in("entity_id", entities)));
        remove(tx, "playlist", ids(tx, "playlist", ofProject));
        remove(tx, "budget", ids(tx, "budget", ofProject));
        deleteEntities(tx, entities);
        tx.delete("api_event", List.of(ofProject));
        remove(tx, "metadata_descriptor", ids(tx, "metadata_descriptor", ofProject));
        tx.delete("milestone", List.of(ofProject));
        tx.delete("schedule_item", List.of(ofProject));
        tx.delete("search_filter", List.of(ofProject));
        remove(tx, "search_filter_group", ids(tx, "search_filter_group", ofProject));
        remove(tx, "production_schedule_version", ids(tx, "production_schedule_version", ofProject));
    }

    // ---- persons -----------------------------------------------------------------------------------------------------

    /**
     * Deletes or detaches everything referencing a person so the person row can go: their comments (full cascade),
     * acknowledgements and mentions, api events, notifications (as recipient and author), news they authored, search
     * filters and groups, login logs, subscriptions, time spents, day offs, team memberships, task assignments, chat
     * participation and messages, share links they created; author/assigner/creator columns elsewhere become NULL.
     *
     * @return the tasks whose time spents were removed (their durations need recomputing)
     */
    static List<Object> releasePerson(HookContext ctx, UUID personId) throws SQLException {
        Tx tx = ctx.tx();
        List<Object> person = List.of(personId);
        deleteComments(tx, ids(tx, "comment", Filter.eq("person_id", personId)));
        detach(tx, "comment", "editor_id", person);
        delete(tx, "comment_acknoledgments", "person", person);
        delete(tx, "comment_mentions", "person", person);
        delete(tx, "api_event", "user_id", person);
        delete(tx, "notification", "person_id", person);
        delete(tx, "notification", "author_id", person);
        delete(tx, "news", "author_id", person);
        delete(tx, "search_filter", "person_id", person);
        remove(tx, "search_filter_group", ids(tx, "search_filter_group", Filter.eq("person_id", personId)));
        delete(tx, "login_log", "person_id", person);
        delete(tx, "desktop_login_log", "person_id", person);
        delete(tx, "subscription", "person_id", person);
        List<Object> touchedTasks = new ArrayList<>(new LinkedHashSet<>(
                tx.column("time_spent", "task_id", List.of(Filter.eq("person_id", personId)))));
        touchedTasks.remove(null);
        delete(tx, "time_spent", "person_id", person);
        delete(tx, "day_off", "person_id", person);
        delete(tx, "project_person_link", "person_id", person);
        delete(tx, "task_person_link", "person_id", person);
        delete(tx, "production_schedule_version_task_link_person_link", "person_id", person);
        delete(tx, "chat_participant", "person_id", person);
        remove(tx, "chat_message", ids(tx, "chat_message", Filter.eq("person_id", personId)));
        delete(tx, "playlist_share_link", "created_by", person);
        detach(tx, "task", "assigner_id", person);
        detach(tx, "output_file", "person_id", person);
        detach(tx, "working_file", "person_id", person);
        detach(tx, "preview_file", "person_id", person);
        detach(tx, "entity", "created_by", person);
        detach(tx, "playlist", "created_by", person);
        detach(tx, "entity_version", "person_id", person);
        detach(tx, "budget_entry", "person_id", person);
        return touchedTasks;
    }
}
