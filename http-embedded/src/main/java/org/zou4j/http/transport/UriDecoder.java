package org.zou4j.http.transport;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Splits and percent-decodes a request-target ourselves: NanoHTTPD's decoder throws on {@code %zz} and drops
 * the connection (pitfall 4). Decoded bytes are read as UTF-8; invalid UTF-8 becomes U+FFFD, like Werkzeug.
 */
final class UriDecoder {

    /** A malformed percent escape or an unusable request-target. */
    static final class MalformedTargetException extends Exception {
        MalformedTargetException(String message) {
            super(message, null, false, false);
        }
    }

    private UriDecoder() {
    }

    /** @param target the request-target, one char per byte as read from the wire */
    static DecodedTarget decode(String target) throws MalformedTargetException {
        String originForm = toOriginForm(target);
        int q = originForm.indexOf('?');
        String rawPathBytes = q < 0 ? originForm : originForm.substring(0, q);
        String rawQueryBytes = q < 0 ? "" : originForm.substring(q + 1);
        int hash = rawQueryBytes.indexOf('#');
        if (hash >= 0) {
            rawQueryBytes = rawQueryBytes.substring(0, hash);
        }

        List<String> segments = new ArrayList<>();
        StringBuilder path = new StringBuilder(rawPathBytes.length());
        String[] rawSegments = rawPathBytes.substring(1).split("/", -1);
        for (String raw : rawSegments) {
            String segment = percentDecode(raw, false);
            segments.add(segment);
            path.append('/').append(segment);
        }
        return new DecodedTarget(utf8(rawPathBytes), Collections.unmodifiableList(segments), path.toString(),
                utf8(rawQueryBytes), parseQuery(rawQueryBytes));
    }

    /** Ordered multimap of query parameters; {@code a&a=} gives {@code a -> ["", ""]}. */
    static Map<String, List<String>> parseQuery(String rawQuery) throws MalformedTargetException {
        if (rawQuery.isEmpty()) {
            return Map.of();
        }
        Map<String, List<String>> params = new LinkedHashMap<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = percentDecode(eq < 0 ? pair : pair.substring(0, eq), true);
            String value = eq < 0 ? "" : percentDecode(pair.substring(eq + 1), true);
            params.computeIfAbsent(name, k -> new ArrayList<>(1)).add(value);
        }
        params.replaceAll((k, v) -> List.copyOf(v));
        return Collections.unmodifiableMap(params);
    }

    /** @param plusIsSpace true in query strings (form encoding), false in paths */
    static String percentDecode(String s, boolean plusIsSpace) throws MalformedTargetException {
        boolean plain = true;
        for (int i = 0; i < s.length() && plain; i++) {
            char c = s.charAt(i);
            plain = c != '%' && c < 0x80 && !(plusIsSpace && c == '+');
        }
        if (plain) {
            return s;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                if (i + 2 >= s.length()) {
                    throw new MalformedTargetException("Truncated percent escape");
                }
                int hi = Character.digit(s.charAt(i + 1), 16);
                int lo = Character.digit(s.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw new MalformedTargetException("Malformed percent escape");
                }
                bytes.write(hi << 4 | lo);
                i += 2;
            } else if (plusIsSpace && c == '+') {
                bytes.write(' ');
            } else {
                bytes.write(c);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** Accepts origin-form ({@code /x?y}) and absolute-form ({@code http://host/x}); anything else is malformed. */
    private static String toOriginForm(String target) throws MalformedTargetException {
        if (target.startsWith("/")) {
            return target;
        }
        int scheme = target.indexOf("://");
        if (scheme > 0 && (target.startsWith("http://") || target.startsWith("https://"))) {
            int slash = target.indexOf('/', scheme + 3);
            int question = target.indexOf('?', scheme + 3);
            if (slash < 0 || question >= 0 && question < slash) {
                return question < 0 ? "/" : "/" + target.substring(question);
            }
            return target.substring(slash);
        }
        if (target.equals("*")) {
            return "/";
        }
        throw new MalformedTargetException("Unsupported request-target form");
    }

    /** The wire bytes (one char per byte) read as UTF-8, for the raw views. */
    private static String utf8(String latin1) {
        for (int i = 0; i < latin1.length(); i++) {
            if (latin1.charAt(i) >= 0x80) {
                return new String(latin1.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
            }
        }
        return latin1;
    }
}
