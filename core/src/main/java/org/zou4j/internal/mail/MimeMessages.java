package org.zou4j.internal.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Properties;
import org.zou4j.mail.MailException;
import org.zou4j.mail.MailMessage;

/** Turns a {@link MailMessage} into a UTF-8 MIME message: text only, or text and HTML as alternatives. */
public final class MimeMessages {

    private static final String UTF_8 = "UTF-8";

    private MimeMessages() {
    }

    /**
     * Session properties shared by every sender: {@code mail.from} lets Message-IDs be made without a lookup of the
     * local host name.
     */
    public static Properties baseProperties(String defaultFrom) {
        Properties props = new Properties();
        props.setProperty("mail.from", address(defaultFrom, "sender").getAddress());
        props.setProperty("mail.mime.charset", UTF_8);
        return props;
    }

    /**
     * Builds the message.
     *
     * @throws MailException if an address is not a valid RFC 822 address (the message names which one, not its
     *     value)
     */
    public static MimeMessage build(Session session, MailMessage message, String defaultFrom, Instant sentAt) {
        try {
            MimeMessage mime = new MimeMessage(session);
            mime.setFrom(address(message.from() != null ? message.from() : defaultFrom, "sender"));
            List<String> to = message.to();
            InternetAddress[] recipients = new InternetAddress[to.size()];
            for (int i = 0; i < recipients.length; i++) {
                recipients[i] = address(to.get(i), "recipient #" + (i + 1));
            }
            mime.setRecipients(MimeMessage.RecipientType.TO, recipients);
            mime.setSubject(message.subject(), UTF_8);
            mime.setSentDate(Date.from(sentAt));
            if (message.html() == null) {
                mime.setText(message.text(), UTF_8, "plain");
            } else {
                MimeBodyPart text = new MimeBodyPart();
                text.setText(message.text(), UTF_8, "plain");
                MimeBodyPart html = new MimeBodyPart();
                html.setText(message.html(), UTF_8, "html");
                mime.setContent(new MimeMultipart("alternative", text, html));
            }
            mime.saveChanges();
            return mime;
        } catch (MessagingException e) {
            throw new MailException("Could not build the mail: " + e.getMessage(), e);
        }
    }

    private static InternetAddress address(String value, String what) {
        try {
            InternetAddress address = new InternetAddress(value, true);
            address.validate();
            return address;
        } catch (AddressException e) {
            throw new MailException("Invalid mail " + what + " address");
        }
    }
}
