package org.zou4j.internal.auth;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.Assumptions;
import org.postgresql.ds.PGSimpleDataSource;
import org.zou4j.Entry;
import org.zou4j.ZouEngine;
import org.zou4j.storage.SqlDialect;
import org.zou4j.storage.StorageBackend;
import org.zou4j.testing.H2TestStorage;

/** Shared pieces of the auth tests: a settable clock, a storage two engines can share, person helpers. */
final class AuthFixture {
    private AuthFixture() {
    }

    static final String KEY = "0123456789abcdef0123456789abcdef-auth-tests";
    static final String PASSWORD = "correct horse battery";
    static final String BROWSER_UA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
            + "Chrome/126.0.0.0 Safari/537.36";

    /** A clock tests move by hand; every zone view shares the same instant. */
    static final class TestClock extends Clock {
        private final AtomicReference<Instant> now;
        private final ZoneId zone;

        TestClock(Instant start) {
            this(new AtomicReference<>(start), ZoneOffset.UTC);
        }

        private TestClock(AtomicReference<Instant> now, ZoneId zone) {
            this.now = now;
            this.zone = zone;
        }

        void advance(Duration d) {
            now.updateAndGet(t -> t.plus(d));
        }

        @Override
        public ZoneId getZone() {
            return zone;
        }

        @Override
        public Clock withZone(ZoneId z) {
            return new TestClock(now, z);
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    }

    /** In-memory H2 that several engines of this JVM may open by name; only {@link #fresh} ones shut it down. */
    static final class SharedH2 extends H2TestStorage {
        private final String name;

        private SharedH2(String name, boolean owner) {
            super("jdbc:h2:mem:" + name + OPTIONS + ";DB_CLOSE_DELAY=-1", "shared H2 in-memory " + name, owner);
            this.name = name;
        }

        static SharedH2 fresh() {
            return new SharedH2("auth-" + UUID.randomUUID(), true);
        }

        /** Another storage over the same database (does not shut it down). */
        SharedH2 another() {
            return new SharedH2(name, false);
        }
    }

    /** Work on two storages over one database: the first, and a way to open another. */
    @FunctionalInterface
    interface OnTwoStorages {
        void run(StorageBackend first, Supplier<StorageBackend> another) throws Exception;
    }

    /**
     * Runs {@code work} in a fresh schema of the {@code ZOU_TEST_PG_URL} server, dropped afterwards; aborted (skipped,
     * with the reason printed) when that variable is unset.
     */
    static void onPostgresSchema(String test, OnTwoStorages work) throws Exception {
        String url = System.getenv("ZOU_TEST_PG_URL");
        if (url == null || url.isBlank()) {
            System.out.println(test + ": ZOU_TEST_PG_URL is not set; PostgreSQL run skipped.");
            Assumptions.abort("ZOU_TEST_PG_URL is not set");
        }
        String schema = "zou_auth_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        }
        try {
            String withSchema = url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
            work.run(new Pg(withSchema), () -> new Pg(withSchema));
        } finally {
            try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA " + schema + " CASCADE");
            }
        }
    }

    /** PostgreSQL through the driver's plain data source (a connection per use: fine for a test). */
    private static final class Pg implements StorageBackend {
        private final PGSimpleDataSource ds = new PGSimpleDataSource();

        Pg(String url) {
            ds.setURL(url);
        }

        @Override
        public SqlDialect dialect() {
            return SqlDialect.POSTGRES;
        }

        @Override
        public DataSource dataSource() {
            return ds;
        }

        @Override
        public String description() {
            return "PostgreSQL test schema";
        }

        @Override
        public void close() {
        }
    }

    /** A test engine: cheap bcrypt, the given clock and storage. */
    static ZouEngine.Builder engine(StorageBackend storage, Clock clock) {
        return ZouEngine.builder().storage(storage).secretKey(KEY).clock(clock).bcryptCost(4);
    }

    /** Creates an active person with a password through the CRUD API. */
    static Entry person(ZouEngine engine, String email, String password, String role) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("first_name", "Jane");
        body.put("last_name", "Doe");
        body.put("email", email);
        if (password != null) {
            body.put("password", password);
        }
        body.put("role", role);
        return engine.systemSession().data("persons").create(body);
    }

    static int exec(DataSource ds, String sql, Object... params) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<Map<String, Object>> query(DataSource ds, String sql, Object... params) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            List<Map<String, Object>> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= n; i++) {
                        row.put(rs.getMetaData().getColumnLabel(i).toLowerCase(java.util.Locale.ROOT), rs.getObject(i));
                    }
                    rows.add(row);
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
