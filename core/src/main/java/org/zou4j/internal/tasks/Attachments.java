package org.zou4j.internal.tasks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.zou4j.files.FileStore;
import org.zou4j.tasks.Upload;

/**
 * The bytes of comment and chat attachments, on the engine's one {@link FileStore}: the {@code files} bucket, prefix
 * {@code attachments}, keyed by the attachment file's id, as Zou's {@code file_store.add_file("attachments", ...)}
 * keeps them. Written inside the transaction that creates the row (a failed write rolls the row back), deleted after
 * the row's deletion commits.
 */
public final class Attachments {
    private static final String PREFIX = "attachments";
    private final FileStore store;

    public Attachments(FileStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /** Stores the upload as attachment {@code id}, streamed (an attachment may be large). */
    public void put(UUID id, Upload upload) {
        try (InputStream in = upload.open()) {
            store.put(FileStore.Bucket.FILES, PREFIX, id.toString(), in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the attachment " + upload.fileName(), e);
        }
    }

    /** The bytes of attachment {@code id}, or empty when none are stored. */
    public Optional<InputStream> open(UUID id) {
        return store.open(FileStore.Bucket.FILES, PREFIX, id.toString()).map(FileStore.StoredFile::stream);
    }

    /** Forgets attachment {@code id} (no error when there is none). */
    public void delete(UUID id) {
        store.delete(FileStore.Bucket.FILES, PREFIX, id.toString());
    }
}
