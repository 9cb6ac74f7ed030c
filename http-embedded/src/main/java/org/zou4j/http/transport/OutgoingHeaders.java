package org.zou4j.http.transport;

import java.util.ArrayList;
import java.util.List;

/** The mutable header list of a response being written. Names compare case-insensitively. */
final class OutgoingHeaders {

    private final List<String> names = new ArrayList<>(16);
    private final List<String> values = new ArrayList<>(16);

    void add(String name, String value) {
        names.add(name);
        values.add(value);
    }

    void addIfAbsent(String name, String value) {
        if (get(name) == null) {
            add(name, value);
        }
    }

    String get(String name) {
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equalsIgnoreCase(name)) {
                return values.get(i);
            }
        }
        return null;
    }

    /** Adds a token to {@code Vary} unless already listed. */
    void addVary(String token) {
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equalsIgnoreCase("Vary")) {
                if (!HeaderRules.hasToken(values.get(i), token)) {
                    values.set(i, values.get(i) + ", " + token);
                }
                return;
            }
        }
        add("Vary", token);
    }

    void appendTo(StringBuilder sb) {
        for (int i = 0; i < names.size(); i++) {
            sb.append(names.get(i)).append(": ").append(values.get(i)).append("\r\n");
        }
    }
}
