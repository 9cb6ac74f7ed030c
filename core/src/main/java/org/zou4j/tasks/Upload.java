package org.zou4j.tasks;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Objects;

/**
 * A file sent with a comment, a reply, a chat message or a preview (one part of Zou's multipart form). Either held
 * in memory ({@link #Upload(String, String, byte[])}) or read from where the transport keeps it
 * ({@link #streamed(String, String, long, Source)}): a movie of several hundred megabytes is never loaded whole.
 */
public final class Upload {

    /** Opens the upload's bytes, from the start, each time it is called. */
    @FunctionalInterface
    public interface Source {
        InputStream open() throws IOException;
    }

    private final String fileName;
    private final String mimeType;
    private final long size;
    private final byte[] content;
    private final Source source;

    /**
     * An upload held in memory.
     *
     * @param fileName the client's file name ({@code shot.png})
     * @param mimeType the part's content type ({@code image/png}); {@code application/octet-stream} when unknown
     * @param content  the bytes
     */
    public Upload(String fileName, String mimeType, byte[] content) {
        this(fileName, mimeType, Objects.requireNonNull(content, "content").length, content, null);
    }

    private Upload(String fileName, String mimeType, long size, byte[] content, Source source) {
        this.fileName = Objects.requireNonNull(fileName, "fileName");
        this.mimeType = mimeType == null || mimeType.isBlank() ? "application/octet-stream" : mimeType;
        this.size = size;
        this.content = content;
        this.source = source;
    }

    /** An upload of {@code size} bytes read from {@code source} when needed (valid while the request is served). */
    public static Upload streamed(String fileName, String mimeType, long size, Source source) {
        if (size < 0) {
            throw new IllegalArgumentException("size must not be negative: " + size);
        }
        return new Upload(fileName, mimeType, size, null, Objects.requireNonNull(source, "source"));
    }

    /** The same bytes under another file name. */
    public Upload withFileName(String name) {
        return new Upload(name, mimeType, size, content, source);
    }

    /** The client's file name. */
    public String fileName() {
        return fileName;
    }

    /** The part's content type; {@code application/octet-stream} when the client sent none. */
    public String mimeType() {
        return mimeType;
    }

    /** The number of bytes. */
    public long size() {
        return size;
    }

    /** The bytes as a stream (close it); prefer this to {@link #content()} for anything that may be large. */
    public InputStream open() {
        if (content != null) {
            return new ByteArrayInputStream(content);
        }
        try {
            return source.open();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the upload " + fileName, e);
        }
    }

    /**
     * The bytes in memory (pictures, which are decoded whole anyway).
     *
     * @throws IllegalStateException when the upload is too large for an array
     */
    public byte[] content() {
        if (content != null) {
            return content;
        }
        if (size > Integer.MAX_VALUE - 16) {
            throw new IllegalStateException("The upload " + fileName + " is too large to hold in memory: " + size);
        }
        try (InputStream in = open()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the upload " + fileName, e);
        }
    }

    @Override
    public String toString() {
        return "Upload[" + fileName + ", " + mimeType + ", " + size + " bytes]";
    }
}
