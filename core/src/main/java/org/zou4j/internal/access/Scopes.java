package org.zou4j.internal.access;

import java.util.ArrayList;
import java.util.List;
import org.zou4j.internal.sql.Filter;

/**
 * List restrictions as {@link Filter} trees over bound parameters only: the caller's team projects (open ones or
 * all), their assigned tasks, and "through" filters that reach a project via a task or an entity.
 */
public final class Scopes {
    private Scopes() {
    }

    /** Zou's well-known status of running productions. */
    static final String OPEN_STATUS = "Open";

    /** {@code column IN (projects whose status is Open)}. */
    public static Filter openProjects(String column) {
        return Filter.sub(column, "project", "id", openStatus());
    }

    /**
     * {@code column IN (projects whose team holds the caller[, whose status is Open])}: Zou's
     * {@code build_related_projects_filter} ({@code openOnly}) and {@code build_team_filter}.
     */
    public static Filter teamProjects(AccessContext ctx, String column, boolean openOnly) {
        if (ctx.me() == null) {
            return new Filter.None();
        }
        List<Filter> where = new ArrayList<>();
        where.add(Filter.sub("id", "project_person_link", "project_id", Filter.eq("person_id", ctx.me())));
        if (openOnly) {
            where.add(openStatus());
        }
        return new Filter.InSubquery(column, "project", "id", where);
    }

    /** {@code column IN (tasks the caller is assigned to)}. */
    public static Filter assignedTasks(AccessContext ctx, String column) {
        if (ctx.me() == null) {
            return new Filter.None();
        }
        return Filter.sub(column, "task_person_link", "task_id", Filter.eq("person_id", ctx.me()));
    }

    /** {@code column IN (SELECT id FROM table WHERE where...)}: reaches a scope through a foreign key. */
    public static Filter through(String column, String table, Filter... where) {
        return Filter.sub(column, table, "id", where);
    }

    private static Filter openStatus() {
        return Filter.sub("project_status_id", "project_status", "id", Filter.eq("name", OPEN_STATUS));
    }
}
