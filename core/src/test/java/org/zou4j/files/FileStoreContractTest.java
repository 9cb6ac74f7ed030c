package org.zou4j.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.zou4j.files.FileStore.Bucket;
import org.zou4j.files.FileStore.StoredFile;

/**
 * What every {@link FileStore} must do, run on each implementation (local directory, S3-compatible store): round
 * trips with the length, replacement, buckets kept apart, delete twice, a failed upload leaving the previous bytes,
 * large streamed content, refused unsafe keys.
 */
public abstract class FileStoreContractTest {

    /** The store under test (one per test class is fine: every test uses fresh ids). */
    protected abstract FileStore store();

    private static String newId() {
        return UUID.randomUUID().toString();
    }

    private static byte[] read(StoredFile f) throws IOException {
        try (f) {
            return f.stream().readAllBytes();
        }
    }

    @Test
    void roundTripsReplacesAndForgets() throws IOException {
        FileStore store = store();
        String id = newId();
        assertThat(store.exists(Bucket.PICTURES, "thumbnails", id)).isFalse();
        assertThat(store.open(Bucket.PICTURES, "thumbnails", id)).isEmpty();
        store.put(Bucket.PICTURES, "thumbnails", id, "abc".getBytes(StandardCharsets.UTF_8));
        assertThat(store.exists(Bucket.PICTURES, "thumbnails", id)).isTrue();
        try (StoredFile f = store.open(Bucket.PICTURES, "thumbnails", id).orElseThrow()) {
            assertThat(f.length()).isEqualTo(3);
            assertThat(f.stream().readAllBytes()).isEqualTo("abc".getBytes(StandardCharsets.UTF_8));
        }
        store.put(Bucket.PICTURES, "thumbnails", id, "replaced".getBytes(StandardCharsets.UTF_8));
        assertThat(read(store.open(Bucket.PICTURES, "thumbnails", id).orElseThrow()))
                .isEqualTo("replaced".getBytes(StandardCharsets.UTF_8));
        store.delete(Bucket.PICTURES, "thumbnails", id);
        store.delete(Bucket.PICTURES, "thumbnails", id);
        assertThat(store.open(Bucket.PICTURES, "thumbnails", id)).isEmpty();
        assertThat(store.exists(Bucket.PICTURES, "thumbnails", id)).isFalse();
    }

    @Test
    void bucketsAndPrefixesAreSeparateNamespaces() throws IOException {
        FileStore store = store();
        String id = newId();
        store.put(Bucket.FILES, "working", id, new byte[] {1});
        store.put(Bucket.MOVIES, "working", id, new byte[] {2});
        store.put(Bucket.FILES, "original", id, new byte[] {3});
        assertThat(read(store.open(Bucket.FILES, "working", id).orElseThrow())).containsExactly(1);
        assertThat(read(store.open(Bucket.MOVIES, "working", id).orElseThrow())).containsExactly(2);
        assertThat(read(store.open(Bucket.FILES, "original", id).orElseThrow())).containsExactly(3);
        assertThat(store.exists(Bucket.PICTURES, "working", id)).isFalse();
    }

    @Test
    void aFailedUploadKeepsThePreviousBytes() throws IOException {
        FileStore store = store();
        String id = newId();
        store.put(Bucket.FILES, "original", id, "good".getBytes(StandardCharsets.UTF_8));
        InputStream failing = new InputStream() {
            int n;

            @Override
            public int read() throws IOException {
                if (n++ > 1000) {
                    throw new IOException("client went away");
                }
                return 'x';
            }
        };
        assertThatThrownBy(() -> store.put(Bucket.FILES, "original", id, failing))
                .isInstanceOf(java.io.UncheckedIOException.class);
        assertThat(read(store.open(Bucket.FILES, "original", id).orElseThrow()))
                .isEqualTo("good".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void largeContentIsStreamedIntact() throws IOException {
        FileStore store = store();
        String id = newId();
        byte[] big = new byte[3 * 1024 * 1024 + 17];
        new Random(42).nextBytes(big);
        store.put(Bucket.MOVIES, "previews", id, new ByteArrayInputStream(big));
        try (StoredFile f = store.open(Bucket.MOVIES, "previews", id).orElseThrow()) {
            assertThat(f.length()).isEqualTo(big.length);
            assertThat(f.stream().readAllBytes()).isEqualTo(big);
        }
    }

    @Test
    void refusesUnsafeKeys() {
        FileStore store = store();
        assertThatThrownBy(() -> store.put(Bucket.FILES, "..", "x", new byte[0]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.open(Bucket.FILES, "original", "../../etc"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.exists(Bucket.FILES, "original", "a/b"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
