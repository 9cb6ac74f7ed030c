package org.zou4j.internal.access;

import java.sql.SQLException;
import org.zou4j.ZouException;

/**
 * Whether the caller may act on one object. Rules compose with {@link #and} and {@link #or}; reusable ones live in
 * {@link Rules}. A rule may also throw a {@link ZouException} itself (e.g. 404 for an unknown project, or 400 where
 * Zou validates before it checks rights).
 */
@FunctionalInterface
public interface Rule {

    boolean allows(AccessContext ctx, Target target) throws SQLException;

    /** Both, evaluated left to right (the right side only when the left allows). */
    default Rule and(Rule other) {
        Rule first = this;
        return (ctx, t) -> first.allows(ctx, t) && other.allows(ctx, t);
    }

    /** Either, evaluated left to right. */
    default Rule or(Rule other) {
        Rule first = this;
        return (ctx, t) -> first.allows(ctx, t) || other.allows(ctx, t);
    }

    /** The opposite of this rule. */
    default Rule negate() {
        Rule first = this;
        return (ctx, t) -> !first.allows(ctx, t);
    }

    /** Admins only: Zou's default for every operation it does not override. */
    Rule ADMIN = (ctx, t) -> ctx.isAdmin();

    /** Any authenticated caller. */
    Rule ANYONE = (ctx, t) -> true;

    /** Refused for everyone (reported as 403). */
    Rule NOBODY = (ctx, t) -> false;

    /** Throws Zou's 403 unless {@code allowed}. */
    static void require(boolean allowed) {
        if (!allowed) {
            throw ZouException.forbidden();
        }
    }
}
