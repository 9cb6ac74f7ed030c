package org.zou4j.http.standalone;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The standalone server's token signing secret: {@code ZOU_SECRET_KEY}, or else a random key generated once and kept
 * in the data directory, readable by its owner only. Never printed.
 */
final class SecretKeyFile {
    private SecretKeyFile() {
    }

    static byte[] load(Path dataDir, String fromEnvironment) throws IOException {
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            byte[] key = fromEnvironment.getBytes(StandardCharsets.UTF_8);
            if (key.length < 32) {
                throw new IllegalArgumentException("ZOU_SECRET_KEY must be at least 32 bytes long.");
            }
            return key;
        }
        Path file = dataDir.resolve("secret.key");
        if (!Files.exists(file)) {
            byte[] random = new byte[48];
            new SecureRandom().nextBytes(random);
            String encoded = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                Files.createFile(file);
            } catch (FileAlreadyExistsException e) {
                return Files.readString(file, StandardCharsets.UTF_8).trim().getBytes(StandardCharsets.UTF_8);
            }
            Files.writeString(file, encoded, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
        }
        return Files.readString(file, StandardCharsets.UTF_8).trim().getBytes(StandardCharsets.UTF_8);
    }
}
