package org.zou4j.playlists;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;

/**
 * A media file ready to be sent (a playlist movie, a playlist archive, a shared preview): close it when done.
 *
 * @param fileName     the download name Zou gives it (null when served inline)
 * @param mimeType     its content type
 * @param length       its size in bytes
 * @param stream       its bytes
 */
public record MediaFile(String fileName, String mimeType, long length, InputStream stream) implements Closeable {
    @Override
    public void close() throws IOException {
        stream.close();
    }
}
