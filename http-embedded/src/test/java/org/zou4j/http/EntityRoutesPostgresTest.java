package org.zou4j.http;

import org.zou4j.storage.StorageBackend;
import org.zou4j.storage.postgres.PostgresTestDatabase;

/** {@link EntityRoutesTest} on PostgreSQL (skipped without {@code ZOU_TEST_PG_URL}). */
class EntityRoutesPostgresTest extends EntityRoutesTest {
    @Override
    StorageBackend storage() {
        return PostgresTestDatabase.newStorage();
    }
}
