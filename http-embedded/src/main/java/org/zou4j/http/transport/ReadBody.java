package org.zou4j.http.transport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A request body as read from the socket: in memory when small, else spooled to an owner-only file that the
 * connection deletes once the response is sent (or the request failed).
 *
 * @param bytes the body when in memory, else null
 * @param file  the spool file when spooled, else null
 * @param size  the body's length in bytes
 */
record ReadBody(byte[] bytes, Path file, long size) {

    static final ReadBody EMPTY = new ReadBody(new byte[0], null, 0);

    static ReadBody of(byte[] bytes) {
        return new ReadBody(bytes, null, bytes.length);
    }

    /** Deletes the spool file, if any; never throws. */
    void discard() {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a file left behind is swept at the next start
            }
        }
    }
}
