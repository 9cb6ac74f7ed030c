package org.zou4j.storage.h2;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zou4j.ZouEngine;

/**
 * An engine started on a file database whose event counter is behind its event log (what a store that lost a
 * committed write leaves: issue #19) repairs the counter before serving, so writes work again at once.
 */
class StartupRepairTest {
    private static final String SECRET = "startup-repair-test-secret-0123456789abcdef";

    private static long scalar(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void startingOnACounterBehindTheLogRaisesItAndWritesWork(@TempDir Path dir) throws Exception {
        try (ZouEngine engine = ZouEngine.builder().storage(H2Storage.file(dir)).secretKey(SECRET).build()) {
            engine.systemSession().data("departments").create(Map.of("name", "Lighting", "color", "#000000"));
            engine.systemSession().data("departments").create(Map.of("name", "Layout", "color", "#000000"));
        }
        long max;
        try (H2Storage raw = H2Storage.file(dir); Connection c = raw.dataSource().getConnection();
             Statement s = c.createStatement()) {
            max = scalar(s, "SELECT MAX(seq) FROM api_event");
            s.executeUpdate("UPDATE zou4j_event_counter SET seq = 0 WHERE id = 1");
        }
        try (ZouEngine engine = ZouEngine.builder().storage(H2Storage.file(dir)).secretKey(SECRET).build()) {
            engine.systemSession().data("departments").create(Map.of("name", "Compositing", "color", "#000000"));
        }
        try (H2Storage raw = H2Storage.file(dir); Connection c = raw.dataSource().getConnection();
             Statement s = c.createStatement()) {
            assertThat(scalar(s, "SELECT seq FROM zou4j_event_counter WHERE id = 1")).isEqualTo(max + 1);
            assertThat(scalar(s, "SELECT MAX(seq) FROM api_event")).isEqualTo(max + 1);
        }
    }
}
