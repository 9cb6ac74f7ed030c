package org.zou4j.internal.access;

import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.zou4j.internal.sql.Row;

/**
 * What a {@link Rule} judges: the values of the object acted on (a stored row, or the body of a row about to be
 * created) and, for an update, the changes about to be written (column values, plus written collections as id lists).
 *
 * @param values  column name to value of the object
 * @param changes the update's new values (empty for reads, creations and deletions)
 */
public record Target(Function<String, Object> values, Map<String, Object> changes) {

    public Target {
        changes = changes == null ? Map.of() : changes;
    }

    public static Target of(Row row) {
        return new Target(row::get, Map.of());
    }

    /** A row about to be inserted. */
    public static Target of(Map<String, Object> data) {
        return new Target(data::get, Map.of());
    }

    public static Target update(Row row, Map<String, Object> changes) {
        return new Target(row::get, changes);
    }

    public Object get(String column) {
        return values.apply(column);
    }

    /** A UUID-valued column, or {@code null}. */
    public UUID id(String column) {
        return asId(get(column));
    }

    static UUID asId(Object o) {
        if (o instanceof UUID u) {
            return u;
        }
        if (o instanceof String s) {
            try {
                return UUID.fromString(s);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return null;
    }
}
