package org.zou4j.internal.auth.crypto;

/**
 * A token was refused. The message is PyJWT's / flask-jwt-extended's wording where one exists (e.g.
 * {@code "Signature has expired"}, {@code "Signature verification failed"}), so the HTTP layer can answer exactly as
 * Zou does; it never contains the token, its claims or the key.
 */
public final class TokenException extends RuntimeException {

    /** Why the token was refused. */
    public enum Reason {
        /** Not three base64url segments of JSON objects, or a registered claim of the wrong type. */
        MALFORMED,
        /** The HMAC does not match: forged, altered, or signed with another key. */
        BAD_SIGNATURE,
        /** {@code exp} has passed. */
        EXPIRED,
        /** {@code nbf} or {@code iat} lies in the future. */
        NOT_YET_VALID,
        /** The header names an algorithm other than HS256 (including {@code none}). */
        WRONG_ALGORITHM,
        /** An access token where a refresh token is required, or the reverse. */
        WRONG_TYPE
    }

    private final Reason reason;

    TokenException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    /** Why the token was refused. */
    public Reason reason() {
        return reason;
    }
}
