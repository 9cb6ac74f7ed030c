package org.zou4j.internal.hooks;

import java.sql.SQLException;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.zou4j.ZouException;
import org.zou4j.internal.crud.HookContext;
import org.zou4j.internal.crud.ModelHooks;
import org.zou4j.internal.sql.Row;

/** Production schedule version task link (reference §5.4): the task and the version share a project. */
final class ScheduleVersionTaskLinkHooks implements ModelHooks {
    static final String OTHER_PROJECT = "The task and the production schedule version must be in the same project.";

    @Override
    public void beforeCreate(HookContext ctx, Map<String, Object> values, Map<String, Object> body)
            throws SQLException {
        Object versionId = values.get("production_schedule_version_id");
        Object taskId = values.get("task_id");
        if (versionId == null || taskId == null) {
            return; // the required-field check answers
        }
        Row version = ctx.tx().byId("production_schedule_version", (UUID) versionId);
        Row task = ctx.tx().byId("task", (UUID) taskId);
        if (version != null && task != null && !Objects.equals(version.get("project_id"), task.get("project_id"))) {
            throw ZouException.wrongParameter(OTHER_PROJECT);
        }
    }
}
