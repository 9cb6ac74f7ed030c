package org.zou4j;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.zou4j.internal.access.Caller;
import org.zou4j.testing.TestStorage;

/** Engines on private in-memory H2 databases, and sessions for given persons, for core's behaviour tests. */
final class TestEngines {
    static final String SECRET = "0123456789abcdef0123456789abcdef";

    private TestEngines() {
    }

    static ZouEngine engine() {
        return ZouEngine.builder().storage(new TestStorage()).secretKey(SECRET).build();
    }

    /**
     * An engine plus the foreign keys and indexed columns of its schema (read from JDBC metadata while the storage is
     * open).
     */
    static ZouEngine engine(Map<String, Map<String, String>> foreignKeysOut, Map<String, Set<String>> indexedOut) {
        TestStorage storage = new TestStorage();
        ZouEngine engine = ZouEngine.builder().storage(storage).secretKey(SECRET).build();
        try (Connection c = storage.dataSource().getConnection()) {
            foreignKeysOut.putAll(foreignKeys(c));
            indexedOut.putAll(indexedColumns(c));
        } catch (SQLException e) {
            engine.close();
            throw new IllegalStateException(e);
        }
        return engine;
    }

    /** table -> columns that are part of an index (unique or not). */
    static Map<String, Set<String>> indexedColumns(Connection c) throws SQLException {
        Map<String, Set<String>> result = new HashMap<>();
        DatabaseMetaData meta = c.getMetaData();
        for (String table : tables(c)) {
            try (ResultSet rs = meta.getIndexInfo(c.getCatalog(), c.getSchema(), table, false, false)) {
                while (rs.next()) {
                    String column = rs.getString("COLUMN_NAME");
                    if (column != null) {
                        result.computeIfAbsent(table.toLowerCase(), k -> new java.util.TreeSet<>())
                                .add(column.toLowerCase());
                    }
                }
            }
        }
        return result;
    }

    private static List<String> tables(Connection c) throws SQLException {
        List<String> tables = new java.util.ArrayList<>();
        try (ResultSet rs = c.getMetaData().getTables(c.getCatalog(), c.getSchema(), "%",
                new String[] {"TABLE", "BASE TABLE"})) {
            while (rs.next()) {
                tables.add(rs.getString("TABLE_NAME"));
            }
        }
        return tables;
    }

    /** table -> column -> referenced table. */
    static Map<String, Map<String, String>> foreignKeys(Connection c) throws SQLException {
        Map<String, Map<String, String>> result = new HashMap<>();
        DatabaseMetaData meta = c.getMetaData();
        for (String table : tables(c)) {
            try (ResultSet rs = meta.getImportedKeys(c.getCatalog(), c.getSchema(), table)) {
                while (rs.next()) {
                    result.computeIfAbsent(rs.getString("FKTABLE_NAME").toLowerCase(), k -> new HashMap<>())
                            .put(rs.getString("FKCOLUMN_NAME").toLowerCase(),
                                    rs.getString("PKTABLE_NAME").toLowerCase());
                }
            }
        }
        return result;
    }

    /** A session acting as {@code person} (an entry of /data/persons) with the person's global role. */
    static Session as(ZouEngine engine, Entry person) {
        return new EngineSession(engine, new Caller(UUID.fromString(person.id()), person.getString("role"), Set.of(),
                Boolean.TRUE.equals(person.get("is_bot"))));
    }

    /** Runs {@code call} and returns the ZouException it must throw. */
    static ZouException failure(Runnable call) {
        try {
            call.run();
        } catch (ZouException e) {
            return e;
        }
        throw new AssertionError("Expected a ZouException");
    }

    static <T> ZouException failure(Supplier<T> call) {
        return failure((Runnable) call::get);
    }

    /** The events named {@code name}, newest first, as their data maps. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> events(Session admin, String name) {
        return admin.data("events").list(Query.where(Map.of("name", name))).stream()
                .map(e -> (Map<String, Object>) e.get("data")).toList();
    }
}
