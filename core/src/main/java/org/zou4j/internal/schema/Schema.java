package org.zou4j.internal.schema;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The migrated schema as read from JDBC metadata once at start-up: the single source of column names, types,
 * nullability and defaults (the migrations say them; nothing else repeats them). Generated columns are left out: they
 * are the database's business (e.g. the emulation of partial unique indexes).
 */
public final class Schema {
    private final Map<String, TableSchema> tables;

    private Schema(Map<String, TableSchema> tables) {
        this.tables = Collections.unmodifiableMap(tables);
    }

    public TableSchema table(String name) {
        TableSchema t = tables.get(name);
        if (t == null) {
            throw new IllegalStateException("Table missing from the migrated schema: " + name);
        }
        return t;
    }

    public Optional<TableSchema> find(String name) {
        return Optional.ofNullable(tables.get(name));
    }

    public Map<String, TableSchema> tables() {
        return tables;
    }

    /** Reads every table of the connection's current schema. */
    public static Schema read(Connection connection) throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        String schemaName = connection.getSchema();
        Map<String, List<Column>> columns = new LinkedHashMap<>();
        try (ResultSet rs = meta.getColumns(connection.getCatalog(), schemaName, "%", "%")) {
            while (rs.next()) {
                String table = rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT);
                if (table.startsWith("flyway_")) {
                    continue;
                }
                if ("YES".equalsIgnoreCase(rs.getString("IS_GENERATEDCOLUMN"))) {
                    continue;
                }
                String name = rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT);
                ColumnType type = ColumnType.fromTypeName(rs.getString("TYPE_NAME"));
                boolean nullable = rs.getInt("NULLABLE") != DatabaseMetaData.columnNoNulls;
                String def = rs.getString("COLUMN_DEF");
                int size = type == ColumnType.STRING ? rs.getInt("COLUMN_SIZE") : 0;
                if (size >= 1_000_000 || size == Integer.MAX_VALUE) {
                    size = 0;
                }
                int position = rs.getInt("ORDINAL_POSITION");
                columns.computeIfAbsent(table, k -> new ArrayList<>())
                        .add(new Column(name, type, nullable, def != null, size, position));
            }
        }
        Map<String, TableSchema> tables = new HashMap<>();
        for (Map.Entry<String, List<Column>> e : columns.entrySet()) {
            tables.put(e.getKey(), new TableSchema(e.getKey(), e.getValue(), uniqueConstraints(meta, connection,
                    schemaName, e.getKey()), foreignKeys(meta, connection, schemaName, e.getKey())));
        }
        return new Schema(tables);
    }

    /** Single-column foreign keys of {@code table}: column to referenced table (multi-column keys are left out). */
    private static Map<String, String> foreignKeys(DatabaseMetaData meta, Connection connection, String schemaName,
                                                   String table) throws SQLException {
        Map<String, String> result = new LinkedHashMap<>();
        Map<String, Integer> columnsPerKey = new HashMap<>();
        String tableName = meta.storesUpperCaseIdentifiers() ? table.toUpperCase(Locale.ROOT) : table;
        try (ResultSet rs = meta.getImportedKeys(connection.getCatalog(), schemaName, tableName)) {
            while (rs.next()) {
                String key = String.valueOf(rs.getString("FK_NAME"));
                columnsPerKey.merge(key, 1, Integer::sum);
                if (rs.getInt("KEY_SEQ") == 1) {
                    result.put(key + '\u0000' + rs.getString("FKCOLUMN_NAME").toLowerCase(Locale.ROOT),
                            rs.getString("PKTABLE_NAME").toLowerCase(Locale.ROOT));
                }
            }
        }
        Map<String, String> single = new LinkedHashMap<>();
        result.forEach((k, referenced) -> {
            int sep = k.indexOf('\u0000');
            if (columnsPerKey.get(k.substring(0, sep)) == 1) {
                single.put(k.substring(sep + 1), referenced);
            }
        });
        return single;
    }

    private static Map<String, List<String>> uniqueConstraints(DatabaseMetaData meta, Connection connection,
                                                               String schemaName, String table) throws SQLException {
        Map<String, List<String>> result = new LinkedHashMap<>();
        String tableName = meta.storesUpperCaseIdentifiers() ? table.toUpperCase(Locale.ROOT) : table;
        try (ResultSet rs = meta.getIndexInfo(connection.getCatalog(), schemaName, tableName, true, true)) {
            while (rs.next()) {
                String index = rs.getString("INDEX_NAME");
                String column = rs.getString("COLUMN_NAME");
                if (index == null || column == null) {
                    continue;
                }
                result.computeIfAbsent(index.toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                        .add(column.toLowerCase(Locale.ROOT));
            }
        }
        return result;
    }
}
