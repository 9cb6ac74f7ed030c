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
 * Project template (reference §5.4, Zou's template service): a non-empty unique name, {@code metadata_descriptors}
 * defaulting to an empty list, and board roles for its task status links.
 */
final class ProjectTemplateHooks implements ModelHooks {
    static final String NAME_REQUIRED = "name is required";
    static final String NAME_TAKEN = "A project template with this name already exists";

    @Override
    public void normalizeBody(HookContext ctx, Row current, Map<String, Object> body) {
        if ("".equals(body.get("name"))) {
            throw ZouException.plain(ErrorCode.MISSING_FIELD, NAME_REQUIRED);
        }
    }

    @Override
    public void beforeCreate(HookContext ctx, Map<String, Object> values, Map<String, Object> body)
            throws SQLException {
        JsonDefaultsHooks.putDefault(ctx, values, body, "metadata_descriptors", List.of());
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
        if (name != null && ctx.tx().exists("project_template",
                HookSupport.where(Filter.eq("name", name), HookSupport.notSelf(self)))) {
            throw ZouException.plain(ErrorCode.DUPLICATE, NAME_TAKEN);
        }
    }

    @Override
    public void afterCreate(HookContext ctx, Row created, Map<String, Object> body) throws SQLException {
        JsonDefaultsHooks.fillBoardRoles(ctx, "project_template_task_status_link", "project_template_id",
                created.id());
    }

    @Override
    public void afterUpdate(HookContext ctx, Row before, Row after) throws SQLException {
        JsonDefaultsHooks.fillBoardRoles(ctx, "project_template_task_status_link", "project_template_id", after.id());
    }
}
