package org.zou4j.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SmtpMailSenderTest {

    private static final String USER = "kitsu-relay";
    private static final String PASSWORD = "S3cret-relay-Pa55";

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("relay@studio.example", USER, PASSWORD));

    private static SmtpSettings.Builder settings() {
        return SmtpSettings.builder().host("127.0.0.1").port(SMTP.getSmtp().getPort())
                .fromAddress("Kitsu <no-reply@studio.example>").connectTimeout(Duration.ofSeconds(5))
                .readTimeout(Duration.ofSeconds(5)).writeTimeout(Duration.ofSeconds(5));
    }

    @Test
    void plainSmtpDeliversSubjectBodyAndRecipientsIntact() throws Exception {
        SmtpMailSender sender = new SmtpMailSender(settings().build());
        MailMessage message = new MailMessage(null, List.of("jane@studio.example", "Éloïse <eloise@studio.example>"),
                "Réinitialisation du mot de passe — 日本語 🎬", "Bonjour Éloïse,\nvoici le lien : ✓ 日本語", null);

        sender.send(message);

        MimeMessage received = single();
        assertThat(received.getSubject()).isEqualTo("Réinitialisation du mot de passe — 日本語 🎬");
        assertThat(addresses(received.getRecipients(Message.RecipientType.TO)))
                .containsExactly("jane@studio.example", "eloise@studio.example");
        assertThat(addresses(received.getFrom())).containsExactly("no-reply@studio.example");
        assertThat(received.getContentType()).containsIgnoringCase("text/plain").containsIgnoringCase("utf-8");
        assertThat(normalise((String) received.getContent())).isEqualTo("Bonjour Éloïse,\nvoici le lien : ✓ 日本語");
        assertThat(received.getSentDate()).isNotNull();
        assertThat(received.getMessageID()).isNotBlank();
    }

    @Test
    void authenticatedSmtpDeliversWithAnExplicitSenderAndHtml() throws Exception {
        SmtpMailSender sender = new SmtpMailSender(settings().credentials(USER, PASSWORD).build());

        sender.send(MailMessage.of("jane@studio.example", "Code", "Votre code : 123456")
                .withFrom("Studio Bot <bot@studio.example>").withHtml("<p>Votre code : <b>123456</b> ✓</p>"));

        MimeMessage received = single();
        assertThat(addresses(received.getFrom())).containsExactly("bot@studio.example");
        assertThat(received.getContentType()).startsWith("multipart/alternative");
        Multipart parts = (Multipart) received.getContent();
        assertThat(parts.getCount()).isEqualTo(2);
        assertThat(parts.getBodyPart(0).getContentType()).startsWith("text/plain");
        assertThat(normalise((String) parts.getBodyPart(0).getContent())).isEqualTo("Votre code : 123456");
        assertThat(parts.getBodyPart(1).getContentType()).startsWith("text/html");
        assertThat(normalise((String) parts.getBodyPart(1).getContent()))
                .isEqualTo("<p>Votre code : <b>123456</b> ✓</p>");
    }

    @Test
    void aRefusedLoginFailsWithoutRevealingThePassword() {
        String wrong = "Wrong-Pa55-do-not-log";
        SmtpMailSender sender = new SmtpMailSender(settings().credentials(USER, wrong).build());

        assertThatThrownBy(() -> sender.send(MailMessage.of("jane@studio.example", "x", "y")))
                .isInstanceOf(MailException.class)
                .hasMessageContaining("127.0.0.1:" + SMTP.getSmtp().getPort())
                .satisfies(e -> assertChainFreeOf(e, wrong));
        assertThat(SMTP.getReceivedMessages()).isEmpty();
    }

    @Test
    void anUnreachableServerFailsWithAClearMessage() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        SmtpMailSender sender = new SmtpMailSender(settings().port(closedPort).credentials(USER, PASSWORD).build());

        assertThatThrownBy(() -> sender.send(MailMessage.of("jane@studio.example", "x", "y")))
                .isInstanceOf(MailException.class)
                .hasMessageContaining("Could not send mail through SMTP server 127.0.0.1:" + closedPort)
                .satisfies(e -> assertChainFreeOf(e, PASSWORD));
    }

    @Test
    void invalidAddressesAreRefusedBeforeConnecting() {
        SmtpMailSender sender = new SmtpMailSender(settings().build());

        assertThatThrownBy(() -> sender.send(MailMessage.of("not an address", "x", "y")))
                .isInstanceOf(MailException.class).hasMessage("Invalid mail recipient #1 address");
        assertThatThrownBy(() -> MailMessage.of("jane@studio.example", "a\r\nBcc: evil@example.com", "y"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void settingsNeverShowThePassword() {
        SmtpSettings s = settings().credentials(USER, PASSWORD).security(true, false).build();

        assertThat(s.toString()).doesNotContain(PASSWORD).contains("password=***").contains("STARTTLS");
        assertThat(new SmtpMailSender(s).settings().toString()).doesNotContain(PASSWORD);
        assertThat(settings().build().toString()).contains("password=none");
        assertThat(SmtpSettings.builder().security(true, true).build().security()).isEqualTo(SmtpSettings.Security.SSL);
        assertThatThrownBy(() -> SmtpSettings.builder().port(0).build()).isInstanceOf(IllegalArgumentException.class);
    }

    private static MimeMessage single() {
        assertThat(SMTP.waitForIncomingEmail(5_000, 1)).isTrue();
        MimeMessage[] received = SMTP.getReceivedMessages();
        // GreenMail stores one copy per recipient; they are the same message.
        assertThat(Arrays.stream(received).map(m -> {
            try {
                return m.getMessageID();
            } catch (jakarta.mail.MessagingException e) {
                throw new AssertionError(e);
            }
        }).distinct()).hasSize(1);
        return received[0];
    }

    private static List<String> addresses(Address[] addresses) {
        return Arrays.stream(addresses).map(a -> ((InternetAddress) a).getAddress()).toList();
    }

    private static String normalise(String text) {
        return text.replace("\r\n", "\n");
    }

    private static void assertChainFreeOf(Throwable e, String secret) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            assertThat(String.valueOf(t.getMessage())).doesNotContain(secret);
            assertThat(t.toString()).doesNotContain(secret);
        }
    }
}
