package org.zou4j.storage.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.zou4j.EngineInternals;
import org.zou4j.Entry;
import org.zou4j.Query;
import org.zou4j.ZouEngine;
import org.zou4j.contract.ContractBase;

/**
 * Several instances starting at once on one empty PostgreSQL database all come up on one migrated schema, and
 * migrations run without the statement timeout that guards ordinary statements.
 */
class PostgresMigrationTest {

    @BeforeAll
    static void server() {
        PostgresTestDatabase.serverUrlOrSkip();
    }

    @Test
    void threeEnginesStartingAtOnceOnAnEmptyDatabaseAllComeUp() throws Exception {
        try (PostgresTestDatabase.Dropping db = PostgresTestDatabase.newDatabase()) {
            int instances = 3;
            CyclicBarrier start = new CyclicBarrier(instances);
            ExecutorService pool = Executors.newFixedThreadPool(instances);
            List<ZouEngine> engines = new ArrayList<>();
            int tables;
            try {
                List<Future<ZouEngine>> futures = new ArrayList<>();
                for (int i = 0; i < instances; i++) {
                    String name = "instance-" + i;
                    futures.add(pool.submit(() -> {
                        PostgresStorage storage = PostgresStorage.builder(db.jdbcUrl()).maximumPoolSize(3)
                                .applicationName(name).build();
                        start.await(30, TimeUnit.SECONDS);
                        return ZouEngine.builder().storage(storage).secretKey(ContractBase.SECRET).build();
                    }));
                }
                for (Future<ZouEngine> f : futures) {
                    engines.add(f.get(5, TimeUnit.MINUTES));
                }
                tables = EngineInternals.crud(engines.get(0)).database().schema().tables().size();
                // Each instance sees what the others write.
                for (int i = 0; i < instances; i++) {
                    engines.get(i).systemSession().data("departments")
                            .create(Map.of("name", "From instance " + i, "color", "#000000"));
                }
                for (ZouEngine engine : engines) {
                    List<Entry> departments = engine.systemSession().data("departments").list(Query.all());
                    assertThat(departments).hasSize(instances);
                }
            } finally {
                engines.forEach(ZouEngine::close);
                pool.shutdownNow();
            }
            try (PostgresStorage storage = PostgresStorage.connect(db.jdbcUrl());
                    Connection c = storage.dataSource().getConnection()) {
                // Each migration applied once, by one of the instances, and none failed.
                assertThat(query(c, "select count(*) from flyway_schema_history where not success")).isEqualTo("0");
                assertThat(query(c, "select (count(*) = count(distinct version))::text from flyway_schema_history"
                        + " where version is not null")).isEqualTo("true");
                assertThat(Integer.parseInt(query(c, "select count(*) from flyway_schema_history"))).isGreaterThan(1);
                assertThat(query(c, "select count(*) from pg_tables where schemaname = 'public'"
                        + " and tablename <> 'flyway_schema_history'")).isEqualTo(Integer.toString(tables));
            }
        }
    }

    @Test
    void migrationConnectionsHaveNoStatementTimeoutWhileOrdinaryOnesDo() throws SQLException {
        try (PostgresTestDatabase.Dropping db = PostgresTestDatabase.newDatabase();
                PostgresStorage storage = PostgresStorage.builder(db.jdbcUrl())
                        .statementTimeout(Duration.ofMillis(200)).build()) {
            try (Connection c = storage.migrationDataSource().getConnection()) {
                assertThat(query(c, "show statement_timeout")).isEqualTo("0");
                assertThat(query(c, "select pg_sleep(0.5)::text")).isEmpty();
                assertThat(query(c, "select current_setting('application_name')")).isEqualTo("zou4j");
            }
            try (Connection c = storage.dataSource().getConnection()) {
                assertThat(query(c, "show statement_timeout")).isEqualTo("200ms");
            }
        }
    }

    @Test
    void aStatementTimeoutInTheUrlDoesNotReachMigrations() throws SQLException {
        try (PostgresTestDatabase.Dropping db = PostgresTestDatabase.newDatabase()) {
            String url = db.jdbcUrl() + (db.jdbcUrl().contains("?") ? "&" : "?")
                    + "options=-c%20statement_timeout%3D150ms";
            try (PostgresStorage storage = PostgresStorage.connect(url);
                    Connection migration = storage.migrationDataSource().getConnection();
                    Connection ordinary = storage.dataSource().getConnection()) {
                assertThat(query(migration, "show statement_timeout")).isEqualTo("0");
                assertThat(query(ordinary, "show statement_timeout")).isEqualTo("150ms");
            }
        }
    }

    private static String query(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
