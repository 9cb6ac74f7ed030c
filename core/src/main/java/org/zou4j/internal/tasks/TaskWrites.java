package org.zou4j.internal.tasks;

import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import org.zou4j.internal.crud.HookContext;
import org.zou4j.internal.sql.Filter;
import org.zou4j.internal.sql.Row;

/**
 * Task writes for other areas' services (imports) inside the caller's transaction: task creation at the default
 * status, assignation and status-changing comments run the same code, events and notifications as the task routes.
 * Permission checks stay with the calling service.
 */
public final class TaskWrites {
    private final CommentService comments;
    private final TaskService tasks;

    public TaskWrites(CommentService comments, TaskService tasks) {
        this.comments = comments;
        this.tasks = tasks;
    }

    /** The default task status (Zou's {@code get_default_status}), created when missing. */
    public Row defaultStatus(HookContext ctx) throws SQLException {
        return TaskActions.defaultStatus(ctx, false);
    }

    /**
     * Zou's {@code create_task}: the {@code main} task of {@code taskTypeId} on {@code entity} at the default status
     * ({@code task:new}); answers the existing task when there is one.
     */
    public Row createTask(HookContext ctx, Row entity, UUID taskTypeId) throws SQLException {
        List<Row> existing = ctx.tx().select("task", List.of(Filter.eq("entity_id", entity.id()),
                Filter.eq("task_type_id", taskTypeId)));
        if (!existing.isEmpty()) {
            return existing.get(0);
        }
        Row status = defaultStatus(ctx);
        return TaskActions.insertMainTask(ctx, entity, taskTypeId, status.id(), ctx.caller().personId());
    }

    /** Assigns {@code personId} to the task (events, notification) and adds the person to the project's team. */
    public void assign(HookContext ctx, Row task, UUID personId) throws SQLException {
        Row person = ctx.tx().byId("person", personId);
        if (person == null) {
            return;
        }
        tasks.assignOne(ctx, task, person);
        TaskService.addTeamMember(ctx, (UUID) task.get("project_id"), personId);
    }

    /** Zou's {@code create_comment} on the task (status change, news, notifications, automations). */
    public void comment(HookContext ctx, UUID authorId, Row task, Row status, String text) throws SQLException {
        Row locked = ctx.tx().lockById("task", task.id());
        comments.createComment(ctx, authorId, locked, status, text, List.of(), List.of(), false, null, List.of(),
                true, 0);
    }
}
