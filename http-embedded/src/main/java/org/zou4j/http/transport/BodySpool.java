package org.zou4j.http.transport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Where large request bodies are spooled: the configured directory (swept of files a killed process left behind when
 * the transport starts), else a private temporary directory created on first use and removed on close.
 */
final class BodySpool {
    static final String PREFIX = "body-";
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private final Path configured;
    private Path dir;

    BodySpool(Path configured) {
        this.configured = configured;
    }

    /** Creates the configured directory and deletes spool files left by a previous process on it. */
    void sweep() {
        if (configured == null) {
            return;
        }
        try {
            Files.createDirectories(configured);
            try (DirectoryStream<Path> stale = Files.newDirectoryStream(configured, PREFIX + "*.tmp")) {
                for (Path p : stale) {
                    Files.deleteIfExists(p);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare the request-body spool directory " + configured, e);
        }
    }

    /** A new empty file readable and writable by this user only. */
    Path newFile() throws IOException {
        Path d = directory();
        return POSIX ? Files.createTempFile(d, PREFIX, ".tmp", ownerOnly()) : Files.createTempFile(d, PREFIX, ".tmp");
    }

    private synchronized Path directory() throws IOException {
        if (dir == null) {
            if (configured != null) {
                Files.createDirectories(configured);
                dir = configured;
            } else {
                dir = POSIX ? Files.createTempDirectory("zou4j-bodies-", PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rwx------"))) : Files.createTempDirectory("zou4j-bodies-");
            }
        }
        return dir;
    }

    private static FileAttribute<?> ownerOnly() {
        return PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
    }

    /** Removes the private temporary directory (a configured one stays). */
    synchronized void close() {
        if (dir == null || configured != null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException ignored) {
            // temporary directory: the OS cleans it eventually
        }
        dir = null;
    }
}
