package org.zou4j.storage.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What the pool is told, checked without a server. */
class PostgresPoolConfigTest {
    private static final PoolOptions DEFAULTS = new PoolOptions(10, Duration.ofSeconds(10), Duration.ofSeconds(60), null);

    @Test
    void poolUrlCarriesOnlyTheAddressAndCredentialsGoApart() {
        PgUrl url = PgUrl.parse("jdbc:postgresql://db:5432/zou?user=kitsu&password=hunter22");

        HikariConfig config = PostgresPool.config(url, "kitsu", "hunter22".toCharArray(), DEFAULTS);

        assertThat(config.getJdbcUrl()).isEqualTo("jdbc:postgresql://db:5432/zou");
        assertThat(config.getUsername()).isEqualTo("kitsu");
        assertThat(config.getDataSourceProperties().toString()).doesNotContain("hunter22");
        assertThat(config.getPoolName()).doesNotContain("hunter22");
    }

    @Test
    void defaultsAreAutoCommitBatchRewritingAStatementTimeoutAndAFixedPool() {
        HikariConfig config = PostgresPool.config(PgUrl.parse("jdbc:postgresql://db/zou"), null, null, DEFAULTS);

        assertThat(config.isAutoCommit()).isTrue();
        assertThat(config.getMaximumPoolSize()).isEqualTo(10);
        assertThat(config.getConnectionTimeout()).isEqualTo(10_000);
        assertThat(config.getDataSourceProperties())
                .containsEntry("reWriteBatchedInserts", "true")
                .containsEntry("ApplicationName", "zou4j")
                .containsEntry("connectTimeout", "10")
                .containsEntry("options", "-c statement_timeout=60000");
    }

    @Test
    void urlDriverOptionsAreKeptAndTheirStatementTimeoutComesLastSoItWins() {
        PgUrl url = PgUrl.parse("jdbc:postgresql://db/zou?options=-c%20statement_timeout%3D5s&ApplicationName=ops");

        HikariConfig config = PostgresPool.config(url, null, null, DEFAULTS);

        assertThat(config.getDataSourceProperties())
                .containsEntry("options", "-c statement_timeout=60000 -c statement_timeout=5s")
                .containsEntry("ApplicationName", "ops");
    }

    @Test
    void anExplicitApplicationNameBeatsTheUrls() {
        PgUrl url = PgUrl.parse("jdbc:postgresql://db/zou?ApplicationName=ops");
        PoolOptions options = new PoolOptions(3, Duration.ofMillis(500), Duration.ZERO, "kitsu-api");

        HikariConfig config = PostgresPool.config(url, null, null, options);

        assertThat(config.getDataSourceProperties())
                .containsEntry("ApplicationName", "kitsu-api")
                .containsEntry("connectTimeout", "1")
                .containsEntry("options", "-c statement_timeout=0");
        assertThat(config.getValidationTimeout()).isEqualTo(500);
    }
}
