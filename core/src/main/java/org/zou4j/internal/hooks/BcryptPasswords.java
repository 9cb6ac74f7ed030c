package org.zou4j.internal.hooks;

import org.zou4j.ErrorCode;
import org.zou4j.ZouException;
import org.zou4j.internal.auth.crypto.PasswordHasher;
import org.zou4j.internal.auth.crypto.PasswordPolicyException;
import org.zou4j.internal.auth.crypto.TooManyConcurrentLoginsException;

/**
 * {@link PasswordHashing} with the auth module's bcrypt {@link PasswordHasher} (Zou's cost and length rules), built on
 * first use so engines that never receive a password pay nothing; one per engine, closed with it.
 */
public final class BcryptPasswords implements PasswordHashing, AutoCloseable {
    private PasswordHasher hasher;
    private boolean closed;

    @Override
    public String hash(String password) {
        try {
            PasswordHasher h = hasher();
            h.validateNewPassword(password); // Zou's CRUD POST skips its own length rule; we apply it
            return h.hash(password);
        } catch (PasswordPolicyException e) {
            throw ZouException.wrongParameter(e.getMessage());
        } catch (TooManyConcurrentLoginsException e) {
            throw new ZouException(ErrorCode.TOO_MANY_REQUESTS, "Too many passwords are being hashed right now; "
                    + "retry in a moment.");
        }
    }

    private synchronized PasswordHasher hasher() {
        if (closed) {
            throw new ZouException(ErrorCode.UNAVAILABLE, "The engine is closed.");
        }
        if (hasher == null) {
            hasher = PasswordHasher.builder().build();
        }
        return hasher;
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (hasher != null) {
            hasher.close();
        }
    }
}
