package org.zou4j.internal.access;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.zou4j.internal.sql.Filter;

/**
 * Zou's task checks used by the task and comment services ({@code permissions_service}), over the same rules the
 * generic routes use.
 */
public final class TaskChecks {
    private TaskChecks() {
    }

    private static final Ref TASK = Ref.column("task_id");
    private static final Rule ACTION = Rules.taskAction(TASK);

    private static Target task(UUID taskId) {
        return Target.of(Map.of("task_id", taskId));
    }

    /** {@code check_task_action_access}: admin, manager/client in the team, assignee, covering supervisor... */
    public static boolean taskAction(AccessContext ctx, UUID taskId) throws SQLException {
        return ACTION.allows(ctx, task(taskId));
    }

    /**
     * {@code check_task_mention_access}: a team member (not a vendor there) mentioned in one of the task's comments
     * may answer in it.
     */
    public static boolean mentionedOnTask(AccessContext ctx, UUID taskId, UUID projectId) throws SQLException {
        if (ctx.me() == null || !ctx.inTeam(projectId) || "vendor".equals(ctx.projectRole(projectId))) {
            return false;
        }
        return ctx.tx().exists("comment", List.of(Filter.eq("object_id", taskId),
                Filter.sub("id", "comment_mentions", "comment", Filter.eq("person", ctx.me()))));
    }

    /** {@code check_task_status_access}: artists need {@code is_artist_allowed}, clients {@code is_client_allowed}. */
    public static boolean statusAllowed(AccessContext ctx, UUID projectId, UUID statusId) throws SQLException {
        return CommentAccess.statusAllowedForRole(ctx, ctx.caller().isAdmin() ? "admin" : ctx.projectRole(projectId),
                statusId);
    }

    /** {@code check_supervisor_task_access}-like: manager there, or a supervisor covering the task type. */
    public static boolean supervises(AccessContext ctx, UUID projectId, UUID taskTypeId) throws SQLException {
        if (ctx.isAdmin()) {
            return true;
        }
        if (!ctx.inTeam(projectId)) {
            return false;
        }
        String role = ctx.projectRole(projectId);
        return "manager".equals(role)
                || "supervisor".equals(role) && ctx.coversDepartment(ctx.taskTypeDepartment(taskTypeId));
    }
}
