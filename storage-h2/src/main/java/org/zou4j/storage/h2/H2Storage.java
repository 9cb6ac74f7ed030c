package org.zou4j.storage.h2;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;
import java.util.UUID;
import javax.sql.DataSource;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.zou4j.storage.SqlDialect;
import org.zou4j.storage.StorageBackend;

/**
 * Embedded H2 storage: a database file in a directory (the standalone default) or an in-memory database (tests,
 * throw-away engines).
 *
 * <p>File databases are opened with {@code WRITE_DELAY=0}: H2's default loses the last half second of acknowledged
 * commits on a crash ({@code kill -9}). H2's default {@code RETENTION_TIME} (45 s) is kept: a short one (1 s, tried
 * to keep the file small under commit storms) lost the last acknowledged commits after {@code kill -9} once the schema
 * grew by two tables ({@code KillNineTest}, every run), and H2 documents values below its default as dangerous. One
 * process owns a file database: a second one is refused with a clear message.
 *
 * <p>The H2 version matters as much as these settings (issue #19): H2 2.5.252 loses acknowledged commits after
 * {@code kill -9} once the store reuses space freed by dead chunks (after {@code RETENTION_TIME}, i.e. after ~45 s of
 * running or of idling): when a new chunk lands where the previous chunk did not predict, 2.5.252 rewrites the store
 * header before recording the new chunk as the last one, so the header names the previous chunk, whose
 * {@code next} pointer is the missed prediction, and crash recovery stops before the new chunks (H2 commit
 * 8492b8c2cf). The event counter then comes back behind the event log. H2 2.4.240 records the new chunk first; the
 * parent pom pins it. Measured with {@code ./zou4j durability} and the plain-H2 reproducers (README, "Durability").
 *
 * <p>H2's shutdown hook is off ({@code DB_CLOSE_ON_EXIT=FALSE}): {@link #close()} (the engine's) shuts the database
 * down.
 */
public final class H2Storage implements StorageBackend {
    // QUERY_CACHE_SIZE: H2 keeps the parsed and planned statements of each session in an LRU of this many (default 8);
    // one comment with a status change runs ~30 different statements, so with 8 every one was parsed and planned
    // again (a quarter of its CPU). Per pooled session, a few KB each.
    // CACHE_SIZE (KB): H2's page cache, 64 MB by default, is a third of the launcher's 192 MB heap; at 32 MB the server
    // stays within its 256 MB after the benchmark's load (264 -> 250 MB, now that creates are three times faster and
    // fill it), at the cost of creates on the 3 GB bench data (1,577 -> ~1,160/s: more index pages read back).
    private static final String COMMON = ";DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;QUERY_CACHE_SIZE=256"
            + ";CACHE_SIZE=32768";
    private static final int DEFAULT_POOL_SIZE = 32;

    private final String description;
    private final HikariDataSource pool;
    private final boolean inMemory;

    private H2Storage(String url, String description, int poolSize) {
        this.description = description;
        this.inMemory = url.startsWith("jdbc:h2:mem:");
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername("sa");
        config.setPassword("");
        config.setMaximumPoolSize(poolSize);
        config.setMinimumIdle(2);
        config.setConnectionTimeout(30_000);
        config.setPoolName("zou4j-h2");
        try {
            this.pool = new HikariDataSource(config);
        } catch (RuntimeException e) {
            SQLException cause = findSql(e);
            throw new IllegalStateException(cause != null ? explain(cause) : "Cannot open " + description + ": "
                    + e.getMessage(), e);
        }
    }

    private static SQLException findSql(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof SQLException s) {
                return s;
            }
        }
        return null;
    }

    /** A database file {@code zou4j.mv.db} in {@code directory} (created if missing). */
    public static H2Storage file(Path directory) {
        Objects.requireNonNull(directory, "directory");
        try {
            Files.createDirectories(directory);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Cannot create the data directory " + directory + ": " + e.getMessage(), e);
        }
        Path base = directory.toAbsolutePath().resolve("zou4j");
        // DB_CLOSE_ON_EXIT=FALSE: H2's own shutdown hook would close the database under the engine's feet while the
        // application is still stopping (and fill zou4j.trace.db with "Database is already closed"); close() does it.
        String url = "jdbc:h2:file:" + base + COMMON + ";WRITE_DELAY=0;FILE_LOCK=FILE;DB_CLOSE_ON_EXIT=FALSE";
        return new H2Storage(url, "H2 file " + base + ".mv.db", DEFAULT_POOL_SIZE);
    }

    /** A private in-memory database, gone when closed. */
    public static H2Storage inMemory() {
        String name = "zou4j-" + UUID.randomUUID();
        return new H2Storage("jdbc:h2:mem:" + name + COMMON + ";DB_CLOSE_DELAY=-1", "H2 in-memory " + name,
                DEFAULT_POOL_SIZE);
    }

    private String explain(SQLException e) {
        String m = String.valueOf(e.getMessage());
        if (m.contains("already in use") || m.contains("locked")) {
            return "The database " + description + " is in use by another process (another zou4j instance?). "
                    + "Stop it or choose another data directory.";
        }
        return "Cannot open " + description + ": " + m;
    }

    @Override
    public SqlDialect dialect() {
        return SqlDialect.H2;
    }

    @Override
    public DataSource dataSource() {
        return pool;
    }

    /**
     * True: a file database is locked by its process ({@code FILE_LOCK=FILE}: another process cannot open it), and an
     * in-memory one has a private random name. Provided no second {@code H2Storage} over the same directory is open
     * in this JVM (H2 would share the database between them: open one engine per data directory), and that code writing
     * through {@link #dataSource()} behind the engine's back then calls the engine's {@code readCache().invalidateAll()}.
     */
    @Override
    public boolean soleWriter() {
        return true;
    }

    @Override
    public String description() {
        return description;
    }

    /** Shuts the database down cleanly (everything committed is on disk) and releases the pool. */
    @Override
    public void close() {
        if (!inMemory) {
            // A file database closes itself cleanly when its last connection closes (DB_CLOSE_DELAY=0). A SHUTDOWN
            // through a pooled connection would make the pool's own close of that connection fail on H2's side and
            // leave a zou4j.trace.db ("Database is already closed") after every clean stop.
            pool.close();
            return;
        }
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.execute("SHUTDOWN");
        } catch (SQLException e) {
            // already closed, or shutting down: nothing more to flush
        } finally {
            pool.close();
        }
    }

    @Override
    public String toString() {
        return description;
    }
}
