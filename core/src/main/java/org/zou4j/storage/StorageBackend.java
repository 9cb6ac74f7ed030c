package org.zou4j.storage;

import java.util.Map;
import javax.sql.DataSource;

/**
 * Where an engine keeps its data: a pooled connection source and the dialect spoken over it. Implementations live in
 * the storage modules ({@code H2Storage}, {@code PostgresStorage}); the engine's shared SQL layer does the rest
 * (migrations, queries, transactions), so a backend only knows how to connect.
 *
 * <p>The engine owns the backend once given to its builder and closes it when the engine closes.
 */
public interface StorageBackend extends AutoCloseable {

    /** The SQL dialect of this backend. */
    SqlDialect dialect();

    /** A pooled, thread-safe connection source. Connections handed out must start in auto-commit mode. */
    DataSource dataSource();

    /**
     * Connections for schema migrations at start-up. Defaults to {@link #dataSource()}; a backend whose pooled
     * connections carry a statement timeout returns connections without one here, so that a long migration step is
     * never cancelled half-way.
     */
    default DataSource migrationDataSource() {
        return dataSource();
    }

    /** A description safe to log (never a password). */
    String description();

    /** Values for the {@code ${name}} placeholders of the SQL migrations (e.g. the JSON column type). */
    default Map<String, String> migrationPlaceholders() {
        return switch (dialect()) {
            case H2 -> Map.of("json_type", "JSON", "stored", "");
            case POSTGRES -> Map.of("json_type", "JSONB", "stored", "STORED");
        };
    }

    /** Whether several engine processes may share this storage (and so must keep no state of their own). */
    default boolean isShared() {
        return dialect() == SqlDialect.POSTGRES;
    }

    /**
     * Whether this engine is guaranteed to be the only writer of this storage: no other process, no other engine, and
     * no other code writing through {@link #dataSource()} without telling the engine. The engine's read cache then
     * serves an answer for as long as the tables it was computed from are unchanged; otherwise (the default) only
     * within {@code ZouEngine.Builder#readCacheMaxAge}, since other writers' changes are invisible to it. Whoever writes
     * through {@link #dataSource()} of a storage answering true must call {@code ZouEngine#readCache()}'s
     * {@code invalidateAll()} afterwards.
     */
    default boolean soleWriter() {
        return false;
    }

    /** Releases the pool and, for embedded databases, closes the database cleanly. */
    @Override
    void close();
}
