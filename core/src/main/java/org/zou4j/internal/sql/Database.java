package org.zou4j.internal.sql;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jooq.SQLDialect;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.exception.DataAccessException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zou4j.ZouException;
import org.zou4j.internal.schema.Schema;
import org.zou4j.storage.StorageBackend;

/**
 * The engine's access to its SQL storage: migrations, the schema, and transactions. One per engine; thread-safe.
 */
public final class Database {
    private static final Logger LOG = LoggerFactory.getLogger(Database.class);
    private static final int MAX_ATTEMPTS = 5;

    private final StorageBackend backend;
    private final DataSource dataSource;
    private final SQLDialect dialect;
    private final Settings settings;
    private final Schema schema;
    private final SqlRenderer renderer;
    private final SqlCache sqlCache = new SqlCache();
    /** One row reader per table (the schema is fixed once the database is open). */
    private final java.util.concurrent.ConcurrentHashMap<String, RowReader> rowReaders =
            new java.util.concurrent.ConcurrentHashMap<>();

    /** Told, on the committing thread, which tables a committed unit of work wrote (typed writes and reported ones). */
    private final java.util.List<java.util.function.Consumer<java.util.Set<String>>> writeListeners =
            new java.util.concurrent.CopyOnWriteArrayList<>();
    /**
     * The tables read on each thread while a read capture is open ({@link #captureReads}); null when none is. Per
     * engine (an instance field), so two engines in one JVM never see each other's reads.
     */
    private final ThreadLocal<ReadCapture> readCapture = new ThreadLocal<>();
    /** Rows of reference tables kept between transactions (null unless this engine is the storage's sole writer). */
    private final RowCache rowCache;
    /** Shares one commit between concurrent short writes (null: every transaction commits alone). */
    private final GroupCommit groupCommit;
    /** For each table, the tables whose rows a delete of its rows may also change (ON DELETE CASCADE / SET NULL). */
    private final Map<String, java.util.Set<String>> deleteReach;

    private Database(StorageBackend backend, Schema schema) {
        this.backend = backend;
        this.dataSource = backend.dataSource();
        this.dialect = switch (backend.dialect()) {
            case H2 -> SQLDialect.H2;
            case POSTGRES -> SQLDialect.POSTGRES;
        };
        this.settings = new Settings()
                .withRenderQuotedNames(RenderQuotedNames.EXPLICIT_DEFAULT_QUOTED)
                .withExecuteLogging(false)
                .withRenderSchema(false);
        this.schema = schema;
        this.renderer = new SqlRenderer(schema);
        this.deleteReach = deleteReach(schema);
        // H2 stores every commit as a new chunk of the pages it changed: grouping concurrent commits saves most of
        // that work. PostgreSQL already shares one WAL flush between concurrent commits, and several instances may
        // write there, where a group's longer-held locks would cost more than they save.
        this.groupCommit = backend.dialect() == org.zou4j.storage.SqlDialect.H2 ? new GroupCommit(this) : null;
        this.rowCache = backend.soleWriter() ? new RowCache() : null;
        if (rowCache != null) {
            writeListeners.add(rowCache::tablesWritten);
        }
    }

    RowCache rowCache() {
        return rowCache;
    }

    /**
     * Forgets the rows kept between transactions: for writes made behind the engine's back (see
     * {@code StorageBackend#soleWriter}), through the read cache's {@code invalidateAll}.
     */
    public void forgetCachedRows() {
        if (rowCache != null) {
            rowCache.forgetAll();
        }
    }

    /**
     * The tables that reference each table, transitively: a delete may cascade (or set null) into all of them, so a
     * delete reports them as written too (over-approximated: every single-column foreign key is followed, whatever its
     * ON DELETE rule; a key that does not cascade makes the delete fail instead, which writes nothing).
     */
    private static Map<String, java.util.Set<String>> deleteReach(Schema schema) {
        Map<String, java.util.Set<String>> referencedBy = new java.util.HashMap<>();
        for (org.zou4j.internal.schema.TableSchema t : schema.tables().values()) {
            for (String target : t.foreignKeys().values()) {
                referencedBy.computeIfAbsent(target, k -> new java.util.HashSet<>()).add(t.name());
            }
        }
        Map<String, java.util.Set<String>> reach = new java.util.HashMap<>();
        for (String table : schema.tables().keySet()) {
            java.util.Set<String> seen = new java.util.TreeSet<>();
            java.util.ArrayDeque<String> todo = new java.util.ArrayDeque<>(List.of(table));
            while (!todo.isEmpty()) {
                for (String r : referencedBy.getOrDefault(todo.pop(), java.util.Set.of())) {
                    if (seen.add(r)) {
                        todo.push(r);
                    }
                }
            }
            seen.remove(table);
            reach.put(table, java.util.Set.copyOf(seen));
        }
        return Map.copyOf(reach);
    }

    /** The tables a delete from {@code table} may also write through foreign keys (not {@code table} itself). */
    java.util.Set<String> deleteReach(String table) {
        return deleteReach.getOrDefault(table, java.util.Set.of());
    }

    /**
     * How many times (one second apart) an instance retries Flyway's lock while another instance migrates the same
     * database: instances starting together wait up to ten minutes for a long migration instead of failing after
     * Flyway's default fifty seconds.
     */
    static final int MIGRATION_LOCK_RETRIES = 600;

    /**
     * Migrates the storage to the newest schema and reads it. Safe when several instances start at once on one
     * database: on PostgreSQL, Flyway serializes them with an advisory lock; the others wait, then find the schema
     * up to date.
     */
    public static Database open(StorageBackend backend) {
        Map<String, String> placeholders = backend.migrationPlaceholders();
        Flyway.configure(Database.class.getClassLoader())
                .dataSource(backend.migrationDataSource())
                .locations("classpath:db/migration")
                .placeholders(placeholders)
                .lockRetryCount(MIGRATION_LOCK_RETRIES)
                .loggers("slf4j")
                .load()
                .migrate();
        try (Connection c = backend.dataSource().getConnection()) {
            return new Database(backend, Schema.read(c));
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the schema of " + backend.description(), e);
        }
    }

    public Schema schema() {
        return schema;
    }

    public StorageBackend backend() {
        return backend;
    }

    SqlRenderer renderer() {
        return renderer;
    }

    RowReader rowReader(org.zou4j.internal.schema.TableSchema table) {
        RowReader r = rowReaders.get(table.name());
        return r != null ? r : rowReaders.computeIfAbsent(table.name(), k -> new RowReader(table));
    }

    SqlCache sqlCache() {
        return sqlCache;
    }

    SQLDialect dialect() {
        return dialect;
    }

    Settings settings() {
        return settings;
    }

    DataSource dataSource() {
        return dataSource;
    }

    /**
     * Adds a listener told, right after each commit on the committing thread and before the write is answered, which
     * tables the transaction wrote through {@link Tx}'s typed writes, and which tables the writers outside {@code Tx}
     * reported ({@link #tablesWritten}) (e.g. to drop cached state derived from them). Must return quickly.
     */
    public void onCommittedWrites(java.util.function.Consumer<java.util.Set<String>> listener) {
        writeListeners.add(java.util.Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Reports tables written and committed outside {@link Tx}'s typed writes (the auth stores' and the event log's own
     * SQL, table copies): every write path must report what it wrote, or the caches derived from those tables (token
     * states, the read cache) would keep serving the old rows. Call it after the commit, before answering.
     */
    public void tablesWritten(java.util.Set<String> tables) {
        if (!tables.isEmpty()) {
            for (java.util.function.Consumer<java.util.Set<String>> l : writeListeners) {
                l.accept(tables);
            }
        }
    }

    /**
     * Runs one hand-written write statement ({@code INSERT}/{@code UPDATE}/{@code DELETE}) in auto-commit mode on a
     * connection of its own, parameters bound in order, and reports the table it wrote ({@link WrittenTables}) once it
     * committed: the stores that keep their own SQL beside {@link Tx} (auth, two-factor, OIDC, SAML) write through it.
     *
     * @return the number of rows written
     */
    public int autoCommitUpdate(String sql, Object... params) {
        try (Connection c = dataSource.getConnection(); java.sql.PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            int n = ps.executeUpdate();
            if (n > 0) {
                tablesWritten(WrittenTables.of(sql));
            }
            return n;
        } catch (SQLException e) {
            throw translate(e);
        }
    }

    /** {@link #tablesWritten(java.util.Set)} of some tables. */
    public void tablesWritten(String... tables) {
        tablesWritten(java.util.Set.of(tables));
    }

    void written(Tx tx) {
        tablesWritten(tx.writtenTables());
    }

    /** The tables read by {@link Tx}s on one thread while a capture is open; {@code unknown} after a raw query. */
    public static final class ReadCapture {
        private final java.util.Set<String> tables = new java.util.HashSet<>();
        private boolean unknown;

        /** The tables read through typed reads. */
        public java.util.Set<String> tables() {
            return tables;
        }

        /** Whether a raw (hand-written) query ran, whose tables are not known. */
        public boolean unknown() {
            return unknown;
        }
    }

    /**
     * Starts recording, on this thread, which tables this database's {@link Tx}s read (typed reads by table; a raw
     * query marks the capture as unknown). Close with {@link #endCapture}. Captures do not nest: a new one replaces
     * the current one.
     */
    public ReadCapture captureReads() {
        ReadCapture c = new ReadCapture();
        readCapture.set(c);
        return c;
    }

    /** Stops the capture of this thread. */
    public void endCapture() {
        readCapture.remove();
    }

    /** Takes this thread's capture away while it runs other callers' work (a group commit); null when none. */
    ReadCapture suspendCapture() {
        ReadCapture c = readCapture.get();
        readCapture.remove();
        return c;
    }

    /** Gives back what {@link #suspendCapture} took. */
    void resumeCapture(ReadCapture c) {
        if (c != null) {
            readCapture.set(c);
        }
    }

    void noteRead(String table) {
        ReadCapture c = readCapture.get();
        if (c != null) {
            c.tables.add(table);
        }
    }

    void noteUnknownRead() {
        ReadCapture c = readCapture.get();
        if (c != null) {
            c.unknown = true;
        }
    }

    /** Work done in one transaction. */
    @FunctionalInterface
    public interface TxWork<T> {
        T run(Tx tx) throws SQLException;
    }

    /**
     * Runs {@code work} in a transaction, committed when it returns, rolled back when it throws. Serialization
     * failures and deadlocks are retried a few times, so concurrent writers never lose an acknowledged change.
     */
    public <T> T inTransaction(TxWork<T> work) {
        for (int attempt = 1; ; attempt++) {
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(false);
                Tx tx = new Tx(this, c);
                try {
                    T result = work.run(tx);
                    tx.beforeCommit();
                    c.commit();
                    written(tx);
                    tx.afterCommit();
                    return result;
                } catch (Throwable t) {
                    rollbackQuietly(c);
                    throw t;
                } finally {
                    c.setAutoCommit(true);
                }
            } catch (SQLException e) {
                if (DbErrors.isRetryable(e) && attempt < MAX_ATTEMPTS) {
                    LOG.debug("Retrying transaction after {}", e.getSQLState());
                    continue;
                }
                throw translate(e);
            } catch (DataAccessException e) {
                SQLException cause = e.getCause(SQLException.class);
                if (cause != null && DbErrors.isRetryable(cause) && attempt < MAX_ATTEMPTS) {
                    continue;
                }
                throw asFailure(e);
            }
        }
    }

    /**
     * Runs a short write {@code work} in a transaction that may share its commit with other short writes running at
     * the same moment ({@link GroupCommit}): what the work sees, writes and answers is what {@link #inTransaction}
     * gives, only cheaper under concurrent writes where commits are costly (H2). For work that is short and waits on
     * nothing outside the database (no network call, no long computation): the writes grouped with it wait for it.
     * Elsewhere, and when called from inside a group, it is {@link #inTransaction}.
     */
    public <T> T inShortTransaction(TxWork<T> work) {
        if (groupCommit == null || groupCommit.runningGroupHere()) {
            return inTransaction(work);
        }
        return groupCommit.run(work);
    }

    /** How many short transactions wait for their group to start (0 without group commit); for tests. */
    int groupCommitQueued() {
        return groupCommit == null ? 0 : groupCommit.queued();
    }

    /** What a failed unit of work reports: SQL errors translated, other runtime failures unchanged. */
    static RuntimeException asFailure(Throwable t) {
        if (t instanceof SQLException e) {
            return translate(e);
        }
        if (t instanceof DataAccessException e) {
            SQLException cause = e.getCause(SQLException.class);
            return cause != null ? translate(cause) : ZouException.internal("Storage failure", e);
        }
        if (t instanceof RuntimeException e) {
            return e;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return ZouException.internal("Storage failure", t);
    }

    /** Runs read-only {@code work} on a connection in auto-commit mode. */
    public <T> T read(TxWork<T> work) {
        try (Connection c = dataSource.getConnection()) {
            Tx tx = new Tx(this, c);
            T result = work.run(tx);
            written(tx); // auto-commit: a write here is already committed
            return result;
        } catch (SQLException e) {
            throw translate(e);
        } catch (DataAccessException e) {
            SQLException cause = e.getCause(SQLException.class);
            throw cause != null ? translate(cause) : ZouException.internal("Storage failure", e);
        }
    }

    /**
     * Opens a read-only transaction for a streaming read that outlives this call (e.g. a list written to a socket
     * after the handler returns); the caller closes it.
     */
    public ReadTx openReadTx() {
        try {
            Connection c = dataSource.getConnection();
            try {
                // PostgreSQL only streams with a cursor inside a transaction; elsewhere this is harmless.
                c.setAutoCommit(false);
                c.setReadOnly(true);
                return new ReadTx(new Tx(this, c), c);
            } catch (SQLException e) {
                c.close();
                throw e;
            }
        } catch (SQLException e) {
            throw translate(e);
        }
    }

    /** A read-only transaction owning its connection. */
    public static final class ReadTx implements AutoCloseable {
        private final Tx tx;
        private final Connection connection;

        private ReadTx(Tx tx, Connection connection) {
            this.tx = tx;
            this.connection = connection;
        }

        public Tx tx() {
            return tx;
        }

        @Override
        public void close() {
            try (Connection c = connection) {
                c.rollback();
                c.setReadOnly(false);
                c.setAutoCommit(true);
            } catch (SQLException e) {
                LOG.warn("Closing a read transaction failed: {}", e.getMessage());
            }
        }
    }

    static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException e) {
            LOG.warn("Rollback failed: {}", e.getMessage());
        }
    }

    /** A database error as the engine reports it: a client error when it is one, else an internal error. */
    public static RuntimeException translate(SQLException e) {
        ZouException client = DbErrors.toClientError(e, null);
        if (client != null) {
            return client;
        }
        return ZouException.internal("Storage failure (SQLSTATE " + e.getSQLState() + ")", e);
    }
}
