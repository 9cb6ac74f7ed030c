package org.zou4j;

import java.util.List;
import java.util.Optional;

/**
 * The answer of a single sign-on login ({@link ZouEngine#samlLogin}): as Zou, a redirect to the web app, with the
 * session's token cookies when the person may log in. An inactive (or expired) person gets the same redirect without
 * cookies or tokens, and no error.
 *
 * @param location     where to redirect the browser (the engine's public URL, Zou's {@code DOMAIN_PROTOCOL://DOMAIN_NAME})
 * @param accessToken  the new access token, or {@code null} when the person may not log in
 * @param refreshToken the new refresh token, or {@code null}
 * @param cookies      the token cookies to set (set whatever the client's User-Agent, as Zou does), or none
 */
public record SsoResult(String location, String accessToken, String refreshToken, List<AuthCookie> cookies) {

    /** Copies the list. */
    public SsoResult {
        cookies = List.copyOf(cookies);
    }

    /** Whether a session was opened (the person is active). */
    public boolean loggedIn() {
        return accessToken != null;
    }

    /** The access token, if one was issued. */
    public Optional<String> access() {
        return Optional.ofNullable(accessToken);
    }

    /** Never shows the tokens. */
    @Override
    public String toString() {
        return "SsoResult[location=" + location + ", loggedIn=" + loggedIn() + ", cookies=" + cookies + "]";
    }
}
