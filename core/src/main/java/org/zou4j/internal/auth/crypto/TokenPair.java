package org.zou4j.internal.auth.crypto;

import java.util.Objects;

/**
 * The access and refresh tokens of one login session; the access token's {@code refresh_jti} claim names the refresh
 * token, so that logging out can revoke both.
 *
 * @param access the access token
 * @param refresh the refresh token
 */
public record TokenPair(IssuedToken access, IssuedToken refresh) {

    /** Validates the parts. */
    public TokenPair {
        Objects.requireNonNull(access, "access");
        Objects.requireNonNull(refresh, "refresh");
    }
}
