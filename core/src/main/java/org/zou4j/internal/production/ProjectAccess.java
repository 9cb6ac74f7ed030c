package org.zou4j.internal.production;

import java.sql.SQLException;
import java.util.UUID;
import org.zou4j.ZouException;
import org.zou4j.internal.access.AccessContext;
import org.zou4j.internal.sql.Tx;

/** Project-level checks of Zou's non-generic routes (reference §6.1: TEAM, MGR). */
public final class ProjectAccess {
    private ProjectAccess() {
    }

    /** The project must exist (404) and the caller be in its team or admin (403). */
    public static void requireTeam(AccessContext ctx, UUID projectId) throws SQLException {
        requireProject(ctx.tx(), projectId);
        if (!ctx.inTeam(projectId)) {
            throw ZouException.forbidden();
        }
    }

    /** TEAM plus an effective role of manager (or admin). */
    public static void requireManager(AccessContext ctx, UUID projectId) throws SQLException {
        requireTeam(ctx, projectId);
        if (!ctx.caller().isAdmin() && !"manager".equals(ctx.projectRole(projectId))) {
            throw ZouException.forbidden();
        }
    }

    public static void requireAdmin(AccessContext ctx) {
        if (!ctx.caller().isAdmin()) {
            throw ZouException.forbidden();
        }
    }

    public static void requireProject(Tx tx, UUID projectId) throws SQLException {
        if (projectId == null || tx.byId("project", projectId) == null) {
            throw ZouException.notFound();
        }
    }
}
