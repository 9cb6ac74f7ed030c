package org.zou4j.tasks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where the bytes of comment and chat attachments live, keyed by the attachment file's id. The engine writes a file
 * inside the transaction that creates its row (so a failed write rolls the row back) and deletes it after the row's
 * deletion commits. Implementations must be thread-safe. A real file store (object storage, a shared volume) can back
 * this interface; by default the engine keeps them on its {@link org.zou4j.files.FileStore} ({@link #onFileStore}).
 */
public interface AttachmentStore {

    /** Stores {@code content} as the bytes of attachment {@code id} (replacing any previous bytes). */
    void put(UUID id, byte[] content);

    /** The bytes of attachment {@code id}, or empty when none are stored. */
    Optional<InputStream> open(UUID id);

    /** Forgets the bytes of attachment {@code id} (no error when there are none). */
    void delete(UUID id);

    /** A store keeping each attachment as one file named by its id under {@code directory} (created when missing). */
    static AttachmentStore directory(Path directory) {
        return new AttachmentStore() {
            private Path path(UUID id) {
                String name = id.toString();
                return directory.resolve(name.substring(0, 2)).resolve(name);
            }

            @Override
            public void put(UUID id, byte[] content) {
                try {
                    Path target = path(id);
                    Files.createDirectories(target.getParent());
                    Path tmp = Files.createTempFile(target.getParent(), "upload-", ".tmp");
                    Files.write(tmp, content);
                    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (IOException e) {
                    throw new UncheckedIOException("Cannot store attachment " + id + " under " + directory, e);
                }
            }

            @Override
            public Optional<InputStream> open(UUID id) {
                try {
                    return Optional.of(Files.newInputStream(path(id)));
                } catch (NoSuchFileException e) {
                    return Optional.empty();
                } catch (IOException e) {
                    throw new UncheckedIOException("Cannot read attachment " + id + " under " + directory, e);
                }
            }

            @Override
            public void delete(UUID id) {
                try {
                    Files.deleteIfExists(path(id));
                } catch (IOException e) {
                    throw new UncheckedIOException("Cannot delete attachment " + id + " under " + directory, e);
                }
            }
        };
    }

    /**
     * A store on the engine's {@link org.zou4j.files.FileStore}: the {@code files} bucket, prefix {@code attachments},
     * keyed by the attachment file's id, as Zou's {@code file_store.add_file("attachments", id, ...)} keeps them.
     */
    static AttachmentStore onFileStore(org.zou4j.files.FileStore store) {
        java.util.Objects.requireNonNull(store, "store");
        org.zou4j.files.FileStore.Bucket bucket = org.zou4j.files.FileStore.Bucket.FILES;
        return new AttachmentStore() {
            @Override
            public void put(UUID id, byte[] content) {
                store.put(bucket, "attachments", id.toString(), content);
            }

            @Override
            public Optional<InputStream> open(UUID id) {
                return store.open(bucket, "attachments", id.toString()).map(org.zou4j.files.FileStore.StoredFile::stream);
            }

            @Override
            public void delete(UUID id) {
                store.delete(bucket, "attachments", id.toString());
            }
        };
    }

    /** A store in memory (tests, throw-away engines): its content is lost when the engine goes. */
    static AttachmentStore inMemory() {
        Map<UUID, byte[]> files = new ConcurrentHashMap<>();
        return new AttachmentStore() {
            @Override
            public void put(UUID id, byte[] content) {
                files.put(id, content.clone());
            }

            @Override
            public Optional<InputStream> open(UUID id) {
                byte[] b = files.get(id);
                return b == null ? Optional.empty() : Optional.of(new java.io.ByteArrayInputStream(b));
            }

            @Override
            public void delete(UUID id) {
                files.remove(id);
            }
        };
    }
}
