package org.zou4j.internal.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.Query;
import org.jooq.SortField;
import org.jooq.Table;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.zou4j.ZouException;
import org.zou4j.internal.schema.Column;
import org.zou4j.internal.schema.TableSchema;

/**
 * One unit of work on the database: typed reads and writes of whole rows, with bound parameters only. Obtained from
 * {@link Database#inTransaction} or {@link Database#read}.
 */
public final class Tx {
    private final Database db;
    private final Connection connection;
    private final DSLContext dsl;
    private final List<Runnable> afterCommit = new ArrayList<>();
    private final List<BeforeCommit> beforeCommit = new ArrayList<>();
    /** Tables this unit of work wrote through {@link #insert}/{@link #update}/{@link #delete} (null: none yet). */
    private java.util.Set<String> written;

    Tx(Database db, Connection connection) {
        this.db = db;
        this.connection = connection;
        this.dsl = DSL.using(connection, db.dialect(), db.settings());
    }

    public Database database() {
        return db;
    }

    /** Work done on a transaction's connection at the very end of it, just before it commits. */
    @FunctionalInterface
    public interface BeforeCommit {
        void run(Connection connection) throws SQLException;
    }

    /**
     * Registers work to run on this transaction's connection after all other work, right before the commit (e.g.
     * taking a short-lived lock that must be held until the commit, as the event sequence does). It runs inside the
     * transaction: when it throws, the transaction rolls back. Runs in registration order; work registered while
     * these run also runs.
     */
    public void beforeCommit(BeforeCommit work) {
        beforeCommit.add(work);
    }

    void beforeCommit() throws SQLException {
        for (int i = 0; i < beforeCommit.size(); i++) {
            beforeCommit.get(i).run(connection);
        }
    }

    /** Registers work to run once this transaction has committed (e.g. delivering events). */
    public void afterCommit(Runnable r) {
        afterCommit.add(r);
    }

    void afterCommit() {
        for (Runnable r : afterCommit) {
            r.run();
        }
    }

    private TableSchema table(String name) {
        return db.schema().table(name);
    }

    /** The table of a read, noted for the read capture of this thread (if any). */
    private TableSchema readTable(String name) {
        TableSchema t = db.schema().table(name);
        db.noteRead(t.name());
        return t;
    }

    private static Table<?> sqlTable(TableSchema t) {
        return DSL.table(DSL.name(t.name()));
    }

    private static List<Field<?>> allFields(TableSchema t) {
        List<Field<?>> fields = new ArrayList<>(t.columns().size());
        for (Column c : t.columns()) {
            fields.add(SqlRenderer.field(t, c.name()));
        }
        return fields;
    }

    // ---- reads -----------------------------------------------------------------------------------------------------

    /** Rows of {@code table} matching {@code filters}, ordered, limited ({@code limit <= 0}: all). */
    public List<Row> select(String table, List<Filter> filters, List<Order> order, int limit, int offset)
            throws SQLException {
        TableSchema t = readTable(table);
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement ps = prepareSelect(t, filters, order, limit, offset); ResultSet rs = ps.executeQuery()) {
            RowReader reader = db.rowReader(t);
            while (rs.next()) {
                rows.add(reader.read(rs));
            }
        }
        return rows;
    }

    public List<Row> select(String table, List<Filter> filters) throws SQLException {
        return select(table, filters, List.of(), 0, 0);
    }

    /** The row with {@code id}, or {@code null}. */
    public Row byId(String table, UUID id) throws SQLException {
        RowCache cache = db.rowCache();
        if (cache == null || id == null || !cache.covers(table) || writtenTables().contains(table)) {
            return selectById(table, id);
        }
        Row hit = cache.get(table, id);
        if (hit != null) {
            readTable(table); // still a read of that table (read capture)
            return hit;
        }
        long generation = cache.generation(table);
        Row row = selectById(table, id);
        if (row != null) {
            cache.put(row, generation);
        }
        return row;
    }

    private Row selectById(String table, UUID id) throws SQLException {
        List<Row> rows = select(table, List.of(Filter.eq("id", id)), List.of(), 1, 0);
        return rows.isEmpty() ? null : rows.get(0);
    }

    /**
     * The row with {@code id}, locked until this transaction ends ({@code null} if there is none), for
     * read-modify-write work that must see every change committed before it: concurrent lockers wait. On PostgreSQL
     * the lock is {@code FOR NO KEY UPDATE}, which does not conflict with the key-share locks that inserting rows
     * referencing this one take, so it cannot deadlock with them.
     */
    public Row lockById(String table, UUID id) throws SQLException {
        TableSchema t = readTable(table);
        List<Filter> byId = List.of(Filter.eq("id", id));
        try (PreparedStatement ps = prepareCached("lock|" + t.name(), List.of(id), () -> {
            var select = dsl.select(allFields(t)).from(sqlTable(t)).where(db.renderer().conditions(t.name(), byId));
            return db.dialect() == org.jooq.SQLDialect.POSTGRES ? select.forNoKeyUpdate() : select.forUpdate();
        }); ResultSet rs = ps.executeQuery()) {
            return rs.next() ? db.rowReader(t).read(rs) : null;
        }
    }

    public long count(String table, List<Filter> filters) throws SQLException {
        TableSchema t = readTable(table);
        StringBuilder key = new StringBuilder("count|").append(t.name()).append('|');
        List<Object> binds = new ArrayList<>();
        boolean cacheable = db.renderer().shape(t.name(), filters, key, binds);
        try (PreparedStatement ps = prepareCached(cacheable ? key.toString() : null, binds,
                () -> dsl.selectCount().from(sqlTable(t)).where(db.renderer().conditions(t.name(), filters)));
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    public boolean exists(String table, List<Filter> filters) throws SQLException {
        TableSchema t = readTable(table);
        StringBuilder key = new StringBuilder("exists|").append(t.name()).append('|');
        List<Object> binds = new ArrayList<>();
        boolean cacheable = db.renderer().shape(t.name(), filters, key, binds);
        binds.add(1L);
        try (PreparedStatement ps = prepareCached(cacheable ? key.toString() : null, binds,
                () -> dsl.selectOne().from(sqlTable(t)).where(db.renderer().conditions(t.name(), filters)).limit(1));
             ResultSet rs = ps.executeQuery()) {
            return rs.next();
        }
    }

    /** Values of one column of the matching rows. */
    public List<Object> column(String table, String column, List<Filter> filters) throws SQLException {
        TableSchema t = readTable(table);
        StringBuilder key = new StringBuilder("column|").append(t.name()).append('|').append(column).append('|');
        List<Object> binds = new ArrayList<>();
        boolean cacheable = db.renderer().shape(t.name(), filters, key, binds);
        List<Object> values = new ArrayList<>();
        try (PreparedStatement ps = prepareCached(cacheable ? key.toString() : null, binds,
                () -> dsl.select(SqlRenderer.field(t, column)).from(sqlTable(t))
                        .where(db.renderer().conditions(t.name(), filters)));
             ResultSet rs = ps.executeQuery()) {
            RowReader.ValueReader reader = RowReader.readerFor(t.column(column));
            while (rs.next()) {
                values.add(reader.read(rs, 1));
            }
        }
        return values;
    }

    Query selectQuery(TableSchema t, List<Filter> filters, List<Order> order, int limit, int offset) {
        Condition where = db.renderer().conditions(t.name(), filters);
        List<SortField<?>> sorts = new ArrayList<>();
        for (Order o : order) {
            Field<Object> f = SqlRenderer.field(t, o.column());
            sorts.add(o.descending() ? f.desc() : f.asc());
        }
        var select = dsl.select(allFields(t)).from(sqlTable(t)).where(where).orderBy(sorts);
        if (limit > 0) {
            return select.limit(limit).offset(Math.max(0, offset));
        }
        return select;
    }

    /** A prepared select of all columns, its SQL from the shape cache when this shape was seen before. */
    private PreparedStatement prepareSelect(TableSchema t, List<Filter> filters, List<Order> order, int limit,
                                            int offset) throws SQLException {
        StringBuilder key = new StringBuilder("select|").append(t.name()).append('|');
        List<Object> binds = new ArrayList<>();
        boolean cacheable = db.renderer().shape(t.name(), filters, key, binds);
        key.append('|');
        for (Order o : order) {
            key.append(o.column()).append(o.descending() ? " d," : " a,");
        }
        if (limit > 0) {
            key.append("|limit");
            binds.add((long) Math.max(0, offset)); // jOOQ binds OFFSET then FETCH NEXT, as longs; checked before
            binds.add((long) limit);                // an entry is kept
        }
        return prepareCached(cacheable ? key.toString() : null, binds,
                () -> selectQuery(t, filters, order, limit, offset));
    }

    /**
     * Prepares the statement of {@code shape}: from the cached SQL with {@code binds}, or built by jOOQ (and offered to
     * the cache, which keeps it only if jOOQ's binds are {@code binds}). A null shape is never cached.
     */
    private PreparedStatement prepareCached(String shape, List<Object> binds, java.util.function.Supplier<Query> build)
            throws SQLException {
        String sql = shape == null ? null : db.sqlCache().get(shape);
        if (sql == null) {
            Query q = build.get();
            sql = dsl.render(q);
            List<Object> actual = q.getBindValues();
            if (shape != null) {
                db.sqlCache().offer(shape, sql, binds, actual);
            }
            binds = actual;
        }
        PreparedStatement ps = connection.prepareStatement(sql);
        try {
            bindAll(ps, binds);
            return ps;
        } catch (SQLException | RuntimeException e) {
            ps.close();
            throw e;
        }
    }

    PreparedStatement prepare(Query q) throws SQLException {
        return prepare(connection, q);
    }

    PreparedStatement prepare(Connection c, Query q) throws SQLException {
        String sql = dsl.render(q);
        List<Object> binds = q.getBindValues();
        PreparedStatement ps = c.prepareStatement(sql);
        bindAll(ps, binds);
        return ps;
    }

    // ---- writes ----------------------------------------------------------------------------------------------------

    /** Inserts a row; {@code values} maps column names to Java values (absent columns get their defaults). */
    public void insert(String table, Map<String, Object> values) throws SQLException {
        TableSchema t = table(table);
        Rendered insert = renderInsert(t, values, false);
        executeSql(t, insert.sql(), insert.binds());
    }

    /**
     * {@link #insert} answering the row as a read right after it gives it (defaults and the database's own rounding
     * applied), in the same statement: {@code SELECT ... FROM FINAL TABLE (INSERT ...)} on H2, {@code INSERT ...
     * RETURNING ...} on PostgreSQL.
     */
    public Row insertReturning(String table, Map<String, Object> values) throws SQLException {
        TableSchema t = table(table);
        Rendered insert = renderInsert(t, values, true);
        noteWritten(t);
        try (PreparedStatement ps = connection.prepareStatement(insert.sql())) {
            bindAll(ps, insert.binds());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("The insert into " + t.name() + " answered no row");
                }
                return db.rowReader(t).read(rs);
            }
        } catch (SQLException e) {
            throw writeError(t, e);
        }
    }

    /** SQL and the values it binds, in order. */
    private record Rendered(String sql, List<Object> binds) {
    }

    /**
     * An insert of {@code values} (optionally answering the inserted row, all columns in schema order). Its SQL only
     * depends on the table, its columns and the Java types of the values: rendered by jOOQ once per shape (rendering
     * was a fifth of a comment's CPU), kept only if jOOQ binds exactly the values.
     */
    private Rendered renderInsert(TableSchema t, Map<String, Object> values, boolean returning) {
        Map<Field<?>, Object> set = toFields(t, values);
        StringBuilder shape = new StringBuilder(returning ? "insert-returning|" : "insert|").append(t.name());
        List<Object> binds = new ArrayList<>(set.size());
        for (Map.Entry<Field<?>, Object> e : set.entrySet()) {
            Object v = e.getValue() instanceof org.jooq.Param<?> p ? p.getValue() : e.getValue();
            shape.append('|').append(e.getKey().getName()).append(':')
                    .append(v == null ? "null" : v.getClass().getName());
            binds.add(v);
        }
        String key = shape.toString();
        String sql = db.sqlCache().get(key);
        if (sql == null) {
            Query q = dsl.insertInto(sqlTable(t)).set(set);
            sql = dsl.render(q);
            if (returning) {
                StringBuilder columns = new StringBuilder();
                for (Column c : t.columns()) {
                    columns.append(columns.length() > 0 ? ", \"" : "\"").append(c.name()).append('"');
                }
                sql = db.dialect() == org.jooq.SQLDialect.POSTGRES ? sql + " RETURNING " + columns
                        : "SELECT " + columns + " FROM FINAL TABLE (" + sql + ")";
            }
            List<Object> actual = q.getBindValues();
            db.sqlCache().offerOrdered(key, sql, binds, actual);
            binds = actual;
        }
        return new Rendered(sql, binds);
    }

    /** Binds {@code binds} in order (a jOOQ JSONB as its text). */
    private static void bindAll(PreparedStatement ps, List<Object> binds) throws SQLException {
        for (int i = 0; i < binds.size(); i++) {
            Object v = binds.get(i);
            ps.setObject(i + 1, v instanceof JSONB j ? j.data() : v);
        }
    }

    /** Inserts link rows (e.g. task_person_link) for each {@code otherIds}, skipping nothing. */
    public void insertLinks(String table, String ownColumn, Object ownId, String otherColumn,
                            Collection<?> otherIds) throws SQLException {
        for (Object other : otherIds) {
            Map<String, Object> values = new LinkedHashMap<>();
            values.put(ownColumn, ownId);
            values.put(otherColumn, other);
            insert(table, values);
        }
    }

    /** Updates the matching rows; returns how many changed. */
    public int update(String table, Map<String, Object> values, List<Filter> filters) throws SQLException {
        if (values.isEmpty()) {
            return 0;
        }
        TableSchema t = table(table);
        Map<Field<?>, Object> set = toFields(t, values);
        // Rendered by jOOQ once per shape, as inserts are (an update's rendering was most of the jOOQ time of a
        // comment with a status change): the set values, in column order, then the filters' binds.
        StringBuilder shape = new StringBuilder("update|").append(t.name());
        List<Object> binds = new ArrayList<>(set.size() + filters.size());
        for (Map.Entry<Field<?>, Object> e : set.entrySet()) {
            Object v = e.getValue() instanceof org.jooq.Param<?> p ? p.getValue() : e.getValue();
            shape.append('|').append(e.getKey().getName()).append(':')
                    .append(v == null ? "null" : v.getClass().getName());
            binds.add(v);
        }
        int setBinds = binds.size();
        shape.append("|where|");
        boolean cacheable = db.renderer().shape(t.name(), filters, shape, binds);
        String key = shape.toString();
        String sql = cacheable ? db.sqlCache().get(key) : null;
        if (sql == null) {
            Query q = dsl.update(sqlTable(t)).set(set).where(db.renderer().conditions(t.name(), filters));
            sql = dsl.render(q);
            List<Object> actual = q.getBindValues();
            if (cacheable) {
                db.sqlCache().offerPositional(key, sql, binds, actual, setBinds);
            }
            binds = actual;
        }
        return executeSql(t, sql, binds);
    }

    public int updateById(String table, UUID id, Map<String, Object> values) throws SQLException {
        return update(table, values, List.of(Filter.eq("id", id)));
    }

    /** Deletes the matching rows; returns how many. */
    public int delete(String table, List<Filter> filters) throws SQLException {
        TableSchema t = table(table);
        // rows referencing the deleted ones may be deleted or set to null by the database (ON DELETE rules)
        for (String reached : db.deleteReach(t.name())) {
            markWritten(reached);
        }
        Condition where = db.renderer().conditions(t.name(), filters);
        return execute(t, dsl.deleteFrom(sqlTable(t)).where(where));
    }

    /** Whether this unit of work wrote {@code table} (typed writes and {@link #markWritten}). */
    public boolean wrote(String table) {
        return written != null && written.contains(table);
    }

    /** The tables written through this transaction's typed writes (empty when none). */
    java.util.Set<String> writtenTables() {
        return written == null ? java.util.Set.of() : written;
    }

    /** Remembers a written table: after the commit the database tells its listeners (e.g. the token-state cache). */
    private void noteWritten(TableSchema t) {
        markWritten(t.name());
    }

    /**
     * Reports {@code table} as written by this unit of work although no typed write touched it: for state derived
     * from a table that changes beside it (e.g. the picture files of a preview file, replaced without a write to its
     * row). Its listeners are told after the commit, as for a typed write.
     */
    public void markWritten(String table) {
        if (written == null) {
            written = new java.util.HashSet<>(4);
        }
        written.add(table);
    }

    /** Runs a write; database constraint failures become client errors naming the violated fields. */
    private int execute(TableSchema t, Query q) throws SQLException {
        noteWritten(t);
        try (PreparedStatement ps = prepare(q)) {
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw writeError(t, e);
        } catch (DataAccessException e) {
            SQLException cause = e.getCause(SQLException.class);
            throw cause != null ? cause : new SQLException(e.getMessage(), e);
        }
    }

    /** {@link #execute(TableSchema, Query)} of SQL already rendered, with its binds. */
    private int executeSql(TableSchema t, String sql, List<Object> binds) throws SQLException {
        noteWritten(t);
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            bindAll(ps, binds);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw writeError(t, e);
        }
    }

    /** The client error a failed write means (thrown), else the failure itself to rethrow. */
    private static SQLException writeError(TableSchema t, SQLException e) {
        if (DbErrors.isRetryable(e)) {
            return e;
        }
        ZouException client = DbErrors.toClientError(e, t);
        if (client != null) {
            throw client;
        }
        return e;
    }

    private static Map<Field<?>, Object> toFields(TableSchema t, Map<String, Object> values) {
        Map<Field<?>, Object> set = new LinkedHashMap<>();
        values.forEach((k, v) -> {
            Field<Object> f = SqlRenderer.field(t, k);
            Object value = v instanceof RawJson json ? JSONB.valueOf(json.text()) : v;
            set.put(f, value == null ? null : DSL.val(value, f.getDataType()));
        });
        return set;
    }

    /** Opens a forward-only cursor over the matching rows on this transaction's connection. */
    public RowCursor stream(String table, List<Filter> filters, List<Order> order, int limit, int offset)
            throws SQLException {
        TableSchema t = readTable(table);
        PreparedStatement ps = prepareSelect(t, filters, order, limit, offset);
        try {
            ps.setFetchSize(500);
            return new RowCursor(t, ps, ps.executeQuery());
        } catch (SQLException | RuntimeException e) {
            ps.close();
            throw e;
        }
    }

    /**
     * Opens a forward-only cursor over a hand-written SELECT (for joined views that one table's filters cannot
     * express), its parameters bound, never concatenated. The caller reads the {@link java.sql.ResultSet} and closes
     * the cursor.
     */
    public SqlCursor query(String sql, List<?> binds) throws SQLException {
        db.noteUnknownRead();
        PreparedStatement ps = connection.prepareStatement(sql);
        try {
            for (int i = 0; i < binds.size(); i++) {
                ps.setObject(i + 1, binds.get(i));
            }
            ps.setFetchSize(500);
            return new SqlCursor(ps, ps.executeQuery());
        } catch (SQLException | RuntimeException e) {
            ps.close();
            throw e;
        }
    }

    /** A statement and its open result set, closed together. */
    public record SqlCursor(PreparedStatement statement, ResultSet resultSet) implements AutoCloseable {
        /** Advances to the next row; false at the end. */
        public boolean next() throws SQLException {
            return resultSet.next();
        }

        @Override
        public void close() {
            try (PreparedStatement s = statement; ResultSet r = resultSet) {
                // closed by try-with-resources
            } catch (SQLException e) {
                // nothing more to release
            }
        }
    }

    /** Reads the rows of a raw query; {@code sql} takes bound parameters only ({@code ?}). */
    @FunctionalInterface
    public interface ResultWork<T> {
        T read(ResultSet rs) throws SQLException;
    }

    /**
     * Runs a raw read on this transaction's connection, for the joins the typed reads cannot express (e.g. lists
     * ordered by related names). Only bound parameters: never concatenate values into {@code sql}.
     */
    public <T> T query(String sql, List<Object> params, ResultWork<T> work) throws SQLException {
        db.noteUnknownRead();
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.size(); i++) {
                ps.setObject(i + 1, params.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                return work.read(rs);
            }
        }
    }

    /**
     * The select list of all of {@code table}'s columns, in schema order, each qualified with {@code alias} and quoted,
     * for hand-written joins whose first columns are read back with {@link #readRow}.
     */
    public String selectList(String table, String alias) {
        TableSchema t = table(table);
        StringBuilder sb = new StringBuilder();
        for (Column c : t.columns()) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(alias).append(".\"").append(c.name()).append('"');
        }
        return sb.toString();
    }

    /** The row of {@code table} in the first columns of the current result row (selected by {@link #selectList}). */
    public Row readRow(String table, ResultSet rs) throws SQLException {
        return db.rowReader(table(table)).read(rs);
    }

    /** A sort key. */
    public record Order(String column, boolean descending) {
        public static Order asc(String column) {
            return new Order(column, false);
        }

        public static Order desc(String column) {
            return new Order(column, true);
        }
    }
}
