package org.zou4j.assets;

import java.io.OutputStream;

/**
 * A JSON answer written straight from the database to a stream, with bounded memory whatever its size. It holds a
 * read transaction until written or closed: close it (try-with-resources) even when not written.
 */
public interface JsonStream extends AutoCloseable {

    /**
     * The media type of what {@link #writeJson} writes: {@code application/json}, or {@code application/x-ndjson}
     * for Zou's streamed views ({@code stream=true}).
     */
    default String contentType() {
        return "application/json";
    }

    /** Writes the JSON document to {@code out}, then closes this stream. */
    void writeJson(OutputStream out);

    @Override
    void close();
}
