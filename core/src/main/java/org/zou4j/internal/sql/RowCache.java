package org.zou4j.internal.sql;

import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Rows of the small reference tables (task types, task statuses, entity types, ...) that nearly every write reads by
 * id, kept between transactions while their table is unchanged: a comment or a task creation read two to four of
 * them, each a statement of its own.
 *
 * <p>Only for storage this engine writes alone ({@code StorageBackend#soleWriter}): every committed write reports its
 * tables ({@link Database#tablesWritten}), which bumps their generation; an entry is served only while its table's
 * generation is the one read before the row was, so a row read while a write committed is never served afterwards.
 * A transaction that wrote a table reads it from the database (its own uncommitted rows). Writers behind the engine's
 * back call {@code ReadCache#invalidateAll}, which empties this too. Bounded: emptied when it reaches
 * {@link #MAX_ROWS} rows.
 */
final class RowCache {
    /** The tables served: few rows, read by id on hot paths, written only through typed writes. */
    static final Set<String> TABLES = Set.of("task_type", "task_status", "entity_type", "project_status",
            "department");
    static final int MAX_ROWS = 10_000;

    private record Entry(Row row, long generation) {
    }

    private final ConcurrentHashMap<String, AtomicLong> generations = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<UUID, Entry> rows = new ConcurrentHashMap<>();

    RowCache() {
        for (String t : TABLES) {
            generations.put(t, new AtomicLong());
        }
    }

    boolean covers(String table) {
        return TABLES.contains(table);
    }

    /** The generation to pass to {@link #put} for a row read from now on. */
    long generation(String table) {
        return generations.get(table).get();
    }

    /** The cached row {@code id} of {@code table}, or null when none is valid. */
    Row get(String table, UUID id) {
        Entry e = rows.get(id);
        if (e == null || !e.row().table().name().equals(table) || e.generation() != generation(table)) {
            return null;
        }
        return e.row();
    }

    /** Keeps {@code row}, read after {@link #generation} answered {@code generation}. */
    void put(Row row, long generation) {
        if (rows.size() >= MAX_ROWS) {
            rows.clear();
        }
        rows.put(row.id(), new Entry(row, generation));
    }

    /** Told after each commit which tables it wrote. */
    void tablesWritten(Set<String> tables) {
        for (String t : tables) {
            if (WrittenTables.ALL.equals(t)) {
                forgetAll();
                return;
            }
            AtomicLong g = generations.get(t);
            if (g != null) {
                g.incrementAndGet();
            }
        }
    }

    /** Forgets every row (a write the engine was not told about). */
    void forgetAll() {
        for (AtomicLong g : generations.values()) {
            g.incrementAndGet();
        }
        rows.clear();
    }
}
