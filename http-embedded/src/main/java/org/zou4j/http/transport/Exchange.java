package org.zou4j.http.transport;

/**
 * What the response writer needs to know about the request it answers.
 *
 * @param keepAlive whether the connection may serve another request after this response
 */
record Exchange(boolean head, boolean http10, boolean keepAlive, String acceptEncoding, String origin) {

    /** For errors found before a head was parsed: HTTP/1.1 framing, close afterwards, no gzip or CORS. */
    static Exchange bare() {
        return new Exchange(false, false, false, null, null);
    }

    static Exchange of(RequestHead head, boolean shuttingDown) {
        return new Exchange("HEAD".equals(head.method()), head.isHttp10(), head.wantsKeepAlive() && !shuttingDown,
                head.joined("accept-encoding"), head.first("origin"));
    }

    Exchange closing() {
        return new Exchange(head, http10, false, acceptEncoding, origin);
    }
}
