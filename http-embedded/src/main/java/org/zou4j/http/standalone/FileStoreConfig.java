package org.zou4j.http.standalone;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.zou4j.files.FileStore;

/**
 * The media file store of {@code ./zou4j serve}, chosen as Zou chooses it ({@code zou/app/config.py}):
 * {@code FS_BACKEND=local} (default: {@code <data-dir>/previews}) or {@code FS_BACKEND=s3} with {@code FS_S3_ENDPOINT},
 * {@code FS_S3_REGION}, {@code FS_S3_ACCESS_KEY}, {@code FS_S3_SECRET_KEY}, {@code FS_BUCKET_PREFIX} and
 * {@code FS_S3_CREATE_BUCKET}. Other Zou backends (swift) are refused with a clear message.
 */
final class FileStoreConfig {
    private FileStoreConfig() {
    }

    static FileStore create(Map<String, String> env, Path dataDir) {
        String backend = env.getOrDefault("FS_BACKEND", "local").trim().toLowerCase(Locale.ROOT);
        return switch (backend) {
            case "", "local" -> FileStore.local(dataDir.resolve("previews"));
            case "s3" -> org.zou4j.storage.s3.S3FileStore.fromEnvironment(env);
            default -> throw new IllegalArgumentException("FS_BACKEND=" + backend
                    + " is not supported (use local or s3)");
        };
    }
}
