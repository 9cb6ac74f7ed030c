package org.zou4j.internal.sql;

import java.util.LinkedHashMap;
import java.util.Map;
import org.zou4j.internal.schema.Column;
import org.zou4j.internal.schema.TableSchema;

/**
 * One row read from a table, its values aligned with the table's columns, as Java values: UUID, String, Integer,
 * Long, Double, Boolean, LocalDate, LocalDateTime or {@link RawJson}.
 */
public final class Row {
    private final TableSchema table;
    private final Object[] values;

    Row(TableSchema table, Object[] values) {
        this.table = table;
        this.values = values;
    }

    /**
     * A row of {@code table} with {@code values} (column name to value, as a read gives them) and null in every other
     * column: what reading back a row just inserted with those values gives when no other column has a default.
     * Unknown columns are refused.
     */
    public static Row of(TableSchema table, Map<String, Object> values) {
        Object[] all = new Object[table.columns().size()];
        for (Map.Entry<String, Object> e : values.entrySet()) {
            int i = table.indexOf(e.getKey());
            if (i < 0) {
                throw new IllegalArgumentException("No column " + e.getKey() + " in " + table.name());
            }
            all[i] = e.getValue();
        }
        return new Row(table, all);
    }

    public TableSchema table() {
        return table;
    }

    public Object get(String column) {
        int i = table.indexOf(column);
        return i < 0 ? null : values[i];
    }

    /** Values in {@link TableSchema#columns()} order. */
    public Object valueAt(int index) {
        return values[index];
    }

    public java.util.UUID id() {
        return (java.util.UUID) get("id");
    }

    /**
     * This row with {@code changes} (column name to new value) applied: what reading it back after an update of those
     * columns to those values gives, provided the values are as the database stores them (e.g. timestamps truncated to
     * microseconds). Unknown columns are refused.
     */
    public Row with(Map<String, Object> changes) {
        Object[] copy = values.clone();
        for (Map.Entry<String, Object> e : changes.entrySet()) {
            int i = table.indexOf(e.getKey());
            if (i < 0) {
                throw new IllegalArgumentException("No column " + e.getKey() + " in " + table.name());
            }
            copy[i] = e.getValue();
        }
        return new Row(table, copy);
    }

    /** Column name to value, in table order. */
    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        int i = 0;
        for (Column c : table.columns()) {
            m.put(c.name(), values[i++]);
        }
        return m;
    }

}
