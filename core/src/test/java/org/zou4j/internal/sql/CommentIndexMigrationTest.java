package org.zou4j.internal.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * V95: the comment table loses {@code ix_comment_object_type} (maintained by every comment insert, used by no query)
 * on both databases and keeps its index on {@code object_id}; the migration runs on a database that already has comments.
 */
class CommentIndexMigrationTest {

    private static Set<String> commentIndexes(Connection c, String schema) throws SQLException {
        Set<String> names = new TreeSet<>();
        DatabaseMetaData md = c.getMetaData();
        try (ResultSet rs = md.getIndexInfo(null, schema, "comment", false, false)) {
            while (rs.next()) {
                if (rs.getString("INDEX_NAME") != null) {
                    names.add(rs.getString("INDEX_NAME").toLowerCase(Locale.ROOT));
                }
            }
        }
        return names;
    }

    private static void check(String url, String user, String schema, Map<String, String> placeholders,
                              String schemaForMetadata) throws SQLException {
        var config = Flyway.configure().dataSource(url, user, null).locations("classpath:db/migration")
                .placeholders(placeholders);
        if (schema != null) {
            config.schemas(schema).defaultSchema(schema);
        }
        config.target("90").load().migrate();
        try (Connection c = DriverManager.getConnection(url, user, null)) {
            if (schema != null) {
                c.setSchema(schema);
            }
            assertThat(commentIndexes(c, schemaForMetadata)).contains("ix_comment_object_type",
                    "ix_comment_object_id");
            try (Statement s = c.createStatement()) { // a person and a comment exist before V95
                s.execute("INSERT INTO person (id, first_name, last_name, email) VALUES ("
                        + "'00000000-0000-0000-0000-000000000001', 'A', 'B', 'a@b.test')");
                s.execute("INSERT INTO comment (id, object_id, object_type, person_id) VALUES ("
                        + "'00000000-0000-0000-0000-000000000002', '00000000-0000-0000-0000-000000000003', 'Task', "
                        + "'00000000-0000-0000-0000-000000000001')");
            }
        }
        config.target("latest").load().migrate();
        try (Connection c = DriverManager.getConnection(url, user, null)) {
            if (schema != null) {
                c.setSchema(schema);
            }
            Set<String> after = commentIndexes(c, schemaForMetadata);
            assertThat(after).doesNotContain("ix_comment_object_type")
                    .contains("ix_comment_object_id");
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM comment WHERE object_type = 'Task'")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(1);
            }
        }
    }

    @Test
    void h2DropsTheIndex() throws SQLException {
        check("jdbc:h2:mem:v95-" + UUID.randomUUID() + ";DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;"
                + "DB_CLOSE_DELAY=-1", "sa", null, Map.of("json_type", "JSON", "stored", ""), "public");
    }

    @Test
    void postgresDropsTheIndex() throws SQLException {
        String url = System.getenv("ZOU_TEST_PG_URL");
        Assumptions.assumeTrue(url != null && !url.isBlank(), "ZOU_TEST_PG_URL is not set");
        String schema = "zou_v95_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try {
            check(url, null, schema, Map.of("json_type", "JSONB", "stored", "STORED"), schema);
        } finally {
            try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
    }
}
