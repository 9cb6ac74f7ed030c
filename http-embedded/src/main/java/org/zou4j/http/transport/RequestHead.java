package org.zou4j.http.transport;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A parsed request line and header block.
 *
 * @param target  the request-target as sent, one char per byte (ISO-8859-1)
 * @param headers lower-case names to values in order received, unmodifiable
 */
record RequestHead(String method, String target, String version, Map<String, List<String>> headers) {

    boolean isHttp10() {
        return "HTTP/1.0".equals(version);
    }

    String first(String lowerCaseName) {
        List<String> values = headers.get(lowerCaseName);
        return values == null ? null : values.get(0);
    }

    /** All values of a header joined with commas, as RFC 9110 §5.3 allows for list-valued fields. */
    String joined(String lowerCaseName) {
        List<String> values = headers.get(lowerCaseName);
        return values == null ? null : String.join(",", values);
    }

    /** Whether the client asked to keep the connection open (HTTP/1.1 default, HTTP/1.0 opt-in). */
    boolean wantsKeepAlive() {
        String connection = joined("connection");
        if (isHttp10()) {
            return HeaderRules.hasToken(connection, "keep-alive");
        }
        return !HeaderRules.hasToken(connection, "close");
    }

    boolean expectsContinue() {
        String expect = first("expect");
        return !isHttp10() && expect != null && expect.trim().toLowerCase(Locale.ROOT).equals("100-continue");
    }
}
