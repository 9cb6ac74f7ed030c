package org.zou4j.internal.access;

import java.sql.SQLException;
import java.util.Map;
import java.util.Set;
import org.zou4j.ZouException;
import org.zou4j.internal.sql.Filter;
import org.zou4j.internal.sql.Row;

/**
 * The permission rules of one model, applied to every CRUD operation in-process and over HTTP alike. A check that
 * refuses throws {@link ZouException#forbidden()}.
 */
public interface AccessPolicy {

    /**
     * Checks that the caller may list, and returns a restriction of the rows they may see ({@code null}: all).
     */
    Filter listScope(AccessContext ctx) throws SQLException;

    void checkRead(AccessContext ctx, Row row) throws SQLException;

    /** {@code data} holds the validated column values about to be inserted. */
    void checkCreate(AccessContext ctx, Map<String, Object> data) throws SQLException;

    /** {@code changes} holds the validated column values about to be written. */
    void checkUpdate(AccessContext ctx, Row row, Map<String, Object> changes) throws SQLException;

    void checkDelete(AccessContext ctx, Row row) throws SQLException;

    /** Columns this caller may neither see nor filter on (besides secrets hidden from everyone). */
    default Set<String> hiddenFrom(Caller caller) {
        return Set.of();
    }

    /** Update keys silently dropped for this caller (e.g. a person editing their own role). */
    default Set<String> protectedFrom(Caller caller) {
        return Set.of();
    }

    /** Reshapes a serialized row for this caller (e.g. Zou's minimal person dict); the default keeps it. */
    default Map<String, Object> shape(AccessContext ctx, Map<String, Object> json, boolean single) {
        return json;
    }

    /** Only admins, for everything: Zou's default (reference §6.1). */
    AccessPolicy ADMIN_ONLY = new AccessPolicy() {
        @Override
        public Filter listScope(AccessContext ctx) {
            requireAdmin(ctx);
            return null;
        }

        @Override
        public void checkRead(AccessContext ctx, Row row) {
            requireAdmin(ctx);
        }

        @Override
        public void checkCreate(AccessContext ctx, Map<String, Object> data) {
            requireAdmin(ctx);
        }

        @Override
        public void checkUpdate(AccessContext ctx, Row row, Map<String, Object> changes) {
            requireAdmin(ctx);
        }

        @Override
        public void checkDelete(AccessContext ctx, Row row) {
            requireAdmin(ctx);
        }
    };

    /** Anyone authenticated reads, only admins write (e.g. task types, statuses, departments). */
    AccessPolicy READ_ALL_WRITE_ADMIN = new AccessPolicy() {
        @Override
        public Filter listScope(AccessContext ctx) {
            return null;
        }

        @Override
        public void checkRead(AccessContext ctx, Row row) {
        }

        @Override
        public void checkCreate(AccessContext ctx, Map<String, Object> data) {
            requireAdmin(ctx);
        }

        @Override
        public void checkUpdate(AccessContext ctx, Row row, Map<String, Object> changes) {
            requireAdmin(ctx);
        }

        @Override
        public void checkDelete(AccessContext ctx, Row row) {
            requireAdmin(ctx);
        }
    };

    static void requireAdmin(AccessContext ctx) {
        if (!ctx.caller().isAdmin()) {
            throw ZouException.forbidden();
        }
    }
}
