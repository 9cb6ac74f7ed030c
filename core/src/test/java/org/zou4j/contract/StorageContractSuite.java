package org.zou4j.contract;

import org.junit.jupiter.api.Nested;
import org.zou4j.storage.StorageBackend;

/**
 * The whole storage contract for one backend: a backend's test class extends this and says how to make a fresh
 * storage; every contract below then runs on it as a nested class (JUnit finds inherited {@code @Nested} classes).
 * A new contract class is added here once, and so runs on every backend.
 */
public abstract class StorageContractSuite {

    /** A fresh, empty storage of the backend under test (each contract class closes its own). */
    protected abstract StorageBackend storage();

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
