package org.zou4j.http.transport;

/** Syntax rules for header names and values (RFC 9110 §5), shared by the parser and the response type. */
final class HeaderRules {

    private HeaderRules() {
    }

    /** RFC 9110 {@code tchar}: the characters allowed in methods and header names. */
    static boolean isTokenChar(char c) {
        if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
            return true;
        }
        return "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }

    static boolean isToken(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!isTokenChar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** Field values may hold visible characters, spaces, tabs and obs-text, never CR, LF or NUL. */
    static boolean isValidValue(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 && c != '\t' || c == 0x7f || c > 0xff) {
                return false;
            }
        }
        return true;
    }

    static void requireValidName(String name) {
        if (name == null || !isToken(name)) {
            throw new IllegalArgumentException("Invalid header name: " + name);
        }
    }

    // Rejecting CR/LF here makes response splitting impossible whatever the route layer echoes.
    static void requireValidValue(String value) {
        if (value == null || !isValidValue(value)) {
            throw new IllegalArgumentException("Invalid header value (control or non-Latin-1 character)");
        }
    }

    /** True when a comma-separated header value lists {@code token} (case-insensitive), e.g. Connection. */
    static boolean hasToken(String headerValue, String token) {
        if (headerValue == null) {
            return false;
        }
        for (String part : headerValue.split(",")) {
            if (part.trim().equalsIgnoreCase(token)) {
                return true;
            }
        }
        return false;
    }
}
