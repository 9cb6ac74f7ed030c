package org.zou4j.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zou4j.files.FileStore.Bucket;
import org.zou4j.files.FileStore.StoredFile;

/**
 * The local {@link FileStore}: the {@link FileStoreContractTest} contract, plus Zou's local layout and no temporary
 * file left behind by a failed write.
 */
class LocalFileStoreTest extends FileStoreContractTest {
    @TempDir
    Path root;

    @Override
    protected FileStore store() {
        return FileStore.local(root);
    }

    @Test
    void keepsZouLayoutAndRoundTrips() throws IOException {
        FileStore store = FileStore.local(root);
        String id = "0a1b2c3d-0000-4000-8000-000000000001";
        store.put(Bucket.PICTURES, "thumbnails", id, "abc".getBytes(StandardCharsets.UTF_8));
        // zou/app/stores/file_store.py: <root>/<bucket>/<prefix>/<id[:3]>/<id[3:6]>/<id>
        assertThat(root.resolve("pictures/thumbnails/0a1/b2c/" + id)).hasContent("abc");
        assertThat(store.exists(Bucket.PICTURES, "thumbnails", id)).isTrue();
        assertThat(store.exists(Bucket.MOVIES, "thumbnails", id)).isFalse();
        try (StoredFile f = store.open(Bucket.PICTURES, "thumbnails", id).orElseThrow()) {
            assertThat(f.length()).isEqualTo(3);
            assertThat(f.stream().readAllBytes()).isEqualTo("abc".getBytes(StandardCharsets.UTF_8));
        }
        store.put(Bucket.PICTURES, "thumbnails", id, "replaced".getBytes(StandardCharsets.UTF_8));
        assertThat(root.resolve("pictures/thumbnails/0a1/b2c/" + id)).hasContent("replaced");
        store.delete(Bucket.PICTURES, "thumbnails", id);
        store.delete(Bucket.PICTURES, "thumbnails", id);
        assertThat(store.open(Bucket.PICTURES, "thumbnails", id)).isEmpty();
    }

    @Test
    void aFailedWriteLeavesThePreviousFileAndNoTemporaryFile() throws IOException {
        FileStore store = FileStore.local(root);
        String id = "abcdef12";
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
        assertThat(root.resolve("files/original/abc/def/" + id)).hasContent("good");
        try (Stream<Path> files = Files.list(root.resolve("files/original/abc/def"))) {
            assertThat(files).containsExactly(root.resolve("files/original/abc/def/" + id));
        }
        try (Stream<Path> files = Files.list(root.resolve(".tmp"))) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void temporaryFilesOfDeadWritersAreDeletedWhenAStoreOpensThoseOfLiveOnesKept() throws IOException {
        Path tmp = Files.createDirectories(root.resolve(".tmp"));
        Process dead = new ProcessBuilder("true").start();
        try {
            dead.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        Path orphan = Files.write(tmp.resolve(dead.pid() + "-123.tmp"), new byte[100]);
        Path stray = Files.write(tmp.resolve("stray.tmp"), new byte[1]);
        Path mine = Files.write(tmp.resolve(ProcessHandle.current().pid() + "-456.tmp"), new byte[1]);
        Path live = Files.write(tmp.resolve(ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(1L)
                + "-789.tmp"), new byte[1]);
        FileStore.local(root);
        assertThat(orphan).doesNotExist();
        assertThat(stray).doesNotExist();
        assertThat(mine).exists();
        assertThat(live).exists();
    }
}
