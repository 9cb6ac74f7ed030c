package org.zou4j.internal.access;

import java.util.Set;
import java.util.UUID;

/**
 * Who is calling: the person behind a session, as permission checks need it. The engine's internal system caller
 * (used for bootstrap and maintenance) is an admin without a person.
 *
 * @param personId      the person's id, or {@code null} for the system caller
 * @param role          global role code ({@code admin}, {@code manager}, {@code supervisor}, {@code user},
 *                      {@code client}, {@code vendor})
 * @param departmentIds the person's departments (supervisor limits)
 * @param isBot         whether the identity is a bot
 */
public record Caller(UUID personId, String role, Set<UUID> departmentIds, boolean isBot) {

    public Caller {
        departmentIds = Set.copyOf(departmentIds);
    }

    /** The engine itself: every right, no person. */
    public static Caller system() {
        return new Caller(null, "admin", Set.of(), false);
    }

    public boolean isAdmin() {
        return "admin".equals(role);
    }

    public boolean isSystem() {
        return personId == null;
    }

    public boolean hasRole(String r) {
        return r.equals(role);
    }
}
