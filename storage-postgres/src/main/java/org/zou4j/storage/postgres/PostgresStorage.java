package org.zou4j.storage.postgres;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;
import org.zou4j.storage.SqlDialect;
import org.zou4j.storage.StorageBackend;

/**
 * Storage on a PostgreSQL server (15 or newer) that several engine instances may share.
 *
 * <pre>{@code
 * StorageBackend storage = PostgresStorage.connect("jdbc:postgresql://db:5432/zou?user=zou", "zou", password);
 * StorageBackend tuned = PostgresStorage.builder(url).maximumPoolSize(20).applicationName("kitsu-api").build();
 * }</pre>
 *
 * <p>Connections come from a HikariCP pool, in auto-commit mode, with batched inserts rewritten into multi-row
 * inserts and a server-side statement timeout. Opening checks one connection, so an unreachable server fails at
 * once with a {@link PostgresConnectionException}. The password is never part of {@link #description()},
 * {@link #toString()} or any message.
 */
public final class PostgresStorage implements StorageBackend {
    /** Environment variable read by {@link #fromEnvironment} for the user when the URL names none. */
    public static final String ENV_USER = "ZOU_DB_USER";
    /** Environment variable read by {@link #fromEnvironment} for the password when the URL carries none. */
    public static final String ENV_PASSWORD = "ZOU_DB_PASSWORD";

    private final HikariDataSource pool;
    private final HikariDataSource migrationPool;
    private final String description;

    private PostgresStorage(HikariDataSource pool, HikariDataSource migrationPool, PgUrl url) {
        this.pool = pool;
        this.migrationPool = migrationPool;
        this.description = "PostgreSQL " + url.address();
    }

    /** Connects with the user and password given in the URL ({@code ?user=...&password=...}), if any. */
    public static PostgresStorage connect(String jdbcUrl) {
        return builder(jdbcUrl).build();
    }

    /**
     * Connects as {@code user} with {@code password}; each, when null, falls back to the URL's. The password array is
     * copied and may be cleared by the caller afterwards.
     */
    public static PostgresStorage connect(String jdbcUrl, String user, char[] password) {
        return builder(jdbcUrl).user(user).password(password).build();
    }

    /**
     * Connects with the user and password of the URL or, where the URL has none, of {@value #ENV_USER} and
     * {@value #ENV_PASSWORD} in {@code env} (typically {@code System.getenv()}, passed by the application).
     */
    public static PostgresStorage fromEnvironment(String jdbcUrl, Map<String, String> env) {
        Objects.requireNonNull(env, "env");
        PgUrl url = PgUrl.parse(jdbcUrl);
        Builder builder = new Builder(url);
        if (url.user() == null) {
            builder.user(blankToNull(env.get(ENV_USER)));
        }
        String password = blankToNull(env.get(ENV_PASSWORD));
        if (url.password() == null && password != null) {
            builder.password(password.toCharArray());
        }
        return builder.build();
    }

    /** A builder for pool size, timeouts and application name; the URL is checked now. */
    public static Builder builder(String jdbcUrl) {
        return new Builder(PgUrl.parse(jdbcUrl));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    @Override
    public SqlDialect dialect() {
        return SqlDialect.POSTGRES;
    }

    @Override
    public DataSource dataSource() {
        return pool;
    }

    /**
     * Connections for the migrations at start-up: like {@link #dataSource()} but without a statement timeout, so a
     * long migration step is never cancelled. Opened on first use; idle connections close after ten seconds.
     */
    @Override
    public DataSource migrationDataSource() {
        return migrationPool;
    }

    /** {@code PostgreSQL host:port/database}: no user, no password. */
    @Override
    public String description() {
        return description;
    }

    @Override
    public boolean isShared() {
        return true;
    }

    /** Closes the pool; connections still borrowed are closed when returned. Safe to call twice. */
    @Override
    public void close() {
        try {
            migrationPool.close();
        } finally {
            pool.close();
        }
    }

    @Override
    public String toString() {
        return "PostgresStorage[" + description + "]";
    }

    /** Settings of a {@link PostgresStorage}; {@link #build()} opens the pool. Not thread-safe. */
    public static final class Builder {
        private final PgUrl url;
        private String user;
        private char[] password;
        private int maximumPoolSize = 10;
        private Duration connectionTimeout = Duration.ofSeconds(10);
        private Duration statementTimeout = Duration.ofSeconds(60);
        private String applicationName;

        private Builder(PgUrl url) {
            this.url = url;
        }

        /** The user to connect as; null (the default) uses the URL's. */
        public Builder user(String user) {
            this.user = user;
            return this;
        }

        /** The password, copied; null (the default) uses the URL's. */
        public Builder password(char[] password) {
            this.password = password == null ? null : password.clone();
            return this;
        }

        /** Most connections open at once (default 10). */
        public Builder maximumPoolSize(int size) {
            if (size < 1) {
                throw new IllegalArgumentException("maximumPoolSize must be at least 1, not " + size);
            }
            this.maximumPoolSize = size;
            return this;
        }

        /** Longest wait to open a connection or to borrow one from a busy pool (default 10 s, at least 250 ms). */
        public Builder connectionTimeout(Duration timeout) {
            if (timeout == null || timeout.toMillis() < 250) {
                throw new IllegalArgumentException("connectionTimeout must be at least 250 ms");
            }
            this.connectionTimeout = timeout;
            return this;
        }

        /**
         * Server-side limit on one statement (default 60 s; {@link Duration#ZERO} for none). A
         * {@code statement_timeout} in the URL's {@code options} wins. Migrations at start-up run without it (see
         * {@link PostgresStorage#migrationDataSource()}).
         */
        public Builder statementTimeout(Duration timeout) {
            if (timeout == null || timeout.isNegative()) {
                throw new IllegalArgumentException("statementTimeout must be zero (none) or positive");
            }
            this.statementTimeout = timeout;
            return this;
        }

        /** Name shown in {@code pg_stat_activity} (default: the URL's {@code ApplicationName}, else "zou4j"). */
        public Builder applicationName(String name) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("applicationName must not be blank");
            }
            this.applicationName = name;
            return this;
        }

        /**
         * Opens the pool and checks a first connection.
         *
         * @throws PostgresConnectionException when the server cannot be reached or refuses the credentials
         */
        public PostgresStorage build() {
            String effectiveUser = user != null ? user : url.user();
            char[] effectivePassword = password != null ? password.clone()
                    : url.password() == null ? null : url.password().toCharArray();
            try {
                PoolOptions options = options();
                HikariDataSource pool = PostgresPool.open(url, effectiveUser, effectivePassword, options);
                try {
                    return new PostgresStorage(pool,
                            PostgresPool.openForMigrations(url, effectiveUser, effectivePassword, options), url);
                } catch (RuntimeException e) {
                    pool.close();
                    throw e;
                }
            } finally {
                if (effectivePassword != null) {
                    Arrays.fill(effectivePassword, '\0');
                }
            }
        }

        PoolOptions options() {
            return new PoolOptions(maximumPoolSize, connectionTimeout, statementTimeout, applicationName);
        }
    }
}
