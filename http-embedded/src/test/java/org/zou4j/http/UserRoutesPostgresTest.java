package org.zou4j.http;

import org.zou4j.storage.StorageBackend;
import org.zou4j.storage.postgres.PostgresStorage;
import org.zou4j.storage.postgres.PostgresTestDatabase;

/** {@link UserRoutesTest} on PostgreSQL ({@code ZOU_TEST_PG_URL}; skipped when unset). */
class UserRoutesPostgresTest extends UserRoutesTest {
    private PostgresTestDatabase.Dropping db;

    @Override
    StorageBackend storage() {
        PostgresTestDatabase.serverUrlOrSkip();
        db = PostgresTestDatabase.newDatabase();
        return PostgresStorage.connect(db.jdbcUrl());
    }

    @Override
    void cleanUp() {
        if (db != null) {
            db.close();
        }
    }
}
