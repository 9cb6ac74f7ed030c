package org.zou4j.internal.hooks;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.zou4j.internal.crud.BoundModel;
import org.zou4j.internal.crud.HookContext;
import org.zou4j.internal.crud.Values;
import org.zou4j.internal.sql.Filter;
import org.zou4j.internal.sql.RawJson;
import org.zou4j.internal.sql.Row;

/** Small helpers the model hooks share: JSON column values, relation ids, events, lookups. */
final class HookSupport {
    private HookSupport() {
    }

    /** The JSON value (Map, List, String, Number, Boolean or null) of a JSON column value. */
    static Object json(HookContext ctx, Object columnValue) {
        return ctx.crud().jsonForm().toJsonValue(columnValue);
    }

    /** A JSON column value holding {@code value}. */
    static RawJson toJson(HookContext ctx, Object value) {
        try {
            return new RawJson(ctx.crud().jsonForm().mapper().writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Value is not serializable as JSON", e);
        }
    }

    /** The related ids (as strings) of {@code ownId} through a link table, in database order. */
    static List<String> linkedIds(HookContext ctx, String linkTable, String ownColumn, String otherColumn, UUID ownId)
            throws SQLException {
        List<String> ids = new ArrayList<>();
        for (Object o : ctx.tx().column(linkTable, otherColumn, List.of(Filter.eq(ownColumn, ownId)))) {
            if (o != null) {
                ids.add(o.toString());
            }
        }
        return ids;
    }

    /** Adds every collection of the model (ids of {@code row}'s related rows) to a serialized row. */
    static void putRelations(HookContext ctx, BoundModel m, Row row, Map<String, Object> json) throws SQLException {
        for (var rel : m.def().relations()) {
            json.put(rel.name(), linkedIds(ctx, rel.linkTable(), rel.ownColumn(), rel.otherColumn(), row.id()));
        }
    }

    /** Emits {@code name} with {@code data} when this is a write (events are never emitted from reads). */
    static void emit(HookContext ctx, String name, Map<String, Object> data, UUID projectId) throws SQLException {
        if (ctx.events() != null) {
            ctx.events().emit(name, data, projectId);
        }
    }

    static Map<String, Object> data(Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            Object v = keyValues[i + 1];
            m.put((String) keyValues[i], v == null ? null : v.toString());
        }
        return m;
    }

    /** The value a column will have after an update: the change when present, else the current value. */
    static Object merged(Row current, Map<String, Object> changes, String column) {
        return changes.containsKey(column) ? changes.get(column) : current.get(column);
    }

    /** A raw JSON truth value: booleans, or Zou's boolean words. */
    static boolean truthy(Object raw) {
        if (raw instanceof Boolean b) {
            return b;
        }
        if (raw instanceof String s) {
            Boolean b = Values.parseBoolean(s);
            return b != null && b;
        }
        return false;
    }

    /** A raw body value as an id, or null when it is not one. */
    static UUID idOf(Object raw) {
        if (raw instanceof UUID u) {
            return u;
        }
        return raw instanceof String s ? Values.tryParseId(s) : null;
    }

    /** UTC today, from the engine's clock. */
    static LocalDate today(HookContext ctx) {
        return ctx.now().toLocalDate();
    }

    /** An equality condition, or {@code IS NULL} for a null value (Zou's {@code filter_by(x=None)}). */
    static Filter eqOrNull(String column, Object value) {
        return value == null ? new Filter.IsNull(column) : Filter.eq(column, value);
    }

    /** Rows other than {@code self} (null: no exclusion). */
    static Filter notSelf(UUID self) {
        return self == null ? null : Filter.not(Filter.eq("id", self));
    }

    /** Conditions without the nulls. */
    static List<Filter> where(Filter... filters) {
        List<Filter> list = new ArrayList<>();
        for (Filter f : filters) {
            if (f != null) {
                list.add(f);
            }
        }
        return list;
    }

    /** The lock row serializing task type name checks (migration V10). */
    static final UUID TASK_TYPE_NAMES = UUID.fromString("00000000-0000-0000-0000-00000000a001");

    /** The lock row serializing preview background file name checks (migration V10). */
    static final UUID PREVIEW_BACKGROUND_NAMES = UUID.fromString("00000000-0000-0000-0000-00000000a002");

    /**
     * Takes the lock row {@code lock} of {@code zou4j_lock} until the transaction ends: concurrent writers checking
     * the same rule run one at a time, each seeing the rows the previous one committed.
     */
    static void serialize(HookContext ctx, UUID lock) throws SQLException {
        ctx.tx().lockById("zou4j_lock", lock);
    }
}
