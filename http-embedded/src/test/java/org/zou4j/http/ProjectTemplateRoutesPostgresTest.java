package org.zou4j.http;

import org.zou4j.storage.StorageBackend;
import org.zou4j.storage.postgres.PostgresTestDatabase;

/** {@link ProjectTemplateRoutesTest} on PostgreSQL (skipped without {@code ZOU_TEST_PG_URL}). */
class ProjectTemplateRoutesPostgresTest extends ProjectTemplateRoutesTest {
    @Override
    StorageBackend storage() {
        return PostgresTestDatabase.newStorage();
    }
}
