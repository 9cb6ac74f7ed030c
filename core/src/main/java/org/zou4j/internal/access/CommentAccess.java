package org.zou4j.internal.access;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.zou4j.internal.sql.Row;

/**
 * Comments (Zou's {@code check_comment_access}, the comment resource's update and delete checks). A comment's
 * {@code object_id} is its task.
 */
final class CommentAccess {
    private CommentAccess() {
    }

    private static final Ref TASK = Ref.column("object_id");
    private static final Ref PROJECT = TASK.then("task", "project_id");
    private static final Ref ENTITY = TASK.then("task", "entity_id");
    private static final Set<String> ANYONE_MAY_TOUCH = Set.of("pinned", "checklist");

    /**
     * Admins; else team + entity access, then supervisors and managers read all; clients read client-authored or
     * {@code for_client} comments (only their own or {@code for_client} ones when the project isolates clients);
     * others read everything but client-authored comments.
     */
    static Rule read() {
        return Rule.ADMIN.or(Rules.team(PROJECT).and(Rules.entityAccess(ENTITY, PROJECT))
                .and(CommentAccess::visibleForRole));
    }

    private static boolean visibleForRole(AccessContext ctx, Target t) throws SQLException {
        UUID project = PROJECT.resolve(ctx, t);
        String role = ctx.projectRole(project);
        if (role.equals("manager") || role.equals("supervisor") || role.equals("admin")) {
            return true;
        }
        UUID author = t.id("person_id");
        boolean forClient = Boolean.TRUE.equals(t.get("for_client"));
        boolean byClient = "client".equals(ctx.roleOf(author, project));
        if (role.equals("client")) {
            Row p = ctx.row("project", project);
            boolean isolated = p != null && Boolean.TRUE.equals(p.get("is_clients_isolated"));
            if (isolated && !Objects.equals(author, ctx.me()) && !forClient) {
                return false;
            }
            return byClient || forClient;
        }
        return !byClient;
    }

    /**
     * Admins; else team members: managers change anything; others change only {@code pinned}/{@code checklist} of
     * someone else's comment (pinning needs a supervisor covering the task type's department; ticking checklist
     * items needs being that supervisor or an assignee), never {@code for_client}, never the author or the task;
     * a status change needs task action access and a status allowed for their role.
     */
    static Rule update() {
        return Rule.ADMIN.or(Rules.team(PROJECT).and(Rules.teamRole(PROJECT, "manager")
                .or(CommentAccess::nonManagerUpdate)));
    }

    private static boolean nonManagerUpdate(AccessContext ctx, Target t) throws SQLException {
        var changes = t.changes();
        if (changed(changes, "for_client", Boolean.TRUE.equals(t.get("for_client")))) {
            return false;
        }
        UUID project = PROJECT.resolve(ctx, t);
        UUID taskId = TASK.resolve(ctx, t);
        boolean supervisor = "supervisor".equals(ctx.projectRole(project));
        Row task = ctx.row("task", taskId);
        boolean inDepartment = ctx.coversDepartment(ctx.taskTypeDepartment(
                task == null ? null : (UUID) task.get("task_type_id")));
        boolean assigned = ctx.assignedTo(taskId);
        boolean own = Rules.self("person_id").allows(ctx, t);

        if (changed(changes, "pinned", t.get("pinned")) && !(supervisor && inDepartment)) {
            return false;
        }
        if (changes.containsKey("checklist") && !Json.node(changes.get("checklist")).equals(Json.node(t.get("checklist")))
                && !own
                && ((supervisor && !(inDepartment || assigned)) || (!supervisor && !assigned))
                && onlyCheckedFlagsChange(Json.node(t.get("checklist")), Json.node(changes.get("checklist")))) {
            return false;
        }
        Set<String> others = new HashSet<>(changes.keySet());
        others.removeAll(ANYONE_MAY_TOUCH);
        if (!own && !others.isEmpty()) {
            return false;
        }
        if (changes.containsKey("person_id") && !Objects.equals(changes.get("person_id"), ctx.me())) {
            return false;
        }
        if (changed(changes, "object_id", t.get("object_id"))) {
            return false;
        }
        if (changes.containsKey("task_status_id")) {
            Object status = changes.get("task_status_id");
            if (!String.valueOf(status).toLowerCase(Locale.ROOT)
                    .equals(String.valueOf(t.get("task_status_id")).toLowerCase(Locale.ROOT))
                    && !Rules.taskAction(TASK).allows(ctx, t)) {
                return false;
            }
            return statusAllowedForRole(ctx, ctx.projectRole(project), (UUID) status);
        }
        return true;
    }

    /** Zou's {@code check_task_status_access}: artists need {@code is_artist_allowed}, clients {@code is_client_allowed}. */
    static boolean statusAllowedForRole(AccessContext ctx, String role, UUID statusId) throws SQLException {
        String flag = switch (role) {
            case "user" -> "is_artist_allowed";
            case "client" -> "is_client_allowed";
            default -> null;
        };
        if (flag == null || statusId == null) {
            return true;
        }
        Row status = ctx.row("task_status", statusId);
        return status != null && Boolean.TRUE.equals(status.get(flag));
    }

    /** Same items, differing at most in their {@code checked} flags. */
    private static boolean onlyCheckedFlagsChange(JsonNode before, JsonNode after) {
        if (!before.isArray() || !after.isArray() || before.size() != after.size()) {
            return false;
        }
        for (int i = 0; i < before.size(); i++) {
            JsonNode old = before.get(i);
            JsonNode now = after.get(i);
            if (!old.isObject() || !now.isObject()) {
                return false;
            }
            for (Iterator<String> keys = old.fieldNames(); keys.hasNext(); ) {
                String k = keys.next();
                if (!k.equals("checked") && !old.get(k).equals(now.get(k))) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean changed(java.util.Map<String, Object> changes, String key, Object stored) {
        return changes.containsKey(key) && !Objects.equals(changes.get(key), stored);
    }

    /**
     * Managers (effective role in the task's project, admins included) need to be in the team; anyone else only
     * deletes their own comments.
     */
    static Rule delete() {
        return (ctx, t) -> {
            UUID project = PROJECT.resolve(ctx, t);
            String role = ctx.projectRole(project);
            if (role.equals("admin") || role.equals("manager")) {
                return ctx.inTeam(project);
            }
            return Rules.self("person_id").allows(ctx, t);
        };
    }
}
