package org.zou4j.internal.sql;

import java.util.List;

/**
 * The engine's query AST: conditions on one table's columns, with typed Java values. Rendered to SQL with bound
 * parameters only ({@link SqlRenderer}); never concatenated.
 */
public sealed interface Filter {

    /** {@code column = value} ({@code value} never null). */
    record Eq(String column, Object value) implements Filter {
    }

    /** {@code column IS NULL}. */
    record IsNull(String column) implements Filter {
    }

    /** {@code column IN (values)}; an empty list matches nothing. */
    record In(String column, List<?> values) implements Filter {
        public In {
            values = List.copyOf(values);
        }
    }

    /** {@code lower(column) LIKE lower(pattern)}: Zou's case-insensitive ILIKE, wildcards honoured. */
    record ILike(String column, String pattern) implements Filter {
    }

    /** {@code lower(column) = lower(value)}: e-mail comparisons. */
    record EqIgnoreCase(String column, String value) implements Filter {
    }

    /** Person's computed {@code full_name} equals {@code value}. */
    record FullNameEq(String value) implements Filter {
    }

    /** {@code column IN (SELECT selectColumn FROM table WHERE where...)}. */
    record InSubquery(String column, String table, String selectColumn, List<Filter> where) implements Filter {
        public InSubquery {
            where = List.copyOf(where);
        }
    }

    /** All of the conditions. */
    record And(List<Filter> filters) implements Filter {
        public And {
            filters = List.copyOf(filters);
        }
    }

    /** Any of the conditions. */
    record Or(List<Filter> filters) implements Filter {
        public Or {
            filters = List.copyOf(filters);
        }
    }

    /** {@code from <= column <= to}; a null bound is open (both null: {@code column IS NOT NULL}). */
    record Range(String column, Object from, Object to) implements Filter {
    }

    /** The condition does not hold (SQL NOT; rows where it is unknown are excluded too). */
    record Not(Filter filter) implements Filter {
    }

    /** Matches nothing (e.g. a caller who may see no row). */
    record None() implements Filter {
    }

    static Filter eq(String column, Object value) {
        return new Eq(column, value);
    }

    static Filter between(String column, Object from, Object to) {
        return new Range(column, from, to);
    }

    static Filter not(Filter filter) {
        return new Not(filter);
    }

    static Filter in(String column, List<?> values) {
        return new In(column, values);
    }

    static Filter and(List<Filter> filters) {
        return new And(filters);
    }

    static Filter or(Filter... filters) {
        return new Or(List.of(filters));
    }

    static Filter sub(String column, String table, String selectColumn, Filter... where) {
        return new InSubquery(column, table, selectColumn, List.of(where));
    }
}
