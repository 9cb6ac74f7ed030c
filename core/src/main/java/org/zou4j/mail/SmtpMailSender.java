package org.zou4j.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.util.Objects;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zou4j.internal.mail.MimeMessages;

/**
 * Sends mail through an SMTP server (Jakarta Mail, Eclipse Angus implementation), one connection per message.
 * With {@link SmtpSettings.Security#STARTTLS} the connection is never continued in clear if the server does not
 * offer STARTTLS, and TLS server identities are checked. The SMTP password never appears in logs or exceptions.
 *
 * <p>Thread-safe.
 */
public final class SmtpMailSender implements MailSender {

    private static final Logger LOG = LoggerFactory.getLogger(SmtpMailSender.class);

    private final SmtpSettings settings;
    private final Clock clock;
    private final Session session;

    /** A sender using the system clock for the Date header. */
    public SmtpMailSender(SmtpSettings settings) {
        this(settings, Clock.systemUTC());
    }

    /** A sender using the given clock for the Date header. */
    public SmtpMailSender(SmtpSettings settings, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.session = Session.getInstance(properties(settings)); // never the JVM-wide default session
    }

    /** The settings, as {@link SmtpSettings#toString()} shows them (without the password). */
    public SmtpSettings settings() {
        return settings;
    }

    @Override
    public void send(MailMessage message) {
        Objects.requireNonNull(message, "message");
        MimeMessage mime = MimeMessages.build(session, message, settings.fromAddress(), clock.instant());
        try (Transport transport = session.getTransport("smtp")) {
            transport.connect(settings.host(), settings.port(), settings.username(), settings.password());
            transport.sendMessage(mime, mime.getAllRecipients());
        } catch (MessagingException e) {
            throw failure(e);
        }
        LOG.debug("Mail sent to {} recipient(s) through {}:{}", message.to().size(), settings.host(), settings.port());
    }

    /** A failure whose message and cause chain are free of the password. */
    private MailException failure(MessagingException e) {
        String detail = scrub(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        String text = "Could not send mail through SMTP server " + settings.host() + ":" + settings.port() + " ("
                + detail.strip() + ")";
        return mentionsPassword(e) ? new MailException(text) : new MailException(text, e);
    }

    private boolean mentionsPassword(Throwable e) {
        String password = settings.password();
        if (password == null || password.isEmpty()) {
            return false;
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains(password)) {
                return true;
            }
        }
        return false;
    }

    private String scrub(String text) {
        String password = settings.password();
        return password == null || password.isEmpty() ? text : text.replace(password, "***");
    }

    private static Properties properties(SmtpSettings s) {
        Properties props = MimeMessages.baseProperties(s.fromAddress());
        props.setProperty("mail.transport.protocol", "smtp");
        props.setProperty("mail.smtp.host", s.host());
        props.setProperty("mail.smtp.port", Integer.toString(s.port()));
        props.setProperty("mail.smtp.auth", Boolean.toString(s.authenticates()));
        props.setProperty("mail.smtp.connectiontimeout", Long.toString(s.connectTimeout().toMillis()));
        props.setProperty("mail.smtp.timeout", Long.toString(s.readTimeout().toMillis()));
        props.setProperty("mail.smtp.writetimeout", Long.toString(s.writeTimeout().toMillis()));
        switch (s.security()) {
            case STARTTLS -> {
                props.setProperty("mail.smtp.starttls.enable", "true");
                props.setProperty("mail.smtp.starttls.required", "true");
                props.setProperty("mail.smtp.ssl.checkserveridentity", "true");
            }
            case SSL -> {
                props.setProperty("mail.smtp.ssl.enable", "true");
                props.setProperty("mail.smtp.ssl.checkserveridentity", "true");
            }
            case NONE -> {
                // Plain SMTP, for local relays.
            }
        }
        return props;
    }
}
