package org.zou4j.storage.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import java.sql.SQLException;
import java.util.Map;

/** Opens the HikariCP pool for a parsed URL, and turns a failure to connect into a safe, clear exception. */
final class PostgresPool {
    static final String DEFAULT_APPLICATION_NAME = "zou4j";

    private PostgresPool() {
    }

    /** Opens the pool and checks one connection now, so a wrong address fails here rather than on first use. */
    static HikariDataSource open(PgUrl url, String user, char[] password, PoolOptions options) {
        HikariConfig config = config(url, user, password, options);
        try {
            return new HikariDataSource(config);
        } catch (HikariPool.PoolInitializationException e) {
            throw connectionFailure(url, user, password, e);
        }
    }

    /**
     * A small pool for schema migrations at start-up: no statement timeout (the URL's own {@code options} cannot set
     * one either), no connection until Flyway asks, and idle connections closed after ten seconds, so it costs nothing
     * once the engine has started.
     */
    static HikariDataSource openForMigrations(PgUrl url, String user, char[] password, PoolOptions options) {
        HikariConfig config = config(url, user, password, options);
        config.setPoolName("zou4j-pg-migrations " + url.address());
        config.setMaximumPoolSize(3);
        config.setMinimumIdle(0);
        config.setIdleTimeout(10_000);
        // Connect lazily: the main pool has already checked the server and the credentials.
        config.setInitializationFailTimeout(-1);
        String urlOptions = url.driverProperties().get("options");
        config.addDataSourceProperty("options", (urlOptions == null || urlOptions.isBlank() ? "" : urlOptions + " ")
                + "-c statement_timeout=0");
        return new HikariDataSource(config);
    }

    static HikariConfig config(PgUrl url, String user, char[] password, PoolOptions options) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("zou4j-pg " + url.address());
        // The pool's URL holds only the address: credentials and options travel as properties, out of any log.
        config.setJdbcUrl(url.addressUrl());
        config.setDriverClassName("org.postgresql.Driver");
        if (user != null) {
            config.setUsername(user);
        }
        if (password != null) {
            config.setPassword(new String(password));
        }
        config.setAutoCommit(true);
        config.setMaximumPoolSize(options.maximumPoolSize());
        long timeoutMillis = options.connectionTimeout().toMillis();
        config.setConnectionTimeout(timeoutMillis);
        config.setValidationTimeout(Math.min(5_000, timeoutMillis));
        // Try once at start-up and fail at once: an unreachable server is a configuration error.
        config.setInitializationFailTimeout(1);

        // Our defaults first, then whatever the URL says, which an operator may have tuned on purpose.
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        config.addDataSourceProperty("tcpKeepAlive", "true");
        config.addDataSourceProperty("connectTimeout", Long.toString(Math.max(1, (timeoutMillis + 999) / 1000)));
        config.addDataSourceProperty("ApplicationName", DEFAULT_APPLICATION_NAME);
        for (Map.Entry<String, String> e : url.driverProperties().entrySet()) {
            config.addDataSourceProperty(e.getKey(), e.getValue());
        }
        if (options.applicationName() != null) {
            config.addDataSourceProperty("ApplicationName", options.applicationName());
        }
        // Server-side options: ours first so that a statement_timeout in the URL's own options wins.
        String urlOptions = url.driverProperties().get("options");
        String serverOptions = "-c statement_timeout=" + options.statementTimeout().toMillis()
                + (urlOptions == null || urlOptions.isBlank() ? "" : " " + urlOptions);
        config.addDataSourceProperty("options", serverOptions);
        return config;
    }

    private static PostgresConnectionException connectionFailure(PgUrl url, String user, char[] password,
            RuntimeException failure) {
        // The driver's SQLException says it best ("Connection to host:port refused..."); else the deepest cause.
        Throwable reasonSource = failure;
        for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
            reasonSource = t;
            if (t instanceof SQLException) {
                break;
            }
        }
        String sqlState = reasonSource instanceof SQLException sql ? sql.getSQLState() : null;
        String reason = reasonSource.getMessage() == null
                ? reasonSource.getClass().getSimpleName() : reasonSource.getMessage();
        reason = reason.strip();
        if (reason.endsWith(".")) {
            reason = reason.substring(0, reason.length() - 1);
        }
        boolean leaks = mentions(failure, password);
        if (leaks) {
            reason = "connection refused (details withheld: they contained the password)";
        }
        String message = "Cannot connect to PostgreSQL at " + url.address()
                + (user == null ? "" : " as user " + user) + ": " + reason + "." + advice(sqlState);
        return new PostgresConnectionException(message, sqlState, leaks ? null : failure);
    }

    /** The driver does not echo passwords, but never let one through should a message ever carry it. */
    private static boolean mentions(Throwable failure, char[] password) {
        if (password == null || password.length < 4) {
            return false; // too short to tell from ordinary text
        }
        String secret = new String(password);
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (String.valueOf(t.getMessage()).contains(secret)) {
                return true;
            }
        }
        return false;
    }

    private static String advice(String sqlState) {
        String sqlClass = sqlState == null || sqlState.length() < 2 ? "" : sqlState.substring(0, 2);
        return switch (sqlClass) {
            case "08" -> ""; // the driver's own message already says what to check
            case "28" -> " Check the user and password.";
            case "3D" -> " Check the database name; the database must exist.";
            default -> " Check that the server runs and accepts TCP connections there, and the user and password.";
        };
    }
}
