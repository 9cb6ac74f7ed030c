package org.zou4j;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The parameters of a list request, as Zou reads them from a query string: filters ({@code project_id=...},
 * {@code name=...}, {@code [..]} lists), {@code page}, {@code limit}, {@code relations}, {@code fields}, and route
 * specific ones. Parameters are kept raw here; the engine validates them against the model it lists, so a bad value
 * becomes a {@link ZouException} naming the parameter.
 */
public final class Query {
    private static final Query EMPTY = new Query(Map.of());

    private final Map<String, List<String>> params;

    private Query(Map<String, List<String>> params) {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        params.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        this.params = Collections.unmodifiableMap(copy);
    }

    /** No parameters at all (Zou then returns every row, unordered, without evaluating filters). */
    public static Query all() {
        return EMPTY;
    }

    /** From already-decoded parameters (repeated keys keep every value; the first one is used for filters). */
    public static Query of(Map<String, List<String>> params) {
        return new Query(params);
    }

    /** From single-valued parameters, e.g. {@code Query.where(Map.of("project_id", id))}. */
    public static Query where(Map<String, String> params) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        params.forEach((k, v) -> m.put(k, List.of(v)));
        return new Query(m);
    }

    /**
     * Parses a URL query string such as {@code project_id=...&page=2}.
     *
     * @throws ZouException {@link ErrorCode#WRONG_PARAMETER} for a malformed percent escape
     */
    public static Query parse(String queryString) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        if (queryString == null || queryString.isEmpty()) {
            return new Query(m);
        }
        for (String pair : queryString.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            m.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        }
        return new Query(m);
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ZouException.wrongParameter("Malformed query string: invalid percent-encoding.");
        }
    }

    /** A copy with {@code key} set to a single value. */
    public Query with(String key, String value) {
        Map<String, List<String>> m = new LinkedHashMap<>(params);
        m.put(key, List.of(value));
        return new Query(m);
    }

    /** True when there are no parameters at all. */
    public boolean isEmpty() {
        return params.isEmpty();
    }

    /** The first value of {@code key}. */
    public Optional<String> first(String key) {
        List<String> v = params.get(key);
        return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
    }

    public boolean has(String key) {
        return params.containsKey(key);
    }

    /** True when {@code key}'s first value is {@code true}, case-insensitively (Zou's flag parsing). */
    public boolean flag(String key) {
        return first(key).map(v -> v.equalsIgnoreCase("true")).orElse(false);
    }

    /** Every parameter, in order. */
    public Map<String, List<String>> params() {
        return params;
    }

    @Override
    public String toString() {
        return "Query" + params;
    }
}
