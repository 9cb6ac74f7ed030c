package org.zou4j.tasks;

import java.util.Objects;

/**
 * A file sent with a comment, a reply or a chat message (one part of Zou's multipart form).
 *
 * @param fileName the client's file name ({@code shot.png})
 * @param mimeType the part's content type ({@code image/png}); {@code application/octet-stream} when unknown
 * @param content  the bytes
 */
public record Upload(String fileName, String mimeType, byte[] content) {
    public Upload {
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(content, "content");
        mimeType = mimeType == null || mimeType.isBlank() ? "application/octet-stream" : mimeType;
    }
}
