package org.zou4j.http.transport;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A streamed body already in memory: framed as any {@link HttpResponse#stream} (so a small file read at once is sent
 * exactly as when it was streamed), while its bytes stay known to the route layer ({@link HttpResponse#knownBytes}).
 *
 * @param bytes the body (not copied: never modify it)
 */
public record BytesWriter(byte[] bytes) implements BodyWriter {
    @Override
    public void writeTo(OutputStream out) throws IOException {
        out.write(bytes);
    }
}
