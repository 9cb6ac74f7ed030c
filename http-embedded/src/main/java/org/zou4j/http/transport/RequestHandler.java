package org.zou4j.http.transport;

/**
 * Answers one HTTP request. Called by the transport on the connection's thread, possibly concurrently
 * for different connections, so implementations must be thread-safe.
 *
 * <p>Any exception escaping {@link #handle} becomes a 500 {@code {"error": true, "message": "Internal server
 * error."}}; the exception is logged with its stack trace, its message never reaches the client.
 */
@FunctionalInterface
public interface RequestHandler {

    /**
     * @param request the fully read request (its body has already been consumed from the socket)
     * @return the response to send, never {@code null}
     */
    HttpResponse handle(HttpRequest request);
}
