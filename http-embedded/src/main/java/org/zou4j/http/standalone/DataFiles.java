package org.zou4j.http.standalone;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The standalone data directory and its files are its owner's only: the database holds password hashes and tokens'
 * state, the outbox holds reset links.
 */
final class DataFiles {
    private static final String[] DATABASE_FILES = {"zou4j.mv.db", "zou4j.trace.db", "zou4j.lock.db"};

    private DataFiles() {
    }

    /** Creates the directory (owner-only) if it does not exist; an existing directory is left as it is. */
    static void createDirectory(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        if (posix(dir)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx------")));
        } else {
            Files.createDirectories(dir);
        }
    }

    /** Makes the database files owner-only (H2 creates them with the process's umask). */
    static void restrict(Path dir) throws IOException {
        if (!posix(dir)) {
            return;
        }
        for (String name : DATABASE_FILES) {
            Path file = dir.resolve(name);
            if (Files.isRegularFile(file)) {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            }
        }
    }

    private static boolean posix(Path dir) {
        return dir.toAbsolutePath().getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
