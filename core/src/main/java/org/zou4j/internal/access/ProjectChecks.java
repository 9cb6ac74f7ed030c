package org.zou4j.internal.access;

import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;
import org.zou4j.ZouException;
import org.zou4j.internal.sql.Row;
import org.zou4j.internal.sql.Tx;

/**
 * The project-level checks of Zou's non-generic routes (reference §6.1: {@code check_project_access} TEAM,
 * {@code check_manager_project_access} MGR, and the role refusals), built on {@link Rules} so they read roles the
 * same way as the model rules.
 */
public final class ProjectChecks {
    private static final Target NO_TARGET = Target.of(Map.of());

    private ProjectChecks() {
    }

    /** A reference to a project known in advance. */
    public static Ref fixed(UUID projectId) {
        return (ctx, t) -> projectId;
    }

    /** The project row; Zou's ProjectNotFoundException (404) when unknown. */
    public static Row requireProject(Tx tx, UUID projectId) throws SQLException {
        Row project = projectId == null ? null : tx.byId("project", projectId);
        if (project == null) {
            throw ZouException.notFound();
        }
        return project;
    }

    /** TEAM: the project exists (404) and the caller is admin or in its team (403). */
    public static Row requireTeam(AccessContext access, UUID projectId) throws SQLException {
        Row project = requireProject(access.tx(), projectId);
        Rule.require(Rules.team(fixed(projectId)).allows(access, NO_TARGET));
        return project;
    }

    /** MGR: TEAM plus an effective project role of manager (or admin). */
    public static Row requireManager(AccessContext access, UUID projectId) throws SQLException {
        Row project = requireTeam(access, projectId);
        Rule.require(isManagerIn(access, projectId));
        return project;
    }

    /** Whether the caller is admin or a manager (effective role) in the project's team. */
    public static boolean isManagerIn(AccessContext access, UUID projectId) throws SQLException {
        return Rules.manager(fixed(projectId)).allows(access, NO_TARGET);
    }

    /** Admins only (403). */
    public static void requireAdmin(AccessContext access) {
        Rule.require(access.isAdmin());
    }

    /** Zou's {@code block_access_to_vendor} and the client/vendor refusals: 403 for these roles, never for admins. */
    public static void refuseRoles(AccessContext access, UUID projectId, String... roles) throws SQLException {
        if (access.isAdmin()) {
            return;
        }
        Rule.require(Rules.notRole(fixed(projectId), roles).allows(access, NO_TARGET));
    }
}
