package org.zou4j.internal.crud;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.zou4j.internal.json.JsonForm;
import org.zou4j.internal.model.NestedObject;
import org.zou4j.internal.model.Relation;
import org.zou4j.internal.schema.Column;
import org.zou4j.internal.sql.Filter;
import org.zou4j.internal.sql.Row;

/**
 * Rows to Zou's JSON dicts (reference §3): visible columns in table order, nested scalar relationships, collection
 * relationships as id lists when asked, model decorations, then {@code type}. Works on batches so relationships of a
 * page of rows cost one query per relationship, not one per row.
 */
final class Serializer {
    private static final int IN_CHUNK = 500;

    private final JsonForm form;

    Serializer(JsonForm form) {
        this.form = form;
    }

    JsonForm form() {
        return form;
    }

    Map<String, Object> one(HookContext ctx, BoundModel m, Row row, boolean relations, ModelHooks.View view)
            throws SQLException {
        return many(ctx, m, List.of(row), relations, view).get(0);
    }

    List<Map<String, Object>> many(HookContext ctx, BoundModel m, List<Row> rows, boolean relations,
                                   ModelHooks.View view) throws SQLException {
        return many(ctx, m, rows, relations ? loadRelations(ctx, m, rows) : null, view);
    }

    /**
     * {@link #one} with its collection relationships as the caller knows them (relation name to related ids, in the
     * order a read would give them) instead of read: for a row this transaction has just inserted with its links.
     */
    Map<String, Object> oneWithRelations(HookContext ctx, BoundModel m, Row row, Map<String, List<String>> known,
                                         ModelHooks.View view) throws SQLException {
        Map<String, Map<Object, List<String>>> related = new HashMap<>();
        for (Relation r : m.def().relations()) {
            List<String> ids = known.get(r.name());
            if (ids == null) {
                throw new IllegalArgumentException("Relation " + r.name() + " of " + m.def().typeName()
                        + " not given");
            }
            related.put(r.name(), Map.of(row.get("id"), ids));
        }
        return many(ctx, m, List.of(row), related, view).get(0);
    }

    /** {@code related}: relation name to row id to related ids; null: no relations in the answer. */
    private List<Map<String, Object>> many(HookContext ctx, BoundModel m, List<Row> rows,
                                           Map<String, Map<Object, List<String>>> related, ModelHooks.View view)
            throws SQLException {
        boolean relations = related != null;
        Set<String> alsoHidden = m.access().hiddenFrom(ctx.caller());
        List<Column> columns = m.visibleColumns(alsoHidden);
        Map<String, Map<Object, Map<String, Object>>> nested = loadNested(ctx, m, rows);
        List<Map<String, Object>> result = new ArrayList<>(rows.size());
        // Column positions once per batch, not a name lookup per row and column.
        int[] positions = new int[columns.size()];
        if (!rows.isEmpty()) {
            for (int i = 0; i < positions.length; i++) {
                positions[i] = rows.get(0).table().indexOf(columns.get(i).name());
            }
        }
        int capacity = columns.size() + m.def().nestedObjects().size() + m.def().relations().size() + 4;
        JsonRow.Keys keys = new JsonRow.Keys(); // the rows of a batch share their key order
        for (Row row : rows) {
            Map<String, Object> json = new JsonRow(keys, capacity);
            for (int i = 0; i < positions.length; i++) {
                json.put(columns.get(i).name(), form.toJsonValue(row.valueAt(positions[i])));
            }
            for (NestedObject n : m.def().nestedObjects()) {
                Object fk = row.get(n.column());
                json.put(n.name(), fk == null ? null : nested.get(n.name()).get(fk));
            }
            if (relations) {
                for (Relation r : m.def().relations()) {
                    List<String> ids = related.get(r.name()).get(row.get("id"));
                    json.put(r.name(), ids == null ? List.of() : ids);
                }
            }
            m.hooks().decorate(ctx, row, json, view);
            String type = m.hooks().typeName(ctx, row, view);
            json.put("type", type != null ? type : m.def().typeName());
            result.add(m.access().shape(ctx.access(), json, view != ModelHooks.View.LIST));
        }
        return result;
    }

    /** For each relation, row id to related ids (as strings). */
    private Map<String, Map<Object, List<String>>> loadRelations(HookContext ctx, BoundModel m, List<Row> rows)
            throws SQLException {
        Map<String, Map<Object, List<String>>> result = new HashMap<>();
        if (m.def().relations().isEmpty()) {
            return result;
        }
        List<Object> ids = new ArrayList<>(rows.size());
        for (Row r : rows) {
            ids.add(r.get("id"));
        }
        for (Relation rel : m.def().relations()) {
            Map<Object, List<String>> byOwner = new HashMap<>();
            for (int i = 0; i < ids.size(); i += IN_CHUNK) {
                List<Object> chunk = ids.subList(i, Math.min(ids.size(), i + IN_CHUNK));
                for (Row link : ctx.tx().select(rel.linkTable(), List.of(Filter.in(rel.ownColumn(), chunk)))) {
                    Object other = link.get(rel.otherColumn());
                    if (other != null) {
                        byOwner.computeIfAbsent(link.get(rel.ownColumn()), k -> new ArrayList<>()).add(other.toString());
                    }
                }
            }
            result.put(rel.name(), byOwner);
        }
        return result;
    }

    private Map<String, Map<Object, Map<String, Object>>> loadNested(HookContext ctx, BoundModel m, List<Row> rows)
            throws SQLException {
        Map<String, Map<Object, Map<String, Object>>> result = new HashMap<>();
        for (NestedObject n : m.def().nestedObjects()) {
            Set<Object> fks = new LinkedHashSet<>();
            for (Row r : rows) {
                Object fk = r.get(n.column());
                if (fk != null) {
                    fks.add(fk);
                }
            }
            Map<Object, Map<String, Object>> byId = new HashMap<>();
            if (!fks.isEmpty()) {
                BoundModel target = ctx.models().table(n.table());
                List<Row> targets = ctx.tx().select(n.table(), List.of(Filter.in("id", new ArrayList<>(fks))));
                List<Map<String, Object>> json = many(ctx, target, targets, false, ModelHooks.View.LIST);
                for (int i = 0; i < targets.size(); i++) {
                    byId.put(targets.get(i).get("id"), json.get(i));
                }
            }
            result.put(n.name(), byId);
        }
        return result;
    }

    /** Keeps only {@code fields} plus {@code id} and {@code type} (Zou's {@code fields=} parameter). */
    static Map<String, Object> project(Map<String, Object> json, Set<String> fields) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : json.entrySet()) {
            if (fields.contains(e.getKey()) || e.getKey().equals("id") || e.getKey().equals("type")) {
                out.put(e.getKey(), e.getValue());
            }
        }
        return out;
    }

    static UUID uuid(Object o) {
        return (UUID) o;
    }
}
