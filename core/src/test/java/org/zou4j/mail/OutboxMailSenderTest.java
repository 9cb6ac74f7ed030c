package org.zou4j.mail;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutboxMailSenderTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:15:30.123Z");

    @TempDir
    Path dataDir;

    @Test
    void writesAParseableEmlWithUtf8Intact() throws Exception {
        OutboxMailSender outbox = new OutboxMailSender(dataDir.resolve("outbox"), "Kitsu <no-reply@studio.example>",
                Clock.fixed(T0, ZoneOffset.UTC));
        MailMessage message = new MailMessage(null, List.of("jane@studio.example", "joe@studio.example"),
                "Mot de passe oublié — 日本語", "Lien : https://kitsu.example/reset?token=ABC\nMerci ✓\n", null);

        Path file = outbox.write(message);

        assertThat(file.getParent()).isEqualTo(dataDir.resolve("outbox").toAbsolutePath());
        assertThat(file.getFileName().toString()).matches("20260301T101530\\.123Z-[0-9a-f]{16}\\.eml");
        MimeMessage parsed = parse(file);
        assertThat(parsed.getSubject()).isEqualTo("Mot de passe oublié — 日本語");
        assertThat(((InternetAddress) parsed.getFrom()[0]).getAddress()).isEqualTo("no-reply@studio.example");
        assertThat(parsed.getRecipients(Message.RecipientType.TO)).extracting(a -> ((InternetAddress) a).getAddress())
                .containsExactly("jane@studio.example", "joe@studio.example");
        assertThat(parsed.getSentDate().toInstant()).isEqualTo(T0.minusMillis(123));
        assertThat(((String) parsed.getContent()).replace("\r\n", "\n"))
                .isEqualTo("Lien : https://kitsu.example/reset?token=ABC\nMerci ✓\n");
    }

    @Test
    void htmlMessagesAreMultipartAlternative() throws Exception {
        OutboxMailSender outbox = new OutboxMailSender(dataDir, "no-reply@studio.example");

        outbox.send(MailMessage.of("jane@studio.example", "Hi", "plain ✓").withHtml("<p>html ✓</p>"));

        Path file;
        try (Stream<Path> files = Files.list(dataDir)) {
            file = files.filter(p -> p.toString().endsWith(".eml")).findFirst().orElseThrow();
        }
        Multipart parts = (Multipart) parse(file).getContent();
        assertThat(parts.getContentType()).startsWith("multipart/alternative");
        assertThat((String) parts.getBodyPart(1).getContent()).isEqualTo("<p>html ✓</p>");
    }

    @Test
    void filesAreOwnerOnlyAndNoTemporaryFileIsLeft() throws Exception {
        Path dir = dataDir.resolve("outbox");
        OutboxMailSender outbox = new OutboxMailSender(dir, "no-reply@studio.example");

        Path file = outbox.write(MailMessage.of("jane@studio.example", "x", "y"));

        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
        if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
        }
    }

    @Test
    void fileNamesSortByTime() {
        Path first = new OutboxMailSender(dataDir, "a@b.c", Clock.fixed(T0, ZoneOffset.UTC))
                .write(MailMessage.of("x@y.z", "1", "1"));
        Path second = new OutboxMailSender(dataDir, "a@b.c", Clock.fixed(T0.plusSeconds(1), ZoneOffset.UTC))
                .write(MailMessage.of("x@y.z", "2", "2"));

        assertThat(first.getFileName().toString()).isLessThan(second.getFileName().toString());
    }

    private static MimeMessage parse(Path file) throws Exception {
        try (InputStream in = Files.newInputStream(file)) {
            return new MimeMessage(Session.getInstance(new Properties()), in);
        }
    }
}
