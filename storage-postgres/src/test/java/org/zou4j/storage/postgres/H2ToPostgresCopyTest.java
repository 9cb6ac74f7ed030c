package org.zou4j.storage.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zou4j.Entry;
import org.zou4j.Query;
import org.zou4j.Session;
import org.zou4j.ZouEngine;
import org.zou4j.contract.ContractBase;
import org.zou4j.contract.SampleData;
import org.zou4j.internal.sql.Database;
import org.zou4j.storage.StorageCopy;
import org.zou4j.storage.h2.H2Storage;

/** A standalone H2 database file moves to PostgreSQL row for row, and an engine on PostgreSQL serves it. */
class H2ToPostgresCopyTest {

    @BeforeAll
    static void server() {
        PostgresTestDatabase.serverUrlOrSkip();
    }

    @Test
    void copiesAnH2FileDatabaseIntoAnEmptyPostgresDatabase(@TempDir Path dir) {
        try (ZouEngine standalone = ZouEngine.builder().storage(H2Storage.file(dir)).secretKey(ContractBase.SECRET)
                .build()) {
            SampleData.fill(standalone.systemSession(), 2500);
        }
        try (PostgresTestDatabase.Dropping db = PostgresTestDatabase.newDatabase()) {
            Map<String, List<String>> expected;
            try (H2Storage source = H2Storage.file(dir); PostgresStorage target = PostgresStorage.connect(db.jdbcUrl())) {
                StorageCopy.Result result = StorageCopy.copy(source, target, false, System.out::println);
                System.out.printf("copied %,d rows of %d tables in %d ms%n", result.rows(), result.tables().size(),
                        result.took().toMillis());

                assertThat(result.verified()).isTrue();
                assertThat(result.tables()).hasSize(Database.open(target).schema().tables().size());
                expected = SampleData.contents(Database.open(source));
                assertThat(SampleData.contents(Database.open(target))).isEqualTo(expected);

                assertThatThrownBy(() -> StorageCopy.copy(source, target, false, null))
                        .isInstanceOf(IllegalStateException.class).hasMessageContaining("is not empty");
            }
            try (ZouEngine shared = ZouEngine.builder().storage(PostgresStorage.connect(db.jdbcUrl()))
                    .secretKey(ContractBase.SECRET).build()) {
                Session admin = shared.systemSession();
                Entry shot = admin.data("entities").list(Query.where(Map.of("name", "SH010"))).get(0);
                assertThat(shot.get("preview_file_id")).isNotNull();
                assertThat(shot.get("parent_id")).isNotNull();
                assertThat(admin.data("projects").list(Query.all()).get(0).get("data"))
                        .isEqualTo(Map.of("nested", Map.of("list", List.of(1, 2.5, "🎬"))));
                assertThat(admin.data("custom-actions").list(Query.all())).hasSize(2500);
                // The copy is an ordinary database from now on.
                admin.data("custom-actions").create(Map.of("name", "after the move"));
            }
        }
    }
}
