package org.zou4j.mail;

/** A message could not be sent or stored. The message never contains a password. */
public class MailException extends RuntimeException {

    /** A failure without an underlying cause. */
    public MailException(String message) {
        super(message);
    }

    /** A failure caused by another exception. */
    public MailException(String message, Throwable cause) {
        super(message, cause);
    }
}
