package org.zou4j.http;

import org.zou4j.storage.StorageBackend;
import org.zou4j.storage.postgres.PostgresTestDatabase;

/** {@link ImportRoutesTest} on PostgreSQL (skipped without {@code ZOU_TEST_PG_URL}). */
class ImportRoutesPostgresTest extends ImportRoutesTest {
    @Override
    StorageBackend storage() {
        return PostgresTestDatabase.newStorage();
    }
}
