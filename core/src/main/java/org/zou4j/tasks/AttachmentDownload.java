package org.zou4j.tasks;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;

/**
 * An attachment file opened for download ({@code GET /data/attachment-files/<id>/file/<name>}): close it when done.
 *
 * @param name     the file's name as uploaded
 * @param mimeType the uploader's content type
 * @param inline   whether it may be shown inline (safe raster images); everything else is served as a download
 * @param length   the number of bytes, or -1 when unknown
 * @param stream   the bytes
 */
public record AttachmentDownload(String name, String mimeType, boolean inline, long length, InputStream stream)
        implements Closeable {
    @Override
    public void close() throws IOException {
        stream.close();
    }
}
