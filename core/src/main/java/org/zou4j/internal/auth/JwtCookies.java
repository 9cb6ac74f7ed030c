package org.zou4j.internal.auth;

import java.time.Instant;
import org.zou4j.AuthCookie;

/**
 * The cookies flask-jwt-extended sets for Zou (reference §2.4): HttpOnly, SameSite=Lax, not Secure, persistent for
 * one year whatever the token's own expiry; the refresh cookie is scoped to {@code /auth/refresh-token}. Clearing
 * writes an empty value that expired in 1970. No CSRF cookies (Zou disables CSRF protection).
 */
public final class JwtCookies {
    private JwtCookies() {
    }

    public static final String ACCESS = "access_token_cookie";
    public static final String REFRESH = "refresh_token_cookie";
    /** flask-jwt-extended's Max-Age of persistent cookies (about one year); Werkzeug also writes a matching Expires. */
    public static final long MAX_AGE_SECONDS = 31_540_000L;
    public static final String ACCESS_PATH = "/";
    public static final String REFRESH_PATH = "/auth/refresh-token";

    public static AuthCookie access(String token, Instant now) {
        return set(ACCESS, token, ACCESS_PATH, now);
    }

    public static AuthCookie refresh(String token, Instant now) {
        return set(REFRESH, token, REFRESH_PATH, now);
    }

    public static AuthCookie clearAccess() {
        return clear(ACCESS, ACCESS_PATH);
    }

    public static AuthCookie clearRefresh() {
        return clear(REFRESH, REFRESH_PATH);
    }

    private static AuthCookie set(String name, String value, String path, Instant now) {
        return new AuthCookie(name, value, path, MAX_AGE_SECONDS, now.plusSeconds(MAX_AGE_SECONDS), true, false,
                "Lax");
    }

    private static AuthCookie clear(String name, String path) {
        return new AuthCookie(name, "", path, null, Instant.EPOCH, true, false, "Lax");
    }
}
