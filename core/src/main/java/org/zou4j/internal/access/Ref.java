package org.zou4j.internal.access;

import java.sql.SQLException;
import java.util.UUID;
import org.zou4j.internal.sql.Row;

/**
 * How to reach a related object's id from a {@link Target}: a column of the target, optionally followed through
 * other tables ({@code Ref.column("task_id").then("task", "project_id")}: the project of a preview file).
 */
@FunctionalInterface
public interface Ref {

    /** The id, or {@code null} when a link in the chain is empty or dangling. */
    UUID resolve(AccessContext ctx, Target target) throws SQLException;

    static Ref column(String column) {
        return (ctx, t) -> t.id(column);
    }

    /** Follows the resolved id into {@code table} and reads {@code column} of that row. */
    default Ref then(String table, String column) {
        Ref first = this;
        return (ctx, t) -> {
            UUID id = first.resolve(ctx, t);
            Row row = ctx.row(table, id);
            return row == null ? null : Target.asId(row.get(column));
        };
    }

    /** This reference, or {@code other} when this one is empty. */
    default Ref orElse(Ref other) {
        Ref first = this;
        return (ctx, t) -> {
            UUID id = first.resolve(ctx, t);
            return id != null ? id : other.resolve(ctx, t);
        };
    }
}
