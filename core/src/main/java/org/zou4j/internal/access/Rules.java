package org.zou4j.internal.access;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.zou4j.internal.sql.Filter;

/**
 * Zou's reusable permission checks (reference zou-data-model.md §6.1, zou-auth.md §5.3) as {@link Rule}s. Project
 * roles are resolved from the project the rule is about, never from a previous check, so a rule reads the same role
 * whatever ran before it.
 */
public final class Rules {
    private Rules() {
    }

    private static final Set<String> MANAGER = Set.of("manager");
    private static final Set<String> MANAGER_OR_SUPERVISOR = Set.of("manager", "supervisor");

    // ---- project membership and roles ------------------------------------------------------------------------------

    /** TEAM(p): admin, or a member of the project's team (any project status). Unknown project: 404. */
    public static Rule team(Ref project) {
        return (ctx, t) -> ctx.inTeam(project.resolve(ctx, t));
    }

    /** MGR(p): admin, or a team member whose effective role there is manager. */
    public static Rule manager(Ref project) {
        return (ctx, t) -> ctx.hasProjectRole(project.resolve(ctx, t), MANAGER);
    }

    /** SUP(p): admin, or a team member whose effective role there is manager or supervisor. */
    public static Rule supervisorOrManager(Ref project) {
        return (ctx, t) -> ctx.hasProjectRole(project.resolve(ctx, t), MANAGER_OR_SUPERVISOR);
    }

    /** A team member whose effective role there is exactly one of {@code roles} (no admin shortcut). */
    public static Rule teamRole(Ref project, String... roles) {
        Set<String> set = Set.of(roles);
        return (ctx, t) -> {
            UUID p = project.resolve(ctx, t);
            return !ctx.isAdmin() && ctx.inTeam(p) && set.contains(ctx.projectRole(p));
        };
    }

    /** The caller's effective role (in {@code project}, or global when it resolves to nothing) is none of these. */
    public static Rule notRole(Ref project, String... roles) {
        Set<String> set = Set.of(roles);
        return (ctx, t) -> {
            UUID p = project.resolve(ctx, t);
            return !set.contains(p == null ? ctx.globalRole() : ctx.projectRole(p));
        };
    }

    /** The caller's effective role (in {@code project}, or global when it resolves to nothing) is one of these. */
    public static Rule isRole(Ref project, String... roles) {
        Set<String> set = Set.of(roles);
        return (ctx, t) -> {
            UUID p = project.resolve(ctx, t);
            return set.contains(p == null ? ctx.globalRole() : ctx.projectRole(p));
        };
    }

    /** The caller's global role is one of {@code roles} (admins always pass). */
    public static Rule globalRole(String... roles) {
        Set<String> set = Set.of(roles);
        return (ctx, t) -> ctx.isAdmin() || set.contains(ctx.globalRole());
    }

    // ---- the caller and the object ---------------------------------------------------------------------------------

    /** The object's {@code column} is the caller's person id (their own day off, their own comment...). */
    public static Rule self(String column) {
        return (ctx, t) -> ctx.me() != null && ctx.me().equals(t.id(column));
    }

    /** ENT(e): non-vendors pass; a vendor (effective role in the project) needs a task on the entity assigned. */
    public static Rule entityAccess(Ref entity, Ref project) {
        return notRole(project, "vendor").or(workingOnEntity(entity));
    }

    /** The caller is assigned to the task (Zou's {@code check_working_on_task}). */
    public static Rule assignedTo(Ref task) {
        return (ctx, t) -> ctx.assignedTo(task.resolve(ctx, t));
    }

    /** The caller is assigned to a task of the entity (Zou's {@code check_working_on_entity}). */
    public static Rule workingOnEntity(Ref entity) {
        return (ctx, t) -> ctx.workingOnEntity(entity.resolve(ctx, t));
    }

    /** The person in the object's {@code personColumn} is an assignee of the task (not necessarily the caller). */
    public static Rule personAssignedTo(String personColumn, Ref task) {
        return (ctx, t) -> {
            UUID person = t.id(personColumn);
            UUID taskId = task.resolve(ctx, t);
            return person != null && taskId != null && ctx.tx().exists("task_person_link",
                    List.of(Filter.eq("task_id", taskId), Filter.eq("person_id", person)));
        };
    }

    /** The object's {@code column} is set. */
    public static Rule present(String column) {
        return (ctx, t) -> t.get(column) != null;
    }

    /** The task type's department is one of the caller's, or the caller has no department. */
    public static Rule coversTaskType(Ref taskType) {
        return (ctx, t) -> ctx.coversDepartment(ctx.taskTypeDepartment(taskType.resolve(ctx, t)));
    }

    /**
     * Zou's {@code check_task_action_access}: admin; or a team member who is manager or client there, or an
     * assignee, or a supervisor covering the task type's department, or the creator of the task's entity.
     */
    public static Rule taskAction(Ref task) {
        Ref project = task.then("task", "project_id");
        return Rule.ADMIN.or(team(project).and(
                teamRole(project, "manager", "client")
                        .or(assignedTo(task))
                        .or(teamRole(project, "supervisor").and(coversTaskType(task.then("task", "task_type_id"))))
                        .or((ctx, t) -> {
                            UUID creator = task.then("task", "entity_id").then("entity", "created_by").resolve(ctx, t);
                            return creator != null && creator.equals(ctx.me());
                        })));
    }

    // ---- what an update changes ------------------------------------------------------------------------------------

    /** The update writes no key outside {@code keys}. */
    public static Rule onlyChanging(String... keys) {
        Set<String> allowed = Set.of(keys);
        return (ctx, t) -> allowed.containsAll(t.changes().keySet());
    }

    /** The update leaves {@code key} absent or equal to its stored value. */
    public static Rule notChanging(String key) {
        return (ctx, t) -> !t.changes().containsKey(key) || Objects.equals(t.changes().get(key), t.get(key));
    }
}
