package org.zou4j.storage.h2;

import org.zou4j.contract.StorageContractSuite;
import org.zou4j.storage.StorageBackend;

/** The storage contract (core's {@code org.zou4j.contract}) on in-memory H2. */
class H2StorageContractTest extends StorageContractSuite {

    @Override
    protected StorageBackend storage() {
        return H2Storage.inMemory();
    }
}
