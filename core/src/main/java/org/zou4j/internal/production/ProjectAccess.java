package org.zou4j.internal.production;

import java.sql.SQLException;
import java.util.UUID;
import org.zou4j.internal.access.AccessContext;
import org.zou4j.internal.access.ProjectChecks;
import org.zou4j.internal.crud.Values;
import org.zou4j.internal.sql.Tx;

/**
 * The project-level checks as the production, breakdown, export and playlist services call them: a thin delegate to
 * {@link ProjectChecks}, kept so those callers need not change.
 */
public final class ProjectAccess {
    private ProjectAccess() {
    }

    /** The project must exist (404) and the caller be in its team or admin (403). */
    public static void requireTeam(AccessContext ctx, UUID projectId) throws SQLException {
        ProjectChecks.requireTeam(ctx, projectId);
    }

    /** TEAM plus an effective role of manager (or admin). */
    public static void requireManager(AccessContext ctx, UUID projectId) throws SQLException {
        ProjectChecks.requireManager(ctx, projectId);
    }

    /** A project id from a path: Zou's ProjectNotFoundException (404) when malformed. */
    public static UUID projectId(String text) {
        return Values.pathId(text);
    }

    public static void requireAdmin(AccessContext ctx) {
        ProjectChecks.requireAdmin(ctx);
    }

    public static void requireProject(Tx tx, UUID projectId) throws SQLException {
        ProjectChecks.requireProject(tx, projectId);
    }
}
