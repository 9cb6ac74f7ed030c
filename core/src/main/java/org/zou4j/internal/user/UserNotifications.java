package org.zou4j.internal.user;

import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.zou4j.ZouException;
import org.zou4j.internal.access.Caller;
import org.zou4j.internal.crud.CrudService;
import org.zou4j.internal.crud.HookContext;
import org.zou4j.internal.crud.Values;
import org.zou4j.internal.events.EventLog;
import org.zou4j.internal.sql.Filter;
import org.zou4j.internal.sql.Row;
import org.zou4j.internal.sql.Tx;

/**
 * The caller's notifications (zou {@code user_service.get_last_notifications}: the last 100, newest first, with the
 * comment, task and entity facts Kitsu shows) and their subscriptions to tasks and sequences.
 */
public final class UserNotifications extends UserSupport {
    private static final int LAST = 100;

    public UserNotifications(CrudService crud, EventLog events) {
        super(crud, events);
    }

    /** Zou's notification list filters. */
    public record NotificationQuery(String after, String before, String taskTypeId, String taskStatusId,
                                    String type, Boolean read, Boolean watching) {
        public static NotificationQuery none() {
            return new NotificationQuery(null, null, null, null, null, null, null);
        }
    }

    /** {@code GET /data/user/notifications}. */
    public List<Map<String, Object>> notifications(Caller caller, NotificationQuery q) {
        UUID taskTypeId = optionalId(q.taskTypeId(), "task_type_id");
        UUID taskStatusId = optionalId(q.taskStatusId(), "task_status_id");
        LocalDateTime after = time(q.after());
        LocalDateTime before = time(q.before());
        return read(caller, ctx -> {
            List<Filter> where = new ArrayList<>();
            where.add(Filter.eq("person_id", caller.personId()));
            if (after != null) {
                where.add(Filter.not(Filter.between("created_at", null, after)));
            }
            if (before != null) {
                where.add(Filter.not(Filter.between("created_at", before, null)));
            }
            if (taskTypeId != null) {
                where.add(Filter.sub("task_id", "task", "id", Filter.eq("task_type_id", taskTypeId)));
            }
            if (taskStatusId != null) {
                where.add(Filter.sub("task_id", "task", "id", Filter.eq("task_status_id", taskStatusId)));
            }
            if (q.type() != null) {
                where.add(Filter.eq("type", q.type()));
            }
            if (q.read() != null) {
                where.add(Filter.eq("read", q.read()));
            }
            if (q.watching() != null) {
                Filter watched = Filter.sub("task_id", "subscription", "task_id",
                        Filter.eq("person_id", caller.personId()), Filter.not(new Filter.IsNull("task_id")));
                where.add(q.watching() ? watched : Filter.or(new Filter.IsNull("task_id"), Filter.not(watched)));
            }
            List<Row> rows = ctx.tx().select("notification", where,
                    List.of(Tx.Order.desc("created_at"), Tx.Order.desc("id")), LAST, 0);
            return present(ctx, rows);
        });
    }

    /** {@code GET /data/user/notifications/<id>}: one of the caller's notifications, as in the list. */
    public Map<String, Object> notification(Caller caller, String id) {
        UUID nid = Values.tryParseId(id);
        if (nid == null) {
            throw ZouException.wrongParameter("Invalid UUID format for notification_id: " + id);
        }
        return read(caller, ctx -> {
            List<Row> rows = ctx.tx().select("notification", List.of(Filter.eq("id", nid),
                    Filter.eq("person_id", caller.personId())));
            if (rows.isEmpty()) {
                throw ZouException.notFound("Notification not found");
            }
            return present(ctx, rows).get(0);
        });
    }

    /** {@code PUT /data/user/notifications/<id>} with {@code {"read": bool}}: emits notification:read / unread. */
    public Map<String, Object> setRead(Caller caller, String id, Map<String, Object> body) {
        UUID nid = pathId(id);
        Boolean read = UserFilters.toBool(body.get("read"), "read");
        return write(caller, ctx -> {
            List<Row> rows = ctx.tx().select("notification", List.of(Filter.eq("id", nid),
                    Filter.eq("person_id", caller.personId())));
            if (rows.isEmpty()) {
                throw ZouException.notFound("Notification not found");
            }
            if (read != null) {
                ctx.tx().updateById("notification", nid, Map.of("read", read, "updated_at", ctx.now()));
            }
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("person_id", caller.personId().toString());
            data.put("notification_id", nid.toString());
            ctx.events().emit(Boolean.TRUE.equals(read) ? "notification:read" : "notification:unread", data, null);
            return serializeOne(ctx, "notification", ctx.tx().byId("notification", nid));
        });
    }

    /** {@code POST /actions/user/notifications/mark-all-as-read}: emits notification:all-read. */
    public Map<String, Object> markAllRead(Caller caller) {
        return write(caller, ctx -> {
            ctx.tx().update("notification", Map.of("read", true, "updated_at", ctx.now()), List.of(
                    Filter.eq("person_id", caller.personId()), Filter.eq("read", false)));
            ctx.events().emit("notification:all-read", Map.of("person_id", caller.personId().toString()), null);
            return Map.of("success", true);
        });
    }

    private List<Map<String, Object>> present(HookContext ctx, List<Row> rows) throws SQLException {
        Tx tx = ctx.tx();
        UUID me = ctx.caller().personId();
        Map<UUID, Row> tasks = mapByIds(tx, "task", UserTasks.col(rows, "task_id"));
        Map<UUID, Row> projects = mapByIds(tx, "project", UserTasks.col(tasks.values(), "project_id"));
        Map<UUID, Row> comments = mapByIds(tx, "comment", UserTasks.col(rows, "comment_id"));
        Map<UUID, Row> authors = mapByIds(tx, "person", UserTasks.col(rows, "author_id"));
        Map<UUID, UUID> subscriptions = new HashMap<>();
        for (Row s : byIds(tx, "subscription", "task_id", tasks.keySet())) {
            if (me.equals(s.get("person_id"))) {
                subscriptions.put((UUID) s.get("task_id"), s.id());
            }
        }
        Map<UUID, List<String>> mentions = links(tx, "comment_mentions", "person", comments.keySet());
        Map<UUID, List<String>> departmentMentions = links(tx, "comment_department_mentions", "department",
                comments.keySet());
        Map<UUID, List<String>> previews = links(tx, "comment_preview_link", "preview_file", comments.keySet());
        EntityNames names = new EntityNames(tx);
        boolean artist = ctx.caller().hasRole("user");
        List<Map<String, Object>> out = new ArrayList<>();
        for (Row n : rows) {
            Row task = tasks.get((UUID) n.get("task_id"));
            Row project = task == null ? null : projects.get((UUID) task.get("project_id"));
            Row comment = comments.get((UUID) n.get("comment_id"));
            Row author = authors.get((UUID) n.get("author_id"));
            String fullName = "";
            Object episodeId = null;
            Object entityPreview = null;
            Object projectId = project == null ? null : project.id().toString();
            Object projectName = project == null ? null : project.get("name");
            String playlistName = "";
            String playlistFor = "";
            boolean playlistForAll = false;
            if (n.get("playlist_id") == null) {
                if (task != null) {
                    EntityNames.Name name = names.of((UUID) task.get("entity_id"));
                    if (name != null) {
                        fullName = name.fullName();
                        episodeId = json(name.episodeId());
                        entityPreview = json(name.previewFileId());
                    }
                }
            } else {
                Row playlist = tx.byId("playlist", (UUID) n.get("playlist_id"));
                if (playlist != null) {
                    episodeId = json(playlist.get("episode_id"));
                    Row p = tx.byId("project", (UUID) playlist.get("project_id"));
                    projectId = json(playlist.get("project_id"));
                    projectName = p == null ? null : p.get("name");
                    playlistName = Objects.toString(playlist.get("name"), "");
                    playlistFor = Objects.toString(playlist.get("for_entity"), "");
                    playlistForAll = Boolean.TRUE.equals(playlist.get("is_for_all"));
                }
            }
            String commentText = comment == null ? null : (String) comment.get("text");
            String replyText = "";
            Object replyMentions = List.of();
            Object replyDepartmentMentions = List.of();
            String type = (String) n.get("type");
            if (comment != null && ("reply".equals(type) || "reply-mention".equals(type))) {
                Object replies = json(comment.get("replies"));
                if (replies instanceof List<?> list) {
                    for (Object o : list) {
                        if (o instanceof Map<?, ?> reply && Objects.equals(Objects.toString(reply.get("id"), null),
                                Objects.toString(n.get("reply_id"), null))) {
                            replyText = Objects.toString(reply.get("text"), "");
                            replyMentions = reply.get("mentions") == null ? List.of() : reply.get("mentions");
                            replyDepartmentMentions = reply.get("department_mentions") == null ? List.of()
                                    : reply.get("department_mentions");
                        }
                    }
                }
            }
            if (author != null && "client".equals(author.get("role")) && artist) {
                commentText = "";
                replyText = "";
            }
            List<String> commentPreviews = comment == null ? List.of() : previews.getOrDefault(comment.id(),
                    List.of());
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", n.id().toString());
            m.put("type", "Notification");
            m.put("notification_type", type);
            m.put("author_id", json(n.get("author_id")));
            m.put("comment_id", json(n.get("comment_id")));
            m.put("task_id", json(n.get("task_id")));
            m.put("task_type_id", task == null ? null : json(task.get("task_type_id")));
            m.put("task_status_id", comment == null ? null : json(comment.get("task_status_id")));
            m.put("mentions", comment == null ? List.of() : mentions.getOrDefault(comment.id(), List.of()));
            m.put("department_mentions", comment == null ? List.of()
                    : departmentMentions.getOrDefault(comment.id(), List.of()));
            m.put("reply_mentions", replyMentions);
            m.put("reply_department_mentions", replyDepartmentMentions);
            m.put("preview_file_id", commentPreviews.isEmpty() ? null : commentPreviews.get(0));
            m.put("project_id", projectId);
            m.put("project_name", projectName);
            m.put("comment_text", commentText);
            m.put("reply_text", replyText);
            m.put("created_at", json(n.get("created_at")));
            m.put("read", n.get("read"));
            m.put("change", n.get("change"));
            m.put("full_entity_name", fullName);
            m.put("episode_id", episodeId);
            m.put("entity_preview_file_id", entityPreview);
            m.put("subscription_id", task == null ? null : json(subscriptions.get(task.id())));
            m.put("playlist_id", json(n.get("playlist_id")));
            m.put("playlist_name", playlistName);
            m.put("playlist_for_entity", playlistFor);
            m.put("playlist_is_for_all", playlistForAll);
            out.add(m);
        }
        return out;
    }

    private static Map<UUID, List<String>> links(Tx tx, String table, String other, java.util.Collection<UUID> ids)
            throws SQLException {
        Map<UUID, List<String>> out = new HashMap<>();
        for (Row r : byIds(tx, table, "comment", ids)) {
            out.computeIfAbsent((UUID) r.get("comment"), k -> new ArrayList<>()).add(r.get(other).toString());
        }
        return out;
    }

    private static LocalDateTime time(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        LocalDateTime t = Values.parseTimestamp(text);
        if (t == null) {
            java.time.LocalDate d = Values.parseDate(text);
            if (d == null) {
                throw ZouException.wrongParameter("Wrong date format for after or before.");
            }
            t = d.atStartOfDay();
        }
        return t;
    }

    // ---- subscriptions ---------------------------------------------------------------------------------------------

    /** {@code GET /data/user/tasks/<id>/subscribed}. */
    public boolean taskSubscribed(Caller caller, String taskId) {
        UUID id = pathId(taskId);
        return read(caller, ctx -> ctx.tx().exists("subscription", List.of(Filter.eq("person_id",
                caller.personId()), Filter.eq("task_id", id))));
    }

    /** {@code POST /actions/user/tasks/<id>/subscribe}: the task must exist (404) and be in the caller's team (403). */
    public Map<String, Object> subscribeTask(Caller caller, String taskId) {
        UUID id = pathId(taskId);
        return write(caller, ctx -> subscribe(ctx, id));
    }

    /** {@code POST /actions/user/tasks/subscribe} with {@code {"task_ids": [...]}}. */
    public List<Map<String, Object>> subscribeTasks(Caller caller, Object body) {
        List<UUID> ids = taskIds(body);
        return write(caller, ctx -> {
            List<Map<String, Object>> out = new ArrayList<>();
            for (UUID id : ids) {
                out.add(subscribe(ctx, id));
            }
            return out;
        });
    }

    private Map<String, Object> subscribe(HookContext ctx, UUID taskId) throws SQLException {
        Row task = ctx.tx().byId("task", taskId);
        if (task == null) {
            throw ZouException.notFound("Task not found");
        }
        if (!ctx.access().inTeam((UUID) task.get("project_id"))) {
            throw ZouException.forbidden();
        }
        List<Filter> key = List.of(Filter.eq("person_id", ctx.caller().personId()), Filter.eq("task_id", taskId));
        List<Row> existing = ctx.tx().select("subscription", key);
        if (existing.isEmpty()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", UUID.randomUUID());
            row.put("created_at", ctx.now());
            row.put("updated_at", ctx.now());
            row.put("person_id", ctx.caller().personId());
            row.put("task_id", taskId);
            ctx.tx().insert("subscription", row);
            existing = ctx.tx().select("subscription", key);
        }
        return serializeOne(ctx, "subscription", existing.get(0));
    }

    /** {@code DELETE /actions/user/tasks/<id>/unsubscribe}. */
    public void unsubscribeTask(Caller caller, String taskId) {
        UUID id = pathId(taskId);
        write(caller, ctx -> ctx.tx().delete("subscription", List.of(Filter.eq("person_id", caller.personId()),
                Filter.eq("task_id", id))));
    }

    /** {@code POST /actions/user/tasks/unsubscribe} with {@code {"task_ids": [...]}}: answers the ids. */
    public List<String> unsubscribeTasks(Caller caller, Object body) {
        List<UUID> ids = taskIds(body);
        write(caller, ctx -> ctx.tx().delete("subscription", List.of(Filter.eq("person_id", caller.personId()),
                Filter.in("task_id", ids))));
        return ids.stream().map(UUID::toString).toList();
    }

    private static List<UUID> taskIds(Object body) {
        String message = "Request body must be a JSON object with a non-empty 'task_ids' list of ids.";
        if (!(body instanceof Map<?, ?> map) || !(map.get("task_ids") instanceof List<?> list) || list.isEmpty()) {
            throw ZouException.wrongParameter(message);
        }
        List<UUID> ids = new ArrayList<>();
        for (Object o : list) {
            UUID id = o == null ? null : Values.tryParseId(o.toString());
            if (id == null) {
                throw ZouException.wrongParameter(message);
            }
            ids.add(id);
        }
        return ids;
    }

    /** {@code GET /data/user/(sequences|entities)/<id>/task-types/<tt>/subscribed}. */
    public boolean sequenceSubscribed(Caller caller, String sequenceId, String taskTypeId) {
        UUID sid = pathId(sequenceId);
        UUID tid = pathId(taskTypeId);
        return read(caller, ctx -> ctx.tx().exists("subscription", sequenceKey(caller, sid, tid)));
    }

    /** {@code POST /actions/user/sequences/<id>/task-types/<tt>/subscribe}. */
    public Map<String, Object> subscribeSequence(Caller caller, String sequenceId, String taskTypeId) {
        UUID sid = pathId(sequenceId);
        UUID tid = pathId(taskTypeId);
        return write(caller, ctx -> {
            Row sequence = ctx.tx().byId("entity", sid);
            if (sequence == null || ctx.tx().byId("task_type", tid) == null) {
                throw ZouException.notFound();
            }
            if (!ctx.access().inTeam((UUID) sequence.get("project_id"))) {
                throw ZouException.forbidden();
            }
            List<Filter> key = sequenceKey(caller, sid, tid);
            List<Row> existing = ctx.tx().select("subscription", key);
            if (existing.isEmpty()) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("id", UUID.randomUUID());
                row.put("created_at", ctx.now());
                row.put("updated_at", ctx.now());
                row.put("person_id", caller.personId());
                row.put("entity_id", sid);
                row.put("task_type_id", tid);
                ctx.tx().insert("subscription", row);
                existing = ctx.tx().select("subscription", key);
            }
            return serializeOne(ctx, "subscription", existing.get(0));
        });
    }

    /** {@code DELETE /actions/user/sequences/<id>/task-types/<tt>/unsubscribe}. */
    public void unsubscribeSequence(Caller caller, String sequenceId, String taskTypeId) {
        UUID sid = pathId(sequenceId);
        UUID tid = pathId(taskTypeId);
        write(caller, ctx -> ctx.tx().delete("subscription", sequenceKey(caller, sid, tid)));
    }

    /** {@code GET /data/user/projects/<id>/task-types/<tt>/sequence-subscriptions}: sequence ids. */
    public List<String> sequenceSubscriptions(Caller caller, String projectId, String taskTypeId) {
        UUID pid = pathId(projectId);
        UUID tid = pathId(taskTypeId);
        return read(caller, ctx -> {
            List<String> out = new ArrayList<>();
            for (Object id : ctx.tx().column("subscription", "entity_id", List.of(
                    Filter.eq("person_id", caller.personId()), Filter.eq("task_type_id", tid),
                    Filter.sub("entity_id", "entity", "id", Filter.eq("project_id", pid))))) {
                out.add(id.toString());
            }
            return out;
        });
    }

    private static List<Filter> sequenceKey(Caller caller, UUID sequenceId, UUID taskTypeId) {
        return List.of(Filter.eq("person_id", caller.personId()), Filter.eq("entity_id", sequenceId),
                Filter.eq("task_type_id", taskTypeId));
    }
}
