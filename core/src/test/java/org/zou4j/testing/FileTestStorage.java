package org.zou4j.testing;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcConnectionPool;
import org.zou4j.storage.SqlDialect;
import org.zou4j.storage.StorageBackend;

/** A file-based H2 backend for core's tests that need data to survive an engine restart. */
public final class FileTestStorage implements StorageBackend {
    private final JdbcConnectionPool pool;
    private final Path file;

    /** A database at {@code dir/zou} (created on first use). */
    public FileTestStorage(Path dir) {
        this.file = dir.resolve("zou");
        pool = JdbcConnectionPool.create("jdbc:h2:file:" + file.toAbsolutePath()
                + ";DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH", "sa", "");
        pool.setMaxConnections(16);
    }

    @Override
    public SqlDialect dialect() {
        return SqlDialect.H2;
    }

    @Override
    public DataSource dataSource() {
        return pool;
    }

    @Override
    public String description() {
        return "H2 file " + file;
    }

    @Override
    public void close() {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.execute("SHUTDOWN");
        } catch (SQLException ignored) {
            // already gone
        } finally {
            pool.dispose();
        }
    }
}
