package org.zou4j.internal.access;

import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.zou4j.ZouException;
import org.zou4j.internal.sql.Filter;
import org.zou4j.internal.sql.Row;
import org.zou4j.internal.sql.Tx;

/**
 * What a permission check may consult: the caller, the current transaction, and the facts derived from them (team
 * membership, the caller's role per project, assignments). Lives as long as one operation (one
 * {@code HookContext}); the facts it looks up are cached for that lifetime only, never across operations.
 */
public final class AccessContext {
    private final Caller caller;
    private final Tx tx;
    /** project id → the caller's team link ({@code null} role: global role applies), or empty when not a member. */
    private final Map<UUID, Optional<Membership>> memberships = new HashMap<>();
    private final Map<String, Optional<Row>> rows = new HashMap<>();
    private final Map<UUID, Boolean> assigned = new HashMap<>();
    private final Map<UUID, Boolean> workingOn = new HashMap<>();

    private record Membership(String role) {
    }

    public AccessContext(Caller caller, Tx tx) {
        this.caller = caller;
        this.tx = tx;
    }

    public Caller caller() {
        return caller;
    }

    public Tx tx() {
        return tx;
    }

    /** Global admin (Zou's {@code has_admin_permissions}); the system caller is one. */
    public boolean isAdmin() {
        return caller.isAdmin();
    }

    /** The caller's person id ({@code null} for the system caller). */
    public UUID me() {
        return caller.personId();
    }

    /** The caller's global role. */
    public String globalRole() {
        return caller.role();
    }

    /** A row by id, looked up once per operation; {@code null} when {@code id} is null or unknown. */
    public Row row(String table, UUID id) throws SQLException {
        if (id == null) {
            return null;
        }
        String key = table + '/' + id;
        Optional<Row> cached = rows.get(key);
        if (cached == null) {
            cached = Optional.ofNullable(tx.byId(table, id));
            rows.put(key, cached);
        }
        return cached.orElse(null);
    }

    // ---- team and roles (reference §6.1) ---------------------------------------------------------------------------

    /**
     * TEAM(p): admins always, others when in project {@code projectId}'s team, whatever the project's status.
     *
     * @throws ZouException 404 when the project does not exist (non-admins only, as Zou)
     */
    public boolean inTeam(UUID projectId) throws SQLException {
        if (caller.isAdmin()) {
            return true;
        }
        return membership(projectId).isPresent();
    }

    private Optional<Membership> membership(UUID projectId) throws SQLException {
        if (projectId == null || caller.personId() == null) {
            return Optional.empty();
        }
        Optional<Membership> m = memberships.get(projectId);
        if (m == null) {
            if (row("project", projectId) == null) {
                throw ZouException.notFound();
            }
            List<Row> links = tx.select("project_person_link", List.of(Filter.eq("project_id", projectId),
                    Filter.eq("person_id", caller.personId())));
            m = links.isEmpty() ? Optional.empty()
                    : Optional.of(new Membership((String) links.get(0).get("role")));
            memberships.put(projectId, m);
        }
        return m;
    }

    /**
     * The caller's effective role in a project: the project role of their team link when set (and not
     * {@code admin}, a global-only role), else their global role. Admins are admins everywhere; outside the team the
     * global role applies (Zou clears the project slot when the team check fails).
     */
    public String projectRole(UUID projectId) throws SQLException {
        if (caller.isAdmin()) {
            return "admin";
        }
        Optional<Membership> m = membership(projectId);
        String role = m.map(Membership::role).orElse(null);
        return role == null || "admin".equals(role) ? caller.role() : role;
    }

    /** Admin, or in the team of {@code projectId} with one of {@code roles} as effective role there. */
    public boolean hasProjectRole(UUID projectId, Set<String> roles) throws SQLException {
        if (caller.isAdmin()) {
            return true;
        }
        return inTeam(projectId) && roles.contains(projectRole(projectId));
    }

    /** Another person's effective role in a project (their team link's role when set, else their global role). */
    public String roleOf(UUID personId, UUID projectId) throws SQLException {
        if (personId == null) {
            return null;
        }
        if (projectId != null) {
            List<Row> links = tx.select("project_person_link", List.of(Filter.eq("project_id", projectId),
                    Filter.eq("person_id", personId)));
            if (!links.isEmpty() && links.get(0).get("role") != null && !"admin".equals(links.get(0).get("role"))) {
                return (String) links.get(0).get("role");
            }
        }
        Row person = row("person", personId);
        return person == null ? null : (String) person.get("role");
    }

    // ---- assignments and departments -------------------------------------------------------------------------------

    /** Whether the caller is an assignee of task {@code taskId}. */
    public boolean assignedTo(UUID taskId) throws SQLException {
        if (taskId == null || caller.personId() == null) {
            return false;
        }
        Boolean b = assigned.get(taskId);
        if (b == null) {
            b = tx.exists("task_person_link", List.of(Filter.eq("task_id", taskId),
                    Filter.eq("person_id", caller.personId())));
            assigned.put(taskId, b);
        }
        return b;
    }

    /** Whether the caller is assigned to a task of entity {@code entityId} (Zou's {@code check_working_on_entity}). */
    public boolean workingOnEntity(UUID entityId) throws SQLException {
        if (entityId == null || caller.personId() == null) {
            return false;
        }
        Boolean b = workingOn.get(entityId);
        if (b == null) {
            b = tx.exists("task", List.of(Filter.eq("entity_id", entityId), Scopes.assignedTasks(this, "id")));
            workingOn.put(entityId, b);
        }
        return b;
    }

    /**
     * Whether a department is one of the caller's, where a caller without departments counts as in every
     * department (Zou's supervisor rule).
     */
    public boolean coversDepartment(UUID departmentId) {
        return caller.departmentIds().isEmpty() || caller.departmentIds().contains(departmentId);
    }

    /** The department of a task type, or {@code null}. */
    public UUID taskTypeDepartment(UUID taskTypeId) throws SQLException {
        Row tt = row("task_type", taskTypeId);
        return tt == null ? null : (UUID) tt.get("department_id");
    }
}
