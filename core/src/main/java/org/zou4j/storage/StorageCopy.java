package org.zou4j.storage;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.zou4j.internal.sql.Database;
import org.zou4j.internal.sql.TableCopier;

/**
 * Copies a whole zou4j database from one storage to another, e.g. a standalone H2 database to the PostgreSQL
 * database that several instances will share:
 *
 * <pre>{@code
 * try (StorageBackend from = H2Storage.file(dataDir); StorageBackend to = PostgresStorage.connect(url)) {
 *     StorageCopy.Result result = StorageCopy.copy(from, to, false, System.out::println);
 *     if (!result.verified()) { ... }
 * }
 * }</pre>
 *
 * Both storages are first migrated to this version's schema. The target must be empty (unless {@code replace}); every
 * table is copied in foreign-key order in one transaction on the target, so a failed copy leaves it unchanged; then
 * the row counts of every table are compared. No engine may use either storage meanwhile. The caller closes both.
 */
public final class StorageCopy {
    private static final int BATCH_SIZE = 1000;

    private StorageCopy() {
    }

    /** The row count of one table in the source and in the target after the copy. */
    public record TableCount(String table, long source, long target) {
        public boolean matches() {
            return source == target;
        }
    }

    /**
     * What was copied.
     *
     * @param tables every table, in copy order, with its row counts on both sides
     * @param took   how long the copy and the check took
     */
    public record Result(List<TableCount> tables, Duration took) {
        public Result {
            tables = List.copyOf(tables);
        }

        /** Whether every table has as many rows in the target as in the source. */
        public boolean verified() {
            return tables.stream().allMatch(TableCount::matches);
        }

        /** Rows copied in all. */
        public long rows() {
            return tables.stream().mapToLong(TableCount::target).sum();
        }

        /** The tables whose counts differ. */
        public List<TableCount> mismatches() {
            return tables.stream().filter(t -> !t.matches()).toList();
        }
    }

    /**
     * Copies every row of {@code source} into {@code target}.
     *
     * @param replace  delete the target's rows first (in the same transaction); without it a target holding any row
     *                 is refused
     * @param progress receives one line per table copied
     * @throws IllegalStateException when the target is not empty and {@code replace} is false, or the schemas differ
     */
    public static Result copy(StorageBackend source, StorageBackend target, boolean replace,
            Consumer<String> progress) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
        Consumer<String> log = progress == null ? line -> { } : progress;
        long start = System.nanoTime();
        log.accept("migrating " + source.description());
        Database from = Database.open(source);
        log.accept("migrating " + target.description());
        Database to = Database.open(target);
        log.accept(String.format("schemas ready after %,d ms", (System.nanoTime() - start) / 1_000_000));
        TableCopier copier = new TableCopier(from, to, BATCH_SIZE, log);
        try {
            if (!replace) {
                Map<String, Long> nonEmpty = copier.nonEmptyTargetTables();
                if (!nonEmpty.isEmpty()) {
                    throw new IllegalStateException("The target " + target.description() + " is not empty ("
                            + describe(nonEmpty) + "). Copy into an empty database, or replace its rows explicitly.");
                }
            }
            List<TableCount> counts = copier.copy(replace).stream()
                    .map(c -> new TableCount(c.table(), c.source(), c.target())).toList();
            return new Result(counts, Duration.ofNanos(System.nanoTime() - start));
        } catch (SQLException e) {
            throw new IllegalStateException("Copying " + source.description() + " to " + target.description()
                    + " failed (SQLSTATE " + e.getSQLState() + "): " + e.getMessage(), e);
        }
    }

    private static String describe(Map<String, Long> nonEmpty) {
        StringBuilder b = new StringBuilder();
        int shown = 0;
        for (Map.Entry<String, Long> e : nonEmpty.entrySet()) {
            if (shown++ == 5) {
                b.append(", ...");
                break;
            }
            b.append(shown > 1 ? ", " : "").append(e.getKey()).append(": ").append(e.getValue()).append(" rows");
        }
        return b.toString();
    }
}
