package org.zou4j.internal.sql;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * SQL text rendered by jOOQ, by query shape (the statement with its values left out), so that a query already seen
 * is not built and rendered again: on a get by id, building, rendering and collecting the binds of the jOOQ queries
 * was a third of the engine's time.
 *
 * <p>An entry is only stored when the bind values collected while computing the shape are exactly those jOOQ
 * collected, in the same order, and all different from one another (so the positions cannot have matched by
 * accident). Bounded in characters; past the budget, new shapes are simply rendered each time.
 */
final class SqlCache {
    private static final long MAX_CHARS = 2_000_000;

    private final Map<String, String> sqlByShape = new ConcurrentHashMap<>();
    private final AtomicLong chars = new AtomicLong();

    /** The SQL of a shape, or null. */
    String get(String shape) {
        return sqlByShape.get(shape);
    }

    /** Remembers {@code sql} for {@code shape} when {@code predicted} binds are jOOQ's {@code actual} ones. */
    void offer(String shape, String sql, List<Object> predicted, List<Object> actual) {
        if (!predicted.equals(actual) || !allDistinct(predicted)) {
            return;
        }
        long size = shape.length() + sql.length();
        if (chars.addAndGet(size) > MAX_CHARS) {
            chars.addAndGet(-size);
            return;
        }
        if (sqlByShape.putIfAbsent(shape, sql) != null) {
            chars.addAndGet(-size);
        }
    }

    /**
     * Remembers {@code sql} for {@code shape} when {@code predicted} binds are jOOQ's {@code actual} ones, for shapes
     * whose bind positions are known by construction (an insert's values in column order), so equal values are fine.
     */
    void offerOrdered(String shape, String sql, List<Object> predicted, List<Object> actual) {
        if (predicted.equals(actual)) {
            store(shape, sql);
        }
    }

    /**
     * Remembers {@code sql} for {@code shape} when {@code predicted} binds are jOOQ's {@code actual} ones, for shapes
     * whose first {@code ordered} binds are positional by construction (an update's set values, which may be equal to
     * one another) and whose others come from filters (all different, as for {@link #offer}).
     */
    void offerPositional(String shape, String sql, List<Object> predicted, List<Object> actual, int ordered) {
        if (predicted.equals(actual) && allDistinct(predicted.subList(ordered, predicted.size()))) {
            store(shape, sql);
        }
    }

    private void store(String shape, String sql) {
        long size = shape.length() + sql.length();
        if (chars.addAndGet(size) > MAX_CHARS) {
            chars.addAndGet(-size);
            return;
        }
        if (sqlByShape.putIfAbsent(shape, sql) != null) {
            chars.addAndGet(-size);
        }
    }

    private static boolean allDistinct(List<Object> values) {
        if (values.size() < 2) {
            return true;
        }
        Set<Object> seen = new HashSet<>();
        for (Object v : values) {
            if (v == null || !seen.add(v)) {
                return false;
            }
        }
        return true;
    }
}
