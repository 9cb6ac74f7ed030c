package org.zou4j.internal.auth;

import java.sql.Connection;
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
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcConnectionPool;
import org.zou4j.Entry;
import org.zou4j.ZouEngine;
import org.zou4j.storage.SqlDialect;
import org.zou4j.storage.StorageBackend;

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

    /**
     * In-memory H2 that several engines of this JVM may open by name. Only the storage built with {@code owner} shuts
     * the database down when closed.
     */
    static final class SharedH2 implements StorageBackend {
        private final JdbcConnectionPool pool;
        private final String name;
        private final boolean owner;

        SharedH2(String name, boolean owner) {
            this.name = name;
            this.owner = owner;
            this.pool = JdbcConnectionPool.create("jdbc:h2:mem:" + name
                    + ";DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1", "sa", "");
            pool.setMaxConnections(16);
        }

        static SharedH2 fresh() {
            return new SharedH2("auth-" + UUID.randomUUID(), true);
        }

        /** Another storage over the same database (does not shut it down). */
        SharedH2 another() {
            return new SharedH2(name, false);
        }

        @Override
        public SqlDialect dialect() {
            return SqlDialect.H2;
        }

        @Override
        public DataSource dataSource() {
            return pool;
        }

        @Override
        public String description() {
            return "shared H2 in-memory " + name;
        }

        @Override
        public void close() {
            if (owner) {
                try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
                    s.execute("SHUTDOWN");
                } catch (SQLException ignored) {
                    // gone already
                }
            }
            pool.dispose();
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
