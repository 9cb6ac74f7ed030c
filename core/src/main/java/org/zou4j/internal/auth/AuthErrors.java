package org.zou4j.internal.auth;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.zou4j.ErrorCode;
import org.zou4j.ZouException;
import org.zou4j.internal.auth.crypto.TokenException;

/**
 * Zou's exact answers for authentication failures (reference zou-auth.md §0.3, §1.2, §1.6, §1.7, §3.4), as
 * {@link ZouException}s carrying the status and body. Messages never contain a password, token or key.
 */
public final class AuthErrors {
    private AuthErrors() {
    }

    /** Werkzeug's description of a 401 (Zou's {@code abort(401)} and {@code UnactiveUserException}). */
    public static final String UNAUTHORIZED_DESCRIPTION = "The server could not verify that you are authorized to "
            + "access the URL requested. You either supplied the wrong credentials (e.g. a bad password), or your "
            + "browser doesn't understand how to supply the credentials required.";

    // ---- tokens ----------------------------------------------------------------------------------------------------

    /** No token at all: flask-jwt-extended's 401. {@code cookieName} is the cookie the route would read. */
    public static ZouException missingToken(String cookieName) {
        return msg(401, "Missing JWT in cookies or headers (Missing cookie \"" + cookieName
                + "\"; Missing Authorization Header)");
    }

    /** A token the codec refused: 401 for an expired one (Zou's own handler), else flask-jwt-extended's 422. */
    public static ZouException invalidToken(TokenException e) {
        if (e.reason() == TokenException.Reason.EXPIRED) {
            return new ZouException(ErrorCode.UNAUTHORIZED, 401, "Signature has expired",
                    standard("Signature has expired"));
        }
        return msg(422, e.getMessage());
    }

    /** The token's jti is revoked (logout, replaced API token, unknown identity type). */
    public static ZouException revoked() {
        return msg(401, "Token has been revoked");
    }

    /** The person behind the token is gone or may no longer log in: Zou's {@code abort(401)} body. */
    public static ZouException notAuthorized() {
        return new ZouException(ErrorCode.UNAUTHORIZED, 401, "The token's person does not exist or is inactive.",
                standard(UNAUTHORIZED_DESCRIPTION));
    }

    /** The user lookup failed on {@code /auth/logout} (flask-jwt-extended's own wording). */
    public static ZouException errorLoadingUser(String subject) {
        return msg(401, "Error loading the user " + subject);
    }

    /** 403 for a bot on a route that requires a person ({@code require_person}). */
    public static ZouException personRequired() {
        return ZouException.forbidden();
    }

    /** 403 for a token restricted to 2FA enrolment used elsewhere. */
    public static ZouException twoFactorSetupRequired() {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("error", true);
        b.put("two_factor_authentication_required", true);
        b.put("message", "Two-factor authentication setup is required. Please configure 2FA before accessing the API.");
        return new ZouException(ErrorCode.TWO_FACTOR_REQUIRED, 403, (String) b.get("message"), b);
    }

    // ---- login -----------------------------------------------------------------------------------------------------

    /** Unknown login, wrong password (also on an inactive account): 400 {@code {"login": false}}. */
    public static ZouException loginFailed() {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("login", false);
        return new ZouException(ErrorCode.UNAUTHORIZED, 400, "Login failed: unknown login or wrong password.", b);
    }

    /** Right password, inactive account: 401. */
    public static ZouException unactive() {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("error", true);
        b.put("login", false);
        b.put("unactive", true);
        b.put("message", "User is unactive, he cannot log in.");
        return new ZouException(ErrorCode.UNAUTHORIZED, 401, "User is unactive, he cannot log in.", b);
    }

    /** Too many failed attempts: the account is locked for a while. */
    public static ZouException lockedOut() {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("error", true);
        b.put("login", false);
        b.put("too_many_failed_login_attemps", true);
        return new ZouException(ErrorCode.TOO_MANY_REQUESTS, 400,
                "Too many failed login attempts: the account is locked for a while.", b);
    }

    /** A second factor is enabled and none usable was sent. */
    public static ZouException missingOtp(String preferred, List<String> enabled) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("error", true);
        b.put("login", false);
        b.put("missing_OTP", true);
        b.put("preferred_two_factor_authentication", preferred);
        b.put("two_factor_authentication_enabled", List.copyOf(enabled));
        return new ZouException(ErrorCode.UNAUTHORIZED, 400, "A second authentication factor is required.", b);
    }

    /** The second factor sent is wrong. */
    public static ZouException wrongOtp() {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("error", true);
        b.put("login", false);
        b.put("wrong_OTP", true);
        return new ZouException(ErrorCode.UNAUTHORIZED, 400, "The second authentication factor is wrong.", b);
    }

    /** Every password-check worker is busy (not a Zou answer: Zou has no such bound). */
    public static ZouException tooManyConcurrentLogins() {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("error", true);
        b.put("login", false);
        b.put("message", "Too many logins at once. Please retry in a moment.");
        return new ZouException(ErrorCode.TOO_MANY_REQUESTS, 429, "Too many logins at once. Please retry in a moment.",
                b);
    }

    // ---- passwords -------------------------------------------------------------------------------------------------

    /** 400 {@code {"error": true, "message": m}}: change-password and reset-password answers. */
    public static ZouException badRequest(String message) {
        return new ZouException(ErrorCode.WRONG_PARAMETER, 400, message, standard(message));
    }

    /** 400 {@code {"error": true, "message": m, "wrong_OTP": true}}: a second factor refused on a 2FA route. */
    public static ZouException wrongOtpMessage(String message) {
        Map<String, Object> b = standard(message);
        b.put("wrong_OTP", true);
        return new ZouException(ErrorCode.WRONG_PARAMETER, 400, message, b);
    }

    /**
     * 400 for a 2FA route called without any usable second factor (Zou answers a 500 there): the message, and what
     * would be accepted, as the login's {@code missing_OTP} answer.
     */
    public static ZouException missingSecondFactor(String message, String preferred, List<String> enabled) {
        Map<String, Object> b = standard(message);
        b.put("missing_OTP", true);
        b.put("preferred_two_factor_authentication", preferred);
        b.put("two_factor_authentication_enabled", List.copyOf(enabled));
        return new ZouException(ErrorCode.WRONG_PARAMETER, 400, message, b);
    }

    /** Change-password while locked out. */
    public static ZouException changePasswordLockedOut() {
        Map<String, Object> b = standard("Too many failed login attempts.");
        b.put("too_many_failed_login_attemps", true);
        return new ZouException(ErrorCode.TOO_MANY_REQUESTS, 400, "Too many failed login attempts.", b);
    }

    /** Pydantic-style body validation failure: 400 Validation error with one entry per field. */
    public static ZouException validation(List<String[]> fieldMessages) {
        List<Map<String, Object>> errors = new ArrayList<>();
        for (String[] fm : fieldMessages) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("field", fm[0]);
            e.put("message", fm[1]);
            errors.add(e);
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("errors", errors);
        Map<String, Object> b = standard("Validation error.");
        b.put("data", data);
        return new ZouException(ErrorCode.MISSING_FIELD, 400, "Validation error: " + fieldMessages.stream()
                .map(fm -> fm[0] + ": " + fm[1]).reduce((x, y) -> x + "; " + y).orElse(""), b);
    }

    /** Collects pydantic-like checks of required, non-empty string fields. */
    public static final class Validation {
        private final List<String[]> errors = new ArrayList<>();

        /** Requires {@code value} to be present and at least one character long. */
        public Validation required(String field, String value) {
            if (value == null) {
                errors.add(new String[] {field, "Field required"});
            } else if (value.isEmpty()) {
                errors.add(new String[] {field, "String should have at least 1 character"});
            }
            return this;
        }

        /** Records a required field that is missing (any JSON type). */
        public Validation missing(String field) {
            errors.add(new String[] {field, "Field required"});
            return this;
        }

        /** Throws the validation error if any check failed. */
        public void check() {
            if (!errors.isEmpty()) {
                throw validation(errors);
            }
        }
    }

    // ---- helpers ---------------------------------------------------------------------------------------------------

    private static ZouException msg(int status, String message) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("msg", message);
        return new ZouException(ErrorCode.UNAUTHORIZED, status, message, b);
    }

    private static Map<String, Object> standard(String message) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("error", true);
        b.put("message", message);
        return b;
    }
}
