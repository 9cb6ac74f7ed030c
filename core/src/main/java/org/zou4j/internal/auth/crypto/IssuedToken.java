package org.zou4j.internal.auth.crypto;

import java.time.Instant;
import java.util.Objects;

/**
 * A freshly signed token with the values a caller needs to record it.
 *
 * @param token the encoded JWT
 * @param jti its unique id (what revocation is keyed on)
 * @param expiresAt its {@code exp}, or null for a token that never expires (bot/API token without expiration date)
 */
public record IssuedToken(String token, String jti, Instant expiresAt) {

    /** Validates the parts. */
    public IssuedToken {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(jti, "jti");
    }

    /** Never shows the token itself. */
    @Override
    public String toString() {
        return "IssuedToken[jti=" + jti + ", expiresAt=" + expiresAt + "]";
    }
}
