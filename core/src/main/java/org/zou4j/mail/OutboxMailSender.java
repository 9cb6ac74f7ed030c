package org.zou4j.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Objects;
import org.zou4j.internal.mail.MimeMessages;

/**
 * "Sends" mail by writing each message as an RFC 822 {@code .eml} file into a directory (e.g.
 * {@code <data-dir>/outbox/}), for installations without an SMTP server, local single-user use and tests. Any mail
 * client opens the files; another process may pick them up and relay them.
 *
 * <p>Files are named {@code <UTC timestamp>-<random>.eml} so that names sort by time, are written to a temporary
 * name first and moved into place atomically (a reader never sees half a message), and are readable by the owner
 * only where the file system has POSIX permissions (they may hold password-reset links).
 *
 * <p>Thread-safe.
 */
public final class OutboxMailSender implements MailSender {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private final Path directory;
    private final String defaultFrom;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Session session;
    private final boolean posix;

    /** An outbox using the system clock. */
    public OutboxMailSender(Path directory, String defaultFrom) {
        this(directory, defaultFrom, Clock.systemUTC());
    }

    /**
     * @param directory where messages go; created (owner-only) if missing
     * @param defaultFrom sender of messages that name none
     * @param clock source of the Date header and file names
     * @throws MailException if the directory cannot be created
     */
    public OutboxMailSender(Path directory, String defaultFrom, Clock clock) {
        this.directory = Objects.requireNonNull(directory, "directory").toAbsolutePath();
        this.defaultFrom = Objects.requireNonNull(defaultFrom, "defaultFrom");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.session = Session.getInstance(MimeMessages.baseProperties(defaultFrom));
        this.posix = this.directory.getFileSystem().supportedFileAttributeViews().contains("posix");
        try {
            if (!Files.isDirectory(this.directory)) {
                Files.createDirectories(this.directory, attributes("rwx------"));
            }
        } catch (IOException e) {
            throw new MailException("Cannot create the mail outbox directory " + this.directory, e);
        }
    }

    /** The directory messages are written to. */
    public Path directory() {
        return directory;
    }

    @Override
    public void send(MailMessage message) {
        write(message);
    }

    /**
     * Writes the message and returns its file.
     *
     * @throws MailException if it cannot be written
     */
    public Path write(MailMessage message) {
        Objects.requireNonNull(message, "message");
        Instant now = clock.instant();
        MimeMessage mime = MimeMessages.build(session, message, defaultFrom, now);
        byte[] bytes;
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            mime.writeTo(out);
            bytes = out.toByteArray();
        } catch (IOException | MessagingException e) {
            throw new MailException("Cannot encode the mail", e);
        }
        byte[] suffix = new byte[8];
        random.nextBytes(suffix);
        String name = STAMP.format(now) + "-" + HexFormat.of().formatHex(suffix);
        Path target = directory.resolve(name + ".eml");
        Path temp = directory.resolve("." + name + ".tmp"); // not *.eml: pollers never pick up a partial file
        try {
            try (FileChannel channel = FileChannel.open(temp, java.util.Set.of(StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE), attributes("rw-------"))) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true); // the message survives a crash once send() has returned
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target);
            }
            return target;
        } catch (FileAlreadyExistsException e) {
            throw new MailException("Cannot write the mail to the outbox: file name collision " + e.getFile(), e);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // the original failure is what matters
            }
            throw new MailException("Cannot write the mail to the outbox " + directory, e);
        }
    }

    private FileAttribute<?>[] attributes(String permissions) {
        return posix ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString(permissions))} : new FileAttribute<?>[0];
    }
}
