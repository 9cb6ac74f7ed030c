package org.zou4j.internal.events;

import java.util.Locale;
import java.util.Objects;

/**
 * An event name pattern: an exact name ({@code task:update}) or a glob where {@code *} matches any run of characters
 * ({@code task:*}, {@code *:delete}, {@code *}). Names are lower case, so patterns are compared lower-cased.
 */
final class EventPattern {
    private final String text;
    private final String[] parts; // the pattern split at '*'; null when it has no wildcard

    private EventPattern(String text) {
        this.text = text;
        this.parts = text.indexOf('*') < 0 ? null : text.split("\\*", -1);
    }

    static EventPattern parse(String pattern) {
        Objects.requireNonNull(pattern, "pattern");
        String p = pattern.trim().toLowerCase(Locale.ROOT);
        if (p.isEmpty()) {
            throw new IllegalArgumentException("An event pattern is an event name such as task:update, or a pattern "
                    + "with * wildcards such as task:* or *; it was empty.");
        }
        return new EventPattern(p);
    }

    String text() {
        return text;
    }

    boolean matches(String name) {
        if (parts == null) {
            return text.equals(name);
        }
        String first = parts[0];
        String last = parts[parts.length - 1];
        if (!name.startsWith(first) || name.length() < first.length() + last.length()) {
            return false;
        }
        int from = first.length();
        int end = name.length() - last.length();
        for (int i = 1; i < parts.length - 1; i++) {
            String part = parts[i];
            int at = name.indexOf(part, from);
            if (at < 0 || at + part.length() > end) {
                return false;
            }
            from = at + part.length();
        }
        return name.endsWith(last);
    }

    @Override
    public String toString() {
        return text;
    }
}
