package org.zou4j.internal.hooks;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.zou4j.internal.crud.HookContext;
import org.zou4j.internal.sql.Filter;

/** Lookups of well-known entity types (Episode, Shot...), created on demand as Zou does. */
final class EntityTypes {
    private EntityTypes() {
    }

    /** The id of the entity type named {@code name}, created when missing (no event, as Zou's get-or-create). */
    static UUID getOrCreate(HookContext ctx, String name) throws SQLException {
        List<Object> ids = ctx.tx().column("entity_type", "id", List.of(Filter.eq("name", name)));
        if (!ids.isEmpty()) {
            return (UUID) ids.get(0);
        }
        UUID id = UUID.randomUUID();
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", id);
        row.put("created_at", ctx.now());
        row.put("updated_at", ctx.now());
        row.put("name", name);
        ctx.tx().insert("entity_type", row);
        return id;
    }
}
