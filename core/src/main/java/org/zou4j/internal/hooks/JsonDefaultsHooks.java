package org.zou4j.internal.hooks;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.zou4j.internal.crud.HookContext;
import org.zou4j.internal.crud.ModelHooks;
import org.zou4j.internal.sql.Filter;

/**
 * Zou's Python-side defaults of JSON columns, which the migration cannot declare: applied on create when the key is
 * absent (an explicit {@code null} stays NULL, as in Zou).
 */
final class JsonDefaultsHooks {
    private JsonDefaultsHooks() {
    }

    /** {@code roles_for_board} of project (template) task status links. */
    static final List<String> BOARD_ROLES = List.of("user", "admin", "supervisor", "manager", "vendor");

    static void putDefault(HookContext ctx, Map<String, Object> values, Map<String, Object> body, String column,
                           Object value) {
        if (!body.containsKey(column)) {
            values.put(column, HookSupport.toJson(ctx, value));
        }
    }

    /**
     * Gives link rows created through an owner's collection (e.g. {@code project.task_statuses}) the default board
     * roles: those rows are written without a body, so their roles are still NULL.
     */
    static void fillBoardRoles(HookContext ctx, String linkTable, String ownerColumn, UUID ownerId)
            throws SQLException {
        ctx.tx().update(linkTable, Map.of("roles_for_board", HookSupport.toJson(ctx, BOARD_ROLES)),
                List.of(Filter.eq(ownerColumn, ownerId), new Filter.IsNull("roles_for_board")));
    }

    /** Project (template) task status links: {@code roles_for_board}. */
    static final class BoardRoles implements ModelHooks {
        @Override
        public void beforeCreate(HookContext ctx, Map<String, Object> values, Map<String, Object> body) {
            putDefault(ctx, values, body, "roles_for_board", BOARD_ROLES);
        }
    }
}
