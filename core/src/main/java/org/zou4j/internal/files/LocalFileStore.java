package org.zou4j.internal.files;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.regex.Pattern;
import org.zou4j.files.FileStore;

/**
 * {@link FileStore} on a local directory, in Zou's local layout ({@code zou/app/stores/file_store.py}):
 * {@code <root>/<bucket>/<prefix>/<id[0:3]>/<id[3:6]>/<id>}. A write goes to a temporary file in {@code <root>/.tmp}
 * (same file system), is forced to disk, then moved over the target atomically, so no half file is ever served, even
 * after a crash. Temporary files are named after the writing process; those of processes no longer alive (a server
 * killed mid-write) are deleted when a store is opened on the root.
 */
public final class LocalFileStore implements FileStore {
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_.-]+");
    private final Path root;

    private static final String TMP = ".tmp";
    private final String tmpPrefix = ProcessHandle.current().pid() + "-";

    public LocalFileStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
        sweepOrphans();
    }

    /** Deletes temporary files whose writer process is gone (they can never be completed). */
    private void sweepOrphans() {
        Path dir = root.resolve(TMP);
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (java.nio.file.DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                int dash = name.indexOf('-');
                long pid;
                try {
                    pid = dash > 0 ? Long.parseLong(name.substring(0, dash)) : -1;
                } catch (NumberFormatException e) {
                    pid = -1;
                }
                if (pid != ProcessHandle.current().pid() && (pid < 0 || !ProcessHandle.of(pid).map(
                        ProcessHandle::isAlive).orElse(false))) {
                    Files.deleteIfExists(f);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot clean " + dir, e);
        }
    }

    /** The root directory. */
    public Path root() {
        return root;
    }

    Path path(Bucket bucket, String prefix, String id) {
        if (!SAFE.matcher(prefix).matches() || !SAFE.matcher(id).matches() || id.startsWith(".")
                || prefix.startsWith(".")) {
            throw new IllegalArgumentException("Unsafe file key: " + prefix + "/" + id);
        }
        String one = id.substring(0, Math.min(3, id.length()));
        String two = id.length() > 3 ? id.substring(3, Math.min(6, id.length())) : "_";
        return root.resolve(bucket.folder()).resolve(prefix).resolve(one).resolve(two).resolve(id);
    }

    @Override
    public void put(Bucket bucket, String prefix, String id, InputStream content) {
        Path target = path(bucket, prefix, id);
        Path tmp = null;
        try {
            Files.createDirectories(target.getParent());
            Path tmpDir = Files.createDirectories(root.resolve(TMP));
            tmp = Files.createTempFile(tmpDir, tmpPrefix, ".tmp");
            try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(tmp,
                    java.nio.file.StandardOpenOption.WRITE)) {
                OutputStream out = java.nio.channels.Channels.newOutputStream(ch);
                content.transferTo(out);
                out.flush();
                ch.force(true);
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            tmp = null;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot store " + target, e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // best effort
                }
            }
        }
    }

    @Override
    public Optional<StoredFile> open(Bucket bucket, String prefix, String id) {
        Path p = path(bucket, prefix, id);
        try {
            InputStream in = Files.newInputStream(p);
            try {
                return Optional.of(new StoredFile(in, Files.size(p)));
            } catch (IOException e) {
                in.close();
                throw e;
            }
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + p, e);
        }
    }

    @Override
    public boolean exists(Bucket bucket, String prefix, String id) {
        return Files.isRegularFile(path(bucket, prefix, id));
    }

    @Override
    public void delete(Bucket bucket, String prefix, String id) {
        try {
            Files.deleteIfExists(path(bucket, prefix, id));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + prefix + "/" + id, e);
        }
    }
}
