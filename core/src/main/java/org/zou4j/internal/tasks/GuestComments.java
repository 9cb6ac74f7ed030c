package org.zou4j.internal.tasks;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.zou4j.internal.crud.HookContext;
import org.zou4j.internal.sql.Row;
import org.zou4j.tasks.Upload;

/**
 * The comment service's steps that the shared-playlist guest access runs on a guest's behalf (the guest checks are
 * the caller's): Zou's {@code create_comment}, {@code reset_task_data} and attachment storage, in the caller's
 * transaction.
 */
public final class GuestComments {
    private final CommentService comments;
    private final TaskService tasks;

    public GuestComments(CommentService comments, TaskService tasks) {
        this.comments = comments;
        this.tasks = tasks;
    }

    /** {@code deletion_service.remove_comment}: the comment and what hangs off it; {@code comment:delete}. */
    public void removeComment(HookContext ctx, Row comment, UUID projectId) throws SQLException {
        tasks.removeComment(ctx, comment, projectId);
    }

    /** {@code create_comment} by {@code authorId} on the locked {@code task}. */
    public Map<String, Object> create(HookContext ctx, UUID authorId, Row task, Row status, String text,
                                      List<Map<String, Object>> checklist) throws SQLException {
        return comments.createComment(ctx, authorId, task, status, text, checklist, List.of(), false, null,
                List.of(), true, 0);
    }

    /** {@code reset_task_data}: the task's status and dates from its comment history. */
    public Row resetTaskData(HookContext ctx, Row task) throws SQLException {
        return comments.resetTaskData(ctx, task);
    }

    /** Stores an uploaded file as an attachment of a comment. */
    public Row storeAttachment(HookContext ctx, Upload upload, UUID commentId) throws SQLException {
        return comments.storeAttachment(ctx, upload, commentId, null, null);
    }

    /** Forgets an attachment's bytes. */
    public void deleteAttachmentBytes(UUID attachmentId) {
        comments.files().delete(attachmentId);
    }

    /** An attachment's bytes, when stored. */
    public java.util.Optional<java.io.InputStream> openAttachment(UUID attachmentId) {
        return comments.files().open(attachmentId);
    }
}
