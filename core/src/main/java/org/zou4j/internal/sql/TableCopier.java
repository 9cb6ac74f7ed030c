package org.zou4j.internal.sql;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Consumer;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.Query;
import org.jooq.impl.DSL;
import org.zou4j.internal.schema.Column;
import org.zou4j.internal.schema.TableSchema;

/**
 * Copies every row of one migrated database into another migrated, empty one (e.g. a standalone H2 database into a
 * shared PostgreSQL), then compares the row counts of every table.
 *
 * <p>Tables are copied parents first, following the target's foreign keys. Foreign keys that close a cycle (a table
 * referencing itself, or e.g. entity → preview file → task → entity) are written as NULL first and set once every
 * row is in. The whole copy is one transaction on the target, so a failed copy leaves the target as it was.
 */
public final class TableCopier {
    // Not thread-safe: one copier per copy.
    private final Database source;
    private final Database target;
    private final int batchSize;
    private final Consumer<String> log;
    private Plan plan;

    public TableCopier(Database source, Database target, int batchSize, Consumer<String> log) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1");
        }
        this.source = source;
        this.target = target;
        this.batchSize = batchSize;
        this.log = log;
    }

    /** A table's row count on both sides. */
    public record Count(String table, long source, long target) {
        public boolean matches() {
            return source == target;
        }
    }

    /**
     * The engine's own tables ({@code zou4j_...}: event counter, listener cursors, revoked tokens...) hold state a
     * migration may seed (e.g. the event counter's single row): they do not make a target "not empty", and the copy
     * always replaces their rows with the source's.
     */
    static boolean isEngineState(String table) {
        return table.startsWith("zou4j_");
    }

    /** Per-table row counts of the target's Zou tables that are not zero, in copy order. */
    public Map<String, Long> nonEmptyTargetTables() throws SQLException {
        Map<String, Long> result = new LinkedHashMap<>();
        try (Connection c = target.dataSource().getConnection()) {
            for (String table : plan(c).order) {
                if (isEngineState(table)) {
                    continue;
                }
                long n = count(c, table);
                if (n > 0) {
                    result.put(table, n);
                }
            }
        }
        return result;
    }

    /**
     * Copies every table. With {@code replace}, the target's rows are deleted first (in the same transaction);
     * without it, the target must be empty.
     *
     * @return the row counts of every table on both sides, compared after the copy committed
     */
    public List<Count> copy(boolean replace) throws SQLException {
        checkSameSchema();
        try (Connection to = target.dataSource().getConnection()) {
            Plan plan = plan(to);
            to.setAutoCommit(false);
            try {
                deleteAll(to, plan, replace ? table -> true : TableCopier::isEngineState);
                Map<String, List<Object[]>> later = new LinkedHashMap<>();
                try (Database.ReadTx read = source.openReadTx()) {
                    for (String table : plan.order) {
                        Set<String> deferred = plan.deferred.getOrDefault(table, Set.of());
                        List<Object[]> rows = copyTable(read.tx(), to, table, List.copyOf(deferred));
                        if (!rows.isEmpty()) {
                            later.put(table, rows);
                        }
                    }
                }
                // Every row is in: now the keys that closed a cycle can point at their rows.
                for (Map.Entry<String, List<Object[]>> e : later.entrySet()) {
                    fillIn(to, e.getKey(), List.copyOf(plan.deferred.get(e.getKey())), e.getValue());
                }
                to.commit();
            } catch (SQLException | RuntimeException e) {
                to.rollback();
                throw e;
            } finally {
                to.setAutoCommit(true);
            }
            return verify(plan.order);
        }
    }

    private void checkSameSchema() {
        Set<String> missing = new TreeSet<>(source.schema().tables().keySet());
        missing.removeAll(target.schema().tables().keySet());
        if (!missing.isEmpty()) {
            throw new IllegalStateException("The target has no table " + String.join(", ", missing)
                    + ": both databases must be migrated by the same zou4j version.");
        }
        for (TableSchema t : source.schema().tables().values()) {
            TableSchema other = target.schema().table(t.name());
            for (Column c : t.columns()) {
                if (!other.has(c.name())) {
                    throw new IllegalStateException("The target's table " + t.name() + " has no column " + c.name()
                            + ": both databases must be migrated by the same zou4j version.");
                }
            }
        }
    }

    /** Tables in foreign-key order, and for each table the foreign-key columns to fill in after all inserts. */
    private record Plan(List<String> order, Map<String, Set<String>> deferred) {
    }

    private Plan plan(Connection c) throws SQLException {
        if (plan == null) {
            plan = makePlan(c);
        }
        return plan;
    }

    private Plan makePlan(Connection c) throws SQLException {
        Map<String, Map<String, String>> fks = foreignKeys(c);
        List<String> order = new ArrayList<>();
        Map<String, Set<String>> deferred = new HashMap<>();
        // Strongly connected components come parents first; a component of several tables is a cycle of keys.
        for (List<String> component : components(new TreeSet<>(target.schema().tables().keySet()), fks)) {
            Set<String> remaining = new TreeSet<>(component);
            while (!remaining.isEmpty()) {
                String next = null;
                int fewest = Integer.MAX_VALUE;
                for (String table : remaining) {
                    int unresolved = 0;
                    boolean deferrable = true;
                    for (Map.Entry<String, String> fk : fks.getOrDefault(table, Map.of()).entrySet()) {
                        if (!fk.getValue().equals(table) && remaining.contains(fk.getValue())) {
                            unresolved++;
                            deferrable &= canFillInLater(table, fk.getKey());
                        }
                    }
                    if (deferrable && unresolved < fewest) {
                        fewest = unresolved;
                        next = table;
                    }
                }
                if (next == null) {
                    throw new IllegalStateException("Cannot order the copy of " + remaining
                            + ": their foreign keys form a cycle of required columns.");
                }
                for (Map.Entry<String, String> fk : fks.getOrDefault(next, Map.of()).entrySet()) {
                    if (fk.getValue().equals(next) || remaining.contains(fk.getValue())) {
                        if (!canFillInLater(next, fk.getKey())) {
                            throw new IllegalStateException("Cannot copy " + next + ": its required column "
                                    + fk.getKey() + " references its own table.");
                        }
                        deferred.computeIfAbsent(next, k -> new LinkedHashSet<>()).add(fk.getKey());
                    }
                }
                remaining.remove(next);
                order.add(next);
            }
        }
        return new Plan(order, deferred);
    }

    private boolean canFillInLater(String table, String column) {
        TableSchema t = target.schema().table(table);
        Column c = t.column(column);
        return c != null && c.nullable() && t.has("id");
    }

    /** Tarjan's strongly connected components of the foreign-key graph, each after the components it references. */
    private static List<List<String>> components(Set<String> tables, Map<String, Map<String, String>> fks) {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        java.util.Deque<String> stack = new java.util.ArrayDeque<>();
        Set<String> onStack = new java.util.HashSet<>();
        List<List<String>> result = new ArrayList<>();
        int[] counter = {0};
        for (String table : tables) {
            if (!index.containsKey(table)) {
                strongConnect(table, tables, fks, index, low, stack, onStack, result, counter);
            }
        }
        return result;
    }

    private static void strongConnect(String v, Set<String> tables, Map<String, Map<String, String>> fks,
            Map<String, Integer> index, Map<String, Integer> low, java.util.Deque<String> stack, Set<String> onStack,
            List<List<String>> result, int[] counter) {
        index.put(v, counter[0]);
        low.put(v, counter[0]);
        counter[0]++;
        stack.push(v);
        onStack.add(v);
        for (String w : new TreeSet<>(fks.getOrDefault(v, Map.of()).values())) {
            if (!tables.contains(w) || w.equals(v)) {
                continue;
            }
            if (!index.containsKey(w)) {
                strongConnect(w, tables, fks, index, low, stack, onStack, result, counter);
                low.put(v, Math.min(low.get(v), low.get(w)));
            } else if (onStack.contains(w)) {
                low.put(v, Math.min(low.get(v), index.get(w)));
            }
        }
        if (low.get(v).equals(index.get(v))) {
            List<String> component = new ArrayList<>();
            String w;
            do {
                w = stack.pop();
                onStack.remove(w);
                component.add(w);
            } while (!w.equals(v));
            result.add(component);
        }
    }

    /** table → foreign-key column → referenced table, from the target's metadata. */
    private Map<String, Map<String, String>> foreignKeys(Connection c) throws SQLException {
        Map<String, Map<String, String>> result = new HashMap<>();
        DatabaseMetaData meta = c.getMetaData();
        try (ResultSet tables = meta.getTables(c.getCatalog(), c.getSchema(), "%",
                new String[] {"TABLE", "BASE TABLE"})) {
            List<String> names = new ArrayList<>();
            while (tables.next()) {
                names.add(tables.getString("TABLE_NAME"));
            }
            for (String table : names) {
                if (target.schema().find(table.toLowerCase(Locale.ROOT)).isEmpty()) {
                    continue; // e.g. Flyway's history table
                }
                try (ResultSet rs = meta.getImportedKeys(c.getCatalog(), c.getSchema(), table)) {
                    while (rs.next()) {
                        result.computeIfAbsent(rs.getString("FKTABLE_NAME").toLowerCase(Locale.ROOT),
                                k -> new HashMap<>()).put(rs.getString("FKCOLUMN_NAME").toLowerCase(Locale.ROOT),
                                        rs.getString("PKTABLE_NAME").toLowerCase(Locale.ROOT));
                    }
                }
            }
        }
        return result;
    }

    private void deleteAll(Connection to, Plan plan, java.util.function.Predicate<String> which) throws SQLException {
        DSLContext dsl = DSL.using(to, target.dialect(), target.settings());
        for (Map.Entry<String, Set<String>> e : plan.deferred.entrySet()) {
            if (!which.test(e.getKey())) {
                continue;
            }
            for (String column : e.getValue()) {
                Field<Object> field = SqlRenderer.field(target.schema().table(e.getKey()), column);
                execute(to, dsl.render(dsl.update(DSL.table(DSL.name(e.getKey())))
                        .set(Map.of(field, DSL.inline(null, field.getDataType())))));
            }
        }
        int emptied = 0;
        for (int i = plan.order.size() - 1; i >= 0; i--) {
            String table = plan.order.get(i);
            if (which.test(table)) {
                execute(to, dsl.render(dsl.deleteFrom(DSL.table(DSL.name(table)))));
                emptied++;
            }
        }
        log.accept("emptied " + emptied + " tables of the target");
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.executeUpdate();
        }
    }

    /**
     * Copies one table, writing NULL into the {@code deferred} columns; returns, for rows with a value there, the id
     * followed by those values.
     */
    private List<Object[]> copyTable(Tx from, Connection to, String table, List<String> deferredList)
            throws SQLException {
        long start = System.nanoTime();
        TableSchema t = target.schema().table(table);
        TableSchema s = source.schema().table(table);
        List<Column> columns = s.columns();
        DSLContext dsl = DSL.using(to, target.dialect(), target.settings());
        String insertSql = dsl.render(insertTemplate(dsl, t, columns));
        List<Object[]> later = new ArrayList<>();
        int idIndex = s.indexOf("id");
        long rows = 0;
        try (RowCursor cursor = from.stream(table, List.of(), List.of(), 0, 0);
                PreparedStatement insert = to.prepareStatement(insertSql)) {
            int pending = 0;
            for (Row row = cursor.next(); row != null; row = cursor.next()) {
                Object[] deferredValues = deferredList.isEmpty() ? null : new Object[deferredList.size() + 1];
                int i = 0;
                for (Column c : columns) {
                    Object value = row.valueAt(s.indexOf(c.name()));
                    if (deferredValues != null && deferredList.contains(c.name())) {
                        deferredValues[1 + deferredList.indexOf(c.name())] = value;
                        value = null;
                    }
                    bind(insert, ++i, value);
                }
                if (deferredValues != null) {
                    deferredValues[0] = row.valueAt(idIndex);
                    later.add(deferredValues);
                }
                insert.addBatch();
                rows++;
                if (++pending == batchSize) {
                    insert.executeBatch();
                    pending = 0;
                }
            }
            if (pending > 0) {
                insert.executeBatch();
            }
        }
        log.accept(String.format("%-48s %,12d rows %,8d ms", table, rows, (System.nanoTime() - start) / 1_000_000));
        return later;
    }

    /** {@code INSERT INTO table (columns...) VALUES (?, ...)} rendered once, with the target's casts for each type. */
    private static Query insertTemplate(DSLContext dsl, TableSchema t, List<Column> columns) {
        List<Field<?>> fields = new ArrayList<>();
        List<Field<?>> values = new ArrayList<>();
        for (Column c : columns) {
            Field<Object> f = SqlRenderer.field(t, c.name());
            fields.add(f);
            values.add(DSL.val(sample(c), f.getDataType()));
        }
        return dsl.insertInto(DSL.table(DSL.name(t.name()))).columns(fields).values(values);
    }

    /** A non-null value of the column's type, so the template renders the cast a real value gets. */
    private static Object sample(Column c) {
        return switch (c.type()) {
            case UUID -> new UUID(0, 0);
            case STRING -> "";
            case INTEGER -> 0;
            case BIGINT -> 0L;
            case FLOAT -> 0.0;
            case BOOLEAN -> false;
            case DATE -> LocalDate.of(2000, 1, 1);
            case TIMESTAMP -> LocalDateTime.of(2000, 1, 1, 0, 0);
            case JSON -> JSONB.valueOf("null");
        };
    }

    private static void bind(PreparedStatement ps, int index, Object value) throws SQLException {
        ps.setObject(index, value instanceof RawJson json ? json.text() : value);
    }

    private void fillIn(Connection to, String table, List<String> columns, List<Object[]> rows)
            throws SQLException {
        DSLContext dsl = DSL.using(to, target.dialect(), target.settings());
        TableSchema t = target.schema().table(table);
        for (int k = 0; k < columns.size(); k++) {
            Field<Object> column = SqlRenderer.field(t, columns.get(k));
            Field<Object> id = SqlRenderer.field(t, "id");
            String sql = dsl.render(dsl.update(DSL.table(DSL.name(table)))
                    .set(Map.of(column, DSL.val(new UUID(0, 0), column.getDataType())))
                    .where(id.eq(DSL.val(new UUID(0, 0), id.getDataType()))));
            try (PreparedStatement update = to.prepareStatement(sql)) {
                int pending = 0;
                for (Object[] row : rows) {
                    if (row[k + 1] == null) {
                        continue;
                    }
                    bind(update, 1, row[k + 1]);
                    bind(update, 2, row[0]);
                    update.addBatch();
                    if (++pending == batchSize) {
                        update.executeBatch();
                        pending = 0;
                    }
                }
                if (pending > 0) {
                    update.executeBatch();
                }
            }
        }
    }

    private List<Count> verify(List<String> tables) throws SQLException {
        List<Count> counts = new ArrayList<>();
        try (Connection from = source.dataSource().getConnection();
                Connection to = target.dataSource().getConnection()) {
            for (String table : tables) {
                counts.add(new Count(table, count(from, table), count(to, table)));
            }
        }
        return counts;
    }

    private static long count(Connection c, String table) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM \"" + table + "\"");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
