package org.zou4j.mail;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One e-mail: sender, recipients, subject, a plain-text body and optionally an HTML alternative. Immutable. Texts may
 * hold any Unicode; they are sent as UTF-8.
 *
 * @param from the sender address (e.g. {@code "Kitsu <no-reply@example.com>"}), or null for the sender's default
 * @param to the recipient addresses, at least one
 * @param subject the subject line, a single line
 * @param text the plain-text body
 * @param html the HTML body, or null for a plain-text message
 */
public record MailMessage(String from, List<String> to, String subject, String text, String html) {

    /** Validates and copies the parts; line breaks are refused in header values (header injection). */
    public MailMessage {
        to = List.copyOf(Objects.requireNonNull(to, "to"));
        if (to.isEmpty()) {
            throw new IllegalArgumentException("A mail needs at least one recipient");
        }
        to.forEach(address -> singleLine(address, "recipient"));
        if (from != null) {
            singleLine(from, "sender");
        }
        singleLine(Objects.requireNonNull(subject, "subject"), "subject");
        Objects.requireNonNull(text, "text");
    }

    /** A plain-text message from the sender's default address to one recipient. */
    public static MailMessage of(String to, String subject, String text) {
        return new MailMessage(null, List.of(to), subject, text, null);
    }

    /** This message with an HTML alternative to the text body. */
    public MailMessage withHtml(String html) {
        return new MailMessage(from, to, subject, text, Objects.requireNonNull(html, "html"));
    }

    /** This message with an explicit sender address. */
    public MailMessage withFrom(String from) {
        return new MailMessage(Objects.requireNonNull(from, "from"), to, subject, text, html);
    }

    /** The HTML body, if any. */
    public Optional<String> htmlBody() {
        return Optional.ofNullable(html);
    }

    private static void singleLine(String value, String what) {
        if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("The mail " + what + " must not contain line breaks");
        }
    }
}
