package org.zou4j.internal.crud;

import java.sql.SQLException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.zou4j.ZouException;
import org.zou4j.internal.model.Relation;
import org.zou4j.internal.sql.Filter;
import org.zou4j.internal.sql.RawJson;
import org.zou4j.internal.sql.Row;

/**
 * Checks the references a caller writes: every id written into a reference column (a foreign key of the schema, or a
 * reference the declaration names, such as {@code comment.object_id}) and every id of a written collection (e.g.
 * {@code comment.previews}) must point at a row the caller may read, judged by the referenced model's own read rule,
 * exactly as its {@code GET /data/<route>/<id>} would. Without it, a caller of project A could re-point a row of theirs
 * at a row of project B and read B's row back nested in their own (Zou judges only the stored row).
 *
 * <p>Admins read everything and are not checked. Unknown ids are left to the write (the database's foreign key, or
 * Zou's silent drop of unknown collection ids); on update, references left unchanged are not re-checked. Ids held
 * inside JSON columns ({@link org.zou4j.internal.model.ModelDef#jsonIds}, e.g. a playlist's
 * {@code shots[].preview_file_id}, a comment reply's {@code person_id}) are checked the same way. Referenced
 * tables that no route serves have no read rule to compare with and are not checked.
 */
final class ReferenceCheck {
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();

    private ReferenceCheck() {
    }

    /**
     * Checks every reference in {@code values} (column values, plus collections as relation name to id list).
     *
     * @param current the row being updated ({@code null} on create): references it already holds pass unchecked
     */
    static void check(HookContext ctx, BoundModel m, Map<String, Object> values, Row current) throws SQLException {
        if (ctx.caller().isAdmin()) {
            return;
        }
        for (Map.Entry<String, Object> e : values.entrySet()) {
            String key = e.getKey();
            Relation rel = m.def().relation(key);
            if (rel != null) {
                if (e.getValue() instanceof List<?> ids && !ids.isEmpty()) {
                    Set<Object> existing = current == null ? Set.of() : linked(ctx, rel, current.id());
                    for (Object o : ids) {
                        UUID id = asId(o);
                        if (id != null && !existing.contains(id)) {
                            requireReadable(ctx, List.of(rel.otherTable()), id, false);
                        }
                    }
                }
                continue;
            }
            Map<String, String> jsonKeys = m.def().jsonIds().get(key);
            if (jsonKeys != null) {
                checkJson(ctx, jsonKeys, e.getValue(), current == null ? null : current.get(key));
                continue;
            }
            List<String> tables = m.referencedTables(key);
            if (tables.isEmpty()) {
                continue;
            }
            UUID id = asId(e.getValue());
            if (id == null || (current != null && id.equals(asId(current.get(key))))) {
                continue;
            }
            requireReadable(ctx, tables, id, false);
        }
    }

    /**
     * Requires the row {@code id} (in the first of {@code tables} holding it) to be readable by the caller.
     *
     * @param strict whether an id found in none of the tables is a 404 (otherwise it passes)
     */
    static void requireReadable(HookContext ctx, List<String> tables, UUID id, boolean strict) throws SQLException {
        if (id == null || ctx.caller().isAdmin()) {
            if (id == null && strict) {
                throw ZouException.notFound();
            }
            return;
        }
        for (String table : tables) {
            Row row = ctx.access().row(table, id);
            if (row == null) {
                continue;
            }
            BoundModel target = ctx.models().find(table);
            if (target != null && target.def().route() != null) {
                target.access().checkRead(ctx.access(), row);
            }
            return;
        }
        if (strict) {
            throw ZouException.notFound();
        }
    }

    /**
     * The ids written inside a JSON column (declared keys at any depth: an id or a list of ids): each one the stored
     * value did not already hold must be readable.
     */
    private static void checkJson(HookContext ctx, Map<String, String> keys, Object written, Object stored)
            throws SQLException {
        Map<UUID, String> ids = new LinkedHashMap<>();
        collect(parse(written), keys, ids);
        if (ids.isEmpty()) {
            return;
        }
        Map<UUID, String> kept = new LinkedHashMap<>();
        collect(parse(stored), keys, kept);
        for (Map.Entry<UUID, String> id : ids.entrySet()) {
            if (!kept.containsKey(id.getKey())) {
                requireReadable(ctx, List.of(id.getValue()), id.getKey(), false);
            }
        }
    }

    private static Object parse(Object value) {
        if (value instanceof RawJson json) {
            try {
                return JSON.readValue(json.text(), Object.class);
            } catch (java.io.IOException e) {
                return null; // not JSON: nothing to check (the write refuses it, or stores what it was given)
            }
        }
        return value;
    }

    private static void collect(Object node, Map<String, String> keys, Map<UUID, String> ids) {
        if (node instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                String table = e.getKey() instanceof String k ? keys.get(k) : null;
                if (table != null) {
                    if (e.getValue() instanceof List<?> list) {
                        for (Object o : list) {
                            putId(o, table, ids);
                        }
                    } else {
                        putId(e.getValue(), table, ids);
                    }
                } else {
                    collect(e.getValue(), keys, ids);
                }
            }
        } else if (node instanceof List<?> list) {
            for (Object o : list) {
                collect(o, keys, ids);
            }
        }
    }

    private static void putId(Object o, String table, Map<UUID, String> ids) {
        UUID id = asId(o);
        if (id != null) {
            ids.putIfAbsent(id, table);
        }
    }

    private static Set<Object> linked(HookContext ctx, Relation rel, UUID ownId) throws SQLException {
        return new HashSet<>(ctx.tx().column(rel.linkTable(), rel.otherColumn(),
                List.of(Filter.eq(rel.ownColumn(), ownId))));
    }

    private static UUID asId(Object o) {
        if (o instanceof UUID u) {
            return u;
        }
        if (o instanceof String s) {
            return Values.tryParseId(s);
        }
        return null;
    }
}
