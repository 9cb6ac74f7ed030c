package org.zou4j;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The answer of an auth call that hands out tokens or sets cookies: {@link ZouEngine#login}, {@link ZouEngine#refresh}
 * and {@link ZouEngine#logout}. It is exactly what Zou answers: an HTTP status, a JSON body (immutable map of JSON
 * values) and, for browsers, cookies to set or clear. The tokens are also given apart for in-process callers.
 *
 * <p>A login answers 200 with tokens, or 400 without tokens when the password is Zou's placeholder {@code "default"}
 * (the body then carries a password-reset token: {@code {"login": false, "default_password": true, "token": ...}}).
 * Every other failure is a {@link ZouException}.
 *
 * @param httpStatus   the HTTP status Zou answers with
 * @param body         the JSON body
 * @param accessToken  the new access token, or {@code null}
 * @param refreshToken the new refresh token, or {@code null}
 * @param cookies      cookies to set or clear (empty unless the client is a browser)
 */
public record LoginResult(int httpStatus, Map<String, Object> body, String accessToken, String refreshToken,
                          List<AuthCookie> cookies) {

    /** Copies the parts. */
    public LoginResult {
        body = Collections.unmodifiableMap(new LinkedHashMap<>(body));
        cookies = List.copyOf(cookies);
    }

    /** Whether tokens were issued (or, for a logout, the session ended). */
    public boolean succeeded() {
        return httpStatus == 200;
    }

    /** The access token, if one was issued. */
    public Optional<String> access() {
        return Optional.ofNullable(accessToken);
    }

    /** The refresh token, if one was issued. */
    public Optional<String> refresh() {
        return Optional.ofNullable(refreshToken);
    }

    /** Never shows the tokens. */
    @Override
    public String toString() {
        return "LoginResult[status=" + httpStatus + ", keys=" + body.keySet() + ", cookies=" + cookies + "]";
    }
}
