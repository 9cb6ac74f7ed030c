package org.zou4j.internal.model;

import java.util.List;
import java.util.Set;

/**
 * The allowed codes of a choice column; every write is validated against them (Zou validates only some; we validate
 * all, because an unknown code later breaks every read of the row in Zou).
 *
 * @param field   the column
 * @param codes   allowed codes
 * @param message the 400 message on a bad value, {@code null} for a generic one
 * @param isList  whether the column holds a JSON list of codes (e.g. {@code roles_for_board})
 */
public record Choice(String field, Set<String> codes, String message, boolean isList) {

    public Choice {
        codes = Set.copyOf(codes);
    }

    public static Choice of(String field, List<String> codes, String message) {
        return new Choice(field, Set.copyOf(codes), message, false);
    }

    public String messageFor(Object value) {
        return message != null ? message : "Invalid " + field + ": " + org.zou4j.ZouException.echo(value) + " (allowed: " + String.join(", ", codes.stream().sorted().toList()) + ")";
    }
}
