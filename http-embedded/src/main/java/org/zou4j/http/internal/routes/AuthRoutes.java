package org.zou4j.http.internal.routes;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zou4j.AuthCookie;
import org.zou4j.ErrorCode;
import org.zou4j.LoginRequest;
import org.zou4j.LoginResult;
import org.zou4j.Query;
import org.zou4j.Session;
import org.zou4j.ZouException;
import org.zou4j.http.internal.Authenticator;
import org.zou4j.http.internal.Call;
import org.zou4j.http.internal.Route;
import org.zou4j.http.transport.HttpRequest;
import org.zou4j.http.transport.HttpResponse;

/**
 * Zou's auth routes (zou-auth.md §1.2–§1.7): {@code POST /auth/login}, {@code GET /auth/logout},
 * {@code GET /auth/authenticated}, {@code GET /auth/refresh-token}, {@code POST /auth/change-password} and
 * {@code POST|PUT /auth/reset-password}. Other methods on these paths answer 405 (the router's rule).
 *
 * <p>Bodies are read as Zou reads them: the JSON object when there is one, otherwise the query-string and form values
 * (so {@code POST /auth/login?email=...&password=...} works); unknown keys are ignored; a missing or empty required
 * field is a 400 validation error naming each field. Tokens are taken from the cookie first, then the
 * {@code Authorization: Bearer} header; cookies set by the engine become {@code Set-Cookie} headers.
 */
public final class AuthRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(AuthRoutes.class);
    private static final String ACCESS_COOKIE = "access_token_cookie";
    private static final String REFRESH_COOKIE = "refresh_token_cookie";

    public List<Route> routes() {
        return List.of(
                Route.of("POST", "/auth/login", false, this::login),
                Route.of("GET", "/auth/logout", false, this::logout),
                Route.of("GET", "/auth/authenticated", false, this::authenticated),
                Route.of("GET", "/auth/refresh-token", false, this::refresh),
                Route.of("POST", "/auth/change-password", true, this::changePassword),
                Route.of("POST", "/auth/reset-password", false, this::requestReset),
                Route.of("PUT", "/auth/reset-password", false, this::reset));
    }

    // ---- routes ----------------------------------------------------------------------------------------------------

    private HttpResponse login(Call call) {
        Body body = Body.read(call);
        body.string("email", true);
        String password = body.string("password", false);
        String totp = body.string("totp", false);
        String emailOtp = body.string("email_otp", false);
        String recoveryCode = body.string("recovery_code", false);
        Map<String, Object> fido = body.object("fido_authentication_response", false);
        body.check();
        LoginRequest request = LoginRequest.of(body.value("email"), password)
                .from(clientIp(call.request()), userAgent(call.request()));
        if (totp != null) {
            request = request.withTotp(totp);
        }
        if (emailOtp != null) {
            request = request.withEmailOtp(emailOtp);
        }
        if (recoveryCode != null) {
            request = request.withRecoveryCode(recoveryCode);
        }
        if (fido != null) {
            request = request.withFidoAuthenticationResponse(fido);
        }
        LoginResult result;
        try {
            result = call.engine().login(request);
        } catch (ZouException e) {
            if (e.code() != ErrorCode.INTERNAL && e.code() != ErrorCode.UNAVAILABLE) {
                throw e;
            }
            // Zou's login answers for a server-side failure
            LOG.error("Login failed on the server side: {}", e.getMessage(), e.getCause());
            return call.json().answer(500, loginServerError(e.code() == ErrorCode.INTERNAL
                    ? "Database doesn't seem reachable." : "A server error occurred. Please contact your administrator."));
        }
        return answer(call, result);
    }

    private HttpResponse logout(Call call) {
        String token = Authenticator.token(call.request(), ACCESS_COOKIE);
        return answer(call, call.engine().logout(token, userAgent(call.request())));
    }

    private HttpResponse authenticated(Call call) {
        // a token restricted to 2FA enrolment may ask who it is
        Session session = call.engine().enrolmentSession(Authenticator.token(call.request(), ACCESS_COOKIE));
        return call.json().ok(call.engine().authenticated(session));
    }

    private HttpResponse refresh(Call call) {
        String token = Authenticator.token(call.request(), REFRESH_COOKIE);
        return answer(call, call.engine().refresh(token, userAgent(call.request())));
    }

    private HttpResponse changePassword(Call call) {
        Body body = Body.read(call);
        String old = body.string("old_password", true);
        String password = body.string("password", true);
        String password2 = body.string("password_2", true);
        body.check();
        call.engine().changePassword(call.session(), old, password, password2);
        return call.json().ok(Map.of("success", true));
    }

    private HttpResponse requestReset(Call call) {
        Body body = Body.read(call);
        String email = body.string("email", true);
        body.check();
        call.engine().requestPasswordReset(email);
        return call.json().ok(Map.of("success", "Reset token sent"));
    }

    private HttpResponse reset(Call call) {
        Body body = Body.read(call);
        String email = body.string("email", true);
        String token = body.string("token", true);
        String password = body.string("password", true);
        String password2 = body.string("password2", true);
        body.check();
        call.engine().resetPassword(email, token, password, password2);
        return call.json().ok(Map.of("success", true));
    }

    // ---- helpers ---------------------------------------------------------------------------------------------------

    static HttpResponse answer(Call call, LoginResult result) {
        HttpResponse response = call.json().answer(result.httpStatus(), result.body());
        for (AuthCookie cookie : result.cookies()) {
            response = response.withHeader("Set-Cookie", cookie.toSetCookieHeader());
        }
        return response;
    }

    private static Map<String, Object> loginServerError(String message) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("error", true);
        b.put("login", false);
        b.put("message", message);
        return b;
    }

    /** Zou's login log address: {@code X-Real-IP} when a proxy sets it, else the peer address. */
    static String clientIp(HttpRequest request) {
        return request.header("X-Real-IP").map(String::trim).filter(s -> !s.isEmpty())
                .orElse(request.remoteAddress());
    }

    static String userAgent(HttpRequest request) {
        return request.header("User-Agent").orElse(null);
    }

    /** A request body read as Zou's auth schemas read it, collecting pydantic-style validation errors. */
    static final class Body {
        private final Map<String, Object> values;
        private final List<Map<String, Object>> errors = new ArrayList<>();

        private Body(Map<String, Object> values) {
            this.values = values;
        }

        /** The JSON object body, or else the query-string and form values (first value of each key). */
        static Body read(Call call) {
            HttpRequest request = call.request();
            String type = request.contentType().orElse("").toLowerCase(Locale.ROOT);
            if (type.contains("json") && request.bodyLength() > 0) {
                try {
                    Object parsed = call.json().mapper().readValue(request.bodyAsString(), Object.class);
                    if (parsed instanceof Map<?, ?> map && !map.isEmpty()) {
                        Map<String, Object> values = new LinkedHashMap<>();
                        map.forEach((k, v) -> values.put(String.valueOf(k), v));
                        return new Body(values);
                    }
                } catch (JsonProcessingException e) {
                    // Zou reads JSON silently: a malformed body falls back to the form and query values
                }
            }
            Map<String, Object> values = new LinkedHashMap<>();
            request.queryParameters().forEach((k, v) -> {
                if (!v.isEmpty()) {
                    values.putIfAbsent(k, v.get(0));
                }
            });
            if (type.startsWith("application/x-www-form-urlencoded") && request.bodyLength() > 0) {
                Query.parse(request.bodyAsString()).params().forEach((k, v) -> {
                    if (!v.isEmpty()) {
                        values.putIfAbsent(k, v.get(0));
                    }
                });
            }
            return new Body(values);
        }

        /** A string field; a missing required field or an empty one is a validation error. */
        String string(String field, boolean required) {
            Object v = values.get(field);
            if (v == null) {
                if (required) {
                    error(field, "Field required");
                }
                return null;
            }
            if (!(v instanceof String s)) {
                error(field, "Input should be a valid string");
                return null;
            }
            if (required && s.isEmpty()) {
                error(field, "String should have at least 1 character");
            }
            return s;
        }

        String value(String field) {
            return (String) values.get(field);
        }

        /** A value as read, without validation. */
        Object raw(String field) {
            return values.get(field);
        }

        /** A JSON object field (e.g. a WebAuthn response); anything else is a validation error. */
        @SuppressWarnings("unchecked")
        Map<String, Object> object(String field, boolean required) {
            Object v = values.get(field);
            if (v == null) {
                if (required) {
                    error(field, "Field required");
                }
                return null;
            }
            if (!(v instanceof Map<?, ?>)) {
                error(field, "Input should be a valid dictionary");
                return null;
            }
            return (Map<String, Object>) v;
        }

        private void error(String field, String message) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("field", field);
            e.put("message", message);
            errors.add(e);
        }

        void check() {
            if (errors.isEmpty()) {
                return;
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("error", true);
            body.put("message", "Validation error.");
            body.put("data", Map.of("errors", List.copyOf(errors)));
            throw new ZouException(ErrorCode.MISSING_FIELD, 400, "Validation error.", body);
        }
    }
}
