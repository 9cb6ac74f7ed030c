package org.zou4j.http.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zou4j.files.FileStore;
import org.zou4j.storage.s3.S3FileStore;

/** {@code ./zou4j serve}'s file store from Zou's FS_* variables. */
class FileStoreConfigTest {
    @TempDir
    Path dataDir;

    @Test
    void localByDefaultUnderThePreviewsFolder() {
        FileStore store = FileStoreConfig.create(Map.of(), dataDir);
        store.put(FileStore.Bucket.FILES, "working", "abcdef", new byte[] {7});
        assertThat(dataDir.resolve("previews/files/working/abc/def/abcdef")).exists();
        assertThat(FileStoreConfig.create(Map.of("FS_BACKEND", "local"), dataDir)
                .exists(FileStore.Bucket.FILES, "working", "abcdef")).isTrue();
    }

    @Test
    void s3WithZouBucketNamesAndOtherBackendsRefused() {
        FileStore store = FileStoreConfig.create(Map.of("FS_BACKEND", "s3", "FS_S3_ENDPOINT",
                "http://127.0.0.1:9", "FS_S3_ACCESS_KEY", "k", "FS_S3_SECRET_KEY", "s", "FS_BUCKET_PREFIX", "zou-"),
                dataDir);
        assertThat(store).isInstanceOf(S3FileStore.class);
        assertThat(((S3FileStore) store).bucketName(FileStore.Bucket.PICTURES)).isEqualTo("zou-pictures");
        ((S3FileStore) store).close();
        assertThatThrownBy(() -> FileStoreConfig.create(Map.of("FS_BACKEND", "swift"), dataDir))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("swift");
    }
}
