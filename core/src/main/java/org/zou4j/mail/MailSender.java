package org.zou4j.mail;

/** Sends e-mail. Implementations are thread-safe. */
public interface MailSender {

    /**
     * Sends one message, or stores it for sending, before returning.
     *
     * @throws MailException if it could not be sent or stored
     */
    void send(MailMessage message);
}
