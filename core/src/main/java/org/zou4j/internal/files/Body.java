package org.zou4j.internal.files;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.zou4j.ZouException;

/**
 * Request-body reading for the files blueprint as Zou's pydantic schemas validate it: a wrong type or a missing
 * required field answers 400 {@code Validation error.} with the field and the reason; unknown keys are ignored.
 */
final class Body {
    private Body() {
    }

    static Map<String, Object> of(Map<String, Object> body) {
        return body == null ? Map.of() : body;
    }

    static ZouException validation(String field, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("field", field);
        error.put("message", message);
        return ZouException.wrongParameter("Validation error.", Map.of("errors", List.of(error)));
    }

    /** A required non-empty string ({@code Field(..., min_length=1)}). */
    static String requiredText(Map<String, Object> body, String key) {
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
    static String optionalText(Map<String, Object> body, String key, String fallback) {
        Object v = body.get(key);
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof String s)) {
            throw validation(key, "Input should be a valid string");
        }
        return s;
    }

    /** An optional integer (numbers and numeric strings, as pydantic's lax mode). */
    static int optionalInt(Map<String, Object> body, String key, int fallback) {
        Object v = body.get(key);
        if (v == null) {
            return fallback;
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
}
