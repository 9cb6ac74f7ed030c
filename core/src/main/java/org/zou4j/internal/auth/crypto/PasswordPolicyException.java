package org.zou4j.internal.auth.crypto;

/**
 * A password was refused before any hashing: too short, too long for bcrypt, empty, or not equal to its
 * confirmation. The message is the one Zou answers with (where Zou has one) and never contains the password.
 */
public final class PasswordPolicyException extends IllegalArgumentException {

    /** Why the password was refused. */
    public enum Reason {
        /** Empty password (bcrypt cannot hash it; Zou refuses it too). */
        EMPTY("Password is too short."),
        /** Fewer characters than the configured minimum. */
        TOO_SHORT("Password is too short."),
        /** More than 72 UTF-8 bytes: bcrypt would silently ignore the rest. */
        TOO_LONG("Password is too long: at most 72 bytes (UTF-8) are allowed."),
        /** The confirmation differs from the password. */
        MISMATCH("Confirmation password doesn't match.");

        private final String message;

        Reason(String message) {
            this.message = message;
        }
    }

    private final Reason reason;

    PasswordPolicyException(Reason reason) {
        super(reason.message);
        this.reason = reason;
    }

    /** Why the password was refused. */
    public Reason reason() {
        return reason;
    }
}
