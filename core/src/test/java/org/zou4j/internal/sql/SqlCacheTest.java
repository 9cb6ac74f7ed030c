package org.zou4j.internal.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.zou4j.testing.TestStorage;

class SqlCacheTest {
    private TestStorage storage;
    private Database db;
    private final List<UUID> ids = new ArrayList<>();

    @BeforeEach
    void open() {
        storage = new TestStorage();
        db = Database.open(storage);
        db.inTransaction(tx -> {
            for (int i = 0; i < 5; i++) {
                UUID id = UUID.randomUUID();
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("id", id);
                row.put("created_at", LocalDateTime.of(2024, 1, 1, 0, 0).plusDays(i));
                row.put("updated_at", LocalDateTime.of(2024, 1, 1, 0, 0).plusDays(i));
                row.put("name", "status " + i);
                row.put("color", "#00000" + i);
                tx.insert("project_status", row);
                ids.add(id);
            }
            return null;
        });
    }

    @AfterEach
    void close() {
        storage.close();
    }

    private <T> T read(Database.TxWork<T> work) {
        return db.read(work);
    }

    @Test
    void aShapeSeenBeforeReusesItsSqlWithTheNewValues() throws SQLException {
        for (UUID id : ids) {
            Row row = read(tx -> tx.byId("project_status", id));
            assertThat(row.id()).isEqualTo(id);
        }
        assertThat(db.sqlCache().get(shapeOfById())).isNotNull();
        Row missing = read(tx -> tx.byId("project_status", UUID.randomUUID()));
        assertThat(missing).isNull();
    }

    private String shapeOfById() {
        StringBuilder key = new StringBuilder("select|project_status|");
        db.renderer().shape("project_status", List.of(Filter.eq("id", ids.get(0))), key, new ArrayList<>());
        return key.append("||limit").toString();
    }

    @Test
    void pagesWithTheSameShapeBindTheirOwnOffsetAndLimit() {
        List<Tx.Order> order = List.of(Tx.Order.asc("name"));
        for (int round = 0; round < 2; round++) {
            for (int offset = 0; offset < 5; offset++) {
                int o = offset;
                List<Row> page = read(tx -> tx.select("project_status", List.of(), order, 2, o));
                assertThat(page).extracting(r -> r.get("name"))
                        .containsExactlyElementsOf(List.of("status 0", "status 1", "status 2", "status 3", "status 4")
                                .subList(o, Math.min(5, o + 2)));
            }
        }
    }

    @Test
    void listFiltersOfEveryKindGiveTheSameRowsFromTheCache() {
        List<Filter> filters = List.of(Filter.in("id", ids.subList(0, 3)), new Filter.ILike("name", "STATUS%"),
                new Filter.Range("created_at", LocalDateTime.of(2023, 1, 1, 0, 0), null),
                new Filter.Not(Filter.eq("color", "#000001")), Filter.or(Filter.eq("name", "status 0"),
                        Filter.eq("name", "status 2"), new Filter.IsNull("color")));
        for (int i = 0; i < 3; i++) {
            long count = read(tx -> tx.count("project_status", filters));
            boolean exists = read(tx -> tx.exists("project_status", filters));
            List<Object> names = read(tx -> tx.column("project_status", "name", filters));
            assertThat(count).isEqualTo(2);
            assertThat(exists).isTrue();
            assertThat(names).containsExactlyInAnyOrder("status 0", "status 2");
        }
        long none = read(tx -> tx.count("project_status", List.of(Filter.in("id", List.of()))));
        assertThat(none).isZero();
    }

    @Test
    void aShapeWhoseValuesRepeatIsNotCachedUntilTheyDiffer() {
        List<Filter> same = List.of(Filter.eq("name", "status 1"), Filter.eq("color", "status 1"));
        StringBuilder key = new StringBuilder("count|project_status|");
        db.renderer().shape("project_status", same, key, new ArrayList<>());
        long first = read(tx -> tx.count("project_status", same));
        assertThat(first).isZero();
        assertThat(db.sqlCache().get(key.toString())).isNull();
        List<Filter> different = List.of(Filter.eq("name", "status 1"), Filter.eq("color", "#000001"));
        long second = read(tx -> tx.count("project_status", different));
        assertThat(second).isEqualTo(1);
        assertThat(db.sqlCache().get(key.toString())).isNotNull();
        long third = read(tx -> tx.count("project_status", same));
        assertThat(third).isZero();
    }
}
