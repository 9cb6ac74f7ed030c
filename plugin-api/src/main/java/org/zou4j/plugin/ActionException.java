package org.zou4j.plugin;

/**
 * A refusal a {@link CustomAction} reports to its caller, with a message meant for them (e.g. "Choose a task
 * status: task_status_id is missing."). The caller gets this status (default 400) and message.
 */
public class ActionException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;

    /** A 400 refusal. */
    public ActionException(String message) {
        this(400, message);
    }

    /** A refusal with an HTTP status between 400 and 499. */
    public ActionException(int status, String message) {
        super(message);
        if (status < 400 || status > 499) {
            throw new IllegalArgumentException("An action refusal is a 4xx status: " + status);
        }
        this.status = status;
    }

    public int status() {
        return status;
    }
}
