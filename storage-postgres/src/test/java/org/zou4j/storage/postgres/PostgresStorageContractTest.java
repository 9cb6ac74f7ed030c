package org.zou4j.storage.postgres;

import org.junit.jupiter.api.BeforeAll;
import org.zou4j.contract.StorageContractSuite;
import org.zou4j.storage.StorageBackend;

/**
 * The storage contract (core's {@code org.zou4j.contract}) on PostgreSQL: each class on a fresh database of the
 * {@code ZOU_TEST_PG_URL} server; skipped, with the reason printed, when that variable is unset.
 */
class PostgresStorageContractTest extends StorageContractSuite {

    @BeforeAll
    static void server() {
        PostgresTestDatabase.serverUrlOrSkip();
    }

    @Override
    protected StorageBackend storage() {
        return PostgresTestDatabase.newStorage();
    }
}
