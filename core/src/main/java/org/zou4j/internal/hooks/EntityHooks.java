package org.zou4j.internal.hooks;

import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.zou4j.internal.crud.HookContext;
import org.zou4j.internal.crud.ModelHooks;
import org.zou4j.internal.sql.Row;

/**
 * Entity: rows are assets, shots, sequences, episodes, scenes, edits or concepts depending on their entity type;
 * listing and single GET answer that kind as {@code type} (the POST answer keeps {@code Entity}), and events are named
 * by kind ({@code shot:new}). Reference §3.5, §7.3.
 */
final class EntityHooks implements ModelHooks {
    static final Set<String> TEMPORAL_TYPES = Set.of("Shot", "Sequence", "Episode", "Edit", "Scene", "Concept");

    @Override
    public String typeName(HookContext ctx, Row row, View view) throws SQLException {
        // the POST answer keeps the model's own type name
        return view == View.CREATE ? "Entity" : kind(ctx, (UUID) row.get("entity_type_id"));
    }

    @Override
    public String eventPrefix(HookContext ctx, Row row) throws SQLException {
        return kind(ctx, (UUID) row.get("entity_type_id")).toLowerCase(Locale.ROOT);
    }

    /** The base kind of an entity type: its name when temporal, else Asset. */
    static String kind(HookContext ctx, UUID entityTypeId) throws SQLException {
        Map<UUID, String> names = ctx.cached("entity_type_names", HashMap::new);
        String name = names.get(entityTypeId);
        if (name == null && entityTypeId != null) {
            Row t = ctx.tx().byId("entity_type", entityTypeId);
            name = t == null ? "" : (String) t.get("name");
            names.put(entityTypeId, name);
        }
        return name != null && TEMPORAL_TYPES.contains(name) ? name : "Asset";
    }

    static List<String> temporalTypes() {
        return List.copyOf(TEMPORAL_TYPES);
    }
}
