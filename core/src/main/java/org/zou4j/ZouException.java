package org.zou4j;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The engine's one unchecked exception. It carries a stable {@link ErrorCode}, a message that says what failed and
 * never contains a secret, and the exact JSON body Zou answers with for this failure ({@link #body()}), so the HTTP
 * layer maps it without knowing the cause.
 */
public class ZouException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;
    private final int httpStatus;
    private final transient Map<String, Object> body;

    /** An error with an explicit Zou body. */
    public ZouException(ErrorCode code, int httpStatus, String message, Map<String, Object> body) {
        super(message);
        this.code = Objects.requireNonNull(code, "code");
        this.httpStatus = httpStatus;
        this.body = Collections.unmodifiableMap(new LinkedHashMap<>(body));
    }

    /** An error with Zou's usual body {@code {"error": true, "message": ...}}. */
    public ZouException(ErrorCode code, String message) {
        this(code, code.httpStatus(), message, standardBody(message));
    }

    public ErrorCode code() {
        return code;
    }

    public int httpStatus() {
        return httpStatus;
    }

    /** The JSON body Zou answers with (an immutable map of JSON values). */
    public Map<String, Object> body() {
        return body;
    }

    private static Map<String, Object> standardBody(String message) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("error", true);
        b.put("message", message);
        return b;
    }

    // ---- factories for Zou's answers -----------------------------------------------------------------------------

    /** Zou's WrongParameterException: 400 {@code {"error": true, "message": m, "data": data}}. */
    public static ZouException wrongParameter(String message, Map<String, Object> data) {
        Map<String, Object> b = standardBody(message);
        b.put("data", data);
        return new ZouException(ErrorCode.WRONG_PARAMETER, 400, message, b);
    }

    public static ZouException wrongParameter(String message) {
        return wrongParameter(message, null);
    }

    /** A 400 with the given code and Zou's WrongParameterException body shape. */
    public static ZouException badRequest(ErrorCode code, String message) {
        Map<String, Object> b = standardBody(message);
        b.put("data", null);
        return new ZouException(code, 400, message, b);
    }

    /** A 400 in the shape Zou's CRUD handlers use for caught database errors: {@code {"message": m}} only. */
    public static ZouException plain(ErrorCode code, String message) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("message", message);
        return new ZouException(code, 400, message, b);
    }

    /** As {@link #plain} with extra keys (e.g. the fields of a violated unique constraint). */
    public static ZouException plain(ErrorCode code, String message, Map<String, Object> extra) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("message", message);
        b.putAll(extra);
        return new ZouException(code, 400, message, b);
    }

    /** The longest client-supplied value an error message quotes whole; longer ones are cut (see {@link #echo}). */
    public static final int ECHO_LIMIT = 100;

    /**
     * A client-supplied value as an error message quotes it: whole up to {@value #ECHO_LIMIT} characters, else its
     * first {@value #ECHO_LIMIT} characters followed by "…", so an error never sends a large input back.
     */
    public static String echo(Object value) {
        String s = String.valueOf(value);
        if (s.length() <= ECHO_LIMIT) {
            return s;
        }
        int end = ECHO_LIMIT;
        if (Character.isHighSurrogate(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, end) + "\u2026";
    }

    /** Zou's 404 body. */
    public static ZouException notFound() {
        return new ZouException(ErrorCode.NOT_FOUND, "404 Not Found: The requested URL was not found on the server. "
                + "If you entered the URL manually please check your spelling and try again.");
    }

    /** A 404 whose message says what was not found (Zou's body shape, custom description). */
    public static ZouException notFound(String description) {
        return new ZouException(ErrorCode.NOT_FOUND, "404 Not Found: " + description);
    }

    /** Zou's 403 body. */
    public static ZouException forbidden() {
        return new ZouException(ErrorCode.FORBIDDEN, "You don't have the permission to access the requested "
                + "resource. It is either read-protected or not readable by the server.");
    }

    /** A 403 with a specific message. */
    public static ZouException forbidden(String message) {
        return new ZouException(ErrorCode.FORBIDDEN, message);
    }

    /** Zou's 400 for an id that is not a UUID. */
    public static ZouException malformedId() {
        return badRequest(ErrorCode.MALFORMED_ID, "Malformed ID.");
    }

    /** 401 in flask-jwt-extended's shape {@code {"msg": m}}. */
    public static ZouException unauthorized(String message) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("msg", message);
        return new ZouException(ErrorCode.UNAUTHORIZED, 401, message, b);
    }

    /** 500 whose body says nothing of the cause. */
    public static ZouException internal(String logMessage, Throwable cause) {
        ZouException e = new ZouException(ErrorCode.INTERNAL, 500, logMessage, standardBody("Internal server error."));
        e.initCause(cause);
        return e;
    }
}
