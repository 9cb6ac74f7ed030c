package org.zou4j.storage.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.zou4j.storage.SqlDialect;
import org.zou4j.storage.StorageBackend;

/**
 * JUnit 5 extension that gives each test class its own fresh PostgreSQL database, created on the server named by
 * {@value #ENV} and dropped after the class. Without that variable the class is skipped (and the reason printed).
 *
 * <pre>{@code
 * @ExtendWith(PostgresTestDatabase.class)
 * class SomethingOnPostgresTest {
 *     @Test
 *     void works(PostgresStorage storage) { ... }           // one pool per class, closed after the class
 *
 *     @Test
 *     void raw(PostgresTestDatabase.Database db) { ... }    // db.name(), db.jdbcUrl() for your own connections
 * }
 * }</pre>
 * Parameters can be injected into {@code @BeforeAll}, {@code @BeforeEach} and test methods and constructors.
 * A server URL that is set but does not answer fails the class rather than skipping it.
 */
public final class PostgresTestDatabase implements BeforeAllCallback, ParameterResolver {
    /** Environment variable holding the server URL, e.g. {@code jdbc:postgresql://127.0.0.1:5432/db?user=postgres}. */
    public static final String ENV = "ZOU_TEST_PG_URL";
    /** Why PostgreSQL tests are skipped when no server is configured. */
    public static final String SKIP_REASON = "ZOU_TEST_PG_URL not set: PostgreSQL tests skipped";

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(PostgresTestDatabase.class);
    private static final String KEY = "database";

    /** A per-class database: its name and a JDBC URL (with the server URL's credentials) that reaches it. */
    public record Database(String name, String jdbcUrl) {
        @Override
        public String toString() {
            // The URL may carry a password.
            return "Database[" + name + "]";
        }
    }

    /** The server URL from {@value #ENV}; aborts the calling test or class (reported as skipped) when unset. */
    public static String serverUrlOrSkip() {
        String url = System.getenv(ENV);
        boolean present = url != null && !url.isBlank();
        if (!present) {
            System.out.println(SKIP_REASON);
        }
        Assumptions.assumeTrue(present, SKIP_REASON);
        System.out.println("PostgreSQL tests use " + ENV + " -> " + PgUrl.parse(url).address());
        return url;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws SQLException {
        String serverUrl = serverUrlOrSkip();
        Database database = createDatabase(serverUrl);
        context.getStore(NAMESPACE).put(KEY, new ClassDatabase(serverUrl, database));
        System.out.println("PostgreSQL test database " + database.name() + " created for " + context.getDisplayName());
    }

    /**
     * A fresh, empty database of its own on the server of {@value #ENV} (skipping the caller when unset); the caller
     * drops it with {@link Dropping#close()}. For tests that need several databases, or processes sharing one.
     */
    public static Dropping newDatabase() {
        String serverUrl = serverUrlOrSkip();
        try {
            return new Dropping(serverUrl, createDatabase(serverUrl));
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create a test database: " + e.getMessage(), e);
        }
    }

    /**
     * A storage on a fresh, empty database of its own, dropped when the storage is closed (by the engine that owns
     * it). Skips the caller when {@value #ENV} is unset.
     */
    public static StorageBackend newStorage() {
        Dropping database = newDatabase();
        try {
            PostgresStorage storage = PostgresStorage.builder(database.database().jdbcUrl()).maximumPoolSize(8)
                    .build();
            return new DroppingStorage(storage, database);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    private static Database createDatabase(String serverUrl) throws SQLException {
        String name = "zou4j_t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16)
                .toLowerCase(Locale.ROOT);
        execute(serverUrl, "CREATE DATABASE " + name);
        PgUrl server = PgUrl.parse(serverUrl);
        int query = serverUrl.indexOf('?');
        String url = "jdbc:postgresql://" + String.join(",", server.hostPorts()) + "/" + name
                + (query < 0 ? "" : serverUrl.substring(query));
        return new Database(name, url);
    }

    /** A database created by {@link #newDatabase()}; closing drops it (ending any connection still open). */
    public static final class Dropping implements AutoCloseable {
        private final String serverUrl;
        private final Database database;
        private boolean dropped;

        private Dropping(String serverUrl, Database database) {
            this.serverUrl = serverUrl;
            this.database = database;
        }

        public Database database() {
            return database;
        }

        /** The JDBC URL of this database, with the server URL's user (and password, if any). */
        public String jdbcUrl() {
            return database.jdbcUrl();
        }

        @Override
        public synchronized void close() {
            if (dropped) {
                return;
            }
            dropped = true;
            try {
                execute(serverUrl, "DROP DATABASE IF EXISTS " + database.name() + " WITH (FORCE)");
            } catch (SQLException e) {
                throw new IllegalStateException("Cannot drop " + database.name() + ": " + e.getMessage(), e);
            }
        }

        @Override
        public String toString() {
            return database.toString();
        }
    }

    /** A PostgresStorage that drops its database when closed. */
    private static final class DroppingStorage implements StorageBackend {
        private final PostgresStorage storage;
        private final Dropping database;

        DroppingStorage(PostgresStorage storage, Dropping database) {
            this.storage = storage;
            this.database = database;
        }

        @Override
        public SqlDialect dialect() {
            return storage.dialect();
        }

        @Override
        public DataSource dataSource() {
            return storage.dataSource();
        }

        @Override
        public String description() {
            return storage.description();
        }

        @Override
        public boolean isShared() {
            return storage.isShared();
        }

        @Override
        public void close() {
            try {
                storage.close();
            } finally {
                database.close();
            }
        }

        @Override
        public String toString() {
            return storage.toString();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == Database.class || type == PostgresStorage.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        ClassDatabase database = context.getStore(NAMESPACE).get(KEY, ClassDatabase.class);
        if (database == null) {
            throw new ParameterResolutionException("PostgresTestDatabase must be registered on the test class");
        }
        return parameter.getParameter().getType() == Database.class ? database.database : database.storage();
    }

    private static void execute(String serverUrl, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(serverUrl);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** The database of one test class and its lazily opened storage; closed by JUnit after the class. */
    private static final class ClassDatabase implements AutoCloseable {
        private final String serverUrl;
        private final Database database;
        private PostgresStorage storage;

        ClassDatabase(String serverUrl, Database database) {
            this.serverUrl = serverUrl;
            this.database = database;
        }

        synchronized PostgresStorage storage() {
            if (storage == null) {
                // Small pool: many test classes share one server and its max_connections.
                storage = PostgresStorage.builder(database.jdbcUrl()).maximumPoolSize(4).build();
            }
            return storage;
        }

        @Override
        public synchronized void close() throws SQLException {
            if (storage != null) {
                storage.close();
            }
            // FORCE ends connections a test forgot to close, so the drop cannot fail on them.
            execute(serverUrl, "DROP DATABASE IF EXISTS " + database.name() + " WITH (FORCE)");
        }
    }
}
