package org.zou4j.internal.schema;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The columns, unique constraints and foreign keys of one table, in table order. */
public final class TableSchema {
    private final String name;
    private final Map<String, Column> columns;
    private final List<Column> columnList;
    private final Map<String, List<String>> uniqueConstraints;
    private final Map<String, Integer> indexes = new java.util.HashMap<>();
    private final Map<String, String> foreignKeys;

    TableSchema(String name, List<Column> columns, Map<String, List<String>> uniqueConstraints) {
        this(name, columns, uniqueConstraints, Map.of());
    }

    TableSchema(String name, List<Column> columns, Map<String, List<String>> uniqueConstraints,
                Map<String, String> foreignKeys) {
        this.name = name;
        Map<String, Column> byName = new LinkedHashMap<>();
        columns.stream().sorted(java.util.Comparator.comparingInt(Column::position)).forEach(c -> byName.put(c.name(), c));
        this.columns = Collections.unmodifiableMap(byName);
        this.columnList = List.copyOf(byName.values());
        for (int i = 0; i < columnList.size(); i++) {
            indexes.put(columnList.get(i).name(), i);
        }
        this.uniqueConstraints = Collections.unmodifiableMap(new LinkedHashMap<>(uniqueConstraints));
        this.foreignKeys = Collections.unmodifiableMap(new LinkedHashMap<>(foreignKeys));
    }

    /** Single-column foreign keys: this table's column to the table its values reference (by {@code id}). */
    public Map<String, String> foreignKeys() {
        return foreignKeys;
    }

    public String name() {
        return name;
    }

    /** Columns in table order. */
    public List<Column> columns() {
        return columnList;
    }

    public Column column(String column) {
        return columns.get(column);
    }

    /** The index of {@code column} in {@link #columns()}, or -1. */
    public int indexOf(String column) {
        Integer i = indexes.get(column);
        return i == null ? -1 : i;
    }

    public boolean has(String column) {
        return columns.containsKey(column);
    }

    /** Unique constraint (or unique index) names to their columns. */
    public Map<String, List<String>> uniqueConstraints() {
        return uniqueConstraints;
    }
}
