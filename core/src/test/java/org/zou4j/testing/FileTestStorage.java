package org.zou4j.testing;

import java.nio.file.Path;

/** A file-based H2 backend for core's tests that need data to survive an engine restart. */
public final class FileTestStorage extends H2TestStorage {

    /** A database at {@code dir/zou} (created on first use). */
    public FileTestStorage(Path dir) {
        super("jdbc:h2:file:" + dir.resolve("zou").toAbsolutePath() + OPTIONS, "H2 file " + dir.resolve("zou"), true);
    }
}
