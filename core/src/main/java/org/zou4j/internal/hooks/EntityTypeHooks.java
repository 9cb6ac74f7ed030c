package org.zou4j.internal.hooks;

import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;
import org.zou4j.ZouException;
import org.zou4j.internal.crud.HookContext;
import org.zou4j.internal.crud.ModelHooks;
import org.zou4j.internal.sql.Filter;
import org.zou4j.internal.sql.Row;

/**
 * Entity type (reference §5.4): names are unique case-insensitively; the PUT answer includes {@code task_types}.
 * Events are {@code asset-type:*} (declared on the model).
 */
final class EntityTypeHooks implements ModelHooks {
    static final String NAME_TAKEN = "Entity type with this name already exists";

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
        if (name instanceof String s && ctx.tx().exists("entity_type",
                HookSupport.where(new Filter.EqIgnoreCase("name", s), HookSupport.notSelf(self)))) {
            throw ZouException.wrongParameter(NAME_TAKEN);
        }
    }

    @Override
    public void decorate(HookContext ctx, Row row, Map<String, Object> json, View view) throws SQLException {
        if (view == View.UPDATE) {
            json.put("task_types", HookSupport.linkedIds(ctx, "task_type_asset_type_link", "asset_type_id",
                    "task_type_id", row.id()));
        }
    }
}
