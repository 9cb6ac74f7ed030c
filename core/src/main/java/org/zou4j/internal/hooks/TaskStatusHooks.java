package org.zou4j.internal.hooks;

import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;
import org.zou4j.internal.crud.HookContext;
import org.zou4j.internal.crud.ModelHooks;
import org.zou4j.internal.sql.Filter;
import org.zou4j.internal.sql.Row;

/** Task status (reference §5.4): a single default status; setting {@code is_default} clears the previous one. */
final class TaskStatusHooks implements ModelHooks {

    @Override
    public void beforeCreate(HookContext ctx, Map<String, Object> values, Map<String, Object> body)
            throws SQLException {
        if (Boolean.TRUE.equals(values.get("is_default"))) {
            clearDefault(ctx, null);
        }
    }

    @Override
    public void beforeUpdate(HookContext ctx, Row current, Map<String, Object> changes, Map<String, Object> body)
            throws SQLException {
        if (Boolean.TRUE.equals(changes.get("is_default"))) {
            clearDefault(ctx, current.id());
        }
    }

    static void clearDefault(HookContext ctx, UUID self) throws SQLException {
        ctx.tx().update("task_status", Map.of("is_default", false, "updated_at", ctx.now()),
                HookSupport.where(Filter.eq("is_default", true), HookSupport.notSelf(self)));
    }
}
