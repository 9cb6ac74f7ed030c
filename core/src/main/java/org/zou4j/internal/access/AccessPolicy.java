package org.zou4j.internal.access;

import java.sql.SQLException;
import java.util.Map;
import java.util.Set;
import org.zou4j.Query;
import org.zou4j.ZouException;
import org.zou4j.internal.sql.Filter;
import org.zou4j.internal.sql.Row;

/**
 * The permission rules of one model, applied to every CRUD operation in-process and over HTTP alike. A check that
 * refuses throws {@link ZouException#forbidden()}. Built per model by {@link Policies} from {@link RulePolicy}.
 */
public interface AccessPolicy {

    /**
     * Checks that the caller may list, and returns a restriction of the rows they may see ({@code null}: all).
     * {@code query} is the list's query string (a few models decide on it, e.g. {@code project_id}).
     */
    Filter listScope(AccessContext ctx, Query query) throws SQLException;

    void checkRead(AccessContext ctx, Row row) throws SQLException;

    /**
     * {@code data} holds the validated column values about to be inserted, plus written collections (relation name
     * to the list of ids).
     */
    void checkCreate(AccessContext ctx, Map<String, Object> data) throws SQLException;

    /**
     * {@code changes} holds the validated column values about to be written, plus written collections (relation
     * name to the list of ids).
     */
    void checkUpdate(AccessContext ctx, Row row, Map<String, Object> changes) throws SQLException;

    void checkDelete(AccessContext ctx, Row row) throws SQLException;

    /** Columns this caller may neither see nor filter on (besides secrets hidden from everyone). */
    default Set<String> hiddenFrom(Caller caller) {
        return Set.of();
    }

    /**
     * Whether this caller may filter a list on {@code key} (a column, relation or computed field of the model); a
     * refused existing key answers 400 "Filtering on X is not allowed.".
     */
    default boolean mayFilter(Caller caller, String key) {
        return !hiddenFrom(caller).contains(key);
    }

    /** Update keys silently dropped for this caller (e.g. a person editing their own role). */
    default Set<String> protectedFrom(Caller caller) {
        return Set.of();
    }

    /**
     * Reshapes a serialized row for this caller (e.g. Zou's minimal person dict); the default keeps it.
     *
     * @param single {@code false} for list entries, {@code true} for single-object answers (get, create, update)
     */
    default Map<String, Object> shape(AccessContext ctx, Map<String, Object> json, boolean single) {
        return json;
    }

    /** Throws Zou's 403 unless the caller is an admin. */
    static void requireAdmin(AccessContext ctx) {
        if (!ctx.caller().isAdmin()) {
            throw ZouException.forbidden();
        }
    }
}
