package org.zou4j.internal.auth;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.zou4j.mail.MailMessage;

/** The texts of the auth mails (English; Zou localises its templates, we do not yet). */
final class AuthMails {
    private AuthMails() {
    }

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    static MailMessage resetPassword(String to, String name, String link, Duration lifetime) {
        long hours = lifetime.toHours();
        String validity = hours >= 1 ? hours + (hours == 1 ? " hour" : " hours") : lifetime.toMinutes() + " minutes";
        String text = "Hello " + (name.isEmpty() ? "" : name) + ",\n\n"
                + "Someone asked to reset the password of your Kitsu account. To choose a new password, open this "
                + "link (valid for " + validity + ", usable once):\n\n"
                + link + "\n\n"
                + "If you did not ask for it, ignore this mail: your password stays as it is.\n";
        return MailMessage.of(to, "Kitsu: reset your password", text);
    }

    static MailMessage passwordChanged(String to, String name, Instant when) {
        String text = "Hello " + (name.isEmpty() ? "" : name) + ",\n\n"
                + "The password of your Kitsu account was changed on " + WHEN.format(when) + ".\n\n"
                + "If you did not change it, contact your studio administrator now.\n";
        return MailMessage.of(to, "Kitsu: your password was changed", text);
    }

    static MailMessage passwordChangedByAdmin(String to, String name, Instant when, String adminIp) {
        String text = "Hello " + (name.isEmpty() ? "" : name) + ",\n\n"
                + "An administrator changed the password of your Kitsu account on " + WHEN.format(when)
                + (adminIp == null || adminIp.isEmpty() ? "" : " (from " + adminIp + ")") + ".\n\n"
                + "Ask your studio administrator for the new password, or reset it from the login page.\n";
        return MailMessage.of(to, "Kitsu: your password was changed by an administrator", text);
    }

    static MailMessage invitation(String to, String name, String firstName, String organisation, String link) {
        String greeting = firstName == null || firstName.isEmpty() ? name : firstName;
        String text = "Hello " + (greeting == null ? "" : greeting) + ",\n\n"
                + "You are invited to join " + organisation + " on Kitsu. Your login is " + to + ".\n\n"
                + "To choose your password, open this link (valid for 7 days, usable once):\n\n"
                + link + "\n";
        return MailMessage.of(to, "You are invited to " + organisation + " on Kitsu", text);
    }

    static MailMessage emailOtp(String to, String name, String code, Duration lifetime, Instant when) {
        String text = "Hello " + (name.isEmpty() ? "" : name) + ",\n\n"
                + "Your Kitsu one-time code is:\n\n    " + code + "\n\n"
                + "It was requested on " + WHEN.format(when) + ", is valid for " + lifetime.toMinutes()
                + " minutes and works once.\n\n"
                + "If you did not ask for it, someone may know your password: change it now.\n";
        return MailMessage.of(to, "Kitsu: your one-time code", text);
    }
}
