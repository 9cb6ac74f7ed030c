package org.zou4j.testing;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcConnectionPool;
import org.zou4j.storage.SqlDialect;
import org.zou4j.storage.StorageBackend;

/** A private in-memory H2 backend for core's own tests (core cannot depend on storage-h2). */
public final class TestStorage implements StorageBackend {
    private final JdbcConnectionPool pool;
    private final String name = "core-test-" + UUID.randomUUID();

    public TestStorage() {
        pool = JdbcConnectionPool.create("jdbc:h2:mem:" + name
                + ";DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1", "sa", "");
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
        return "H2 in-memory " + name;
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
