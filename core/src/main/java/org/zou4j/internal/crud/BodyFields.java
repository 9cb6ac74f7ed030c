package org.zou4j.internal.crud;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.zou4j.ZouException;

/**
 * Request-body fields read as Zou's pydantic schemas validate them: a wrong type or a missing required field answers
 * 400 {@code Validation error.} with the field and the reason; unknown keys are ignored; numbers and booleans are
 * also accepted as strings (pydantic's lax mode).
 */
public final class BodyFields {
    private BodyFields() {
    }

    /** The body, or an empty one when none was sent. */
    public static Map<String, Object> of(Map<String, Object> body) {
        return body == null ? Map.of() : body;
    }

    /** Zou's 400 for one invalid field. */
    public static ZouException validation(String field, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("field", field);
        error.put("message", message);
        return ZouException.wrongParameter("Validation error.", Map.of("errors", List.of(error)));
    }

    /** A required non-empty string ({@code Field(..., min_length=1)}). */
    public static String requiredText(Map<String, Object> body, String key) {
        Object v = body.get(key);
        if (v == null) {
            throw validation(key, "Field required");
        }
        if (!(v instanceof String s)) {
            throw validation(key, "Input should be a valid string");
        }
        if (s.isEmpty()) {
            throw validation(key, "String should have at least 1 character");
        }
        return s;
    }

    /** An optional string; null (absent or JSON null) gives {@code fallback}. */
    public static String optionalText(Map<String, Object> body, String key, String fallback) {
        Object v = body.get(key);
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof String s)) {
            throw validation(key, "Input should be a valid string");
        }
        return s;
    }

    /** An optional integer, null when absent; a whole number out of the int range is not one. */
    public static Integer optionalInt(Map<String, Object> body, String key) {
        Object v = body.get(key);
        if (v == null) {
            return null;
        }
        if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())
                && Math.abs(n.doubleValue()) <= Integer.MAX_VALUE) {
            return n.intValue();
        }
        if (v instanceof String s) {
            try {
                return Integer.parseInt(s.trim());
            } catch (NumberFormatException e) {
                // fall through
            }
        }
        throw validation(key, "Input should be a valid integer");
    }

    /** {@link #optionalInt(Map, String)} with {@code fallback} when absent. */
    public static int optionalInt(Map<String, Object> body, String key, int fallback) {
        Integer v = optionalInt(body, key);
        return v == null ? fallback : v;
    }

    public static Double optionalDouble(Map<String, Object> body, String key) {
        Object v = body.get(key);
        if (v == null) {
            return null;
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v instanceof String s) {
            try {
                return Double.parseDouble(s.trim());
            } catch (NumberFormatException e) {
                // fall through
            }
        }
        throw validation(key, "Input should be a valid number");
    }

    public static Boolean optionalBool(Map<String, Object> body, String key, Boolean fallback) {
        Object v = body.get(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof String s && (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false"))) {
            return Boolean.parseBoolean(s);
        }
        throw validation(key, "Input should be a valid boolean");
    }

    /** A list of strings; absent gives an empty list unless {@code required} (which also refuses an empty one). */
    public static List<String> textList(Map<String, Object> body, String key, boolean required) {
        Object v = body.get(key);
        if (v == null) {
            if (required) {
                throw validation(key, "Field required");
            }
            return List.of();
        }
        if (!(v instanceof List<?> list)) {
            throw validation(key, "Input should be a valid list");
        }
        List<String> out = new ArrayList<>();
        for (Object o : list) {
            if (!(o instanceof String s)) {
                throw validation(key, "Input should be a valid string");
            }
            out.add(s);
        }
        if (required && out.isEmpty()) {
            throw validation(key, "List should have at least 1 item after validation, not 0");
        }
        return out;
    }
}
