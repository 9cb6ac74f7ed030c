package org.zou4j.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.Assumptions;
import org.postgresql.ds.PGConnectionPoolDataSource;
import org.zou4j.storage.SqlDialect;
import org.zou4j.storage.StorageBackend;

/**
 * PostgreSQL backends for core's tests, on the server named by {@code ZOU_TEST_PG_URL} (skipped, with the reason
 * printed, when it is unset). {@link #createDatabase()} makes a fresh database; each {@link #open} gives an
 * independent pool on it, as separate engine instances would have. (Core cannot use storage-postgres, which depends on
 * it; H2's small connection pool serves here.)
 */
public final class PgTestStorage implements StorageBackend {
    public static final String ENV = "ZOU_TEST_PG_URL";

    private final JdbcConnectionPool pool;
    private final String database;

    private PgTestStorage(String url, String database) {
        PGConnectionPoolDataSource ds = new PGConnectionPoolDataSource();
        ds.setURL(url);
        this.pool = JdbcConnectionPool.create(ds);
        this.pool.setMaxConnections(16);
        this.database = database;
    }

    /** The server URL, or aborts the test (reported as skipped) when {@value #ENV} is unset. */
    public static String serverUrlOrSkip(String what) {
        String url = System.getenv(ENV);
        if (url == null || url.isBlank()) {
            System.out.println(what + ": " + ENV + " is not set; PostgreSQL part skipped.");
            Assumptions.abort(ENV + " is not set (e.g. jdbc:postgresql://127.0.0.1:54333/postgres?user=postgres)");
        }
        return url;
    }

    /** Creates a fresh database on the server; returns its JDBC URL. */
    public static String createDatabase(String serverUrl) throws SQLException {
        String name = "zou4j_ev_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12)
                .toLowerCase(Locale.ROOT);
        try (Connection c = DriverManager.getConnection(serverUrl); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        int slash = serverUrl.indexOf('/', "jdbc:postgresql://".length());
        int query = serverUrl.indexOf('?');
        return serverUrl.substring(0, slash + 1) + name + (query < 0 ? "" : serverUrl.substring(query));
    }

    /** Drops a database made by {@link #createDatabase}. */
    public static void dropDatabase(String serverUrl, String databaseUrl) throws SQLException {
        String name = databaseUrl.substring(databaseUrl.indexOf('/', "jdbc:postgresql://".length()) + 1);
        int query = name.indexOf('?');
        name = query < 0 ? name : name.substring(0, query);
        try (Connection c = DriverManager.getConnection(serverUrl); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }

    /** A new pool on {@code databaseUrl}. */
    public static PgTestStorage open(String databaseUrl) {
        return new PgTestStorage(databaseUrl, databaseUrl.replaceAll("\\?.*", ""));
    }

    @Override
    public SqlDialect dialect() {
        return SqlDialect.POSTGRES;
    }

    @Override
    public DataSource dataSource() {
        return pool;
    }

    @Override
    public String description() {
        return "PostgreSQL " + database;
    }

    @Override
    public void close() {
        pool.dispose();
    }
}
