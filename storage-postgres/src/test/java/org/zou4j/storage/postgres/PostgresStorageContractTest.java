package org.zou4j.storage.postgres;

import org.junit.jupiter.api.BeforeAll;
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

/**
 * The storage contract (core's {@code org.zou4j.contract}) on PostgreSQL: each class on a fresh database of the
 * {@code ZOU_TEST_PG_URL} server; skipped, with the reason printed, when that variable is unset.
 */
class PostgresStorageContractTest {

    @BeforeAll
    static void server() {
        PostgresTestDatabase.serverUrlOrSkip();
    }

    static StorageBackend storage() {
        return PostgresTestDatabase.newStorage();
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
