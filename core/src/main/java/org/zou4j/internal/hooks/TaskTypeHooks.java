package org.zou4j.internal.hooks;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.zou4j.ErrorCode;
import org.zou4j.ZouException;
import org.zou4j.internal.crud.HookContext;
import org.zou4j.internal.crud.ModelHooks;
import org.zou4j.internal.sql.Filter;
import org.zou4j.internal.sql.Row;

/**
 * Task type (reference §5.4): names are globally unique (the table's constraint is per entity kind and department);
 * a task type used by schedule items or projects is only deleted with {@code ?force=true}, which detaches it.
 */
final class TaskTypeHooks implements ModelHooks {
    static final String NAME_TAKEN = "A task type with similar name already exists";
    private static final String REISSUE = " Re-issue the request with force=true to detach.";

    @Override
    public void beforeCreate(HookContext ctx, Map<String, Object> values, Map<String, Object> body)
            throws SQLException {
        checkName(ctx, null, values.get("name"));
    }

    @Override
    public void beforeUpdate(HookContext ctx, Row current, Map<String, Object> changes, Map<String, Object> body)
            throws SQLException {
        if (changes.containsKey("name")) {
            checkName(ctx, current.id(), changes.get("name"));
        }
    }

    private static void checkName(HookContext ctx, UUID self, Object name) throws SQLException {
        if (name != null) {
            HookSupport.serialize(ctx, HookSupport.TASK_TYPE_NAMES); // of concurrent identical names, one wins
        }
        if (name != null && ctx.tx().exists("task_type",
                HookSupport.where(Filter.eq("name", name), HookSupport.notSelf(self)))) {
            throw ZouException.wrongParameter(NAME_TAKEN);
        }
    }

    @Override
    public void beforeDelete(HookContext ctx, Row row, boolean force) throws SQLException {
        List<Filter> used = List.of(Filter.eq("task_type_id", row.id()));
        boolean scheduled = ctx.tx().exists("schedule_item", used);
        boolean inProjects = ctx.tx().exists("project_task_type_link", used);
        if (!force) {
            if (scheduled || inProjects) {
                String where = scheduled && inProjects ? "schedule items and projects"
                        : scheduled ? "schedule items" : "projects";
                throw new ZouException(ErrorCode.REFERENCED, "Task type is attached to " + where + "." + REISSUE);
            }
            return;
        }
        ctx.tx().delete("schedule_item", used);
        ctx.tx().delete("project_task_type_link", used);
        ctx.tx().delete("project_template_task_type_link", used);
        ctx.tx().delete("task_type_asset_type_link", used);
    }
}
