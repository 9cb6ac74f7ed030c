package org.zou4j.testing;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcConnectionPool;
import org.zou4j.storage.SqlDialect;
import org.zou4j.storage.StorageBackend;

/**
 * An H2 backend for core's own tests (core cannot depend on storage-h2): a pool over {@code url} with Zou's H2
 * options. Only an {@code owner} shuts the database down when closed, so other storages over the same named database
 * keep it.
 */
public class H2TestStorage implements StorageBackend {
    /** What every test database is opened with (lower-case names, PostgreSQL's NULL ordering). */
    public static final String OPTIONS = ";DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";

    private final JdbcConnectionPool pool;
    private final String description;
    private final boolean owner;

    private final boolean soleWriter;

    protected H2TestStorage(String url, String description, boolean owner) {
        this(url, description, owner, false);
    }

    /** {@code soleWriter}: declared as written by one engine alone, as {@code H2Storage} is (its caches then hold). */
    protected H2TestStorage(String url, String description, boolean owner, boolean soleWriter) {
        this.description = description;
        this.owner = owner;
        this.soleWriter = soleWriter;
        this.pool = JdbcConnectionPool.create(url, "sa", "");
        pool.setMaxConnections(16);
    }

    @Override
    public final SqlDialect dialect() {
        return SqlDialect.H2;
    }

    @Override
    public final DataSource dataSource() {
        return pool;
    }

    @Override
    public final boolean soleWriter() {
        return soleWriter;
    }

    @Override
    public final String description() {
        return description;
    }

    @Override
    public final void close() {
        if (owner) {
            try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
                s.execute("SHUTDOWN");
            } catch (SQLException ignored) {
                // already gone
            }
        }
        pool.dispose();
    }
}
