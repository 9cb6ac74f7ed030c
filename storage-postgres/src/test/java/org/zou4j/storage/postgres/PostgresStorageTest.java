package org.zou4j.storage.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.core.BaseConnection;
import org.zou4j.storage.SqlDialect;

/** Against the real server of {@code ZOU_TEST_PG_URL}; skipped when it is not set. */
class PostgresStorageTest {
    private static final String PASSWORD = "s3cret-Pa55word";

    private static String serverUrl;

    @BeforeAll
    static void server() {
        serverUrl = PostgresTestDatabase.serverUrlOrSkip();
    }

    @Test
    void connectsAndAnswersSelectOne() throws SQLException {
        try (PostgresStorage storage = PostgresStorage.connect(serverUrl)) {
            assertThat(queryString(storage, "select 1")).isEqualTo("1");
            assertThat(storage.dialect()).isEqualTo(SqlDialect.POSTGRES);
            assertThat(storage.isShared()).isTrue();
            assertThat(storage.migrationPlaceholders()).containsEntry("json_type", "JSONB");
        }
    }

    @Test
    void connectionsAreAutoCommitRewriteBatchesAndNameTheApplication() throws SQLException {
        try (PostgresStorage storage = PostgresStorage.connect(serverUrl);
                Connection connection = storage.dataSource().getConnection()) {
            assertThat(connection.getAutoCommit()).isTrue();
            assertThat(connection.unwrap(BaseConnection.class).getQueryExecutor().isReWriteBatchedInsertsEnabled())
                    .isTrue();
            assertThat(queryString(connection, "select current_setting('application_name')")).isEqualTo("zou4j");
            assertThat(queryString(connection, "show statement_timeout")).isEqualTo("1min");
        }
    }

    @Test
    void poolHandsOutAtMostItsSizeAndReusesReturnedConnections() throws SQLException {
        try (PostgresStorage storage = PostgresStorage.builder(serverUrl).maximumPoolSize(2)
                .connectionTimeout(Duration.ofMillis(500)).applicationName("zou4j-pool-test").build()) {
            int firstPid;
            try (Connection first = storage.dataSource().getConnection();
                    Connection second = storage.dataSource().getConnection()) {
                firstPid = backendPid(first);
                assertThat(backendPid(second)).isNotEqualTo(firstPid);
                assertThatThrownBy(() -> storage.dataSource().getConnection())
                        .isInstanceOf(SQLTransientConnectionException.class);
                first.setAutoCommit(false);
            }
            try (Connection again = storage.dataSource().getConnection();
                    Connection other = storage.dataSource().getConnection()) {
                assertThat(new int[] {backendPid(again), backendPid(other)}).contains(firstPid);
                // The pool restores auto-commit on a connection a borrower changed.
                assertThat(again.getAutoCommit()).isTrue();
                assertThat(other.getAutoCommit()).isTrue();
                assertThat(queryString(again, "select current_setting('application_name')"))
                        .isEqualTo("zou4j-pool-test");
            }
        }
    }

    @Test
    void statementTimeoutCancelsLongStatements() throws SQLException {
        try (PostgresStorage storage = PostgresStorage.builder(serverUrl)
                .statementTimeout(Duration.ofMillis(200)).build();
                Connection connection = storage.dataSource().getConnection()) {
            SQLException e = catchThrowableOfType(SQLException.class,
                    () -> queryString(connection, "select pg_sleep(5)"));
            assertThat(e.getSQLState()).isEqualTo("57014");
        }
    }

    @Test
    void closeReleasesThePool() throws SQLException {
        PostgresStorage storage = PostgresStorage.connect(serverUrl);
        storage.close();
        storage.close();

        assertThatThrownBy(() -> storage.dataSource().getConnection()).isInstanceOf(SQLException.class);
    }

    @Test
    void descriptionAndToStringNeverShowThePasswordEvenWhenTheUrlCarriesOne() throws SQLException {
        // The CI server trusts local connections, so any password is accepted.
        String urlWithPassword = serverUrl + (serverUrl.contains("?") ? "&" : "?") + "password=" + PASSWORD;
        PgUrl server = PgUrl.parse(serverUrl);

        try (PostgresStorage storage = PostgresStorage.connect(urlWithPassword)) {
            assertThat(queryString(storage, "select 1")).isEqualTo("1");
            assertThat(storage.description()).isEqualTo("PostgreSQL " + server.address()).doesNotContain(PASSWORD);
            assertThat(storage.toString()).contains(server.address()).doesNotContain(PASSWORD);
            assertThat(storage.dataSource().toString()).doesNotContain(PASSWORD);
            assertThat(((HikariDataSource) storage.dataSource()).getJdbcUrl()).doesNotContain(PASSWORD);
        }
        try (PostgresStorage storage = PostgresStorage.connect(serverUrl, null, PASSWORD.toCharArray())) {
            assertThat(storage.description() + storage).doesNotContain(PASSWORD);
        }
    }

    @Test
    void fromEnvironmentTakesTheUserFromTheEnvironmentWhenTheUrlHasNone() throws SQLException {
        PgUrl server = PgUrl.parse(serverUrl);
        assumeTrue(server.user() != null, "the server URL names no user");
        String urlWithoutUser = server.addressUrl();

        try (PostgresStorage storage = PostgresStorage.fromEnvironment(urlWithoutUser,
                Map.of(PostgresStorage.ENV_USER, server.user(), PostgresStorage.ENV_PASSWORD, PASSWORD))) {
            assertThat(queryString(storage, "select current_user")).isEqualTo(server.user());
            assertThat(storage.toString()).doesNotContain(PASSWORD);
        }
        // The URL's user wins over the environment's.
        try (PostgresStorage storage = PostgresStorage.fromEnvironment(serverUrl,
                Map.of(PostgresStorage.ENV_USER, "no_such_role_zou4j"))) {
            assertThat(queryString(storage, "select current_user")).isEqualTo(server.user());
        }
    }

    @Test
    void aRefusedUserFailsAtOnceNamingServerAndUser() {
        String urlWithoutUser = PgUrl.parse(serverUrl).addressUrl();

        PostgresConnectionException e = catchThrowableOfType(PostgresConnectionException.class,
                () -> PostgresStorage.fromEnvironment(urlWithoutUser,
                        Map.of(PostgresStorage.ENV_USER, "no_such_role_zou4j", PostgresStorage.ENV_PASSWORD, PASSWORD)));

        System.out.println("refused user: " + e.getMessage());
        assertThat(e.getMessage()).contains(PgUrl.parse(serverUrl).address()).contains("no_such_role_zou4j")
                .doesNotContain(PASSWORD);
        assertThat(e.sqlState()).isEqualTo("28000");
    }

    @Test
    void aMissingDatabaseFailsAtOnceSayingSo() {
        PgUrl server = PgUrl.parse(serverUrl);
        String url = "jdbc:postgresql://" + String.join(",", server.hostPorts()) + "/zou4j_no_such_database";

        PostgresConnectionException e = catchThrowableOfType(PostgresConnectionException.class,
                () -> PostgresStorage.connect(url, server.user(), null));

        assertThat(e.sqlState()).isEqualTo("3D000");
        assertThat(e.getMessage()).contains("zou4j_no_such_database").contains("database name");
    }

    private static int backendPid(Connection connection) throws SQLException {
        return Integer.parseInt(queryString(connection, "select pg_backend_pid()"));
    }

    private static String queryString(PostgresStorage storage, String sql) throws SQLException {
        try (Connection connection = storage.dataSource().getConnection()) {
            return queryString(connection, sql);
        }
    }

    private static String queryString(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            assertThat(rows.next()).isTrue();
            return rows.getString(1);
        }
    }
}
