package org.zou4j.internal.auth.crypto;

/**
 * Every password-check worker is busy and the waiting queue is full. Callers should answer "try again shortly"
 * (HTTP 503/429) rather than queue more work: a login burst must not starve the rest of the engine.
 */
public final class TooManyConcurrentLoginsException extends RuntimeException {

    TooManyConcurrentLoginsException(int queueCapacity) {
        super("Too many concurrent logins: all password-check workers are busy and " + queueCapacity
                + " checks are already waiting; retry shortly.");
    }
}
