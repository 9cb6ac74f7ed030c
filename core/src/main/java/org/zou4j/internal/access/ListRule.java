package org.zou4j.internal.access;

import java.sql.SQLException;
import org.zou4j.Query;
import org.zou4j.internal.sql.Filter;

/** Who may list a model and which rows they see. */
@FunctionalInterface
public interface ListRule {

    /**
     * Checks that the caller may list (throwing {@link org.zou4j.ZouException#forbidden()} otherwise) and returns
     * the restriction of visible rows, {@code null} for all.
     */
    Filter scope(AccessContext ctx, Query query) throws SQLException;

    /** Any authenticated caller sees every row. */
    ListRule ALL = (ctx, q) -> null;

    /** Admins only. */
    ListRule ADMIN = (ctx, q) -> {
        Rule.require(ctx.isAdmin());
        return null;
    };
}
