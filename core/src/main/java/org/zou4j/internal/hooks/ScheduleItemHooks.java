package org.zou4j.internal.hooks;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.zou4j.ZouException;
import org.zou4j.internal.crud.HookContext;
import org.zou4j.internal.crud.ModelHooks;
import org.zou4j.internal.sql.Row;

/**
 * Schedule item (reference §5.4): one item per (project, task type, object), NULL matching NULL, checked on POST;
 * a PUT ignores a {@code man_days} sent as a string.
 */
final class ScheduleItemHooks implements ModelHooks {
    static final String EXISTS = "A similar schedule item already exists";

    @Override
    public void normalizeBody(HookContext ctx, Row current, Map<String, Object> body) {
        if (current != null && body.get("man_days") instanceof String) {
            body.remove("man_days");
        }
    }

    @Override
    public void beforeCreate(HookContext ctx, Map<String, Object> values, Map<String, Object> body)
            throws SQLException {
        if (ctx.tx().exists("schedule_item", List.of(HookSupport.eqOrNull("project_id", values.get("project_id")),
                HookSupport.eqOrNull("task_type_id", values.get("task_type_id")),
                HookSupport.eqOrNull("object_id", values.get("object_id"))))) {
            throw ZouException.wrongParameter(EXISTS);
        }
    }
}
