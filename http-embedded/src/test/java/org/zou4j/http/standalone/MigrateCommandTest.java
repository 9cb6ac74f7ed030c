package org.zou4j.http.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zou4j.Query;
import org.zou4j.ZouEngine;
import org.zou4j.contract.ContractBase;
import org.zou4j.contract.SampleData;
import org.zou4j.storage.h2.H2Storage;
import org.zou4j.storage.postgres.PostgresStorage;
import org.zou4j.storage.postgres.PostgresTestDatabase;

/** {@code ./zou4j migrate-h2-to-postgres}: arguments, and a real copy when a PostgreSQL server is configured. */
class MigrateCommandTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(Map<String, String> env, String... args) {
        return MigrateCommand.run(args, env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void withoutADatabaseUrlItPrintsUsage() {
        assertThat(run(Map.of())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--db-url is required").contains("usage:");
        assertThat(run(Map.of(), "--bogus")).isEqualTo(2);
    }

    @Test
    void aDataDirectoryWithoutDatabaseIsRefused(@TempDir Path dir) {
        assertThat(run(Map.of(), "--db-url", "jdbc:postgresql://127.0.0.1:1/x", "--data-dir", dir.toString()))
                .isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("no H2 database");
    }

    @Test
    void copiesAStandaloneDatabaseAndVerifiesEveryTable(@TempDir Path dir) {
        try (PostgresTestDatabase.Dropping db = PostgresTestDatabase.newDatabase()) {
            try (ZouEngine engine = ZouEngine.builder().storage(H2Storage.file(dir)).secretKey(ContractBase.SECRET)
                    .build()) {
                SampleData.fill(engine.systemSession(), 50);
            }

            int status = run(Map.of(), "--data-dir", dir.toString(), "--db-url", db.jdbcUrl());

            String printed = out.toString(StandardCharsets.UTF_8);
            System.out.println(printed);
            assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isEqualTo(0);
            assertThat(printed).containsPattern("verified: the \\d+ tables hold the same row counts");
            assertThat(printed).doesNotContain("password=");
            try (ZouEngine engine = ZouEngine.builder().storage(PostgresStorage.connect(db.jdbcUrl()))
                    .secretKey(ContractBase.SECRET).build()) {
                assertThat(engine.systemSession().data("custom-actions").list(Query.all())).hasSize(50);
            }

            // A second run finds the target full and refuses, unless told to replace.
            assertThat(run(Map.of(), "--data-dir", dir.toString(), "--db-url", db.jdbcUrl())).isEqualTo(1);
            assertThat(err.toString(StandardCharsets.UTF_8)).contains("is not empty");
            assertThat(run(Map.of(), "--data-dir", dir.toString(), "--db-url", db.jdbcUrl(), "--replace"))
                    .isEqualTo(0);
        }
    }
}
