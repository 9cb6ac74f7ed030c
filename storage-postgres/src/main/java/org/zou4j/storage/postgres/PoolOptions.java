package org.zou4j.storage.postgres;

import java.time.Duration;

/**
 * Pool and session settings chosen through {@link PostgresStorage.Builder}; holds no credentials, so it is safe to
 * print.
 *
 * @param maximumPoolSize most connections open at once
 * @param connectionTimeout longest wait for a connection, from the pool or from the server
 * @param statementTimeout server-side {@code statement_timeout}; zero means none
 * @param applicationName shown in {@code pg_stat_activity}; null keeps the URL's {@code ApplicationName}
 */
record PoolOptions(int maximumPoolSize, Duration connectionTimeout, Duration statementTimeout,
        String applicationName) {
}
