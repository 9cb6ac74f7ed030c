package org.zou4j.internal.production;

import java.sql.SQLException;
import java.util.UUID;
import org.zou4j.ZouException;
import org.zou4j.internal.access.AccessContext;
import org.zou4j.internal.access.Ref;
import org.zou4j.internal.access.Rule;
import org.zou4j.internal.access.Rules;
import org.zou4j.internal.access.Target;
import org.zou4j.internal.sql.Tx;

/** Project-level checks of Zou's non-generic routes (reference §6.1: TEAM, MGR), delegating to {@link Rules}. */
public final class ProjectAccess {
    private ProjectAccess() {
    }

    /** The project must exist (404) and the caller be in its team or admin (403). */
    public static void requireTeam(AccessContext ctx, UUID projectId) throws SQLException {
        requireProject(ctx.tx(), projectId);
        Rule.require(Rules.team(fixed(projectId)).allows(ctx, NO_TARGET));
    }

    /** TEAM plus an effective role of manager (or admin). */
    public static void requireManager(AccessContext ctx, UUID projectId) throws SQLException {
        requireTeam(ctx, projectId);
        Rule.require(Rules.manager(fixed(projectId)).allows(ctx, NO_TARGET));
    }

    private static final Target NO_TARGET = Target.of(java.util.Map.of());

    private static Ref fixed(UUID projectId) {
        return (ctx, t) -> projectId;
    }

    /** A project id from a path: Zou's ProjectNotFoundException (404) when malformed. */
    public static UUID projectId(String text) {
        UUID id = org.zou4j.internal.crud.Values.tryParseId(text);
        if (id == null) {
            throw ZouException.notFound();
        }
        return id;
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
