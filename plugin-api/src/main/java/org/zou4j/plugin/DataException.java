package org.zou4j.plugin;

/**
 * The engine refused a {@link ZouData} call. Plugins may catch it (e.g. to skip a row the caller may not change) or let
 * it propagate: the caller then gets the engine's own answer (same status and message).
 */
public class DataException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;

    public DataException(int status, String code, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.code = code;
    }

    /** The HTTP status Zou answers with (400, 403, 404, ...). */
    public int status() {
        return status;
    }

    /** The engine's stable error code name (e.g. {@code FORBIDDEN}, {@code NOT_FOUND}, {@code WRONG_PARAMETER}). */
    public String code() {
        return code;
    }
}
