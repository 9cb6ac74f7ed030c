package org.zou4j.http.transport;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes a response body incrementally, so a large result (a 100k-row list) is streamed to the socket
 * instead of being built in memory.
 *
 * <p>The transport buffers the first 16 KB: a body that fits is sent with {@code Content-Length}; a longer
 * one is sent with chunked transfer encoding (or close-delimited to an HTTP/1.0 client), in chunks of at
 * most 16 KB. {@code flush()} and {@code close()} on the given stream are no-ops: the transport decides when
 * bytes leave. If {@code writeTo} throws before anything was sent, the client receives a 500 JSON error;
 * after that, the connection is closed without the terminating chunk so the client sees a truncated body.
 */
@FunctionalInterface
public interface BodyWriter {

    /** Writes the whole body to {@code out}; must not keep a reference to it after returning. */
    void writeTo(OutputStream out) throws IOException;
}
