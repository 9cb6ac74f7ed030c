package org.zou4j.internal.tasks;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
        UUID id = UUID.randomUUID();
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", id);
        row.put("created_at", ctx.now());
        row.put("updated_at", ctx.now());
        row.put("name", "main");
        row.put("duration", 0.0);
        row.put("estimation", 0.0);
        row.put("completion_rate", 0);
        row.put("project_id", entity.get("project_id"));
        row.put("task_type_id", taskTypeId);
        row.put("task_status_id", status.id());
        row.put("entity_id", entity.id());
        row.put("assigner_id", ctx.caller().personId());
        ctx.tx().insert("task", row);
        ctx.events().emit("task:new", TaskSupport.data("task_id", id), (UUID) entity.get("project_id"));
        return ctx.tx().byId("task", id);
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
