package org.zou4j.internal.hooks;

import java.sql.SQLException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.zou4j.ErrorCode;
import org.zou4j.ZouException;
import org.zou4j.internal.crud.HookContext;
import org.zou4j.internal.crud.ModelHooks;
import org.zou4j.internal.sql.Filter;
import org.zou4j.internal.sql.Row;

/**
 * Entity: rows are assets, shots, sequences, episodes, scenes, edits or concepts depending on their entity type;
 * listing and single GET answer that kind as {@code type} (the POST answer keeps {@code Entity}), and events are named
 * by kind ({@code shot:new}). Reference §3.5, §5.4, §7.3: {@code created_by} is the caller, PUT merges {@code data},
 * {@code source_id: "null"} clears the source, names are unique per (project, type, parent), the PUT answer has the
 * relations, and a delete first removes the entity's links.
 */
final class EntityHooks implements ModelHooks {
    static final Set<String> TEMPORAL_TYPES = org.zou4j.internal.model.Choices.TEMPORAL_ENTITY_TYPES;

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
        String name = typeName(ctx, entityTypeId);
        return name != null && TEMPORAL_TYPES.contains(name) ? name : "Asset";
    }

    /** The name of an entity type (cached for the operation), or null. */
    static String typeName(HookContext ctx, UUID entityTypeId) throws SQLException {
        Map<UUID, String> names = ctx.cached("entity_type_names", HashMap::new);
        String name = names.get(entityTypeId);
        if (name == null && entityTypeId != null) {
            Row t = ctx.tx().byId("entity_type", entityTypeId);
            name = t == null ? "" : (String) t.get("name");
            names.put(entityTypeId, name);
        }
        return name;
    }

    static List<String> temporalTypes() {
        return List.copyOf(TEMPORAL_TYPES);
    }

    // ---- create / update --------------------------------------------------------------------------------------------

    @Override
    public void normalizeBody(HookContext ctx, Row current, Map<String, Object> body) {
        if ("null".equals(body.get("source_id"))) {
            body.put("source_id", null);
        }
    }

    @Override
    public void beforeCreate(HookContext ctx, Map<String, Object> values, Map<String, Object> body)
            throws SQLException {
        if (ctx.caller().personId() != null) {
            values.put("created_by", ctx.caller().personId());
        }
        checkUnique(ctx, null, values);
    }

    @Override
    public void beforeUpdate(HookContext ctx, Row current, Map<String, Object> changes, Map<String, Object> body)
            throws SQLException {
        if (body.containsKey("data")) {
            Object incoming = body.get("data");
            if (incoming == null) {
                changes.remove("data"); // a null data changes nothing
            } else if (incoming instanceof Map<?, ?> map) {
                changes.put("data", HookSupport.toJson(ctx, mergeData(ctx, current.get("data"), map)));
            }
        }
        if (changes.containsKey("name") || changes.containsKey("entity_type_id") || changes.containsKey("parent_id")) {
            Map<String, Object> after = new HashMap<>();
            for (String c : List.of("name", "project_id", "entity_type_id", "parent_id")) {
                after.put(c, HookSupport.merged(current, changes, c));
            }
            checkUnique(ctx, current.id(), after);
        }
    }

    /** Shallow merge: incoming keys replace stored ones, no key is ever removed. */
    static Map<String, Object> mergeData(HookContext ctx, Object stored, Map<?, ?> incoming) {
        Map<String, Object> merged = new LinkedHashMap<>();
        if (HookSupport.json(ctx, stored) instanceof Map<?, ?> old) {
            old.forEach((k, v) -> merged.put(String.valueOf(k), v));
        }
        incoming.forEach((k, v) -> merged.put(String.valueOf(k), v));
        return merged;
    }

    /** Zou's uniqueness of (name, project_id, entity_type_id, parent_id), a NULL parent matching NULL. */
    private static void checkUnique(HookContext ctx, UUID self, Map<String, Object> v) throws SQLException {
        Object name = v.get("name");
        Object project = v.get("project_id");
        Object type = v.get("entity_type_id");
        Object parent = v.get("parent_id");
        if (name == null || project == null || type == null) {
            return; // the required-field check answers
        }
        if (ctx.tx().exists("entity", HookSupport.where(Filter.eq("name", name), Filter.eq("project_id", project),
                Filter.eq("entity_type_id", type), HookSupport.eqOrNull("parent_id", parent),
                HookSupport.notSelf(self)))) {
            throw new ZouException(ErrorCode.DUPLICATE, "An entity with name '" + ZouException.echo(name) + "', project_id '" + project
                    + "', entity_type_id '" + type + "', and parent_id '" + (parent == null ? "None" : parent)
                    + "' already exists. The combination of these fields must be unique.");
        }
    }

    @Override
    public void decorate(HookContext ctx, Row row, Map<String, Object> json, View view) throws SQLException {
        if (view == View.UPDATE) {
            HookSupport.putRelations(ctx, ctx.models().table("entity"), row, json); // Zou's custom PUT answer
        }
    }

    // ---- delete -----------------------------------------------------------------------------------------------------

    @Override
    public void beforeDelete(HookContext ctx, Row row, boolean force) throws SQLException {
        // links in and out (entity links and asset instance casting go with the generic relation cleanup)
        ctx.tx().delete("entity_concept_link", List.of(Filter.eq("entity_out_id", row.id())));
        ctx.tx().delete("entity_concept_link", List.of(Filter.eq("entity_in_id", row.id())));
        ctx.tx().delete("subscription", List.of(Filter.eq("entity_id", row.id())));
    }
}
