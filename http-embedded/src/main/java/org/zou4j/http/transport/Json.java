package org.zou4j.http.transport;

import java.nio.charset.StandardCharsets;

/** The little JSON the transport writes itself: Zou's error body. */
final class Json {

    private Json() {
    }

    /** {@code {"error":true,"message":"..."}} as UTF-8. */
    static byte[] errorBody(String message) {
        StringBuilder sb = new StringBuilder(message.length() + 32);
        sb.append("{\"error\":true,\"message\":");
        appendString(sb, message);
        sb.append('}');
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    static void appendString(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
