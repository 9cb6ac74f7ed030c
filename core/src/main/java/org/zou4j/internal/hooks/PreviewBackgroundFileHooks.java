package org.zou4j.internal.hooks;

import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;
import org.zou4j.ZouException;
import org.zou4j.internal.crud.HookContext;
import org.zou4j.internal.crud.ModelHooks;
import org.zou4j.internal.sql.Filter;
import org.zou4j.internal.sql.Row;

/** Preview background file (reference §5.4): unique names; a single default. */
final class PreviewBackgroundFileHooks implements ModelHooks {
    static final String NAME_TAKEN = "A preview background file with similar name already exists";

    @Override
    public void beforeCreate(HookContext ctx, Map<String, Object> values, Map<String, Object> body)
            throws SQLException {
        checkName(ctx, null, values.get("name"));
        if (Boolean.TRUE.equals(values.get("is_default"))) {
            clearDefault(ctx, null);
        }
    }

    @Override
    public void beforeUpdate(HookContext ctx, Row current, Map<String, Object> changes, Map<String, Object> body)
            throws SQLException {
        if (changes.containsKey("name")) {
            checkName(ctx, current.id(), changes.get("name"));
        }
        if (Boolean.TRUE.equals(changes.get("is_default"))) {
            clearDefault(ctx, current.id());
        }
    }

    private static void checkName(HookContext ctx, UUID self, Object name) throws SQLException {
        if (name != null) {
            HookSupport.serialize(ctx, HookSupport.PREVIEW_BACKGROUND_NAMES); // of concurrent identical names, one wins
        }
        if (name != null && ctx.tx().exists("preview_background_file",
                HookSupport.where(Filter.eq("name", name), HookSupport.notSelf(self)))) {
            throw ZouException.wrongParameter(NAME_TAKEN);
        }
    }

    private static void clearDefault(HookContext ctx, UUID self) throws SQLException {
        ctx.tx().update("preview_background_file", Map.of("is_default", false, "updated_at", ctx.now()),
                HookSupport.where(Filter.eq("is_default", true), HookSupport.notSelf(self)));
    }
}
