package org.zou4j;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;

/**
 * A cookie an auth answer sets or clears in the browser (Zou's {@code access_token_cookie} and
 * {@code refresh_token_cookie}). The engine only describes it; the HTTP layer writes the {@code Set-Cookie} header,
 * e.g. with {@link #toSetCookieHeader()}.
 *
 * @param name     the cookie name
 * @param value    the value; empty when the cookie is cleared
 * @param path     the {@code Path} attribute
 * @param maxAge   the {@code Max-Age} in seconds, or {@code null} for none (a cleared cookie has none)
 * @param expires  the {@code Expires} attribute, or {@code null} for none
 * @param httpOnly whether scripts may not read it
 * @param secure   whether it is only sent over HTTPS
 * @param sameSite the {@code SameSite} attribute ({@code Lax}, {@code Strict}, {@code None}) or {@code null}
 */
public record AuthCookie(String name, String value, String path, Long maxAge, Instant expires, boolean httpOnly,
                         boolean secure, String sameSite) {

    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter
            .ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ROOT).withZone(ZoneOffset.UTC);

    /** Validates the parts. */
    public AuthCookie {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }

    /** Whether this cookie removes the browser's copy (empty value, expired). */
    public boolean isCleared() {
        return value.isEmpty();
    }

    /**
     * The {@code Set-Cookie} header value, attributes in the order Werkzeug writes them (what Zou answers):
     * {@code name=value; Expires=...; Max-Age=...; Secure; HttpOnly; Path=/; SameSite=Lax}.
     */
    public String toSetCookieHeader() {
        StringBuilder b = new StringBuilder(name).append('=').append(value);
        if (expires != null) {
            b.append("; Expires=").append(HTTP_DATE.format(expires));
        }
        if (maxAge != null) {
            b.append("; Max-Age=").append(maxAge);
        }
        if (secure) {
            b.append("; Secure");
        }
        if (httpOnly) {
            b.append("; HttpOnly");
        }
        if (path != null) {
            b.append("; Path=").append(path);
        }
        if (sameSite != null) {
            b.append("; SameSite=").append(sameSite);
        }
        return b.toString();
    }

    /** Never shows the value (a token). */
    @Override
    public String toString() {
        return "AuthCookie[" + name + (isCleared() ? " (cleared)" : "") + ", path=" + path + "]";
    }
}
