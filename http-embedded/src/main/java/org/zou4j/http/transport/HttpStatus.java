package org.zou4j.http.transport;

import java.util.Map;

/** Reason phrases, and the messages of the errors the transport answers itself (Werkzeug's wording). */
final class HttpStatus {

    private HttpStatus() {
    }

    private static final Map<Integer, String> REASONS = Map.ofEntries(
            Map.entry(100, "Continue"), Map.entry(101, "Switching Protocols"),
            Map.entry(200, "OK"), Map.entry(201, "Created"), Map.entry(202, "Accepted"),
            Map.entry(204, "No Content"), Map.entry(206, "Partial Content"),
            Map.entry(301, "Moved Permanently"), Map.entry(302, "Found"), Map.entry(303, "See Other"),
            Map.entry(304, "Not Modified"), Map.entry(307, "Temporary Redirect"), Map.entry(308, "Permanent Redirect"),
            Map.entry(400, "Bad Request"), Map.entry(401, "Unauthorized"), Map.entry(403, "Forbidden"),
            Map.entry(404, "Not Found"), Map.entry(405, "Method Not Allowed"), Map.entry(406, "Not Acceptable"),
            Map.entry(408, "Request Timeout"), Map.entry(409, "Conflict"), Map.entry(410, "Gone"),
            Map.entry(411, "Length Required"), Map.entry(412, "Precondition Failed"),
            Map.entry(413, "Request Entity Too Large"), Map.entry(414, "Request-URI Too Large"),
            Map.entry(415, "Unsupported Media Type"), Map.entry(416, "Requested Range Not Satisfiable"),
            Map.entry(422, "Unprocessable Entity"), Map.entry(423, "Locked"), Map.entry(429, "Too Many Requests"),
            Map.entry(431, "Request Header Fields Too Large"),
            Map.entry(500, "Internal Server Error"), Map.entry(501, "Not Implemented"),
            Map.entry(502, "Bad Gateway"), Map.entry(503, "Service Unavailable"),
            Map.entry(504, "Gateway Timeout"), Map.entry(505, "HTTP Version Not Supported"));

    private static final Map<Integer, String> MESSAGES = Map.ofEntries(
            Map.entry(400, "The browser (or proxy) sent a request that this server could not understand."),
            Map.entry(405, "The method is not allowed for the requested URL."),
            Map.entry(408, "The server closed the network connection because the browser didn't finish the request"
                    + " within the specified time."),
            Map.entry(411, "A request with this method requires a valid Content-Length header."),
            Map.entry(413, "The data value transmitted exceeds the capacity limit."),
            Map.entry(414, "The length of the requested URL exceeds the capacity limit for this server."
                    + " The request cannot be processed."),
            Map.entry(431, "One or more header fields exceeds the maximum size."),
            Map.entry(500, "Internal server error."),
            Map.entry(501, "The server does not support the action requested by the browser."),
            Map.entry(503, "The server is temporarily unable to service your request due to maintenance downtime"
                    + " or capacity problems. Please try again later."),
            Map.entry(505, "The server does not support the HTTP protocol version used in the request."));

    static String reason(int status) {
        String r = REASONS.get(status);
        if (r != null) {
            return r;
        }
        return switch (status / 100) {
            case 1 -> "Informational";
            case 2 -> "Success";
            case 3 -> "Redirection";
            case 4 -> "Client Error";
            default -> "Server Error";
        };
    }

    /** The JSON error response the transport sends for {@code status}. */
    static HttpResponse errorResponse(int status) {
        return HttpResponse.error(status, MESSAGES.getOrDefault(status, reason(status)));
    }
}
