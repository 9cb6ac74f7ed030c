package org.zou4j.internal.tasks;

import java.io.InputStream;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.zou4j.ZouException;
import org.zou4j.assets.JsonStream;
import org.zou4j.internal.access.Caller;
import org.zou4j.internal.access.TaskChecks;
import org.zou4j.internal.crud.HookContext;
import org.zou4j.internal.crud.Values;
import org.zou4j.internal.sql.Filter;
import org.zou4j.internal.sql.Row;
import org.zou4j.internal.sql.Tx;
import org.zou4j.tasks.AttachmentDownload;
import org.zou4j.tasks.Upload;

/**
 * Zou's {@code comments} blueprint beyond posting: attachments (add, list, download, delete), moving a comment to a
 * sibling task, and commenting many tasks at once.
 */
public final class CommentActions {
    /** Zou's {@code INLINE_SAFE_MIMETYPES}: raster images served inline, everything else as a download. */
    private static final Set<String> INLINE_SAFE = Set.of("image/jpeg", "image/png", "image/gif", "image/webp",
            "image/bmp", "image/avif");

    private final CommentService comments;
    private final TaskSupport s;

    public CommentActions(CommentService comments) {
        this.comments = comments;
        this.s = comments.support();
    }

    /** {@code check_manager_project_access}: admin, or manager in the project's team. */
    static void requireManager(HookContext ctx, UUID projectId) throws SQLException {
        if (!isManager(ctx, projectId)) {
            throw ZouException.forbidden();
        }
    }

    static boolean isManager(HookContext ctx, UUID projectId) throws SQLException {
        var a = ctx.access();
        return a.isAdmin() || a.inTeam(projectId) && "manager".equals(a.projectRole(projectId));
    }

    private static Row commentOn(HookContext ctx, UUID taskId, UUID commentId) throws SQLException {
        Row comment = TaskSupport.require(ctx, "comment", commentId);
        if (!taskId.equals(comment.get("object_id"))) {
            throw ZouException.forbidden();
        }
        return comment;
    }

    // ---- attachments -----------------------------------------------------------------------------------------------

    /**
     * {@code POST /actions/tasks/<task_id>/comments/<comment_id>/add-attachment}: the comment's author, or a manager
     * of the project; answers the attachment files created (201).
     */
    public List<Map<String, Object>> addAttachments(Caller caller, String taskIdText, String commentIdText,
                                                    List<Upload> uploads) {
        UUID taskId = TaskSupport.pathId(taskIdText);
        UUID commentId = TaskSupport.pathId(commentIdText);
        return s.write(caller, ctx -> {
            Row comment = commentOn(ctx, taskId, commentId);
            if (!Objects.equals(comment.get("person_id"), caller.personId())) {
                Row task = TaskSupport.require(ctx, "task", taskId);
                requireManager(ctx, (UUID) task.get("project_id"));
            }
            List<Row> stored = new ArrayList<>();
            for (Upload u : uploads) {
                stored.add(comments.storeAttachment(ctx, u, commentId, null, null));
            }
            ctx.tx().updateById("comment", commentId, Map.of("updated_at", ctx.now()));
            return s.many(ctx, "attachment_file", stored, false);
        });
    }

    /**
     * {@code DELETE /data/tasks/<task_id>/comments/<comment_id>/attachments/<attachment_file_id>}: the attachment
     * must belong to the comment, the comment to the task; the author or a project manager. No event (as Zou).
     */
    public void deleteAttachment(Caller caller, String taskIdText, String commentIdText, String attachmentIdText) {
        UUID taskId = TaskSupport.pathId(taskIdText);
        UUID commentId = TaskSupport.pathId(commentIdText);
        UUID attachmentId = TaskSupport.pathId(attachmentIdText);
        s.write(caller, ctx -> {
            Row comment = commentOn(ctx, taskId, commentId);
            Row attachment = TaskSupport.require(ctx, "attachment_file", attachmentId);
            if (!commentId.equals(attachment.get("comment_id"))) {
                throw ZouException.forbidden();
            }
            if (!Objects.equals(comment.get("person_id"), caller.personId())) {
                Row task = TaskSupport.require(ctx, "task", taskId);
                requireManager(ctx, (UUID) task.get("project_id"));
            }
            ctx.tx().delete("attachment_file", List.of(Filter.eq("id", attachmentId)));
            ctx.tx().afterCommit(() -> comments.files().delete(attachmentId));
            return null;
        });
    }

    /**
     * {@code GET /data/attachment-files/<id>/file/<file_name>}: a comment's attachment for whoever may read its task,
     * a chat message's for whoever may read the chat's entity; 404 when the bytes are missing.
     */
    public AttachmentDownload download(Caller caller, String attachmentIdText) {
        UUID attachmentId = TaskSupport.pathId(attachmentIdText);
        Row attachment = s.read(caller, ctx -> {
            Row a = TaskSupport.require(ctx, "attachment_file", attachmentId);
            if (a.get("comment_id") != null) {
                Row comment = TaskSupport.require(ctx, "comment", (UUID) a.get("comment_id"));
                s.checkTaskRead(ctx, TaskSupport.require(ctx, "task", (UUID) comment.get("object_id")));
            } else if (a.get("chat_message_id") != null) {
                Row message = TaskSupport.require(ctx, "chat_message", (UUID) a.get("chat_message_id"));
                Row chat = TaskSupport.require(ctx, "chat", (UUID) message.get("chat_id"));
                ctx.requireReadable("entity", (UUID) chat.get("object_id"));
            } else {
                throw ZouException.forbidden();
            }
            return a;
        });
        InputStream in = comments.files().open(attachmentId).orElseThrow(() ->
                ZouException.notFound("Attachment file " + attachmentId + " was not found."));
        String mime = attachment.get("mimetype") == null ? "application/octet-stream"
                : attachment.get("mimetype").toString();
        boolean inline = INLINE_SAFE.contains(mime.split(";")[0].trim().toLowerCase(Locale.ROOT));
        Object size = attachment.get("size");
        return new AttachmentDownload(String.valueOf(attachment.get("name")), mime, inline,
                size == null ? -1 : ((Number) size).longValue(), in);
    }

    /** {@code GET /data/projects/<project_id>/attachment-files}: admins only, streamed. */
    public JsonStream projectAttachmentFiles(Caller caller, String projectIdText) {
        UUID projectId = TaskSupport.pathId(projectIdText);
        return s.stream(caller, ctx -> {
            requireAdmin(ctx);
            TaskSupport.require(ctx, "project", projectId);
            return new TaskSupport.ListPlan("attachment_file", List.of(Filter.sub("comment_id", "comment", "id",
                    Filter.sub("object_id", "task", "id", Filter.eq("project_id", projectId)))),
                    List.of(Tx.Order.asc("created_at"), Tx.Order.asc("id")), 0, 0, false);
        });
    }

    /** {@code GET /data/tasks/<task_id>/attachment-files}: admins only. */
    public List<Map<String, Object>> taskAttachmentFiles(Caller caller, String taskIdText) {
        UUID taskId = TaskSupport.pathId(taskIdText);
        return s.read(caller, ctx -> {
            requireAdmin(ctx);
            List<Row> rows = ctx.tx().select("attachment_file", List.of(Filter.sub("comment_id", "comment", "id",
                    Filter.eq("object_id", taskId))), List.of(Tx.Order.asc("created_at"), Tx.Order.asc("id")), 0, 0);
            return s.many(ctx, "attachment_file", rows, false);
        });
    }

    static void requireAdmin(HookContext ctx) {
        if (!ctx.caller().isAdmin()) {
            throw ZouException.forbidden();
        }
    }

    // ---- move ------------------------------------------------------------------------------------------------------

    /**
     * {@code POST /actions/tasks/<task_id>/comments/<comment_id>/move} ({@code comments_service.move_comment_to_task}):
     * studio managers and admins; the comment goes to a sibling task of the same entity, both tasks' data are
     * recomputed, its notifications and news are remade on the target ({@code comment:delete} then
     * {@code comment:new}). Comments carrying a preview revision stay.
     */
    public Map<String, Object> move(Caller caller, String taskIdText, String commentIdText, String targetText) {
        if (!caller.isAdmin() && !"manager".equals(caller.role())) {
            throw ZouException.forbidden();
        }
        UUID taskId = TaskSupport.pathId(taskIdText);
        UUID commentId = TaskSupport.pathId(commentIdText);
        UUID targetId = targetText == null ? null : Values.tryParseId(targetText);
        if (targetId == null) {
            throw ZouException.wrongParameter("target_task_id is required and must be a valid UUID.");
        }
        return s.write(caller, ctx -> {
            Row source = ctx.tx().lockById("task", taskId);
            if (source == null) {
                throw ZouException.notFound();
            }
            s.checkTaskRead(ctx, source);
            Row target = ctx.tx().lockById("task", targetId);
            if (target == null) {
                throw ZouException.notFound("Task " + targetId + " not found.");
            }
            s.checkTaskRead(ctx, target);
            Row comment = TaskSupport.require(ctx, "comment", commentId);
            if (!taskId.equals(comment.get("object_id"))) {
                throw ZouException.wrongParameter("Comment does not belong to the given task.");
            }
            if (taskId.equals(targetId)) {
                throw ZouException.wrongParameter("Source and target tasks must be different.");
            }
            if (!Objects.equals(source.get("entity_id"), target.get("entity_id"))) {
                throw ZouException.wrongParameter("A comment can only be moved between tasks of the same entity.");
            }
            if (comment.get("preview_file_id") != null
                    || ctx.tx().exists("comment_preview_link", List.of(Filter.eq("comment", commentId)))) {
                throw ZouException.wrongParameter("A comment attached to a preview revision cannot be moved.");
            }
            ctx.tx().delete("notification", List.of(Filter.eq("comment_id", commentId)));
            ctx.tx().delete("news", List.of(Filter.eq("comment_id", commentId)));
            ctx.tx().updateById("comment", commentId, Map.of("object_id", targetId, "updated_at", ctx.now()));
            comments.resetTaskData(ctx, source);
            Row updatedTarget = comments.resetTaskData(ctx, target);
            ctx.events().emit("comment:delete", TaskSupport.data("comment_id", commentId),
                    (UUID) source.get("project_id"));
            UUID targetProject = (UUID) target.get("project_id");
            ctx.events().emit("comment:new", TaskSupport.data("comment_id", commentId, "task_id", targetId,
                    "task_status_id", comment.get("task_status_id")), targetProject);
            UUID author = (UUID) comment.get("person_id");
            List<UUID> persons = CommentService.ids(ctx.tx().column("comment_mentions", "person",
                    List.of(Filter.eq("comment", commentId))));
            List<UUID> departments = CommentService.ids(ctx.tx().column("comment_department_mentions", "department",
                    List.of(Filter.eq("comment", commentId))));
            Notifications.forComment(ctx, updatedTarget, commentId, author, false,
                    Notifications.mentioned(ctx, targetProject, persons, departments));
            Row entity = ctx.tx().byId("entity", (UUID) target.get("entity_id"));
            Row entityType = entity == null ? null : ctx.tx().byId("entity_type", (UUID) entity.get("entity_type_id"));
            if (entityType == null || !"Concept".equals(entityType.get("name"))) {
                CommentService.insertNews(ctx, target, commentId, author, false,
                        (LocalDateTime) comment.get("created_at"), (UUID) comment.get("task_status_id"));
            }
            return s.one(ctx, "comment", ctx.tx().byId("comment", commentId), true);
        });
    }

    // ---- comment many ----------------------------------------------------------------------------------------------

    /**
     * {@code POST /actions/projects/<project_id>/tasks/comment-many}: a list of {@code {object_id, task_status_id,
     * comment}}; managers comment any task of the project, others only the tasks they supervise or are assigned to
     * (the others are skipped, as are entries missing a key or naming a task of another project). One transaction;
     * answers the comments created (201).
     */
    public List<Map<String, Object>> commentMany(Caller caller, String projectIdText, Object body) {
        UUID projectId = TaskSupport.pathId(projectIdText);
        if (!(body instanceof List<?> entries)) {
            throw ZouException.wrongParameter("Request body must be a JSON array.");
        }
        return s.write(caller, ctx -> {
            TaskSupport.require(ctx, "project", projectId);
            boolean manager = isManager(ctx, projectId);
            UUID author = caller.personId();
            if (author == null) {
                throw ZouException.forbidden();
            }
            List<Map<String, Object>> result = new ArrayList<>();
            for (Object o : entries) {
                if (!(o instanceof Map<?, ?> entry) || !entry.containsKey("task_status_id")
                        || !entry.containsKey("object_id") || !entry.containsKey("comment")) {
                    continue;
                }
                UUID taskId = TaskSupport.asId(entry.get("object_id"));
                Row task = taskId == null ? null : ctx.tx().lockById("task", taskId);
                if (task == null || !projectId.equals(task.get("project_id"))) {
                    continue;
                }
                if (!manager && !TaskChecks.supervises(ctx.access(), projectId, (UUID) task.get("task_type_id"))
                        && !ctx.access().assignedTo(taskId)) {
                    continue;
                }
                UUID statusId = TaskSupport.asId(entry.get("task_status_id"));
                Row status = statusId == null ? null : ctx.tx().byId("task_status", statusId);
                if (status == null) {
                    throw ZouException.wrongParameter("Task status " + entry.get("task_status_id") + " not found.");
                }
                if (!TaskChecks.statusAllowed(ctx.access(), projectId, statusId)) {
                    throw ZouException.forbidden();
                }
                List<String> links = new ArrayList<>();
                if (entry.get("links") instanceof List<?> l) {
                    for (Object x : l) {
                        links.add(String.valueOf(x));
                    }
                }
                Object text = entry.get("comment");
                result.add(comments.createComment(ctx, author, task, status, text == null ? "" : text.toString(),
                        List.of(), links, false, null, List.of(), true, 0));
            }
            return result;
        });
    }
}
