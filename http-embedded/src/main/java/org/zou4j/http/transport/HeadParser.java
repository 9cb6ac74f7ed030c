package org.zou4j.http.transport;

import java.io.EOFException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a request line and its headers within a byte budget: a request line over budget is 414, a head over
 * budget is 431 (NanoHTTPD truncated both silently, pitfall 3). Strict where laxness enables request smuggling:
 * no whitespace before a header colon, no obsolete line folding, no control characters.
 */
final class HeadParser {

    private static final int MAX_LEADING_EMPTY_LINES = 8;

    private HeadParser() {
    }

    /** @return the head, or null when the stream ended before a request started */
    static RequestHead read(WireInput in, int maxHeadSize) throws IOException, HttpError {
        int budget = maxHeadSize;
        String requestLine;
        int emptyLines = 0;
        do {
            try {
                requestLine = in.readLine(budget);
            } catch (WireInput.LineTooLongException e) {
                throw HttpError.closing(414);
            }
            if (requestLine == null) {
                return null;
            }
            budget -= in.lastLineBytes();
        } while (requestLine.isEmpty() && ++emptyLines <= MAX_LEADING_EMPTY_LINES);

        RequestHead line = parseRequestLine(requestLine);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        while (true) {
            String header;
            try {
                header = in.readLine(budget);
            } catch (WireInput.LineTooLongException e) {
                throw HttpError.closing(431);
            }
            if (header == null) {
                throw new EOFException("end of stream inside a request head");
            }
            budget -= in.lastLineBytes();
            if (header.isEmpty()) {
                break;
            }
            addHeader(headers, header);
        }
        checkHost(line.version(), headers.get("host"));
        headers.replaceAll((k, v) -> Collections.unmodifiableList(v));
        return new RequestHead(line.method(), line.target(), line.version(), Collections.unmodifiableMap(headers));
    }

    /**
     * RFC 9112 §3.2: an HTTP/1.1 request without {@code Host}, any request with more than one {@code Host} field line,
     * and a {@code Host} value that is no {@code uri-host [":" port]} (e.g. a list) are answered 400.
     */
    private static void checkHost(String version, List<String> hosts) throws HttpError {
        if (hosts == null) {
            if (!"HTTP/1.0".equals(version)) {
                throw HttpError.closing(400);
            }
            return;
        }
        if (hosts.size() > 1) {
            throw HttpError.closing(400);
        }
        String host = hosts.get(0);
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (c <= ' ' || ",/\\@?#\"<>{}|^`".indexOf(c) >= 0 || c >= 0x7f) {
                throw HttpError.closing(400);
            }
        }
    }

    private static RequestHead parseRequestLine(String line) throws HttpError {
        int sp1 = line.indexOf(' ');
        int sp2 = sp1 < 0 ? -1 : line.indexOf(' ', sp1 + 1);
        if (sp1 <= 0 || sp2 <= sp1 + 1 || line.indexOf(' ', sp2 + 1) >= 0) {
            throw HttpError.closing(400);
        }
        String method = line.substring(0, sp1);
        String target = line.substring(sp1 + 1, sp2);
        String version = line.substring(sp2 + 1);
        if (!HeaderRules.isToken(method) || !isValidTarget(target)) {
            throw HttpError.closing(400);
        }
        if (!version.equals("HTTP/1.1") && !version.equals("HTTP/1.0")) {
            throw HttpError.closing(version.matches("HTTP/\\d(\\.\\d)?") ? 505 : 400);
        }
        return new RequestHead(method, target, version, Map.of());
    }

    private static boolean isValidTarget(String target) {
        for (int i = 0; i < target.length(); i++) {
            char c = target.charAt(i);
            if (c <= 0x20 || c == 0x7f) {
                return false;
            }
        }
        return true;
    }

    private static void addHeader(Map<String, List<String>> headers, String line) throws HttpError {
        char first = line.charAt(0);
        if (first == ' ' || first == '\t') {
            throw HttpError.closing(400); // obsolete line folding
        }
        int colon = line.indexOf(':');
        if (colon <= 0) {
            throw HttpError.closing(400);
        }
        String name = line.substring(0, colon);
        String value = trimOws(line.substring(colon + 1));
        if (!HeaderRules.isToken(name) || !HeaderRules.isValidValue(value)) {
            throw HttpError.closing(400);
        }
        headers.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new ArrayList<>(1)).add(value);
    }

    private static String trimOws(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && (s.charAt(start) == ' ' || s.charAt(start) == '\t')) {
            start++;
        }
        while (end > start && (s.charAt(end - 1) == ' ' || s.charAt(end - 1) == '\t')) {
            end--;
        }
        return s.substring(start, end);
    }
}
