package org.zou4j.testing;

import java.util.UUID;

/** A private in-memory H2 backend for core's own tests. */
public final class TestStorage extends H2TestStorage {

    public TestStorage() {
        this("core-test-" + UUID.randomUUID());
    }

    private TestStorage(String name) {
        super("jdbc:h2:mem:" + name + OPTIONS + ";DB_CLOSE_DELAY=-1", "H2 in-memory " + name, true);
    }
}
