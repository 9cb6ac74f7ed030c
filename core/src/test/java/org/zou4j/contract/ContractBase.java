package org.zou4j.contract;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.zou4j.Session;
import org.zou4j.ZouEngine;
import org.zou4j.ZouException;
import org.zou4j.storage.StorageBackend;

/**
 * Base of the storage contract: one engine per test class on a fresh storage from {@link #newStorage()}. Each backend
 * module runs every contract class against its own storage (see {@code H2StorageContractTest},
 * {@code PostgresStorageContractTest}); the expectations are the same whatever the database.
 *
 * <p>Tests in one class share the engine, so each test makes its own rows with unique names ({@link Fixtures}) and
 * never assumes a table is empty.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ContractBase {
    public static final String SECRET = "storage-contract-secret-0123456789abcdef";

    protected StorageBackend storage;
    protected ZouEngine engine;
    protected Session admin;
    protected Fixtures fx;

    /** A fresh, empty storage of the backend under test; the engine built on it closes it. */
    protected abstract StorageBackend newStorage();

    /** An engine on {@code storage} (migrated on build). */
    protected static ZouEngine engineOn(StorageBackend storage) {
        return ZouEngine.builder().storage(storage).secretKey(SECRET).build();
    }

    @BeforeAll
    void startEngine() {
        storage = newStorage();
        engine = engineOn(storage);
        admin = engine.systemSession();
        fx = new Fixtures(admin);
    }

    @AfterAll
    void closeEngine() {
        if (engine != null) {
            engine.close();
        }
    }

    /** Runs {@code call}, which must fail with a {@link ZouException}, and returns it. */
    public static ZouException failure(Runnable call) {
        try {
            call.run();
        } catch (ZouException e) {
            return e;
        }
        throw new AssertionError("Expected a ZouException");
    }
}
