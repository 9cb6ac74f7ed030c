package org.zou4j.storage.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresTestDatabase.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PostgresTestDatabaseTest {

    @Test
    @Order(1)
    void eachClassGetsAFreshEmptyDatabaseOfItsOwn(PostgresTestDatabase.Database db, PostgresStorage storage)
            throws SQLException {
        assertThat(db.name()).matches("zou4j_t_[0-9a-f]{16}");
        assertThat(query(storage, "select current_database()")).isEqualTo(db.name());
        assertThat(query(storage, "select count(*) from pg_tables where schemaname = 'public'")).isEqualTo("0");
        try (Connection connection = storage.dataSource().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("create table probe (id int primary key)");
            statement.execute("insert into probe values (1)");
        }
    }

    @Test
    @Order(2)
    void theDatabaseAndStorageLastForTheWholeClass(PostgresTestDatabase.Database db, PostgresStorage storage)
            throws SQLException {
        assertThat(query(storage, "select count(*) from probe")).isEqualTo("1");
        assertThat(db.toString()).isEqualTo("Database[" + db.name() + "]");
    }

    private static String query(PostgresStorage storage, String sql) throws SQLException {
        try (Connection connection = storage.dataSource().getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }
}
