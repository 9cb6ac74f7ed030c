package org.zou4j.internal.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.zou4j.testing.TestStorage;

/**
 * Reference rows kept between transactions ({@link RowCache}) on a real H2 database the engine writes alone: served
 * while their table is unchanged, never after a committed write, never instead of the transaction's own writes.
 */
class RowCacheTest {
    private TestStorage storage;
    private Database db;
    private UUID taskType;

    @BeforeEach
    void open() {
        storage = TestStorage.writtenAlone();
        db = Database.open(storage);
        taskType = UUID.randomUUID();
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", taskType);
        row.put("created_at", LocalDateTime.now());
        row.put("updated_at", LocalDateTime.now());
        row.put("name", "Modeling");
        db.inTransaction(tx -> {
            tx.insert("task_type", row);
            return null;
        });
    }

    @AfterEach
    void close() {
        storage.close();
    }

    private String name() {
        return db.read(tx -> (String) tx.byId("task_type", taskType).get("name"));
    }

    /** Renames the task type with plain JDBC, behind the engine's back (nothing reported). */
    private void renameBehindTheEngine(String name) throws SQLException {
        try (Connection c = storage.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE task_type SET name = ? WHERE id = ?")) {
            ps.setString(1, name);
            ps.setObject(2, taskType);
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
    }

    @Test
    void aRowReadOnceIsServedUntilItsTableIsWritten() throws SQLException {
        assertThat(name()).isEqualTo("Modeling");
        renameBehindTheEngine("Unseen");
        // kept: the engine was not told (which is why such writers must call forgetCachedRows)
        assertThat(name()).isEqualTo("Modeling");
        db.forgetCachedRows();
        assertThat(name()).isEqualTo("Unseen");
    }

    @Test
    void aCommittedTypedWriteIsSeenByTheNextRead() {
        assertThat(name()).isEqualTo("Modeling");
        db.inTransaction(tx -> tx.updateById("task_type", taskType, Map.of("name", "Rigging")));
        assertThat(name()).isEqualTo("Rigging");
    }

    @Test
    void aWriteOfAnotherTableKeepsTheRowAndAReportedWriteDropsIt() throws SQLException {
        assertThat(name()).isEqualTo("Modeling");
        renameBehindTheEngine("Reported");
        db.tablesWritten("person");
        assertThat(name()).isEqualTo("Modeling");
        db.tablesWritten("task_type");
        assertThat(name()).isEqualTo("Reported");
    }

    @Test
    void aTransactionReadsItsOwnUncommittedWriteNotTheCachedRow() {
        assertThat(name()).isEqualTo("Modeling");
        String seen = db.inTransaction(tx -> {
            tx.updateById("task_type", taskType, Map.of("name", "Mine"));
            return (String) tx.byId("task_type", taskType).get("name");
        });
        assertThat(seen).isEqualTo("Mine");
    }

    @Test
    void aRowReadWhileAWriteCommittedIsNotServedAfterIt() {
        RowCache cache = db.rowCache();
        long before = cache.generation("task_type");
        Row read = db.read(tx -> tx.byId("task_type", taskType));
        cache.tablesWritten(Set.of("task_type")); // a write committed between the read and its caching
        cache.put(read, before);
        assertThat(cache.get("task_type", taskType)).isNull();
    }

    @Test
    void onlyTheReferenceTablesAndOnlyOnStorageWrittenAlone() {
        assertThat(db.rowCache().covers("task_type")).isTrue();
        assertThat(db.rowCache().covers("task")).isFalse();
        TestStorage shared = new TestStorage();
        try {
            assertThat(Database.open(shared).rowCache()).isNull();
        } finally {
            shared.close();
        }
    }
}
