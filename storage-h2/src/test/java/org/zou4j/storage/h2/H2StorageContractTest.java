package org.zou4j.storage.h2;

import org.junit.jupiter.api.Nested;
import org.zou4j.contract.ConcurrencyContract;
import org.zou4j.contract.ConstraintContract;
import org.zou4j.contract.EventContract;
import org.zou4j.contract.EventInvariantContract;
import org.zou4j.contract.ListFilterContract;
import org.zou4j.contract.RoundTripContract;
import org.zou4j.contract.SerializedRulesContract;
import org.zou4j.contract.StreamingContract;
import org.zou4j.contract.ValueContract;
import org.zou4j.storage.StorageBackend;

/** The storage contract (core's {@code org.zou4j.contract}) on in-memory H2. */
class H2StorageContractTest {

    static StorageBackend storage() {
        return H2Storage.inMemory();
    }

    @Nested
    class RoundTrips extends RoundTripContract {
        @Override
        protected StorageBackend newStorage() {
            return storage();
        }
    }

    @Nested
    class ListFilters extends ListFilterContract {
        @Override
        protected StorageBackend newStorage() {
            return storage();
        }
    }

    @Nested
    class Constraints extends ConstraintContract {
        @Override
        protected StorageBackend newStorage() {
            return storage();
        }
    }

    @Nested
    class Values extends ValueContract {
        @Override
        protected StorageBackend newStorage() {
            return storage();
        }
    }

    @Nested
    class Concurrency extends ConcurrencyContract {
        @Override
        protected StorageBackend newStorage() {
            return storage();
        }
    }

    @Nested
    class Events extends EventContract {
        @Override
        protected StorageBackend newStorage() {
            return storage();
        }
    }

    @Nested
    class Streaming extends StreamingContract {
        @Override
        protected StorageBackend newStorage() {
            return storage();
        }
    }

    @Nested
    class EventInvariants extends EventInvariantContract {
        @Override
        protected StorageBackend newStorage() {
            return storage();
        }
    }

    @Nested
    class SerializedRules extends SerializedRulesContract {
        @Override
        protected StorageBackend newStorage() {
            return storage();
        }
    }
}
