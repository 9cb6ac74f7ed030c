package org.zou4j.internal.hooks;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.zou4j.internal.crud.HookContext;
import org.zou4j.internal.sql.Filter;
import org.zou4j.internal.sql.Tx;

/**
 * The deletions Zou's {@code ?force=true} performs (reference §5.4, Zou's deletion service), written as explicit,
 * ordered steps so every foreign key is released before the row it points to goes. Each method works on a set of
 * ids and never emits events for the rows it removes (Zou's services do not either), except where noted.
 */
public final class Cascades {
    private Cascades() {
    }

    // ---- small building blocks -----------------------------------------------------------------------------------

    private static List<Object> ids(Tx tx, String table, Filter... where) throws SQLException {
        return tx.column(table, "id", List.of(where));
    }

    private static void delete(Tx tx, String table, String column, List<?> ids) throws SQLException {
        if (!ids.isEmpty()) {
            tx.delete(table, List.of(Filter.in(column, ids)));
        }
    }

    /** Sets {@code column} to NULL on the rows of {@code table} whose {@code column} is one of {@code ids}. */
    private static void detach(Tx tx, String table, String column, List<?> ids) throws SQLException {
        if (!ids.isEmpty()) {
            Map<String, Object> nulls = new HashMap<>();
            nulls.put(column, null);
            tx.update(table, nulls, List.of(Filter.in(column, ids)));
        }
    }

    private static Filter in(String column, List<?> ids) {
        return Filter.in(column, ids);
    }

    // ---- comments, previews, files -------------------------------------------------------------------------------

    /** Comments with their notifications, news, attachments and link rows. */
    static void deleteComments(Tx tx, List<Object> commentIds) throws SQLException {
        if (commentIds.isEmpty()) {
            return;
        }
        delete(tx, "notification", "comment_id", commentIds);
        delete(tx, "news", "comment_id", commentIds);
        delete(tx, "attachment_file", "comment_id", commentIds);
        delete(tx, "comment_preview_link", "comment", commentIds);
        delete(tx, "comment_mentions", "comment", commentIds);
        delete(tx, "comment_department_mentions", "comment", commentIds);
        delete(tx, "comment_acknoledgments", "comment", commentIds);
        delete(tx, "comment", "id", commentIds);
    }

    /** Preview files, detached from entities (main preview), comments, news and tasks (last preview) first. */
    static void deletePreviewFiles(Tx tx, List<Object> previewIds) throws SQLException {
        if (previewIds.isEmpty()) {
            return;
        }
        detach(tx, "entity", "preview_file_id", previewIds);
        detach(tx, "comment", "preview_file_id", previewIds);
        detach(tx, "news", "preview_file_id", previewIds);
        detach(tx, "task", "last_preview_file_id", previewIds);
        delete(tx, "comment_preview_link", "preview_file", previewIds);
        delete(tx, "preview_file", "id", previewIds);
    }

    static void deleteOutputFiles(Tx tx, List<Object> outputIds) throws SQLException {
        if (outputIds.isEmpty()) {
            return;
        }
        detach(tx, "preview_file", "source_file_id", outputIds);
        delete(tx, "output_file", "id", outputIds);
    }

    /** Working files and the output files made from them. */
    static void deleteWorkingFiles(Tx tx, List<Object> workingIds) throws SQLException {
        if (workingIds.isEmpty()) {
            return;
        }
        deleteOutputFiles(tx, ids(tx, "output_file", in("source_file_id", workingIds)));
        delete(tx, "working_file", "id", workingIds);
    }

    // ---- tasks -----------------------------------------------------------------------------------------------------

    /**
     * Everything hanging off tasks, but not the tasks themselves nor their assignee links: comments (full cascade),
     * notifications, news, subscriptions, preview files, time spents, working files (with their outputs) and
     * production schedule links.
     */
    static void deleteTaskChildren(Tx tx, List<Object> taskIds) throws SQLException {
        if (taskIds.isEmpty()) {
            return;
        }
        deleteComments(tx, ids(tx, "comment", in("object_id", taskIds)));
        delete(tx, "notification", "task_id", taskIds);
        delete(tx, "news", "task_id", taskIds);
        delete(tx, "subscription", "task_id", taskIds);
        deletePreviewFiles(tx, ids(tx, "preview_file", in("task_id", taskIds)));
        delete(tx, "time_spent", "task_id", taskIds);
        deleteWorkingFiles(tx, ids(tx, "working_file", in("task_id", taskIds)));
        List<Object> scheduleLinks = ids(tx, "production_schedule_version_task_link", in("task_id", taskIds));
        delete(tx, "production_schedule_version_task_link_person_link", "production_schedule_version_task_link_id",
                scheduleLinks);
        delete(tx, "production_schedule_version_task_link", "id", scheduleLinks);
    }

    /** Tasks with everything hanging off them. */
    public static void deleteTasks(Tx tx, List<Object> taskIds) throws SQLException {
        if (taskIds.isEmpty()) {
            return;
        }
        deleteTaskChildren(tx, taskIds);
        delete(tx, "task_person_link", "task_id", taskIds);
        delete(tx, "task", "id", taskIds);
    }

    // ---- entities --------------------------------------------------------------------------------------------------

    /** Asset instances with their casting links and output files. */
    static void deleteAssetInstances(Tx tx, List<Object> instanceIds) throws SQLException {
        if (instanceIds.isEmpty()) {
            return;
        }
        delete(tx, "asset_instance_link", "asset_instance_id", instanceIds);
        deleteOutputFiles(tx, ids(tx, "output_file", in("asset_instance_id", instanceIds)));
        delete(tx, "asset_instance", "id", instanceIds);
    }

    /** Entities (whose tasks are already gone) with their links, versions, files and asset instances. */
    public static void deleteEntities(Tx tx, List<Object> entityIds) throws SQLException {
        if (entityIds.isEmpty()) {
            return;
        }
        delete(tx, "entity_link", "entity_in_id", entityIds);
        delete(tx, "entity_link", "entity_out_id", entityIds);
        delete(tx, "entity_concept_link", "entity_in_id", entityIds);
        delete(tx, "entity_concept_link", "entity_out_id", entityIds);
        delete(tx, "asset_instance_link", "entity_id", entityIds);
        delete(tx, "entity_version", "entity_id", entityIds);
        delete(tx, "subscription", "entity_id", entityIds);
        Set<Object> outputs = new LinkedHashSet<>(ids(tx, "output_file", in("entity_id", entityIds)));
        outputs.addAll(ids(tx, "output_file", in("temporal_entity_id", entityIds)));
        deleteOutputFiles(tx, new ArrayList<>(outputs));
        deleteWorkingFiles(tx, ids(tx, "working_file", in("entity_id", entityIds)));
        Set<Object> instances = new LinkedHashSet<>();
        for (String column : List.of("asset_id", "scene_id", "target_asset_id", "entity_id")) {
            instances.addAll(ids(tx, "asset_instance", in(column, entityIds)));
        }
        deleteAssetInstances(tx, new ArrayList<>(instances));
        detach(tx, "playlist", "episode_id", entityIds);
        detach(tx, "entity", "parent_id", entityIds);
        detach(tx, "entity", "source_id", entityIds);
        delete(tx, "entity", "id", entityIds);
    }

    // ---- playlists ---------------------------------------------------------------------------------------------------

    /** What hangs off playlists: notifications, build jobs, share links. */
    static void deletePlaylistChildren(Tx tx, List<Object> playlistIds) throws SQLException {
        delete(tx, "notification", "playlist_id", playlistIds);
        delete(tx, "build_job", "playlist_id", playlistIds);
        delete(tx, "playlist_share_link", "playlist_id", playlistIds);
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
        deleteTasks(tx, ids(tx, "task", in("entity_id", entities)));
        List<Object> playlists = ids(tx, "playlist", ofProject);
        deletePlaylistChildren(tx, playlists);
        delete(tx, "playlist", "id", playlists);
        List<Object> budgets = ids(tx, "budget", ofProject);
        delete(tx, "budget_entry", "budget_id", budgets);
        delete(tx, "budget", "id", budgets);
        deleteEntities(tx, entities);
        tx.delete("api_event", List.of(ofProject));
        List<Object> descriptors = ids(tx, "metadata_descriptor", ofProject);
        delete(tx, "department_metadata_descriptor_link", "metadata_descriptor_id", descriptors);
        delete(tx, "metadata_descriptor", "id", descriptors);
        tx.delete("milestone", List.of(ofProject));
        tx.delete("schedule_item", List.of(ofProject));
        List<Object> groups = ids(tx, "search_filter_group", ofProject);
        tx.delete("search_filter", List.of(ofProject));
        detach(tx, "search_filter", "search_filter_group_id", groups);
        delete(tx, "search_filter_group", "id", groups);
        List<Object> versions = ids(tx, "production_schedule_version", ofProject);
        detach(tx, "project", "from_schedule_version_id", versions);
        detach(tx, "production_schedule_version", "production_schedule_from", versions);
        List<Object> scheduleLinks = ids(tx, "production_schedule_version_task_link",
                in("production_schedule_version_id", versions));
        delete(tx, "production_schedule_version_task_link_person_link", "production_schedule_version_task_link_id",
                scheduleLinks);
        delete(tx, "production_schedule_version_task_link", "id", scheduleLinks);
        delete(tx, "production_schedule_version", "id", versions);
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
        List<Object> groups = ids(tx, "search_filter_group", Filter.eq("person_id", personId));
        delete(tx, "search_filter", "person_id", person);
        detach(tx, "search_filter", "search_filter_group_id", groups);
        delete(tx, "search_filter_group", "id", groups);
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
        List<Object> messages = ids(tx, "chat_message", Filter.eq("person_id", personId));
        delete(tx, "attachment_file", "chat_message_id", messages);
        delete(tx, "chat_message", "id", messages);
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
