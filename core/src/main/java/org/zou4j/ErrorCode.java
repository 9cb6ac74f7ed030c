package org.zou4j;

/**
 * Stable error codes of {@link ZouException}. Each carries the HTTP status Zou answers with; the code names never
 * change, so callers may switch on them.
 */
public enum ErrorCode {
    /** A parameter or body value is wrong (Zou's WrongParameterException). */
    WRONG_PARAMETER(400),
    /** A body key is not a field of the model. */
    UNKNOWN_FIELD(400),
    /** A list filter names a field hidden from the caller. */
    FILTER_NOT_ALLOWED(400),
    /** An id is not a UUID. */
    MALFORMED_ID(400),
    /** A value does not fit its column (type, length, format). */
    INVALID_VALUE(400),
    /** A required field is missing. */
    MISSING_FIELD(400),
    /** Another row already holds the same unique values. */
    DUPLICATE(400),
    /** The change conflicts with rows referencing this one (or a referenced row is missing). */
    REFERENCED(400),
    /** Another database integrity rule (e.g. a CHECK) refused the change. */
    INTEGRITY(400),
    /** The request body is empty or {@code null}. */
    EMPTY_BODY(400),
    /** The request body is not valid JSON. */
    MALFORMED_JSON(400),
    /** The request is not allowed in the current state (e.g. deleting an open project). */
    BAD_STATE(400),
    /** No valid credentials (missing, invalid, expired or revoked token; wrong password). */
    UNAUTHORIZED(401),
    /** The caller may not do this. */
    FORBIDDEN(403),
    /** Two-factor authentication must be set up before using the API. */
    TWO_FACTOR_REQUIRED(403),
    /** No such row or route. */
    NOT_FOUND(404),
    /** The method is not allowed on this route. */
    METHOD_NOT_ALLOWED(405),
    /** The body's content type is not JSON. */
    UNSUPPORTED_MEDIA_TYPE(415),
    /** Too many requests (e.g. a login lockout or a full login queue). */
    TOO_MANY_REQUESTS(429),
    /** The engine cannot serve the request now (closing, storage unavailable). */
    UNAVAILABLE(503),
    /** A failure of the engine itself; details are logged, never returned. */
    INTERNAL(500);

    private final int httpStatus;

    ErrorCode(int httpStatus) {
        this.httpStatus = httpStatus;
    }

    /** The HTTP status Zou answers with for this error. */
    public int httpStatus() {
        return httpStatus;
    }
}
