package org.zou4j;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One row as Zou serializes it: an immutable, ordered map of JSON values (strings, numbers, booleans, {@code null},
 * lists and maps). Ids and dates are the strings Zou sends ({@code "2024-01-15T10:30:00"}), floats are doubles.
 */
public final class Entry {
    private final Map<String, Object> values;

    /** Wraps a map of JSON values; the map is copied. */
    public Entry(Map<String, Object> values) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    private Entry(Map<String, Object> values, boolean owned) {
        this.values = Collections.unmodifiableMap(values);
    }

    /** Wraps a map the engine has just built and hands over (no one else holds it): no copy. */
    static Entry owned(Map<String, Object> fresh) {
        return new Entry(fresh, true);
    }

    /** The row id, or {@code null} for rows without one. */
    public String id() {
        Object id = values.get("id");
        return id == null ? null : id.toString();
    }

    /** Zou's {@code type} of the row (e.g. {@code "Task"}, {@code "Shot"}). */
    public String type() {
        Object t = values.get("type");
        return t == null ? null : t.toString();
    }

    /** The JSON value of {@code key}, or {@code null}. */
    public Object get(String key) {
        return values.get(key);
    }

    /** The value of {@code key} as a string, or {@code null}. */
    public String getString(String key) {
        Object v = values.get(key);
        return v == null ? null : v.toString();
    }

    public boolean has(String key) {
        return values.containsKey(key);
    }

    /** All keys and values, in Zou's order; unmodifiable. */
    public Map<String, Object> asMap() {
        return values;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Entry e && e.values.equals(values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(values);
    }

    @Override
    public String toString() {
        return "Entry" + values;
    }
}
