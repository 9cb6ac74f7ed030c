package org.zou4j;

import org.zou4j.contract.RoundTripContract;
import org.zou4j.storage.StorageBackend;
import org.zou4j.testing.TestStorage;

/** The round trip of every routed model ({@link RoundTripContract}) on core's test H2. */
class ModelRoundTripTest extends RoundTripContract {
    @Override
    protected StorageBackend newStorage() {
        return new TestStorage();
    }
}
