package org.zou4j.http;

import org.zou4j.storage.StorageBackend;
import org.zou4j.storage.postgres.PostgresTestDatabase;

/** {@link AssetRoutesTest} on PostgreSQL (skipped without {@code ZOU_TEST_PG_URL}). */
class AssetRoutesPostgresTest extends AssetRoutesTest {
    @Override
    StorageBackend storage() {
        return PostgresTestDatabase.newStorage();
    }
}
