package org.zou4j.contract;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Foreign keys and indexed columns of a migrated database, from JDBC metadata (the same on H2 and PostgreSQL). */
public final class SchemaMetadata {
    private SchemaMetadata() {
    }

    /** table -> columns that are part of an index (unique or not). */
    public static Map<String, Set<String>> indexedColumns(Connection c) throws SQLException {
        Map<String, Set<String>> result = new HashMap<>();
        DatabaseMetaData meta = c.getMetaData();
        for (String table : tables(c)) {
            try (ResultSet rs = meta.getIndexInfo(c.getCatalog(), c.getSchema(), table, false, false)) {
                while (rs.next()) {
                    String column = rs.getString("COLUMN_NAME");
                    if (column != null) {
                        result.computeIfAbsent(table.toLowerCase(Locale.ROOT), k -> new TreeSet<>())
                                .add(column.toLowerCase(Locale.ROOT));
                    }
                }
            }
        }
        return result;
    }

    /** table -> column -> referenced table. */
    public static Map<String, Map<String, String>> foreignKeys(Connection c) throws SQLException {
        Map<String, Map<String, String>> result = new HashMap<>();
        DatabaseMetaData meta = c.getMetaData();
        for (String table : tables(c)) {
            try (ResultSet rs = meta.getImportedKeys(c.getCatalog(), c.getSchema(), table)) {
                while (rs.next()) {
                    result.computeIfAbsent(rs.getString("FKTABLE_NAME").toLowerCase(Locale.ROOT),
                            k -> new HashMap<>()).put(rs.getString("FKCOLUMN_NAME").toLowerCase(Locale.ROOT),
                                    rs.getString("PKTABLE_NAME").toLowerCase(Locale.ROOT));
                }
            }
        }
        return result;
    }

    private static List<String> tables(Connection c) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (ResultSet rs = c.getMetaData().getTables(c.getCatalog(), c.getSchema(), "%",
                new String[] {"TABLE", "BASE TABLE"})) {
            while (rs.next()) {
                tables.add(rs.getString("TABLE_NAME"));
            }
        }
        return tables;
    }
}
