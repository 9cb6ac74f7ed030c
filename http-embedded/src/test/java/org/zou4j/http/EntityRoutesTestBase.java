package org.zou4j.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.zou4j.storage.StorageBackend;
import org.zou4j.storage.h2.H2Storage;

/**
 * A test class of the entity routes whose tests share one {@link EntityRoutesFixture}. A subclass's own
 * {@code @BeforeAll} runs once the fixture is up.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class EntityRoutesTestBase {
    EntityRoutesFixture f;
    ApiClient admin;

    /** The storage the tests run on: in-memory H2 here, PostgreSQL in the {@code ...PostgresTest} subclass. */
    StorageBackend storage() {
        return H2Storage.inMemory();
    }

    @BeforeAll
    void start() {
        f = new EntityRoutesFixture(storage());
        admin = f.admin;
    }

    @AfterAll
    void stop() {
        if (f != null) { // null when start() was skipped (no PostgreSQL configured)
            f.close();
        }
    }

    /** Posts as admin and answers the created object (201 expected). */
    Map<String, Object> post(String path, Map<String, Object> body) {
        ApiClient.Reply r = admin.post(path, body);
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.map();
    }

    /** The {@code data} of an event. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> data(Map<String, Object> event) {
        return (Map<String, Object>) event.get("data");
    }
}
