package org.zou4j.internal.access;

import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import org.zou4j.internal.sql.Filter;
import org.zou4j.internal.sql.Row;
import org.zou4j.internal.sql.Tx;

/** What a permission check may consult: the caller and the current transaction. */
public record AccessContext(Caller caller, Tx tx) {

    /** Whether the caller is in project {@code projectId}'s team (admins always are). */
    public boolean inTeam(UUID projectId) throws SQLException {
        if (caller.isAdmin()) {
            return true;
        }
        if (projectId == null || caller.personId() == null) {
            return false;
        }
        return tx.exists("project_person_link", List.of(Filter.eq("project_id", projectId),
                Filter.eq("person_id", caller.personId())));
    }

    /** The caller's effective role in a project: the project role when set, else the global role. */
    public String projectRole(UUID projectId) throws SQLException {
        if (caller.isAdmin() || projectId == null || caller.personId() == null) {
            return caller.role();
        }
        List<Row> links = tx.select("project_person_link", List.of(Filter.eq("project_id", projectId),
                Filter.eq("person_id", caller.personId())));
        if (links.isEmpty()) {
            return caller.role();
        }
        Object role = links.get(0).get("role");
        return role == null || "admin".equals(role) ? caller.role() : role.toString();
    }
}
