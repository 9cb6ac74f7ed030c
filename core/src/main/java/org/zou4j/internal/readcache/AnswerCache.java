package org.zou4j.internal.readcache;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.zou4j.internal.sql.Database;
import org.zou4j.internal.sql.WrittenTables;
import org.zou4j.readcache.ReadCache;

/**
 * The engine's {@link ReadCache}: answers valid while the generations of the tables they were computed from are
 * unchanged, in an LRU bounded by bytes.
 *
 * <p>Generations: {@link #tablesWritten} (a {@link Database#onCommittedWrites} listener, so after the commit and before
 * the write is answered) bumps {@code all} first, then each written table's counter ({@link WrittenTables#ALL}, a write
 * whose tables are unknown, bumps {@code epoch}, which every entry checks). A computation reads {@code all} when it
 * begins and is stored only if {@code all} is unchanged after it read its tables' counters: then no write committed
 * during the computation, and the counters it records are those of the data it read. A write committing later bumps a
 * recorded counter, so the entry is stale at once, never wrongly fresh.
 */
public final class AnswerCache implements ReadCache {
    /**
     * The tables a session is resolved from before the answer is computed (the person, their departments): an answer
     * depends on them too, although they are read outside its capture.
     */
    static final Set<String> SESSION_TABLES = Set.of("person", "department", "department_link");

    private final Database db;
    private final long maxBytes;
    private final int maxBodyBytes;
    /** How long an entry may be served ({@code Long.MAX_VALUE}: while valid; 0: the cache is off). */
    private final long maxAgeNanos;
    private final LongSupplier nanoTime;

    private final ConcurrentHashMap<String, AtomicLong> generations = new ConcurrentHashMap<>();
    private final AtomicLong all = new AtomicLong();
    private final AtomicLong epoch = new AtomicLong();

    /** Guarded by itself; in access order (LRU first). */
    private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>(256, 0.75f, true);
    private long bytes; // guarded by entries
    private final java.util.concurrent.atomic.LongAdder hits = new java.util.concurrent.atomic.LongAdder();

    private record Entry(Answer answer, long epoch, long all, boolean unknown, String[] tables, long[] generations,
                         long computedAt, long weight) {
    }

    /**
     * @param maxAgeNanos how long an entry may be served whatever the generations say ({@code Long.MAX_VALUE} when the
     *                    engine is the storage's only writer); zero turns the cache off
     */
    public AnswerCache(Database db, long maxBytes, int maxBodyBytes, long maxAgeNanos, LongSupplier nanoTime) {
        this.db = db;
        this.maxBytes = maxBytes;
        this.maxBodyBytes = maxBodyBytes;
        this.maxAgeNanos = maxAgeNanos;
        this.nanoTime = nanoTime;
        db.onCommittedWrites(this::tablesWritten);
    }

    @Override
    public boolean enabled() {
        return maxAgeNanos > 0 && maxBytes > 0;
    }

    @Override
    public int maxBodyBytes() {
        return maxBodyBytes;
    }

    @Override
    public long maxBytes() {
        return maxBytes;
    }

    /** The bytes the entries take now (for tests and metrics). */
    public long bytes() {
        synchronized (entries) {
            return bytes;
        }
    }

    /** How many lookups found a valid answer since the engine started (for tests and metrics). */
    public long hits() {
        return hits.sum();
    }

    /** How many entries are kept now. */
    public int size() {
        synchronized (entries) {
            return entries.size();
        }
    }

    private AtomicLong generation(String table) {
        AtomicLong g = generations.get(table);
        // bounded: only tables of the schema (and the engine's own) are ever named
        return g != null ? g : generations.computeIfAbsent(table, k -> new AtomicLong());
    }

    /** Told after each commit which tables it wrote. */
    void tablesWritten(Set<String> tables) {
        all.incrementAndGet(); // first: a computation running now is not stored (see the class comment)
        boolean unknown = false;
        for (String t : tables) {
            if (WrittenTables.ALL.equals(t)) {
                unknown = true;
            } else {
                generation(t).incrementAndGet();
            }
        }
        if (unknown) {
            invalidateAll();
        }
    }

    @Override
    public void invalidateAll() {
        db.forgetCachedRows();
        all.incrementAndGet();
        epoch.incrementAndGet();
        synchronized (entries) {
            entries.clear();
            bytes = 0;
        }
    }

    @Override
    public Answer lookup(String personId, String requestKey) {
        if (!enabled()) {
            return null;
        }
        String key = key(personId, requestKey);
        Entry e;
        synchronized (entries) {
            e = entries.get(key);
        }
        if (e == null) {
            return null;
        }
        if (valid(e)) {
            hits.increment();
            return e.answer;
        }
        synchronized (entries) {
            if (entries.get(key) == e) {
                entries.remove(key);
                bytes -= e.weight;
            }
        }
        return null;
    }

    private boolean valid(Entry e) {
        if (e.epoch != epoch.get()) {
            return false;
        }
        if (maxAgeNanos != Long.MAX_VALUE && nanoTime.getAsLong() - e.computedAt > maxAgeNanos) {
            return false;
        }
        if (e.unknown) {
            return e.all == all.get();
        }
        for (int i = 0; i < e.tables.length; i++) {
            if (generation(e.tables[i]).get() != e.generations[i]) {
                return false;
            }
        }
        return true;
    }

    private static String key(String personId, String requestKey) {
        return personId + '\n' + requestKey;
    }

    @Override
    public Computation begin() {
        long epoch0 = epoch.get();
        long all0 = all.get();
        long at = nanoTime.getAsLong();
        Database.ReadCapture capture = db.captureReads();
        return new Computation() {
            @Override
            public void store(String personId, String requestKey, Answer answer) {
                if (!enabled() || answer.body().length > maxBodyBytes) {
                    return;
                }
                boolean unknown = capture.unknown();
                String[] tables = null;
                long[] gens = null;
                if (!unknown) {
                    Set<String> read = capture.tables();
                    tables = new String[read.size() + SESSION_TABLES.size()];
                    gens = new long[tables.length];
                    int i = 0;
                    for (String t : read) {
                        tables[i++] = t;
                    }
                    for (String t : SESSION_TABLES) {
                        tables[i++] = t;
                    }
                    for (int j = 0; j < tables.length; j++) {
                        gens[j] = generation(tables[j]).get();
                    }
                }
                if (all.get() != all0) {
                    return; // a write committed meanwhile: what was read may predate it
                }
                String key = key(personId, requestKey);
                long weight = answer.weight() + 2L * key.length() + 64L + (tables == null ? 0 : 40L * tables.length);
                if (weight > maxBytes) {
                    return;
                }
                Entry e = new Entry(answer, epoch0, all0, unknown, tables, gens, at, weight);
                synchronized (entries) {
                    Entry old = entries.put(key, e);
                    bytes += weight - (old == null ? 0 : old.weight);
                    Iterator<Map.Entry<String, Entry>> it = entries.entrySet().iterator();
                    while (bytes > maxBytes && it.hasNext()) {
                        Map.Entry<String, Entry> eldest = it.next();
                        bytes -= eldest.getValue().weight;
                        it.remove();
                    }
                }
            }

            @Override
            public void close() {
                db.endCapture();
            }
        };
    }
}
