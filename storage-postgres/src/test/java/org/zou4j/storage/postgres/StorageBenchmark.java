package org.zou4j.storage.postgres;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import org.zou4j.Entry;
import org.zou4j.ListResult;
import org.zou4j.Query;
import org.zou4j.Session;
import org.zou4j.ZouEngine;
import org.zou4j.contract.ContractBase;
import org.zou4j.storage.StorageBackend;
import org.zou4j.storage.h2.H2Storage;

/**
 * Throughput of the engine on each backend, through the public API (no HTTP): a filtered list, a filtered page and
 * a write, from a few threads. Prints figures only; nothing here is a test.
 *
 * <pre>
 * mvn -B -q -o -pl storage-postgres -am test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt
 * ZOU_TEST_PG_URL=jdbc:postgresql://... java -cp "storage-postgres/target/test-classes:storage-postgres/target/classes:$(cat /tmp/cp.txt)" \
 *     org.zou4j.storage.postgres.StorageBenchmark [seconds-per-measure] [threads]
 * </pre>
 */
public final class StorageBenchmark {
    private static final int PROJECTS = 20;
    private static final int ENTITIES_PER_PROJECT = 2_500;

    private StorageBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        System.out.printf("%d threads, %d s per measure, %d cores, Java %s%n", threads, seconds,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        System.out.printf("%-22s %-42s %12s %12s%n", "backend", "operation", "ops/s", "rows/s");
        run("H2 in-memory", H2Storage.inMemory(), seconds, threads);
        Path dir = Files.createTempDirectory("zou4j-bench");
        run("H2 file", H2Storage.file(dir), seconds, threads);
        String url = System.getenv(PostgresTestDatabase.ENV);
        if (url == null || url.isBlank()) {
            System.out.println("PostgreSQL: skipped (" + PostgresTestDatabase.SKIP_REASON + ")");
            return;
        }
        try (PostgresTestDatabase.Dropping db = PostgresTestDatabase.newDatabase()) {
            PostgresStorage storage = PostgresStorage.builder(db.jdbcUrl()).maximumPoolSize(threads + 2).build();
            try (Connection c = storage.dataSource().getConnection();
                    java.sql.Statement st = c.createStatement();
                    java.sql.ResultSet rs = st.executeQuery("select current_setting('server_version'),"
                            + " current_setting('fsync'), current_setting('synchronous_commit')")) {
                rs.next();
                // The CI cluster (.ci/pg.sh) runs without fsync: write figures are not those of a durable server.
                System.out.printf("PostgreSQL %s on the same machine, fsync=%s, synchronous_commit=%s%n",
                        rs.getString(1), rs.getString(2), rs.getString(3));
            }
            run("PostgreSQL", storage, seconds, threads);
        }
    }

    private static void run(String name, StorageBackend storage, int seconds, int threads) throws Exception {
        try (ZouEngine engine = ZouEngine.builder().storage(storage).secretKey(ContractBase.SECRET).build()) {
            Session admin = engine.systemSession();
            Entry type = admin.data("entity-types").create(Map.of("name", "Props"));
            List<String> projects = new ArrayList<>();
            for (int p = 0; p < PROJECTS; p++) {
                projects.add(admin.data("projects").create(Map.of("name", "Bench " + p)).id());
            }
            fill(storage, projects, type.id());
            AtomicInteger next = new AtomicInteger();
            measure(name, "filtered list (2,500 of 50,000 rows)", seconds, threads, i -> {
                String project = projects.get(Math.floorMod(next.getAndIncrement(), PROJECTS));
                int n = 0;
                try (ListResult r = admin.data("entities").query(Query.where(Map.of("project_id", project,
                        "entity_type_id", type.id())))) {
                    for (Entry e : r) {
                        n++;
                    }
                }
                return n;
            });
            measure(name, "filtered page (page of 50 of 2,500)", seconds, threads, i -> {
                String project = projects.get(Math.floorMod(next.getAndIncrement(), PROJECTS));
                try (ListResult r = admin.data("entities").query(Query.where(Map.of("project_id", project,
                        "page", "3", "limit", "50")))) {
                    return ((List<?>) r.page().get("data")).size();
                }
            });
            AtomicInteger counter = new AtomicInteger();
            measure(name, "write (create: row + event, 1 transaction)", seconds, threads, i -> {
                admin.data("custom-actions").create(Map.of("name", "Bench " + counter.incrementAndGet(),
                        "url", "https://example.com"));
                return 1;
            });
        }
    }

    private static void fill(StorageBackend storage, List<String> projects, String typeId) throws SQLException {
        LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
        try (Connection c = storage.dataSource().getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO entity (id, created_at, updated_at, name,"
                    + " project_id, entity_type_id, description, data) VALUES (?, ?, ?, ?, ?, ?, ?, NULL)")) {
                int n = 0;
                for (String project : projects) {
                    for (int i = 0; i < ENTITIES_PER_PROJECT; i++) {
                        ps.setObject(1, UUID.randomUUID());
                        ps.setObject(2, now);
                        ps.setObject(3, now);
                        ps.setString(4, "Asset " + i);
                        ps.setObject(5, UUID.fromString(project));
                        ps.setObject(6, UUID.fromString(typeId));
                        ps.setString(7, "A benchmark asset with a description of ordinary length.");
                        ps.addBatch();
                        if (++n % 1000 == 0) {
                            ps.executeBatch();
                        }
                    }
                }
                ps.executeBatch();
            }
            c.commit();
            c.setAutoCommit(true);
        }
    }

    private static void measure(String backend, String operation, int seconds, int threads, IntFunction<Integer> op)
            throws Exception {
        runFor(Math.max(1, seconds / 2), threads, op); // warm-up
        long[] counts = runFor(seconds, threads, op);
        System.out.printf("%-22s %-42s %,12.0f %,12.0f%n", backend, operation, counts[0] / (double) seconds,
                counts[1] / (double) seconds);
    }

    /** Runs {@code op} on {@code threads} threads for {@code seconds}; returns {operations, rows}. */
    private static long[] runFor(int seconds, int threads, IntFunction<Integer> op) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        AtomicLong ops = new AtomicLong();
        AtomicLong rows = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    int i = 0;
                    while (System.nanoTime() < end) {
                        rows.addAndGet(op.apply(i++));
                        ops.incrementAndGet();
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        return new long[] {ops.get(), rows.get()};
    }
}
