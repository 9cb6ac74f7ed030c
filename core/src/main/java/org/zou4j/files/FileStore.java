package org.zou4j.files;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the engine keeps media bytes (pictures, movies, files), addressed as Zou addresses them: a bucket, a prefix
 * ({@code original}, {@code thumbnails}, {@code previews}, ...) and an id. Writes are atomic: a reader sees either the
 * previous bytes or the new ones, never a partly written file. Implementations must be thread-safe.
 */
public interface FileStore {

    /** Zou's three buckets. */
    enum Bucket {
        PICTURES("pictures"), MOVIES("movies"), FILES("files");

        private final String folder;

        Bucket(String folder) {
            this.folder = folder;
        }

        /** The bucket's folder (or object-store bucket suffix) name. */
        public String folder() {
            return folder;
        }
    }

    /**
     * A stored file opened for reading: close it when done.
     *
     * @param stream the bytes
     * @param length the number of bytes
     */
    record StoredFile(InputStream stream, long length) implements Closeable {
        @Override
        public void close() throws IOException {
            stream.close();
        }
    }

    /** Stores {@code content} (read to its end, not closed) as {@code prefix}/{@code id}, replacing any previous. */
    void put(Bucket bucket, String prefix, String id, InputStream content);

    /** Stores {@code content} as {@code prefix}/{@code id}, replacing any previous bytes. */
    default void put(Bucket bucket, String prefix, String id, byte[] content) {
        put(bucket, prefix, id, new java.io.ByteArrayInputStream(content));
    }

    /** The stored bytes with their length, or empty when none are stored. */
    Optional<StoredFile> open(Bucket bucket, String prefix, String id);

    /** Whether bytes are stored under {@code prefix}/{@code id}. */
    boolean exists(Bucket bucket, String prefix, String id);

    /** Forgets the bytes (no error when there are none). */
    void delete(Bucket bucket, String prefix, String id);

    /**
     * A store on the local file system with Zou's layout:
     * {@code <root>/<bucket>/<prefix>/<id[0:3]>/<id[3:6]>/<id>} (e.g. {@code <data-dir>/previews}).
     */
    static FileStore local(Path root) {
        return new org.zou4j.internal.files.LocalFileStore(root);
    }
}
