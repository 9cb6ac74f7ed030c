package org.zou4j.assets;

import java.io.OutputStream;

/**
 * A JSON answer written straight from the database to a stream, with bounded memory whatever its size. It holds a
 * read transaction until written or closed: close it (try-with-resources) even when not written.
 */
public interface JsonStream extends AutoCloseable {

    /** Writes the JSON document to {@code out}, then closes this stream. */
    void writeJson(OutputStream out);

    @Override
    void close();
}
