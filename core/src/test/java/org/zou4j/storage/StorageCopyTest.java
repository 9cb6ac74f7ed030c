package org.zou4j.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.zou4j.ZouEngine;
import org.zou4j.contract.ContractBase;
import org.zou4j.contract.SampleData;
import org.zou4j.internal.sql.Database;
import org.zou4j.testing.TestStorage;

/** Copies between two H2 databases; the same copy into PostgreSQL is tested in storage-postgres. */
class StorageCopyTest {

    @Test
    void copiesEveryRowOfEveryTableAndVerifiesTheCounts() {
        try (TestStorage source = new TestStorage(); TestStorage target = new TestStorage()) {
            fill(source, 1500);
            List<String> progress = new ArrayList<>();

            StorageCopy.Result result = StorageCopy.copy(source, target, false, progress::add);

            assertThat(result.verified()).isTrue();
            assertThat(result.mismatches()).isEmpty();
            assertThat(result.tables()).hasSize(Database.open(target).schema().tables().size());
            assertThat(result.rows()).isGreaterThan(1500);
            assertThat(progress).anyMatch(line -> line.startsWith("custom_action"));
            Map<String, List<String>> copied = SampleData.contents(Database.open(target));
            assertThat(copied).isEqualTo(SampleData.contents(Database.open(source)));
            assertThat(copied.get("entity")).hasSize(3);
        }
    }

    @Test
    void refusesANonEmptyTargetUnlessToldToReplaceItsRows() {
        try (TestStorage source = new TestStorage(); TestStorage target = new TestStorage()) {
            fill(source, 10);
            fill(target, 3);

            assertThatThrownBy(() -> StorageCopy.copy(source, target, false, null))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("is not empty")
                    .hasMessageContaining("rows");

            StorageCopy.Result result = StorageCopy.copy(source, target, true, null);
            assertThat(result.verified()).isTrue();
            assertThat(SampleData.contents(Database.open(target))).isEqualTo(SampleData.contents(Database.open(source)));
        }
    }

    @Test
    void aFailedCopyLeavesTheTargetEmpty() {
        try (TestStorage source = new TestStorage(); TestStorage target = new TestStorage()) {
            fill(source, 10);
            Database.open(target);
            // A target whose custom_action names are too short for the source's rows: the copy fails half-way.
            execute(target.dataSource(), "ALTER TABLE custom_action ALTER COLUMN name VARCHAR(3)");

            assertThatThrownBy(() -> StorageCopy.copy(source, target, false, null))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("failed");

            SampleData.counts(SampleData.contents(Database.open(target))).forEach((table, n) -> {
                if (!table.startsWith("zou4j_")) {
                    assertThat(n).as(table).isZero();
                }
            });
        }
    }

    private static void fill(TestStorage storage, int volume) {
        try (ZouEngine engine = ZouEngine.builder().storage(new KeptOpen(storage)).secretKey(ContractBase.SECRET)
                .build()) {
            SampleData.fill(engine.systemSession(), volume);
        }
    }

    private static void execute(DataSource ds, String sql) {
        try (var c = ds.getConnection(); var s = c.createStatement()) {
            s.execute(sql);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Lends a storage to an engine without letting the engine close it. */
    record KeptOpen(StorageBackend storage) implements StorageBackend {
        @Override
        public SqlDialect dialect() {
            return storage.dialect();
        }

        @Override
        public DataSource dataSource() {
            return storage.dataSource();
        }

        @Override
        public String description() {
            return storage.description();
        }

        @Override
        public void close() {
            // the test closes it
        }
    }
}
