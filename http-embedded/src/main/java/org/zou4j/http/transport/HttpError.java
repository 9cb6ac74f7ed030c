package org.zou4j.http.transport;

/**
 * A protocol error the transport answers itself with {@link HttpStatus#errorResponse}.
 * {@code closeConnection} is true when the request could not be read to its end, so the connection
 * cannot be reused safely.
 */
final class HttpError extends Exception {

    private final int status;
    private final boolean closeConnection;

    private HttpError(int status, boolean closeConnection) {
        super("HTTP " + status, null, false, false);
        this.status = status;
        this.closeConnection = closeConnection;
    }

    /** An error after which the rest of the request is unread: answer, then close. */
    static HttpError closing(int status) {
        return new HttpError(status, true);
    }

    int status() {
        return status;
    }

    boolean closeConnection() {
        return closeConnection;
    }
}
