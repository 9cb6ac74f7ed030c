package org.zou4j.internal.crud;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.zou4j.ErrorCode;
import org.zou4j.ZouException;
import org.zou4j.internal.model.Choice;
import org.zou4j.internal.schema.Column;
import org.zou4j.internal.sql.RawJson;

/**
 * Converts client values (JSON body values or query-string strings) into typed column values, with a clear 400 for
 * anything that does not fit: Zou lets the database fail (often a 500); we say which field and why.
 */
public final class Values {
    /** Zou's UUID check: hyphenated, any case. */
    private static final Pattern UUID_PATTERN = Pattern.compile(
            "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");

    private final ObjectMapper mapper;

    public Values(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** Parses an id, or throws Zou's "Malformed ID." 400. */
    public static UUID parseId(String id) {
        if (id == null || !UUID_PATTERN.matcher(id).matches()) {
            throw ZouException.malformedId();
        }
        return UUID.fromString(id);
    }

    /** A path id: a malformed one answers 404, as an unknown row does (Zou's lookups). */
    public static UUID pathId(String id) {
        UUID parsed = tryParseId(id);
        if (parsed == null) {
            throw ZouException.notFound();
        }
        return parsed;
    }

    /** Parses an id, or returns null when it is not one. */
    public static UUID tryParseId(String id) {
        return id != null && UUID_PATTERN.matcher(id).matches() ? UUID.fromString(id) : null;
    }

    /** Converts a JSON body value for {@code column}; {@code null} stays null. */
    public Object fromJson(Column column, Object value) {
        if (value == null) {
            return null;
        }
        String field = column.name();
        switch (column.type()) {
            case UUID:
                if (value instanceof UUID u) {
                    return u;
                }
                if (value instanceof String s) {
                    UUID id = tryParseId(s);
                    if (id != null) {
                        return id;
                    }
                }
                throw invalid(field, value, "a UUID");
            case STRING: {
                String s = value instanceof String str ? str
                        : (value instanceof Number || value instanceof Boolean) ? value.toString() : null;
                if (s == null) {
                    throw invalid(field, value, "a string");
                }
                if (s.indexOf('\0') >= 0) {
                    throw nulCharacter(field);
                }
                if (column.maxLength() > 0 && s.codePointCount(0, s.length()) > column.maxLength()) {
                    throw ZouException.badRequest(ErrorCode.INVALID_VALUE, "Value of '" + field + "' is too long: at most "
                            + column.maxLength() + " characters.");
                }
                return s;
            }
            case INTEGER:
            case BIGINT: {
                Long l = toLong(value);
                if (l == null || (column.type() == org.zou4j.internal.schema.ColumnType.INTEGER
                        && (l > Integer.MAX_VALUE || l < Integer.MIN_VALUE))) {
                    throw invalid(field, value, "an integer");
                }
                return column.type() == org.zou4j.internal.schema.ColumnType.INTEGER ? (Object) l.intValue() : l;
            }
            case FLOAT: {
                if (value instanceof Number n) {
                    double d = n.doubleValue();
                    if (Double.isFinite(d)) {
                        return d;
                    }
                } else if (value instanceof String s) {
                    try {
                        double d = Double.parseDouble(s.trim());
                        if (Double.isFinite(d)) {
                            return d;
                        }
                    } catch (NumberFormatException ignored) {
                        // reported below
                    }
                }
                throw invalid(field, value, "a number");
            }
            case BOOLEAN: {
                if (value instanceof Boolean b) {
                    return b;
                }
                if (value instanceof String s) {
                    Boolean b = parseBoolean(s);
                    if (b != null) {
                        return b;
                    }
                }
                throw invalid(field, value, "a boolean");
            }
            case DATE:
                if (value instanceof String s) {
                    LocalDate d = parseDate(s);
                    if (d != null) {
                        return d;
                    }
                }
                throw invalidDate(field, value);
            case TIMESTAMP:
                if (value instanceof String s) {
                    LocalDateTime t = parseTimestamp(s);
                    if (t != null) {
                        return t;
                    }
                }
                throw invalidDate(field, value);
            case JSON:
                if (containsNul(value)) {
                    throw nulCharacter(field);
                }
                try {
                    return new RawJson(mapper.writeValueAsString(value));
                } catch (JsonProcessingException e) {
                    throw invalid(field, value, "JSON");
                }
            default:
                throw new IllegalStateException("Unhandled type " + column.type());
        }
    }

    /** Converts a query-string value for an equality filter on {@code column} (reference §4.4). */
    public Object fromQuery(Column column, String value) {
        switch (column.type()) {
            case UUID: {
                UUID id = tryParseId(value);
                if (id == null) {
                    throw ZouException.wrongParameter("Invalid UUID value: " + ZouException.echo(value));
                }
                return id;
            }
            case BOOLEAN: {
                Boolean b = parseBoolean(value);
                if (b == null) {
                    throw ZouException.wrongParameter("Invalid boolean value: " + ZouException.echo(value));
                }
                return b;
            }
            case STRING:
                if (value.indexOf('\0') >= 0) {
                    throw ZouException.wrongParameter("Invalid value for filter " + column.name()
                            + ": it contains a NUL character.");
                }
                return value;
            case JSON:
                throw ZouException.wrongParameter("Filtering on JSON field " + column.name() + " is not supported.");
            default:
                try {
                    return fromJson(column, value);
                } catch (ZouException e) {
                    throw ZouException.wrongParameter("Invalid value for filter " + column.name() + ": "
                            + ZouException.echo(value));
                }
        }
    }

    /**
     * PostgreSQL stores no NUL character in text or JSON (H2 would): refuse it on every backend alike, with a 400
     * rather than a storage failure.
     */
    private static ZouException nulCharacter(String field) {
        return ZouException.badRequest(ErrorCode.INVALID_VALUE, "Value of '" + field
                + "' contains a NUL character (\\u0000), which cannot be stored.");
    }

    private static boolean containsNul(Object value) {
        if (value instanceof String s) {
            return s.indexOf('\0') >= 0;
        }
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (containsNul(e.getKey()) || containsNul(e.getValue())) {
                    return true;
                }
            }
        } else if (value instanceof Collection<?> list) {
            for (Object o : list) {
                if (containsNul(o)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Zou's boolean words, case-insensitive; {@code null} when none matches. */
    public static Boolean parseBoolean(String s) {
        switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "y": case "yes": case "t": case "true": case "on": case "1":
                return true;
            case "n": case "no": case "f": case "false": case "off": case "0":
                return false;
            default:
                return null;
        }
    }

    /** A date from {@code YYYY-MM-DD} or the date part of an ISO datetime; {@code null} if unparseable. */
    public static LocalDate parseDate(String s) {
        String v = s.trim();
        try {
            return LocalDate.parse(v.length() > 10 && (v.charAt(10) == 'T' || v.charAt(10) == ' ') ? v.substring(0, 10) : v);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /**
     * A UTC timestamp from ISO-8601 ({@code Z} and offsets converted to UTC, a bare date meaning midnight);
     * {@code null} if unparseable.
     */
    public static LocalDateTime parseTimestamp(String s) {
        LocalDateTime t = parseTimestampExactly(s);
        // Both databases keep microseconds; truncate here so that none rounds up (H2 and PostgreSQL would round).
        return t == null ? null : t.truncatedTo(ChronoUnit.MICROS);
    }

    private static LocalDateTime parseTimestampExactly(String s) {
        String v = s.trim().replace(' ', 'T');
        try {
            if (v.length() == 10) {
                return LocalDate.parse(v).atStartOfDay();
            }
            if (v.endsWith("Z") || v.matches(".*[+-]\\d{2}:?\\d{2}$")) {
                return OffsetDateTime.parse(v.endsWith("Z") ? v : normalizeOffset(v))
                        .withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
            }
            return LocalDateTime.parse(v);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String normalizeOffset(String v) {
        int n = v.length();
        if (v.charAt(n - 3) != ':') {
            return v.substring(0, n - 2) + ":" + v.substring(n - 2);
        }
        return v;
    }

    private static Long toLong(Object value) {
        if (value instanceof Integer || value instanceof Long || value instanceof Short) {
            return ((Number) value).longValue();
        }
        if (value instanceof Number n) {
            double d = n.doubleValue();
            return d == Math.rint(d) && Math.abs(d) < 9.0e15 ? (long) d : null;
        }
        if (value instanceof String s) {
            try {
                return Long.parseLong(s.trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    /** Validates a choice column value (or each element of a choice list). */
    public static void checkChoice(Choice choice, Object value) {
        if (value == null) {
            return;
        }
        if (choice.isList()) {
            if (value instanceof RawJson) {
                return; // already serialized: validated before conversion
            }
            if (!(value instanceof Collection<?> list)) {
                throw ZouException.wrongParameter(choice.messageFor(value));
            }
            for (Object v : list) {
                if (!(v instanceof String s) || !choice.codes().contains(s)) {
                    throw ZouException.wrongParameter(choice.messageFor(v));
                }
            }
            return;
        }
        if (!(value instanceof String s) || !choice.codes().contains(s)) {
            throw ZouException.wrongParameter(choice.messageFor(value));
        }
    }

    private static ZouException invalid(String field, Object value, String expected) {
        String shown = String.valueOf(value);
        if (shown.length() > 60) {
            shown = shown.substring(0, 57) + "...";
        }
        return ZouException.badRequest(ErrorCode.INVALID_VALUE,
                "Invalid value for '" + field + "': " + shown + " (expected " + expected + ").");
    }

    private static ZouException invalidDate(String field, Object value) {
        return ZouException.badRequest(ErrorCode.INVALID_VALUE, "Invalid date format for '" + field + "': '"
                + ZouException.echo(value)
                + "'. Expected an ISO 8601 date or datetime.");
    }

    /** Reads JSON body keys in order. */
    static List<String> keys(Map<String, Object> body) {
        return List.copyOf(body.keySet());
    }
}
