package org.zou4j.testing;

import java.util.UUID;

/** A private in-memory H2 backend for core's own tests. */
public final class TestStorage extends H2TestStorage {

    public TestStorage() {
        this("core-test-" + UUID.randomUUID(), false);
    }

    private TestStorage(String name, boolean soleWriter) {
        super("jdbc:h2:mem:" + name + OPTIONS + ";DB_CLOSE_DELAY=-1", "H2 in-memory " + name, true, soleWriter);
    }

    /** A storage declared as written by its engine alone ({@code StorageBackend#soleWriter}), as H2Storage is. */
    public static TestStorage writtenAlone() {
        return new TestStorage("core-test-" + UUID.randomUUID(), true);
    }
}
