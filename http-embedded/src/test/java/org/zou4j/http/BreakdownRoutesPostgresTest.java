package org.zou4j.http;

import org.zou4j.storage.StorageBackend;
import org.zou4j.storage.postgres.PostgresTestDatabase;

/** {@link BreakdownRoutesTest} on PostgreSQL (a fresh database; skipped when ZOU_TEST_PG_URL is unset). */
class BreakdownRoutesPostgresTest extends BreakdownRoutesTest {
    @Override
    StorageBackend storage() {
        return PostgresTestDatabase.newStorage();
    }
}
