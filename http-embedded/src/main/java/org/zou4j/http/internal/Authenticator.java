package org.zou4j.http.internal;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.zou4j.ErrorCode;
import org.zou4j.Session;
import org.zou4j.ZouEngine;
import org.zou4j.ZouException;
import org.zou4j.http.transport.HttpRequest;

/**
 * Finds the access token where Zou looks for it (the {@code access_token_cookie} cookie first, then
 * {@code Authorization: Bearer}) and asks the engine for the session, with flask-jwt-extended's answers when the token
 * is missing or the header malformed.
 */
public final class Authenticator {
    static final String MISSING = "Missing JWT in cookies or headers (Missing cookie \"access_token_cookie\"; "
            + "Missing Authorization Header)";

    private static final Pattern ENTRIES = Pattern.compile(",\\s*");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private final ZouEngine engine;

    public Authenticator(ZouEngine engine) {
        this.engine = engine;
    }

    public Session authenticate(HttpRequest request) {
        return engine.session(token(request, "access_token_cookie"));
    }

    private static String stripCommas(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && s.charAt(start) == ',') {
            start++;
        }
        while (end > start && s.charAt(end - 1) == ',') {
            end--;
        }
        return s.substring(start, end);
    }

    /**
     * The token of the usual header, {@code Bearer <token>} alone, without the regular expressions of the general
     * case (they were a tenth of a cached thumbnail's CPU); null when the value is anything else.
     */
    private static String plainBearer(String value) {
        if (!value.startsWith("Bearer ") || value.length() == 7) {
            return null;
        }
        for (int i = 7; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == ',' || c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r') {
                return null;
            }
        }
        return value.substring(7);
    }

    /** The raw token from the named cookie or the Authorization header. */
    public static String token(HttpRequest request, String cookieName) {
        Optional<String> cookie = request.cookie(cookieName);
        if (cookie.isPresent() && !cookie.get().isEmpty()) {
            return cookie.get();
        }
        Optional<String> header = request.header("Authorization");
        if (header.isEmpty()) {
            throw ZouException.unauthorized(MISSING.replace("access_token_cookie", cookieName));
        }
        String value = header.get().trim();
        String plain = plainBearer(value);
        if (plain != null) {
            return plain;
        }
        // flask-jwt-extended: a comma-separated list of credentials, of which exactly one is a Bearer entry
        value = stripCommas(value);
        String bearer = null;
        int found = 0;
        for (String entry : ENTRIES.split(value)) {
            String trimmed = entry.trim();
            if (SPACES.split(trimmed)[0].equals("Bearer")) {
                bearer = trimmed;
                found++;
            }
        }
        if (found != 1) {
            throw ZouException.unauthorized("Missing 'Bearer' type in 'Authorization' header. Expected "
                    + "'Authorization: Bearer <JWT>'");
        }
        String[] parts = SPACES.split(bearer);
        if (parts.length != 2) {
            throw new ZouException(ErrorCode.UNAUTHORIZED, 422, "Bad Authorization header",
                    Map.of("msg", "Bad Authorization header. Expected 'Authorization: Bearer <JWT>'"));
        }
        return parts[1];
    }
}
